"""Run as one process of ``torch.distributed.run``: trains each model named on the command
line for one epoch of the digits in one process group, and checks that every process ends
with the same weights (the proof that their gradients were averaged).

``python -m torch.distributed.run --nproc_per_node=2 tests/distributed_models_helpers.py
OUT MODEL[:fine-tune] ...``; rank 0 writes one run folder per model into OUT and prints
``agreed MODEL`` for each model whose weights matched on every process.

With ``OUT --disk-full`` instead, rank 0's disk fills at its second checkpoint; every process
prints ``ended STATUS`` once its run has ended (none may wait for the others forever).
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import torch
import torch.distributed as dist

from helpers import disk_full_at_model_write
from kc_desktop.core.runs.checkpoints import load_checkpoint
from kc_desktop.core.runs.layout import MODEL_FILE
from kc_desktop.core.studio import build_run
from kc_desktop.core.training.config import TrainConfig
from kc_desktop.core.training.distributed import (
    SharedStop,
    close,
    follower_folder,
    from_environment,
)

BATCH = 256
"""Six steps per epoch on the digits: enough to tell averaged gradients from local ones."""


BATCH_NORM_STATISTICS = ("running_mean", "running_var", "num_batches_tracked")
"""Buffers each process updates from its own last batch: not learned, so left out."""


def weights_checksum(run_dir: Path) -> torch.Tensor:
    """Sum and sum of squares of every learned weight saved in ``run_dir``'s checkpoint."""
    state, _optimisers, _info = load_checkpoint(run_dir / MODEL_FILE)
    learned = [t for k, t in state.items() if not k.endswith(BATCH_NORM_STATISTICS)]
    values = torch.cat([t.detach().double().flatten() for t in learned])
    return torch.stack([values.sum(), values.pow(2).sum()])


def train_and_compare(out: Path, choice: str) -> None:
    """Train ``choice`` (``model`` or ``model:fine-tune``) and assert equal weights."""
    model, _, mode = choice.partition(":")
    config = TrainConfig(
        model=model,
        epochs=1,
        batch_size=BATCH,
        device="cpu",
        score_samples=False,
        fine_tune=mode == "fine-tune",
        backbone_size=32,
    )
    run = from_environment("cpu")
    with follower_folder(run, None) as scratch:
        trainer = build_run(
            config, control=SharedStop(run), runs_parent=out, distributed=run, run_dir=scratch
        )
        summary = trainer.fit()
        assert summary["status"] == "completed", summary
        mine = weights_checksum(Path(summary["run_dir"]))
    every = [torch.zeros_like(mine) for _ in range(run.world_size)]
    dist.all_gather(every, mine)
    for other in every[1:]:
        assert torch.allclose(other, every[0], rtol=1e-9, atol=1e-9), (choice, every)
    if run.is_writer:
        print(f"agreed {choice}", flush=True)


def train_with_full_disk_on_rank_zero(out: Path) -> None:
    """small-cnn for 3 epochs; rank 0's second checkpoint cannot be written."""
    config = TrainConfig(model="small-cnn", epochs=3, batch_size=BATCH, device="cpu")
    run = from_environment("cpu")
    full = disk_full_at_model_write(2) if run.is_writer else contextlib.nullcontext()
    with follower_folder(run, None) as scratch, full:
        trainer = build_run(
            config, control=SharedStop(run), runs_parent=out, distributed=run, run_dir=scratch
        )
        print(f"ended {trainer.fit()['status']}", flush=True)


def main(arguments: list[str]) -> None:
    out, *choices = arguments
    try:
        if choices == ["--disk-full"]:
            train_with_full_disk_on_rank_zero(Path(out))
        for choice in choices if choices != ["--disk-full"] else []:
            train_and_compare(Path(out), choice)
    finally:
        close()


if __name__ == "__main__":
    main(sys.argv[1:])
