"""Decoded image folders on disk, so that opening the same folder again takes a moment.

An entry is ``<key>.safetensors`` (images, labels, origin) plus ``<key>.json`` (classes,
skipped files): tensors and plain JSON, never pickle, so a cache file cannot run code.
The key hashes the folder's absolute path, the decode size and colour, and every file's relative
path, byte size and modification time: any added, removed or edited picture gives a new
key. Both files are written to a temporary name and renamed into place (the JSON last:
it marks the entry complete); an entry that fails to read is treated as absent.
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

import torch
from safetensors.torch import load_file, save_file

from kc_desktop.core import paths
from kc_desktop.core.data.dataset import SkippedFile
from kc_desktop.core.data.folder_format import ImageFormat
from kc_desktop.core.data.folder_scan import FolderScan, display_text

CACHE_VERSION = 2  # 2: greyscale entries, classes in natural order


@dataclass
class DecodedFolder:
    """What decoding a folder produced (what a cache entry holds)."""

    images: torch.Tensor  # uint8 (N, channels, size, size)
    labels: torch.Tensor  # int64 (N,)
    origin: torch.Tensor  # int8 (N,): splits.FREE / FIXED_VAL / FIXED_TEST
    classes: list[str]
    skipped: list[SkippedFile]  # files that failed to decode


def cache_key(scan: FolderScan, form: ImageFormat) -> str:
    """Hex SHA-256 of (version, absolute path, size, channels, sorted (path, bytes, mtime_ns))."""
    digest = hashlib.sha256(f"kc-folder-v{CACHE_VERSION}\0{form.size}\0{form.channels}\0".encode())
    digest.update(os.fsencode(str(scan.root)) + b"\0")
    for entry in sorted(scan.entries, key=lambda e: e.relative):
        digest.update(os.fsencode(entry.relative) + b"\0")
        digest.update(f"{entry.size}:{entry.mtime_ns}\0".encode())
    return digest.hexdigest()


def read_cache(key: str, form: ImageFormat) -> DecodedFolder | None:
    """The entry for ``key``, or None when it is missing, partial or damaged."""
    folder = paths.decoded_cache_dir()
    size, channels = form.size, form.channels
    try:
        meta = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
        if meta.get("version") != CACHE_VERSION or meta.get("size") != size:
            return None
        tensors = load_file(folder / f"{key}.safetensors")
        images, labels, origin = tensors["images"], tensors["labels"], tensors["origin"]
        count = int(meta["count"])
        classes = [str(name) for name in meta["classes"]]
        skipped = [SkippedFile(str(s["path"]), str(s["reason"])) for s in meta["skipped"]]
    except Exception:
        return None
    if (
        images.dtype != torch.uint8
        or tuple(images.shape) != (count, channels, size, size)
        or tuple(labels.shape) != (count,)
        or tuple(origin.shape) != (count,)
        or (count and int(labels.max()) >= len(classes))
    ):
        return None
    return DecodedFolder(images, labels.long(), origin.to(torch.int8), classes, skipped)


def write_cache(key: str, scan: FolderScan, form: ImageFormat, decoded: DecodedFolder) -> None:
    """Store ``decoded`` under ``key`` and drop older entries of the same folder and format.

    A cache that cannot be written (read-only home, full disk) only costs speed next time,
    so write errors are swallowed.
    """
    folder = paths.decoded_cache_dir()
    root_id = _root_id(scan)
    meta = {
        "version": CACHE_VERSION,
        "root": display_text(str(scan.root)),
        "root_id": root_id,
        "size": form.size,
        "channels": form.channels,
        "count": int(decoded.images.shape[0]),
        "classes": decoded.classes,
        "skipped": [{"path": s.path, "reason": s.reason} for s in decoded.skipped],
    }
    tensors = {
        "images": decoded.images.contiguous(),
        "labels": decoded.labels.contiguous(),
        "origin": decoded.origin.contiguous(),
    }
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _atomic_write(folder / f"{key}.safetensors", lambda tmp: save_file(tensors, tmp))
        _atomic_write(
            folder / f"{key}.json",
            lambda tmp: Path(tmp).write_text(json.dumps(meta), encoding="utf-8"),
        )
        _drop_stale(folder, key, root_id, form)
    except Exception:
        return


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
            with contextlib.suppress(OSError):
                meta_path.unlink()
                (folder / f"{meta_path.stem}.safetensors").unlink()


def _root_id(scan: FolderScan) -> str:
    return hashlib.sha256(os.fsencode(str(scan.root))).hexdigest()[:32]
