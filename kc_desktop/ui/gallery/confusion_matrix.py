"""A confusion matrix as a clickable heat map: counts in the cells, class names on the axes.

Cells are shaded by the share of their row (how often images of that true class got that
prediction), so a rare class's mistakes show as clearly as a common one's; the count is
written in every non-empty cell. Clicking a cell selects it and emits ``cell_clicked``.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

LOW = np.array([255, 255, 255], dtype=float)
HIGH_RIGHT = np.array([31, 119, 180], dtype=float)  # blue: correct predictions
HIGH_WRONG = np.array([214, 39, 40], dtype=float)  # red: confusions
SELECTED = QColor("#ffb000")
AXIS_TITLE_SPACE = 20  # pixels for "true class" / "predicted class"
LABEL_CHARS = 10  # longer class names are cut on the axes (tooltips have them whole)


class ConfusionMatrixView(QWidget):
    """``set_matrix(counts, classes)``; rows are true classes, columns predicted ones."""

    cell_clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None, **kwargs: object) -> None:
        super().__init__(parent, **kwargs)
        self._matrix = np.zeros((0, 0), dtype=np.int64)
        self._classes: list[str] = []
        self._selected: tuple[int, int] | None = None
        self.setMinimumSize(240, 240)
        self.setMouseTracking(True)

    # ---------------------------------------------------------------- public API
    def set_matrix(self, matrix: np.ndarray, classes: list[str]) -> None:
        counts = np.asarray(matrix, dtype=np.int64)
        if counts.shape != (len(classes), len(classes)):
            raise ValueError(
                f"A matrix for {len(classes)} classes must be square, got {counts.shape}."
            )
        self._matrix, self._classes, self._selected = counts, list(classes), None
        self.update()

    def clear(self) -> None:
        self.set_matrix(np.zeros((0, 0), dtype=np.int64), [])

    def matrix(self) -> np.ndarray:
        return self._matrix.copy()

    def selected_cell(self) -> tuple[int, int] | None:
        return self._selected

    def select_cell(self, true_class: int, predicted_class: int) -> None:
        """Select a cell as a click would, and tell the listeners."""
        self._selected = (true_class, predicted_class)
        self.update()
        self.cell_clicked.emit(true_class, predicted_class)

    def cell_rect(self, true_class: int, predicted_class: int) -> QRect:
        """Where a cell is drawn, in widget pixels (tests click its centre)."""
        left, top, cell = self._geometry()
        return QRect(
            round(left + predicted_class * cell),
            round(top + true_class * cell),
            round(cell),
            round(cell),
        )

    # ---------------------------------------------------------------- Qt overrides
    def sizeHint(self) -> QSize:
        return QSize(520, 520)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    def mousePressEvent(self, event: QMouseEvent) -> None:
        cell = self._cell_at(event.position())
        if cell is not None and event.button() == Qt.MouseButton.LeftButton:
            self.select_cell(*cell)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        cell = self._cell_at(event.position())
        self.setToolTip(self._tooltip(*cell) if cell is not None else "")
        super().mouseMoveEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        if not self._classes:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No evaluation yet.")
            )
            return
        left, top, cell = self._geometry()
        self._paint_cells(painter, left, top, cell)
        self._paint_axes(painter, left, top, cell)
        painter.end()

    # ---------------------------------------------------------------- internals
    def _label_width(self) -> int:
        metrics = self.fontMetrics()
        names = [name[:LABEL_CHARS] for name in self._classes] or [""]
        return max(metrics.horizontalAdvance(name) for name in names) + 8

    def _geometry(self) -> tuple[float, float, float]:
        """(left, top, cell side) of the grid, leaving room for names and axis titles."""
        margin = self._label_width() + AXIS_TITLE_SPACE
        count = max(1, len(self._classes))
        side = min(self.width() - margin - 4, self.height() - margin - 4)
        cell = max(4.0, side / count)
        return float(margin), float(margin), cell

    def _cell_at(self, point: QPointF) -> tuple[int, int] | None:
        left, top, cell = self._geometry()
        column = int((point.x() - left) // cell)
        row = int((point.y() - top) // cell)
        count = len(self._classes)
        if point.x() < left or point.y() < top or not (0 <= row < count and 0 <= column < count):
            return None
        return row, column

    def _tooltip(self, row: int, column: int) -> str:
        count = int(self._matrix[row, column])
        true_name, predicted = self._classes[row], self._classes[column]
        verdict = self.tr("correct") if row == column else self.tr("mistakes")
        return self.tr(
            "{count} test image(s) of class {true_name} predicted as "
            "{predicted} ({verdict}). Click to see them."
        ).format(
            count=count,
            true_name=true_name,
            predicted=predicted,
            verdict=verdict,
        )

    def _colour(self, row: int, column: int) -> QColor:
        total = self._matrix[row].sum()
        share = self._matrix[row, column] / total if total else 0.0
        high = HIGH_RIGHT if row == column else HIGH_WRONG
        rgb = LOW + (high - LOW) * min(1.0, share if row == column else share * 2)
        return QColor(*(int(v + 0.5) for v in rgb))

    def _paint_cells(self, painter: QPainter, left: float, top: float, cell: float) -> None:
        font = QFont(self.font())
        font.setPixelSize(max(7, min(16, int(cell * 0.38))))
        painter.setFont(font)
        for row, column in np.ndindex(*self._matrix.shape):
            rect = QRectF(left + column * cell, top + row * cell, cell, cell)
            colour = self._colour(row, column)
            painter.fillRect(rect, colour)
            painter.setPen(QColor("#d0d0d0"))
            painter.drawRect(rect)
            count = int(self._matrix[row, column])
            if count:
                dark = colour.lightnessF() < 0.55
                painter.setPen(QColor("white") if dark else QColor("#202020"))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(count))
        if self._selected is not None:
            row, column = self._selected
            pen = painter.pen()
            pen.setColor(SELECTED)
            pen.setWidth(3)
            painter.setPen(pen)
            painter.drawRect(QRectF(left + column * cell, top + row * cell, cell, cell))

    def _paint_axes(self, painter: QPainter, left: float, top: float, cell: float) -> None:
        names_font = QFont(self.font())
        line = self.fontMetrics().height() + 4
        if line > cell and names_font.pointSizeF() > 0:  # many classes: names shrink with rows
            names_font.setPointSizeF(max(6.0, names_font.pointSizeF() * cell / line))
        painter.setFont(names_font)
        painter.setPen(self.palette().windowText().color())
        count = len(self._classes)
        label_width = self._label_width()
        for index, name in enumerate(self._classes):
            text = name[:LABEL_CHARS]
            row_rect = QRectF(AXIS_TITLE_SPACE, top + index * cell, label_width - 6, cell)
            painter.drawText(
                row_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text
            )
            painter.save()
            painter.translate(left + (index + 0.5) * cell, top - 4)
            painter.rotate(-90 if label_width > cell else 0)
            column_rect = (
                QRectF(0, -cell / 2, label_width - 6, cell)
                if label_width > cell
                else QRectF(-cell / 2, -label_width, cell, label_width)
            )
            alignment = (
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                if label_width > cell
                else Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom
            )
            painter.drawText(column_rect, alignment, text)
            painter.restore()
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        grid = cell * count
        painter.drawText(
            QRectF(left, 0, grid, AXIS_TITLE_SPACE),
            Qt.AlignmentFlag.AlignCenter,
            self.tr("predicted class"),
        )
        painter.save()
        painter.translate(0, top + grid)
        painter.rotate(-90)
        painter.drawText(
            QRectF(0, 0, grid, AXIS_TITLE_SPACE),
            Qt.AlignmentFlag.AlignCenter,
            self.tr("true class"),
        )
        painter.restore()
