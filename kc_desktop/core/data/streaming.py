"""Batches from memory while the data fits, from the memory-mapped cache when it does not.

``memory_plan`` decides once per run: a dataset whose pixels (at the model's input size)
fit a share of the free memory (RAM, or GPU memory on CUDA, where today's device-resident
``DeviceBatches`` stay) is gathered into memory; a larger one that is memory-mapped
(``mapped.map_images``: every decoded folder) is streamed. ``StreamedBatches`` then serves
the very batches ``DeviceBatches`` would (same permutation, same shares per process): a
background thread gathers each batch's rows in ascending order from the map, keeps up to
``PREFETCH`` batches ready, pins them on CUDA and the copy to the device is ``non_blocking``.
Memory holds a few batches, whatever the size of the folder.

``KC_DESKTOP_MEMORY_BUDGET_MB`` overrides the budget (tests, the bench, a cautious user).
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import psutil
import torch

from kc_desktop.core.data.dataset import ImageDataset
from kc_desktop.core.data.loader import (
    Batch,
    BatchOptions,
    DeviceBatches,
    EpochBatches,
    resize_images,
)
from kc_desktop.core.data.mapped import GATHER_CHUNK_BYTES, gather_rows, is_mapped
from kc_desktop.core.data.resized_map import resized_copy
from kc_desktop.core.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from typing_extensions import Unpack

RAM_SHARE = 0.5
"""Share of the free RAM a dataset may take before it is streamed from its map instead."""
GPU_SHARE = 0.5
"""Share of the free GPU memory a dataset may take on the device (the rest is for training)."""
PREFETCH = 2
"""Batches the background thread keeps ready."""
BUDGET_ENV = "KC_DESKTOP_MEMORY_BUDGET_MB"

RAM = QT_TRANSLATE_NOOP("core", "RAM")  # what memory a plan speaks of, translated with it
GPU_MEMORY = QT_TRANSLATE_NOOP("core", "GPU memory")
MEMORY_TEXT = QT_TRANSLATE_NOOP(
    "core", "Batches come from memory: {needed} of pixels fit in {budget} of free {where}."
)
STREAM_TEXT = QT_TRANSLATE_NOOP(
    "core",
    "Batches stream from the disk cache (memory-mapped): {needed} of pixels is more than "
    "the {budget} of free {where} set aside for data.",
)


@dataclass(frozen=True)
class MemoryPlan:
    """Where a run's batches come from, and the figures that decided it."""

    streamed: bool
    needed: int  # bytes of pixels at the model's input size, all splits
    budget: int  # bytes the data may take
    where: str  # "RAM" or "GPU memory"

    @property
    def template(self) -> str:
        """The sentence before its values (what a front-end translates)."""
        return STREAM_TEXT if self.streamed else MEMORY_TEXT

    def values(self) -> dict[str, str]:
        """The placeholders of ``template``."""
        return {"needed": _gib(self.needed), "budget": _gib(self.budget), "where": self.where}

    def text(self) -> str:
        """One line for the log and the command line."""
        return self.template.format(**self.values())


IN_MEMORY = MemoryPlan(streamed=False, needed=0, budget=0, where=RAM)
"""The plan of a view that keeps a (small) split in memory whatever its size."""


def _gib(count: int) -> str:
    return f"{count / 2**30:.2f} GB" if count >= 2**28 else f"{count / 2**20:.0f} MB"


def memory_budget(device: torch.device) -> tuple[int, str]:
    """(bytes the data may take, what memory) on ``device``."""
    override = os.environ.get(BUDGET_ENV)
    where = GPU_MEMORY if device.type == "cuda" else RAM
    if override:
        return int(float(override) * 2**20), where
    if device.type == "cuda":
        free, _total = torch.cuda.mem_get_info(device)
        return int(GPU_SHARE * free), where
    return int(RAM_SHARE * psutil.virtual_memory().available), where


def memory_plan(dataset: ImageDataset, size: int, device: torch.device) -> MemoryPlan:
    """Stream a memory-mapped dataset whose pixels at side ``size`` exceed the budget."""
    needed = len(dataset) * dataset.channels * size * size
    budget, where = memory_budget(device)
    return MemoryPlan(is_mapped(dataset.images) and needed > budget, needed, budget, where)


@dataclass
class StreamedSplit:
    """A split left in its memory map: the rows it takes, their labels, the side to serve."""

    images: torch.Tensor  # the whole mapped set (N, C, H, W), not copied
    indices: torch.Tensor  # int64 rows of this split
    labels: torch.Tensor  # int64, one per row of ``indices``
    size: int  # the model's input side; rows are resized per batch when it differs

    def __len__(self) -> int:
        return len(self.indices)

    def rows(self, positions: torch.Tensor) -> torch.Tensor:
        """uint8 images at ``positions`` of the split, at the model's side."""
        images = gather_rows(self.images, self.indices[positions])
        return images if images.shape[-1] == self.size else resize_images(images, self.size)


Split = tuple[torch.Tensor, torch.Tensor] | StreamedSplit


def prepare_split(dataset: ImageDataset, name: str, size: int, plan: MemoryPlan) -> Split:
    """A split ready for batches: (images, labels) in memory at side ``size``, or streamed."""
    indices = dataset.splits[name]
    labels = dataset.labels[indices]
    if plan.streamed:
        resized = resized_copy(dataset.images, indices, size) if dataset.size != size else None
        if resized is not None:  # each batch a plain gather, not a resize as well
            return StreamedSplit(resized, torch.arange(len(indices)), labels, size)
        return StreamedSplit(dataset.images, indices, labels, size)
    if dataset.size == size:
        return gather_rows(dataset.images, indices), labels
    # Gather and resize a chunk at a time: memory holds the split at the model's side only.
    images = torch.empty((len(indices), dataset.channels, size, size), dtype=torch.uint8)
    chunk = max(1, GATHER_CHUNK_BYTES // (dataset.channels * dataset.size**2))
    for start in range(0, len(indices), chunk):
        part = gather_rows(dataset.images, indices[start : start + chunk])
        images[start : start + chunk] = resize_images(part, size)
    return images, labels


def split_length(split: Split) -> int:
    """Images in a split, wherever they are."""
    return len(split) if isinstance(split, StreamedSplit) else len(split[1])


def split_head(split: Split, count: int) -> torch.Tensor:
    """The first ``count`` images of a split (uint8), e.g. a generative run's preview row."""
    if isinstance(split, StreamedSplit):
        return split.rows(torch.arange(min(count, len(split))))
    return split[0][:count]


def make_batches(
    split: Split, batch_size: int, **options: Unpack[BatchOptions]
) -> DeviceBatches | StreamedBatches:
    """Batches of ``split`` from the device (in memory) or from the map (streamed)."""
    if isinstance(split, StreamedSplit):
        return StreamedBatches(split, batch_size, **options)
    return DeviceBatches(*split, batch_size, **options)


class StreamedBatches(EpochBatches):
    """``DeviceBatches``' batches of a ``StreamedSplit``, gathered on a background thread."""

    def __init__(
        self, split: StreamedSplit, batch_size: int, **options: Unpack[BatchOptions]
    ) -> None:
        super().__init__(len(split), batch_size, **options)
        self.split = split

    def _batches(self, order: torch.Tensor | None) -> Iterator[Batch]:
        ready: queue.Queue = queue.Queue(maxsize=PREFETCH)
        stop = threading.Event()
        thread = threading.Thread(
            target=self._gather, args=(order, ready, stop), name="batches", daemon=True
        )
        thread.start()
        try:
            for _ in range(len(self)):
                item = ready.get()
                if isinstance(item, BaseException):
                    raise item
                images, labels = item
                x = self._model_input(images.to(self.device, non_blocking=True))
                yield x, labels.to(self.device, non_blocking=True)
        finally:
            stop.set()
            _drain(ready)
            thread.join()

    def _gather(
        self, order: torch.Tensor | None, ready: queue.Queue, stop: threading.Event
    ) -> None:
        """Background thread: each batch's rows, pinned on CUDA, in order, until ``stop``."""
        pin = self.device.type == "cuda"
        try:
            for batch in range(len(self)):
                positions = self._positions(batch, order)
                images, labels = self.split.rows(positions), self.split.labels[positions]
                if pin:
                    images, labels = images.pin_memory(), labels.pin_memory()
                if not _put(ready, (images, labels), stop):
                    return
        except BaseException as error:  # handed to the training thread, which raises it
            _put(ready, error, stop)


def _put(ready: queue.Queue, item: object, stop: threading.Event) -> bool:
    """Put ``item`` unless the consumer has gone; False when it has."""
    while not stop.is_set():
        try:
            ready.put(item, timeout=0.1)
            return True
        except queue.Full:
            continue
    return False


def _drain(ready: queue.Queue) -> None:
    while True:
        try:
            ready.get_nowait()
        except queue.Empty:
            return
