"""The live picture: the newest frame scaled to fit, an optional heat map, or a sentence.

Frames are drawn with their aspect ratio kept, on a dark background; the Grad-CAM heat map
(at the model's input size) is stretched over the same rectangle as a red layer whose
transparency follows the saliency, as the Classify tab's "Why this answer?" box does.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from kc_desktop.ui.classify.saliency_overlay import heat_image, paint_message
from kc_desktop.ui.images import array_to_qimage

BACKGROUND = QColor("#1e1e1e")
TEXT_COLOR = QColor("#d0d0d0")
HEAT_OPACITY = 0.6


class CameraPreview(QWidget):
    """``set_frame(rgb)``, ``set_heatmap(heat | None)``, ``set_placeholder(text)``."""

    def __init__(self, parent: QWidget | None = None, **kwargs: object) -> None:
        super().__init__(parent, **kwargs)
        self._image: QImage | None = None
        self._heat: QImage | None = None
        self._placeholder = ""
        self.frame: np.ndarray | None = None
        self.setMinimumSize(320, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(640, 480)

    def set_frame(self, frame: np.ndarray) -> None:
        self.frame = frame
        self._image = array_to_qimage(frame)
        self.update()

    def set_heatmap(self, heatmap: np.ndarray | None) -> None:
        """A float (h, w) map in [0, 1] laid over the whole frame, or None to remove it."""
        if heatmap is None:
            self._heat = None
        else:
            self._heat = heat_image(heatmap, HEAT_OPACITY)
        self.update()

    @property
    def has_heatmap(self) -> bool:
        return self._heat is not None

    def set_placeholder(self, text: str) -> None:
        """What to show while there is no picture yet."""
        self._placeholder = text
        self.update()

    def clear(self) -> None:
        self.frame = self._image = self._heat = None
        self.update()

    def picture_rect(self) -> QRectF:
        """Where the frame is drawn: as large as fits, aspect kept, centred."""
        if self._image is None:
            return QRectF()
        scale = min(self.width() / self._image.width(), self.height() / self._image.height())
        width, height = self._image.width() * scale, self._image.height() * scale
        return QRectF((self.width() - width) / 2, (self.height() - height) / 2, width, height)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), BACKGROUND)
        if self._image is None:
            paint_message(painter, self.rect(), self._placeholder, TEXT_COLOR)
            painter.end()
            return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        target = self.picture_rect()
        painter.drawImage(target, self._image)
        if self._heat is not None:
            painter.drawImage(target, self._heat)
        painter.end()
