"""Share a run as one ``.kcrun`` file, and open one as carefully as any untrusted input.

A ``.kcrun`` is a zip of a run folder's data files (weights in safetensors, JSON, JSONL, PNG,
CSV) plus ``kcrun.json`` naming the run. ``import_run`` trusts nothing in it:

- names: no absolute paths, drive letters, backslashes, ``..`` or empty parts, at most two
  levels deep (``samples/epoch_001.png``);
- kinds: no links or other special entries, only the data suffixes above, and each file's
  bytes must be what its suffix claims (a pickle renamed ``model.safetensors`` is refused);
- sizes: at most ``MAX_FILES`` entries and ``MAX_TOTAL_BYTES`` unpacked, each entry no
  more than ``MAX_RATIO`` times its packed size (zip bombs), counted while unpacking rather
  than trusted from the header;
- where: everything is unpacked into a hidden folder inside the runs folder, checked as a
  run (config.json, loadable weights), then renamed to a fresh name there. On any refusal
  that folder is removed, so nothing is left behind and nothing lands outside.

Every refusal is a ``ShareError`` whose text is one sentence saying what is wrong.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import tempfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from kc_desktop.core.errors import DataError
from kc_desktop.core.export.atomic_zip import atomic_zip
from kc_desktop.core.i18n import QT_TRANSLATE_NOOP
from kc_desktop.core.paths import runs_dir
from kc_desktop.core.runs.checkpoints import CheckpointError, load_checkpoint
from kc_desktop.core.runs.layout import MODEL_FILE, RunDirectory, unique_folder

SUFFIX = ".kcrun"
MANIFEST = "kcrun.json"
FORMAT = "kc_desktop.kcrun.v1"
ALLOWED_SUFFIXES = (".safetensors", ".json", ".jsonl", ".png", ".csv")
MAX_FILES = 2_000
MAX_TOTAL_BYTES = 2 * 2**30
MAX_RATIO = 200
"""Deflate reaches ~1000:1 only on degenerate data; real weights pack ~1.1:1, JSON ~10:1."""
MAX_DEPTH = 2
_CHUNK = 2**20
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class ShareError(DataError):
    """A run that cannot be packed, or a .kcrun that is refused; ``str()`` is one sentence."""


def pack_run(run_dir: str | Path, out_file: str | Path) -> Path:
    """Write ``run_dir``'s data files into ``out_file`` (``.kcrun`` is added if missing).

    Links, temporary files and anything that is not a data file are left out, so what is
    packed is exactly what ``import_run`` accepts.
    """
    run = RunDirectory(Path(run_dir))
    try:
        run.read_config()
    except CheckpointError as error:
        raise ShareError(error.user_message) from error
    out = Path(out_file)
    if out.suffix != SUFFIX:
        out = out.with_name(out.name + SUFFIX)
    with atomic_zip(out) as archive:
        manifest = {"format": FORMAT, "name": run.path.name}
        archive.writestr(MANIFEST, json.dumps(manifest, indent=2) + "\n")
        for path in _data_files(run.path):
            archive.write(path, path.relative_to(run.path).as_posix())
    return out


def _data_files(folder: Path) -> list[Path]:
    files = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if (
            path.is_symlink()
            or not path.is_file()
            or len(relative.parts) > MAX_DEPTH
            or path.name.startswith(".")
            or path.suffix.lower() not in ALLOWED_SUFFIXES
            or relative.as_posix() == MANIFEST
        ):
            continue
        files.append(path)
    return files


def import_run(kcrun_file: str | Path, runs_parent: str | Path | None = None) -> Path:
    """Unpack a ``.kcrun`` as a new run folder inside the runs folder; returns its path."""
    source = Path(kcrun_file)
    parent = Path(runs_parent) if runs_parent is not None else runs_dir()
    parent.mkdir(parents=True, exist_ok=True)
    try:
        archive = zipfile.ZipFile(source)
    except FileNotFoundError as error:
        raise ShareError(
            QT_TRANSLATE_NOOP("core", "{name} was not found.").format(name=source.name)
        ) from error
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ShareError(_damaged(source)) from error
    staging = Path(tempfile.mkdtemp(prefix=".importing-", dir=parent))
    try:
        with archive:
            name = _unpack(archive, source, staging)
        _check_run(staging, source)
        target = unique_folder(parent, name)  # claims the name; the checked run takes it
        target.rmdir()
        os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _damaged(source: Path) -> str:
    return QT_TRANSLATE_NOOP(
        "core", "{name} is damaged or cut short; ask for the .kcrun file again."
    ).format(name=source.name)


def _unpack(archive: zipfile.ZipFile, source: Path, staging: Path) -> str:
    """Check every entry, then unpack them; returns the run's name from the manifest."""
    entries = archive.infolist()
    if len(entries) > MAX_FILES:
        raise ShareError(
            QT_TRANSLATE_NOOP(
                "core", "{name} holds {count} files; a run has at most {limit}."
            ).format(name=source.name, count=len(entries), limit=MAX_FILES)
        )
    files = [entry for entry in entries if not entry.is_dir()]
    for entry in entries:
        _check_entry(entry, source)
    total = 0
    for entry in files:
        total += _unpack_entry(archive, entry, source, staging, MAX_TOTAL_BYTES - total)
    return _manifest_name(staging, source)


def _check_entry(entry: zipfile.ZipInfo, source: Path) -> None:
    name = entry.filename
    path = PurePosixPath(name.rstrip("/"))
    bad_name = (
        not name
        or name.startswith("/")
        or "\\" in name
        or "\x00" in name
        or re.match(r"^[A-Za-z]:", name) is not None
        or any(part in ("", ".", "..") for part in name.rstrip("/").split("/"))
        or len(path.parts) > MAX_DEPTH
    )
    if bad_name:
        raise ShareError(
            QT_TRANSLATE_NOOP(
                "core", "{name} is refused: the entry {entry} points outside the run folder."
            ).format(name=source.name, entry=name[:80])
        )
    kind = stat.S_IFMT(entry.external_attr >> 16)
    if kind == stat.S_IFLNK or (kind and kind not in (stat.S_IFREG, stat.S_IFDIR)):
        raise ShareError(
            QT_TRANSLATE_NOOP(
                "core", "{name} is refused: {entry} is a link or special file, not plain data."
            ).format(name=source.name, entry=name[:80])
        )
    if entry.is_dir():
        return
    if path.suffix.lower() not in ALLOWED_SUFFIXES:
        raise ShareError(
            QT_TRANSLATE_NOOP(
                "core",
                "{name} is refused: {entry} is not weights, JSON, PNG or CSV, and could run code.",
            ).format(name=source.name, entry=name[:80])
        )
    if entry.file_size > MAX_TOTAL_BYTES or entry.file_size > MAX_RATIO * max(
        entry.compress_size, 1024
    ):
        raise ShareError(_too_big(source))


def _too_big(source: Path) -> str:
    return QT_TRANSLATE_NOOP(
        "core", "{name} is refused: it unpacks to far more than a run could hold (a zip bomb?)."
    ).format(name=source.name)


def _unpack_entry(
    archive: zipfile.ZipFile, entry: zipfile.ZipInfo, source: Path, staging: Path, budget: int
) -> int:
    """Copy one entry, counting real bytes (headers can lie); returns the bytes written."""
    target = staging.joinpath(*PurePosixPath(entry.filename).parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    limit = min(budget, entry.file_size, MAX_RATIO * max(entry.compress_size, 1024))
    written = 0
    try:
        with archive.open(entry) as reader, target.open("xb") as writer:
            while chunk := reader.read(_CHUNK):
                written += len(chunk)
                if written > limit:
                    raise ShareError(_too_big(source))
                writer.write(chunk)
    except FileExistsError as error:
        raise ShareError(
            QT_TRANSLATE_NOOP("core", "{name} is refused: it holds {entry} twice.").format(
                name=source.name, entry=entry.filename[:80]
            )
        ) from error
    except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError, RuntimeError) as error:
        raise ShareError(_damaged(source)) from error  # bad CRC, cut short, encrypted
    _check_content(target, entry.filename, source)
    return written


def _check_content(path: Path, name: str, source: Path) -> None:
    """The bytes must be what the suffix says: no pickle posing as weights or JSON."""
    suffix = path.suffix.lower()
    with path.open("rb") as handle:
        head = handle.read(8)
    if suffix == ".png":
        ok = head == _PNG_SIGNATURE
    elif suffix == ".safetensors":
        ok = len(head) == 8 and _safetensors_header_ok(path, int.from_bytes(head, "little"))
    elif suffix == ".json":
        ok = _json_ok(path.read_bytes())
    else:  # .jsonl, .csv: text
        ok = _text_ok(path.read_bytes())
    if not ok:
        raise ShareError(
            QT_TRANSLATE_NOOP(
                "core", "{name} is refused: {entry} is not the kind of file its name says."
            ).format(name=source.name, entry=name[:80])
        )


def _safetensors_header_ok(path: Path, length: int) -> bool:
    if not 2 <= length <= min(path.stat().st_size - 8, 100 * 2**20):
        return False
    with path.open("rb") as handle:
        handle.seek(8)
        return _json_ok(handle.read(length))


def _json_ok(data: bytes) -> bool:
    try:
        json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return False
    return True


def _text_ok(data: bytes) -> bool:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return "\x00" not in text


def _manifest_name(staging: Path, source: Path) -> str:
    """A plain folder name: the manifest's name made safe, else the file's stem."""
    try:
        manifest = json.loads((staging / MANIFEST).read_text(encoding="utf-8"))
        name = str(manifest.get("name", "")) if isinstance(manifest, dict) else ""
    except (OSError, json.JSONDecodeError, UnicodeDecodeError):
        name = ""
    (staging / MANIFEST).unlink(missing_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", name or source.stem).strip("-.")[:80]
    return safe or "shared-run"


def _check_run(folder: Path, source: Path) -> None:
    """What is unpacked must be a run whose weights load (safetensors parses, no pickle)."""
    try:
        RunDirectory(folder).read_config()
        load_checkpoint(folder / MODEL_FILE)
    except CheckpointError as error:
        raise ShareError(
            QT_TRANSLATE_NOOP(
                "core",
                "{name} is not a kc_desktop run: it lacks a readable config.json or "
                "model.safetensors.",
            ).format(name=source.name)
        ) from error
