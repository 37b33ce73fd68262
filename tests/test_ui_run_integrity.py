"""What a run records is what it trained on, and every view scores it on that same split."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt

from kc_desktop.core.data import remote
from kc_desktop.ui.main_window import MainWindow


def _train(window: MainWindow, qtbot, epochs: int = 1) -> dict:
    window.model_tab.epochsSpin.setValue(epochs)
    with qtbot.waitSignal(window.session.finished, timeout=120_000) as finished:
        qtbot.mouseClick(window.train_tab.trainButton, Qt.MouseButton.LeftButton)
    return finished.args[0]


def test_evaluation_scores_a_seed_7_run_on_its_own_test_split(
    ready_window: MainWindow, qtbot
) -> None:
    window = ready_window
    window.model_tab.seedSpin.setValue(7)
    view = window.gallery_tab.evaluationView
    with qtbot.waitSignal(view.evaluation_finished, timeout=120_000):
        summary = _train(window, qtbot)
    config = json.loads((Path(summary["run_dir"]) / "config.json").read_text())
    assert (config["seed"], config["val_fraction"], config["test_fraction"]) == (7, 0.1, 0.1)
    matrix = view.confusionMatrix.matrix()
    assert matrix.sum() == 180
    assert np.trace(matrix) / matrix.sum() == pytest.approx(summary["test_accuracy"])


def test_a_failed_dataset_choice_is_neither_shown_nor_recorded(
    ready_window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_network(*args, **kwargs):
        raise OSError("Temporary failure in name resolution")

    monkeypatch.setattr(remote, "fetch", no_network)
    window, data = ready_window, ready_window.data_tab
    index = data.datasetCombo.findData("mnist")
    data.datasetCombo.setCurrentIndex(index)
    data.datasetCombo.activated.emit(index)
    qtbot.waitUntil(lambda: data.errorPanel.isVisible(), timeout=30_000)
    assert data.datasetCombo.currentData() == "digits"
    window.model_tab.select_model("mlp")
    summary = _train(window, qtbot)
    config = json.loads((Path(summary["run_dir"]) / "config.json").read_text())
    assert summary["dataset"] == config["dataset"] == "digits"


def test_a_loaded_folder_shows_in_the_dataset_combo(
    ready_window: MainWindow, qtbot, tmp_path: Path
) -> None:
    from PIL import Image

    for label, value in (("dark", 30), ("light", 220)):
        (tmp_path / label).mkdir()
        for k in range(6):
            Image.new("L", (12, 12), value + k).save(tmp_path / label / f"{k}.png")
    data = ready_window.data_tab
    with qtbot.waitSignal(data.dataset_changed, timeout=60_000):
        data.load_folder(str(tmp_path))
    assert data.datasetCombo.currentData() == "folder"
    assert tmp_path.name in data.datasetCombo.currentText()
    assert data.dataset_id == "folder" and data.folder == str(tmp_path)
    with qtbot.waitSignal(data.dataset_changed, timeout=60_000):
        data.select_dataset("digits")
    assert data.datasetCombo.findData("folder") < 0 and data.folder is None
