"""Child process of the start-up figure: ``python -m kc_desktop.bench.startup_child app|bare``.

Prints one line, ``painted``, as soon as the first paint of its main window has been
processed, then exits at once. The parent clocks from spawning to reading that line, so
both windows pay the same interpreter start and the same harness.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

PAINTED = "painted"


class _FirstPaint(QObject):
    """Application-wide filter: after the first paint pass of a main window, report and exit."""

    def __init__(self) -> None:
        super().__init__()
        self.seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.seen and event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
            self.seen = True
            QTimer.singleShot(0, _report)  # after the rest of this paint pass
        return False


def _report() -> None:
    print(PAINTED, flush=True)
    os._exit(0)  # at once: the app's background import may still be running


def main(kind: str) -> None:
    watcher = _FirstPaint()
    if kind == "bare":
        app = QApplication(sys.argv)
        app.installEventFilter(watcher)
        window = QMainWindow()  # the hello-world a PySide6 user starts from
        window.setWindowTitle("Hello")
        window.setCentralWidget(QLabel("Hello, world"))
        window.statusBar().showMessage("Ready.")
        window.resize(1200, 800)
        window.show()
        app.exec()
        return
    from kc_desktop.ui.app import create_application, run_app

    create_application().installEventFilter(watcher)
    run_app()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "app")
