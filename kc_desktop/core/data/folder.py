"""An image folder as a dataset: decoded once, in parallel, to a fixed size, then cached.

Decoding photos is the slow part of a folder dataset (tens of milliseconds each), so it
happens once: a thread pool decodes every file to ``size`` x ``size`` RGB (Pillow drops
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
from kc_desktop.core.data.folder_scan import FolderScan, display_text, scan_folder
from kc_desktop.core.data.images import ImageLoadError, load_image_array
from kc_desktop.core.i18n import QT_TRANSLATE_NOOP

DEFAULT_SIZE = 150
"""Default decode side in pixels (the photo size of the Keras articles the app follows)."""

MIN_SIZE, MAX_SIZE = 8, 1024
MEMORY_SHARE = 0.8
"""Largest share of the free memory the decoded images may take."""

Progress = Callable[[int, int], None]


def load_folder(
    path: str | os.PathLike,
    *,
    size: int = DEFAULT_SIZE,
    progress: Progress | None = None,
    workers: int | None = None,
) -> SourceImages:
    """Decode (or read from the cache) a class-per-subfolder directory.

    ``progress(done, total)`` is called from this thread, about a hundred times over a
    decode and once on a cache hit. Skipped files, from the listing and from decoding,
    come back in ``skipped`` with relative paths.
    """
    if not MIN_SIZE <= size <= MAX_SIZE:
        raise ValueError(
            QT_TRANSLATE_NOOP(
                "core", "Image size must be {min_size} to {max_size} pixels, not {size}."
            ).format(min_size=MIN_SIZE, max_size=MAX_SIZE, size=size)
        )
    scan = scan_folder(path)
    total = len(scan.entries)
    if total == 0:
        raise _no_images_error(scan, [])
    key = cache_key(scan, size)
    decoded = read_cache(key, size)
    if decoded is None:
        _check_memory(total, size)
        decoded = decode_entries(scan, size, progress=progress, workers=workers)
        if decoded.images.shape[0] == 0:
            raise _no_images_error(scan, decoded.skipped)
        if len(decoded.classes) >= 2:
            write_cache(key, scan, size, decoded)
    elif progress is not None:
        progress(total, total)
    if len(decoded.classes) < 2:
        raise DatasetUnavailableError(
            QT_TRANSLATE_NOOP(
                "core",
                "{display_text} has images of only one class ({join}); a classifier "
                "needs at least two class folders.",
            ).format(display_text=display_text(str(scan.root)), join=", ".join(decoded.classes))
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
    size: int,
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
    images = torch.empty((total, 3, size, size), dtype=torch.uint8)
    reasons: list[str | None] = [None] * total

    def decode(index: int) -> None:
        try:
            array = load_image_array(scan.root / entries[index].relative, mode="RGB", size=size)
            images[index] = torch.from_numpy(array).permute(2, 0, 1)
        except ImageLoadError as error:
            reasons[index] = str(error)
        except Exception as error:  # never let one file stop the load
            reasons[index] = QT_TRANSLATE_NOOP("core", "could not be read ({name})").format(
                name=type(error).__name__
            )

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
    present = sorted({entries[index].class_name for index in kept})
    class_index = {name: label for label, name in enumerate(present)}
    labels = torch.tensor([class_index[entries[i].class_name] for i in kept], dtype=torch.int64)
    origin = torch.tensor([entries[i].origin for i in kept], dtype=torch.int8)
    classes = [display_text(name) for name in present]
    return DecodedFolder(images, labels, origin, classes, skipped)


def _check_memory(count: int, size: int) -> None:
    """Refuse early, in plain words, a decode that cannot fit in memory."""
    import psutil

    needed = count * 3 * size * size
    available = psutil.virtual_memory().available
    if needed > MEMORY_SHARE * available:
        raise DatasetUnavailableError(
            QT_TRANSLATE_NOOP(
                "core",
                "{count:,} images of {size}x{size} pixels need {value:.1f} GiB of "
                "memory but only {value2:.1f} GiB is free; choose a smaller image size.",
            ).format(count=count, size=size, value=needed / 2**30, value2=available / 2**30)
        )


def _no_images_error(scan: FolderScan, skipped: list[SkippedFile]) -> DatasetUnavailableError:
    shown = display_text(str(scan.root))
    everything = [*scan.skipped, *skipped]
    if not everything:
        return DatasetUnavailableError(
            QT_TRANSLATE_NOOP("core", "{shown} holds no files in its class folders.").format(
                shown=shown
            )
        )
    first = everything[0]
    return DatasetUnavailableError(
        QT_TRANSLATE_NOOP(
            "core",
            "No readable images in {shown}: {count} files skipped (first: {path}: {reason}).",
        ).format(shown=shown, count=len(everything), path=first.path, reason=first.reason)
    )


def folder_name(path: str | os.PathLike) -> str:
    """The folder's own name for titles, e.g. "flowers" for /data/flowers/."""
    resolved = Path(os.path.abspath(os.path.expanduser(os.fspath(path))))
    return display_text(resolved.name or str(resolved))
