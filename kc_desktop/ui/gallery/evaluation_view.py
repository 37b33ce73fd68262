"""Evaluation of a classifier run on its test images: where it is right, where and why it errs.

Shown by the Gallery tab for classifier runs. The test split is rebuilt and scored as a
background job (``ui/jobs.py``) with a fresh copy of the model loaded from the run folder
(so it needs no model lock), and the window stays responsive. Choosing another run cancels
the evaluation under way; only the current one's result reaches the view.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kc_desktop.core.inference import LoadedRun
from kc_desktop.core.insight.evaluation import Evaluation, evaluate_saved_run
from kc_desktop.ui.gallery.confusion_matrix import ConfusionMatrixView
from kc_desktop.ui.jobs import JobRunner
from kc_desktop.ui.widgets.image_grid import ImageGrid
from kc_desktop.ui.widgets.wrapped_label import caption_label

EVALUATE = "evaluate"  # the job kind
MAX_SHOWN = 120  # images per grid: more would shrink every cell below readability
SORT_CHOICES = (
    QT_TRANSLATE_NOOP("evaluation_view", "Most confident mistakes first"),
    QT_TRANSLATE_NOOP("evaluation_view", "Least confident mistakes first"),
)
WAITING_TEXT = QT_TRANSLATE_NOOP(
    "evaluation_view", "The evaluation on the test images appears here when training ends."
)
METRIC_HEADERS = (
    QT_TRANSLATE_NOOP("evaluation_view", "Class"),
    QT_TRANSLATE_NOOP("evaluation_view", "Precision"),
    QT_TRANSLATE_NOOP("evaluation_view", "Recall"),
    QT_TRANSLATE_NOOP("evaluation_view", "F1"),
    QT_TRANSLATE_NOOP("evaluation_view", "Test images"),
)


class EvaluationView(QWidget):
    """Confusion matrix, per-class scores and image galleries of one classifier run."""

    evaluation_finished = Signal()
    status_message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evaluationView")
        self.evaluation: Evaluation | None = None
        self.run_path: Path | None = None
        self.jobs = JobRunner(self)
        self._build()
        self.show_waiting()

    # ---------------------------------------------------------------- layout
    def _build(self) -> None:
        self.evaluationSummary = QLabel(objectName="evaluationSummary")
        self.evaluationSummary.setTextFormat(Qt.TextFormat.RichText)
        self.evaluationSummary.setWordWrap(True)
        self.evaluationProgress = QProgressBar(objectName="evaluationProgress")
        self.evaluationProgress.setMaximumWidth(240)
        self.evaluationProgress.setTextVisible(False)
        top = QHBoxLayout()
        top.addWidget(self.evaluationSummary, 1)
        top.addWidget(self.evaluationProgress)

        self.confusionMatrix = ConfusionMatrixView(objectName="confusionMatrix")
        self.confusionMatrix.setToolTip(self.tr("Click a cell to see its test images."))
        self.confusionMatrix.cell_clicked.connect(self._on_confusion_matrix_cell_clicked)
        matrix_group = QGroupBox(self.tr("Confusion matrix on the test images"))
        matrix_layout = QVBoxLayout(matrix_group)
        matrix_layout.addWidget(self.confusionMatrix, 1)
        self.confusionCaption = caption_label(
            "confusionCaption",
            self.tr(
                "Rows: the true class; columns: what the model answered. Blue diagonal = "
                "right, red = mistakes — the more on the diagonal, the better. Click a cell "
                "to see its images."
            ),
        )
        matrix_layout.addWidget(self.confusionCaption)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        body = QHBoxLayout()
        body.addWidget(matrix_group, 5)
        right = QVBoxLayout()
        right.addWidget(self._build_metrics_group(), 2)
        right.addWidget(self._build_image_tabs(), 3)
        body.addLayout(right, 6)
        layout.addLayout(body, 1)

    def _build_metrics_group(self) -> QGroupBox:
        self.classMetricsTable = QTableWidget(
            0, len(METRIC_HEADERS), objectName="classMetricsTable"
        )
        self.classMetricsTable.setHorizontalHeaderLabels(
            [QCoreApplication.translate("evaluation_view", h) for h in METRIC_HEADERS]
        )
        self.classMetricsTable.verticalHeader().setVisible(False)
        self.classMetricsTable.verticalHeader().setDefaultSectionSize(
            self.fontMetrics().height() + 6
        )
        self.classMetricsTable.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.classMetricsTable.setSortingEnabled(True)
        self.classMetricsTable.setItemDelegate(_ScoreDelegate(self.classMetricsTable))
        self.classMetricsTable.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch
        )
        self.classMetricsTable.setToolTip(
            self.tr(
                "Precision: of the images the model called this class, the share that "
                "were. Recall: of the images of this class, the share it found. F1 "
                "balances the two."
            )
        )
        self.classMetricsCaption = caption_label(
            "classMetricsCaption",
            self.tr(
                "How well the model knows each class, from 0 to 1 (1 = never wrong) — higher "
                "is better; a low row is a class it confuses. Hover for what each score means."
            ),
        )
        group = QGroupBox(self.tr("Scores per class"))
        box = QVBoxLayout(group)
        box.addWidget(self.classMetricsTable, 1)
        box.addWidget(self.classMetricsCaption)
        return group

    def _build_image_tabs(self) -> QTabWidget:
        self.misclassifiedSortCombo = QComboBox(objectName="misclassifiedSortCombo")
        self.misclassifiedSortCombo.addItems(
            [QCoreApplication.translate("evaluation_view", c) for c in SORT_CHOICES]
        )
        self.misclassifiedSortCombo.currentIndexChanged.connect(self._show_misclassified)
        self.misclassifiedLabel = QLabel(objectName="misclassifiedLabel")
        self.misclassifiedGrid = ImageGrid(objectName="misclassifiedGrid", min_cell=48)
        self.misclassifiedGrid.setToolTip(
            self.tr("Each caption: true class / the model's answer (confidence).")
        )
        mistakes = QWidget()
        mistakes_layout = QVBoxLayout(mistakes)
        row = QHBoxLayout()
        row.addWidget(self.misclassifiedLabel, 1)
        row.addWidget(self.misclassifiedSortCombo)
        mistakes_layout.addLayout(row)
        mistakes_layout.addWidget(self.misclassifiedGrid, 1)
        self.misclassifiedCaption = caption_label(
            "misclassifiedCaption",
            self.tr(
                "Test images the model got wrong: under each, the true class / its answer "
                "(how sure it was) — fewer is better; sure mistakes show what it confuses."
            ),
        )
        mistakes_layout.addWidget(self.misclassifiedCaption)

        self.cellLabel = QLabel(
            self.tr("Click a cell of the confusion matrix."), objectName="cellLabel"
        )
        self.cellGrid = ImageGrid(objectName="cellGrid", min_cell=48)
        self.cellGrid.set_placeholder(
            self.tr("Click a cell of the confusion matrix to see its images.")
        )
        cell_page = QWidget()
        cell_layout = QVBoxLayout(cell_page)
        cell_layout.addWidget(self.cellLabel)
        cell_layout.addWidget(self.cellGrid, 1)

        self.evaluationImageTabs = QTabWidget(objectName="evaluationImageTabs")
        self.evaluationImageTabs.addTab(mistakes, self.tr("Mistakes"))
        self.evaluationImageTabs.addTab(cell_page, self.tr("Selected cell"))
        return self.evaluationImageTabs

    # ---------------------------------------------------------------- public API
    def show_waiting(self, text: str | None = None) -> None:
        """No finished run yet (training, or nothing chosen): say when results will come."""
        self.jobs.cancel(EVALUATE)
        self.evaluation, self.run_path = None, None
        self.evaluationSummary.setText(
            QCoreApplication.translate("evaluation_view", WAITING_TEXT) if text is None else text
        )
        self.evaluationProgress.hide()
        self._clear_results()

    def set_run(self, run: LoadedRun | None) -> None:
        """Evaluate a classifier run in the background (again only if it is another run)."""
        if run is None or not run.task.is_classifier:
            self.show_waiting()
            return
        path = Path(run.path).resolve()
        if path == self.run_path:
            return
        self.evaluation, self.run_path = None, path
        self._clear_results()
        self.evaluationSummary.setText(
            self.tr(
                "Evaluating <b>{name}</b> on its test images… (the model sees each "
                "test image once; this takes a few seconds)"
            ).format(name=run.path.name)
        )
        self.evaluationProgress.setRange(0, 0)
        self.evaluationProgress.show()
        self.jobs.start(
            EVALUATE,
            lambda state: evaluate_saved_run(path, progress=state.progress),
            self._on_evaluation_done,
            self._on_evaluation_failed,
            self._on_evaluation_progress,
        )

    def show_evaluation(self, evaluation: Evaluation) -> None:
        """Fill the matrix, the table and the galleries from a finished evaluation."""
        self.evaluation = evaluation
        self.evaluationProgress.hide()
        matrix = evaluation.confusion()
        mistakes = int(matrix.sum() - np.trace(matrix))
        name = self.run_path.name if self.run_path else self.tr("this run")
        self.evaluationSummary.setText(
            self.tr(
                "<b>{name}</b>: {accuracy:.1%} of the {total} test images right, "
                "{mistakes} mistake(s). The model never saw these images while "
                "training."
            ).format(
                name=name,
                accuracy=evaluation.accuracy,
                total=evaluation.total,
                mistakes=mistakes,
            )
        )
        self.confusionMatrix.set_matrix(matrix, evaluation.classes)
        self._fill_metrics_table(evaluation)
        self._show_misclassified()
        self.cellLabel.setText(self.tr("Click a cell of the confusion matrix."))
        self.cellGrid.set_placeholder(
            self.tr("Click a cell of the confusion matrix to see its images.")
        )

    # ---------------------------------------------------------------- internals
    def is_evaluating(self) -> bool:
        """True while an evaluation runs; tests wait for it to end."""
        return self.jobs.is_running(EVALUATE)

    def _on_evaluation_done(self, evaluation: Any) -> None:
        self.show_evaluation(evaluation)
        self.status_message.emit(
            self.tr("Evaluated on {total} test images: {accuracy:.1%} right.").format(
                total=evaluation.total, accuracy=evaluation.accuracy
            )
        )
        self.evaluation_finished.emit()

    def _on_evaluation_failed(self, message: str) -> None:
        self.evaluationProgress.hide()
        self.evaluationSummary.setText(
            self.tr("Could not evaluate this run: {message}").format(message=message)
        )
        self.status_message.emit(
            self.tr("Could not evaluate this run: {message}").format(message=message)
        )
        self.evaluation_finished.emit()

    def _on_evaluation_progress(self, done: int, total: int) -> None:
        self.evaluationProgress.setRange(0, max(1, total))
        self.evaluationProgress.setValue(done)

    def _clear_results(self) -> None:
        self.confusionMatrix.clear()
        self.classMetricsTable.setRowCount(0)
        self.misclassifiedLabel.setText("")
        self.misclassifiedGrid.set_placeholder(self.tr("No evaluation yet."))
        self.cellGrid.set_placeholder(
            self.tr("Click a cell of the confusion matrix to see its images.")
        )

    def _fill_metrics_table(self, evaluation: Evaluation) -> None:
        table = self.classMetricsTable
        table.setSortingEnabled(False)
        rows = evaluation.class_metrics()
        table.setRowCount(len(rows))
        for index, metrics in enumerate(rows):
            values = (metrics.precision, metrics.recall, metrics.f1)
            table.setItem(index, 0, QTableWidgetItem(metrics.name))
            for column, value in enumerate(values, start=1):
                table.setItem(index, column, _number_item(float(value)))
            table.setItem(index, 4, _number_item(metrics.support))
        table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)  # rows stay in class order until a header is clicked

    def _show_misclassified(self) -> None:
        evaluation = self.evaluation
        if evaluation is None:
            return
        most_first = self.misclassifiedSortCombo.currentIndex() == 0
        wrong = evaluation.misclassified(most_confident_first=most_first)
        shown = wrong[:MAX_SHOWN]
        self.misclassifiedLabel.setText(
            _count_text(len(wrong), len(shown), self.tr("{count} mistake(s)"))
        )
        if not len(wrong):
            self.misclassifiedGrid.set_placeholder(self.tr("No mistakes on the test images."))
            return
        self.misclassifiedGrid.set_images(
            evaluation.images[shown], [_caption(evaluation, int(i)) for i in shown]
        )

    def _on_confusion_matrix_cell_clicked(self, true_class: int, predicted_class: int) -> None:
        evaluation = self.evaluation
        if evaluation is None:
            return
        cell = evaluation.cell_indices(true_class, predicted_class)
        shown = cell[:MAX_SHOWN]
        names = evaluation.classes
        self.cellLabel.setText(
            self.tr("True class <b>{value}</b>, predicted <b>{value2}</b>: ").format(
                value=names[true_class], value2=names[predicted_class]
            )
            + _count_text(len(cell), len(shown), self.tr("{count} image(s)"))
        )
        self.evaluationImageTabs.setCurrentIndex(1)
        if not len(cell):
            self.cellGrid.set_placeholder(self.tr("No test image fell in this cell."))
            return
        self.cellGrid.set_images(
            evaluation.images[shown], [_caption(evaluation, int(i)) for i in shown]
        )


def _caption(evaluation: Evaluation, index: int) -> str:
    names = evaluation.classes
    true_name = names[int(evaluation.labels[index])]
    predicted = names[int(evaluation.predictions[index])]
    return QCoreApplication.translate(
        "evaluation_view", "true {true_name} / pred {predicted} ({value:.0%})"
    ).format(true_name=true_name, predicted=predicted, value=evaluation.confidences[index])


def _count_text(count: int, shown: int, template: str) -> str:
    text = template.format(count=count)
    return text + (
        QCoreApplication.translate("evaluation_view", ", showing the first {shown}").format(
            shown=shown
        )
        if shown < count
        else ""
    )


def _number_item(value: float) -> QTableWidgetItem:
    """A right-aligned cell holding a number, so that sorting puts 9 before 18."""
    item = QTableWidgetItem()
    item.setData(Qt.ItemDataRole.DisplayRole, value)
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class _ScoreDelegate(QStyledItemDelegate):
    """Shows fractional scores with three decimals (the cells keep the exact number)."""

    def displayText(self, value: Any, locale: QLocale) -> str:
        if isinstance(value, float):
            return f"{value:.3f}"
        return super().displayText(value, locale)
