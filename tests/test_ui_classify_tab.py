"""Classify tab: real drops, corrupt files, drawing, opening runs, runs that cannot classify."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from drawing_helpers import seven
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from helpers import drag_enter, drop
from kc_desktop.core.data.registry import load_dataset
from kc_desktop.core.inference import LoadedRun, load_run
from kc_desktop.ui.classify import classify_work, files_panel
from kc_desktop.ui.classify.classify_tab import ClassifyTab
from kc_desktop.ui.classify.run_text import NO_RUN_TEXT
from kc_desktop.ui.images import array_to_qimage
from kc_desktop.ui.widgets.prediction_bars import PredictionBars


@pytest.fixture(scope="module")
def classifier_dir(digits_classifier_dir: Path) -> Path:
    return digits_classifier_dir


@pytest.fixture(scope="module")
def vae_dir(digits_vae_dir: Path) -> Path:
    return digits_vae_dir


@pytest.fixture
def classifier(classifier_dir: Path) -> LoadedRun:
    return load_run(classifier_dir)


@pytest.fixture(scope="module")
def digit_samples() -> list[tuple[np.ndarray, str]]:
    """A few test-split digits as uint8 (H, W) white-on-black images with their labels."""
    dataset = load_dataset("digits")
    images, labels = dataset.split("test")
    return [(images[i, 0].numpy(), dataset.classes[int(labels[i])]) for i in range(8)]


@pytest.fixture
def tab(qtbot) -> ClassifyTab:
    widget = ClassifyTab()
    qtbot.addWidget(widget)
    widget.resize(1100, 750)
    widget.show()
    return widget


def _drop(target, paths: list[Path]) -> None:
    """What the OS does on a real drop: drag enter, then drop with file URLs in QMimeData."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = drag_enter(target, mime)
    assert enter.isAccepted()
    drop(target, mime)


def _write_png(path: Path, image: np.ndarray) -> Path:
    Image.fromarray(image).save(path)
    return path


def test_without_a_run_a_drop_asks_for_one(
    tab: ClassifyTab, qtbot, tmp_path: Path, digit_samples
) -> None:
    png = _write_png(tmp_path / "digit.png", digit_samples[0][0])
    assert tab.dropArea.message() == NO_RUN_TEXT
    assert tab.drawNotice.isVisible() and NO_RUN_TEXT in tab.drawNotice.text()
    with qtbot.waitSignal(tab.status_message, timeout=2000) as blocker:
        _drop(tab.dropArea, [png])
    assert blocker.args == [NO_RUN_TEXT]
    assert tab.rows == []


def test_real_drop_of_a_digit_predicts_its_label(
    tab: ClassifyTab, classifier: LoadedRun, qtbot, tmp_path: Path, digit_samples
) -> None:
    tab.set_run(classifier)
    assert tab.dropArea.message() != NO_RUN_TEXT and not tab.drawNotice.isVisible()
    image, label = digit_samples[0]
    png = _write_png(tmp_path / "digit.png", image)
    _drop(tab.dropArea, [png])
    qtbot.waitUntil(lambda: not tab.is_busy(), timeout=10_000)
    assert len(tab.rows) == 1
    row = tab.rows[0]
    assert row.error is None
    assert len(row.predictions) == 5
    assert row.predictions[0][0] == label
    bars = row.findChildren(PredictionBars, "predictionBars")
    assert bars == [row.bars]
    assert (
        row.predictionThumbnail.pixmap() is not None
        and not row.predictionThumbnail.pixmap().isNull()
    )


def test_corrupt_file_gets_a_reason_and_the_good_one_is_classified(
    tab: ClassifyTab, classifier: LoadedRun, qtbot, tmp_path: Path, digit_samples
) -> None:
    tab.set_run(classifier)
    corrupt = tmp_path / "broken.png"
    corrupt.write_bytes(b"\x89PNG\r\n\x1a\n this is not really a png")
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    good = _write_png(tmp_path / "good.png", digit_samples[1][0])
    with qtbot.waitSignal(tab.status_message, timeout=10_000) as blocker:
        _drop(tab.dropArea, [corrupt, good, text])
    assert [Path(r.source).name for r in tab.rows] == ["broken.png", "good.png", "notes.txt"]
    broken_row, good_row, text_row = tab.rows
    for row in (broken_row, text_row):
        assert row.predictions == []
        assert row.error and "Traceback" not in row.error and "\n" not in row.error
    assert good_row.error is None and good_row.predictions[0][0] == digit_samples[1][1]
    assert "Classified 1 of 3" in blocker.args[0]


def test_rows_are_newest_first_capped_and_cleared(
    tab: ClassifyTab, classifier: LoadedRun, monkeypatch, qtbot, tmp_path: Path, digit_samples
) -> None:
    monkeypatch.setattr(files_panel, "MAX_ROWS", 3)
    tab.set_run(classifier)
    paths = [_write_png(tmp_path / f"d{i}.png", img) for i, (img, _) in enumerate(digit_samples)]
    tab.classify_files([str(paths[0]), str(paths[1])])
    tab.classify_files([str(paths[2]), str(paths[3])])  # waits for the first batch
    qtbot.waitUntil(lambda: not tab.is_busy(), timeout=10_000)
    assert [Path(r.source).name for r in tab.rows] == ["d2.png", "d3.png", "d0.png"]
    tab.clear_results()
    assert tab.rows == []
    assert not tab.clearResultsButton.isEnabled()


def test_pasted_image_is_classified(
    tab: ClassifyTab, classifier: LoadedRun, qtbot, digit_samples
) -> None:
    tab.set_run(classifier)
    image, label = digit_samples[2]
    tab.dropArea.image_pasted.emit(np.repeat(image[..., None], 3, axis=2))
    qtbot.waitUntil(lambda: not tab.is_busy(), timeout=10_000)
    assert tab.rows[0].source == "pasted image"
    assert tab.rows[0].predictions[0][0] == label


def test_ctrl_v_anywhere_on_the_tab_pastes_an_image(
    tab: ClassifyTab, classifier: LoadedRun, qtbot, digit_samples
) -> None:
    tab.set_run(classifier)
    image, label = digit_samples[3]
    QApplication.clipboard().setImage(array_to_qimage(image))
    tab.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab, timeout=2000)
    tab.clearDrawingButton.setFocus()
    QTest.keyClick(tab.clearDrawingButton, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not tab.is_busy(), timeout=10_000)
    assert [row.source for row in tab.rows] == ["pasted image"]
    assert tab.rows[0].predictions[0][0] == label


def _stroke(widget, points: list[tuple[float, float]]) -> None:
    """Press, move through ``points`` (fractions of the widget size), release."""
    pos = [QPoint(int(x * widget.width()), int(y * widget.height())) for x, y in points]
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos[0])
    for point in pos[1:]:
        QTest.mouseMove(widget, point)
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos[-1])


def test_drawing_updates_the_live_prediction(
    tab: ClassifyTab, classifier: LoadedRun, qtbot
) -> None:
    tab.set_run(classifier)
    assert tab.draw_predictions == []
    column = [(0.5, 0.15 + 0.05 * i) for i in range(15)]
    _stroke(tab.drawCanvas, column)
    qtbot.waitUntil(lambda: len(tab.draw_predictions) == 5, timeout=2000)
    assert tab.drawCanvas.to_array().max() > 0
    assert tab.draw_predictions[0][0] == "1"
    assert tab.drawPredictionBars.predictions() == tab.draw_predictions
    tab.clearDrawingButton.click()
    assert tab.draw_predictions == []
    assert tab.drawCanvas.to_array().max() == 0


def test_a_large_seven_drawn_across_the_canvas_reads_as_seven(
    tab: ClassifyTab, classifier: LoadedRun, qtbot
) -> None:
    tab.set_run(classifier)
    tab.drawCanvas.drawn.emit(seven((20, 15, 262, 265)))  # corner to corner, as people draw
    qtbot.waitUntil(lambda: len(tab.draw_predictions) == 5, timeout=10_000)
    assert tab.draw_predictions[0][0] == "7"


def test_live_drawing_predictions_are_throttled(
    tab: ClassifyTab, classifier: LoadedRun, monkeypatch, qtbot
) -> None:
    tab.set_run(classifier)
    calls: list[int] = []
    real = classify_work.classify

    def counting(run, sources, top_k=5):
        calls.append(len(sources))
        return real(run, sources, top_k)

    monkeypatch.setattr(classify_work, "classify", counting)
    drawing = np.zeros((200, 200), dtype=np.uint8)
    for i in range(30):
        drawing[20 + 5 * i : 30 + 5 * i, 90:110] = 255
        tab.drawCanvas.drawn.emit(drawing.copy())
    qtbot.waitUntil(lambda: len(tab.draw_predictions) == 5, timeout=2000)
    assert len(calls) == 1


def test_open_run_button_loads_a_saved_run(
    tab: ClassifyTab, classifier_dir: Path, qtbot, tmp_path: Path
) -> None:
    with qtbot.waitSignal(tab.runs_list_requested, timeout=2000):
        tab.openRunButton.click()  # the window shows its runs list; a folder is the fallback
    tab.choose_run_folder = lambda: str(tmp_path)
    with qtbot.waitSignal(tab.status_message, timeout=2000) as blocker:
        tab.choose_run()
    assert blocker.args[0].startswith("Could not open the run")
    assert "Traceback" not in blocker.args[0]
    assert tab.run is None

    tab.choose_run_folder = lambda: str(classifier_dir)
    with qtbot.waitSignal(tab.run_loaded, timeout=2000) as loaded:
        tab.choose_run()
    assert isinstance(loaded.args[0], LoadedRun) and loaded.args[0] is tab.run
    info = tab.runInfoLabel.text()
    assert "Small CNN" in info or "small-cnn" in info.lower()
    assert "test accuracy" in info and classifier_dir.name in info
    assert not tab.drawNotice.isVisible()


def test_a_generative_run_explains_it_cannot_classify(
    tab: ClassifyTab, vae_dir: Path, qtbot, tmp_path: Path, digit_samples
) -> None:
    tab.set_run(load_run(vae_dir))
    assert "classifier" in tab.dropArea.message()
    assert "classifier" in tab.drawNotice.text() and tab.drawNotice.isVisible()
    assert "VAE" in tab.runInfoLabel.text() and "classifier run" in tab.runInfoLabel.text()
    png = _write_png(tmp_path / "digit.png", digit_samples[0][0])
    with qtbot.waitSignal(tab.status_message, timeout=2000) as blocker:
        tab.classify_files([str(png)])
    assert "classifier" in blocker.args[0]
    assert tab.rows == []
