"""Decoded image folders on disk, memory-mapped, so a folder larger than memory still opens.

An entry is ``<key>.pixels`` (raw uint8 (N, channels, size, size), written in chunks while the
folder decodes), ``<key>.safetensors`` (labels, origin) and ``<key>.json`` (count, classes,
skipped files): raw bytes, tensors and plain JSON, never pickle, so a cache file cannot run
code. Opening an entry maps the pixels (``mapped.map_images``) instead of reading them.
The key hashes the folder's absolute path, the decode size and colour, and every file's relative
path, byte size and modification time: any added, removed or edited picture gives a new
key. Every file is written to a temporary name and renamed into place (the JSON last: it
marks the entry complete); an entry that fails to read is treated as absent.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import load_file, save_file

from kc_desktop.core import paths
from kc_desktop.core.data.dataset import SkippedFile
from kc_desktop.core.data.folder_format import (
    MAX_INFERRED_SIZE,
    MIN_SIZE,
    ImageFormat,
    infer_format,
)
from kc_desktop.core.data.folder_scan import FolderScan, display_text
from kc_desktop.core.data.mapped import map_images

CACHE_VERSION = 3  # 3: greyscale entries, classes in natural order
PIXELS_SUFFIX = ".pixels"


@dataclass
class DecodedFolder:
    """What decoding a folder produced (what a cache entry holds)."""

    images: torch.Tensor | None  # uint8 (N, C, size, size) mapped; None until the file is there
    labels: torch.Tensor  # int64 (N,)
    origin: torch.Tensor  # int8 (N,): splits.FREE / FIXED_VAL / FIXED_TEST
    classes: list[str]
    skipped: list[SkippedFile]  # files that failed to decode


def cache_key(scan: FolderScan, form: ImageFormat) -> str:
    """Hex SHA-256 of (version, absolute path, size, channels, sorted (path, bytes, mtime_ns))."""
    digest = hashlib.sha256(f"kc-folder-v{CACHE_VERSION}\0{form.size}\0{form.channels}\0".encode())
    return _with_listing(digest, scan).hexdigest()


def _with_listing(digest: hashlib._Hash, scan: FolderScan) -> hashlib._Hash:
    """``digest`` updated with the folder's absolute path and every file's path, bytes, time."""
    digest.update(os.fsencode(str(scan.root)) + b"\0")
    for entry in sorted(scan.entries, key=lambda e: e.relative):
        digest.update(os.fsencode(entry.relative) + b"\0")
        digest.update(f"{entry.size}:{entry.mtime_ns}\0".encode())
    return digest


def remembered_format(scan: FolderScan) -> ImageFormat:
    """The folder's own format, read from its files' headers once per listing.

    Inferring opens up to a few hundred headers: on a cache hit that was most of the time
    spent, so the result is kept beside the cache (``formats/<folder>.json``, one per folder,
    replaced when any file changes). A missing, damaged or out-of-range record is inferred
    again; a cache that cannot be written only costs the headers next time.
    """
    listing = _with_listing(hashlib.sha256(b"kc-folder-format\0"), scan).hexdigest()
    record = paths.decoded_cache_dir() / "formats" / f"{_root_id(scan)}.json"
    with contextlib.suppress(Exception):
        saved = json.loads(record.read_text(encoding="utf-8"))
        size, channels = saved["size"], saved["channels"]
        in_range = isinstance(size, int) and MIN_SIZE <= size <= MAX_INFERRED_SIZE
        if saved["listing"] == listing and in_range and channels in (1, 3):
            return ImageFormat(size, channels)
    form = infer_format(scan)
    text = json.dumps({"listing": listing, "size": form.size, "channels": form.channels})
    with contextlib.suppress(Exception):
        record.parent.mkdir(parents=True, exist_ok=True)
        _atomic_write(record, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    return form


def read_cache(key: str, form: ImageFormat) -> DecodedFolder | None:
    """The entry for ``key``, or None when it is missing, partial or damaged."""
    folder = paths.decoded_cache_dir()
    size, channels = form.size, form.channels
    try:
        meta = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
        if meta.get("version") != CACHE_VERSION or meta.get("size") != size:
            return None
        tensors = load_file(folder / f"{key}.safetensors")
        labels, origin = tensors["labels"], tensors["origin"]
        count = int(meta["count"])
        classes = [str(name) for name in meta["classes"]]
        skipped = [SkippedFile(str(s["path"]), str(s["reason"])) for s in meta["skipped"]]
        pixels = folder / f"{key}{PIXELS_SUFFIX}"
        if pixels.stat().st_size != count * channels * size * size:
            return None
        images = map_images(pixels, (count, channels, size, size))
    except Exception:
        return None
    if (
        tuple(labels.shape) != (count,)
        or tuple(origin.shape) != (count,)
        or (count and int(labels.max()) >= len(classes))
    ):
        return None
    return DecodedFolder(images, labels.long(), origin.to(torch.int8), classes, skipped)


class PixelFile:
    """Decoded rows appended in chunks to a temporary file: the whole set is never in memory.

    The file sits in the cache folder, to be renamed into an entry; when that folder cannot
    be written it goes to the system's temporary folder, and the folder is decoded again on
    the next open. Write errors (a full disk) reach the caller, who says what to free.
    """

    def __init__(self, key: str) -> None:
        self.cacheable = True
        try:
            folder = paths.decoded_cache_dir()
            folder.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(dir=folder, prefix=f".{key}.", suffix=".tmp")
        except OSError:
            self.cacheable = False
            handle, name = tempfile.mkstemp(prefix="kc-decoded-", suffix=".tmp")
        self.path = Path(name)
        self._file = os.fdopen(handle, "wb")
        self.rows = 0

    def append(self, rows: np.ndarray) -> None:
        """Write uint8 rows (n, channels, size, size) after the ones already written."""
        if len(rows):
            self._file.write(np.ascontiguousarray(rows).data)
        self.rows += len(rows)

    def close(self) -> None:
        self._file.close()

    def discard(self) -> None:
        """Give up (decode cancelled or failed): the temporary file goes."""
        self._file.close()
        with contextlib.suppress(OSError):
            self.path.unlink()


def write_cache(
    key: str, scan: FolderScan, form: ImageFormat, pixels: PixelFile, decoded: DecodedFolder
) -> Path:
    """Make ``pixels`` the entry ``key`` (with ``decoded``'s labels and names), drop older
    entries of the same folder and format, and return where the pixels now are.

    A cache that cannot be written (read-only home, full disk) only costs time next time, so
    write errors leave the pixels in their temporary file, which is returned.
    """
    pixels.close()
    if not pixels.cacheable:
        return pixels.path
    folder = paths.decoded_cache_dir()
    root_id = _root_id(scan)
    meta = {
        "version": CACHE_VERSION,
        "root": display_text(str(scan.root)),
        "root_id": root_id,
        "size": form.size,
        "channels": form.channels,
        "count": pixels.rows,
        "classes": decoded.classes,
        "skipped": [{"path": s.path, "reason": s.reason} for s in decoded.skipped],
    }
    tensors = {"labels": decoded.labels.contiguous(), "origin": decoded.origin.contiguous()}
    target = folder / f"{key}{PIXELS_SUFFIX}"
    try:
        os.replace(pixels.path, target)
    except OSError:
        return pixels.path
    with contextlib.suppress(Exception):
        _atomic_write(folder / f"{key}.safetensors", lambda tmp: save_file(tensors, tmp))
        _atomic_write(
            folder / f"{key}.json",
            lambda tmp: Path(tmp).write_text(json.dumps(meta), encoding="utf-8"),
        )
        _drop_stale(folder, key, root_id, form)
    return target


def _atomic_write(target: Path, write: Callable[[str], object]) -> None:
    """Write through a temporary file in the same folder, then rename it over ``target``."""
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    os.close(handle)
    try:
        write(temporary)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _drop_stale(folder: Path, key: str, root_id: str, form: ImageFormat) -> None:
    """Delete entries for the same folder and format made before its files changed."""
    for meta_path in folder.glob("*.json"):
        if meta_path.stem == key:
            continue
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        same_format = meta.get("size") == form.size and meta.get("channels") == form.channels
        if meta.get("root_id") == root_id and same_format:
            for suffix in (".json", ".safetensors", PIXELS_SUFFIX):
                with contextlib.suppress(OSError):
                    (folder / f"{meta_path.stem}{suffix}").unlink()


def _root_id(scan: FolderScan) -> str:
    return hashlib.sha256(os.fsencode(str(scan.root))).hexdigest()[:32]
