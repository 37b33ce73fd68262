"""Turn a mouse drawing into the kind of picture the model was trained on.

A person draws anywhere on a large canvas, often small and off-centre, with a thin pen;
training digits are centred, fill their frame, and (for the offline digits set) are 8x8
scans blown up to 28x28, so their strokes are thick and soft. A drawing is classified well
only once it looks like that, so it goes through the same steps as the training images:

* digits (scikit-learn): the strokes' bounding box fills the frame, is averaged down to
  8x8 ink levels like the original scans, and blown up again as the dataset loader does;
* MNIST and Fashion-MNIST: the strokes fit a 20x20 box centred in 28x28, as in MNIST;
* anything else: the canvas as drawn.

All images are uint8, white strokes on black.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

INK_THRESHOLD = 32
DIGITS_SCAN_SIDE = 8
DIGITS_SIDE = 28
MNIST_MARGIN = 4 / 28


def crop_to_square(drawing: np.ndarray, margin: float = 0.0) -> np.ndarray:
    """uint8 (H, W) -> uint8 square with the strokes centred and ``margin`` of its side empty
    on each side. A blank drawing is returned unchanged."""
    image = np.asarray(drawing, dtype=np.uint8)
    if image.ndim == 3:
        image = image.max(axis=2)
    ink = image > INK_THRESHOLD
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if rows.size == 0:
        return image
    crop = image[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    height, width = crop.shape
    side = int(np.ceil(max(height, width) / (1 - 2 * margin)))
    square = np.zeros((side, side), dtype=np.uint8)
    top, left = (side - height) // 2, (side - width) // 2
    square[top : top + height, left : left + width] = crop
    return square


def like_digits_scan(drawing: np.ndarray) -> np.ndarray:
    """A drawing as the digits dataset shows its images: 8x8 ink levels blown up to 28x28."""
    square = crop_to_square(drawing)
    if not square.any():
        return np.zeros((DIGITS_SIDE, DIGITS_SIDE), dtype=np.uint8)
    scan = Image.fromarray(square).resize(
        (DIGITS_SCAN_SIDE, DIGITS_SCAN_SIDE), Image.Resampling.BOX
    )
    levels = np.asarray(scan, dtype=np.float32)
    levels *= 255.0 / max(float(levels.max()), 1.0)  # the darkest scan cell is full ink
    blown_up = Image.fromarray(levels).resize((DIGITS_SIDE, DIGITS_SIDE), Image.Resampling.BILINEAR)
    return np.clip(np.rint(np.asarray(blown_up)), 0, 255).astype(np.uint8)


def prepare_drawing(drawing: np.ndarray, dataset_id: str) -> np.ndarray:
    """The drawing made to look like the images of ``dataset_id`` (see the module doc)."""
    image = np.asarray(drawing, dtype=np.uint8)
    if image.ndim == 3:
        image = image.max(axis=2)
    if dataset_id == "digits":
        return like_digits_scan(image)
    if dataset_id in ("mnist", "fashion-mnist"):
        return crop_to_square(image, MNIST_MARGIN)
    return image
