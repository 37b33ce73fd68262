"""Callback hooks of the training engine, with plain-dict logs (Keras / Lightning style).

The window is one callback (it forwards logs to Qt signals), the command line another.
Logs hold only Python numbers, strings and numpy arrays, never tensors, so that any
thread may keep them.
"""

from __future__ import annotations

from typing import Any

import numpy as np


class Callback:
    """No-op hooks; subclasses override what they need. See the engine for the log keys."""

    def on_run_start(self, info: dict[str, Any]) -> None:
        """Once, before the first step: run_dir, config, task, epochs, steps_per_epoch, ..."""

    def on_step_end(self, logs: dict[str, Any]) -> None:
        """At log points only (the engine syncs the device there): step metrics."""

    def on_epoch_end(self, logs: dict[str, Any]) -> None:
        """After validation: epoch averages and val_* metrics."""

    def on_images(self, epoch: int, kind: str, grid: np.ndarray) -> None:
        """A uint8 (H, W, C) grid: kind "samples" or "reconstructions" (generative models)."""

    def on_event(self, message: str, level: str = "info") -> None:
        """Something a person should read in the log: level "info", "warning" or "error"."""

    def on_run_end(self, summary: dict[str, Any]) -> None:
        """Once, after the run ended for any reason: the content of summary.json."""


class CallbackList(Callback):
    """Fans every hook out to several callbacks in order."""

    def __init__(self, callbacks: list[Callback]) -> None:
        self.callbacks = list(callbacks)

    def on_run_start(self, info: dict[str, Any]) -> None:
        for callback in self.callbacks:
            callback.on_run_start(info)

    def on_step_end(self, logs: dict[str, Any]) -> None:
        for callback in self.callbacks:
            callback.on_step_end(logs)

    def on_epoch_end(self, logs: dict[str, Any]) -> None:
        for callback in self.callbacks:
            callback.on_epoch_end(logs)

    def on_images(self, epoch: int, kind: str, grid: np.ndarray) -> None:
        for callback in self.callbacks:
            callback.on_images(epoch, kind, grid)

    def on_event(self, message: str, level: str = "info") -> None:
        for callback in self.callbacks:
            callback.on_event(message, level)

    def on_run_end(self, summary: dict[str, Any]) -> None:
        for callback in self.callbacks:
            callback.on_run_end(summary)


class History(Callback):
    """Keeps every log in memory: what tests and the benchmark read back."""

    def __init__(self) -> None:
        self.info: dict[str, Any] = {}
        self.steps: list[dict[str, Any]] = []
        self.epochs: list[dict[str, Any]] = []
        self.images: list[tuple[int, str, np.ndarray]] = []
        self.events: list[tuple[str, str]] = []
        self.summary: dict[str, Any] = {}

    def on_run_start(self, info: dict[str, Any]) -> None:
        self.info = info

    def on_step_end(self, logs: dict[str, Any]) -> None:
        self.steps.append(logs)

    def on_epoch_end(self, logs: dict[str, Any]) -> None:
        self.epochs.append(logs)

    def on_images(self, epoch: int, kind: str, grid: np.ndarray) -> None:
        self.images.append((epoch, kind, grid))

    def on_event(self, message: str, level: str = "info") -> None:
        self.events.append((level, message))

    def on_run_end(self, summary: dict[str, Any]) -> None:
        self.summary = summary
