"""The window's defaults: a folder read as it is (and re-read at another size or colour),
Epochs auto with a schedule in the Model tab, and the time estimate before Train."""

from __future__ import annotations

from pathlib import Path

from folder_format_helpers import write_images
from PySide6.QtWidgets import QLabel

from kc_desktop.cli import build_parser
from kc_desktop.cli_commands import augment_from_args
from kc_desktop.core.data.loader import Augment
from kc_desktop.core.models.registry import get_model_spec
from kc_desktop.ui.main_window import MainWindow


def test_a_folder_shows_its_own_format_and_reloads_at_another(
    ready_window: MainWindow, qtbot, tmp_path: Path
) -> None:
    data = ready_window.data_tab
    assert not data.formatRow.isVisible()  # the digits are no folder
    root = write_images(tmp_path / "glyphs", ["2", "10"], 6, (28, 28), "L")
    data.load_folder(str(root))
    qtbot.waitUntil(
        lambda: data.dataset is not None and data.dataset.id == "folder", timeout=60_000
    )
    assert data.formatRow.isVisible() and data.imageSizeSpin.value() == 28
    assert (
        data.colourCombo.currentData() == "auto" and "greyscale" in data.colourCombo.currentText()
    )
    assert "greyscale" in data.datasetInfoLabel.text() and data.dataset.classes == ["2", "10"]

    data.colourCombo.setCurrentIndex(data.colourCombo.findData("rgb"))
    data.colourCombo.activated.emit(data.colourCombo.currentIndex())
    qtbot.waitUntil(lambda: data.dataset.channels == 3, timeout=60_000)
    data.imageSizeSpin.setValue(16)
    qtbot.waitUntil(lambda: data.dataset.size == 16, timeout=60_000)
    config = ready_window.model_tab.config(data.dataset)
    assert (config.image_size, config.colour, config.folder) == (16, "rgb", str(root))


def test_model_tab_defaults_to_auto_epochs_and_one_cycle(ready_window: MainWindow) -> None:
    model = ready_window.model_tab
    assert model.epochsSpin.value() == 0 and model.epochsSpin.text() == "Auto"
    config = model.config(ready_window.data_tab.dataset)
    assert (config.epochs, config.lr_schedule) == ("auto", "onecycle")
    model.epochsSpin.setValue(7)
    model.lrScheduleCombo.setCurrentIndex(model.lrScheduleCombo.findData("constant"))
    config = model.config(ready_window.data_tab.dataset)
    assert (config.epochs, config.lr_schedule) == (7, "constant")


def test_train_tab_says_how_long_before_train_is_pressed(ready_window: MainWindow, qtbot) -> None:
    train = ready_window.train_tab
    ready_window.mainTabs.setCurrentWidget(train)
    qtbot.waitUntil(lambda: train.estimateLabel.text().endswith("on this CPU"), timeout=60_000)
    assert train.estimateLabel.text().startswith("about ")
    sentence = train.runSummaryLabel.text()
    expected = (
        "Ready: Small CNN (28x28) on Handwritten digits (offline), auto epochs (at most 22), "
    )
    assert sentence.startswith(expected + "about ") and sentence.endswith(". Press Train (F5).")
    assert any(label.text() == sentence for label in train.lossPlot.findChildren(QLabel))


def test_the_window_starts_from_the_command_line_s_defaults(ready_window: MainWindow) -> None:
    """One click in the window trains what ``train`` with no options trains (the accuracy
    goals in the README are measured on the command line)."""
    args = build_parser().parse_args(["train"])
    spec = get_model_spec(args.model)
    config = ready_window.model_tab.config(ready_window.data_tab.dataset)
    assert config.model == args.model and config.augment == augment_from_args(args)
    assert config.augment == spec.default_augment == Augment(shift=0.1)  # small-cnn's
    assert (config.lr, config.batch_size) == (spec.default_lr, spec.default_batch_size)
