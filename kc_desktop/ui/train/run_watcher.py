"""Shows, in the Train tab, a run that another process writes (CLI, torchrun, a server).

``RunWatcher.follow(folder)`` polls the Qt-free ``RunFollower`` twice a second on Qt's
thread pool (a run folder may sit on a slow shared drive) and replays what it read through
the Train tab's own slots, so a followed run looks like one trained here: the curves grow,
epochs and events reach the log, and the summary ends it. ``follow_new_in(parent)`` waits
for the run folder a child process is about to create in ``parent`` (the torchrun launch).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from kc_desktop.core.runs.follower import Poll, RunFollower
from kc_desktop.ui.jobs import JobRunner
from kc_desktop.ui.train.train_tab import TrainTab

POLL = "poll"  # the job kind of one read of the followed folder
POLL_MS = 500


class RunWatcher(QObject):
    """Follows at most one run folder at a time into ``train_tab``."""

    finished = Signal(dict)  # the followed run's summary

    def __init__(self, train_tab: TrainTab, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.train_tab = train_tab
        self.follower: RunFollower | None = None
        self._waiting_in: tuple[Path, set[str]] | None = None
        self._config: dict[str, Any] | None = None
        self._started = False
        self.jobs = JobRunner(self)
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._on_timer_timeout)

    @property
    def is_following(self) -> bool:
        return self.timer.isActive()

    def follow(self, run_dir: str | Path) -> None:
        """Show ``run_dir``'s curves from its first record on, and keep them growing."""
        self.stop()
        self.follower = RunFollower(run_dir)
        self._config, self._started = None, False
        self.train_tab.log(self.tr("Following {folder}").format(folder=run_dir))
        self.timer.start()

    def follow_new_in(self, parent: str | Path) -> None:
        """Follow the first run folder that appears in ``parent`` from now on."""
        self.stop()
        parent = Path(parent)
        existing = {p.name for p in parent.iterdir()} if parent.is_dir() else set()
        self._waiting_in = (parent, existing)
        self.timer.start()

    def stop(self) -> None:
        """Stop following (the curves stay as they are)."""
        self.timer.stop()
        self.follower, self._waiting_in = None, None
        self.jobs.cancel()

    def _on_timer_timeout(self) -> None:
        if self._waiting_in is not None:
            self._look_for_new_folder()
            return
        if self.follower is None or self.jobs.is_running(POLL):
            return
        follower = self.follower
        self.jobs.start(
            POLL,
            lambda _state: (
                follower.config() if self._config is None else None,
                follower.poll(),
            ),
            lambda result, f=follower: self._on_poll_done(f, *result),
            self._on_poll_failed,
        )

    def _look_for_new_folder(self) -> None:
        parent, existing = self._waiting_in
        if not parent.is_dir():
            return
        new = sorted(p for p in parent.iterdir() if p.is_dir() and p.name not in existing)
        if new:
            self.follow(new[0])

    def _on_poll_failed(self, message: str) -> None:
        self.train_tab.log(message, "warning")

    def _on_poll_done(self, follower: RunFollower, config: dict | None, poll: Poll) -> None:
        if follower is not self.follower:  # stopped or following another run meanwhile
            return
        if config is not None:
            self._config = config
        if poll.restarted:
            self._started = False
        steps: list[dict[str, Any]] = []
        for record in poll.records:
            self._show(record, steps)
        self._flush(steps)
        if poll.finished is not None:
            self.stop()
            if self._started:
                self.train_tab.on_finished(poll.finished)
            self.train_tab.set_run_state("idle")
            self.finished.emit(poll.finished)

    def _show(self, record: dict[str, Any], steps: list[dict[str, Any]]) -> None:
        kind = record.get("kind")
        if kind == "step" and _is_step(record) and self._start_curves(record):
            steps.append(record)
        elif kind == "epoch" and self._started:
            self._flush(steps)
            self.train_tab.on_epoch_ended(record)
        elif kind == "event" and isinstance(record.get("message"), str):
            self.train_tab.log(record["message"], str(record.get("level", "info")))

    def _flush(self, steps: list[dict[str, Any]]) -> None:
        if steps:
            self.train_tab.on_metrics(list(steps))
            steps.clear()

    def _start_curves(self, first_step: dict[str, Any]) -> bool:
        """Set up the Train tab for this run at its first step record (which tells the steps
        per epoch); False while config.json is not there yet."""
        if self._started:
            return True
        config = self._config
        if config is None or self.follower is None:
            return False
        epoch, step = int(first_step.get("epoch", 1)), int(first_step.get("step", 1))
        self.train_tab.on_run_started(
            {
                "task": str(config.get("task", "classify")),
                "steps_per_epoch": int(first_step.get("steps_per_epoch", 1)),
                "epochs": int(config.get("epochs", 1)),
                "start_epoch": epoch if step == 1 else 1,
                "config": {**config, "device": "auto"},  # the device plot shows this computer
                "params": 0,
                "device": str(config.get("device", "")),
                "run_dir": str(self.follower.run_dir),
            }
        )
        self.train_tab.runSummaryLabel.setText(
            self.tr("Following <b>{folder}</b>, written by another process").format(
                folder=self.follower.run_dir.name
            )
        )
        self._started = True
        return True


STEP_KEYS = ("epoch", "step", "steps_per_epoch", "global_step", "lr", "samples_per_s")


def _is_step(record: dict[str, Any]) -> bool:
    """A step record the Train tab can draw (the file is another program's output)."""
    return all(isinstance(record.get(key), int | float) for key in STEP_KEYS)
