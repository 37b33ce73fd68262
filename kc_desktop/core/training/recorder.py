"""The callback that writes a run's files: metrics.jsonl, samples/*.png, summary.json."""

from __future__ import annotations

from typing import Any

import numpy as np

from kc_desktop.core.runs import RunDirectory
from kc_desktop.core.training.callbacks import Callback
from kc_desktop.core.training.unsaved import Backlog, RunNotSaved


class RunRecorder(Callback):
    """Persists every log point so that a run can be inspected, compared and resumed.

    The first write that fails (a full or read-only disk) raises ``RunNotSaved`` from the
    training hooks, which stops the run; from then on nothing more is tried on that disk and
    every record, image and the summary go to ``backlog``, to be written elsewhere. The
    hooks that run while a run ends (events, summary) never raise.
    """

    def __init__(self, run: RunDirectory) -> None:
        self.run = run
        self.backlog = Backlog()
        self.failed = False

    def on_step_end(self, logs: dict[str, Any]) -> None:
        self._append({"kind": "step", **logs}, must_stop=True)

    def on_epoch_end(self, logs: dict[str, Any]) -> None:
        self._append({"kind": "epoch", **logs}, must_stop=True)

    def on_images(self, epoch: int, kind: str, grid: np.ndarray) -> None:
        if not self.failed:
            try:
                self.run.save_image(epoch, kind, grid)
                return
            except OSError as error:
                self.failed = True
                self.backlog.images.append((epoch, kind, grid))
                raise RunNotSaved(self.run.path, error) from error
        self.backlog.images.append((epoch, kind, grid))

    def on_event(self, message: str, level: str = "info") -> None:
        self._append({"kind": "event", "level": level, "message": message}, must_stop=False)

    def on_run_end(self, summary: dict[str, Any]) -> None:
        if not self.failed:
            try:
                self.run.write_summary(summary)
                return
            except OSError:
                self.failed = True
        self.backlog.summary = summary

    def _append(self, record: dict[str, Any], *, must_stop: bool) -> None:
        if not self.failed:
            try:
                self.run.append_metrics(record)
                return
            except OSError as error:
                self.failed = True
                self.backlog.records.append(record)
                if must_stop:
                    raise RunNotSaved(self.run.path, error) from error
                return
        self.backlog.records.append(record)
