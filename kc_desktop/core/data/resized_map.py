"""A streamed split resized once to the model's side, in a scratch file mapped like the cache.

A folder decoded at 150 pixels that trains a model at 64 would otherwise be resized batch by
batch, every epoch, on the thread that gathers the batches: on a small CPU that thread then
paces training (the streamed epoch ran at 0.62 of the in-memory one). Resizing the split once,
a chunk at a time, into a ``PixelFile`` (the decode's own scratch file) costs what the
in-memory path costs at setup and leaves each batch a plain gather of small rows. Memory
holds one chunk, as when the folder was decoded. The file is unlinked as soon as it is mapped
(POSIX keeps it while mapped), or at exit where the system refuses that.
"""

from __future__ import annotations

import atexit
import contextlib
import os

import torch

from kc_desktop.core.data.folder_cache import PixelFile
from kc_desktop.core.data.loader import resize_images
from kc_desktop.core.data.mapped import GATHER_CHUNK_BYTES, gather_rows, map_images


def resized_copy(images: torch.Tensor, indices: torch.Tensor, size: int) -> torch.Tensor | None:
    """Rows ``indices`` of the mapped ``images`` at side ``size``, themselves memory-mapped.

    None when no scratch file can be written (full disk): the batches then resize as they
    are gathered, slower but the same pixels.
    """
    channels, side = images.shape[1], images.shape[-1]
    try:
        pixels = PixelFile("resized")
    except OSError:
        return None
    try:
        chunk = max(1, GATHER_CHUNK_BYTES // (channels * side * side))
        for start in range(0, len(indices), chunk):
            rows = gather_rows(images, indices[start : start + chunk])
            pixels.append(resize_images(rows, size).numpy())
        pixels.close()
        mapped = map_images(pixels.path, (len(indices), channels, size, size))
    except OSError:
        pixels.discard()
        return None
    _remove(str(pixels.path))
    return mapped


def _remove(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:  # a mapped file cannot be deleted on Windows: at exit, then
        atexit.register(_remove_quietly, name)


def _remove_quietly(name: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(name)
