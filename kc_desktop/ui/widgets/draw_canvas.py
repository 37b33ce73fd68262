"""A black square to draw on in thick white strokes, like the handwritten digits datasets.

The drawing lives in a fixed-size greyscale image (``resolution`` pixels a side, 280 by
default: ten times MNIST's 28), whatever size the widget is shown at, so the stroke width
relative to the digit stays the same on any screen. While drawing, ``drawn`` is emitted at
most every ``emit_interval_ms`` (a live classifier needs no more), and always on release so
the final stroke is never missed.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QElapsedTimer, QPointF, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from kc_desktop.ui.images import array_to_qimage, qimage_to_array

HINT_COLOR = QColor("#6a6a6a")


class DrawCanvas(QWidget):
    """Draw with the left mouse button; Delete or Backspace clears.

    ``drawn`` carries the whole drawing as a uint8 (resolution, resolution) numpy array,
    white (255) strokes on black (0).
    """

    drawn = Signal(object)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        resolution: int = 280,
        pen_width: float | None = None,
        emit_interval_ms: int = 50,
        **kwargs: object,
    ) -> None:
        super().__init__(parent, **kwargs)
        self.resolution = resolution
        # About 2.2 MNIST pixels wide once scaled down to 28 x 28, like a pen-drawn digit.
        self.pen_width = pen_width if pen_width is not None else resolution * 0.08
        self.emit_interval_ms = emit_interval_ms
        self._image = QImage(resolution, resolution, QImage.Format.Format_Grayscale8)
        self._image.fill(0)
        self._last_point: QPointF | None = None
        self._blank = True
        self._since_emit = QElapsedTimer()
        self._emit_timer = QTimer(self)
        self._emit_timer.setSingleShot(True)
        self._emit_timer.timeout.connect(self._on_emit_timer_timeout)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.CrossCursor)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    # ---------------------------------------------------------------- public API
    def clear(self) -> None:
        """Wipe the drawing and emit the empty canvas, so listeners reset too."""
        self._image.fill(0)
        self._blank = True
        self._last_point = None
        self._emit_timer.stop()
        self.update()
        self._emit_now()

    def is_blank(self) -> bool:
        return self._blank

    def to_array(self, size: int | None = None) -> np.ndarray:
        """The drawing as uint8 (H, W): full resolution, or ``size`` x ``size`` area-averaged.

        Area averaging (the mean of each block of canvas pixels) gives the soft, antialiased
        edges that downscaled training digits have.
        """
        full = qimage_to_array(self._image, mode="L")
        if size is None or size == self.resolution:
            return full
        if size <= 0:
            raise ValueError(f"size must be positive, got {size}.")
        if self.resolution % size == 0:
            factor = self.resolution // size
            blocks = full.reshape(size, factor, size, factor).astype(np.float32)
            return np.round(blocks.mean(axis=(1, 3))).astype(np.uint8)
        scaled = self._image.scaled(
            size,
            size,
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        return qimage_to_array(scaled, mode="L")

    def set_array(self, drawing: np.ndarray) -> None:
        """Replace the drawing with a uint8 (H, W) image (scaled to the canvas); emits drawn."""
        image = array_to_qimage(np.asarray(drawing)).convertToFormat(
            QImage.Format.Format_Grayscale8
        )
        self._image = image.scaled(
            self.resolution,
            self.resolution,
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self._blank = not bool(np.asarray(drawing).any())
        self.update()
        self._emit_now()

    # ---------------------------------------------------------------- Qt overrides
    def sizeHint(self) -> QSize:
        return QSize(280, 280)

    def minimumSizeHint(self) -> QSize:
        return QSize(112, 112)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        point = self._to_canvas(event.position())
        self._last_point = point
        self._stroke(point, point)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._last_point is None or not event.buttons() & Qt.MouseButton.LeftButton:
            super().mouseMoveEvent(event)
            return
        point = self._to_canvas(event.position())
        self._stroke(self._last_point, point)
        self._last_point = point
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._last_point is None:
            super().mouseReleaseEvent(event)
            return
        point = self._to_canvas(event.position())
        self._stroke(self._last_point, point, emit=False)
        self._last_point = None
        self._emit_timer.stop()
        self._emit_now()
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear()
            event.accept()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Window))
        square = self._square()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.drawImage(square, self._image)
        border = self.palette().color(
            QPalette.ColorRole.Highlight if self.hasFocus() else QPalette.ColorRole.Mid
        )
        painter.setPen(QPen(border, 1))
        painter.drawRect(square.adjusted(0, 0, -1, -1))
        if self._blank:
            painter.setPen(HINT_COLOR)
            painter.drawText(
                square.adjusted(8, 8, -8, -8),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                self.tr("draw here · Delete clears"),
            )
        painter.end()

    # ---------------------------------------------------------------- internals
    def _square(self) -> QRect:
        """The largest centred square of the widget: where the canvas is shown."""
        side = max(1, min(self.width(), self.height()))
        return QRect((self.width() - side) // 2, (self.height() - side) // 2, side, side)

    def _to_canvas(self, position: QPointF) -> QPointF:
        square = self._square()
        scale = self.resolution / square.width()
        return QPointF(
            (position.x() - square.left()) * scale, (position.y() - square.top()) * scale
        )

    def _stroke(self, start: QPointF, end: QPointF, *, emit: bool = True) -> None:
        painter = QPainter(self._image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        pen = QPen(QColor(255, 255, 255), self.pen_width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        if start == end:
            painter.drawPoint(start)  # a click leaves a round dot
        else:
            painter.drawLine(start, end)
        painter.end()
        self._blank = False
        self.update()
        if emit:
            self._schedule_emit()

    def _schedule_emit(self) -> None:
        """Emit now if the last emit is old enough, else once the interval has passed."""
        if not self._since_emit.isValid() or self._since_emit.elapsed() >= self.emit_interval_ms:
            self._emit_timer.stop()
            self._emit_now()
        elif not self._emit_timer.isActive():
            self._emit_timer.start(max(1, self.emit_interval_ms - self._since_emit.elapsed()))

    def _on_emit_timer_timeout(self) -> None:
        self._emit_now()

    def _emit_now(self) -> None:
        self._since_emit.start()
        self.drawn.emit(self.to_array())
