"""An image folder as a dataset: decoded once, in parallel, to a fixed size, then cached.

Decoding photos is the slow part of a folder dataset (tens of milliseconds each), so it
happens once: a thread pool decodes every file to ``size`` x ``size`` pixels, RGB or
greyscale (by default the size and colour the files themselves have, see
``folder_format``; Pillow drops
the GIL while it decodes and resizes, so threads scale), the result is cached on disk
(``folder_cache``), and the next open of the unchanged folder only lists the files and
maps the pixel file.

A file that cannot be decoded is skipped and reported with a reason; it never stops the
load. The folder as a whole is refused, with ``DatasetUnavailableError``, when it does not
exist, holds no readable image, or fewer than two classes.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

import numpy as np
import torch

from kc_desktop.core import paths
from kc_desktop.core.data.dataset import SkippedFile, SourceImages
from kc_desktop.core.data.errors import DatasetUnavailableError
from kc_desktop.core.data.folder_cache import (
    DecodedFolder,
    PixelFile,
    cache_key,
    read_cache,
    remembered_format,
    write_cache,
)
from kc_desktop.core.data.folder_format import MAX_INFERRED_SIZE, ImageFormat, resolve_format
from kc_desktop.core.data.folder_scan import FolderScan, display_text, natural_key, scan_folder
from kc_desktop.core.data.images import ImageLoadError, load_image_array
from kc_desktop.core.data.mapped import map_images
from kc_desktop.core.i18n import QT_TRANSLATE_NOOP

DEFAULT_SIZE = MAX_INFERRED_SIZE
"""Side photos decode at when not chosen (the photo size of the Keras articles)."""

CHUNK_BYTES = 64 * 2**20
"""Decoded pixels held in memory at once while a folder decodes (then appended to disk)."""

Progress = Callable[[int, int], None]


def load_folder(
    path: str | os.PathLike,
    *,
    size: int | None = None,
    colour: str = "auto",
    progress: Progress | None = None,
    workers: int | None = None,
) -> SourceImages:
    """Decode (or map from the cache) a class-per-subfolder directory.

    ``size`` (pixels) and ``colour`` ("auto", "rgb", "grey") default to the files' own
    format. ``progress(done, total)`` is called from this thread, about a hundred times over a
    decode and once on a cache hit. Skipped files, from the listing and from decoding,
    come back in ``skipped`` with relative paths. The images are memory-mapped from the
    cache file, so a folder larger than memory opens.
    """
    scan = scan_folder(path)
    total = len(scan.entries)
    if total == 0:
        raise _no_images_error(scan, [])
    form = resolve_format(scan, size, colour, remembered_format)
    key = cache_key(scan, form)
    decoded = read_cache(key, form)
    if decoded is None:
        decoded = _decode_to_disk(scan, key, form, progress, workers)
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
    assert decoded.images is not None  # both paths above map the pixels
    return SourceImages(
        decoded.images,
        decoded.labels,
        decoded.classes,
        decoded.origin,
        [*scan.skipped, *decoded.skipped],
    )


def _decode_to_disk(
    scan: FolderScan,
    key: str,
    form: ImageFormat,
    progress: Progress | None,
    workers: int | None,
) -> DecodedFolder:
    """Decode into a pixel file, make it the cache entry, and map it."""
    _check_disk(len(scan.entries), form)
    pixels = PixelFile(key)
    try:
        decoded = decode_entries(scan, form, pixels, progress=progress, workers=workers)
    except OSError as error:
        pixels.discard()
        raise DatasetUnavailableError(
            QT_TRANSLATE_NOOP(
                "core",
                "The decoded images could not be written to {folder} ({error}); "
                "free some disk space or choose a smaller image size.",
            ).format(folder=pixels.path.parent, error=error.strerror or error)
        ) from error
    except BaseException:
        pixels.discard()
        raise
    if pixels.rows == 0:
        pixels.discard()
        raise _no_images_error(scan, decoded.skipped)
    if len(decoded.classes) >= 2:
        where = write_cache(key, scan, form, pixels, decoded)
    else:
        pixels.close()
        where = pixels.path
    decoded.images = map_images(where, (pixels.rows, form.channels, form.size, form.size))
    if where == pixels.path:  # not a cache entry: the mapping keeps the data until closed
        with contextlib.suppress(OSError):
            where.unlink()
    return decoded


def decode_entries(
    scan: FolderScan,
    form: ImageFormat,
    pixels: PixelFile,
    *,
    progress: Progress | None = None,
    workers: int | None = None,
) -> DecodedFolder:
    """Decode every listed file in a thread pool, a chunk at a time, appending the decoded
    rows to ``pixels``; returns labels and names (``images`` stays None for the caller to map).

    Memory holds one chunk (``CHUNK_BYTES``) of pixels, whatever the size of the folder.
    Images land in listing order whatever order the threads finish in, so the same folder
    always gives the same file. Classes left without any image are dropped.
    """
    entries = scan.entries
    total = len(entries)
    size, channels = form.size, form.channels
    chunk = max(1, min(total, CHUNK_BYTES // (channels * size * size)))
    buffer = np.empty((chunk, channels, size, size), dtype=np.uint8)
    reasons: list[str | None] = [None] * total
    mode = "L" if channels == 1 else "RGB"

    def decode(index: int, slot: int) -> None:
        try:
            array = load_image_array(scan.root / entries[index].relative, mode=mode, size=size)
            buffer[slot] = array.transpose(2, 0, 1)
        except ImageLoadError as error:
            reasons[index] = str(error)
        except Exception as error:  # never let one file stop the load
            reasons[index] = QT_TRANSLATE_NOOP("core", "could not be read ({name})").format(
                name=type(error).__name__
            )

    threads = workers or min(8, os.cpu_count() or 2)
    step = max(1, total // 100)
    done = 0
    if progress is not None:
        progress(0, total)
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="decode") as pool:
        for begin in range(0, total, chunk):
            stop = min(begin + chunk, total)
            futures = [pool.submit(decode, index, index - begin) for index in range(begin, stop)]
            try:
                for _future in as_completed(futures):
                    done += 1
                    if progress is not None and (done % step == 0 or done == total):
                        progress(done, total)
            except BaseException:  # e.g. a progress callback that cancels: stop decoding now
                pool.shutdown(wait=True, cancel_futures=True)
                raise
            kept = [i - begin for i in range(begin, stop) if reasons[i] is None]
            pixels.append(buffer[: stop - begin] if len(kept) == stop - begin else buffer[kept])
    return _labels(scan, reasons)


def _labels(scan: FolderScan, reasons: list[str | None]) -> DecodedFolder:
    """Labels, origins and class names of the decoded files; the failed ones as skipped."""
    entries = scan.entries
    kept = [index for index, reason in enumerate(reasons) if reason is None]
    skipped = [
        SkippedFile(display_text(entries[i].relative.replace(os.sep, "/")), reason)
        for i, reason in enumerate(reasons)
        if reason is not None
    ]
    present = sorted({entries[index].class_name for index in kept}, key=natural_key)
    class_index = {name: label for label, name in enumerate(present)}
    labels = torch.tensor([class_index[entries[i].class_name] for i in kept], dtype=torch.int64)
    origin = torch.tensor([entries[i].origin for i in kept], dtype=torch.int8)
    classes = [display_text(name) for name in present]
    return DecodedFolder(None, labels, origin, classes, skipped)


def _check_disk(count: int, form: ImageFormat) -> None:
    """Refuse early, in plain words, a decode whose pixels cannot fit on the disk."""
    size = form.size
    needed = count * form.channels * size * size
    folder = paths.decoded_cache_dir()
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return
    if needed > free:
        raise DatasetUnavailableError(
            QT_TRANSLATE_NOOP(
                "core",
                "{count:,} images of {size}x{size} pixels need {needed:.1f} GiB of disk in "
                "{folder} but only {free:.1f} GiB is free; free some space or choose a smaller "
                "image size.",
            ).format(
                count=count,
                size=size,
                needed=needed / 2**30,
                folder=paths.decoded_cache_dir(),
                free=free / 2**30,
            )
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
