"""An image with its saliency heat map laid over it in red, and attention bars beside its rows.

The heat map becomes a red layer whose transparency follows the saliency (1 = fully red),
painted over the model's input at an adjustable opacity, so the user can fade between
"what the model saw" and "where it looked". Attention models also get one bar per image
row on the right, as long as that row's weight.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from kc_desktop.ui.images import array_to_qimage

HEAT_RGB = (230, 20, 20)
BAR_COLOR = QColor("#e61414")
BACKGROUND = QColor("#1e1e1e")
PLACEHOLDER_COLOR = QColor("#a0a0a0")
BAR_SHARE = 0.3  # of the widget width given to attention bars, when there are any
GAP = 6


def heat_image(heatmap: np.ndarray, strength: float = 1.0) -> QImage:
    """A float (h, w) map in [0, 1] as red pixels as opaque as their heat (times
    ``strength``): the layer both the saliency box and the live camera lay over a picture."""
    heat = np.clip(np.asarray(heatmap, dtype=np.float32), 0.0, 1.0)
    rgba = np.zeros((*heat.shape, 4), dtype=np.uint8)
    rgba[..., :3] = HEAT_RGB
    rgba[..., 3] = np.round(heat * 255 * strength).astype(np.uint8)
    return array_to_qimage(rgba)


def paint_message(painter: QPainter, rect: QRect, text: str, color: QColor) -> None:
    """``text`` centred and wrapped in ``rect``: what an image view shows while it has none."""
    painter.setPen(color)
    painter.drawText(
        rect.adjusted(12, 12, -12, -12),
        Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
        text,
    )


class SaliencyOverlay(QWidget):
    """``set_saliency(image, heatmap, row_weights)``; ``set_opacity`` fades the red layer."""

    def __init__(self, parent: QWidget | None = None, **kwargs: object) -> None:
        super().__init__(parent, **kwargs)
        self._image: QImage | None = None
        self._heat: QImage | None = None
        self._row_weights: np.ndarray | None = None
        self._opacity = 0.6
        self._placeholder = ""
        self.setMinimumSize(120, 120)

    # ---------------------------------------------------------------- public API
    def set_saliency(
        self, image: np.ndarray, heatmap: np.ndarray, row_weights: np.ndarray | None = None
    ) -> None:
        """uint8 (H, W[, C]) ``image``, float (H, W) ``heatmap`` in [0, 1], (H,) row weights."""
        if np.shape(heatmap) != image.shape[:2]:
            raise ValueError(
                f"The heat map {np.shape(heatmap)} must match the image {tuple(image.shape[:2])}."
            )
        self._image = array_to_qimage(np.ascontiguousarray(image))
        self._heat = heat_image(heatmap)
        self._row_weights = None if row_weights is None else np.asarray(row_weights, dtype=float)
        self.update()

    def clear(self, message: str = "") -> None:
        self._image = self._heat = None
        self._row_weights = None
        self._placeholder = message
        self.update()

    def set_opacity(self, opacity: float) -> None:
        """0 shows only the image, 1 the heat layer at full strength."""
        self._opacity = min(1.0, max(0.0, float(opacity)))
        self.update()

    def opacity(self) -> float:
        return self._opacity

    def has_saliency(self) -> bool:
        return self._image is not None

    def has_attention_bars(self) -> bool:
        return self._row_weights is not None

    def image_rect(self) -> QRect:
        """Where the image is drawn, in widget pixels (square, nearest-neighbour scaled)."""
        width = self.width() - 2 * GAP
        if self._row_weights is not None:
            width = int(width * (1 - BAR_SHARE)) - GAP
        side = max(1, min(width, self.height() - 2 * GAP))
        top = (self.height() - side) // 2
        left = GAP if self._row_weights is not None else (self.width() - side) // 2
        return QRect(left, top, side, side)

    # ---------------------------------------------------------------- Qt overrides
    def sizeHint(self) -> QSize:
        return QSize(280, 280)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), BACKGROUND)
        if self._image is None or self._heat is None:
            paint_message(painter, self.rect(), self._placeholder, PLACEHOLDER_COLOR)
            painter.end()
            return
        target = self.image_rect()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        painter.drawImage(target, self._image)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.setOpacity(self._opacity)
        painter.drawImage(target, self._heat)
        painter.setOpacity(1.0)
        if self._row_weights is not None:
            self._paint_bars(painter, target)
        painter.end()

    # ---------------------------------------------------------------- internals
    def _paint_bars(self, painter: QPainter, image: QRect) -> None:
        """One bar per image row, aligned with it, as long as its share of the attention."""
        weights = self._row_weights
        assert weights is not None
        left = image.right() + GAP
        room = self.width() - left - GAP
        row_height = image.height() / len(weights)
        peak = float(weights.max()) or 1.0
        for index, weight in enumerate(weights):
            length = room * float(weight) / peak
            top = image.top() + index * row_height
            painter.fillRect(QRectF(left, top + 0.5, length, max(1.0, row_height - 1)), BAR_COLOR)
