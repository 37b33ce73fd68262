"""TrainingWorker: runs Trainer.fit on a QThread and reports through throttled signals.

Signals carry plain Python data only (dicts, floats, uint8 numpy copies), never tensors
or Qt GUI objects, so widgets are touched on the GUI thread alone. Step logs are batched
and emitted at most ~10 times a second however fast the model trains (each batch costs
the GUI thread a progress-bar repaint and a plot frame, since plots draw only when
points arrived).
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from kc_desktop.core.training.callbacks import Callback
from kc_desktop.core.training.config import TrainConfig
from kc_desktop.core.training.control import RunControl
from kc_desktop.ui.errors import plain_error

EMIT_INTERVAL_S = 0.1


class _SignalBridge(Callback):
    """Engine callback (on the worker thread) that forwards logs as Qt signals."""

    def __init__(self, worker: TrainingWorker) -> None:
        self.worker = worker
        self.pending: list[dict[str, Any]] = []
        self.last_emit = 0.0

    def _flush(self) -> None:
        if self.pending:
            self.worker.metrics_logged.emit(self.pending)
            self.pending = []
        self.last_emit = time.monotonic()

    def on_run_start(self, info: dict[str, Any]) -> None:
        self.worker.run_started.emit(info)

    def on_step_end(self, logs: dict[str, Any]) -> None:
        self.pending.append(logs)
        if time.monotonic() - self.last_emit >= EMIT_INTERVAL_S:
            self._flush()

    def on_epoch_end(self, logs: dict[str, Any]) -> None:
        self._flush()
        self.worker.epoch_ended.emit(logs)

    def on_images(self, epoch: int, kind: str, grid: np.ndarray) -> None:
        self.worker.images_ready.emit(epoch, kind, np.array(grid, copy=True))

    def on_event(self, message: str, level: str = "info") -> None:
        self.worker.event_logged.emit(message, level)

    def on_run_end(self, summary: dict[str, Any]) -> None:
        self._flush()


class TrainingWorker(QObject):
    """Lives on a QThread; ``run`` blocks that thread until the run ends."""

    run_started = Signal(dict)
    metrics_logged = Signal(list)
    epoch_ended = Signal(dict)
    images_ready = Signal(int, str, object)
    event_logged = Signal(str, str)
    preparing = Signal(str, int, int)  # slow preparation: (what, done, total), throttled
    finished = Signal(dict)
    failed = Signal(str)

    def __init__(self, config: TrainConfig, control: RunControl, dataset: Any = None) -> None:
        super().__init__()
        self.config = config
        self.control = control
        self.dataset = dataset
        self.unsaved: Any = None  # the engine's UnsavedRun when the run folder failed
        self._last_progress = 0.0

    @Slot()
    def run(self) -> None:
        """Train; always ends with exactly one of ``finished`` or ``failed``."""
        from kc_desktop.core.studio import build_run

        try:
            trainer = build_run(
                self.config,
                dataset=self.dataset,
                callbacks=[_SignalBridge(self)],
                control=self.control,
                notify=lambda text: self.event_logged.emit(text, "info"),
                progress=self._on_progress,
            )
            summary = trainer.fit()
            self.unsaved = trainer.unsaved
        except Exception as error:
            self._hand_back_to_gui_thread()
            self.failed.emit(plain_error(error))
            return
        self._hand_back_to_gui_thread()
        self.finished.emit(summary)

    def _hand_back_to_gui_thread(self) -> None:
        """Move this object to the GUI thread before the run's thread ends, so that its
        ``deleteLater`` runs there. Deleted on the run's thread, its destructor asks Python
        (under Qt's signal lock) for the GIL while the GUI thread, holding the GIL, may wait
        for that same lock to delete a widget's text control: a deadlock the suite once hit."""
        app = QCoreApplication.instance()
        if app is not None:
            self.moveToThread(app.thread())

    def _on_progress(self, what: str, done: int, total: int) -> None:
        """Forward preparation progress (weights download, features pass) ~10 times a second."""
        now = time.monotonic()
        if done >= total or now - self._last_progress >= EMIT_INTERVAL_S:
            self._last_progress = now
            self.preparing.emit(what, done, total)
