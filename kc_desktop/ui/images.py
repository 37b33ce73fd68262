"""Convert between uint8 numpy images and QImage, on the GUI thread.

The core hands the UI plain uint8 arrays; Qt paints QImages. A QImage built straight on a
numpy buffer keeps pointing at that buffer, and crashes or shows garbage once numpy frees
or reuses it, so every conversion here copies into memory the QImage owns. QImage rows are
padded to 4 bytes, so reading one back goes through ``bytesPerLine`` rather than assuming
``width * channels``.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage

_FORMATS = {
    1: QImage.Format.Format_Grayscale8,
    3: QImage.Format.Format_RGB888,
    4: QImage.Format.Format_RGBA8888,
}
_MODES = {
    "L": (QImage.Format.Format_Grayscale8, 1),
    "RGB": (QImage.Format.Format_RGB888, 3),
    "RGBA": (QImage.Format.Format_RGBA8888, 4),
}


def array_to_qimage(a: np.ndarray) -> QImage:
    """uint8 (H, W), (H, W, 1), (H, W, 3) or (H, W, 4) -> a QImage that owns its pixels.

    Greyscale becomes ``Format_Grayscale8``, RGB ``Format_RGB888`` and RGBA
    ``Format_RGBA8888``. Raises ValueError for other shapes or dtypes.
    """
    array = np.asarray(a)
    if array.dtype != np.uint8:
        raise ValueError(f"Images must be uint8 arrays, got {array.dtype}.")
    if array.ndim == 3 and array.shape[2] in _FORMATS:
        channels = array.shape[2]
    elif array.ndim == 2:
        channels = 1
    else:
        raise ValueError(
            f"Images must have shape (H, W) or (H, W, 1|3|4), got {tuple(array.shape)}."
        )
    height, width = array.shape[:2]
    if height == 0 or width == 0:
        raise ValueError(f"Images must not be empty, got {tuple(array.shape)}.")
    array = np.ascontiguousarray(array)
    image = QImage(array.data, width, height, width * channels, _FORMATS[channels])
    # copy() detaches from the numpy buffer: the result stays valid after ``array`` is freed.
    return image.copy()


def qimage_to_array(img: QImage, mode: str = "RGB") -> np.ndarray:
    """A QImage (any format) -> uint8 numpy copy.

    ``mode`` "RGB" gives (H, W, 3), "RGBA" (H, W, 4) and "L" greyscale (H, W).
    """
    if mode not in _MODES:
        raise ValueError(f"mode must be one of {', '.join(_MODES)}, got {mode!r}.")
    fmt, channels = _MODES[mode]
    height, width = img.height(), img.width()
    if img.isNull() or height == 0 or width == 0:
        shape = (0, 0) if channels == 1 else (0, 0, channels)
        return np.zeros(shape, dtype=np.uint8)
    converted = img.convertToFormat(fmt)
    stride = converted.bytesPerLine()
    buffer = np.frombuffer(converted.constBits(), dtype=np.uint8, count=stride * height)
    rows = buffer.reshape(height, stride)[:, : width * channels]
    if channels == 1:
        return rows.copy()
    return rows.reshape(height, width, channels).copy()
