"""Data-parallel training: two CPU processes under torch.distributed.run (gloo)."""

from __future__ import annotations

from pathlib import Path

import pytest
from distributed_helpers import epoch_losses, torchrun_train

from kc_desktop.core.models.registry import get_model_spec
from kc_desktop.core.runs.layout import RunDirectory
from kc_desktop.core.studio import build_run
from kc_desktop.core.training.config import TrainConfig

BATCH = 64
LOSS_TOLERANCE = 0.08
"""Relative difference allowed between per-epoch losses of one process and of two: the two
processes see the same global batches, but the gradient average is summed in another order
and rank 1 draws its dropout masks from a seed of its own (``DistributedRun.rank_seed``), so
half of each batch is dropped out as by another seed: measured 6.1% at epoch 2 (0.549 over
0.518), 5% or less when rank 1 repeated rank 0's masks."""


@pytest.mark.timeout(600)
def test_two_processes_train_like_one_write_one_folder_and_resume(tmp_path: Path) -> None:
    runs = tmp_path / "runs"
    # A constant rate, as the single-process TrainConfig below: a one-cycle plan made for the
    # first launch's one epoch would differ from one made for two.
    common = (
        "--model", "small-cnn", "--batch-size", str(BATCH), "--seed", "3",
        "--lr-schedule", "constant",
    )  # fmt: skip
    out = torchrun_train(tmp_path / "home", runs, *common, "--epochs", "1")
    folders = list(runs.iterdir())
    assert len(folders) == 1, folders  # only rank 0 wrote a run folder
    run_dir = folders[0]
    assert out.count("Completed") == 1  # only rank 0 reports
    assert RunDirectory(run_dir).read_summary()["status"] == "completed"

    torchrun_train(tmp_path / "home", runs, "--resume", str(run_dir), "--epochs", "2")
    assert list(runs.iterdir()) == [run_dir]
    summary = RunDirectory(run_dir).read_summary()
    assert summary["status"] == "completed" and summary["epochs"] == 2
    distributed = epoch_losses(run_dir)
    assert sorted(distributed) == [1, 2]

    config = TrainConfig(
        model="small-cnn",
        epochs=2,
        batch_size=BATCH,
        seed=3,
        device="cpu",
        augment=get_model_spec("small-cnn").default_augment,  # as the command line starts from
    )
    single = build_run(config, runs_parent=tmp_path / "single").fit()
    alone = epoch_losses(Path(single["run_dir"]))
    for epoch in (1, 2):
        assert distributed[epoch] == pytest.approx(alone[epoch], rel=LOSS_TOLERANCE)
