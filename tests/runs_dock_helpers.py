"""Reading the Runs dock as a person sees it: the way its header's sort arrow points."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QHeaderView, QWidget

OPPOSITE = {
    Qt.SortOrder.AscendingOrder: Qt.SortOrder.DescendingOrder,
    Qt.SortOrder.DescendingOrder: Qt.SortOrder.AscendingOrder,
}


def grey_pixels(widget: QWidget) -> np.ndarray:
    """The widget as drawn, one grey level per pixel (0 black, 255 white)."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return rows[:, : image.width()].astype(int)


def sort_arrow_points_down(header: QHeaderView) -> bool:
    """True when the drawn sort arrow is wide at the top (a "down" arrow, ▼).

    The arrow's pixels are those that change when the order flips (the section's text does
    not move); the arrow points down when its top half holds more ink than its bottom half.
    The header is left with the order it had.
    """
    section, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
    shown = grey_pixels(header)
    header.setSortIndicator(section, OPPOSITE[order])
    flipped = grey_pixels(header)
    header.setSortIndicator(section, order)
    rows, columns = np.nonzero(np.abs(shown - flipped) > 30)
    assert rows.size, "no sort arrow is drawn"
    arrow = 255 - shown[rows.min() : rows.max() + 1, columns.min() : columns.max() + 1]
    ink = arrow.sum(axis=1)
    half = len(ink) // 2
    return bool(ink[:half].sum() > ink[len(ink) - half :].sum())
