"""Quick mode's data: each image's pooled backbone features, computed once and cached.

A frozen backbone gives the same features for the same image every epoch, so they are
computed once per (image content, backbone, input size), with a progress bar, and stored
under ``<app home>/embeddings`` as safetensors; the next run on that data starts at once.
Augmentation becomes a few augmented copies of each training image, embedded (and cached)
once too. The engine then trains the head on these rows like on any other batches.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import torch
from safetensors.torch import load_file, save_file

from kc_desktop.core.data.dataset import SPLIT_NAMES, ImageDataset
from kc_desktop.core.data.loader import Augment, augment_batch, resize_images
from kc_desktop.core.i18n import QT_TRANSLATE_NOOP
from kc_desktop.core.paths import app_home

AUGMENTED_VIEWS = 3
"""Augmented copies per training image when augmentation is on (plus the image itself)."""
EMBED_BATCH = 64

Progress = Callable[[str, int, int], None]
Split = tuple[torch.Tensor, torch.Tensor]


def embeddings_dir() -> Path:
    """Cache of backbone features, one safetensors file per (images, backbone, size, view)."""
    return app_home() / "embeddings"


class QuickFeatures:
    """Turns a dataset's splits into feature splits for ``model`` (called by the engine)."""

    def __init__(
        self, model_id: str, augment: Augment, seed: int, progress: Progress | None = None
    ) -> None:
        self.model_id = model_id
        self.augment = augment
        self.seed = seed
        self.progress = progress

    def __call__(
        self, model: torch.nn.Module, dataset: ImageDataset, size: int, device: torch.device
    ) -> dict[str, Split]:
        """(features, labels) of train (with augmented views), val and test."""
        train_index = dataset.splits["train"]
        views = AUGMENTED_VIEWS if self.augment.enabled else 0
        total = len(dataset) + views * len(train_index)
        embedder = _Embedder(model, size, device, self.progress, total)
        plain = embedder.cached(dataset.images, self._key(dataset.images, size))
        splits: dict[str, Split] = {}
        for name in SPLIT_NAMES:
            splits[name] = (plain[dataset.splits[name]], dataset.labels[dataset.splits[name]])
        if views:
            train_images = dataset.images[train_index]
            features, labels = [splits["train"][0]], [splits["train"][1]] * (views + 1)
            for view in range(1, views + 1):
                key = self._key(train_images, size, view)
                features.append(embedder.cached(train_images, key, self.augment, self._seed(view)))
            splits["train"] = (torch.cat(features), torch.cat(labels))
        return splits

    def _seed(self, view: int) -> int:
        return self.seed * 1_000_003 + view

    def _key(self, images: torch.Tensor, size: int, view: int = 0) -> str:
        digest = hashlib.blake2b(digest_size=16)
        digest.update(images.contiguous().numpy().data)
        digest.update(repr((tuple(images.shape), self.model_id, size)).encode())
        if view:
            digest.update(repr((view, self._seed(view), self.augment)).encode())
        return digest.hexdigest()


class _Embedder:
    """Runs the backbone over uint8 images in batches, reporting progress across calls."""

    def __init__(
        self,
        model: torch.nn.Module,
        size: int,
        device: torch.device,
        progress: Progress | None,
        total: int,
    ) -> None:
        self.model, self.size, self.device = model, size, device
        self.progress, self.total, self.done = progress, total, 0
        self.what = QT_TRANSLATE_NOOP("core", "Computing image features (once per dataset)")

    def cached(
        self,
        images: torch.Tensor,
        key: str,
        augment: Augment | None = None,
        seed: int = 0,
    ) -> torch.Tensor:
        path = embeddings_dir() / f"{key}.safetensors"
        features = _read(path, len(images))
        if features is None:
            features = self._embed(images, augment, seed)
            _write(path, features)
        else:
            self._advance(len(images))
        return features

    @torch.no_grad()
    def _embed(self, images: torch.Tensor, augment: Augment | None, seed: int) -> torch.Tensor:
        self.model.eval()
        generator = torch.Generator(device=self.device).manual_seed(seed) if augment else None
        parts = []
        for start in range(0, len(images), EMBED_BATCH):
            batch = resize_images(images[start : start + EMBED_BATCH].to(self.device), self.size)
            x = batch.float().div_(255)
            if augment is not None:
                x = augment_batch(x, augment, generator)
            parts.append(self.model.embed(x).float().cpu())
            self._advance(len(batch))
        return torch.cat(parts) if parts else torch.zeros(0, 0)

    def _advance(self, count: int) -> None:
        self.done += count
        if self.progress is not None:
            self.progress(self.what, self.done, self.total)


def _read(path: Path, rows: int) -> torch.Tensor | None:
    """The cached features at ``path`` when whole and of the expected length, else None."""
    try:
        features = load_file(path)["features"]
    except Exception:  # missing, half-written or foreign: compute again
        return None
    return features if features.ndim == 2 and len(features) == rows else None


def _write(path: Path, features: torch.Tensor) -> None:
    """Atomic write; a cache that cannot be written only costs the next run the same time."""
    temporary = path.with_name(path.name + ".partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        save_file({"features": features.contiguous()}, str(temporary))
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
