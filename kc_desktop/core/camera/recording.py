"""A dataset recorded from a camera: ``<app home>/datasets/<name>/<class>/NNNN.jpg``.

It is an ordinary class-per-subfolder folder that the user keeps, can open in a file
manager and loads like any other folder. Frames are written atomically (a crash leaves the
old files and no half JPEG), numbered on from the highest number already there, and
grouped into bursts (one hold of the Record button) so that the last burst can be undone.
A hidden marker file tells a recording apart from the downloads in the same folder: we
only ever add to, or delete from, a folder we recorded.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import numpy as np
from PIL import Image

from kc_desktop.core.i18n import QT_TRANSLATE_NOOP
from kc_desktop.core.paths import app_home
from kc_desktop.core.runs.checkpoints import atomic_write_bytes

MARKER = ".kc_recording"
JPEG_QUALITY = 90
MAX_NAME = 64
FORBIDDEN = set('/\\:*?"<>|')


class RecordingError(ValueError):
    """A name or folder the recorder cannot use; ``str(error)`` is the sentence to show."""


def recordings_dir() -> Path:
    """Where recorded datasets go: the app home's ``datasets`` folder."""
    return app_home() / "datasets"


def check_name(name: str) -> str:
    """``name`` stripped, if it can be a folder name on every system; else RecordingError."""
    name = name.strip()
    if not name:
        raise RecordingError(QT_TRANSLATE_NOOP("core", "Type a name first."))
    if (
        len(name) > MAX_NAME
        or name.startswith(".")
        or any(ch in FORBIDDEN or ord(ch) < 32 for ch in name)
    ):
        raise RecordingError(
            QT_TRANSLATE_NOOP(
                "core",
                "“{name}” cannot be a folder name: use at most 64 letters, digits, spaces "
                "or dashes, not starting with a dot.",
            ).format(name=name)
        )
    return name


class RecordedDataset:
    """The folder of one recording: its classes, their frames, and the bursts to undo."""

    def __init__(self, name: str, parent: Path | None = None) -> None:
        self.name = check_name(name)
        self.path = (parent or recordings_dir()) / self.name
        if self.path.exists() and not (self.path / MARKER).exists() and any(self.path.iterdir()):
            raise RecordingError(
                QT_TRANSLATE_NOOP(
                    "core",
                    "A folder named “{name}” already exists and was not recorded here: "
                    "choose another name.",
                ).format(name=self.name)
            )
        self.path.mkdir(parents=True, exist_ok=True)
        (self.path / MARKER).touch()
        self._bursts: list[list[Path]] = []
        self._burst: list[Path] | None = None

    # ------------------------------------------------------------------ classes
    def classes(self) -> list[str]:
        return sorted(
            entry.name
            for entry in self.path.iterdir()
            if entry.is_dir() and not entry.is_symlink() and not entry.name.startswith(".")
        )

    def counts(self) -> dict[str, int]:
        """Frames on disk per class, read from the folder (the truth after any crash)."""
        return {name: len(self._frames(name)) for name in self.classes()}

    def total(self) -> int:
        return sum(self.counts().values())

    def add_class(self, name: str) -> str:
        name = check_name(name)
        if any(existing.casefold() == name.casefold() for existing in self.classes()):
            raise RecordingError(
                QT_TRANSLATE_NOOP("core", "There is already a class named “{name}”.").format(
                    name=name
                )
            )
        (self.path / name).mkdir()
        return name

    def delete_class(self, name: str) -> int:
        """Remove a class folder with its frames; returns how many frames went with it."""
        folder = self._class_folder(name)
        removed = len(self._frames(name))
        shutil.rmtree(folder)
        self._bursts = [[p for p in burst if p.parent != folder] for burst in self._bursts]
        self._bursts = [burst for burst in self._bursts if burst]
        return removed

    # ------------------------------------------------------------------ frames
    def start_burst(self) -> None:
        self._burst = []
        self._bursts.append(self._burst)

    def end_burst(self) -> int:
        """Close the burst; returns its frame count (an empty burst is forgotten)."""
        burst, self._burst = self._burst, None
        if burst is not None and not burst:
            self._bursts.remove(burst)
        return len(burst or [])

    def save_frame(self, class_name: str, frame: np.ndarray) -> Path:
        """Write one uint8 (H, W, 3) RGB picture as the class's next NNNN.jpg, atomically."""
        folder = self._class_folder(class_name)
        numbers = [int(p.stem) for p in self._frames(class_name) if p.stem.isdigit()]
        path = folder / f"{max(numbers, default=0) + 1:04d}.jpg"
        buffer = io.BytesIO()
        Image.fromarray(np.ascontiguousarray(frame[..., :3])).save(
            buffer, format="JPEG", quality=JPEG_QUALITY
        )
        atomic_write_bytes(path, buffer.getvalue())
        if self._burst is not None:
            self._burst.append(path)
        return path

    def can_undo(self) -> bool:
        return any(self._bursts) and self._burst is None

    def undo_last_burst(self) -> int:
        """Delete the frames of the last finished burst; returns how many were deleted."""
        if not self.can_undo():
            return 0
        burst = self._bursts.pop()
        for path in burst:
            path.unlink(missing_ok=True)
        return len(burst)

    def _class_folder(self, name: str) -> Path:
        folder = self.path / name
        if name not in self.classes() or folder.parent != self.path:
            raise RecordingError(
                QT_TRANSLATE_NOOP("core", "There is no class named “{name}”.").format(name=name)
            )
        return folder

    def _frames(self, name: str) -> list[Path]:
        folder = self.path / name
        return sorted(p for p in folder.glob("*.jpg") if not p.name.startswith("."))
