"""Overlay the per-epoch curves of several runs, one metric at a time, and export them.

The metric combo lists only the metrics every compared run logged, so each curve in the
plot has a partner; the CSV holds exactly the points the plot shows. The combo reads the
metrics' plain names (their keys are the item data), a caption under the plot says what
the curves show and which way is better, and the legend has a row of its own below the
plot, since finished curves leave no corner free.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kc_desktop.core.report import is_accuracy
from kc_desktop.core.runs.history import (
    Curves,
    comparison_rows,
    read_epoch_curves,
    shared_metrics,
    write_comparison_csv,
)
from kc_desktop.ui.errors import plain_error
from kc_desktop.ui.runs.compare_caption import compare_caption, metric_name
from kc_desktop.ui.widgets.curve_plot import CurvePlot

LABEL_EVERY_EPOCH_UP_TO = 12  # beyond this, pyqtgraph's own ticks; below, no "1.5" epochs
PLACEHOLDER = QT_TRANSLATE_NOOP(
    "compare_panel", "Select two or more runs in the table and press Compare."
)
# (title, suggested file name, filter) -> chosen path or None
ChooseSavePath = Callable[[str, str, str], "str | None"]


class ComparePanel(QWidget):
    """A metric combo, the overlaid curves (``comparePlot``) and PNG / CSV export buttons."""

    status_message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.curves_by_run: dict[str, Curves] = {}
        self.choose_save_path: ChooseSavePath = self._ask_save_path
        self.compareMetricCombo = QComboBox(objectName="compareMetricCombo")
        self.compareMetricCombo.setToolTip(
            self.tr("Metrics that every compared run logged per epoch")
        )
        self.compareMetricCombo.currentIndexChanged.connect(self._on_metric_combo_index_changed)
        self.exportComparePngButton = QPushButton(
            self.tr("Export PNG…"), objectName="exportComparePngButton"
        )
        self.exportComparePngButton.clicked.connect(self._on_export_png_clicked)
        self.exportCompareCsvButton = QPushButton(
            self.tr("Export CSV…"), objectName="exportCompareCsvButton"
        )
        self.exportCompareCsvButton.setToolTip(
            self.tr("One line per point: run, epoch, metric, value")
        )
        self.exportCompareCsvButton.clicked.connect(self._on_export_csv_clicked)
        self.comparePlot = CurvePlot(
            objectName="comparePlot",
            x_label=self.tr("epoch"),
            placeholder=QCoreApplication.translate("compare_panel", PLACEHOLDER),
            legend_below=True,
        )
        self.compareCaption = QLabel(objectName="compareCaption")
        self.compareCaption.setWordWrap(True)
        self.compareCaption.setToolTip(self.tr("What the curves show and which way is better"))
        self.closeCompareButton = QPushButton(self.tr("Close"), objectName="closeCompareButton")
        self.closeCompareButton.setToolTip(self.tr("Close the comparison window (Esc)"))
        self.closeCompareButton.clicked.connect(lambda _=False: self.window().close())

        controls = QHBoxLayout()
        metric_label = QLabel(self.tr("Metric"))
        metric_label.setToolTip(self.compareMetricCombo.toolTip())
        controls.addWidget(metric_label)
        controls.addWidget(self.compareMetricCombo, 1)
        controls.addWidget(self.exportComparePngButton)
        controls.addWidget(self.exportCompareCsvButton)
        controls.addWidget(self.closeCompareButton)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(self.comparePlot, 1)
        layout.addWidget(self.compareCaption)
        self._set_exportable(False)

    @property
    def metric(self) -> str:
        """The key of the metric shown (``val_accuracy``), or "" before a comparison."""
        return str(self.compareMetricCombo.currentData() or "")

    def select_metric(self, metric: str) -> None:
        """Show the curves of ``metric`` (a key every compared run logged)."""
        index = self.compareMetricCombo.findData(metric)
        if index >= 0:
            self.compareMetricCombo.setCurrentIndex(index)

    def compare(self, paths: list[Path]) -> bool:
        """Read the epoch curves of the runs in ``paths`` and plot their first shared metric."""
        curves_by_run = {Path(path).name: read_epoch_curves(Path(path)) for path in paths}
        metrics = shared_metrics(list(curves_by_run.values()))
        if not metrics:
            self.status_message.emit(
                self.tr(
                    "These runs have no per-epoch metric in common (a run stopped before "
                    "its first epoch has none)."
                )
            )
            return False
        self.curves_by_run = curves_by_run
        self.compareMetricCombo.blockSignals(True)
        self.compareMetricCombo.clear()
        for metric in metrics:
            self.compareMetricCombo.addItem(metric_name(metric), metric)
            self.compareMetricCombo.setItemData(
                self.compareMetricCombo.count() - 1, metric, Qt.ItemDataRole.ToolTipRole
            )
        self.compareMetricCombo.blockSignals(False)
        self._plot_metric(metrics[0])
        self._set_exportable(True)
        return True

    def clear(self) -> None:
        """Forget the comparison (its runs were renamed or deleted)."""
        self.curves_by_run = {}
        self.compareMetricCombo.clear()
        self.comparePlot.clear()
        self.comparePlot.set_title("")
        self.compareCaption.clear()
        self._set_exportable(False)

    def rows(self) -> list[tuple]:
        """The plotted points as ``(run, epoch, metric, value)``."""
        return comparison_rows(self.curves_by_run, self.metric)

    def export_png(self, path: str) -> bool:
        saved = self.comparePlot.export_png(path)
        self.status_message.emit(
            self.tr("Comparison saved to {path}").format(path=path)
            if saved
            else self.tr("Could not write {path}.").format(path=path)
        )
        return saved

    def export_csv(self, path: str) -> bool:
        try:
            write_comparison_csv(Path(path), self.rows())
        except OSError as error:
            self.status_message.emit(
                self.tr("Could not save the CSV: {error}").format(error=plain_error(error))
            )
            return False
        self.status_message.emit(self.tr("Comparison saved to {path}").format(path=path))
        return True

    # ---------------------------------------------------------------- internals
    def _plot_metric(self, metric: str) -> None:
        self.comparePlot.clear()
        title = metric_name(metric)
        scale = 100.0 if is_accuracy(metric) else 1.0  # accuracies read as percents everywhere
        self.comparePlot.set_title(self.tr("{title} per epoch").format(title=title))
        self.compareCaption.setText(compare_caption(metric))
        self.comparePlot.set_labels(self.tr("epoch"), f"{title} (%)" if scale != 1.0 else title)
        epochs: set[int] = set()
        for run, curves in self.curves_by_run.items():
            points = sorted(curves.get(metric, {}).items())
            self.comparePlot.extend(
                run, [epoch for epoch, _ in points], [scale * value for _, value in points]
            )
            epochs.update(epoch for epoch, _ in points)
        ticks = [[(epoch, str(epoch)) for epoch in sorted(epochs)]]
        self.comparePlot.plot_item.getAxis("bottom").setTicks(
            ticks if len(epochs) <= LABEL_EVERY_EPOCH_UP_TO else None
        )
        self.comparePlot.redraw()
        if epochs:  # finished runs need no room for new points: half an epoch each side
            self.comparePlot.plot_item.setXRange(min(epochs) - 0.5, max(epochs) + 0.5, padding=0)

    def _set_exportable(self, exportable: bool) -> None:
        for widget in (
            self.compareMetricCombo,
            self.exportComparePngButton,
            self.exportCompareCsvButton,
        ):
            widget.setEnabled(exportable)

    def _on_metric_combo_index_changed(self, _index: int) -> None:
        if self.metric and self.curves_by_run:
            self._plot_metric(self.metric)

    def _on_export_png_clicked(self) -> None:
        path = self.choose_save_path(
            self.tr("Save the comparison plot"),
            self._file_stem() + ".png",
            self.tr("PNG images (*.png)"),
        )
        if path:
            self.export_png(path)

    def _on_export_csv_clicked(self) -> None:
        path = self.choose_save_path(
            self.tr("Save the compared curves"),
            self._file_stem() + ".csv",
            self.tr("CSV files (*.csv)"),
        )
        if path:
            self.export_csv(path)

    def _file_stem(self) -> str:
        return f"compare-{self.metric or 'runs'}"

    def _ask_save_path(self, title: str, suggested: str, file_filter: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(
            self, title, str(Path.home() / suggested), file_filter
        )
        return path or None
