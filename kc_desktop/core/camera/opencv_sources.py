"""Cameras and video files through OpenCV's ``VideoCapture`` (opencv-python-headless).

A camera's ``read()`` blocks until the device delivers its next picture; a video file is
paced at its own frame rate so that it behaves like a camera (the views, the recorder and
the benchmark cannot tell them apart). OpenCV gives pictures in BGR order; they leave here
as RGB. OpenCV is imported on first use, so the rest of the app starts without it.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from kc_desktop.core.camera.source import CameraError, CameraProblem
from kc_desktop.core.i18n import QT_TRANSLATE_NOOP

DEFAULT_FILE_FPS = 25.0
MAX_SIDE = 1280
"""Pictures larger than this are scaled down: enough for any model, cheap to draw and save."""


def _cv2() -> Any:
    import cv2

    return cv2


def to_rgb(bgr: np.ndarray) -> np.ndarray:
    """An OpenCV BGR picture -> contiguous uint8 RGB, at most ``MAX_SIDE`` pixels a side."""
    cv2 = _cv2()
    if bgr.ndim == 2:
        bgr = cv2.cvtColor(bgr, cv2.COLOR_GRAY2BGR)
    height, width = bgr.shape[:2]
    if max(height, width) > MAX_SIDE:
        scale = MAX_SIDE / max(height, width)
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        bgr = cv2.resize(bgr, size, interpolation=cv2.INTER_AREA)
    return np.ascontiguousarray(cv2.cvtColor(bgr[..., :3], cv2.COLOR_BGR2RGB))


def linux_device(index: int) -> Path:
    return Path(f"/dev/video{index}")


def why_camera_failed(index: int) -> CameraProblem:
    """The most likely reason camera ``index`` did not open.

    Only Linux lets us tell the cases apart (the device node is missing, unreadable, or
    there and readable but held by another program); elsewhere a refused permission and a
    busy camera look alike to OpenCV, and "busy" names the more common one.
    """
    if sys.platform.startswith("linux"):
        device = linux_device(index)
        if not device.exists():
            return CameraProblem.NO_CAMERA
        if not os.access(device, os.R_OK | os.W_OK):
            return CameraProblem.DENIED
    return CameraProblem.BUSY


class CameraSource:
    """Camera number ``index`` (0 = the first one the system lists)."""

    def __init__(self, index: int, name: str | None = None) -> None:
        self.index = index
        self._name = name
        self._capture: Any = None

    @property
    def name(self) -> str:
        return self._name or QT_TRANSLATE_NOOP("core", "Camera {number}").format(
            number=self.index + 1
        )

    def open(self) -> None:
        if sys.platform.startswith("linux") and not linux_device(self.index).exists():
            raise CameraError(CameraProblem.NO_CAMERA)
        capture = _cv2().VideoCapture(self.index)
        if not capture.isOpened():
            capture.release()
            raise CameraError(why_camera_failed(self.index))
        self._capture = capture

    def read(self) -> np.ndarray:
        if self._capture is None:
            raise CameraError(CameraProblem.LOST)
        ok, frame = self._capture.read()
        if not ok or frame is None:
            raise CameraError(CameraProblem.LOST)
        return to_rgb(frame)

    def close(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None


class VideoFileSource:
    """A video file played like a camera: at its frame rate, from the start, looped or not.

    ``loop=False`` ends with ``CameraProblem.ENDED``, which is also how tests pull the
    plug in the middle of a recording.
    """

    def __init__(self, path: str | Path, *, loop: bool = True) -> None:
        self.path = Path(path)
        self.loop = loop
        self._capture: Any = None
        self._fps = DEFAULT_FILE_FPS
        self._start = 0.0
        self._count = 0

    @property
    def name(self) -> str:
        return QT_TRANSLATE_NOOP("core", "Video file: {name}").format(name=self.path.name)

    def open(self) -> None:
        if not self.path.is_file():
            raise CameraError(CameraProblem.UNREADABLE, f"{self.path} does not exist")
        capture = _cv2().VideoCapture(str(self.path))
        if not capture.isOpened():
            capture.release()
            raise CameraError(CameraProblem.UNREADABLE, str(self.path))
        fps = float(capture.get(_cv2().CAP_PROP_FPS) or 0)
        self._fps = fps if 1 <= fps <= 240 else DEFAULT_FILE_FPS
        self._capture = capture
        self._start, self._count = time.monotonic(), 0

    def read(self) -> np.ndarray:
        if self._capture is None:
            raise CameraError(CameraProblem.ENDED)
        delay = self._start + self._count / self._fps - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        ok, frame = self._capture.read()
        if (not ok or frame is None) and self.loop and self._count > 0:
            self._capture.set(_cv2().CAP_PROP_POS_FRAMES, 0)
            ok, frame = self._capture.read()
        if not ok or frame is None:
            raise CameraError(CameraProblem.ENDED if self._count else CameraProblem.UNREADABLE)
        self._count += 1
        return to_rgb(frame)

    def close(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None
