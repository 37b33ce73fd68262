"""The training engine: logs, run files, control, divergence, resume, reproducibility."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
import torch

from helpers import make_trainer
from kc_desktop.core.runs.layout import (
    CHECKPOINT_FILE,
    METRICS_FILE,
    MODEL_FILE,
    SUMMARY_FILE,
    RunDirectory,
)
from kc_desktop.core.training import tasks
from kc_desktop.core.training.callbacks import Callback, History
from kc_desktop.core.training.control import RunControl


def _fit(
    tmp_path: Path,
    *,
    dataset=None,
    callbacks=(),
    control=None,
    run_dir=None,
    resume=False,
    epoch_metrics=(),
    **config,
) -> tuple[dict, History]:
    history = History()
    config.setdefault("batch_size", 8)
    trainer = make_trainer(
        tmp_path,
        dataset or "tiny",
        callbacks=[history, *callbacks],
        control=control,
        run_dir=run_dir,
        resume=resume,
        epoch_metrics=epoch_metrics,
        **config,
    )
    return trainer.fit(), history


def test_classifier_run_logs_and_writes_run_directory(tmp_path: Path) -> None:
    summary, history = _fit(tmp_path, epochs=3, lr=0.01)
    run = Path(summary["run_dir"])
    assert summary["status"] == "completed" and summary["epochs"] == 3
    assert {"test_accuracy", "test_loss", "seconds", "samples_per_s"} <= summary.keys()
    assert summary["test_accuracy"] >= 0.8  # the bands are easy: it really learned
    assert history.info["steps_per_epoch"] == 4  # 30 training samples / batch 8
    assert [e["epoch"] for e in history.epochs] == [1, 2, 3]
    assert {"val_loss", "val_accuracy", "loss", "accuracy"} <= history.epochs[-1].keys()
    assert history.epochs[-1]["loss"] < history.epochs[0]["loss"]
    assert all(isinstance(v, (int, float, str)) for s in history.steps for v in s.values())
    for name in ("config.json", METRICS_FILE, MODEL_FILE, CHECKPOINT_FILE, SUMMARY_FILE):
        assert (run / name).is_file(), name
    records = [json.loads(line) for line in (run / METRICS_FILE).read_text().splitlines()]
    assert {r["kind"] for r in records} >= {"step", "epoch"}
    assert json.loads((run / SUMMARY_FILE).read_text())["test_accuracy"] == summary["test_accuracy"]
    assert json.loads((run / CHECKPOINT_FILE).read_text())["epoch"] == 3


def test_same_seed_gives_same_metrics(tmp_path: Path) -> None:
    first, h1 = _fit(tmp_path, seed=7)
    second, h2 = _fit(tmp_path, seed=7)
    _, h3 = _fit(tmp_path, seed=8)
    assert [e["loss"] for e in h1.epochs] == [e["loss"] for e in h2.epochs]
    assert first["test_loss"] == second["test_loss"]
    assert [e["loss"] for e in h1.epochs] != [e["loss"] for e in h3.epochs]


def test_two_plus_two_epochs_equals_four(tmp_path: Path) -> None:
    full, full_history = _fit(tmp_path, epochs=4, model="small-cnn", seed=3)
    half, _ = _fit(tmp_path, epochs=2, model="small-cnn", seed=3)
    resumed, resumed_history = _fit(
        tmp_path, epochs=4, model="small-cnn", seed=3, run_dir=half["run_dir"], resume=True
    )
    assert [e["epoch"] for e in resumed_history.epochs] == [3, 4]
    for a, b in zip(full_history.epochs[2:], resumed_history.epochs, strict=True):
        assert a["loss"] == pytest.approx(b["loss"], rel=1e-5)
        assert a["val_loss"] == pytest.approx(b["val_loss"], rel=1e-5)
    assert full["test_loss"] == pytest.approx(resumed["test_loss"], rel=1e-5)
    epochs_logged = [
        r["epoch"]
        for r in RunDirectory(Path(half["run_dir"])).read_metrics()
        if r["kind"] == "epoch"
    ]
    assert epochs_logged == [1, 2, 3, 4]


class _StopAfter(Callback):
    def __init__(self, control: RunControl, steps: int) -> None:
        self.control, self.steps, self.seen = control, steps, 0

    def on_step_end(self, logs: dict) -> None:
        self.seen += 1
        if self.seen == self.steps:
            self.control.stop()


def test_stop_takes_effect_within_one_step_and_saves(tmp_path: Path) -> None:
    control = RunControl()
    stopper = _StopAfter(control, steps=2)
    summary, history = _fit(tmp_path, control=control, callbacks=[stopper], epochs=5, log_every=1)
    assert summary["status"] == "stopped"
    assert history.steps[-1]["global_step"] == 2  # no step ran after the stop request
    assert (Path(summary["run_dir"]) / MODEL_FILE).is_file()
    assert "test_accuracy" in summary  # what was trained is still evaluated


def test_pause_blocks_until_resumed_from_another_thread(tmp_path: Path) -> None:
    control = RunControl()
    paused_at: list[int] = []

    class PauseOnce(Callback):
        def on_step_end(self, logs: dict) -> None:
            if not paused_at:
                paused_at.append(logs["global_step"])
                control.pause()
                threading.Timer(0.3, control.resume).start()

    summary, history = _fit(tmp_path, control=control, callbacks=[PauseOnce()], log_every=1)
    assert summary["status"] == "completed"
    assert [s["global_step"] for s in history.steps] == list(range(1, 9))


def test_learning_rate_change_is_applied_and_logged(tmp_path: Path) -> None:
    control = RunControl()

    class ChangeLr(Callback):
        def on_step_end(self, logs: dict) -> None:
            if logs["global_step"] == 2:
                control.set_lr(0.0005)

    summary, history = _fit(
        tmp_path, control=control, callbacks=[ChangeLr()], log_every=1, lr=0.002
    )
    assert history.steps[1]["lr"] == 0.002 and history.steps[2]["lr"] == 0.0005
    assert any("0.002 to 0.0005" in message for _, message in history.events)
    changes = [
        r for r in RunDirectory(Path(summary["run_dir"])).read_metrics() if r["kind"] == "lr_change"
    ]
    assert changes == [
        {"kind": "lr_change", "epoch": 1, "global_step": 2, "old": 0.002, "new": 0.0005}
    ]


def test_non_finite_loss_stops_and_keeps_last_good_checkpoint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_step = tasks.ClassifyTask.train_step
    calls = {"n": 0}

    def poisoned_step(self, x, y):
        calls["n"] += 1
        if calls["n"] > 4:  # epoch 2 (4 steps per epoch): weights and loss blow up
            with torch.no_grad():
                for p in self.model.parameters():
                    p.fill_(float("nan"))
        return real_step(self, x, y)

    checkpoint_after_epoch_1: dict[str, bytes] = {}

    class Snapshot(Callback):
        def on_epoch_end(self, logs: dict) -> None:
            if logs["epoch"] == 1:
                run = Path(history_ref[0].info["run_dir"])
                checkpoint_after_epoch_1["bytes"] = (run / MODEL_FILE).read_bytes()

    history_ref: list[History] = []

    class Keep(History):
        def on_run_start(self, info: dict) -> None:
            super().on_run_start(info)
            history_ref.append(self)

    monkeypatch.setattr(tasks.ClassifyTask, "train_step", poisoned_step)
    keeper = Keep()
    summary, _ = _fit(tmp_path, callbacks=[keeper, Snapshot()], epochs=3, log_every=1)
    assert summary["status"] == "diverged"
    assert "diverged" in summary["reason"] and "learning rate" in summary["reason"]
    assert summary["epochs"] == 1
    run = Path(summary["run_dir"])
    assert (run / MODEL_FILE).read_bytes() == checkpoint_after_epoch_1["bytes"]
    assert any(level == "error" for level, _ in keeper.events)


@pytest.mark.parametrize("model", ["autoencoder", "vae", "dcgan"])
def test_generative_runs_write_gallery_images(tmp_path: Path, model: str) -> None:
    summary, history = _fit(tmp_path, model=model, epochs=1)
    kinds = {kind for _, kind, _ in history.images}
    expected = {
        "autoencoder": {"reconstructions"},
        "vae": {"samples", "reconstructions"},
        "dcgan": {"samples"},
    }[model]
    assert kinds == expected
    for _, _, grid in history.images:
        assert grid.dtype.name == "uint8" and grid.ndim == 3 and grid.shape[2] == 3
    if "samples" in kinds:
        assert (Path(summary["run_dir"]) / "samples" / "epoch_001.png").is_file()
    metric_keys = {
        "vae": {"recon", "kl"},
        "dcgan": {"d_loss", "g_loss", "d_real", "d_fake"},
        "autoencoder": {"loss"},
    }[model]
    assert metric_keys <= history.steps[-1].keys()
    assert "test_accuracy" not in summary


def test_epoch_metrics_join_epoch_logs_and_metrics_file(tmp_path: Path) -> None:
    seen: list[tuple[bool, int]] = []

    def fake_quality(model: torch.nn.Module, epoch: int) -> dict[str, float]:
        seen.append((model.training, epoch))
        return {"quality": float(epoch) * 10}

    summary, history = _fit(tmp_path, epoch_metrics=[fake_quality])
    assert [e["quality"] for e in history.epochs] == [10.0, 20.0]
    assert [epoch for _, epoch in seen] == [1, 2]
    records = RunDirectory(Path(summary["run_dir"])).read_metrics()
    assert [r["quality"] for r in records if r["kind"] == "epoch"] == [10.0, 20.0]
