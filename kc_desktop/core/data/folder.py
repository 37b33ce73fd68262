"""An image folder as a dataset: decoded once, in parallel, to a fixed size, then cached.

Decoding photos is the slow part of a folder dataset (tens of milliseconds each), so it
happens once: a thread pool decodes every file to ``size`` x ``size`` pixels, RGB or
greyscale (by default the size and colour the files themselves have, see
``folder_format``; Pillow drops
the GIL while it decodes and resizes, so threads scale), the result is cached on disk
(``folder_cache``), and the next open of the unchanged folder only lists the files and
reads one tensor file.

A file that cannot be decoded is skipped and reported with a reason; it never stops the
load. The folder as a whole is refused, with ``DatasetUnavailableError``, when it does not
exist, holds no readable image, or fewer than two classes.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

import torch

from kc_desktop.core.data.dataset import SkippedFile, SourceImages
from kc_desktop.core.data.errors import DatasetUnavailableError
from kc_desktop.core.data.folder_cache import DecodedFolder, cache_key, read_cache, write_cache
from kc_desktop.core.data.folder_format import MAX_INFERRED_SIZE, ImageFormat, resolve_format
from kc_desktop.core.data.folder_scan import FolderScan, display_text, natural_key, scan_folder
from kc_desktop.core.data.images import ImageLoadError, load_image_array

DEFAULT_SIZE = MAX_INFERRED_SIZE
"""Side photos decode at when not chosen (the photo size of the Keras articles)."""

MEMORY_SHARE = 0.8
"""Largest share of the free memory the decoded images may take."""

Progress = Callable[[int, int], None]


def load_folder(
    path: str | os.PathLike,
    *,
    size: int | None = None,
    colour: str = "auto",
    progress: Progress | None = None,
    workers: int | None = None,
) -> SourceImages:
    """Decode (or read from the cache) a class-per-subfolder directory.

    ``size`` (pixels) and ``colour`` ("auto", "rgb", "grey") default to the files' own
    format. ``progress(done, total)`` is called from this thread, about a hundred times over a
    decode and once on a cache hit. Skipped files, from the listing and from decoding,
    come back in ``skipped`` with relative paths.
    """
    scan = scan_folder(path)
    total = len(scan.entries)
    if total == 0:
        raise _no_images_error(scan, [])
    form = resolve_format(scan, size, colour)
    key = cache_key(scan, form)
    decoded = read_cache(key, form)
    if decoded is None:
        _check_memory(total, form)
        decoded = decode_entries(scan, form, progress=progress, workers=workers)
        if decoded.images.shape[0] == 0:
            raise _no_images_error(scan, decoded.skipped)
        if len(decoded.classes) >= 2:
            write_cache(key, scan, form, decoded)
    elif progress is not None:
        progress(total, total)
    if len(decoded.classes) < 2:
        raise DatasetUnavailableError(
            f"{display_text(str(scan.root))} has images of only one class "
            f"({', '.join(decoded.classes)}); a classifier needs at least two class folders."
        )
    return SourceImages(
        decoded.images,
        decoded.labels,
        decoded.classes,
        decoded.origin,
        [*scan.skipped, *decoded.skipped],
    )


def decode_entries(
    scan: FolderScan,
    form: ImageFormat,
    *,
    progress: Progress | None = None,
    workers: int | None = None,
) -> DecodedFolder:
    """Decode every listed file in a thread pool into one preallocated uint8 tensor.

    Images land in listing order whatever order the threads finish in, so the same folder
    always gives the same tensor. Classes left without any image are dropped.
    """
    entries = scan.entries
    total = len(entries)
    images = torch.empty((total, form.channels, form.size, form.size), dtype=torch.uint8)
    reasons: list[str | None] = [None] * total
    mode = "L" if form.channels == 1 else "RGB"

    def decode(index: int) -> None:
        try:
            path = scan.root / entries[index].relative
            array = load_image_array(path, mode=mode, size=form.size)
            images[index] = torch.from_numpy(array).permute(2, 0, 1)
        except ImageLoadError as error:
            reasons[index] = str(error)
        except Exception as error:  # never let one file stop the load
            reasons[index] = f"could not be read ({type(error).__name__})"

    threads = workers or min(8, os.cpu_count() or 2)
    step = max(1, total // 100)
    if progress is not None:
        progress(0, total)
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="decode") as pool:
        futures = [pool.submit(decode, index) for index in range(total)]
        try:
            for done, _future in enumerate(as_completed(futures), start=1):
                if progress is not None and (done % step == 0 or done == total):
                    progress(done, total)
        except BaseException:  # e.g. a progress callback that cancels: stop decoding now
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return _compact(scan, images, reasons)


def _compact(scan: FolderScan, images: torch.Tensor, reasons: list[str | None]) -> DecodedFolder:
    """Drop the failed slots (in place, without a second copy of the images)."""
    entries = scan.entries
    kept = [index for index, reason in enumerate(reasons) if reason is None]
    skipped = [
        SkippedFile(display_text(entries[i].relative.replace(os.sep, "/")), reason)
        for i, reason in enumerate(reasons)
        if reason is not None
    ]
    for target, source in enumerate(kept):
        if target != source:
            images[target] = images[source]
    images = images[: len(kept)]
    present = sorted({entries[index].class_name for index in kept}, key=natural_key)
    class_index = {name: label for label, name in enumerate(present)}
    labels = torch.tensor([class_index[entries[i].class_name] for i in kept], dtype=torch.int64)
    origin = torch.tensor([entries[i].origin for i in kept], dtype=torch.int8)
    classes = [display_text(name) for name in present]
    return DecodedFolder(images, labels, origin, classes, skipped)


def _check_memory(count: int, form: ImageFormat) -> None:
    """Refuse early, in plain words, a decode that cannot fit in memory."""
    import psutil

    size = form.size
    needed = count * form.channels * size * size
    available = psutil.virtual_memory().available
    if needed > MEMORY_SHARE * available:
        raise DatasetUnavailableError(
            f"{count:,} images of {size}x{size} pixels need {needed / 2**30:.1f} GiB of memory "
            f"but only {available / 2**30:.1f} GiB is free; choose a smaller image size."
        )


def _no_images_error(scan: FolderScan, skipped: list[SkippedFile]) -> DatasetUnavailableError:
    shown = display_text(str(scan.root))
    everything = [*scan.skipped, *skipped]
    if not everything:
        return DatasetUnavailableError(f"{shown} holds no files in its class folders.")
    first = everything[0]
    return DatasetUnavailableError(
        f"No readable images in {shown}: {len(everything)} files skipped "
        f"(first: {first.path}: {first.reason})."
    )


def folder_name(path: str | os.PathLike) -> str:
    """The folder's own name for titles, e.g. "flowers" for /data/flowers/."""
    resolved = Path(os.path.abspath(os.path.expanduser(os.fspath(path))))
    return display_text(resolved.name or str(resolved))
