"""Test-split evaluation of a trained classifier: the matrix, the scores and the mistakes."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import precision_recall_fscore_support

from helpers import make_trainer, tiny_dataset
from kc_desktop.core.data.registry import load_dataset
from kc_desktop.core.inference import load_run
from kc_desktop.core.insight.evaluation import Evaluation, evaluate_run, evaluate_saved_run


@pytest.fixture(scope="module")
def evaluation(digits_classifier_dir: Path) -> Evaluation:
    return evaluate_run(load_run(digits_classifier_dir))


def test_matrix_covers_the_test_split_and_matches_the_reported_accuracy(
    evaluation: Evaluation, digits_classifier_dir: Path
) -> None:
    summary = json.loads((digits_classifier_dir / "summary.json").read_text())
    digits = load_dataset("digits")
    matrix = evaluation.confusion()
    assert matrix.shape == (10, 10)
    assert matrix.sum() == digits.splits["test"].numel() == evaluation.total
    assert matrix.sum(axis=1).tolist() == digits.class_counts("test")
    assert np.trace(matrix) / matrix.sum() == pytest.approx(summary["test_accuracy"], abs=1e-12)
    assert 0.5 < evaluation.accuracy < 1.0  # a 2-epoch model: good, with some mistakes to show


def test_images_are_the_test_images_in_split_order(evaluation: Evaluation) -> None:
    digits = load_dataset("digits")
    test = digits.splits["test"]
    assert evaluation.images.shape == (test.numel(), 28, 28, 1)
    assert np.array_equal(evaluation.images[..., 0], digits.images[test, 0].numpy())
    assert np.array_equal(evaluation.labels, digits.labels[test].numpy())


def test_per_class_scores_agree_with_an_independent_implementation(
    evaluation: Evaluation,
) -> None:
    precision, recall, f1, support = precision_recall_fscore_support(
        evaluation.labels, evaluation.predictions, labels=list(range(10)), zero_division=0
    )
    rows = evaluation.class_metrics()
    assert [row.name for row in rows] == [str(d) for d in range(10)]
    assert np.allclose([row.precision for row in rows], precision)
    assert np.allclose([row.recall for row in rows], recall)
    assert np.allclose([row.f1 for row in rows], f1)
    assert [row.support for row in rows] == support.tolist()


def test_misclassified_are_the_off_diagonal_images_sorted_by_confidence(
    evaluation: Evaluation,
) -> None:
    matrix = evaluation.confusion()
    wrong = evaluation.misclassified()
    assert len(wrong) == matrix.sum() - np.trace(matrix) > 0
    assert np.all(evaluation.labels[wrong] != evaluation.predictions[wrong])
    confidences = evaluation.confidences[wrong]
    assert np.all(np.diff(confidences) <= 0)
    least_first = evaluation.misclassified(most_confident_first=False)
    assert np.all(np.diff(evaluation.confidences[least_first]) >= 0)
    assert sorted(least_first.tolist()) == sorted(wrong.tolist())
    assert np.all((confidences > 0) & (confidences <= 1))


def test_each_cell_lists_exactly_its_images(evaluation: Evaluation) -> None:
    matrix = evaluation.confusion()
    for true_class, predicted_class in np.ndindex(*matrix.shape):
        cell = evaluation.cell_indices(true_class, predicted_class)
        assert len(cell) == matrix[true_class, predicted_class]
        assert np.all(evaluation.labels[cell] == true_class)
        assert np.all(evaluation.predictions[cell] == predicted_class)


def test_a_saved_run_is_evaluated_from_its_folder_alone(
    evaluation: Evaluation, digits_classifier_dir: Path
) -> None:
    again = evaluate_saved_run(digits_classifier_dir)
    assert np.array_equal(again.confusion(), evaluation.confusion())
    assert np.allclose(again.confidences, evaluation.confidences)


def test_progress_counts_every_test_image(digits_classifier_dir: Path) -> None:
    reports: list[tuple[int, int]] = []
    evaluate_run(
        load_run(digits_classifier_dir), progress=lambda done, total: reports.append((done, total))
    )
    assert reports[-1] == (180, 180)
    assert [done for done, _ in reports] == sorted(done for done, _ in reports)


def test_other_data_or_a_generative_run_gives_a_plain_error(
    digits_classifier_dir: Path, digits_vae_dir: Path
) -> None:
    with pytest.raises(ValueError, match="data has changed"):
        evaluate_run(load_run(digits_classifier_dir), dataset=tiny_dataset(classes=10))
    with pytest.raises(ValueError, match="Only classifier runs"):
        evaluate_run(load_run(digits_vae_dir))


@pytest.mark.slow
def test_resized_colour_images_reproduce_the_reported_accuracy(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Shapes are 32x32 colour; the small CNN takes 28x28, so the split must be resized alike."""
    summary = make_trainer(
        tmp_path_factory.mktemp("runs"), "shapes", model="small-cnn", epochs=1, device="cpu"
    ).fit()
    evaluation = evaluate_saved_run(summary["run_dir"])
    assert evaluation.images.shape[1:] == (28, 28, 3)
    assert evaluation.total == load_dataset("shapes").splits["test"].numel()
    assert evaluation.accuracy == pytest.approx(summary["test_accuracy"], abs=1e-12)
