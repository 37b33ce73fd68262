"""The Model tab's layer table (behind "Show layers"): each layer in plain, translated words.

The core's ``ModelSummary`` names layers by their PyTorch class (``Conv2d``, ``BatchNorm2d``);
a person who does not program reads what the layer does instead ("Finds patterns in the
picture"), in the interface language, and the class name stays in the cell's tooltip for
those who know it. ``toPlainText()`` gives the same table as text (copy, tests).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

if TYPE_CHECKING:
    from kc_desktop.core.models.summary import ModelSummary

CONTEXT = "LayerTable"

HEADERS = (
    QT_TRANSLATE_NOOP("LayerTable", "Layer"),
    QT_TRANSLATE_NOOP("LayerTable", "What it does"),
    QT_TRANSLATE_NOOP("LayerTable", "Output shape"),
    QT_TRANSLATE_NOOP("LayerTable", "Parameters"),
)

LAYER_TEXT: tuple[tuple[tuple[str, ...], str], ...] = (
    (("ConvTranspose",), QT_TRANSLATE_NOOP("LayerTable", "Draws a larger picture from patterns")),
    (("Conv",), QT_TRANSLATE_NOOP("LayerTable", "Finds patterns in the picture")),
    (("LSTM", "GRU", "RNN"), QT_TRANSLATE_NOOP("LayerTable", "Reads row by row, remembering")),
    (("Linear",), QT_TRANSLATE_NOOP("LayerTable", "Weighs everything found so far")),
    (
        ("BatchNorm", "LayerNorm", "GroupNorm"),
        QT_TRANSLATE_NOOP("LayerTable", "Keeps the numbers in a steady range"),
    ),
    (
        ("ReLU", "LeakyReLU", "GELU", "SiLU", "Hardswish", "ELU"),
        QT_TRANSLATE_NOOP("LayerTable", "Lets strong signals through"),
    ),
    (
        ("Sigmoid", "Tanh", "Softmax", "Hardsigmoid"),
        QT_TRANSLATE_NOOP("LayerTable", "Squeezes the numbers into a fixed range"),
    ),
    (
        ("MaxPool", "AvgPool", "AdaptiveAvgPool", "AdaptiveMaxPool"),
        QT_TRANSLATE_NOOP("LayerTable", "Shrinks the picture, keeping the main signals"),
    ),
    (
        ("Dropout", "StochasticDepth"),
        QT_TRANSLATE_NOOP("LayerTable", "Ignores random parts while training, against memorising"),
    ),
    (("Flatten",), QT_TRANSLATE_NOOP("LayerTable", "Lays the picture out as one long row")),
    (("Unflatten",), QT_TRANSLATE_NOOP("LayerTable", "Folds a long row back into a picture")),
    (("Upsample",), QT_TRANSLATE_NOOP("LayerTable", "Makes the picture larger")),
    (("Identity",), QT_TRANSLATE_NOOP("LayerTable", "Passes its input on unchanged")),
    (("ImageNetInput",), QT_TRANSLATE_NOOP("LayerTable", "Prepares the picture as ImageNet was")),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def layer_words(kind: str) -> str:
    """What a layer of PyTorch class ``kind`` does, in the interface language."""
    for prefixes, text in LAYER_TEXT:
        if kind.startswith(prefixes):
            return _tr(text)
    return kind


class LayerTable(QTableWidget):
    """Layers as rows (name, plain description, output shape, parameters) and a total row."""

    def __init__(self, objectName: str = "modelSummary") -> None:  # noqa: N803 (Qt's name)
        super().__init__(0, len(HEADERS), objectName=objectName)
        self.setHorizontalHeaderLabels([_tr(text) for text in HEADERS])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self._message = ""

    def show_message(self, text: str) -> None:
        """No table yet (no dataset): one line saying why."""
        self.setRowCount(1)
        self.setSpan(0, 0, 1, self.columnCount())
        self.setItem(0, 0, QTableWidgetItem(text))
        self._message = text

    def show_summary(self, summary: ModelSummary) -> None:
        self.clearSpans()
        self._message = ""
        rows = summary.rows
        self.setRowCount(len(rows) + 1)
        for index, row in enumerate(rows):
            shape = "(" + ", ".join(str(d) for d in row.output_shape) + ")"
            cells = (row.name, layer_words(row.kind), shape, f"{row.params:,}")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(row.kind)
                if column == 3:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.setItem(index, column, item)
        total = QTableWidgetItem(self._totals(summary))
        self.setSpan(len(rows), 0, 1, self.columnCount())
        self.setItem(len(rows), 0, total)

    @staticmethod
    def _totals(summary: ModelSummary) -> str:
        return QCoreApplication.translate(
            "LayerTable", "Total parameters: {total:,} (trainable: {trainable:,})"
        ).format(total=summary.total_params, trainable=summary.trainable_params)

    def toPlainText(self) -> str:
        """The table as tab-separated lines, headers first."""
        if self._message:
            return self._message
        lines = ["\t".join(_tr(text) for text in HEADERS)]
        for row in range(self.rowCount()):
            cells = [self.item(row, column) for column in range(self.columnCount())]
            lines.append("\t".join(cell.text() for cell in cells if cell is not None))
        return "\n".join(lines)
