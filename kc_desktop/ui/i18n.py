"""Translation helpers of the window.

The Qt-free core marks its user-facing text with ``QT_TRANSLATE_NOOP("core", ...)``;
``core_text`` is where the window translates it (templates first, values after).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kc_desktop.core.i18n import CONTEXT


def core_text(text: str) -> str:
    """``text`` from the core, in the interface's language."""
    return QCoreApplication.translate(CONTEXT, text)
