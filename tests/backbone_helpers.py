"""Offline stand-ins for pretrained backbones: weights files and folders of photo-like images.

The weights are a seeded, randomly initialised torchvision network saved exactly as
torchvision's own file (a plain state dict, ``torch.save``), under the exact name and folder
the app looks in, so the tests load them through the same code path as the real download.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from PIL import Image

from kc_desktop.core.models.backbones import BACKBONES
from kc_desktop.core.models.pretrained_weights import weights_path

PHOTO_CLASSES = ("apples", "sky")


def write_test_weights(model_id: str = "mobilenet-v3-small", seed: int = 0) -> Path:
    """A seeded random ImageNet-shaped network's weights, where the app expects the file."""
    from torchvision.models import get_model

    backbone = BACKBONES[model_id]
    torch.manual_seed(seed)
    network = get_model(backbone.torchvision_name, weights=None)
    _measure_batch_norm(network)
    path = weights_path(backbone.url)
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save(network.state_dict(), path)
    return path


def _measure_batch_norm(network: torch.nn.Module) -> None:
    """Set BatchNorm statistics from a few random batches, as training leaves them: with
    torchvision's fresh ones (mean 0, variance 1) MobileNet's features all but vanish."""
    for module in network.modules():
        if isinstance(module, torch.nn.modules.batchnorm._BatchNorm):
            module.momentum = None  # a plain average over the batches below
    network.train()
    generator = torch.Generator().manual_seed(0)
    with torch.no_grad():
        for _ in range(2):
            network((torch.rand(16, 3, 64, 64, generator=generator) - 0.45) / 0.225)
    for module in network.modules():
        if isinstance(module, torch.nn.modules.batchnorm._BatchNorm):
            module.momentum = 0.1


def photo(kind: str, rng: np.random.Generator, size: int = 64) -> np.ndarray:
    """A uint8 (size, size, 3) photo-like image: red round fruit on green, or blue sky with
    a pale cloud; positions, sizes, tints and grain vary from image to image."""
    y, x = np.mgrid[0:size, 0:size] / size
    grain = rng.normal(0, 12, (size, size, 3))
    cx, cy, r = rng.uniform(0.3, 0.7), rng.uniform(0.3, 0.7), rng.uniform(0.15, 0.3)
    blob = ((x - cx) ** 2 + (y - cy) ** 2 < r * r)[..., None]
    if kind == "apples":
        ground = np.stack([60 + 40 * y, 120 + 50 * x, 50 + 0 * x], -1)
        thing = np.array([200, 30, 30]) + rng.uniform(-25, 25, 3)
    else:
        ground = np.stack([90 + 50 * y, 140 + 50 * y, 230 + 0 * x], -1)
        thing = np.array([235, 235, 240]) + rng.uniform(-15, 15, 3)
    image = np.where(blob, thing, ground) + grain
    return image.clip(0, 255).astype(np.uint8)


def write_photo_folder(root: Path, per_class: int = 20, size: int = 64, seed: int = 0) -> Path:
    """``root/<class>/<n>.jpg`` for the two photo classes; returns ``root``."""
    rng = np.random.default_rng(seed)
    for kind in PHOTO_CLASSES:
        folder = root / kind
        folder.mkdir(parents=True, exist_ok=True)
        for index in range(per_class):
            Image.fromarray(photo(kind, rng, size)).save(folder / f"{index}.jpg", quality=92)
    return root
