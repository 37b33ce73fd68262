"""Folders of written images for the folder-format tests (sizes, colour, class names)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image


def write_images(
    root: Path, classes: list[str], per_class: int, size: tuple[int, int], mode: str = "L"
) -> Path:
    """``per_class`` noisy images of ``size`` (width, height) in ``mode`` per class folder."""
    rng = np.random.default_rng(0)
    width, height = size
    channels = 3 if mode == "RGB" else 1
    for label, name in enumerate(classes):
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        for index in range(per_class):
            pixels = (rng.integers(0, 60, (height, width, channels)) + 20 * label).astype(np.uint8)
            Image.fromarray(pixels[..., 0] if channels == 1 else pixels).save(
                folder / f"{index}.png"
            )
    return root
