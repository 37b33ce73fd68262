"""List the files of an image folder: classes, split subfolders, and what cannot be used.

Two layouts are understood:

* ``root/<class>/...``: one subfolder per class; splits are carved at random;
* ``root/train/<class>/...`` with ``root/test/<class>/...`` and/or ``root/val/<class>/...``
  (also ``validation/``, ``valid/``): those subfolders fix the test and validation sets.

Class folders are read recursively. Hidden files and folders (dotfiles, ``__MACOSX``,
``Thumbs.db``) are passed over silently; links are followed, but a folder reached twice
(a link loop) is read once; anything that cannot be stat-ed or is not a regular file is
reported. Names that are not valid UTF-8 work (Python keeps them as surrogate escapes);
``display_text`` makes them printable for the user.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from kc_desktop.core.data.dataset import SkippedFile
from kc_desktop.core.data.errors import DatasetUnavailableError
from kc_desktop.core.data.splits import FIXED_TEST, FIXED_VAL, FREE
from kc_desktop.core.i18n import QT_TRANSLATE_NOOP

SUBSET_ORIGINS = {
    "train": FREE,
    "training": FREE,
    "val": FIXED_VAL,
    "valid": FIXED_VAL,
    "validation": FIXED_VAL,
    "test": FIXED_TEST,
    "testing": FIXED_TEST,
}
_IGNORED_NAMES = frozenset({"__MACOSX", "Thumbs.db", "desktop.ini"})


@dataclass(frozen=True)
class FolderEntry:
    """One candidate image file (decoding decides whether it is one)."""

    relative: str  # path from the root, in the OS's form (may hold surrogate escapes)
    class_name: str  # the class folder's name, as on disk
    origin: int  # splits.FREE / FIXED_VAL / FIXED_TEST
    size: int  # bytes
    mtime_ns: int


@dataclass
class FolderScan:
    root: Path
    entries: list[FolderEntry] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)  # on-disk names, in natural order
    skipped: list[SkippedFile] = field(default_factory=list)


def display_text(text: str) -> str:
    """``text`` made printable: bytes that were not UTF-8 become U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def natural_key(name: str) -> tuple[list[str | int], str]:
    """Sort key that reads digit runs as numbers: "2" before "10", "img9" before "img10".

    Text parts compare case-insensitively; the name itself breaks ties, so the order is total.
    """
    parts = re.split(r"(\d+)", name)
    return [int(part) if index % 2 else part.casefold() for index, part in enumerate(parts)], name


def scan_folder(path: str | os.PathLike) -> FolderScan:
    """List every candidate file under ``path``; raise ``DatasetUnavailableError`` if none.

    Files come sorted by relative path, so the same folder always gives the same order.
    """
    root = Path(os.path.abspath(os.path.expanduser(os.fspath(path))))
    shown = display_text(str(root))
    if not root.exists():
        raise DatasetUnavailableError(
            QT_TRANSLATE_NOOP("core", "The folder {shown} does not exist.").format(shown=shown)
        )
    if not root.is_dir():
        raise DatasetUnavailableError(
            QT_TRANSLATE_NOOP("core", "{shown} is a file; choose the folder that holds it.").format(
                shown=shown
            )
        )
    scan = FolderScan(root)
    top = _list_dir(root, scan, required=True)
    subsets = {
        name: SUBSET_ORIGINS[name.lower()]
        for name in top
        if name.lower() in SUBSET_ORIGINS and (root / name).is_dir()
    }
    # train/ beside test/ or val/ (or alone): a split layout; else train/ would be a class.
    has_split = any(origin == FREE for origin in subsets.values()) and (
        len(subsets) > 1 or len(top) == 1
    )
    if has_split:
        for name in top:
            if name in subsets:
                _scan_classes(scan, name, subsets[name])
            else:
                scan.skipped.append(
                    SkippedFile(
                        display_text(name),
                        QT_TRANSLATE_NOOP("core", "not used: only train/, val/, test/ are read"),
                    )
                )
    else:
        _scan_classes(scan, "", FREE)
    if not scan.classes:
        raise DatasetUnavailableError(
            QT_TRANSLATE_NOOP(
                "core",
                "{shown} has no class subfolders: put the images of each class in a "
                "folder of its own (for example {display_text}/cats and "
                "{display_text}/dogs).",
            ).format(shown=shown, display_text=display_text(root.name))
        )
    scan.entries.sort(key=lambda entry: entry.relative)
    return scan


def _scan_classes(scan: FolderScan, subset: str, origin: int) -> None:
    """Add the class folders directly under ``root/subset`` and their files."""
    base = scan.root / subset if subset else scan.root
    classes = set(scan.classes)
    for name in _list_dir(base, scan, required=not subset):
        relative = os.path.join(subset, name) if subset else name
        if (base / name).is_dir():
            classes.add(name)
            _scan_class(scan, relative, name, origin)
        else:
            scan.skipped.append(
                SkippedFile(
                    _shown(relative), QT_TRANSLATE_NOOP("core", "not inside a class folder")
                )
            )
    scan.classes = sorted(classes, key=natural_key)


def _scan_class(scan: FolderScan, class_relative: str, class_name: str, origin: int) -> None:
    """Walk one class folder (links followed, each real folder read once)."""
    visited: set[tuple[int, int]] = set()

    def on_error(error: OSError) -> None:
        where = os.path.relpath(error.filename or class_relative, scan.root)
        scan.skipped.append(
            SkippedFile(
                _shown(where),
                QT_TRANSLATE_NOOP("core", "cannot open folder ({why})").format(why=_why(error)),
            )
        )

    top = os.path.join(scan.root, class_relative)
    for folder, subfolders, files in os.walk(top, onerror=on_error, followlinks=True):
        relative_folder = os.path.relpath(folder, scan.root)
        try:
            info = os.stat(folder)
        except OSError as error:
            subfolders[:] = []
            scan.skipped.append(SkippedFile(_shown(relative_folder), _why(error)))
            continue
        if (info.st_dev, info.st_ino) in visited:
            subfolders[:] = []
            scan.skipped.append(
                SkippedFile(
                    _shown(relative_folder),
                    QT_TRANSLATE_NOOP("core", "folder link loop (read only once)"),
                )
            )
            continue
        visited.add((info.st_dev, info.st_ino))
        subfolders[:] = sorted(name for name in subfolders if not _hidden(name))
        for name in sorted(files):
            if not _hidden(name):
                _add_file(scan, os.path.join(relative_folder, name), class_name, origin)


def _add_file(scan: FolderScan, relative: str, class_name: str, origin: int) -> None:
    try:
        info = os.stat(os.path.join(scan.root, relative))  # no Path per file: a scan is hot
    except OSError as error:
        scan.skipped.append(SkippedFile(_shown(relative), _why(error)))
        return
    if not stat.S_ISREG(info.st_mode):
        scan.skipped.append(
            SkippedFile(_shown(relative), QT_TRANSLATE_NOOP("core", "not a regular file"))
        )
        return
    scan.entries.append(FolderEntry(relative, class_name, origin, info.st_size, info.st_mtime_ns))


def _list_dir(folder: Path, scan: FolderScan, *, required: bool) -> list[str]:
    """Visible names in ``folder``, sorted; an unreadable root is an error, others a skip."""
    try:
        names = os.listdir(folder)
    except OSError as error:
        if required:
            raise DatasetUnavailableError(
                QT_TRANSLATE_NOOP("core", "Cannot open the folder {display_text} ({why}).").format(
                    display_text=display_text(str(folder)), why=_why(error)
                )
            ) from error
        relative = os.path.relpath(folder, scan.root)
        scan.skipped.append(
            SkippedFile(
                _shown(relative),
                QT_TRANSLATE_NOOP("core", "cannot open folder ({why})").format(why=_why(error)),
            )
        )
        return []
    return sorted(name for name in names if not _hidden(name))


def _hidden(name: str) -> bool:
    return name.startswith(".") or name in _IGNORED_NAMES


def _shown(relative: str) -> str:
    """A relative path as the user reads it: "/" separators, printable characters."""
    return display_text(relative.replace(os.sep, "/"))


def _why(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return QT_TRANSLATE_NOOP("core", "permission denied")
    if isinstance(error, FileNotFoundError):
        return QT_TRANSLATE_NOOP("core", "broken link or file vanished")
    return (error.strerror or type(error).__name__).lower()
