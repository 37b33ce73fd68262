"""Learning-rate schedules: the rate as a function of how far the run has got.

A rate that rises for the first part of a run and then anneals towards zero (one-cycle,
Smith & Topin 2018; the shape of ``torch.optim.lr_scheduler.OneCycleLR``) reaches a better
model in the same number of epochs than a constant one: large steps explore early, small
ones settle late. The Model tab's learning rate is the peak. The rate is a pure function of
(global step, horizon), so a resumed run that restores the horizon continues exactly.
"""

from __future__ import annotations

import math

from kc_desktop.core.choices import SCHEDULES
from kc_desktop.core.i18n import QT_TRANSLATE_NOOP

SCHEDULE_NAMES = {
    "onecycle": QT_TRANSLATE_NOOP("core", "One-cycle (warm up, then anneal)"),
    "cosine": QT_TRANSLATE_NOOP("core", "Cosine (anneal from the start)"),
    "constant": QT_TRANSLATE_NOOP("core", "Constant (off)"),
}

WARMUP_SHARE = 0.25
"""One-cycle: share of the run spent rising to the peak rate."""
START_DIVISOR = 10.0
"""One-cycle: the rate starts at peak / START_DIVISOR."""
FINAL_DIVISOR = 1000.0
"""Both annealing schedules end at peak / FINAL_DIVISOR."""


def check_schedule(kind: str) -> None:
    """Raise ValueError with a plain message for a schedule name a person mistyped."""
    if kind not in SCHEDULES:
        raise ValueError(
            QT_TRANSLATE_NOOP(
                "core", "Unknown learning-rate schedule {kind!r}; choose {names}."
            ).format(kind=kind, names=", ".join(SCHEDULES))
        )


def lr_factor(kind: str, progress: float) -> float:
    """Multiplier of the peak rate at ``progress`` (0 = first step, 1 = end of the run)."""
    progress = min(max(progress, 0.0), 1.0)
    end = 1.0 / FINAL_DIVISOR
    if kind == "constant":
        return 1.0
    if kind == "cosine":
        return end + (1.0 - end) * 0.5 * (1.0 + math.cos(math.pi * progress))
    start = 1.0 / START_DIVISOR
    if progress < WARMUP_SHARE:
        rise = 0.5 * (1.0 - math.cos(math.pi * progress / WARMUP_SHARE))
        return start + (1.0 - start) * rise
    fall = (progress - WARMUP_SHARE) / (1.0 - WARMUP_SHARE)
    return end + (1.0 - end) * 0.5 * (1.0 + math.cos(math.pi * fall))


def has_annealed(kind: str, progress: float, share: float) -> bool:
    """Whether the rate at ``progress`` is past its peak and down to ``share`` of it (a
    constant rate counts as annealed from the start: it never gets lower)."""
    if kind == "constant":
        return True
    past_peak = kind == "cosine" or progress >= WARMUP_SHARE
    return past_peak and lr_factor(kind, progress) <= share


class LrSchedule:
    """Sets each optimiser's rate before a step, from the peak rate and the step number.

    ``epochs`` (the horizon) may be shortened once the first epoch's time is known (see
    ``auto_epochs``); it is part of the checkpoint so a resume picks up the same curve.
    """

    def __init__(self, kind: str, steps_per_epoch: int, epochs: int) -> None:
        check_schedule(kind)
        self.kind = kind
        self.steps_per_epoch = max(1, steps_per_epoch)
        self.epochs = max(1, epochs)

    def lr(self, peak: float, global_step: int) -> float:
        """The rate for the step after ``global_step`` finished steps."""
        total = self.epochs * self.steps_per_epoch
        return peak * lr_factor(self.kind, global_step / max(total - 1, 1))
