"""How long a run trains and at what rate: the one object the engine asks about epochs.

It joins the learning-rate schedule (``schedules``) and, for ``epochs="auto"``, early
stopping with the best weights and the time budget (``auto_epochs``). The engine calls it
at four points (before each step, after each epoch, when saving, when the loop ends), and
its state rides in the checkpoint, so stop + resume still equals a run that never stopped.
"""

from __future__ import annotations

import math
from typing import Any

import torch

from kc_desktop.core.choices import AUTO, DEFAULT_TIME_BUDGET_S
from kc_desktop.core.runs.checkpoints import CheckpointError, load_checkpoint, save_checkpoint
from kc_desktop.core.runs.layout import BEST_FILE, RunDirectory
from kc_desktop.core.training.auto_epochs import (
    BUDGET_SPENT,
    HORIZON_FITTED,
    MIN_PATIENCE,
    STOPPED_EARLY,
    EarlyStop,
    TimeBudget,
    auto_horizon,
    format_budget,
    patience_for,
)
from kc_desktop.core.training.config import TrainConfig
from kc_desktop.core.training.schedules import LrSchedule, has_annealed

ANNEALED = 0.5
"""An auto run under an annealing schedule stops early only once its rate is at most this
share of the peak."""


def steps_per_epoch(train_count: int, batch_size: int) -> int:
    """Batches in one epoch (the last, smaller batch is kept)."""
    return max(1, math.ceil(train_count / max(batch_size, 1)))


def planned_epochs(config: TrainConfig, default_epochs: int, steps: int) -> int:
    """Epochs a run plans for: the count asked for, or the auto horizon."""
    if config.epochs == AUTO:
        return auto_horizon(default_epochs, steps)
    return int(config.epochs) if config.epochs is not None else default_epochs


class TrainingPlan:
    """Schedule, early stop and budget of one run; writes ``settings["epochs"]``."""

    def __init__(self, config: TrainConfig, default_epochs: int, settings: dict[str, Any]) -> None:
        self.config = config
        self.default_epochs = default_epochs
        self.settings = settings
        self.auto = config.epochs == AUTO
        self.schedule = LrSchedule(config.lr_schedule, 1, 1)
        self.stop = EarlyStop(MIN_PATIENCE) if self.auto else None
        budget = config.time_budget_s or DEFAULT_TIME_BUDGET_S
        self.budget = TimeBudget(budget) if self.auto else None
        self.restored_epochs: int | None = None  # an auto horizon read from a checkpoint
        self.events: list[str] = []
        """Sentences for the run's log, taken by the engine after each epoch."""

    def start(self, steps: int) -> None:
        """Plan the epochs once the batches per epoch are known (``settings["epochs"]``)."""
        epochs = self.restored_epochs or planned_epochs(self.config, self.default_epochs, steps)
        self.settings["epochs"] = epochs
        self.schedule.steps_per_epoch, self.schedule.epochs = max(1, steps), epochs
        if self.stop is not None:
            self.stop.patience = patience_for(
                planned_epochs(self.config, self.default_epochs, steps)
            )

    def recorded(self) -> dict[str, Any]:
        """What config.json must say beyond the resolved settings (``"auto"`` survives)."""
        return {"epochs": AUTO, "max_epochs": self.settings["epochs"]} if self.auto else {}

    def before_step(self, task: Any, global_step: int) -> None:
        """Set the scheduled rate (a constant schedule leaves the optimiser alone)."""
        if self.schedule.kind != "constant":
            task.set_lr(self.schedule.lr(self.settings["lr"], global_step))

    def end_epoch(
        self, epoch: int, logs: dict[str, Any], model: torch.nn.Module, seconds: float
    ) -> None:
        """Track the best epoch and the time; after epoch 1, fit the horizon to the budget."""
        if self.stop is not None:
            self.stop.update(epoch, logs, model)
        if self.budget is None:
            return
        self.budget.add(seconds)
        fits = self.budget.epochs_that_fit()
        if self.budget.epochs == 1 and fits < self.schedule.epochs:
            self.schedule.epochs = self.settings["epochs"] = max(fits, epoch)
            self.events.append(
                HORIZON_FITTED.format(
                    seconds=self.budget.epoch_seconds(),
                    epochs=self.schedule.epochs,
                    budget=format_budget(self.budget.seconds),
                )
            )

    def should_stop(self, epoch: int) -> bool:
        """True after the last planned epoch, an early stop, or a spent budget."""
        if epoch >= self.schedule.epochs:
            return True
        stopped = self.stop is not None and self.stop.triggered and self._annealed(epoch)
        return stopped or (self.budget is not None and self.budget.next_epoch_overruns())

    def _annealed(self, epoch: int) -> bool:
        """Whether the schedule has brought the rate down to ``ANNEALED`` of its peak by the
        end of ``epoch``. Before that the validation loss still
        jumps with the large steps, and a stop there skips the annealing that gives most of
        the accuracy: on the digits, runs stopped mid-way kept 1-2 % fewer test images right."""
        return has_annealed(self.schedule.kind, epoch / self.schedule.epochs, ANNEALED)

    def finish(self, epoch: int, model: torch.nn.Module) -> dict[str, Any] | None:
        """At the end of a completed auto run: put the best weights back and say why the
        run ended; returns the best epoch's logs (with ``best_epoch``), None otherwise."""
        if self.stop is None or not self.stop.restore(model):
            return None
        best = self.stop.best_epoch
        if self.stop.triggered:
            self.events.append(
                STOPPED_EARLY.format(epoch=epoch, patience=self.stop.patience, best=best)
            )
        elif epoch < self.schedule.epochs and self.budget is not None:
            self.events.append(
                BUDGET_SPENT.format(
                    epoch=epoch, budget=format_budget(self.budget.seconds), best=best
                )
            )
        return {**self.stop.best_logs, "best_epoch": best}

    def take_events(self) -> list[str]:
        events, self.events = self.events, []
        return events

    def state(self) -> dict[str, Any]:
        """JSON-ready state for the checkpoint's info."""
        state: dict[str, Any] = {"epochs": self.schedule.epochs}
        if self.stop is not None and self.budget is not None:
            state.update(stop=self.stop.state(), budget=self.budget.state())
        return state

    def save_best(self, run: RunDirectory) -> None:
        """Write the best weights when they changed (``OSError`` when the disk refuses)."""
        if self.stop is not None and self.stop.unsaved and self.stop.best_weights is not None:
            save_checkpoint(
                run.file(BEST_FILE), self.stop.best_weights, [], {"epoch": self.stop.best_epoch}
            )
            self.stop.unsaved = False

    def load(self, state: Any, run: RunDirectory) -> None:
        """Restore from a checkpoint's ``state()``; best weights come from ``BEST_FILE``
        (if it is missing or damaged, the run goes on without a best copy to fall back to)."""
        if not isinstance(state, dict):
            return
        epochs = state.get("epochs")
        if self.auto and isinstance(epochs, int) and epochs > 0:  # a fitted auto horizon
            self.restored_epochs = epochs
        if self.stop is None or self.budget is None:
            return
        weights = None
        if isinstance(state.get("stop"), dict) and state["stop"].get("best_epoch"):
            try:
                weights = load_checkpoint(run.file(BEST_FILE))[0]
            except CheckpointError:
                weights = None
            self.stop.load(state["stop"], weights)
        if isinstance(state.get("budget"), dict):
            self.budget.load(state["budget"])
