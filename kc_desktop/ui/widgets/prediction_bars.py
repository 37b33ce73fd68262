"""Top-k guesses as horizontal bars with percentages, or a sentence in their place.

A bar per class reads faster than a table of numbers, and shows at a glance whether the
model is sure (one long bar) or torn (several similar ones). When there is nothing to rank
(a file that could not be read, no model yet) the same space holds a plain-words message,
so the layout does not jump.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

TOP_COLOR = QColor("#2a7fd4")
OTHER_COLOR = QColor("#9bbbd9")
TRACK_ALPHA = 40
ROW_SPACING = 4
LABEL_MAX_WIDTH = 160


class _BarsView(QWidget):
    """Paints the rows: label, bar (length = probability), percentage."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, float]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def row_height(self) -> int:
        return self.fontMetrics().height() + 4

    def set_rows(self, rows: list[tuple[str, float]]) -> None:
        self.rows = rows
        count = max(1, len(rows))
        self.setFixedHeight(count * self.row_height() + (count - 1) * ROW_SPACING)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(260, self.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        bold = QFont(painter.font())
        bold.setBold(True)  # the top row is bold: measure labels as wide as they can be drawn
        bold_metrics = QFontMetrics(bold)
        text_color = self.palette().color(QPalette.ColorRole.Text)
        label_width = min(
            LABEL_MAX_WIDTH,
            max((bold_metrics.horizontalAdvance(label) for label, _ in self.rows), default=0) + 8,
            self.width() // 3,
        )
        percent_width = metrics.horizontalAdvance("100.0%") + 8
        bar_left = label_width
        bar_width = max(10, self.width() - label_width - percent_width)
        row_height = self.row_height()
        for index, (label, probability) in enumerate(self.rows):
            top = index * (row_height + ROW_SPACING)
            painter.setPen(text_color)
            font = painter.font()
            font.setBold(index == 0)
            painter.setFont(font)
            painter.drawText(
                QRectF(0, top, label_width - 6, row_height),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                painter.fontMetrics().elidedText(
                    label, Qt.TextElideMode.ElideRight, label_width - 6
                ),
            )
            track = QRectF(bar_left, top + 2, bar_width, row_height - 4)
            track_color = QColor(text_color)
            track_color.setAlpha(TRACK_ALPHA)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(track_color)
            painter.drawRoundedRect(track, 3, 3)
            share = min(1.0, max(0.0, probability))
            if share > 0:
                bar = QRectF(track.left(), track.top(), max(2.0, share * bar_width), track.height())
                painter.setBrush(TOP_COLOR if index == 0 else OTHER_COLOR)
                painter.drawRoundedRect(bar, 3, 3)
            painter.setPen(text_color)
            painter.drawText(
                QRectF(bar_left + bar_width + 6, top, percent_width, row_height),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                format_percent(probability),
            )
        painter.end()


class PredictionBars(QWidget):
    """Shows ``(label, probability)`` rows as bars, or a message instead of them."""

    def __init__(self, parent: QWidget | None = None, **kwargs: object) -> None:
        super().__init__(parent, **kwargs)
        self._predictions: list[tuple[str, float]] = []
        self._bars = _BarsView(self)
        self._message = QLabel(self)
        self._message.setWordWrap(True)
        self._message.setTextFormat(Qt.TextFormat.PlainText)
        self._message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._bars)
        layout.addWidget(self._message)
        self.set_message("")

    def set_predictions(self, predictions: Sequence[tuple[str, float]]) -> None:
        """Show the rows in the order given (best first), probabilities in [0, 1]."""
        self._predictions = [(str(label), float(p)) for label, p in predictions]
        if not self._predictions:
            self.set_message(self.tr("No predictions."))
            return
        self._bars.set_rows(self._predictions)
        self._message.hide()
        self._bars.show()
        self.setToolTip("\n".join(f"{label}: {p:.2%}" for label, p in self._predictions))

    def set_message(self, text: str) -> None:
        """Show ``text`` (an error or an explanation) where the bars go."""
        self._predictions = []
        self._message.setText(text)
        self._bars.hide()
        self._message.show()
        self.setToolTip("")

    def predictions(self) -> list[tuple[str, float]]:
        return list(self._predictions)

    def message(self) -> str:
        """The message shown, or "" while bars are shown."""
        return "" if self._message.isHidden() else self._message.text()


def format_percent(probability: float) -> str:
    """91.2% style; tiny but non-zero values read "<0.1%" rather than a misleading 0.0%."""
    if 0 < probability < 0.0005:
        return "<0.1%"
    return f"{probability:.1%}"
