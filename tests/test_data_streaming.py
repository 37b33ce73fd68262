"""Folders larger than memory: the mapped decode cache and batches streamed from it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from kc_desktop.core import paths
from kc_desktop.core.data import folder_cache
from kc_desktop.core.data.mapped import gather_rows, is_mapped
from kc_desktop.core.data.registry import load_dataset
from kc_desktop.core.data.streaming import (
    BUDGET_ENV,
    MemoryPlan,
    StreamedSplit,
    make_batches,
    prepare_split,
)
from kc_desktop.core.training.config import TrainConfig
from kc_desktop.core.training.engine import Trainer


def _noise_folder(root: Path, per_class: int = 12, classes: int = 3) -> Path:
    rng = np.random.default_rng(0)
    for label in range(classes):
        folder = root / f"class{label}"
        folder.mkdir(parents=True)
        for index in range(per_class):
            pixels = rng.integers(0, 256, (20, 20, 3), dtype=np.uint8)
            Image.fromarray(pixels).save(folder / f"{index}.png")
    return root


def test_folder_images_are_mapped_and_gathered_rows_match(tmp_path: Path) -> None:
    dataset = load_dataset("folder", path=_noise_folder(tmp_path / "noise"), size=16)
    assert is_mapped(dataset.images) and not is_mapped(dataset.images.clone())
    picks = torch.tensor([30, 2, 17, 2, 0])
    assert torch.equal(gather_rows(dataset.images, picks), dataset.images.clone()[picks])


@pytest.mark.parametrize("world_size", [1, 2])
def test_streamed_batches_equal_the_in_memory_ones(tmp_path: Path, world_size: int) -> None:
    dataset = load_dataset("folder", path=_noise_folder(tmp_path / "noise"), size=16)
    in_memory = prepare_split(dataset, "train", 12, MemoryPlan(False, 0, 0, "RAM"))
    streamed = prepare_split(dataset, "train", 12, MemoryPlan(True, 0, 0, "RAM"))
    for rank in range(world_size):
        for epoch in (0, 3):
            kinds = []
            for split in (in_memory, streamed):
                batches = make_batches(
                    split,
                    5,
                    device=torch.device("cpu"),
                    shuffle=True,
                    seed=7,
                    rank=rank,
                    world_size=world_size,
                )
                batches.set_epoch(epoch)
                kinds.append(list(batches))
            ram, disk = kinds
            assert len(ram) == len(disk) > 1
            for (x1, y1), (x2, y2) in zip(ram, disk, strict=True):
                assert torch.equal(x1, x2) and torch.equal(y1, y2)


@pytest.mark.parametrize("scratch_writable", [True, False])
def test_a_streamed_split_is_resized_once_into_a_mapped_scratch_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scratch_writable: bool
) -> None:
    """Batches are then plain gathers; with no scratch file they resize as they go, alike."""
    dataset = load_dataset("folder", path=_noise_folder(tmp_path / "noise"), size=16)
    if not scratch_writable:

        def no_space(*_args, **_kwargs):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(folder_cache.tempfile, "mkstemp", no_space)
    in_memory = prepare_split(dataset, "train", 12, MemoryPlan(False, 0, 0, "RAM"))
    streamed = prepare_split(dataset, "train", 12, MemoryPlan(True, 0, 0, "RAM"))
    assert isinstance(streamed, StreamedSplit) and is_mapped(streamed.images)
    assert streamed.images.shape[-1] == (12 if scratch_writable else 16)
    assert not list(paths.decoded_cache_dir().glob(".resized.*"))  # unlinked once mapped
    everything = torch.arange(len(streamed))
    assert torch.equal(streamed.rows(everything), in_memory[0])


def test_a_run_streamed_from_the_map_trains_like_one_from_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _noise_folder(tmp_path / "noise")
    config = dict(dataset="folder", folder=str(folder), image_size=16, model="mlp", epochs=2)
    in_memory = Trainer(TrainConfig(**config), runs_parent=tmp_path / "ram").fit()
    monkeypatch.setenv(BUDGET_ENV, "0.001")
    streamed = Trainer(TrainConfig(**config), runs_parent=tmp_path / "map").fit()
    assert streamed["status"] == in_memory["status"] == "completed"
    for key in ("loss", "val_loss", "test_loss"):
        assert streamed[key] == pytest.approx(in_memory[key], rel=1e-5)
    events = [
        json.loads(line)["message"]
        for line in Path(streamed["run_dir"], "metrics.jsonl").read_text().splitlines()
        if '"event"' in line
    ]
    assert any("stream from the disk cache" in message for message in events)


def test_nearest_in_chunks_matches_the_whole_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    from kc_desktop.core.insight import nearest

    dataset = load_dataset("digits")
    train = dataset.images[dataset.splits["train"]]
    queries = dataset.images[dataset.splits["test"][:20]].float().div(255)
    whole = nearest.nearest_neighbours(queries, train)
    monkeypatch.setattr(nearest, "POOL_CHUNK_BYTES", 50 * 28 * 28)  # 50 images per chunk
    chunked = nearest.nearest_in_split(queries, dataset, "train", 28, torch.device("cpu"))
    assert torch.equal(chunked[0], whole[0])
    assert torch.allclose(chunked[1], whole[1])
