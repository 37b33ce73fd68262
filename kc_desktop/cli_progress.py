"""Command-line callback: a progress bar on stderr and one line per epoch on stdout."""

from __future__ import annotations

import sys
from typing import Any, TextIO

from kc_desktop.core.report import epoch_sentence
from kc_desktop.core.training.callbacks import Callback

BAR_WIDTH = 30


class ConsoleProgress(Callback):
    """Draws ``epoch 3/10 [#####.....] 12/23 loss 0.123`` in place, then epoch summaries."""

    def __init__(self, out: TextIO | None = None, err: TextIO | None = None) -> None:
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.epochs = 0
        self.previous: dict[str, Any] | None = None  # the last epoch's logs: "up from 95.8%"
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
        print(
            f"{epoch_sentence(logs, self.epochs, self.previous)} ({logs['seconds']:.1f} s)",
            file=self.out,
            flush=True,
        )
        self.previous = logs

    def on_event(self, message: str, level: str = "info") -> None:
        if level != "info":
            print(f"{level}: {message}", file=self.err, flush=True)


class StageProgress:
    """``progress(what, done, total)`` of slow preparation (weights download, features pass):
    a bar drawn in place on a terminal, else a line at each quarter."""

    def __init__(self, err: TextIO | None = None) -> None:
        self.err = err or sys.stderr
        self.interactive = self.err.isatty()
        self.quarter: dict[str, int] = {}

    def __call__(self, what: str, done: int, total: int) -> None:
        finished = total > 0 and done >= total
        if self.interactive:
            filled = int(BAR_WIDTH * done / total) if total else 0
            bar = "#" * filled + "." * (BAR_WIDTH - filled)
            count = f"{done}/{total}" if total else f"{done}"
            end = "\n" if finished else ""
            print(f"\r{what} [{bar}] {count}", end=end, file=self.err, flush=True)
            return
        quarter = 4 * done // total if total else 0
        if quarter > self.quarter.get(what, -1):
            self.quarter[what] = quarter
            print(f"{what}: {25 * quarter}% ({done}/{total})", file=self.err, flush=True)
