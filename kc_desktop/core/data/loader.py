"""Batches straight from device memory: the training hot path.

A dataset of small images fits on the GPU many times over, so it goes there once, as
uint8 (a quarter of the float size), and each batch is a ``randperm`` slice indexed on the
device, converted to float [0, 1] and augmented there in a few batched kernels. No
``DataLoader``, no worker processes, no per-image Python: the airbench and "MNIST in
seconds" recipe. ``resize_images`` brings a whole split to a model's input side once,
before training.

``EpochBatches`` is what every batch source shares: which samples each batch of each epoch
holds (order, augmentation seed, each process's share) and the step to the model's float
input. ``DeviceBatches`` serves them from device memory, ``streaming.StreamedBatches`` from a
memory map; both give the very same batches for the same seed, epoch and process.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

import numpy as np
import torch
import torch.nn.functional as F  # noqa: N812 - the PyTorch convention

from kc_desktop.core.errors import DataError
from kc_desktop.core.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from typing_extensions import Unpack

Batch = tuple[torch.Tensor, torch.Tensor]
RESIZE_CHUNK_BYTES = 64 * 2**20
"""Float working memory per ``resize_images`` chunk (bounds the peak for large sets)."""


@dataclass(frozen=True)
class Augment:
    """Random changes per training image, as Keras' ImageDataGenerator makes them.

    ``flip``: mirror left-right with probability 1/2. ``shift``: move by up to this
    fraction of the side, horizontally and vertically (``width/height_shift_range``).
    ``zoom``: scale each axis by a factor in [1 - zoom, 1 + zoom] (``zoom_range``). Pixels
    that come in from outside repeat the nearest edge (Keras' default ``fill_mode``).
    """

    flip: bool = False
    shift: float = 0.0
    zoom: float = 0.0

    def __post_init__(self) -> None:
        if not 0.0 <= self.shift <= 1.0:
            raise DataError(f"Shift must be a fraction from 0 to 1, not {self.shift}.")
        if not 0.0 <= self.zoom < 1.0:
            raise DataError(f"Zoom must be a fraction from 0 to below 1, not {self.zoom}.")

    @property
    def enabled(self) -> bool:
        """True when any change is switched on."""
        return self.flip or self.shift > 0 or self.zoom > 0


def augment_batch(
    x: torch.Tensor, augment: Augment, generator: torch.Generator | None = None
) -> torch.Tensor:
    """Randomly flip / shift / zoom each image of a float (B, C, H, W) batch, on its device.

    One ``affine_grid`` + ``grid_sample`` does shift, zoom and flip together for the whole
    batch (a flip alone is a cheaper ``torch.where``). Values stay in the input's range
    (bilinear sampling only averages). ``x`` itself is not modified.
    """
    if not x.is_floating_point():
        raise TypeError(f"augment_batch needs a float batch in [0, 1], not {x.dtype}.")
    count = x.shape[0]
    if not augment.enabled or count == 0:
        return x
    flip_sign = torch.ones(count, device=x.device, dtype=x.dtype)
    if augment.flip:
        flip_sign = torch.where(_uniform(generator, (count,), x.device) < 0.5, -1.0, 1.0).to(x)
    if augment.shift == 0 and augment.zoom == 0:
        return torch.where(flip_sign.view(count, 1, 1, 1) < 0, x.flip(-1), x)
    u = _uniform(generator, (count, 4), x.device).to(x.dtype) * 2 - 1  # [-1, 1)
    theta = torch.zeros(count, 2, 3, device=x.device, dtype=x.dtype)
    # The grid maps output to input coordinates in [-1, 1]: a factor above 1 shows more of
    # the input (zoom out), and a shift of f of the side is 2f in these units.
    theta[:, 0, 0] = (1 + augment.zoom * u[:, 0]) * flip_sign
    theta[:, 1, 1] = 1 + augment.zoom * u[:, 1]
    theta[:, 0, 2] = 2 * augment.shift * u[:, 2]
    theta[:, 1, 2] = 2 * augment.shift * u[:, 3]
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="border", align_corners=False)


def _uniform(
    generator: torch.Generator | None, shape: tuple[int, ...], device: torch.device
) -> torch.Tensor:
    """Uniform [0, 1) numbers on ``device``, drawn from ``generator`` wherever it lives."""
    if generator is None:
        return torch.rand(shape, device=device)
    values = torch.rand(shape, generator=generator, device=generator.device)
    return values.to(device)


def resize_images(images: torch.Tensor, size: int) -> torch.Tensor:
    """uint8 (N, C, H, W) -> uint8 (N, C, size, size), bilinear, antialiased when shrinking.

    Works in chunks of about ``RESIZE_CHUNK_BYTES`` of floats, on the images' device.
    Images already ``size`` x ``size`` come back as they are (not copied).
    """
    if images.dtype != torch.uint8 or images.ndim != 4:
        raise TypeError(f"resize_images needs uint8 (N, C, H, W) images, not {images.dtype}.")
    if size < 1:
        raise DataError(
            QT_TRANSLATE_NOOP("core", "Image size must be at least 1 pixel, not {size}.").format(
                size=size
            )
        )
    count, channels, height, width = images.shape
    if (height, width) == (size, size):
        return images
    shrinking = size < height or size < width
    out = torch.empty((count, channels, size, size), dtype=torch.uint8, device=images.device)
    per_image = channels * max(height * width, size * size) * 4
    chunk = max(1, RESIZE_CHUNK_BYTES // per_image)
    for start in range(0, count, chunk):
        part = images[start : start + chunk].float()
        resized = F.interpolate(
            part, size=(size, size), mode="bilinear", align_corners=False, antialias=shrinking
        )
        out[start : start + chunk] = resized.round_().clamp_(0, 255)
    return out


class BatchOptions(TypedDict, total=False):
    """The keyword arguments of every batch source (``EpochBatches`` says what they do)."""

    device: torch.device | str
    shuffle: bool
    drop_last: bool
    augment: Augment | None
    seed: int
    rank: int
    world_size: int


class EpochBatches(ABC):
    """Shuffled (x, y) batches of ``num_samples`` samples, an epoch per iteration.

    Each epoch draws a fresh permutation from a generator seeded by (seed, epoch), so the
    epochs differ from each other but a run with the same seed repeats exactly. Under
    data-parallel training each of ``world_size`` processes passes its ``rank``: every process
    draws the same permutation and takes its share of each global batch of ``batch_size``
    (``rank_share``), so together they see exactly one process's batches.
    """

    def __init__(
        self,
        num_samples: int,
        batch_size: int,
        *,
        device: torch.device | str = "cpu",
        shuffle: bool = True,
        drop_last: bool = False,
        augment: Augment | None = None,
        seed: int = 0,
        rank: int = 0,
        world_size: int = 1,
    ) -> None:
        if batch_size < 1:
            raise DataError(f"Batch size must be at least 1, not {batch_size}.")
        self.device = torch.device(device)
        self.num_samples = int(num_samples)
        self.batch_size = int(batch_size)
        self.shuffle, self.drop_last = shuffle, drop_last
        self.augment = augment if augment is not None and augment.enabled else None
        self.seed, self.epoch = int(seed), 0
        self.rank, self.world_size = int(rank), int(world_size)
        self._augment_generator = (
            torch.Generator(device=self.device) if self.augment is not None else None
        )

    def __len__(self) -> int:
        """Batches per epoch."""
        return batch_count(self.num_samples, self.batch_size, self.drop_last, self.world_size)

    def set_epoch(self, epoch: int) -> None:
        """Make the next iteration serve epoch ``epoch`` (for resumed runs)."""
        self.epoch = int(epoch)

    def __iter__(self) -> Iterator[Batch]:
        epoch = self.epoch
        self.epoch += 1
        order = epoch_order(self.num_samples, self.seed, epoch) if self.shuffle else None
        if self._augment_generator is not None:
            self._augment_generator.manual_seed(_mix(self.seed, epoch, 1))
        return self._batches(order)

    @abstractmethod
    def _batches(self, order: torch.Tensor | None) -> Iterator[Batch]:
        """The epoch's batches in ``order`` (None: the samples as they stand)."""

    def _positions(self, batch: int, order: torch.Tensor | None) -> torch.Tensor:
        """This process's sample positions (int64, where ``order`` is) in batch number ``batch``."""
        start = batch * self.batch_size
        stop = min(start + self.batch_size, self.num_samples)
        positions = order[start:stop] if order is not None else torch.arange(start, stop)
        return rank_share(positions, self.rank, self.world_size)

    def _model_input(self, images: torch.Tensor) -> torch.Tensor:
        """uint8 pixels on the device -> float [0, 1], augmented; float features as they are."""
        x = images.float().div_(255) if images.dtype == torch.uint8 else images
        if self.augment is not None:
            x = augment_batch(x, self.augment, self._augment_generator)
        return x


class DeviceBatches(EpochBatches):
    """Shuffled (x, y) batches of an in-memory image set, served from ``device`` memory.

    ``images`` are uint8 (N, C, H, W), served as float [0, 1]; float (N, D) feature rows
    (a pretrained backbone's cached embeddings) are served as they are. Each batch is an
    index on the device (a plain slice when unshuffled on one process).
    """

    def __init__(
        self,
        images: torch.Tensor,
        labels: torch.Tensor,
        batch_size: int,
        **options: Unpack[BatchOptions],
    ) -> None:
        features = images.is_floating_point() and images.ndim == 2
        if not features and (images.dtype != torch.uint8 or images.ndim != 4):
            raise TypeError(f"DeviceBatches needs uint8 (N, C, H, W) images, not {images.dtype}.")
        augment = options.get("augment")
        if features and augment is not None and augment.enabled:
            raise ValueError("Feature rows (N, D) cannot be augmented like images.")
        if labels.shape != (images.shape[0],):
            raise DataError(f"{images.shape[0]} images but labels of shape {tuple(labels.shape)}.")
        super().__init__(int(images.shape[0]), batch_size, **options)
        self.images = images.to(self.device)
        self.labels = labels.to(self.device, torch.int64)

    def _batches(self, order: torch.Tensor | None) -> Iterator[Batch]:
        if order is None and self.world_size > 1:
            order = torch.arange(self.num_samples)
        order = order.to(self.device) if order is not None else None  # once an epoch
        for batch in range(len(self)):
            if order is None:
                start = batch * self.batch_size
                images = self.images[start : start + self.batch_size]
                labels = self.labels[start : start + self.batch_size]
            else:
                index = self._positions(batch, order).to(self.device)
                images = self.images.index_select(0, index)
                labels = self.labels.index_select(0, index)
            yield self._model_input(images), labels


def batch_count(samples: int, batch_size: int, drop_last: bool, world_size: int = 1) -> int:
    """Batches per epoch; with several processes, a last batch too small to give each of
    them a sample is dropped (every process must take the same number of steps)."""
    if drop_last:
        return samples // batch_size
    count = math.ceil(samples / batch_size)
    tail = samples % batch_size
    return count - 1 if world_size > 1 and 0 < tail < world_size else count


def epoch_order(samples: int, seed: int, epoch: int) -> torch.Tensor:
    """The shuffled sample order of ``epoch`` (on the CPU): the same in every process."""
    generator = torch.Generator().manual_seed(_mix(seed, epoch, 0))
    return torch.randperm(samples, generator=generator)


def rank_share(positions: torch.Tensor, rank: int, world_size: int) -> torch.Tensor:
    """Process ``rank``'s contiguous share of one global batch (the first ones a sample more)."""
    if world_size == 1:
        return positions
    return torch.tensor_split(positions, world_size)[rank]


def _mix(seed: int, epoch: int, stream: int) -> int:
    """A well-spread 63-bit seed from (seed, epoch, stream): no two pairs collide in use."""
    words = [seed % 2**63, epoch % 2**63, stream]
    return int(np.random.SeedSequence(words).generate_state(1, np.uint64)[0] >> np.uint64(1))
