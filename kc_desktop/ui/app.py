"""QApplication set-up. The window paints first; PyTorch is imported after, off the GUI thread."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

APP_NAME = "kc_desktop"


def create_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication (reused when one exists, as under pytest-qt)."""
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
        app = QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    return app


def run_app() -> int:
    """Open the main window and run the event loop; returns the exit status."""
    app = create_application()
    from kc_desktop.ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    window.load_core()
    return app.exec()
