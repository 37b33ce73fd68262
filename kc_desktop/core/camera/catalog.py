"""Which sources the camera picker offers, by a stable id that QSettings can remember.

Ids: ``camera:N`` (camera number N), ``file:PATH`` (a video file, from ``--camera-file``)
and ``synthetic`` (moving shapes). On Linux camera names come from sysfs at no cost; other
systems are probed by opening the first few camera numbers, which can take a second, so
callers list sources off the GUI thread.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from kc_desktop.core.camera.opencv_sources import CameraSource, VideoFileSource
from kc_desktop.core.camera.source import FrameSource
from kc_desktop.core.camera.synthetic import SyntheticSource
from kc_desktop.core.i18n import QT_TRANSLATE_NOOP

SYNTHETIC_ID = "synthetic"
PROBED_CAMERAS = 4
SYSFS = Path("/sys/class/video4linux")


@dataclass(frozen=True)
class SourceInfo:
    """One line of the camera picker."""

    id: str
    name: str


def list_cameras(sysfs: Path = SYSFS) -> list[SourceInfo]:
    """Every camera with its name (Linux: capture nodes only, not their metadata nodes)."""
    if sys.platform.startswith("linux"):
        return _linux_cameras(sysfs)
    return _probed_cameras()


def _linux_cameras(sysfs: Path) -> list[SourceInfo]:
    found = []
    if not sysfs.is_dir():
        return found
    for node in sysfs.iterdir():
        if not node.name.startswith("video") or not node.name[5:].isdigit():
            continue
        index_file = node / "index"
        if index_file.is_file() and index_file.read_text(errors="replace").strip() != "0":
            continue  # a second node of the same camera (metadata), not a picture stream
        name_file = node / "name"
        name = name_file.read_text(errors="replace").strip() if name_file.is_file() else ""
        number = int(node.name[5:])
        found.append(SourceInfo(f"camera:{number}", name or CameraSource(number).name))
    return sorted(found, key=lambda info: int(info.id.split(":")[1]))


def _probed_cameras() -> list[SourceInfo]:
    found = []
    for index in range(PROBED_CAMERAS):
        source = CameraSource(index)
        try:
            source.open()
        except Exception:  # a missing camera ends the probe, whatever OpenCV says
            break
        finally:
            source.close()
        found.append(SourceInfo(f"camera:{index}", source.name))
    return found


def list_sources(camera_file: str | None = None) -> list[SourceInfo]:
    """Cameras first, then the video file given on the command line, then the shapes."""
    sources = list_cameras()
    if camera_file:
        sources.append(SourceInfo(f"file:{camera_file}", VideoFileSource(camera_file).name))
    sources.append(SourceInfo(SYNTHETIC_ID, SyntheticSource().name))
    return sources


def open_source(source_id: str, name: str | None = None) -> FrameSource:
    """The (not yet opened) source an id names; ValueError for an id from nowhere."""
    if source_id == SYNTHETIC_ID:
        return SyntheticSource()
    if source_id.startswith("file:"):
        return VideoFileSource(source_id[len("file:") :])
    if source_id.startswith("camera:") and source_id[len("camera:") :].isdigit():
        return CameraSource(int(source_id[len("camera:") :]), name)
    raise ValueError(
        QT_TRANSLATE_NOOP("core", "Unknown picture source {source_id!r}.").format(
            source_id=source_id
        )
    )
