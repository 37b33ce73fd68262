"""The application layer: one way to build a run, the recorded split, honest stop reports."""

from __future__ import annotations

from typing import Any

import pytest

from kc_desktop.core.data.registry import load_dataset
from kc_desktop.core.report import format_figure, summary_text
from kc_desktop.core.studio import build_run, dataset_for
from kc_desktop.core.training.callbacks import Callback
from kc_desktop.core.training.config import TrainConfig
from kc_desktop.core.training.control import RunControl


def test_a_loaded_dataset_is_resplit_to_the_runs_seed_without_decoding_again() -> None:
    loaded = load_dataset("digits", seed=0)
    config = TrainConfig(dataset="digits", seed=7)
    dataset = dataset_for(config, loaded)
    assert dataset.images is loaded.images  # same pixels, no second load
    assert dataset.split_key() == (7, 0.1, 0.1)
    expected = load_dataset("digits", seed=7)
    for name in ("train", "val", "test"):
        assert dataset.splits[name].tolist() == expected.splits[name].tolist()
    assert dataset_for(TrainConfig(dataset="digits"), loaded) is loaded


def test_a_dataset_other_than_the_configs_is_never_trained_on() -> None:
    shapes = load_dataset("shapes")
    trainer = build_run(TrainConfig(dataset="digits", model="mlp", epochs=1), dataset=shapes)
    assert trainer.dataset.id == "digits"


class _StopAfter(Callback):
    def __init__(self, control: RunControl, steps: int) -> None:
        self.control, self.steps = control, steps

    def on_step_end(self, logs: dict[str, Any]) -> None:
        if logs["global_step"] >= self.steps:
            self.control.stop()


def test_a_stop_in_the_first_epoch_reports_steps_and_a_real_speed(tmp_path) -> None:
    control = RunControl()
    config = TrainConfig(dataset="digits", model="mlp", epochs=3, batch_size=32, log_every=2)
    trainer = build_run(
        config, control=control, callbacks=[_StopAfter(control, 6)], runs_parent=tmp_path
    )
    summary = trainer.fit()
    assert summary["status"] == "stopped" and summary["epochs"] == 0
    assert summary["steps"] >= 6
    # 6 steps of 32 images: a real speed is far below the 10^12 images/s of a 1e-9 s divisor.
    assert 0 < summary["samples_per_s"] < 1e7
    text = summary_text(summary)
    assert text.startswith(f"Stopped after {summary['steps']} steps in ")
    assert "Test accuracy" in text


@pytest.mark.parametrize(
    ("name", "value", "shown"),
    [
        ("test_accuracy", 0.9812, "98.1%"),
        ("val_accuracy", 0.5, "50.0%"),
        ("test_loss", 0.07123, "0.0712"),
        ("test_loss", 295.123, "295.1"),
        ("classes_covered", 10.0, "10"),
    ],
)
def test_each_figure_has_one_format(name: str, value: float, shown: str) -> None:
    assert format_figure(name, value) == shown
