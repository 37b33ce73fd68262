"""Evaluation view: the confusion matrix, per-class table and galleries show the real results."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from kc_desktop.core.inference import load_run
from kc_desktop.ui.gallery.evaluation_view import EvaluationView
from kc_desktop.ui.jobs import job_pool


@pytest.fixture
def view(qtbot, digits_classifier_dir: Path) -> EvaluationView:
    widget = EvaluationView()
    qtbot.addWidget(widget)
    widget.resize(1200, 720)
    widget.show()
    with qtbot.waitSignal(widget.evaluation_finished, timeout=60_000):
        widget.set_run(load_run(digits_classifier_dir))
    return widget


def test_matrix_sums_to_the_test_set_and_its_diagonal_is_the_test_accuracy(
    view: EvaluationView, digits_classifier_dir: Path
) -> None:
    summary = json.loads((digits_classifier_dir / "summary.json").read_text())
    matrix = view.confusionMatrix.matrix()
    assert matrix.shape == (10, 10) and matrix.sum() == 180
    assert np.trace(matrix) / matrix.sum() == pytest.approx(summary["test_accuracy"])
    assert f"{summary['test_accuracy']:.1%}" in view.evaluationSummary.text()
    assert view.evaluationProgress.isHidden()


def test_each_view_of_the_evaluation_has_a_caption_saying_which_way_is_better(
    view: EvaluationView,
) -> None:
    captions = {
        view.confusionCaption: ("confusionCaption", "the more on the diagonal, the better"),
        view.classMetricsCaption: ("classMetricsCaption", "higher is better"),
        view.misclassifiedCaption: ("misclassifiedCaption", "fewer is better"),
    }
    for caption, (name, better) in captions.items():
        assert caption.objectName() == name and better in caption.text()
        assert caption.height() >= caption.heightForWidth(caption.width())  # every line shown
    assert view.confusionCaption.isVisible() and view.classMetricsCaption.isVisible()
    view.evaluationImageTabs.setCurrentIndex(0)
    assert view.misclassifiedCaption.isVisible()
    below_grid = view.misclassifiedCaption.geometry().top()
    assert below_grid > view.misclassifiedGrid.geometry().bottom()  # under the images


def test_class_table_agrees_with_the_matrix(view: EvaluationView) -> None:
    matrix = view.confusionMatrix.matrix()
    table = view.classMetricsTable
    assert table.rowCount() == 10
    for row in range(table.rowCount()):
        name = table.item(row, 0).text()
        k = int(name)  # digits classes are "0".."9"
        precision = matrix[k, k] / matrix[:, k].sum() if matrix[:, k].sum() else 0.0
        recall = matrix[k, k] / matrix[k].sum()
        assert float(table.item(row, 1).text()) == pytest.approx(precision, abs=5e-4)
        assert float(table.item(row, 2).text()) == pytest.approx(recall, abs=5e-4)
        assert int(table.item(row, 4).text()) == matrix[k].sum()


def test_class_table_sorts_by_number(view: EvaluationView) -> None:
    table = view.classMetricsTable
    table.sortItems(2, Qt.SortOrder.AscendingOrder)
    recalls = [float(table.item(row, 2).text()) for row in range(table.rowCount())]
    assert recalls == sorted(recalls)


def test_misclassified_grid_holds_every_mistake_sorted_by_confidence(
    view: EvaluationView,
) -> None:
    matrix = view.confusionMatrix.matrix()
    mistakes = int(matrix.sum() - np.trace(matrix))
    grid = view.misclassifiedGrid
    assert grid.image_count() == mistakes > 0
    for caption in grid.captions():
        true_name, predicted = caption.split(" (")[0].removeprefix("true ").split(" / pred ")
        assert true_name != predicted

    def confidences() -> list[int]:
        return [int(c.split("(")[1].rstrip("%)")) for c in grid.captions()]

    assert confidences() == sorted(confidences(), reverse=True)
    view.misclassifiedSortCombo.setCurrentIndex(1)
    assert confidences() == sorted(confidences())
    assert grid.image_count() == mistakes


def test_clicking_a_cell_shows_exactly_its_images(qtbot, view: EvaluationView) -> None:
    matrix = view.confusionMatrix.matrix()
    off_diagonal = matrix - np.diag(np.diag(matrix))
    wrong_cell = tuple(int(v) for v in np.unravel_index(off_diagonal.argmax(), matrix.shape))
    for true_class, predicted_class in [(3, 3), wrong_cell]:
        centre = view.confusionMatrix.cell_rect(true_class, predicted_class).center()
        qtbot.mouseClick(view.confusionMatrix, Qt.MouseButton.LeftButton, pos=centre)
        assert view.confusionMatrix.selected_cell() == (true_class, predicted_class)
        assert view.evaluationImageTabs.currentIndex() == 1
        assert view.cellGrid.image_count() == matrix[true_class, predicted_class] > 0
        assert all(
            c.startswith(f"true {true_class} / pred {predicted_class} ")
            for c in view.cellGrid.captions()
        )


def test_an_empty_cell_says_so(view: EvaluationView) -> None:
    matrix = view.confusionMatrix.matrix()
    rows, columns = np.nonzero(matrix == 0)
    view.confusionMatrix.select_cell(int(rows[0]), int(columns[0]))
    assert view.cellGrid.is_empty()
    assert "No test image" in view.cellGrid.placeholder()


def test_a_run_whose_data_is_gone_gives_one_readable_line(
    qtbot, digits_classifier_dir: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken-run"
    broken.mkdir()
    for name in ("config.json", "model.safetensors"):
        (broken / name).write_bytes((digits_classifier_dir / name).read_bytes())
    config = json.loads((broken / "config.json").read_text())
    config.update(dataset="folder", folder=str(tmp_path / "gone"))
    (broken / "config.json").write_text(json.dumps(config))
    widget = EvaluationView()
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.evaluation_finished, timeout=60_000):
        widget.set_run(load_run(broken))
    text = widget.evaluationSummary.text()
    assert text.startswith("Could not evaluate this run:") and "\n" not in text
    assert "Traceback" not in text
    assert widget.confusionMatrix.matrix().size == 0


def _finish_background_jobs(qtbot) -> None:
    """Let every thread-pool job end and deliver its queued reports."""
    assert job_pool().waitForDone(60_000)
    QApplication.processEvents()  # deliver the queued reports


def test_a_result_for_a_run_no_longer_shown_is_dropped(qtbot, digits_classifier_dir: Path) -> None:
    widget = EvaluationView()
    qtbot.addWidget(widget)
    widget.set_run(load_run(digits_classifier_dir))
    widget.show_waiting()
    _finish_background_jobs(qtbot)
    assert widget.evaluation is None
    assert widget.confusionMatrix.matrix().size == 0
    assert "when training ends" in widget.evaluationSummary.text()


def test_closing_the_view_while_it_evaluates_is_safe(qtbot, digits_classifier_dir: Path) -> None:
    widget = EvaluationView()
    widget.set_run(load_run(digits_classifier_dir))
    widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    _finish_background_jobs(qtbot)  # the report finds no receiver, and nothing raises
