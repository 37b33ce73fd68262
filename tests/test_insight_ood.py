"""'I'm not sure': the familiarity test flags few real digits and most foreign images."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
import torch
from ood_helpers import calibrated_copy, shape_images

from kc_desktop.core.inference import classify, load_run
from kc_desktop.core.insight import ood
from kc_desktop.core.runs.layout import OOD_FILE
from kc_desktop.core.studio import dataset_for, resume_config


@pytest.fixture(scope="module")
def calibrated_digits(digits_classifier_dir: Path, tmp_path_factory) -> Path:
    return calibrated_copy(digits_classifier_dir, tmp_path_factory.mktemp("ood"))


def test_few_test_digits_and_most_shapes_are_flagged(calibrated_digits: Path) -> None:
    run = load_run(calibrated_digits)
    assert run.familiarity is not None
    test_images = dataset_for(resume_config(calibrated_digits)).split("test")[0]
    flagged_in = ood.flagged_share(run, test_images)
    flagged_out = ood.flagged_share(run, shape_images())
    assert flagged_in <= 0.05
    assert flagged_out >= 0.80


def test_classify_says_not_sure_about_a_shape_and_sure_about_a_digit(
    calibrated_digits: Path,
) -> None:
    run = load_run(calibrated_digits)
    digits = dataset_for(resume_config(calibrated_digits))
    images = digits.split("test")[0]
    shapes = shape_images(40)
    shape_arrays = [shapes[i].permute(1, 2, 0).numpy() for i in range(len(shapes))]
    digit_arrays = [images[i, 0].numpy() for i in range(40)]
    shape_results = classify(run, shape_arrays)
    digit_results = classify(run, digit_arrays)
    assert sum(p.unsure for p in shape_results) >= 30
    assert sum(p.unsure for p in digit_results) <= 4
    assert all(p.predictions for p in shape_results)  # the scores are still there
    assert shape_results[0].verdict.threshold == pytest.approx(run.familiarity.threshold)


def test_a_run_without_a_test_or_with_a_damaged_one_is_never_unsure(
    digits_classifier_dir: Path, calibrated_digits: Path, tmp_path: Path
) -> None:
    plain = load_run(digits_classifier_dir)
    assert plain.familiarity is None
    assert classify(plain, [np.zeros((28, 28), np.uint8)])[0].verdict is None
    (tmp_path / OOD_FILE).write_bytes(b"\x10\x00\x00\x00\x00\x00\x00\x00{not json at all}")
    assert ood.load(tmp_path) is None
    assert ood.load(calibrated_digits) is not None


def test_build_run_stores_the_test_with_a_classifier_run(tmp_path: Path) -> None:
    from kc_desktop.core.studio import build_run
    from kc_desktop.core.training.config import TrainConfig

    config = TrainConfig(dataset="digits", model="mlp", epochs=1)
    summary = build_run(config, runs_parent=tmp_path).fit()
    assert (Path(summary["run_dir"]) / OOD_FILE).is_file()
    assert load_run(summary["run_dir"]).familiarity is not None


def test_bench_figures_meet_their_goals() -> None:
    from kc_desktop.bench.ood import ood_figures
    from kc_desktop.bench.report import verdicts

    figures, raw = ood_figures(quick=True)
    met = verdicts(figures)
    assert met["ood_flagged_in"]["met"], figures
    assert met["ood_flagged_out"]["met"], figures
    assert raw["test_images"] > 0 and raw["threshold"] is not None


def test_an_older_runs_test_still_works_and_a_foreign_one_is_ignored(
    calibrated_digits: Path, tmp_path: Path
) -> None:
    """A test fitted on the output layer's inputs alone (before the pooled blocks) still
    judges; one of another width is dropped, and the run classifies without it."""
    fitted = load_run(calibrated_digits)
    assert fitted.familiarity is not None
    head = ood.head_layer(fitted.model, len(fitted.classes)).in_features
    assert fitted.familiarity.means.shape[1] > head  # the pooled blocks are measured too
    for width, kept in ((head, True), (head + 3, False)):
        copy = tmp_path / f"width{width}"
        shutil.copytree(calibrated_digits, copy)
        means = torch.zeros(len(fitted.classes), width)
        ood.save(copy, ood.Familiarity(means, torch.eye(width), threshold=-5.0))
        run = load_run(copy)
        assert (run.familiarity is not None) == kept
        (result,) = classify(run, [np.zeros((28, 28), np.uint8)])
        assert result.predictions and (result.verdict is not None) == kept
