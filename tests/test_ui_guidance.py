"""The window guides a newcomer: verdict, tour, captions, presenter mode, "not sure", runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ood_helpers import calibrated_copy, shape_images
from PySide6.QtCore import QPoint
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QLabel

from helpers import train_in_window
from kc_desktop.core.inference import load_run
from kc_desktop.ui.guide.tooltips import wrap
from kc_desktop.ui.main_window import MainWindow


def test_a_finished_run_gives_a_verdict_and_buttons_to_go_on(
    ready_window: MainWindow, qtbot
) -> None:
    window, train = ready_window, ready_window.train_tab
    train.log("an old line from before")
    train_in_window(window, qtbot, "mlp", epochs=1)
    log = train.logView.toPlainText()
    assert "an old line" not in log  # the log starts fresh for each run
    assert "Starting MLP (dense network) on" in log
    assert "Epoch 1 of 1: validation accuracy" in log
    assert not any(plot.is_dirty() for plot in (train.lossPlot, train.metricPlot))  # drawn
    device = train.devicePlot  # even a run of a second leaves its load on the device curves
    assert device.series_names() and all(
        len(device.series_data(name)[0]) >= 1 for name in device.series_names()
    )
    panel = train.verdictPanel
    assert panel.isVisible() and "of 100" in panel.verdictLabel.text()
    assert panel.tryItButton.text() == "Try it: draw a digit"
    panel.seeResultsButton.click()
    assert window.mainTabs.currentWidget() is window.gallery_tab
    panel.tryItButton.click()
    assert window.mainTabs.currentWidget() is window.classify_tab
    assert "MLP (dense network) on" in window.windowTitle()
    assert not window.classify_tab.trainingNoteLabel.isVisible()


def test_after_a_run_the_train_tab_shows_no_stale_estimate_and_accuracy_in_percent(
    ready_window: MainWindow, qtbot
) -> None:
    window, train = ready_window, ready_window.train_tab
    window.mainTabs.setCurrentWidget(train)
    assert train.estimateLabel.text() == "Estimating the time…"
    train_in_window(window, qtbot, "mlp", epochs=1)  # Train pressed before the estimate came
    assert train.estimateLabel.text() != "Estimating the time…"  # the probe was cancelled
    val = train.metricPlot.series_data("val accuracy")[1]
    run = window.current_run.path
    logged = [json.loads(line) for line in (run / "metrics.jsonl").read_text().splitlines()]
    epochs = [record for record in logged if record.get("kind") == "epoch"]
    assert val.tolist() == pytest.approx([100 * r["val_accuracy"] for r in epochs])
    assert train.metricPlot.plot_item.getAxis("left").labelText == "%"


def test_the_classify_tab_keeps_its_classifier_after_a_vae_run(
    ready_window: MainWindow, digits_classifier_dir: Path, digits_vae_dir: Path
) -> None:
    window = ready_window
    window.classify_tab.open_run(str(digits_classifier_dir))
    window._set_current_run(load_run(digits_vae_dir))  # what a finished VAE run does
    assert window.gallery_tab.run.task == "vae"
    assert window.classify_tab.run.path == digits_classifier_dir
    assert window.classify_tab._blocking_reason() is None


def test_start_up_loads_the_newest_classifier_and_open_shows_the_runs_list(
    saved_runs: list[Path], ready_window: MainWindow
) -> None:
    window = ready_window
    _mlp, cnn, _vae = saved_runs
    assert window.classify_tab.run is not None
    assert window.classify_tab.run.task == "classify"
    assert window.classify_tab.run.path.name in {p.name for p in saved_runs[:2]}
    window.classify_tab.openRunButton.click()
    assert window.runsDock.isVisible()
    assert len(window.runsDock.runsTable.selected_paths()) == 1
    assert cnn.exists()


def test_the_tour_is_offered_on_the_first_launch_only(ready_window: MainWindow, qtbot) -> None:
    window = ready_window
    assert window.guidance.tour is None  # tests (and every launch but the first) get none
    assert window.offer_getting_started()
    tour = window.guidance.tour
    assert tour.isVisible() and not tour.isModal()
    assert window.mainTabs.currentIndex() == 0
    tour.tourNextButton.click()
    assert window.mainTabs.currentIndex() == 1 and "Model" in tour.tourTitle.text()
    tour.tourSkipButton.click()
    assert not tour.isVisible()
    assert not window.offer_getting_started()  # remembered in the settings
    window.gettingStartedAction.trigger()
    assert tour.isVisible() and tour.step == 0


def test_every_chart_has_a_caption_saying_which_way_is_better(
    ready_window: MainWindow,
) -> None:
    train = ready_window.train_tab
    for name in ("lossPlotCaption", "metricPlotCaption", "devicePlotCaption"):
        caption = train.findChild(QLabel, name)
        assert caption is not None and caption.isVisibleTo(train), name
    assert "better" in train.lossPlotCaption.text()
    assert "better" in train.metricPlotCaption.text()
    from kc_desktop.ui.train.train_tab import METRIC_SERIES

    gan_names = [name for name, *_ in METRIC_SERIES["gan"]]
    assert gan_names == ["judge's score for real images", "judge's score for generated images"]
    data = ready_window.data_tab  # the Data tab's chart too
    assert data.classBalanceCaption.isVisibleTo(data) and "best" in data.classBalanceCaption.text()
    below = data.classBalanceCaption.geometry().top() > data.classHistogram.geometry().bottom()
    assert below and data.classBalanceCaption.parent() is data.classHistogram.parent()


def test_long_tooltips_are_wrapped_and_form_labels_explain_too(ready_window: MainWindow) -> None:
    text = "word " * 40
    assert max(len(line) for line in wrap(text).split("\n")) <= 60
    assert wrap("<b>rich</b> " * 20) == "<b>rich</b> " * 20
    button = ready_window.train_tab.trainButton
    button.setToolTip(text.strip())
    event = QHelpEvent(QHelpEvent.Type.ToolTip, QPoint(2, 2), button.mapToGlobal(QPoint(2, 2)))
    QApplication.sendEvent(button, event)
    assert "\n" in button.toolTip()
    form_labels = [
        label
        for label in ready_window.model_tab.findChildren(QLabel)
        if label.buddy() is not None and label.buddy().toolTip()
    ]
    assert form_labels  # the Model tab's form labels carry their fields' tooltips
    differing = [
        label.text() for label in form_labels if label.toolTip() != label.buddy().toolTip()
    ]
    assert differing == []


def test_presenter_mode_enlarges_and_leaving_restores(ready_window: MainWindow, qtbot) -> None:
    window = ready_window
    window.showNormal()
    base = window.font().pointSizeF()
    log_size = window.train_tab.logView.font().pointSizeF()
    status_size = window.statusBar().font().pointSizeF()
    window.train_tab.lossPlot.add_series("demo", "#1f77b4", width=2)
    grid = window.gallery_tab.galleryGrid
    cell = grid.max_cell
    action = window.presenterModeAction
    assert action.objectName() == "presenterModeAction"
    assert action.shortcut().toString() == "F11"
    action.trigger()
    assert window.isFullScreen()
    assert window.font().pointSizeF() == pytest.approx(base * 1.5)
    assert window.train_tab.logView.font().pointSizeF() == pytest.approx(log_size * 1.5)
    assert window.statusBar().font().pointSizeF() == pytest.approx(base * 2.0)
    assert window.train_tab.lossPlot.curve_item("demo").opts["pen"].widthF() == 5
    assert grid.max_cell > 1000
    action.trigger()
    assert not window.isFullScreen() and not action.isChecked()
    assert window.font().pointSizeF() == pytest.approx(base)
    assert window.train_tab.logView.font().pointSizeF() == pytest.approx(log_size)
    assert window.statusBar().font().pointSizeF() == pytest.approx(status_size)
    assert window.train_tab.lossPlot.curve_item("demo").opts["pen"].widthF() == 2
    assert grid.max_cell == cell


def test_classify_says_not_sure_about_a_shape_but_keeps_the_scores(
    ready_window: MainWindow, digits_classifier_dir: Path, tmp_path: Path, qtbot
) -> None:
    classify = ready_window.classify_tab
    ready_window.mainTabs.setCurrentWidget(classify)
    classify.set_run(load_run(calibrated_copy(digits_classifier_dir, tmp_path)))
    shape = shape_images(1)[0].permute(1, 2, 0).numpy().copy()
    classify.classify_image(shape)
    qtbot.waitUntil(lambda: len(classify.rows) == 1 and not classify.is_busy(), timeout=30_000)
    row = classify.rows[0]
    assert not row.unsureLabel.isHidden()  # shown (the row itself appears on the next paint)
    assert row.unsureLabel.text().startswith("Not sure — this does not look like")
    assert "Familiarity" in row.unsureLabel.toolTip()
    assert row.predictions  # the guesses are still shown
    digit = ready_window.data_tab.dataset.split("test")[0][0, 0].numpy()
    classify.classify_image(digit)
    qtbot.waitUntil(lambda: len(classify.rows) == 2 and not classify.is_busy(), timeout=30_000)
    assert classify.rows[0].unsureLabel.isHidden()
    assert classify.rows[0].predictionName.text() == "pasted image"


def test_the_model_tab_says_what_the_model_is_and_hides_the_layer_table(
    ready_window: MainWindow, qtbot
) -> None:
    model = ready_window.model_tab
    ready_window.mainTabs.setCurrentWidget(model)
    assert model.modelSizeLabel.text() == (
        "<b>2 pattern-finding layers, 2 decision layers, 844,000 numbers to learn</b>"
    )
    assert "parameters" in model.modelSizeLabel.toolTip()
    assert model.modelSummary.isHidden()

    def words_on_top_with_their_button() -> None:  # once the shown tab is laid out
        words, button = model.modelSizeLabel.geometry(), model.showLayersButton.geometry()
        assert words.top() < 50 and words.height() < 4 * model.fontMetrics().height()
        assert 0 <= button.top() - words.bottom() < 20 and button.top() < 120

    ready_window.resize(1280, 900)  # room to spare below them
    qtbot.waitUntil(lambda: model.height() > 700)
    qtbot.waitUntil(words_on_top_with_their_button)
    model.showLayersButton.click()
    assert not model.modelSummary.isHidden()
    assert model.showLayersButton.text() == "Hide layers"


def test_the_live_camera_view_says_not_sure_about_shapes(
    ready_window: MainWindow, digits_classifier_dir: Path, tmp_path: Path, qtbot
) -> None:
    from kc_desktop.core.camera.synthetic import SyntheticSource

    classify = ready_window.classify_tab
    classify.set_run(load_run(calibrated_copy(digits_classifier_dir, tmp_path)))
    view = classify.open_live_camera(SyntheticSource(fps=20))
    try:
        qtbot.waitUntil(lambda: not view.liveUnsureLabel.isHidden(), timeout=30_000)
        assert view.liveUnsureLabel.text().startswith("Not sure")
        assert view.predictions  # the guesses are still there
    finally:
        view.shutdown()
