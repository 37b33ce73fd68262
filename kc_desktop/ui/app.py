"""QApplication set-up. The window paints first; PyTorch is imported after, off the GUI thread."""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

APP_NAME = "kc_desktop"
CORE_LOAD_FALLBACK_MS = 1000
"""Start the core import this long after show() even if no paint came (a minimised window)."""


def create_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication (reused when one exists, as under pytest-qt)."""
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
        app = QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    from kc_desktop.ui.icon import app_icon

    app.setWindowIcon(app_icon())  # the About box and dialogs show it too
    return app


def run_app(camera_file: str | None = None) -> int:
    """Open the main window and run the event loop; returns the exit status.

    ``camera_file``: a video file the camera views offer (and prefer) as a camera.
    """
    app = create_application()
    if camera_file:
        from kc_desktop.ui.camera.choice import set_camera_file

        set_camera_file(camera_file)
    from kc_desktop.ui.main_window import MainWindow

    window = MainWindow()
    window.core_ready.connect(window.offer_getting_started)  # the tour, on first launch only
    window.show()
    _AfterFirstPaint(window, window.load_core)
    return app.exec()


class _AfterFirstPaint(QObject):
    """Runs ``action`` once, right after ``window``'s first paint (or after a fallback delay).

    Importing PyTorch on a thread still slows the first paint through the GIL (about twice
    as long on two cores), so the import starts once the window is on screen.
    """

    def __init__(self, window: QWidget, action: Callable[[], None]) -> None:
        super().__init__(window)
        self._window, self._action, self._done = window, action, False
        window.installEventFilter(self)
        QTimer.singleShot(CORE_LOAD_FALLBACK_MS, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self._run)  # after the rest of this paint pass
        return False

    def _run(self) -> None:
        if not self._done:
            self._done = True
            self._window.removeEventFilter(self)
            self._action()
