"""The table of saved runs: one row per run, readable cells, columns that sort by value.

Each cell shows formatted text ("90.6%", "1 of 5") but sorts by the number behind it, so
sorting by accuracy or date orders runs by value, not alphabetically. A row keeps its run
folder, so selections survive sorting and refreshing.

The header's arrow points the way the rows run: down (wide end on top) when the largest
values come first, as in a file manager. Qt hands styles "sort up" for a descending column,
which Fusion draws as an up arrow over newest-first rows; ``_SortArrowStyle`` swaps the two.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QProxyStyle,
    QStyle,
    QStyleOptionHeader,
    QTableWidget,
    QTableWidgetItem,
)

from kc_desktop.core.guidance import model_name
from kc_desktop.core.runs.history import RunRow
from kc_desktop.ui.core_text import core_text
from kc_desktop.ui.i18n import status_text

SORT_ROLE = Qt.ItemDataRole.UserRole
PATH_ROLE = Qt.ItemDataRole.UserRole + 1
MISSING = -math.inf  # sorts runs without a value below every run with one


_SWAPPED_ARROWS = {
    QStyleOptionHeader.SortIndicator.SortUp: QStyleOptionHeader.SortIndicator.SortDown,
    QStyleOptionHeader.SortIndicator.SortDown: QStyleOptionHeader.SortIndicator.SortUp,
}


class _SortArrowStyle(QProxyStyle):
    """The application's style, with the header's sort arrow pointing the way rows are ordered."""

    def drawPrimitive(self, element, option, painter, widget=None) -> None:
        if element == QStyle.PrimitiveElement.PE_IndicatorHeaderArrow and isinstance(
            option, QStyleOptionHeader
        ):
            option = QStyleOptionHeader(option)
            option.sortIndicator = _SWAPPED_ARROWS.get(option.sortIndicator, option.sortIndicator)
        super().drawPrimitive(element, option, painter, widget)


class _SortableItem(QTableWidgetItem):
    """A cell that compares by its sort key instead of its text."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        return self.data(SORT_ROLE) < other.data(SORT_ROLE)


def _number_or_missing(value: float | None) -> float:
    return MISSING if value is None else value


def _epochs_text(row: RunRow) -> str:
    if row.epochs_done is None or row.epochs_done == row.epochs:
        return "" if row.epochs is None else str(row.epochs)
    return (
        QCoreApplication.translate("runs_table", "{epochs_done} of {epochs}").format(
            epochs_done=row.epochs_done, epochs=row.epochs
        )
        if row.epochs is not None
        else str(row.epochs_done)
    )


def _latent_text(row: RunRow) -> str:
    parts = []
    if row.latent_dim is not None:
        parts.append(
            QCoreApplication.translate("runs_table", "{count} numbers").format(count=row.latent_dim)
        )
    if row.beta is not None:
        parts.append(
            QCoreApplication.translate("runs_table", "KL weight {beta:g}").format(beta=row.beta)
        )
    return " · ".join(parts)


def _accuracy_text(row: RunRow) -> str:
    if row.accuracy is None:
        return ""
    return f"{row.accuracy:.1%}" + (
        "" if row.finished else QCoreApplication.translate("runs_table", " (val)")
    )


def _loss_text(row: RunRow) -> str:
    if row.loss is None:
        return ""
    text = (
        QCoreApplication.translate("runs_table", "G {loss:.4g} · D {d_loss:.4g}").format(
            loss=row.loss, d_loss=row.d_loss
        )
        if row.d_loss is not None
        else f"{row.loss:.4g}"
    )
    return (
        text
        if row.finished or row.task == "gan"
        else QCoreApplication.translate("runs_table", "{text} (val)").format(text=text)
    )


Column = tuple[str, Callable[[RunRow], str], Callable[[RunRow], object], str]

# header, text, sort key, tooltip of the header
COLUMNS: tuple[Column, ...] = (
    (
        QT_TRANSLATE_NOOP("runs_table", "Name"),
        lambda r: r.name,
        lambda r: r.name.casefold(),
        QT_TRANSLATE_NOOP("runs_table", "The run's folder name"),
    ),
    (
        QT_TRANSLATE_NOOP("runs_table", "Date"),
        lambda r: r.started.strftime("%Y-%m-%d %H:%M"),
        lambda r: r.started.timestamp(),
        QT_TRANSLATE_NOOP("runs_table", "When the run was started"),
    ),
    (
        QT_TRANSLATE_NOOP("runs_table", "Dataset"),
        lambda r: core_text(r.dataset),
        lambda r: core_text(r.dataset).casefold(),
        "",
    ),
    (
        QT_TRANSLATE_NOOP("runs_table", "Model"),
        lambda r: core_text(model_name(r.model)),
        lambda r: core_text(model_name(r.model)).casefold(),
        "",
    ),
    (
        QT_TRANSLATE_NOOP("runs_table", "Status"),
        lambda r: status_text(r.status).lower(),
        lambda r: r.status,
        "",
    ),
    (
        QT_TRANSLATE_NOOP("runs_table", "Accuracy"),
        _accuracy_text,
        lambda r: _number_or_missing(r.accuracy),
        QT_TRANSLATE_NOOP(
            "runs_table",
            "Test accuracy of a classifier (validation accuracy while a run is unfinished)",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("runs_table", "Final loss"),
        _loss_text,
        lambda r: _number_or_missing(r.loss),
        QT_TRANSLATE_NOOP(
            "runs_table", "Test loss (a GAN: generator and discriminator losses of the last epoch)"
        ),
    ),
    (
        QT_TRANSLATE_NOOP("runs_table", "Epochs"),
        _epochs_text,
        lambda r: _number_or_missing(r.epochs_done if r.epochs_done is not None else r.epochs),
        QT_TRANSLATE_NOOP(
            "runs_table", "Epochs trained (of those planned, when the run ended early)"
        ),
    ),
    (
        QT_TRANSLATE_NOOP("runs_table", "Batch"),
        lambda r: str(r.batch_size or ""),
        lambda r: _number_or_missing(r.batch_size),
        "",
    ),
    (
        QT_TRANSLATE_NOOP("runs_table", "LR"),
        lambda r: "" if r.lr is None else f"{r.lr:g}",
        lambda r: _number_or_missing(r.lr),
        QT_TRANSLATE_NOOP("runs_table", "Learning rate"),
    ),
    (
        QT_TRANSLATE_NOOP("runs_table", "Optimizer"),
        lambda r: r.optimizer,
        lambda r: r.optimizer,
        "",
    ),
    (
        QT_TRANSLATE_NOOP("runs_table", "Code size · KL weight"),
        _latent_text,
        lambda r: (_number_or_missing(r.beta), _number_or_missing(r.latent_dim)),
        QT_TRANSLATE_NOOP(
            "runs_table",
            "How many numbers a generative model squeezes each image into (latent size z) "
            "and, for a VAE, how strongly it keeps them tidy (KL weight β)",
        ),
    ),
)
COLUMN_TITLES = tuple(column[0] for column in COLUMNS)


class RunsTable(QTableWidget):
    """Read-only, sortable list of runs; rows are selected whole, several at a time."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(0, len(COLUMNS), **kwargs)
        self.setHorizontalHeaderLabels(
            [QCoreApplication.translate("runs_table", t) for t in COLUMN_TITLES]
        )
        for index, (_, _, _, tooltip) in enumerate(COLUMNS):
            if tooltip:
                self.horizontalHeaderItem(index).setToolTip(
                    QCoreApplication.translate("runs_table", tooltip)
                )
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self._fitting = False  # the table is fitting its columns to their contents
        self._widths_chosen = False  # a person dragged a column's edge: keep their widths
        header.sectionResized.connect(self._on_section_resized)
        self._arrow_style = _SortArrowStyle()  # kept: a widget does not own its style
        header.setStyle(self._arrow_style)
        self.setSortingEnabled(True)
        self.sortByColumn(COLUMN_TITLES.index("Date"), Qt.SortOrder.DescendingOrder)

    def set_rows(self, rows: list[RunRow], select: list[Path] | None = None) -> None:
        """Show ``rows``, keeping the sort order, and select the runs in ``select``."""
        self.setSortingEnabled(False)  # Qt's advice: sorting while filling scrambles rows
        self.setRowCount(len(rows))
        for row_index, row in enumerate(rows):
            for column_index, (_, text, key, _) in enumerate(COLUMNS):
                item = _SortableItem(text(row))
                item.setData(SORT_ROLE, key(row))
                item.setData(PATH_ROLE, str(row.path))
                item.setToolTip(item.text())  # the full value, when the column is narrow
                self.setItem(row_index, column_index, item)
            self.item(row_index, 0).setToolTip(str(row.path))
        self.setSortingEnabled(True)
        if not self._widths_chosen:  # a new run's longer text ("completed") gets its room
            self._fitting = True
            try:
                self.resizeColumnsToContents()
            finally:
                self._fitting = False
        self.select_paths(select or [])

    def _on_section_resized(self, column: int, _old: int, _new: int) -> None:
        # The last column stretches with the dock: only a drag elsewhere is a person's choice.
        if not self._fitting and column != len(COLUMNS) - 1:
            self._widths_chosen = True

    def select_paths(self, paths: list[Path]) -> None:
        """Select exactly the rows of the run folders in ``paths``."""
        wanted = {str(path) for path in paths}
        selection = self.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row_index in range(self.rowCount()):
            if self.item(row_index, 0).data(PATH_ROLE) in wanted:
                selection.select(self.model().index(row_index, 0), flags)

    def selected_paths(self) -> list[Path]:
        """Run folders of the selected rows, top to bottom as shown."""
        rows = sorted({index.row() for index in self.selectionModel().selectedRows()})
        return [Path(self.item(row, 0).data(PATH_ROLE)) for row in rows]

    def path_at(self, row: int) -> Path:
        return Path(self.item(row, 0).data(PATH_ROLE))

    def row_of(self, path: Path) -> int | None:
        """The row showing the run folder ``path``, or None."""
        for row in range(self.rowCount()):
            if self.path_at(row) == Path(path):
                return row
        return None
