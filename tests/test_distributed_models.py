"""Every kind of model trains data-parallel: two CPU processes under torch.distributed.run.

The DCGAN goes through the command line like a user's launch; the others through
``distributed_models_helpers.py``, which trains several models in one process group and
checks that the processes end with the same learned weights (gradients really averaged: a
step that bypassed ``DistributedDataParallel`` would leave each process its own weights).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from backbone_helpers import write_test_weights
from distributed_helpers import REPO, run_launch, torchrun_command, torchrun_train
from PIL import Image

from kc_desktop.core.inference import load_run, sample
from kc_desktop.core.runs.layout import RunDirectory


@pytest.mark.timeout(600)
def test_dcgan_trains_under_torchrun_and_rank_zero_writes_its_samples(tmp_path: Path) -> None:
    runs = tmp_path / "runs"
    args = ("--model", "dcgan", "--epochs", "1", "--batch-size", "256", "--no-quality")
    out = torchrun_train(tmp_path / "home", runs, *args)
    folders = list(runs.iterdir())
    assert len(folders) == 1, folders
    run_dir = folders[0]
    assert out.count("Completed") == 1
    assert RunDirectory(run_dir).read_summary()["status"] == "completed"
    with Image.open(run_dir / "samples" / "epoch_001.png") as grid:
        assert grid.width > 8 and grid.height > 8
    epochs = [
        json.loads(line)
        for line in (run_dir / "metrics.jsonl").read_text().splitlines()
        if json.loads(line).get("kind") == "epoch"
    ]
    assert len(epochs) == 1 and "d_loss" in epochs[0]
    run = load_run(run_dir)
    assert sample(run, n=4).ndim >= 2


@pytest.mark.timeout(600)
def test_every_kind_of_model_keeps_one_set_of_weights_across_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("KC_DESKTOP_HOME", str(home))
    write_test_weights("mobilenet-v3-small")  # offline stand-in, where the app looks
    out = tmp_path / "runs"
    # One model per way a step reaches its weights: generator and judge apart (dcgan), the
    # whole model (vae; the classifiers go the same way, proven by test_distributed.py), and
    # a pretrained model's head on cached features (quick mode). By hand, the same held for
    # mlp, lstm-attention, autoencoder, folder-cnn and mobilenet-v3-small fine-tuned.
    choices = ["dcgan", "vae", "mobilenet-v3-small"]
    script = str(REPO / "tests" / "distributed_models_helpers.py")
    printed = run_launch(home, torchrun_command(script, str(out), *choices))
    assert [line for line in printed.splitlines() if line.startswith("agreed")] == [
        f"agreed {choice}" for choice in choices
    ]
    assert len(list(out.iterdir())) == len(choices)  # one run folder each, rank 0's


@pytest.mark.timeout(600)
def test_a_full_disk_on_rank_zero_ends_every_process(tmp_path: Path) -> None:
    out = tmp_path / "runs"
    script = str(REPO / "tests" / "distributed_models_helpers.py")
    printed = run_launch(tmp_path / "home", torchrun_command(script, str(out), "--disk-full"))
    # Both end, rank 1 too: without the shared error it would wait for rank 0 at the next step.
    ended = [line for line in printed.splitlines() if line.startswith("ended")]
    assert ended == ["ended unsaved", "ended unsaved"]
    (run_dir,) = out.iterdir()
    summary = RunDirectory(run_dir).read_summary()
    assert summary["status"] == "unsaved" and summary["epochs"] == 2
