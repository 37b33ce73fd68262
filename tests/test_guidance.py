"""Plain words for runs: names, epoch sentences, verdicts, model sizes (Qt-free)."""

from __future__ import annotations

from kc_desktop.core.guidance import (
    model_in_words,
    model_name,
    plain_number,
    run_title,
    verdict,
)


def test_one_name_per_model_and_a_title_without_folder_names() -> None:
    assert model_name("folder-cnn") == "Photo CNN (4 conv blocks)"
    assert model_name("no-such-model") == "no-such-model"
    config = {"model": "small-cnn", "dataset": "digits", "dataset_name": "Handwritten digits"}
    assert run_title(config) == "Small CNN (28x28) on Handwritten digits"


def test_verdicts_speak_plainly_for_each_outcome() -> None:
    good = verdict("classify", {"status": "completed", "test_accuracy": 0.934})
    assert good.startswith("It works") and "93 of 100" in good
    assert verdict("classify", {"status": "completed", "test_accuracy": 0.4}).startswith("Not yet")
    assert "draws new images" in verdict("vae", {"status": "completed"})
    failed = verdict("classify", {"status": "diverged", "reason": "The loss became NaN."})
    assert "The loss became NaN." in failed and "press Train again" in failed


def test_models_are_described_by_what_their_layers_do() -> None:
    kinds = ["Conv2d", "ReLU", "Conv2d", "Linear", "Linear"]
    assert model_in_words(kinds, 844_123) == (
        "2 pattern-finding layers, 2 decision layers, 844,000 numbers to learn"
    )
    assert model_in_words(["ConvTranspose2d", "Linear"], 1_650_000).startswith(
        "1 image-drawing layer, 1 decision layer, 1.6 million"
    )
    assert plain_number(950) == "950"
