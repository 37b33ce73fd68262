"""A grid of small images with captions, or one big image, drawn crisp at any size.

Training images are tiny (8x8 digits, 28x28 MNIST, 32x32 shapes): smooth scaling turns them
into blur, so every image is upscaled with nearest neighbour. In the grid, cells are a whole
multiple of the image side when that costs little room (28 -> 84 px rather than 96), so
every source pixel becomes an equal square. The layout follows the widget's size: cells grow
up to ``max_cell`` pixels and shrink (down to ``min_cell``) to fit every image. An empty
grid shows a placeholder text, never a blank area.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QImage,
    QPainter,
    QPaintEvent,
    QPixmap,
)
from PySide6.QtWidgets import QToolTip, QWidget

from kc_desktop.ui.images import array_to_qimage

BACKGROUND = QColor("#1e1e1e")
CELL_BORDER = QColor("#4a4a4a")
CAPTION_COLOR = QColor("#d8d8d8")
PLACEHOLDER_COLOR = QColor("#a0a0a0")
DEFAULT_PLACEHOLDER = QT_TRANSLATE_NOOP("image_grid", "No images yet.")
SNAP_SHARE = 0.8  # snap an upscale to a whole factor when it keeps >= 80% of the size


@dataclass
class _Layout:
    """Where the cells go for the current widget size (pixels)."""

    cell: int  # side of the square image area of one cell
    columns: int
    rows: int
    caption_height: int
    origin_x: int
    origin_y: int
    gap: int

    @property
    def pitch_x(self) -> int:
        return self.cell + self.gap

    @property
    def pitch_y(self) -> int:
        return self.cell + self.caption_height + self.gap

    def cell_rect(self, index: int) -> QRect:
        row, column = divmod(index, self.columns)
        return QRect(
            self.origin_x + column * self.pitch_x,
            self.origin_y + row * self.pitch_y,
            self.cell,
            self.cell,
        )

    def bounds(self) -> QRect:
        width = self.columns * self.pitch_x - self.gap
        height = self.rows * self.pitch_y - self.gap
        return QRect(self.origin_x, self.origin_y, width, height)


class ImageGrid(QWidget):
    """Shows uint8 numpy images in a responsive grid (with captions) or one image scaled to fit.

    Hover a cell to see its caption and size in a tooltip.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        min_cell: int = 40,
        max_cell: int = 96,
        gap: int = 6,
        **kwargs: object,
    ) -> None:
        super().__init__(parent, **kwargs)
        self.min_cell = min_cell
        self.max_cell = max_cell
        self.gap = gap
        self._images: list[QImage] = []
        self._captions: list[str] = []
        self._single: QImage | None = None
        self._placeholder = QCoreApplication.translate("image_grid", DEFAULT_PLACEHOLDER)
        self._layout: _Layout | None = None
        self.setAutoFillBackground(False)
        self.setMinimumSize(80, 60)

    # ---------------------------------------------------------------- public API
    def set_images(
        self, images: Sequence[np.ndarray] | np.ndarray, captions: Sequence[str] | None = None
    ) -> None:
        """Show ``images`` (uint8 (H, W[, C]) each, or an (N, H, W[, C]) array) in a grid.

        ``captions`` (one short string per image, e.g. "true 3 / pred 5 (91%)") are drawn
        under the cells. An empty list shows the placeholder.
        """
        if isinstance(images, np.ndarray) and images.ndim not in (3, 4):
            raise ValueError(
                f"An image batch must be (N, H, W) or (N, H, W, C), got {tuple(images.shape)}."
            )
        items = list(images)
        if captions is not None and len(captions) != len(items):
            raise ValueError(f"Got {len(items)} images but {len(captions)} captions.")
        self._images = [array_to_qimage(image) for image in items]
        self._captions = [str(c) for c in captions] if captions is not None else []
        self._single = None
        self._relayout()

    def set_single_image(self, grid: np.ndarray) -> None:
        """Show one image (e.g. a sample grid) as large as fits, keeping its aspect ratio."""
        self._single = array_to_qimage(grid)
        self._images = []
        self._captions = []
        self._relayout()

    def set_max_cell(self, pixels: int) -> None:
        """Let cells grow up to ``pixels`` (presenter mode lifts the limit to fill the panel)."""
        self.max_cell = pixels
        self._relayout()

    def clear(self) -> None:
        """Remove every image; the placeholder shows."""
        self._images = []
        self._captions = []
        self._single = None
        self._relayout()

    def set_placeholder(self, text: str) -> None:
        """Show ``text`` instead of images (clears them); it is also shown whenever empty."""
        self._placeholder = text
        self.clear()

    def placeholder(self) -> str:
        return self._placeholder

    def is_empty(self) -> bool:
        return self._single is None and not self._images

    def image_count(self) -> int:
        """How many images are shown (1 for a single image)."""
        return 1 if self._single is not None else len(self._images)

    def captions(self) -> list[str]:
        return list(self._captions)

    def current_pixmap(self) -> QPixmap | None:
        """What is shown, or None when empty.

        A single image comes back at its own resolution (exactly the array it was given); a
        grid as drawn at the current cell size, captions included.
        """
        if self._single is not None:
            return QPixmap.fromImage(self._single)
        if not self._images or self._layout is None:
            return None
        bounds = self._layout.bounds().adjusted(-self.gap, -self.gap, self.gap, self.gap)
        pixmap = QPixmap(bounds.size())
        pixmap.fill(BACKGROUND)
        painter = QPainter(pixmap)
        painter.translate(-bounds.topLeft())
        self._paint_cells(painter, self._layout)
        painter.end()
        return pixmap

    def save_png(self, path: str) -> bool:
        """Write :meth:`current_pixmap` to ``path`` as PNG; False when empty or not writable."""
        pixmap = self.current_pixmap()
        return pixmap is not None and pixmap.save(str(path), "PNG")

    # ---------------------------------------------------------------- Qt overrides
    def sizeHint(self) -> QSize:
        return QSize(420, 320)

    def minimumSizeHint(self) -> QSize:
        return QSize(80, 60)

    def resizeEvent(self, event: object) -> None:
        self._relayout()
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), BACKGROUND)
        if self._single is not None:
            self._paint_single(painter)
        elif self._images and self._layout is not None:
            self._paint_cells(painter, self._layout)
        else:
            self._paint_placeholder(painter)
        painter.end()

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ToolTip
            and isinstance(event, QHelpEvent)
            and self._images
            and self._layout is not None
        ):
            index = self._index_at(event.pos().x(), event.pos().y())
            if index is not None:
                QToolTip.showText(event.globalPos(), self._cell_tooltip(index), self)
                return True
        return super().event(event)

    # ---------------------------------------------------------------- internals
    def _relayout(self) -> None:
        self._layout = self._compute_layout() if self._images else None
        self.update()

    def _compute_layout(self) -> _Layout:
        """The biggest cell (whole multiples of the image side when upscaling) that fits all."""
        count = len(self._images)
        gap = self.gap
        width = max(1, self.width() - 2 * gap)
        height = max(1, self.height() - 2 * gap)
        side = max(max(image.width(), image.height()) for image in self._images)
        best: tuple[int, int] | None = None
        for columns in range(1, count + 1):
            rows = math.ceil(count / columns)
            cell = min((width + gap) // columns - gap, self.max_cell)
            cell = min(cell, (height + gap) // rows - gap - self._caption_height(cell))
            if best is None or cell > best[0]:
                best = (cell, columns)
        cell, columns = best if best is not None else (self.min_cell, 1)
        cell = max(cell, self.min_cell)
        if cell >= side and (cell // side) * side >= SNAP_SHARE * cell:
            cell = (cell // side) * side  # whole multiples: every source pixel an equal square
        # As many columns as fit at this cell size, so the grid fills the width.
        columns = max(1, min(count, (width + gap) // (cell + gap)))
        rows = math.ceil(count / columns)
        layout = _Layout(cell, columns, rows, self._caption_height(cell), 0, 0, gap)
        bounds = layout.bounds()
        layout.origin_x = max(gap, (self.width() - bounds.width()) // 2)
        layout.origin_y = max(gap, (self.height() - bounds.height()) // 2)
        return layout

    def _caption_font(self) -> QFont:
        """Captions a little smaller than the widget font, so "true 3 / pred 5" fits a cell."""
        font = QFont(self.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
        return font

    def _caption_height(self, cell: int) -> int:
        """One line of caption, or two when the longest caption is wider than the cell."""
        if not any(self._captions):
            return 0
        metrics = QFontMetrics(self._caption_font())
        widest = max(metrics.horizontalAdvance(caption) for caption in self._captions)
        lines = 1 if widest <= cell + self.gap - 2 else 2
        # Chinese glyphs come from a fallback font with taller lines than the caption font's.
        line = max(metrics.boundingRect(caption).height() for caption in self._captions)
        return lines * max(line, metrics.height()) + 2

    def _paint_cells(self, painter: QPainter, layout: _Layout) -> None:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        painter.setFont(self._caption_font())
        metrics = painter.fontMetrics()
        two_lines = layout.caption_height >= 2 * metrics.height() + 2
        for index, image in enumerate(self._images):
            cell = layout.cell_rect(index)
            target = _fit(image.width(), image.height(), cell)
            painter.drawImage(target, image)
            painter.setPen(CELL_BORDER)
            painter.drawRect(QRectF(target).adjusted(-0.5, -0.5, 0.5, 0.5))
            if index < len(self._captions) and self._captions[index]:
                text_rect = QRect(
                    cell.left() - layout.gap // 2 + 1,
                    cell.bottom() + 2,
                    cell.width() + layout.gap - 2,
                    layout.caption_height,
                )
                painter.setPen(CAPTION_COLOR)
                painter.drawText(
                    text_rect,
                    Qt.AlignmentFlag.AlignHCenter,
                    _caption_text(metrics, self._captions[index], text_rect.width(), two_lines),
                )

    def _paint_single(self, painter: QPainter) -> None:
        assert self._single is not None
        area = self.rect().adjusted(self.gap, self.gap, -self.gap, -self.gap)
        target = _fit(self._single.width(), self._single.height(), area, whole=False)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        painter.drawImage(target, self._single)

    def _paint_placeholder(self, painter: QPainter) -> None:
        painter.setPen(PLACEHOLDER_COLOR)
        area = self.rect().adjusted(12, 12, -12, -12)
        painter.drawText(
            area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._placeholder
        )

    def _index_at(self, x: int, y: int) -> int | None:
        layout = self._layout
        if layout is None:
            return None
        column = (x - layout.origin_x) // layout.pitch_x
        row = (y - layout.origin_y) // layout.pitch_y
        if not (0 <= column < layout.columns and 0 <= row < layout.rows):
            return None
        index = row * layout.columns + column
        if index >= len(self._images):
            return None
        inside = layout.cell_rect(index).adjusted(0, 0, 0, layout.caption_height)
        return index if inside.contains(x, y) else None

    def _cell_tooltip(self, index: int) -> str:
        image = self._images[index]
        caption = self._captions[index] if index < len(self._captions) else ""
        size = self.tr("image {value} of {count}, {width}×{height} px").format(
            value=index + 1, count=len(self._images), width=image.width(), height=image.height()
        )
        return f"{caption}\n{size}" if caption else size


def _caption_text(metrics: QFontMetrics, caption: str, width: int, two_lines: bool) -> str:
    """``caption`` elided to one line of ``width`` pixels, or wrapped onto two (the second
    elided) when the layout has room for two."""
    elide = Qt.TextElideMode.ElideRight
    if not two_lines or metrics.horizontalAdvance(caption) <= width:
        return metrics.elidedText(caption, elide, width)
    words = caption.split(" ")
    lines = [(" ".join(words[:k]), " ".join(words[k:])) for k in range(1, len(words))]
    fitting = [pair for pair in lines if max(map(metrics.horizontalAdvance, pair)) <= width]
    if fitting:  # the most balanced split, e.g. "true 3 /" over "pred 5 (91%)"
        first, rest = min(fitting, key=lambda pair: max(map(metrics.horizontalAdvance, pair)))
    else:
        fits = [pair for pair in lines if metrics.horizontalAdvance(pair[0]) <= width]
        first, rest = fits[-1] if fits else (caption, "")
    return metrics.elidedText(first, elide, width) + "\n" + metrics.elidedText(rest, elide, width)


def _fit(width: int, height: int, area: QRect, *, whole: bool = True) -> QRect:
    """The largest rectangle of aspect ``width:height`` centred in ``area``.

    With ``whole`` an upscale is snapped down to a whole factor when that costs at most a
    fifth of the size, so nearest neighbour gives every source pixel the same size.
    """
    scale = min(area.width() / width, area.height() / height)
    if whole and scale >= 1 and math.floor(scale) >= SNAP_SHARE * scale:
        scale = math.floor(scale)
    w = max(1, round(width * scale))
    h = max(1, round(height * scale))
    return QRect(area.left() + (area.width() - w) // 2, area.top() + (area.height() - h) // 2, w, h)
