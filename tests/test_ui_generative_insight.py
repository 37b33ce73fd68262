"""Gallery tab, generative insight: quality plot, latent traversal, nearest training image."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from PySide6.QtWidgets import QWidget
from quality_helpers import install_feature_net

from kc_desktop.core.data.registry import load_dataset
from kc_desktop.core.inference import LoadedRun, load_run
from kc_desktop.core.insight.latent import base_point, decode_traversal
from kc_desktop.core.insight.nearest import nearest_neighbours
from kc_desktop.core.runs.layout import RunDirectory
from kc_desktop.ui.gallery.gallery_tab import GalleryTab
from kc_desktop.ui.gallery.quality_panel import DISTANCE, REAL
from kc_desktop.ui.images import qimage_to_array
from kc_desktop.ui.main_window import MainWindow
from kc_desktop.ui.model.model_tab import ModelTab

NAMES = (
    "qualityPlot",
    "latentDimSpin",
    "latentValueSlider",
    "traversalImage",
    "nearestGrid",
    "nearestButton",
    "scoreSamplesCheck",
)


@pytest.fixture
def tab(qtbot) -> GalleryTab:
    widget = GalleryTab()
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    return widget


@pytest.fixture
def vae(digits_scored_vae_dir: Path) -> LoadedRun:
    return load_run(digits_scored_vae_dir)


def _pixels(widget) -> np.ndarray:
    return qimage_to_array(widget.current_pixmap().toImage(), mode="RGB").astype(int)


def test_saved_run_plots_its_scores_and_the_slider_picks_the_epoch(
    tab: GalleryTab, vae: LoadedRun
) -> None:
    records = [r for r in RunDirectory(vae.path).read_metrics() if r["kind"] == "epoch"]
    tab.set_run(vae)
    assert tab.qualityPanel.isVisible()
    xs, ys = tab.qualityPlot.series_data(DISTANCE)
    assert xs.tolist() == [1, 2, 3]
    assert ys.tolist() == pytest.approx([r["frechet_distance"] for r in records])
    real_floor = tab.qualityPlot.series_data(REAL)[1]
    assert len(real_floor) == 3 and real_floor.max() < ys.min()  # real images score best
    assert "Epoch 3" in tab.qualityPanel.qualityLabel.text()
    assert "of 10 classes" in tab.qualityPanel.qualityLabel.text()
    tab.galleryEpochSlider.setValue(0)
    label = tab.qualityPanel.qualityLabel.text()
    assert "Epoch 1" in label and f"{records[0]['frechet_distance']:.1f}" in label


def test_live_epochs_add_one_point_each_and_a_new_run_clears_them(tab: GalleryTab) -> None:
    info = {"run_dir": "/nowhere", "task": "gan", "classes": list("0123456789"), "config": {}}
    tab.on_run_started(info)
    for epoch, distance in ((1, 300.0), (2, 120.0)):
        tab.on_epoch_ended({"epoch": epoch, "loss": 1.0, "frechet_distance": distance})
        assert len(tab.qualityPlot.series_data(DISTANCE)[0]) == epoch
    tab.on_epoch_ended({"epoch": 3, "loss": 1.0})  # scoring switched off: no point
    assert tab.qualityPlot.series_data(DISTANCE)[1].tolist() == [300.0, 120.0]
    tab.on_run_started(info)
    assert len(tab.qualityPlot.series_data(DISTANCE)[0]) == 0


def test_latent_traversal_follows_the_slider_only_for_dimensions_in_use(
    tab: GalleryTab, vae: LoadedRun, qtbot
) -> None:
    tab.set_run(vae)
    traversal = tab.latentTraversal
    assert traversal.latentDimSpin.maximum() == vae.latent_dim - 1

    def image_at(value: int) -> np.ndarray:
        traversal.latentValueSlider.setValue(value)
        qtbot.waitUntil(lambda: not traversal.is_decoding(), timeout=10_000)
        return _pixels(traversal.traversalImage)

    changes = []
    for dim in range(vae.latent_dim):
        traversal.latentDimSpin.setValue(dim)
        low = image_at(-20)
        changes.append(np.abs(image_at(20) - low).mean())
    assert max(changes) > 5  # some latent numbers really steer the picture

    unused = int(np.argmax(changes))
    with torch.no_grad():  # cut the decoder off from that number: it is now unused
        vae.model.decoder[0].weight[:, unused] = 0
    traversal.latentDimSpin.setValue(unused)
    low = image_at(-20)
    assert np.array_equal(image_at(20), low)
    assert traversal.latentValueLabel.text() == "+2.0"

    traversal.latentDimSpin.setValue(0)
    for value in (-30, -10, 5, 25, 12):  # a quick drag: only the last position matters
        traversal.latentValueSlider.setValue(value)
    qtbot.waitUntil(lambda: not traversal.is_decoding(), timeout=10_000)
    expected = decode_traversal(vae, base_point(vae), 0, 1.2)
    shown = _pixels(traversal.traversalImage)
    assert np.array_equal(shown, np.broadcast_to(expected, shown.shape))


def test_latent_traversal_is_for_vae_runs_only(tab: GalleryTab, digits_classifier_dir) -> None:
    tab.set_run(load_run(digits_classifier_dir))
    assert not tab.latentTraversal.latentValueSlider.isEnabled()
    assert not tab.nearestPanel.nearestButton.isEnabled()


def test_a_training_image_is_its_own_nearest_at_distance_zero() -> None:
    train, _ = load_dataset("digits").split("train")
    picks = torch.tensor([0, 7, 500, len(train) - 1])
    indices, distances = nearest_neighbours(train[picks], train)
    assert torch.equal(indices, picks)
    assert distances.tolist() == [0.0] * 4
    shifted = torch.roll(train[picks], shifts=2, dims=-1)
    assert (nearest_neighbours(shifted, train)[1] > 0).all()


def test_nearest_grid_shows_each_sample_beside_its_nearest_training_image(
    tab: GalleryTab, vae: LoadedRun, qtbot
) -> None:
    tab.set_run(vae)
    panel = tab.nearestPanel
    assert panel.nearestButton.isEnabled()
    panel.nearestButton.click()
    qtbot.waitUntil(lambda: panel.report is not None, timeout=60_000)
    report = panel.report
    assert panel.nearestGrid.image_count() == 16
    assert all(
        c.split("d ")[1].startswith(f"{d:.2f}")
        for c, d in zip(panel.nearestGrid.captions(), report.distances, strict=True)
    )
    train, _ = load_dataset("digits").split("train")
    flat = train.float().div(255).flatten(1)
    first = torch.from_numpy(report.samples[0]).permute(2, 0, 1).float().div(255).flatten()
    # the shown neighbour really is the closest training image (to rounding of the sample)
    best = (flat - first).norm(dim=1).min().item()
    assert report.distances[0] == pytest.approx(best, abs=0.05)
    assert report.held_out_median > 0
    assert "median d" in panel.nearestHint.text()


def test_score_checkbox_applies_to_generative_models(qtbot) -> None:
    model_tab = ModelTab()
    qtbot.addWidget(model_tab)
    model_tab.select_model("dcgan")
    assert model_tab.scoreSamplesCheck.isEnabled()
    digits = load_dataset("digits")
    assert model_tab.config(digits).score_samples
    model_tab.scoreSamplesCheck.setChecked(False)
    assert not model_tab.config(digits).score_samples
    model_tab.select_model("small-cnn")
    assert not model_tab.scoreSamplesCheck.isEnabled()


def test_window_vae_run_plots_one_quality_point_per_epoch(
    ready_window: MainWindow, qtbot, digits_feature_net_dir: Path
) -> None:
    window = ready_window
    for name in NAMES:
        assert window.findChild(QWidget, name) is not None, name
    install_feature_net(digits_feature_net_dir)
    window.model_tab.select_model("vae")
    window.model_tab.epochsSpin.setValue(2)
    with qtbot.waitSignal(window.session.finished, timeout=120_000) as finished:
        window.start_training()
    plot = window.gallery_tab.qualityPlot
    xs, ys = plot.series_data(DISTANCE)
    assert xs.tolist() == [1.0, 2.0]
    records = RunDirectory(Path(finished.args[0]["run_dir"])).read_metrics()
    logged = [r["frechet_distance"] for r in records if r["kind"] == "epoch"]
    assert ys.tolist() == pytest.approx(logged)
    qtbot.waitUntil(lambda: window.gallery_tab.latentTraversal.latentValueSlider.isEnabled())
