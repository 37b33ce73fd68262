"""The time estimate before Train: a timed probe of a few steps, scaled by the run's plan."""

from __future__ import annotations

import dataclasses

import pytest
import torch

from helpers import tiny_dataset
from kc_desktop.core.training.auto_epochs import auto_horizon
from kc_desktop.core.training.config import TrainConfig
from kc_desktop.core.training.estimate import (
    ABOUT_HOURS,
    ABOUT_MINUTES,
    ABOUT_SECONDS,
    duration_template,
    estimate_run,
)


def test_estimate_scales_the_probe_by_the_plan_and_leaves_the_rng_alone() -> None:
    dataset = tiny_dataset(n=80)  # 60 training images: 8 steps of 8
    before = torch.get_rng_state()
    estimate = estimate_run(
        TrainConfig(dataset="tiny", model="mlp", epochs=3, batch_size=8), dataset
    )
    assert torch.equal(before, torch.get_rng_state())
    assert estimate is not None and not estimate.auto and not estimate.on_gpu
    assert (estimate.steps_per_epoch, estimate.epochs) == (8, 3)
    training, saving = estimate.step_seconds * 8 * 3, estimate.save_seconds * 3
    assert estimate.step_seconds > 0 and estimate.save_seconds > 0
    assert training + saving < estimate.seconds < 1.5 * training + saving
    assert estimate.text().endswith("on this CPU") and estimate.text().startswith("about ")


def test_an_auto_estimate_plans_the_horizon_within_the_budget() -> None:
    dataset = tiny_dataset(n=80)
    config = TrainConfig(dataset="tiny", model="small-cnn", epochs="auto", batch_size=8)
    estimate = estimate_run(config, dataset)
    assert estimate is not None and estimate.auto and estimate.epochs == auto_horizon(10, 8)
    config.time_budget_s = 1e-6
    assert estimate_run(config, dataset).seconds == 1e-6


def test_a_cancelled_probe_returns_nothing() -> None:
    config = TrainConfig(dataset="tiny", model="mlp", epochs=1, batch_size=8)
    assert estimate_run(config, tiny_dataset(), cancelled=lambda: True) is None


@pytest.mark.parametrize(
    ("seconds", "template", "values"),
    [
        (4.2, ABOUT_SECONDS, {"n": 4}),
        (23, ABOUT_SECONDS, {"n": 25}),
        (130, ABOUT_MINUTES, {"n": 2}),
        (4000, ABOUT_HOURS, {"n": 1, "m": 7}),
    ],
)
def test_durations_are_rounded_for_people(seconds: float, template: str, values: dict) -> None:
    assert duration_template(seconds) == (template, values)


def test_a_quick_estimate_times_a_head_step_and_the_features_pass() -> None:
    """Quick mode trains a head on features: its probe times head steps and a few images
    through the backbone, not steps of the whole network."""
    dataset = tiny_dataset(n=80)
    config = TrainConfig(
        dataset="tiny", model="mobilenet-v3-small", epochs=3, batch_size=8, backbone_size=32
    )
    quick = estimate_run(config, dataset)
    tune = estimate_run(dataclasses.replace(config, fine_tune=True), dataset)
    assert quick is not None and tune is not None
    assert quick.step_seconds < tune.step_seconds and quick.seconds < tune.seconds
