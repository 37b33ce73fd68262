"""A newcomer's photo folder in the window: the Model tab proposes MobileNet (Quick), Train
shows the features pass and the curves, then evaluation, Grad-CAM and classify all work."""

from __future__ import annotations

import urllib.error
from pathlib import Path
from typing import Any

import pytest
from backbone_helpers import write_photo_folder, write_test_weights
from PySide6.QtCore import Qt

from kc_desktop.core.models import pretrained_weights


@pytest.fixture(autouse=True)
def no_torch_home(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TORCH_HOME", raising=False)


def load_photos(window: Any, qtbot, folder: Path) -> None:
    window.data_tab.load_folder(str(folder))
    qtbot.waitUntil(
        lambda: window.model_tab.dataset is not None and window.model_tab.dataset.id == "folder",
        timeout=60_000,
    )


def test_a_photo_folder_trains_quick_on_mobilenet(ready_window: Any, qtbot, tmp_path: Path) -> None:
    window, model, train = ready_window, ready_window.model_tab, ready_window.train_tab
    bar = model.recommendationBar  # the digits: the small CNN, already chosen
    assert "Small CNN" in bar.recommendationLabel.text()
    assert not bar.useRecommendedButton.isEnabled()
    write_test_weights()
    folder = write_photo_folder(tmp_path / "photos", per_class=20)
    load_photos(window, qtbot, folder)
    assert not bar.isHidden() and "MobileNet V3 Small (pretrained), Quick" in (
        bar.recommendationLabel.text()
    )
    qtbot.mouseClick(bar.useRecommendedButton, Qt.MouseButton.LeftButton)
    assert model.model_id == "mobilenet-v3-small" and not model.backboneBox.fine_tune
    assert not model.backboneBox.isHidden() and "found" in model.backboneBox.weightsLabel.text()
    sizes = model.backboneBox.backboneSizeCombo
    sizes.setCurrentIndex(sizes.findData(64))
    model.epochsSpin.setValue(8)
    model.learningRateSpin.setValue(0.003)
    preparing: list[tuple[str, int, int]] = []
    window.session.preparing.connect(lambda *args: preparing.append(args))
    qtbot.mouseClick(train.trainButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_run is not None, timeout=120_000)
    assert preparing[-1][1] == preparing[-1][2] == 40 and "features" in preparing[-1][0]
    assert len(train.lossPlot.series_data("train loss")[0]) > 0
    assert window.current_run.config["fine_tune"] is False
    assert window.current_run.config["input_size"] == 64
    assert window.settings.value("choices/backbone_size", type=int) == 64  # remembered

    evaluation = window.gallery_tab.evaluationView
    qtbot.waitUntil(lambda: evaluation.confusionMatrix.matrix().sum() == 4, timeout=60_000)

    classify = window.classify_tab
    classify.classify_files([str(folder / "sky" / "0.jpg")])
    qtbot.waitUntil(lambda: classify.saliencyPanel.saliencyOverlay.has_saliency(), timeout=30_000)
    assert "Grad-CAM" in classify.saliencyPanel.saliencyExplanation.text()
    assert classify.rows[0].predictions[0][0] == "sky"


def test_missing_weights_offer_a_model_from_scratch(
    ready_window: Any, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def offline(*_args, **_kwargs):
        raise urllib.error.URLError("no network")

    monkeypatch.setattr(pretrained_weights.urllib.request, "urlopen", offline)
    window, model, train = ready_window, ready_window.model_tab, ready_window.train_tab
    load_photos(window, qtbot, write_photo_folder(tmp_path / "photos", per_class=4))
    model.select_model("mobilenet-v3-small")
    assert "mobilenet_v3_small-047dcff4.pth" in model.backboneBox.weightsLabel.text()
    qtbot.mouseClick(train.trainButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Training failed" in train.runSummaryLabel.text(), timeout=30_000)
    text = train.runSummaryLabel.text()
    assert "could not be downloaded" in text and "mobilenet_v3_small-047dcff4.pth" in text
    assert "Traceback" not in text
    qtbot.waitUntil(lambda: train.trainButton.isEnabled(), timeout=10_000)
    assert not model.backboneBox.useScratchButton.isHidden()
    qtbot.mouseClick(model.backboneBox.useScratchButton, Qt.MouseButton.LeftButton)
    assert model.model_id == "folder-cnn" and model.backboneBox.isHidden()
