"""Nearest training image of each generated sample: is the model drawing or copying?

A generator that memorised its training set draws near-copies: each sample sits almost on
top of one training image. Distances are pixel L2 in [0, 1] units at the model's side. On
their own they mean little, so the report also gives the typical distance from a *held-out*
real image (the test split, never trained on) to its nearest training image: samples much
closer than that are suspiciously close to a copy; samples about as close are new images.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from kc_desktop.core.data.dataset import ImageDataset
from kc_desktop.core.data.loader import resize_images
from kc_desktop.core.data.mapped import gather_rows
from kc_desktop.core.errors import DataError
from kc_desktop.core.grids import to_uint8_images
from kc_desktop.core.i18n import QT_TRANSLATE_NOOP
from kc_desktop.core.inference import LoadedRun
from kc_desktop.core.insight.quality_metric import generate

CHUNK = 512  # query rows per distance block: keeps (chunk x pool) floats small
POOL_CHUNK_BYTES = 32 * 2**20
"""Training pixels (uint8, at the model's side) compared at once: the pool is never whole."""
HELD_OUT_LIMIT = 1024
"""Test images whose nearest distances give the yardstick (their median); a sample is plenty."""
COPY_SHARE = 0.5
"""A sample closer to a training image than half the typical held-out distance is flagged."""


def nearest_neighbours(
    queries: torch.Tensor, pool: torch.Tensor
) -> tuple[torch.Tensor, torch.Tensor]:
    """For each of ``queries`` (N, C, H, W) its nearest row of ``pool`` (M, C, H, W).

    Both float in [0, 1] or uint8 (scaled to [0, 1]). Returns (indices (N,), distances (N,)).
    """
    flat_pool = _flat(pool)
    indices, distances = [], []
    for start in range(0, len(queries), CHUNK):
        block = torch.cdist(
            _flat(queries[start : start + CHUNK]),
            flat_pool,
            compute_mode="donot_use_mm_for_euclid_dist",  # exact: an image is 0 from itself
        )
        best, where = block.min(dim=1)
        indices.append(where)
        distances.append(best)
    return torch.cat(indices), torch.cat(distances)


def nearest_in_split(
    queries: torch.Tensor, dataset: ImageDataset, split: str, size: int, device: torch.device
) -> tuple[torch.Tensor, torch.Tensor]:
    """``nearest_neighbours`` against a dataset's split, read a chunk at a time (gathered
    from a memory map when the folder is one, resized to ``size``): indices into the split."""
    rows = dataset.splits[split]
    per_chunk = max(1, POOL_CHUNK_BYTES // (dataset.channels * size * size))
    best_index = torch.zeros(len(queries), dtype=torch.int64, device=device)
    best_distance = torch.full((len(queries),), float("inf"), device=device)
    for start in range(0, len(rows), per_chunk):
        chunk = gather_rows(dataset.images, rows[start : start + per_chunk])
        pool = resize_images(chunk, size).to(device)
        where, distance = nearest_neighbours(queries, pool)
        closer = distance < best_distance
        best_distance = torch.where(closer, distance, best_distance)
        best_index = torch.where(closer, where + start, best_index)
    return best_index, best_distance


def _flat(images: torch.Tensor) -> torch.Tensor:
    data = images.float().div(255) if images.dtype == torch.uint8 else images.float()
    return data.flatten(1)


@dataclass(frozen=True)
class NearestReport:
    """Generated samples beside their nearest training images, with the distances."""

    samples: np.ndarray  # uint8 (N, H, W, C)
    neighbours: np.ndarray  # uint8 (N, H, W, C)
    distances: list[float]
    labels: list[str]  # class of each nearest training image
    held_out_median: float  # typical distance of a real test image to its nearest

    def looks_copied(self, index: int) -> bool:
        return self.distances[index] < COPY_SHARE * self.held_out_median


def nearest_training_images(
    run: LoadedRun, dataset: ImageDataset, count: int = 16, seed: int = 0
) -> NearestReport:
    """Draw ``count`` samples from ``run`` and find each one's nearest training image."""
    if run.task not in ("vae", "gan"):
        raise DataError(
            QT_TRANSLATE_NOOP("core", "Only VAE and DCGAN runs draw new samples to compare.")
        )
    device = run.device
    generator = torch.Generator().manual_seed(seed)
    z = torch.randn(count, run.latent_dim, generator=generator).to(device)
    samples = generate(run.model, run.task, z)
    indices, distances = nearest_in_split(samples, dataset, "train", run.size, device)
    test_rows = dataset.splits["test"][:HELD_OUT_LIMIT]
    if len(test_rows):
        held_out_images = resize_images(gather_rows(dataset.images, test_rows), run.size)
        _, held_out = nearest_in_split(
            held_out_images.to(device), dataset, "train", run.size, device
        )
        held_out_median = float(held_out.median())
    else:
        held_out_median = float("nan")
    train_rows = dataset.splits["train"][indices.cpu()]
    neighbours = resize_images(gather_rows(dataset.images, train_rows), run.size)
    train_labels = dataset.labels[train_rows]
    return NearestReport(
        samples=to_uint8_images(samples),
        neighbours=to_uint8_images(neighbours.float().div(255)),
        distances=[float(d) for d in distances],
        labels=[dataset.classes[int(label)] for label in train_labels.tolist()],
        held_out_median=held_out_median,
    )
