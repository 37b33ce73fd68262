"""Saliency: Grad-CAM finds the evidence, input gradients and attention are well formed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from helpers import make_trainer, tiny_dataset
from kc_desktop.core.data.dataset import ImageDataset
from kc_desktop.core.inference import LoadedRun, load_run
from kc_desktop.core.insight.saliency import explain, explain_tensor, method_for
from kc_desktop.core.kinds import Task
from kc_desktop.core.models.registry import build_model

CLASSES = 3
BAND = 28 // (CLASSES + 1)  # rows of each class's bright band in tiny_dataset


@pytest.fixture(scope="module")
def bands() -> ImageDataset:
    return tiny_dataset(n=120, classes=CLASSES)


def _train(model: str, dataset: ImageDataset, tmp_path_factory, epochs: int) -> LoadedRun:
    summary = make_trainer(
        tmp_path_factory.mktemp("runs"), dataset, model=model, epochs=epochs, device="cpu"
    ).fit()
    return load_run(summary["run_dir"])


def _band_shares(run: LoadedRun, dataset: ImageDataset) -> np.ndarray:
    """(test images, bands): the share of each image's saliency that falls in each band."""
    shares = []
    for index in dataset.splits["test"].tolist():
        heat = explain_tensor(run, dataset.images[index : index + 1].float() / 255).heatmap
        per_band = [heat[b * BAND : (b + 1) * BAND].sum() for b in range(CLASSES)]
        shares.append(np.array(per_band) / heat.sum())
    return np.array(shares)


@pytest.mark.slow
def test_grad_cam_puts_its_heat_on_the_band_that_decides_the_class(
    bands: ImageDataset, tmp_path_factory: pytest.TempPathFactory
) -> None:
    run = _train("small-cnn", bands, tmp_path_factory, epochs=5)
    labels = bands.labels[bands.splits["test"]].numpy()
    shares = _band_shares(run, bands)
    own = shares[np.arange(len(labels)), labels]
    assert own.mean() > 0.4  # a band is a quarter of the rows: 0.25 would be chance
    for band in range(CLASSES):
        others = shares[labels != band, band].mean()
        assert shares[labels == band, band].mean() > others  # heat follows the class, not the row


def test_grad_cam_heatmap_is_in_unit_range_at_the_input_size(digits_classifier_dir: Path) -> None:
    run = load_run(digits_classifier_dir)
    saliency = explain(run, np.zeros((28, 28), dtype=np.uint8))
    assert saliency.method == "grad-cam"
    assert saliency.heatmap.shape == (28, 28) and saliency.image.shape == (28, 28, 1)
    assert saliency.heatmap.min() >= 0 and saliency.heatmap.max() <= 1
    assert saliency.label == run.classes[saliency.target]


def test_input_gradient_for_the_mlp_marks_pixels_in_unit_range(
    bands: ImageDataset, tmp_path_factory: pytest.TempPathFactory
) -> None:
    run = _train("mlp", bands, tmp_path_factory, epochs=3)
    index = int(bands.splits["test"][0])
    saliency = explain_tensor(run, bands.images[index : index + 1].float() / 255)
    assert saliency.method == "input-gradient"
    assert saliency.heatmap.shape == (28, 28)
    assert saliency.heatmap.max() == pytest.approx(1.0)
    assert saliency.heatmap.min() >= 0
    assert saliency.target == int(bands.labels[index])  # a learnable toy: it gets it right
    assert not any(p.grad is not None for p in run.model.parameters())  # weights untouched


def test_attention_weights_over_rows_sum_to_one(
    bands: ImageDataset, tmp_path_factory: pytest.TempPathFactory
) -> None:
    run = _train("lstm-attention", bands, tmp_path_factory, epochs=1)
    for index in bands.splits["test"][:4].tolist():
        saliency = explain_tensor(run, bands.images[index : index + 1].float() / 255)
        assert saliency.method == "attention"
        assert saliency.row_weights is not None and saliency.row_weights.shape == (28,)
        assert saliency.row_weights.sum() == pytest.approx(1.0, abs=1e-5)
        assert np.all(saliency.row_weights >= 0)
        assert saliency.heatmap.shape == (28, 28) and saliency.heatmap.max() == pytest.approx(1)
        assert np.allclose(
            saliency.heatmap[:, 0], saliency.row_weights / saliency.row_weights.max()
        )


def test_grad_cam_works_for_the_padded_folder_cnn(tmp_path: Path) -> None:
    model = build_model("folder-cnn", channels=3, size=48, num_classes=2).eval()
    config = {"model": "folder-cnn"}
    run = LoadedRun(tmp_path, config, model, Task.CLASSIFY, ["a", "b"], 3, 48, torch.device("cpu"))
    image = torch.Generator().manual_seed(0)
    saliency = explain_tensor(run, torch.rand(1, 3, 48, 48, generator=image), target=1)
    assert saliency.method == "grad-cam" and saliency.target == 1
    assert saliency.heatmap.shape == (48, 48) and saliency.image.shape == (48, 48, 3)
    assert saliency.heatmap.min() >= 0 and saliency.heatmap.max() <= 1


def test_each_model_gets_its_method() -> None:
    assert method_for("small-cnn") == method_for("folder-cnn") == "grad-cam"
    assert method_for("mlp") == "input-gradient"
    assert method_for("lstm-attention") == "attention"


def test_generative_runs_cannot_be_explained(digits_vae_dir: Path) -> None:
    with pytest.raises(ValueError, match="explains classifiers"):
        explain_tensor(load_run(digits_vae_dir), torch.zeros(1, 1, 28, 28))
