"""Closing the window while a model trains: stop, save, then close — without freezing.

The question closes at once; a small progress window says "Stopping and saving…" and shows
what the run reports meanwhile (testing, writing the checkpoint), while the GUI keeps
painting. Background jobs are cancelled straight away so they stop taking the CPU the save
needs. When the training thread has ended, ``finished`` tells the window to close again:
by then the run is saved, or, when its folder could not be written, the window offers to
save the in-memory run elsewhere (``MainWindow.confirm_discard_unsaved``).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from kc_desktop.ui.jobs import cancel_all_jobs


class QuitWhileTraining(QObject):
    """Stops ``session`` and shows progress; emits ``finished`` once its thread has ended."""

    finished = Signal()

    def __init__(self, window: QWidget, session) -> None:
        super().__init__(window)
        self.session = session
        self.stoppingDialog = QProgressDialog(window, objectName="stoppingDialog")
        self.stoppingDialog.setWindowTitle(self.tr("Quitting"))
        self.stoppingDialog.setLabelText(self.tr("Stopping and saving…"))
        self.stoppingDialog.setCancelButton(None)
        self.stoppingDialog.setRange(0, 0)  # busy: the run reports what it is doing instead
        self.stoppingDialog.setMinimumDuration(0)
        self.stoppingDialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.stoppingDialog.setAutoClose(False)
        self.stoppingDialog.setAutoReset(False)
        session.event_logged.connect(self._on_session_event_logged)
        session.state_changed.connect(self._on_session_state_changed)

    def start(self) -> None:
        """Cancel background jobs, ask the run to stop, show the progress window."""
        cancel_all_jobs()
        self.stoppingDialog.show()
        self.session.stop()
        if not self.session.is_active:  # it ended before the stop was asked for
            self._finish()

    def _on_session_event_logged(self, message: str, _level: str) -> None:
        self.stoppingDialog.setLabelText(
            self.tr("Stopping and saving…\n{step}").format(step=message)
        )

    def _on_session_state_changed(self, state: str) -> None:
        if state == "idle":
            self._finish()

    def _finish(self) -> None:
        self.session.event_logged.disconnect(self._on_session_event_logged)
        self.session.state_changed.disconnect(self._on_session_state_changed)
        self.stoppingDialog.close()
        self.finished.emit()
