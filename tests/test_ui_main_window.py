"""The whole window as a user drives it: digits + small-cnn, train, pause, stop, close."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from PIL import Image
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget

from helpers import drag_enter, drop
from kc_desktop.core.data import remote
from kc_desktop.core.runs.layout import RunDirectory
from kc_desktop.ui.main_window import MainWindow

REQUIRED_NAMES = (
    "MainWindow",
    "mainTabs",
    "datasetCombo",
    "openFolderButton",
    "datasetPreview",
    "classHistogram",
    "datasetInfoLabel",
    "modelCombo",
    "epochsSpin",
    "batchSizeSpin",
    "learningRateSpin",
    "optimizerCombo",
    "betaSpin",
    "deviceCombo",
    "modelSummary",
    "trainButton",
    "pauseButton",
    "stopButton",
    "trainProgress",
    "lossPlot",
    "metricPlot",
    "devicePlot",
    "logView",
    "galleryGrid",
    "galleryEpochSlider",
    "interpolateButton",
    "saveGalleryButton",
    "dropArea",
    "drawCanvas",
    "openRunButton",
)


@pytest.fixture
def window(ready_window: MainWindow) -> MainWindow:
    return ready_window


def _find(window: MainWindow, name: str) -> QWidget:
    widget = window if name == "MainWindow" else window.findChild(QWidget, name)
    assert widget is not None, f"no widget named {name}"
    return widget


def test_window_opens_ready_to_train_on_digits(window: MainWindow) -> None:
    for name in REQUIRED_NAMES:
        _find(window, name)
    tabs = window.mainTabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Data",
        "Model",
        "Train",
        "Gallery",
        "Classify",
    ]
    assert window.data_tab.datasetCombo.currentData() == "digits"
    assert window.model_tab.modelCombo.currentData() == "small-cnn"
    assert len(window.data_tab.dataset.labels) == 1797
    assert "1,797 images" in window.data_tab.datasetInfoLabel.text()
    assert "Total parameters" in window.model_tab.modelSummary.toPlainText()
    assert window.deviceLabel.text().startswith("CPU")
    assert window.train_tab.trainButton.isEnabled()
    assert not window.train_tab.pauseButton.isEnabled()


def test_train_pause_resume_and_finish_small_cnn(window: MainWindow, qtbot, tmp_path: Path) -> None:
    train = window.train_tab
    window.model_tab.epochsSpin.setValue(2)
    with qtbot.waitSignal(window.session.run_started, timeout=30_000):
        qtbot.mouseClick(train.trainButton, Qt.MouseButton.LeftButton)
    assert not train.trainButton.isEnabled() and train.pauseButton.isEnabled()
    qtbot.waitUntil(lambda: len(train.lossPlot.series_data("train loss")[0]) > 0, timeout=30_000)
    qtbot.mouseClick(train.pauseButton, Qt.MouseButton.LeftButton)
    assert window.session.state == "paused" and train.pauseButton.text().endswith("Resume")
    qtbot.waitUntil(lambda: window.session.control.is_waiting, timeout=30_000)  # no step runs
    QApplication.processEvents()  # the logs of the steps before the pause arrive
    shown = train.trainProgress.format()
    assert shown.startswith("Paused") and "images/s" not in shown and "left" not in shown
    with qtbot.waitSignal(window.session.finished, timeout=60_000) as finished:
        qtbot.mouseClick(train.pauseButton, Qt.MouseButton.LeftButton)
    summary = finished.args[0]
    assert summary["status"] == "completed" and summary["epochs"] == 2
    assert summary["test_accuracy"] > 0.8
    qtbot.waitUntil(lambda: train.trainButton.isEnabled(), timeout=10_000)
    assert len(train.lossPlot.series_data("val loss")[0]) == 2
    assert len(train.metricPlot.series_data("val accuracy")[0]) == 2
    assert "Test accuracy" in train.runSummaryLabel.text()
    assert "Epoch 2 of 2: validation accuracy" in train.logView.toPlainText()
    assert window.current_run is not None
    assert Path(summary["run_dir"]).name in window.windowTitle()

    # Classify tab: a real drop of a test digit saved as PNG gets its class on top.
    dataset = window.data_tab.dataset
    model = window.current_run.model
    hits = 0
    for k in range(5):
        index = int(dataset.splits["test"][k])
        path = tmp_path / f"digit_{k}.png"
        Image.fromarray(dataset.images[index, 0].numpy()).save(path)
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(path))])
        assert drag_enter(window.classify_tab.dropArea, mime).isAccepted()
        drop(window.classify_tab.dropArea, mime)
        qtbot.waitUntil(lambda: not window.classify_tab.is_busy(), timeout=30_000)
        top_label = window.classify_tab.rows[0].predictions[0][0]
        with torch.no_grad():
            expected = int(model(dataset.images[index : index + 1].float() / 255).argmax())
        assert top_label == dataset.classes[expected]  # the file path matches the tensor path
        hits += top_label == dataset.classes[int(dataset.labels[index])]
    assert hits >= 4


def test_learning_rate_change_while_paused_is_logged_and_marked(window: MainWindow, qtbot) -> None:
    window.model_tab.select_model("mlp")
    window.model_tab.epochsSpin.setValue(30)
    with qtbot.waitSignal(window.session.run_started, timeout=30_000):
        window.start_training()
    train = window.train_tab
    qtbot.waitUntil(lambda: len(train.lossPlot.series_data("train loss")[0]) > 0, timeout=30_000)
    assert not window.model_tab.applyLrButton.isEnabled()
    window.toggle_pause()
    assert window.model_tab.applyLrButton.isEnabled()
    assert not window.model_tab.modelCombo.isEnabled()
    window.model_tab.learningRateSpin.setValue(0.0002)
    qtbot.mouseClick(window.model_tab.applyLrButton, Qt.MouseButton.LeftButton)
    window.toggle_pause()
    qtbot.waitUntil(lambda: len(train.lossPlot.markers()) == 1, timeout=30_000)
    assert "0.0002" in train.logView.toPlainText()
    with qtbot.waitSignal(window.session.finished, timeout=30_000) as finished:
        window.session.stop()
    changes = [
        r
        for r in RunDirectory(Path(finished.args[0]["run_dir"])).read_metrics()
        if r["kind"] == "lr_change"
    ]
    assert len(changes) == 1 and changes[0]["new"] == pytest.approx(0.0002)


def test_unavailable_download_offers_offline_datasets(
    window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_network(*args, **kwargs):
        raise OSError("Temporary failure in name resolution")

    monkeypatch.setattr(remote, "fetch", no_network)
    data = window.data_tab
    data.select_dataset("mnist")
    qtbot.waitUntil(lambda: data.errorPanel.isVisible(), timeout=30_000)
    assert (
        "offline" in data.datasetErrorLabel.text().lower()
        or "digits" in data.datasetErrorLabel.text()
    )
    assert "Traceback" not in data.datasetErrorLabel.text()
    assert data.dataset is not None and data.dataset.id == "digits"  # nothing lost
    use_shapes = data.findChild(QPushButton, "use_shapes_button")
    with qtbot.waitSignal(data.dataset_changed, timeout=30_000):
        qtbot.mouseClick(use_shapes, Qt.MouseButton.LeftButton)
    assert data.dataset.id == "shapes" and not data.errorPanel.isVisible()


def test_stop_ends_run_and_keeps_it(window: MainWindow, qtbot) -> None:
    window.model_tab.select_model("mlp")
    window.model_tab.epochsSpin.setValue(50)
    with qtbot.waitSignal(window.session.run_started, timeout=30_000):
        window.start_training()
    qtbot.waitUntil(
        lambda: len(window.train_tab.lossPlot.series_data("train loss")[0]) > 0, timeout=30_000
    )
    with qtbot.waitSignal(window.session.finished, timeout=30_000) as finished:
        qtbot.mouseClick(window.train_tab.stopButton, Qt.MouseButton.LeftButton)
    assert finished.args[0]["status"] == "stopped"
    assert finished.args[0]["epochs"] < 50
    assert Path(finished.args[0]["run_dir"], "model.safetensors").is_file()


def test_closing_during_training_stops_and_saves(
    window: MainWindow, qtbot, capfd, digits_classifier_dir: Path
) -> None:
    window.model_tab.select_model("mlp")
    window.model_tab.epochsSpin.setValue(50)
    with qtbot.waitSignal(window.session.run_started, timeout=30_000) as started:
        window.start_training()
    run_dir = Path(started.args[0]["run_dir"])
    qtbot.waitUntil(
        lambda: len(window.train_tab.lossPlot.series_data("train loss")[0]) > 0, timeout=30_000
    )
    window.classify_tab.open_run(str(digits_classifier_dir))
    assert window.gallery_tab.evaluationView.is_evaluating()  # a background job in flight
    asked: list[bool] = []
    window.confirm_close = lambda: asked.append(True) or True
    window.close()
    assert asked == [True]
    dialog = window.findChild(QProgressDialog, "stoppingDialog")
    assert dialog is not None and dialog.isVisible()  # the question is gone; progress shows
    assert "Stopping and saving" in dialog.labelText()
    window.close()  # a second Ctrl+Q while it stops asks nothing more
    assert asked == [True]
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=60_000)
    assert not window.session.is_active
    assert (run_dir / "summary.json").is_file() and (run_dir / "model.safetensors").is_file()
    assert "RuntimeError" not in capfd.readouterr().err


def test_vae_run_fills_gallery(window: MainWindow, qtbot) -> None:
    window.model_tab.select_model("vae")
    window.model_tab.epochsSpin.setValue(2)
    assert window.model_tab.betaSpin.isEnabled()
    with qtbot.waitSignal(window.session.finished, timeout=90_000):
        window.start_training()
    gallery = window.gallery_tab
    assert gallery.galleryEpochSlider.maximum() >= 1  # two epochs of samples to step through
    assert not gallery.galleryGrid.current_pixmap().isNull()
    loss_names = window.train_tab.lossPlot
    assert len(loss_names.series_data("reconstruction")[0]) > 0
    assert len(loss_names.series_data("KL")[0]) > 0
    qtbot.waitUntil(lambda: gallery.interpolateButton.isEnabled(), timeout=10_000)
