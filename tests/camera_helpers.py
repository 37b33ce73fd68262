"""Videos and sources the camera tests drive the app with (there is no camera here)."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from kc_desktop.core.camera.demo_video import write_shapes_video
from kc_desktop.core.camera.source import CameraError, CameraProblem


def dominant_colour(frame: np.ndarray) -> str:
    """ "red" or "blue": the shape colour that covers more of ``frame``."""
    red = int(((frame[..., 0] > 150) & (frame[..., 2] < 100)).sum())
    blue = int(((frame[..., 2] > 150) & (frame[..., 0] < 100)).sum())
    return "red" if red >= blue else "blue"


class FailingSource:
    """A FrameSource whose ``open`` fails the way a busy / forbidden / missing camera does."""

    def __init__(self, problem: CameraProblem) -> None:
        self.problem = problem
        self.closed = threading.Event()

    @property
    def name(self) -> str:
        return f"failing ({self.problem.value})"

    def open(self) -> None:
        raise CameraError(self.problem)

    def read(self) -> np.ndarray:
        raise AssertionError("read after a failed open")

    def close(self) -> None:
        self.closed.set()


def shapes_videos(folder: Path, frames: int = 60) -> dict[str, Path]:
    """One looping-length video per colour: {"red": red discs, "blue": blue squares}."""
    return {
        "red": write_shapes_video(folder / "red.avi", ("red disc",), frames),
        "blue": write_shapes_video(folder / "blue.avi", ("blue square",), frames),
    }


def add_classes(view, names: tuple[str, ...]) -> None:
    """Type each class name into the recording view and press Add class."""
    for name in names:
        view.classPanel.classNameEdit.setText(name)
        view.classPanel.addClassButton.click()
    assert view.dataset is not None and view.dataset.classes() == sorted(names)


def record_burst(qtbot, view, class_name: str, frames: int, *, space: bool = False) -> None:
    """Select ``class_name``, hold Record (button or space bar) until ``frames`` more frames
    are on disk, release."""
    from PySide6.QtCore import Qt

    view.classPanel.select(class_name)
    before = view.dataset.counts()[class_name]
    qtbot.waitUntil(lambda: view.feed.frame is not None, timeout=10_000)
    if space:
        qtbot.keyPress(view.recordButton, Qt.Key.Key_Space)
    else:
        qtbot.mousePress(view.recordButton, Qt.MouseButton.LeftButton)
    assert view.recording
    qtbot.waitUntil(lambda: view.dataset.counts()[class_name] >= before + frames, timeout=20_000)
    if space:
        qtbot.keyRelease(view.recordButton, Qt.Key.Key_Space)
    else:
        qtbot.mouseRelease(view.recordButton, Qt.MouseButton.LeftButton)
    assert not view.recording
