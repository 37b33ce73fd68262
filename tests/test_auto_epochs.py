"""Epochs: auto and learning-rate schedules: shape, early stop with best weights, budget,
and stop + resume equal to a run that never stopped."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
import torch
from auto_epochs_helpers import overfitting_dataset

from kc_desktop.core.models.registry import build_model
from kc_desktop.core.runs.checkpoints import load_checkpoint
from kc_desktop.core.runs.layout import BEST_FILE, MODEL_FILE, RunDirectory
from kc_desktop.core.training.auto_epochs import auto_horizon, patience_for
from kc_desktop.core.training.callbacks import Callback, History
from kc_desktop.core.training.config import TrainConfig
from kc_desktop.core.training.control import RunControl
from kc_desktop.core.training.engine import Trainer
from kc_desktop.core.training.plan import TrainingPlan
from kc_desktop.core.training.schedules import LrSchedule, lr_factor


class _Events(Callback):
    def __init__(self) -> None:
        self.texts: list[str] = []
        self.lrs: list[float] = []

    def on_event(self, message: str, level: str = "info") -> None:
        self.texts.append(message)

    def on_step_end(self, logs: dict) -> None:
        self.lrs.append(logs["lr"])


class _StopAt(Callback):
    def __init__(self, control: RunControl, global_step: int) -> None:
        self.control, self.global_step = control, global_step

    def on_step_end(self, logs: dict) -> None:
        if logs["global_step"] == self.global_step:
            self.control.stop()


STEPS_PER_EPOCH = 6  # 46 training images of the overfitting set, batches of 8


def _fit(tmp_path: Path, callbacks=(), run_dir=None, control=None, **config):
    history = History()
    values = {"model": "mlp", "epochs": "auto", "batch_size": 8, "seed": 2, "log_every": 1}
    values["time_budget_s"] = 1e9  # a budget would fit the plan to this machine's speed
    trainer = Trainer(
        TrainConfig(dataset="tiny", lr_schedule="onecycle", **{**values, **config}),
        dataset=overfitting_dataset(),
        callbacks=[history, *callbacks],
        control=control,
        run_dir=run_dir,
        resume=run_dir is not None,
        runs_parent=tmp_path,
    )
    return trainer.fit(), history


def test_one_cycle_rises_then_anneals_and_cosine_only_falls() -> None:
    points = [i / 100 for i in range(101)]
    one_cycle = [lr_factor("onecycle", p) for p in points]
    peak = one_cycle.index(max(one_cycle))
    assert one_cycle[0] == pytest.approx(0.1) and one_cycle[peak] == pytest.approx(1.0)
    assert 20 <= peak <= 30 and one_cycle[-1] == pytest.approx(1e-3)
    assert all(a <= b for a, b in pairwise(one_cycle[: peak + 1]))
    assert all(a >= b for a, b in pairwise(one_cycle[peak:]))
    cosine = [lr_factor("cosine", p) for p in points]
    assert cosine[0] == 1.0 and all(a > b for a, b in pairwise(cosine))
    assert {lr_factor("constant", p) for p in points} == {1.0}
    schedule = LrSchedule("onecycle", steps_per_epoch=10, epochs=4)
    assert schedule.lr(0.01, 39) == pytest.approx(1e-5) and schedule.lr(0.01, 0) == 0.001


def test_auto_horizon_scales_with_the_data_and_patience_with_the_horizon() -> None:
    assert auto_horizon(10, steps_per_epoch=23) == 22  # digits: ~500 steps
    assert auto_horizon(10, steps_per_epoch=900) == 5  # MNIST-sized: half the default
    assert auto_horizon(10, steps_per_epoch=1) == 30  # tiny: at most three times
    assert patience_for(5) == 3 and patience_for(30) == 6


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, History, _Events]:
    """One auto run that nothing interrupted."""
    events = _Events()
    summary, history = _fit(tmp_path_factory.mktemp("auto"), callbacks=[events])
    return summary, history, events


def test_early_stop_triggers_and_keeps_the_best_weights(reference) -> None:
    summary, history, events = reference
    losses = [e["val_loss"] for e in history.epochs]
    best = summary["best_epoch"]
    assert summary["status"] == "completed" and summary["epochs"] < auto_horizon(
        20, STEPS_PER_EPOCH
    )
    assert losses[best - 1] == min(losses) and summary["epochs"] - best >= patience_for(60)
    assert any("Stopped early" in text and f"epoch {best}" in text for text in events.texts)
    run = RunDirectory(Path(summary["run_dir"]))
    assert run.read_config()["epochs"] == "auto"
    # The saved model is the best epoch's: it scores that epoch's validation loss again.
    weights = load_checkpoint(run.file(MODEL_FILE))[0]
    model = build_model("mlp", channels=1, size=28, num_classes=3)
    model.load_state_dict(weights)
    model.eval()
    dataset = overfitting_dataset()
    images, labels = dataset.split("val")
    with torch.no_grad():
        logits = model(images.float().div(255))
    val_loss = torch.nn.functional.cross_entropy(logits, labels).item()
    assert val_loss == pytest.approx(losses[best - 1], rel=1e-4)
    assert summary["val_loss"] == pytest.approx(losses[best - 1])
    for name, tensor in load_checkpoint(run.file(BEST_FILE))[0].items():
        torch.testing.assert_close(weights[name], tensor)
    assert max(events.lrs) > 3 * events.lrs[0]  # the one-cycle warm-up really ran


def test_stopped_auto_run_resumes_exactly(tmp_path: Path, reference) -> None:
    reference, reference_history, _ = reference
    control = RunControl()
    stop_step = 5 * STEPS_PER_EPOCH + 2  # inside epoch 6, after the best weights were copied
    stopped, _ = _fit(tmp_path, callbacks=[_StopAt(control, stop_step)], control=control)
    assert stopped["status"] == "stopped" and stopped["epochs"] == 5
    resumed, history = _fit(tmp_path, run_dir=stopped["run_dir"])
    assert resumed["epochs"] == reference["epochs"]
    assert resumed["best_epoch"] == reference["best_epoch"]
    expected = reference_history.epochs[5:]
    assert [e["val_loss"] for e in history.epochs] == pytest.approx(
        [e["val_loss"] for e in expected], rel=1e-6
    )
    assert resumed["test_loss"] == pytest.approx(reference["test_loss"], rel=1e-6)


def test_a_spent_time_budget_ends_the_run_after_one_epoch(tmp_path: Path) -> None:
    events = _Events()
    summary, history = _fit(tmp_path, callbacks=[events], time_budget_s=1e-6)
    assert summary["status"] == "completed" and len(history.epochs) == 1
    assert any("fit the time budget" in text for text in events.texts)


@pytest.mark.parametrize(
    ("schedule", "stops_at"), [("onecycle", 14), ("cosine", 12), ("constant", 1)]
)
def test_an_early_stop_waits_for_the_rate_to_anneal(schedule: str, stops_at: int) -> None:
    """A plateau while the one-cycle rate is high is not the end: the stop waits until the
    rate is at most half its peak (epoch 14 of 22); a constant rate stops at once."""
    config = TrainConfig(model="small-cnn", epochs="auto", lr_schedule=schedule)
    plan = TrainingPlan(config, default_epochs=10, settings={"lr": 1e-3})
    plan.start(steps=23)  # the digits: 22 epochs planned
    assert plan.stop is not None and plan.settings["epochs"] == 22
    plan.stop.best_loss, plan.stop.bad_epochs = 0.1, plan.stop.patience
    assert next(epoch for epoch in range(1, 23) if plan.should_stop(epoch)) == stops_at
