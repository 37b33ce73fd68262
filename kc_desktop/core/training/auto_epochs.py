"""Epochs: auto. Stop when the validation loss stops improving, keep the best weights, and
never run past a time budget.

A person who cannot program cannot know how many epochs a dataset needs: too few leave
accuracy on the table, too many over-fit and waste minutes. So an "auto" run gets a horizon
(``auto_horizon``: enough optimiser steps for the dataset's size), stops early once the
validation loss has not improved for ``patience`` epochs, and ends with the weights of its
best epoch. Once the first epoch's time is known, the horizon shrinks to what fits the time
budget, so the learning-rate schedule still anneals before the budget runs out.

Everything here is plain numbers plus one copy of the best weights; ``state()`` / ``load()``
carry it through a checkpoint so that a resumed run stops exactly where an unstopped one
would have.
"""

from __future__ import annotations

import math
from typing import Any

import torch

from kc_desktop.core.i18n import QT_TRANSLATE_NOOP

TARGET_STEPS = 500
"""Optimiser steps an auto horizon aims at: small datasets get more epochs, large ones fewer."""
MIN_PATIENCE = 3
PATIENCE_SHARE = 0.2
"""Patience is this share of the horizon, at least ``MIN_PATIENCE`` epochs."""
MIN_IMPROVEMENT = 1e-3
"""Relative drop of the validation loss that counts as an improvement."""
MONITOR = "val_loss"

STOPPED_EARLY = QT_TRANSLATE_NOOP(
    "core",
    "Stopped early after epoch {epoch}: the validation loss had not improved for {patience} "
    "epochs. Kept the weights of epoch {best} (the best).",
)
BUDGET_SPENT = QT_TRANSLATE_NOOP(
    "core",
    "Stopped after epoch {epoch}: another epoch would pass the time budget of {budget}. "
    "Kept the weights of epoch {best} (the best).",
)
HORIZON_FITTED = QT_TRANSLATE_NOOP(
    "core",
    "At {seconds:.1f} s an epoch, {epochs} epochs fit the time budget of {budget}; "
    "the learning-rate schedule now ends there.",
)


def auto_horizon(default_epochs: int, steps_per_epoch: int) -> int:
    """Epochs an auto run plans for: about ``TARGET_STEPS`` steps, within half to three
    times the model's own default epoch count."""
    wanted = math.ceil(TARGET_STEPS / max(steps_per_epoch, 1))
    return int(min(max(wanted, max(2, default_epochs // 2)), 3 * default_epochs))


def patience_for(horizon: int) -> int:
    """Epochs without improvement before an auto run stops."""
    return max(MIN_PATIENCE, math.ceil(PATIENCE_SHARE * horizon))


def format_budget(seconds: float) -> str:
    """A time budget for a sentence: "90 s", "10 min"."""
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min"


class EarlyStop:
    """Watches the validation loss; keeps a CPU copy of the weights of the best epoch."""

    def __init__(self, patience: int) -> None:
        self.patience = patience
        self.best_loss: float | None = None
        self.best_epoch = 0
        self.bad_epochs = 0
        self.best_logs: dict[str, Any] = {}
        self.best_weights: dict[str, torch.Tensor] | None = None
        self.unsaved = False  # best_weights changed since they were last written

    def update(self, epoch: int, logs: dict[str, Any], model: torch.nn.Module) -> None:
        """Record epoch ``epoch``'s logs; copy the weights when the loss improved."""
        loss = logs.get(MONITOR)
        if not isinstance(loss, float):
            return
        if self.best_loss is None or loss < self.best_loss - MIN_IMPROVEMENT * abs(self.best_loss):
            self.best_loss, self.best_epoch, self.bad_epochs = loss, epoch, 0
            self.best_logs = dict(logs)
            self.best_weights = {
                name: tensor.detach().to("cpu", copy=True)
                for name, tensor in model.state_dict().items()
            }
            self.unsaved = True
        else:
            self.bad_epochs += 1

    @property
    def triggered(self) -> bool:
        return self.best_loss is not None and self.bad_epochs >= self.patience

    def restore(self, model: torch.nn.Module) -> bool:
        """Put the best weights back into ``model``; False when there are none to put."""
        if self.best_weights is None:
            return False
        model.load_state_dict(self.best_weights)
        return True

    def state(self) -> dict[str, Any]:
        """JSON-ready bookkeeping (the weights themselves go to their own file)."""
        return {
            "best_loss": self.best_loss,
            "best_epoch": self.best_epoch,
            "bad_epochs": self.bad_epochs,
            "best_logs": self.best_logs,
        }

    def load(self, state: dict[str, Any], weights: dict[str, torch.Tensor] | None) -> None:
        """Restore from ``state()`` and the best weights read back from the run folder."""
        loss = state.get("best_loss")
        self.best_loss = float(loss) if isinstance(loss, int | float) else None
        self.best_epoch = int(state.get("best_epoch", 0))
        self.bad_epochs = int(state.get("bad_epochs", 0))
        logs = state.get("best_logs")
        self.best_logs = dict(logs) if isinstance(logs, dict) else {}
        self.best_weights = weights
        self.unsaved = False


class TimeBudget:
    """Training seconds spent so far against the budget."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.spent = 0.0
        self.epochs = 0

    def add(self, seconds: float) -> None:
        self.spent += seconds
        self.epochs += 1

    def epoch_seconds(self) -> float:
        return self.spent / max(self.epochs, 1)

    def epochs_that_fit(self) -> int:
        """Whole epochs the budget holds at the mean epoch time so far (at least one)."""
        return max(1, int(self.seconds // max(self.epoch_seconds(), 1e-9)))

    def next_epoch_overruns(self) -> bool:
        return self.epochs > 0 and self.spent + self.epoch_seconds() > self.seconds

    def state(self) -> dict[str, Any]:
        return {"spent": self.spent, "epochs": self.epochs}

    def load(self, state: dict[str, Any]) -> None:
        self.spent = float(state.get("spent", 0.0))
        self.epochs = int(state.get("epochs", 0))
