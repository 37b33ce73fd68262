"""Faults during a real run: stop mid-epoch, long pauses, failed and killed checkpoint writes,
a full or read-only disk, and a GPU out of memory. Each ends in a plain reason, nothing lost."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
import torch

from helpers import StopAt, disk_full_at_model_write, make_trainer
from kc_desktop.core.inference import load_run
from kc_desktop.core.runs.checkpoints import load_checkpoint
from kc_desktop.core.runs.layout import MODEL_FILE, RunDirectory
from kc_desktop.core.training import engine as engine_module
from kc_desktop.core.training import tasks
from kc_desktop.core.training.callbacks import Callback, History
from kc_desktop.core.training.control import RunControl
from kc_desktop.core.training.engine import Trainer

STEPS_PER_EPOCH = 4  # 30 training samples of tiny_dataset() in batches of 8


def _trainer(tmp_path: Path, *, callbacks=(), control=None, run_dir=None, **config) -> Trainer:
    config.setdefault("model", "small-cnn")  # has dropout: the RNG state matters
    config.setdefault("epochs", 3)
    config.setdefault("batch_size", 8)
    config.setdefault("seed", 5)
    config.setdefault("log_every", 1)
    return make_trainer(
        tmp_path,
        callbacks=list(callbacks),
        control=control,
        run_dir=run_dir,
        resume=run_dir is not None,
        **config,
    )


def _fit(tmp_path: Path, **kwargs) -> tuple[dict, History, Trainer]:
    history = History()
    trainer = _trainer(tmp_path, callbacks=[history, *kwargs.pop("callbacks", ())], **kwargs)
    return trainer.fit(), history, trainer


def _weights(run_dir: str | Path) -> dict[str, torch.Tensor]:
    return load_checkpoint(Path(run_dir) / MODEL_FILE)[0]


def _assert_same_run(a: History, b_epochs: list[dict], a_dir: str, b_dir: str | Path) -> None:
    for full, resumed in zip(a.epochs[-len(b_epochs) :], b_epochs, strict=True):
        assert full["epoch"] == resumed["epoch"]
        assert full["loss"] == pytest.approx(resumed["loss"], rel=1e-6)
        assert full["val_loss"] == pytest.approx(resumed["val_loss"], rel=1e-6)
    for name, tensor in _weights(a_dir).items():
        torch.testing.assert_close(_weights(b_dir)[name], tensor, rtol=1e-5, atol=1e-6)


def _temp_files(run_dir: str | Path) -> list[str]:
    return sorted(p.name for p in Path(run_dir).rglob("*.tmp"))


@pytest.fixture(scope="module")
def unstopped(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, History]:
    """The reference: three epochs that nothing interrupted."""
    summary, history, _ = _fit(tmp_path_factory.mktemp("unstopped"))
    return summary, history


def test_stop_mid_epoch_then_resume_equals_an_unstopped_run(tmp_path: Path, unstopped) -> None:
    reference, reference_history = unstopped
    control = RunControl()
    stopped, _, _ = _fit(tmp_path, control=control, callbacks=[StopAt(control, 6)])
    assert stopped["status"] == "stopped" and stopped["epochs"] == 1
    run_dir = Path(stopped["run_dir"])
    _, _, info = load_checkpoint(run_dir / MODEL_FILE)
    assert info["epoch"] == 1 and info["resume"]["step"] == 2 and info["global_step"] == 6

    resumed, resumed_history, _ = _fit(tmp_path, run_dir=run_dir)
    assert resumed["status"] == "completed"
    assert [e["epoch"] for e in resumed_history.epochs] == [2, 3]
    _assert_same_run(reference_history, resumed_history.epochs, reference["run_dir"], run_dir)
    assert resumed["test_loss"] == pytest.approx(reference["test_loss"], rel=1e-6)
    records = RunDirectory(run_dir).read_metrics()
    assert [r["epoch"] for r in records if r["kind"] == "epoch"] == [1, 2, 3]
    steps = [r["global_step"] for r in records if r["kind"] == "step"]
    assert steps == list(range(1, 3 * STEPS_PER_EPOCH + 1))  # each step once, in order


def test_long_pause_changes_nothing_and_is_not_counted_as_training(
    tmp_path: Path, unstopped, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference, reference_history = unstopped
    clock = {"offset": 0.0}
    real_clock = engine_module.time.perf_counter

    def shifted_clock() -> float:
        return real_clock() + clock["offset"]

    monkeypatch.setattr(engine_module.time, "perf_counter", shifted_clock)
    control = RunControl()

    class PauseForAnHour(Callback):
        def on_step_end(self, logs: dict) -> None:
            if logs["global_step"] == 5:
                control.pause()

                def an_hour_later() -> None:
                    clock["offset"] += 3600.0
                    control.resume()

                threading.Timer(0.2, an_hour_later).start()

    summary, history, _ = _fit(tmp_path, control=control, callbacks=[PauseForAnHour()])
    assert summary["status"] == "completed"
    _assert_same_run(reference_history, history.epochs, reference["run_dir"], summary["run_dir"])
    assert all(e["seconds"] < 3600 for e in history.epochs)  # the paused hour is left out
    assert all(s["samples_per_s"] > 8 / 3600 for s in history.steps)


def test_failed_checkpoint_write_keeps_previous_and_the_newest_state_in_memory(
    tmp_path: Path, unstopped, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference, reference_history = unstopped
    with disk_full_at_model_write():
        summary, history, trainer = _fit(tmp_path)
    run_dir = Path(summary["run_dir"])
    assert summary["status"] == "unsaved" and summary["epochs"] == 2
    assert "the disk is full" in summary["reason"] and "kept in memory" in summary["reason"]
    assert "\n" not in summary["reason"]
    assert any(level == "error" and "disk is full" in text for level, text in history.events)
    assert load_checkpoint(run_dir / MODEL_FILE)[2]["epoch"] == 1  # the previous one loads
    assert _temp_files(run_dir) == []
    assert "test_accuracy" in summary  # the state in memory was still evaluated

    saved = trainer.unsaved.write_to(tmp_path / "elsewhere")
    assert saved.parent == tmp_path / "elsewhere" and saved.name == run_dir.name
    assert load_run(saved).task == "classify"
    assert load_checkpoint(saved / MODEL_FILE)[2]["epoch"] == 2
    records = RunDirectory(saved).read_metrics()
    assert [r["epoch"] for r in records if r["kind"] == "epoch"] == [1, 2]
    assert json.loads((saved / "summary.json").read_text())["run_dir"] == str(saved)

    resumed, resumed_history, _ = _fit(tmp_path, run_dir=saved)  # and it goes on from there
    assert resumed["status"] == "completed"
    assert [e["epoch"] for e in resumed_history.epochs] == [3]
    _assert_same_run(reference_history, resumed_history.epochs, reference["run_dir"], saved)


def test_read_only_run_folder_mid_epoch_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_append = RunDirectory.append_metrics
    refusing = {"now": False}

    def read_only_from_step_seven(self: RunDirectory, record: dict) -> None:
        refusing["now"] |= record.get("kind") == "step" and record["global_step"] >= 7
        if refusing["now"]:
            raise OSError(errno.EROFS, "Read-only file system", str(self.path))
        real_append(self, record)

    monkeypatch.setattr(RunDirectory, "append_metrics", read_only_from_step_seven)
    summary, history, trainer = _fit(tmp_path)
    monkeypatch.setattr(RunDirectory, "append_metrics", real_append)
    assert summary["status"] == "unsaved" and "read-only" in summary["reason"]
    logged_steps = [s["global_step"] for s in history.steps]
    assert logged_steps == list(range(1, 8))  # step 7's record was the first refused
    assert trainer.unsaved.info["global_step"] == 7
    assert trainer.unsaved.info["resume"]["step"] == 7 - STEPS_PER_EPOCH

    unwritable = tmp_path / "unwritable"
    unwritable.write_text("a file where a folder should be")
    with pytest.raises(OSError):
        trainer.unsaved.write_to(unwritable)
    saved = trainer.unsaved.write_to(tmp_path / "usb-stick")
    records = RunDirectory(saved).read_metrics()
    assert [r["global_step"] for r in records if r["kind"] == "step"] == logged_steps
    assert any(r["kind"] == "event" and "read-only" in r["message"] for r in records)
    assert json.loads((saved / "summary.json").read_text())["status"] == "unsaved"


def test_out_of_memory_ends_the_run_with_a_smaller_batch_suggestion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_step = tasks.ClassifyTask.train_step
    calls = {"n": 0}

    def step_that_runs_out_of_memory(self, x, y):
        calls["n"] += 1
        if calls["n"] == STEPS_PER_EPOCH + 2:
            raise torch.cuda.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")
        return real_step(self, x, y)

    monkeypatch.setattr(tasks.ClassifyTask, "train_step", step_that_runs_out_of_memory)
    summary, history, _ = _fit(tmp_path)
    assert summary["status"] == "failed" and summary["epochs"] == 1
    reason = summary["reason"]
    assert "ran out of memory in epoch 2 with batch size 8" in reason
    assert "batch size of 4 or less" in reason and "\n" not in reason
    assert any(level == "error" and text == reason for level, text in history.events)
    assert load_checkpoint(Path(summary["run_dir"]) / MODEL_FILE)[2]["epoch"] == 1


_KILLED_MID_WRITE = textwrap.dedent(
    """
    import os, signal, sys
    sys.path.insert(0, sys.argv[2])
    from helpers import tiny_dataset
    from kc_desktop.core.runs import checkpoints
    from kc_desktop.core.training.config import TrainConfig
    from kc_desktop.core.training.engine import Trainer

    real_fsync, model_writes = os.fsync, []

    def killed_on_second_model_write(fd):
        if os.readlink(f"/proc/self/fd/{fd}").split("/")[-1].startswith(".model."):
            model_writes.append(fd)
            if len(model_writes) == 2:  # half-way: temp file written, not yet in place
                os.kill(os.getpid(), signal.SIGKILL)
        real_fsync(fd)

    checkpoints.os.fsync = killed_on_second_model_write
    config = TrainConfig(dataset="tiny", model="small-cnn", epochs=3, batch_size=8, seed=5)
    Trainer(config, dataset=tiny_dataset(), run_dir=sys.argv[1]).fit()
    """
)


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/fd")
def test_process_killed_during_a_checkpoint_write(tmp_path: Path, unstopped) -> None:
    reference, reference_history = unstopped
    run_dir = tmp_path / "killed-run"
    run_dir.mkdir()
    tests_dir = Path(__file__).parent
    result = subprocess.run(
        [sys.executable, "-c", _KILLED_MID_WRITE, str(run_dir), str(tests_dir)],
        capture_output=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(tests_dir.parent)},
        check=False,
    )
    assert result.returncode == -9, result.stderr.decode()[-2000:]
    assert len(_temp_files(run_dir)) == 1  # a kill runs no clean-up
    assert load_checkpoint(run_dir / MODEL_FILE)[2]["epoch"] == 1  # the previous one loads

    resumed, history, _ = _fit(tmp_path, run_dir=run_dir)
    assert resumed["status"] == "completed" and _temp_files(run_dir) == []
    assert [e["epoch"] for e in history.epochs] == [2, 3]
    _assert_same_run(reference_history, history.epochs, reference["run_dir"], run_dir)


def test_train_command_on_a_full_disk_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    from kc_desktop.cli import main

    with disk_full_at_model_write():
        status = main(["train", "--model", "mlp", "--epochs", "3", "--out", str(tmp_path)])
    error = capsys.readouterr().err.strip().splitlines()[-1]  # after the progress lines
    assert status == 2
    (run_dir,) = list(tmp_path.iterdir())
    assert error.startswith(f"error: Could not write to the run folder {run_dir}")
    assert "(the disk is full)" in error and "after epoch 2" in error
    assert "keeps its checkpoint of epoch 1" in error
    assert error.endswith(f"python -m kc_desktop train --resume {run_dir}")
