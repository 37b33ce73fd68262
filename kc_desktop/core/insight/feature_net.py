"""The feature classifier behind the sample-quality score: trained once per dataset, cached.

FID compares generated and real images in the feature space of a classifier (Inception,
downloaded). We have no download, but we do have the data: a small CNN trained for a few
seconds on the dataset's own training split sees digits the way Inception sees photos, so
its penultimate layer (512 numbers per image) is a fair feature space for *this* data.

The net is cached as an ordinary run folder (config.json + model.safetensors, never pickle)
under ``<app home>/feature_nets/<fingerprint>``, where the fingerprint hashes the images,
labels and training split: the same data reuses the net, changed data trains a new one.
It is trained in a temporary folder that is renamed into place when complete, so an
interrupted training never leaves a half-written net behind.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.nn.functional as F  # noqa: N812 - the PyTorch convention

from kc_desktop.core.data.dataset import ImageDataset
from kc_desktop.core.inference import LoadedRun, load_run
from kc_desktop.core.paths import app_home
from kc_desktop.core.runs.checkpoints import CheckpointError

FEATURE_MODEL = "small-cnn"
FEATURE_LR = 1e-3
FEATURE_SIZE = 28  # the small CNN's input side in pixels
TRAIN_SAMPLES = 4000  # images seen while training: 3 epochs of digits (93% test accuracy)
MAX_EPOCHS = 4
BATCH = 256
FORMAT_VERSION = "1"  # bump when the feature net's recipe changes, to retrain cached nets


def feature_nets_dir() -> Path:
    """Parent folder of the cached feature classifiers."""
    return app_home() / "feature_nets"


def dataset_fingerprint(dataset: ImageDataset) -> str:
    """A short hash of the images, labels, classes and training split of ``dataset``."""
    digest = hashlib.blake2b(digest_size=10)
    header = {
        "v": FORMAT_VERSION,
        "classes": list(dataset.classes),
        "shape": [*dataset.images.shape],
    }
    digest.update(json.dumps(header).encode())
    for tensor in (dataset.images, dataset.labels, dataset.splits["train"]):
        digest.update(tensor.detach().cpu().contiguous().numpy().tobytes())
    return digest.hexdigest()


@dataclass
class FeatureNet:
    """A trained small CNN used as a fixed feature extractor and class predictor."""

    run: LoadedRun

    @property
    def num_classes(self) -> int:
        return len(self.run.classes)

    @property
    def test_accuracy(self) -> float | None:
        """Its accuracy on the held-out test split, as the run's summary recorded it."""
        summary = self.run.path / "summary.json"
        try:
            value = json.loads(summary.read_text(encoding="utf-8")).get("test_accuracy")
        except (OSError, ValueError):
            return None
        return float(value) if isinstance(value, (int, float)) else None

    def to(self, device: torch.device) -> FeatureNet:
        self.run.model.to(device)
        self.run.device = device
        return self

    @torch.no_grad()
    def embed(self, images: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Float [0, 1] or uint8 (N, C, H, W) -> (features (N, 512), predicted class (N,)).

        Images of another side are resized to 28 pixels the way the engine resizes data.
        """
        model = self.run.model.eval()
        features, predicted = [], []
        for start in range(0, len(images), BATCH):
            batch = _as_float(images[start : start + BATCH]).to(self.run.device)
            batch = _resize(batch, FEATURE_SIZE)
            features.append(model.embed(batch).float())
            predicted.append(model(batch).argmax(dim=1))
        return torch.cat(features), torch.cat(predicted)


def _as_float(images: torch.Tensor) -> torch.Tensor:
    return images.float().div(255) if images.dtype == torch.uint8 else images.float()


def _resize(images: torch.Tensor, size: int) -> torch.Tensor:
    height, width = images.shape[-2:]
    if (height, width) == (size, size):
        return images
    shrinking = size < height or size < width
    resized = F.interpolate(
        images, size=(size, size), mode="bilinear", align_corners=False, antialias=shrinking
    )
    return resized.clamp(0, 1)


def is_feature_net_cached(dataset: ImageDataset) -> bool:
    """True when ``dataset``'s feature net is on disk (no training needed)."""
    return _is_complete(feature_nets_dir() / dataset_fingerprint(dataset))


def _is_complete(net_dir: Path) -> bool:
    """summary.json is written last, when the run ended: its presence means the net is whole."""
    return (net_dir / "summary.json").is_file()


def load_or_train_feature_net(dataset: ImageDataset, device: str = "auto") -> FeatureNet:
    """The cached feature net of ``dataset``, trained first (a few seconds) when missing."""
    from kc_desktop.core.devices import resolve_device

    target = feature_nets_dir() / dataset_fingerprint(dataset)
    if not _is_complete(target):
        _train_into(target, dataset, device)
    try:
        run = load_run(target, device=str(resolve_device(device)))
    except CheckpointError:
        shutil.rmtree(target, ignore_errors=True)
        _train_into(target, dataset, device)
        run = load_run(target, device=str(resolve_device(device)))
    return FeatureNet(run)


def _train_into(target: Path, dataset: ImageDataset, device: str) -> None:
    from kc_desktop.core.training.config import TrainConfig
    from kc_desktop.core.training.engine import Trainer

    train_count = max(1, len(dataset.splits["train"]))
    epochs = max(1, min(MAX_EPOCHS, math.ceil(TRAIN_SAMPLES / train_count)))
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".training-", dir=target.parent))
    try:
        # A constant rate of 1e-3, what the yardstick was measured with: the small CNN's
        # default peak (3e-3) is meant for a one-cycle schedule.
        config = TrainConfig(
            dataset=dataset.id, model=FEATURE_MODEL, epochs=epochs, lr=FEATURE_LR, device=device
        )
        summary = Trainer(config, dataset=dataset, runs_parent=staging).fit()
        if summary["status"] != "completed":
            raise RuntimeError(f"The feature classifier did not finish: {summary['reason']}")
        try:
            os.replace(summary["run_dir"], target)
        except OSError:
            if not _is_complete(target):  # not another process's finished net
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
