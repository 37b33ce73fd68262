"""Owns the QThread of one training run: start, pause, resume, stop, and a safe shutdown.

Qt's worker-object pattern: the worker is moved to a QThread, ``thread.started`` runs it,
its end quits the thread, and ``thread.finished`` deletes both. The GUI calls the
RunControl directly because the worker's thread is busy inside ``Trainer.fit``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal

from kc_desktop.core.kinds import RunState
from kc_desktop.core.training.config import TrainConfig
from kc_desktop.core.training.control import RunControl
from kc_desktop.ui.train.worker import TrainingWorker


class TrainingSession(QObject):
    """The GUI side of a run. Re-emits the worker's signals on the GUI thread."""

    run_started = Signal(dict)
    metrics_logged = Signal(list)
    epoch_ended = Signal(dict)
    images_ready = Signal(int, str, object)
    event_logged = Signal(str, str)
    preparing = Signal(str, int, int)
    finished = Signal(dict)
    failed = Signal(str)
    state_changed = Signal(str)  # a RunState value

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.control: RunControl | None = None
        self._thread: QThread | None = None
        self._worker: TrainingWorker | None = None
        self.state = RunState.IDLE
        self.unsaved: Any = None
        """The last run's ``UnsavedRun`` when its folder could not be written, until saved."""

    @property
    def is_active(self) -> bool:
        return self._thread is not None

    def start(self, config: TrainConfig, dataset: Any = None) -> None:
        if self.is_active:
            raise RuntimeError("A run is already active.")
        self.control = RunControl()
        self.unsaved = None
        thread = QThread()
        thread.setObjectName("TrainingThread")
        worker = TrainingWorker(config, self.control, dataset)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.run_started.connect(self.run_started)
        worker.metrics_logged.connect(self.metrics_logged)
        worker.epoch_ended.connect(self.epoch_ended)
        worker.images_ready.connect(self.images_ready)
        worker.event_logged.connect(self.event_logged)
        worker.preparing.connect(self.preparing)
        worker.finished.connect(self._on_worker_finished)
        worker.failed.connect(self._on_worker_failed)
        # Direct: QThread.quit is thread-safe, and a queued call would wait for the GUI
        # event loop, which is blocked in shutdown()'s wait() when the window closes.
        worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        worker.failed.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        thread.finished.connect(worker.deleteLater)
        thread.finished.connect(self._on_thread_finished)
        self._thread, self._worker = thread, worker
        thread.start()
        self._set_state(RunState.RUNNING)

    def pause(self) -> None:
        if self.control is not None and self.state == RunState.RUNNING:
            self.control.pause()
            self._set_state(RunState.PAUSED)

    def resume(self) -> None:
        if self.control is not None and self.state == RunState.PAUSED:
            self.control.resume()
            self._set_state(RunState.RUNNING)

    def stop(self) -> None:
        if self.control is not None and self.state in (RunState.RUNNING, RunState.PAUSED):
            self.control.stop()
            self._set_state(RunState.STOPPING)

    def set_lr(self, lr: float) -> None:
        if self.control is not None:
            self.control.set_lr(lr)

    def shutdown(self, timeout_ms: int = 60_000) -> bool:
        """Stop the run and wait for its thread (closing the window); True when it ended."""
        thread = self._thread
        if thread is None:
            return True
        self.stop()
        finished = thread.wait(timeout_ms)
        if finished:
            self._on_thread_finished()
        return finished

    def save_unsaved(self, parent: str | Path) -> Path:
        """Write the run that could not be saved into a new folder under ``parent``.

        Raises ``OSError`` when that fails too; the run stays in memory for another try.
        """
        if self.unsaved is None:
            raise RuntimeError("There is no unsaved run.")
        destination = self.unsaved.write_to(parent)
        self.unsaved = None
        return destination

    def _on_worker_finished(self, summary: dict) -> None:
        if self._worker is not None:  # it has finished run(): its result can be read
            self.unsaved = self._worker.unsaved
        self.finished.emit(summary)

    def _on_worker_failed(self, message: str) -> None:
        self.failed.emit(message)

    def _on_thread_finished(self) -> None:
        if self._thread is None:
            return
        self._thread.deleteLater()
        self._thread, self._worker, self.control = None, None, None
        self._set_state(RunState.IDLE)

    def _set_state(self, state: str) -> None:
        self.state = state
        self.state_changed.emit(state)
