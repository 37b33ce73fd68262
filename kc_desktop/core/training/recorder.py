"""The callback that writes a run's files: metrics.jsonl, samples/*.png, summary.json."""

from __future__ import annotations

from typing import Any

import numpy as np

from kc_desktop.core.runs import RunDirectory
from kc_desktop.core.training.callbacks import Callback


class RunRecorder(Callback):
    """Persists every log point so that a run can be inspected, compared and resumed."""

    def __init__(self, run: RunDirectory) -> None:
        self.run = run

    def on_step_end(self, logs: dict[str, Any]) -> None:
        self.run.append_metrics({"kind": "step", **logs})

    def on_epoch_end(self, logs: dict[str, Any]) -> None:
        self.run.append_metrics({"kind": "epoch", **logs})

    def on_images(self, epoch: int, kind: str, grid: np.ndarray) -> None:
        self.run.save_image(epoch, kind, grid)

    def on_event(self, message: str, level: str = "info") -> None:
        self.run.append_metrics({"kind": "event", "level": level, "message": message})

    def on_run_end(self, summary: dict[str, Any]) -> None:
        self.run.write_summary(summary)
