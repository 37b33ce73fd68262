"""Image arrays memory-mapped from a file, read without keeping what was read in memory.

A decoded folder larger than memory lives in one raw uint8 file of (N, C, H, W) pixels.
``map_images`` turns it into a tensor the rest of the app uses like any other (thumbnails,
splits, evaluation): pages come from disk when touched. Touched pages of a mapping count in
the process's memory until they are dropped, so ``gather_rows`` copies the rows it needs and
then tells the kernel it no longer needs those pages (``madvise(MADV_DONTNEED)``): reading
the whole set batch by batch never holds more than a batch of it.

The mapping is copy-on-write (``ACCESS_COPY``): the tensor is writable as torch expects, but
nothing written to it could ever reach the file.
"""

from __future__ import annotations

import mmap
import os
import threading
import weakref
from dataclasses import dataclass

import numpy as np
import torch

PAGE = mmap.PAGESIZE
GATHER_CHUNK_BYTES = 32 * 2**20
"""Rows copied between two page releases when a whole split is gathered into memory."""


@dataclass
class _Mapping:
    """One mapped file: where its bytes sit in the address space, and the mmap to advise."""

    start: int
    length: int
    handle: mmap.mmap
    path: str


_MAPPINGS: dict[int, _Mapping] = {}
_LOCK = threading.Lock()


def map_images(path: str | os.PathLike, shape: tuple[int, int, int, int]) -> torch.Tensor:
    """A uint8 tensor of ``shape`` whose pixels are the bytes of ``path`` (no read now).

    Raises ``OSError`` when the file is missing or shorter than ``shape`` needs.
    """
    count = int(np.prod(shape))
    with open(path, "rb") as file:
        if os.fstat(file.fileno()).st_size < count:
            raise OSError(f"{path} is shorter than {count} bytes")
        if count == 0:
            return torch.empty(shape, dtype=torch.uint8)
        handle = mmap.mmap(file.fileno(), count, access=mmap.ACCESS_COPY)
    flat = np.frombuffer(handle, dtype=np.uint8, count=count)
    tensor = torch.from_numpy(flat.reshape(shape))
    start = tensor.data_ptr()
    with _LOCK:
        _MAPPINGS[start] = _Mapping(start, count, handle, str(path))
    # Views keep ``flat`` alive and ``flat`` keeps the mmap: forget the entry with the last view.
    weakref.finalize(flat, _forget, start)
    return tensor


def _forget(start: int) -> None:
    with _LOCK:
        _MAPPINGS.pop(start, None)


def is_mapped(images: torch.Tensor) -> bool:
    """True when ``images`` (or the tensor it is a view of) is a file mapping."""
    return _mapping_of(images) is not None


def mapped_path(images: torch.Tensor) -> str | None:
    """The file behind a mapped tensor, for messages and tests."""
    mapping = _mapping_of(images)
    return mapping.path if mapping else None


def _mapping_of(images: torch.Tensor) -> _Mapping | None:
    if images.device.type != "cpu" or images.numel() == 0:
        return None
    pointer = images.data_ptr()
    with _LOCK:
        for mapping in _MAPPINGS.values():
            if mapping.start <= pointer < mapping.start + mapping.length:
                return mapping
    return None


def gather_rows(images: torch.Tensor, indices: torch.Tensor, out: torch.Tensor | None = None):
    """``images[indices]`` into ``out`` (or a new tensor); for a mapping, read in ascending
    row order and let go of the pages read, so memory holds the copy only.

    Indices may come in any order; the rows come back in that order.
    """
    indices = indices.to(torch.int64)
    if out is None:
        out = torch.empty((len(indices), *images.shape[1:]), dtype=images.dtype)
    mapping = _mapping_of(images)
    if mapping is None:
        torch.index_select(images, 0, indices, out=out)
        return out
    order = torch.argsort(indices)
    ordered = indices[order]
    row_bytes = max(1, images[0].numel())
    chunk = max(1, GATHER_CHUNK_BYTES // row_bytes)
    for begin in range(0, len(ordered), chunk):
        rows = ordered[begin : begin + chunk]
        out[order[begin : begin + chunk]] = images.index_select(0, rows)
        release(images, int(rows[0]), int(rows[-1]) + 1)
    return out


def release(images: torch.Tensor, first_row: int, stop_row: int) -> None:
    """Drop the process's copy of the pages holding rows [first_row, stop_row) of a mapping
    (the file keeps them; the next read brings them back). No-op for other tensors."""
    mapping = _mapping_of(images)
    if mapping is None or not hasattr(mmap, "MADV_DONTNEED") or stop_row <= first_row:
        return
    row_bytes = images[0].numel()
    begin = images.data_ptr() - mapping.start + first_row * row_bytes
    end = min(mapping.length, begin + (stop_row - first_row) * row_bytes)
    aligned = begin - begin % PAGE
    try:
        mapping.handle.madvise(mmap.MADV_DONTNEED, aligned, end - aligned)
    except (OSError, ValueError):
        return
