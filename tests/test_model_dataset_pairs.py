"""Smoke runs (pytorch/examples' --dry-run): every model trains two steps on every dataset kind.

Classifiers meet every classification dataset and generative models every image dataset,
at their native shapes (greyscale 28x28, colour 32x32, colour folder photos), so resizing
and channel handling are exercised for each pair.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from backbone_helpers import write_test_weights
from PIL import Image

from helpers import make_trainer
from kc_desktop.core.data.dataset import ImageDataset
from kc_desktop.core.data.registry import load_dataset
from kc_desktop.core.models.registry import get_model_spec, list_models
from kc_desktop.core.training.callbacks import History

BATCH = 4


def _two_step_subset(dataset: ImageDataset) -> ImageDataset:
    """Keep 2 batches of training images and one batch each for validation and test."""
    keep = {"train": 2 * BATCH, "val": BATCH, "test": BATCH}
    order = torch.cat([dataset.splits[name][:count] for name, count in keep.items()])
    starts = np.cumsum([0, *keep.values()])
    splits = {name: torch.arange(starts[i], starts[i + 1]) for i, name in enumerate(keep)}
    return ImageDataset(
        id=dataset.id,
        name=dataset.name,
        images=dataset.images[order],
        labels=dataset.labels[order],
        classes=list(dataset.classes),
        splits=splits,
    )


def _photo_folder(root: Path) -> Path:
    """A small folder of 3 classes of colour 'photos' at 150x150 after decoding."""
    rng = np.random.default_rng(0)
    for class_index, name in enumerate(["cats", "dogs", "owls"]):
        folder = root / name
        folder.mkdir(parents=True)
        for i in range(6):
            pixels = rng.integers(0, 255, (120, 160, 3), dtype=np.uint8)
            pixels[:, :, class_index] = 255
            Image.fromarray(pixels).save(folder / f"{i}.jpg")
    return root


@pytest.fixture(scope="module")
def datasets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ImageDataset]:
    folder = _photo_folder(tmp_path_factory.mktemp("photos"))
    loaded = {
        "digits": load_dataset("digits"),
        "shapes": load_dataset("shapes"),
        "folder": load_dataset(
            "folder", path=folder, size=150, val_fraction=0.2, test_fraction=0.2
        ),
    }
    return {name: _two_step_subset(dataset) for name, dataset in loaded.items()}


@pytest.mark.parametrize("dataset_id", ["digits", "shapes", "folder"])
@pytest.mark.parametrize("model_id", [spec.id for spec in list_models()])
def test_every_model_trains_two_steps_on_every_dataset(
    datasets: dict[str, ImageDataset], dataset_id: str, model_id: str, tmp_path: Path
) -> None:
    history = History()
    if get_model_spec(model_id).pretrained:
        write_test_weights(model_id)
    summary = make_trainer(
        tmp_path,
        datasets[dataset_id],
        dataset=dataset_id,
        model=model_id,
        epochs=1,
        batch_size=BATCH,
        log_every=1,
        backbone_size=32,  # pretrained models only: their smallest side, for speed
        callbacks=[history],
    ).fit()
    assert summary["status"] == "completed"
    assert [s["global_step"] for s in history.steps] == [1, 2]
    assert all(np.isfinite(s["loss"]) for s in history.steps)
    assert Path(summary["run_dir"], "model.safetensors").is_file()
