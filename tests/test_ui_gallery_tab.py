"""Gallery tab: epoch history, classifier explanation, interpolation, saving."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from helpers import train_digits_run
from kc_desktop.core.inference import LoadedRun, load_run
from kc_desktop.ui.gallery.gallery_tab import GalleryTab
from kc_desktop.ui.images import qimage_to_array


@pytest.fixture(scope="module")
def vae_dir(digits_vae_dir: Path) -> Path:
    return digits_vae_dir


@pytest.fixture(scope="module")
def classifier_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return train_digits_run(tmp_path_factory, model="mlp", epochs=1)


@pytest.fixture
def vae(vae_dir: Path) -> LoadedRun:
    return load_run(vae_dir)


@pytest.fixture
def tab(qtbot) -> GalleryTab:
    widget = GalleryTab()
    qtbot.addWidget(widget)
    widget.resize(1100, 750)
    widget.show()
    return widget


def _info(task: str, run_dir: str = "/nowhere/run") -> dict:
    return {
        "run_dir": run_dir,
        "task": task,
        "epochs": 5,
        "config": {"model": task, "dataset_name": "Handwritten digits"},
    }


def _grid(value: int, size: int = 62) -> np.ndarray:
    """A distinct uint8 (H, W, 3) grid per epoch: a flat colour with a bright corner."""
    grid = np.full((size, size, 3), value, dtype=np.uint8)
    grid[:10, :10] = 255 - value
    return grid


def _shown(widget) -> np.ndarray:
    """What an ImageGrid shows, scaled back to the grid's 62 x 62 pixels."""
    image = widget.current_pixmap().toImage().scaled(62, 62)
    return qimage_to_array(image, mode="RGB").astype(int)


def test_placeholder_before_any_run(tab: GalleryTab) -> None:
    assert tab.galleryPages.currentIndex() == 0
    assert "Nothing to show yet" in tab.galleryMessage.text()
    assert tab.current_grid() is None


def test_slider_steps_back_to_earlier_epochs(tab: GalleryTab) -> None:
    tab.on_run_started(_info("vae"))
    assert tab.galleryPages.currentIndex() == 1
    grids = {epoch: _grid(40 * epoch) for epoch in (1, 2, 3)}
    for epoch, grid in grids.items():
        tab.add_images(epoch, "samples", grid)
    slider = tab.galleryEpochSlider
    assert slider.value() == slider.maximum() == 2
    assert tab.current_epoch() == 3
    assert np.abs(_shown(tab.galleryGrid) - grids[3]).mean() < 3

    slider.setValue(0)
    assert tab.current_epoch() == 1
    assert "Epoch 1 of 3" in tab.galleryEpochLabel.text()
    assert np.abs(_shown(tab.galleryGrid) - grids[1]).mean() < 3
    assert np.array_equal(tab.current_grid(), grids[1])

    tab.add_images(4, "samples", _grid(200))
    assert tab.current_epoch() == 1, "the slider stays where the user moved it"
    slider.setValue(slider.maximum())
    tab.add_images(5, "samples", _grid(220))
    assert tab.current_epoch() == 5, "back at the newest, the slider follows again"


def test_reconstructions_show_with_their_caption(tab: GalleryTab) -> None:
    tab.on_run_started(_info("reconstruct"))
    recon = _grid(90)
    tab.add_images(1, "reconstructions", recon)
    assert tab.reconstructionGrid.isVisible() and not tab.samplesGroup.isVisible()
    assert tab.reconstructionCaption.text() == "top: real images, bottom: reconstructions"
    assert np.abs(_shown(tab.reconstructionGrid) - recon).mean() < 3
    assert np.array_equal(tab.current_grid(), recon)
    assert not tab.interpolateButton.isEnabled()


def test_classifier_runs_show_their_evaluation(
    qtbot, tab: GalleryTab, classifier_dir: Path
) -> None:
    tab.on_run_started(_info("classify"))
    assert tab.galleryPages.currentWidget() is tab.evaluationView
    assert "when training ends" in tab.evaluationView.evaluationSummary.text()
    assert tab.evaluationView.confusionMatrix.matrix().size == 0

    with qtbot.waitSignal(tab.evaluationView.evaluation_finished, timeout=60_000):
        tab.set_run(load_run(classifier_dir))
    assert tab.galleryPages.currentWidget() is tab.evaluationView
    assert tab.evaluationView.confusionMatrix.matrix().sum() == 180  # the digits test split
    assert not tab.interpolateButton.isEnabled()


def test_interpolation_needs_a_saved_run_then_shows_ten_images(
    tab: GalleryTab, vae: LoadedRun, qtbot
) -> None:
    tab.on_run_started(_info("vae", str(vae.path)))
    assert not tab.interpolateButton.isEnabled()
    assert "saved" in tab.interpolateButton.toolTip()

    tab.set_run(vae)
    assert tab.interpolateButton.isEnabled()
    tab.interpolateButton.click()
    assert not tab.interpolateButton.isEnabled()  # decoding off the GUI thread
    qtbot.waitUntil(lambda: tab.interpolation is not None, timeout=10_000)
    assert tab.interpolateButton.isEnabled()
    first = tab.interpolation
    assert first is not None and first.dtype == np.uint8
    side, padding = vae.size, 2
    assert first.shape[1] == 10 * (side + padding) + padding
    assert first.shape[0] == side + 2 * padding
    assert tab.interpolationGrid.current_pixmap() is not None
    tab.interpolateButton.click()
    qtbot.waitUntil(lambda: tab.interpolation is not first, timeout=10_000)
    assert not np.array_equal(first, tab.interpolation), "each click shows a new pair"


def test_a_saved_run_brings_its_epoch_grids(tab: GalleryTab, vae: LoadedRun) -> None:
    tab.set_run(vae)
    assert tab.epochs() == [1]
    assert tab.grids["samples"][1].ndim == 3
    assert 1 in tab.grids["reconstructions"]
    assert tab.galleryPages.currentIndex() == 1


def test_save_button_writes_the_displayed_grid(tab: GalleryTab, qtbot, tmp_path: Path) -> None:
    tab.on_run_started(_info("gan"))
    for epoch in (1, 2):
        tab.add_images(epoch, "samples", _grid(60 * epoch))
    tab.galleryEpochSlider.setValue(0)
    target = tmp_path / "gallery"
    tab.choose_save_path = lambda suggested: str(target)
    with qtbot.waitSignal(tab.status_message, timeout=2000) as blocker:
        tab.saveGalleryButton.click()
    saved = tmp_path / "gallery.png"
    assert "saved" in blocker.args[0] and saved.exists()
    assert np.array_equal(np.asarray(Image.open(saved).convert("RGB")), _grid(60))


def test_a_failing_save_gives_a_readable_message(tab: GalleryTab, qtbot, tmp_path: Path) -> None:
    tab.on_run_started(_info("gan"))
    tab.add_images(1, "samples", _grid(60))
    blocker_file = tmp_path / "a-file"
    blocker_file.write_text("not a folder")
    folder = tmp_path / "folder.png"
    folder.mkdir()
    for bad in (tmp_path / "missing" / "x.png", blocker_file / "x.png", folder):
        with qtbot.waitSignal(tab.status_message, timeout=2000) as blocker:
            assert tab.save_current(str(bad)) is False
        message = blocker.args[0]
        assert message.startswith("Could not save the image")
        assert "Traceback" not in message and "\n" not in message
