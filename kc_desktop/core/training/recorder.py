"""The callback that writes a run's files: metrics.jsonl, samples/*.png, summary.json."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from kc_desktop.core.runs.layout import RunDirectory
from kc_desktop.core.training.callbacks import Callback
from kc_desktop.core.training.unsaved import Backlog


class RunRecorder(Callback):
    """Persists every log point so that a run can be inspected, compared and resumed.

    A write that fails (a full or read-only disk) is remembered in ``error``, never raised:
    the other callbacks still hear of every step, and the engine stops the run at its next
    check. From then on nothing more is tried on that disk; every record, image and the
    summary go to ``backlog``, to be written elsewhere.
    """

    def __init__(self, run: RunDirectory) -> None:
        self.run = run
        self.backlog = Backlog()
        self.error: OSError | None = None

    def on_step_end(self, logs: dict[str, Any]) -> None:
        self._append({"kind": "step", **logs})

    def on_epoch_end(self, logs: dict[str, Any]) -> None:
        self._append({"kind": "epoch", **logs})

    def on_images(self, epoch: int, kind: str, grid: np.ndarray) -> None:
        if not self._written(lambda: self.run.save_image(epoch, kind, grid)):
            self.backlog.images.append((epoch, kind, grid))

    def on_event(self, message: str, level: str = "info") -> None:
        self._append({"kind": "event", "level": level, "message": message})

    def on_run_end(self, summary: dict[str, Any]) -> None:
        if not self._written(lambda: self.run.write_summary(summary)):
            self.backlog.summary = summary

    def record(self, record: dict[str, Any]) -> None:
        """Append a record the engine makes itself (a learning-rate change) to metrics.jsonl."""
        self._append(record)

    def _append(self, record: dict[str, Any]) -> None:
        if not self._written(lambda: self.run.append_metrics(record)):
            self.backlog.records.append(record)

    def _written(self, write: Callable[[], object]) -> bool:
        """Run one write unless an earlier one failed; False (and the error kept) if not done."""
        if self.error is not None:
            return False
        try:
            write()
        except OSError as error:
            self.error = error
            return False
        return True
