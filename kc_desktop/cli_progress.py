"""Command-line callback: a progress bar on stderr and one line per epoch on stdout."""

from __future__ import annotations

import sys
from typing import Any, TextIO

from kc_desktop.core.training.callbacks import Callback

BAR_WIDTH = 30


class ConsoleProgress(Callback):
    """Draws ``epoch 3/10 [#####.....] 12/23 loss 0.123`` in place, then epoch summaries."""

    def __init__(self, out: TextIO | None = None, err: TextIO | None = None) -> None:
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.epochs = 0
        self.interactive = self.err.isatty()

    def on_run_start(self, info: dict[str, Any]) -> None:
        self.epochs = int(info["epochs"])
        print(
            f"Training {info['config']['model']} on {info['config']['dataset_name']} "
            f"({info['params']:,} parameters) on {info['device']}",
            file=self.out,
            flush=True,
        )
        if info.get("data"):
            print(info["data"], file=self.out, flush=True)

    def on_step_end(self, logs: dict[str, Any]) -> None:
        if not self.interactive:
            return
        done = logs["step"] / logs["steps_per_epoch"]
        filled = int(done * BAR_WIDTH)
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        print(
            f"\repoch {logs['epoch']}/{self.epochs} [{bar}] {logs['step']}/"
            f"{logs['steps_per_epoch']} loss {logs['loss']:.4f}",
            end="",
            file=self.err,
            flush=True,
        )

    def on_epoch_end(self, logs: dict[str, Any]) -> None:
        if self.interactive:
            print("\r" + " " * (BAR_WIDTH + 60) + "\r", end="", file=self.err, flush=True)
        metrics = "  ".join(
            f"{k} {v:.4f}"
            for k, v in logs.items()
            if k not in ("epoch", "seconds") and isinstance(v, float)
        )
        print(
            f"epoch {logs['epoch']}/{self.epochs}  {metrics}  ({logs['seconds']:.1f} s)",
            file=self.out,
            flush=True,
        )

    def on_event(self, message: str, level: str = "info") -> None:
        if level != "info":
            print(f"{level}: {message}", file=self.err, flush=True)
