"""Guards against a broken Qt binding that would crash long sessions.

PySide6 6.12.0 on Python 3.11 dropped a reference to None on every void method call, so
the interpreter aborted ("deallocating None") after some 10^5 calls — minutes of live
curves. pyproject.toml excludes it; this test fails if such a build comes back.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_qt_calls_keep_none_refcount(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
    assert sys.getrefcount(None) >= before - 100
