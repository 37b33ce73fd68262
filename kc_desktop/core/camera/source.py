"""The one interface between a picture source and the views: ``FrameSource``.

A source is opened once, then ``read()`` blocks until its next picture (as a camera does)
and returns it as a uint8 (H, W, 3) RGB array; ``close()`` releases the device. Failures a
user can cause or fix (no camera, camera busy, permission denied, unplugged, video ended)
are ``CameraError``s with one plain sentence; the views show it and keep running.
"""

from __future__ import annotations

from enum import Enum
from typing import Protocol

import numpy as np

from kc_desktop.core.i18n import QT_TRANSLATE_NOOP


class CameraProblem(str, Enum):
    """Why a source gave no picture: each kind gets its own sentence in the view."""

    NO_CAMERA = "no-camera"
    BUSY = "busy"
    DENIED = "denied"
    LOST = "lost"
    ENDED = "ended"
    UNREADABLE = "unreadable"


PROBLEM_TEXT = {
    CameraProblem.NO_CAMERA: QT_TRANSLATE_NOOP(
        "core", "No camera was found. Plug one in, or choose another source in the list."
    ),
    CameraProblem.BUSY: QT_TRANSLATE_NOOP(
        "core", "The camera is busy: close the other program that uses it, then try again."
    ),
    CameraProblem.DENIED: QT_TRANSLATE_NOOP(
        "core",
        "This app may not use the camera: allow camera access in the system's privacy "
        "settings, then try again.",
    ),
    CameraProblem.LOST: QT_TRANSLATE_NOOP(
        "core",
        "The camera stopped sending pictures (was it unplugged?). "
        "Plug it in again and choose it in the list.",
    ),
    CameraProblem.ENDED: QT_TRANSLATE_NOOP(
        "core", "The video ended. Choose a source in the list to go on."
    ),
    CameraProblem.UNREADABLE: QT_TRANSLATE_NOOP(
        "core", "This video file cannot be read. Choose another file or source."
    ),
}


class CameraError(Exception):
    """A source cannot give pictures; ``str(error)`` is the sentence to show."""

    def __init__(self, problem: CameraProblem, detail: str = "") -> None:
        super().__init__(PROBLEM_TEXT[problem])
        self.problem = problem
        self.detail = detail


class FrameSource(Protocol):
    """A camera, a video file or a synthetic scene, read one picture at a time."""

    @property
    def name(self) -> str:
        """What the camera picker shows, e.g. "HD Webcam" or "Video file: demo.avi"."""
        ...

    def open(self) -> None:
        """Start the device; raises CameraError when it cannot."""
        ...

    def read(self) -> np.ndarray:
        """Block until the next picture; uint8 (H, W, 3) RGB. Raises CameraError."""
        ...

    def close(self) -> None:
        """Release the device (safe to call twice, or after a failed open)."""
        ...
