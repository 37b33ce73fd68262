"""A drawing is prepared as the training digits were made: crop, scale into a box, centre by
mass, pad — wherever on the canvas it was drawn."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from drawing_helpers import seven

from kc_desktop.core.drawing import MNIST_BOX, SIDE, like_mnist, prepare_drawing
from kc_desktop.core.inference import classify, load_run


def _centre_of_mass(image: np.ndarray) -> tuple[float, float]:
    weights = image.astype(np.float64)
    rows, cols = np.indices(image.shape)
    return float((rows * weights).sum() / weights.sum()), float(
        (cols * weights).sum() / weights.sum()
    )


def test_mnist_recipe_fits_the_strokes_in_20x20_centred_by_mass() -> None:
    prepared = like_mnist(seven((150, 160, 230, 270)))  # small, in a corner
    assert prepared.shape == (SIDE, SIDE) and prepared.dtype == np.uint8
    ink = np.argwhere(prepared > 32)
    height, width = ink.max(axis=0) - ink.min(axis=0) + 1
    assert max(height, width) in (MNIST_BOX - 1, MNIST_BOX, MNIST_BOX + 1)
    centre = _centre_of_mass(prepared)
    assert abs(centre[0] - SIDE / 2) <= 1.0 and abs(centre[1] - SIDE / 2) <= 1.0


def test_where_it_was_drawn_does_not_matter() -> None:
    for dataset in ("mnist", "digits"):
        top_left = prepare_drawing(seven((20, 20, 90, 110)), dataset)
        bottom_right = prepare_drawing(seven((180, 160, 250, 250)), dataset)
        assert np.array_equal(top_left, bottom_right)


def test_every_greyscale_dataset_gets_the_recipe_and_colour_data_the_canvas() -> None:
    drawing = seven((20, 20, 90, 110))
    assert np.array_equal(prepare_drawing(drawing, "folder"), like_mnist(drawing))
    assert np.array_equal(prepare_drawing(drawing, "fashion-mnist"), like_mnist(drawing))
    assert prepare_drawing(drawing, "digits").shape == (SIDE, SIDE)
    assert np.array_equal(prepare_drawing(drawing, "shapes"), drawing)
    assert np.array_equal(prepare_drawing(drawing, "folder", channels=3), drawing)


def test_a_blank_canvas_stays_blank() -> None:
    blank = np.zeros((280, 280), dtype=np.uint8)
    for dataset in ("digits", "mnist", "folder"):
        assert not prepare_drawing(blank, dataset).any()


@pytest.mark.parametrize(
    "box", [(20, 15, 262, 265), (30, 30, 100, 120)], ids=["across the canvas", "small corner"]
)
def test_a_drawn_seven_reads_as_seven_with_a_digits_model(
    digits_classifier_dir: Path, box: tuple[int, int, int, int]
) -> None:
    run = load_run(digits_classifier_dir)
    prepared = prepare_drawing(seven(box), "digits")
    (prediction,) = classify(run, [prepared])
    assert prediction.predictions[0][0] == "7"
