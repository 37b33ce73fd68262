"""A moving-shapes scene that needs no camera: demos on any machine, and the benchmark.

Red discs and blue squares take turns, ``seconds_per_shape`` each, and drift across a grey
background, so a model trained on a recording of it can tell them apart.
"""

from __future__ import annotations

import math
import time

import numpy as np

from kc_desktop.core.i18n import QT_TRANSLATE_NOOP

SHAPES = ("red disc", "blue square")
COLOURS = {"red disc": (220, 40, 40), "blue square": (40, 70, 220)}


def draw_shape(shape: str, t: float, width: int = 160, height: int = 120) -> np.ndarray:
    """One uint8 (H, W, 3) picture of ``shape`` at phase ``t`` (any float; it moves with t)."""
    frame = np.full((height, width, 3), 128, dtype=np.uint8)
    radius = min(width, height) // 5
    cx = int(width / 2 + (width / 2 - radius - 2) * math.sin(t * 1.3))
    cy = int(height / 2 + (height / 2 - radius - 2) * math.cos(t * 0.9))
    ys, xs = np.ogrid[:height, :width]
    if shape == "red disc":
        mask = (xs - cx) ** 2 + (ys - cy) ** 2 <= radius**2
    else:
        mask = (abs(xs - cx) <= radius) & (abs(ys - cy) <= radius)
    frame[mask] = COLOURS[shape]
    return frame


class SyntheticSource:
    """A FrameSource drawing ``draw_shape`` pictures at ``fps``, alternating the shapes."""

    def __init__(
        self, fps: float = 15.0, seconds_per_shape: float = 3.0, size: tuple[int, int] = (160, 120)
    ) -> None:
        self.fps = fps
        self.seconds_per_shape = seconds_per_shape
        self.size = size
        self._start = 0.0
        self._count = 0

    @property
    def name(self) -> str:
        return QT_TRANSLATE_NOOP("core", "Moving shapes (no camera needed)")

    def open(self) -> None:
        self._start = time.monotonic()
        self._count = 0

    def read(self) -> np.ndarray:
        due = self._start + self._count / self.fps
        delay = due - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        t = self._count / self.fps
        self._count += 1
        shape = SHAPES[int(t // self.seconds_per_shape) % len(SHAPES)]
        return draw_shape(shape, t, *self.size)

    def close(self) -> None:
        """Nothing to release."""
