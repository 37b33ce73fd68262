"""Classify tab saliency: the overlay explains the newest or clicked answer; opacity is live."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import Qt

from helpers import make_trainer, tiny_dataset
from kc_desktop.core.data.registry import load_dataset
from kc_desktop.core.inference import load_run
from kc_desktop.ui.classify.classify_tab import ClassifyTab
from kc_desktop.ui.classify.saliency_panel import RED_MEANS
from kc_desktop.ui.images import qimage_to_array


@pytest.fixture
def tab(qtbot) -> ClassifyTab:
    widget = ClassifyTab()
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    return widget


@pytest.fixture(scope="module")
def digit_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    dataset = load_dataset("digits")
    folder = tmp_path_factory.mktemp("digits")
    paths = []
    for k, index in enumerate(dataset.splits["test"][:3].tolist()):
        path = folder / f"digit_{k}.png"
        Image.fromarray(dataset.images[index, 0].numpy()).save(path)
        paths.append(path)
    return paths


def _redness(tab: ClassifyTab) -> float:
    """Mean (red - green) of the overlay's image area as drawn on screen (0 for grey)."""
    overlay = tab.saliencyPanel.saliencyOverlay
    shown = qimage_to_array(overlay.grab(overlay.image_rect()).toImage(), mode="RGB")
    return float((shown[..., 0].astype(int) - shown[..., 1].astype(int)).mean())


def test_the_newest_classified_file_is_explained_over_its_image(
    qtbot, tab: ClassifyTab, digits_classifier_dir: Path, digit_files: list[Path]
) -> None:
    tab.set_run(load_run(digits_classifier_dir))
    assert not tab.saliencyPanel.saliencyOverlay.has_saliency()
    tab.classify_files([str(p) for p in digit_files])
    qtbot.waitUntil(lambda: not tab.is_busy(), timeout=10_000)
    overlay = tab.findChild(type(tab.saliencyPanel.saliencyOverlay), "saliencyOverlay")
    assert overlay is tab.saliencyPanel.saliencyOverlay and overlay.has_saliency()
    top_label = tab.rows[0].predictions[0][0]
    caption = tab.saliencyPanel.saliencyCaption.text()
    assert caption.startswith("digit_0.png") and f"<b>{top_label}</b>" in caption
    assert RED_MEANS in tab.saliencyPanel.saliencyExplanation.text()
    assert "Grad-CAM" in tab.saliencyPanel.saliencyExplanation.text()
    assert not overlay.has_attention_bars()


def test_opacity_follows_the_slider_on_screen(
    qtbot, tab: ClassifyTab, digits_classifier_dir: Path, digit_files: list[Path]
) -> None:
    tab.set_run(load_run(digits_classifier_dir))
    tab.classify_files([str(digit_files[0])])
    qtbot.waitUntil(lambda: not tab.is_busy(), timeout=10_000)
    slider = tab.findChild(type(tab.saliencyPanel.saliencyOpacitySlider), "saliencyOpacitySlider")
    slider.setValue(0)
    assert tab.saliencyPanel.saliencyOverlay.opacity() == 0
    assert abs(_redness(tab)) < 1  # a grey digit: no red at all
    slider.setValue(40)
    assert tab.saliencyPanel.saliencyOverlay.opacity() == pytest.approx(0.4)
    partly = _redness(tab)
    slider.setValue(100)
    assert tab.saliencyPanel.saliencyOverlay.opacity() == 1
    assert _redness(tab) > partly > 5


def test_clicking_a_result_row_explains_that_row(
    qtbot, tab: ClassifyTab, digits_classifier_dir: Path, digit_files: list[Path]
) -> None:
    tab.set_run(load_run(digits_classifier_dir))
    tab.classify_files([str(p) for p in digit_files])
    qtbot.waitUntil(lambda: not tab.is_busy(), timeout=10_000)
    row = next(r for r in tab.rows if r.predictionName.text() == "digit_2.png")
    qtbot.mouseClick(row, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.is_busy(), timeout=10_000)
    caption = tab.saliencyPanel.saliencyCaption.text()
    assert caption.startswith("digit_2.png") and f"<b>{row.predictions[0][0]}</b>" in caption


def test_a_drawing_is_explained_live(qtbot, tab: ClassifyTab, digits_classifier_dir: Path) -> None:
    tab.set_run(load_run(digits_classifier_dir))
    drawing = np.zeros((200, 200), dtype=np.uint8)
    drawing[30:170, 90:110] = 255
    tab.drawCanvas.drawn.emit(drawing)
    qtbot.waitUntil(lambda: tab.saliencyPanel.saliencyOverlay.has_saliency(), timeout=3000)
    assert tab.saliencyPanel.saliencyCaption.text().startswith("your drawing")


def test_lstm_attention_shows_bars_beside_the_rows(
    qtbot, tab: ClassifyTab, tmp_path_factory: pytest.TempPathFactory
) -> None:
    dataset = tiny_dataset(n=60, classes=3)
    summary = make_trainer(
        tmp_path_factory.mktemp("runs"), dataset, model="lstm-attention", epochs=1, device="cpu"
    ).fit()
    tab.set_run(load_run(summary["run_dir"]))
    tab.classify_image(dataset.images[0, 0].numpy())
    qtbot.waitUntil(lambda: not tab.is_busy(), timeout=10_000)
    overlay = tab.saliencyPanel.saliencyOverlay
    assert overlay.has_saliency() and overlay.has_attention_bars()
    assert "row by row" in tab.saliencyPanel.saliencyExplanation.text()
    bars = overlay.grab().toImage()
    right = overlay.image_rect().right() + 10
    column = qimage_to_array(bars.copy(right, 0, 1, bars.height()), mode="RGB")[:, 0]
    red_rows = (column[:, 0] > 150) & (column[:, 1] < 80)
    assert red_rows.sum() > overlay.image_rect().height() // 28  # at least one row's bar


def test_no_run_or_a_generative_run_shows_why_there_is_nothing(
    qtbot, tab: ClassifyTab, digits_vae_dir: Path
) -> None:
    assert not tab.saliencyPanel.saliencyOverlay.has_saliency()
    tab.set_run(load_run(digits_vae_dir))
    assert not tab.saliencyPanel.saliencyOverlay.has_saliency()
    tab.explain(np.zeros((28, 28), dtype=np.uint8), "blank")
    assert not tab.is_busy()  # nothing was started for a run that cannot classify
    assert not tab.saliencyPanel.saliencyOverlay.has_saliency()
