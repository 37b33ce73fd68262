"""Digits drawn as a person draws them on the Classify tab's canvas (white pen on black)."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

CANVAS = 280  # the canvas' resolution
PEN = 22  # its pen, about 0.08 of the canvas


def seven(box: tuple[int, int, int, int], canvas: int = CANVAS) -> np.ndarray:
    """A 7 (top bar, then a stroke down to the left) filling ``box`` = (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = box
    image = Image.new("L", (canvas, canvas), 0)
    pen = ImageDraw.Draw(image)
    pen.line([(x0, y0), (x1, y0)], fill=255, width=PEN)
    pen.line([(x1, y0), (x0 + (x1 - x0) * 0.35, y1)], fill=255, width=PEN)
    return np.asarray(image)
