"""Turn a mouse drawing into the kind of picture a model of digits was trained on.

A person draws anywhere on a large canvas, large or small, often off-centre; training digits
were made by one recipe: crop the strokes, scale them into a fixed box, centre the box on the
ink's centre of mass, pad. A drawing is read well only once it went through the same recipe,
so every greyscale model (the offline digits, MNIST, Fashion-MNIST, a folder of digits) gets it:

* MNIST and any other greyscale data: the strokes scaled to fit a 20x20 box, centred by mass
  in 28x28 (LeCun et al.'s preparation of MNIST);
* the offline digits (scikit-learn): the same crop and centring with the strokes filling the
  frame, then averaged down to 8x8 ink levels like the original scans and blown up again as
  the dataset loader does, so strokes come out thick and soft like the training images;
* colour data: the canvas as drawn (a drawing is nothing like those photos anyway).

All images are uint8, white strokes on black.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

INK_THRESHOLD = 32
SIDE = 28  # the frame every recipe works in
MNIST_BOX = 20  # MNIST's digits fit a 20x20 box inside 28x28
DIGITS_BOX = 28  # the offline digits' scans fill their frame
DIGITS_SCAN_SIDE = 8
COLOUR_DATASETS = ("shapes", "cifar10")


def ink_crop(drawing: np.ndarray) -> np.ndarray:
    """uint8 (H, W[, C]) -> the greyscale bounding box of its strokes (blank: all of it)."""
    image = np.asarray(drawing, dtype=np.uint8)
    if image.ndim == 3:
        image = image.max(axis=2)
    ink = image > INK_THRESHOLD
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if rows.size == 0:
        return image
    return image[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]


def centred_by_mass(drawing: np.ndarray, box: int, side: int = SIDE) -> np.ndarray:
    """The strokes scaled so their longer side is ``box`` pixels, in a ``side`` square whose
    centre is the ink's centre of mass (shifted back inside the frame when it would cut ink)."""
    crop = ink_crop(drawing)
    if not (crop > INK_THRESHOLD).any():
        return np.zeros((side, side), dtype=np.uint8)
    height, width = crop.shape
    scale = box / max(height, width)
    new_h, new_w = max(1, round(height * scale)), max(1, round(width * scale))
    scaled = np.asarray(
        Image.fromarray(crop).resize((new_w, new_h), Image.Resampling.LANCZOS), dtype=np.float32
    )
    mass = scaled.sum()
    centre_y = float((scaled.sum(axis=1) * np.arange(new_h)).sum() / mass)
    centre_x = float((scaled.sum(axis=0) * np.arange(new_w)).sum() / mass)
    top = int(np.clip(round(side / 2 - centre_y - 0.5), 0, side - new_h))
    left = int(np.clip(round(side / 2 - centre_x - 0.5), 0, side - new_w))
    frame = np.zeros((side, side), dtype=np.float32)
    frame[top : top + new_h, left : left + new_w] = scaled
    return np.clip(np.rint(frame), 0, 255).astype(np.uint8)


def like_mnist(drawing: np.ndarray) -> np.ndarray:
    """A drawing as MNIST shows its digits: fit to 20x20, centred by mass in 28x28."""
    return centred_by_mass(drawing, MNIST_BOX)


def like_digits_scan(drawing: np.ndarray) -> np.ndarray:
    """A drawing as the offline digits show theirs: 8x8 ink levels blown up to 28x28."""
    framed = centred_by_mass(drawing, DIGITS_BOX)
    if not framed.any():
        return framed
    scan = Image.fromarray(framed).resize(
        (DIGITS_SCAN_SIDE, DIGITS_SCAN_SIDE), Image.Resampling.BOX
    )
    levels = np.asarray(scan, dtype=np.float32)
    levels *= 255.0 / max(float(levels.max()), 1.0)  # the darkest scan cell is full ink
    blown_up = Image.fromarray(levels).resize((SIDE, SIDE), Image.Resampling.BILINEAR)
    return np.clip(np.rint(np.asarray(blown_up)), 0, 255).astype(np.uint8)


def prepare_drawing(drawing: np.ndarray, dataset_id: str, channels: int = 1) -> np.ndarray:
    """The drawing made to look like the images of ``dataset_id`` (see the module doc)."""
    image = np.asarray(drawing, dtype=np.uint8)
    if image.ndim == 3:
        image = image.max(axis=2)
    if channels != 1 or dataset_id in COLOUR_DATASETS:
        return image
    if dataset_id == "digits":
        return like_digits_scan(image)
    return like_mnist(image)
