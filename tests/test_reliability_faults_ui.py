"""Faults seen from the window: a GPU out of memory and a full disk end in a readable line,
the training thread ends, the window stays usable, and nothing trained is lost."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
import torch
from PySide6.QtCore import Qt

from helpers import disk_full_at_model_write
from kc_desktop.core.runs.checkpoints import load_checkpoint
from kc_desktop.core.runs.layout import MODEL_FILE
from kc_desktop.core.training import tasks
from kc_desktop.ui.main_window import MainWindow


@pytest.fixture
def window(ready_window: MainWindow) -> MainWindow:
    """The ready window set to train a small MLP for two epochs."""
    ready_window.model_tab.select_model("mlp")
    ready_window.model_tab.epochsSpin.setValue(2)
    return ready_window


def _train(window: MainWindow, qtbot) -> dict:
    with qtbot.waitSignal(window.session.finished, timeout=120_000) as finished:
        qtbot.mouseClick(window.train_tab.trainButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.session.is_active, timeout=10_000)
    return finished.args[0]


def test_out_of_memory_is_reported_and_the_window_trains_again(
    window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_step = tasks.ClassifyTask.train_step
    calls = {"n": 0}

    def runs_out_of_memory(self, x, y):
        calls["n"] += 1
        if calls["n"] == 3:
            raise torch.cuda.OutOfMemoryError("CUDA out of memory. Tried to allocate 1.00 GiB")
        return real_step(self, x, y)

    monkeypatch.setattr(tasks.ClassifyTask, "train_step", runs_out_of_memory)
    summary = _train(window, qtbot)
    train = window.train_tab
    assert summary["status"] == "failed"
    assert "ran out of memory" in train.logView.toPlainText()
    assert "Try a batch size of" in train.runSummaryLabel.text()
    assert train.trainProgress.format() == "Failed"
    assert train.trainButton.isEnabled() and not train.stopButton.isEnabled()

    monkeypatch.setattr(tasks.ClassifyTask, "train_step", real_step)
    again = _train(window, qtbot)  # the window is still usable
    assert again["status"] == "completed" and again["epochs"] == 2


def test_disk_full_offers_save_elsewhere_and_loses_nothing(
    window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with disk_full_at_model_write():
        summary = _train(window, qtbot)
    train = window.train_tab
    assert summary["status"] == "unsaved" and summary["epochs"] == 2
    assert train.saveElsewhereButton.isVisible()
    assert "the disk is full" in train.runSummaryLabel.text()
    assert "Save elsewhere" in window.statusBar().currentMessage()

    chosen: list[str | None] = [None, str(tmp_path / "usb")]
    window.choose_save_folder = lambda: chosen.pop(0)
    qtbot.mouseClick(train.saveElsewhereButton, Qt.MouseButton.LeftButton)  # cancelled
    assert window.session.unsaved is not None and train.saveElsewhereButton.isVisible()
    qtbot.mouseClick(train.saveElsewhereButton, Qt.MouseButton.LeftButton)
    saved = tmp_path / "usb" / Path(summary["run_dir"]).name
    assert load_checkpoint(saved / MODEL_FILE)[2]["epoch"] == 2  # not the epoch on disk (1)
    assert window.session.unsaved is None and not train.saveElsewhereButton.isVisible()
    assert window.current_run is not None and window.current_run.path == saved
    assert str(saved) in window.statusBar().currentMessage()


def test_closing_with_an_unsaved_run_asks_first(
    window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_only(self, record) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    from kc_desktop.core.runs.layout import RunDirectory

    monkeypatch.setattr(RunDirectory, "append_metrics", read_only)
    assert _train(window, qtbot)["status"] == "unsaved"
    monkeypatch.undo()
    answers = [False, True]
    window.confirm_discard_unsaved = lambda: answers.pop(0) if answers else True
    window.close()
    assert window.isVisible() and window.session.unsaved is not None  # cancelled: kept
    window.close()
    assert not window.isVisible() and answers == []  # discarded: closed


def test_closing_during_training_when_the_save_fails_offers_to_save_elsewhere(
    window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def read_only(self, record) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    from kc_desktop.core.runs.layout import RunDirectory

    window.model_tab.epochsSpin.setValue(50)
    monkeypatch.setattr(RunDirectory, "append_metrics", read_only)
    with qtbot.waitSignal(window.session.run_started, timeout=30_000):
        window.start_training()
    qtbot.waitUntil(
        lambda: len(window.train_tab.lossPlot.series_data("train loss")[0]) > 0, timeout=30_000
    )
    window.confirm_close = lambda: True
    offers: list[bool] = []

    def save_elsewhere() -> bool:
        offers.append(window.session.unsaved is not None)
        return window.save_unsaved_elsewhere() is not None

    window.confirm_discard_unsaved = save_elsewhere
    window.choose_save_folder = lambda: str(tmp_path / "usb")
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=60_000)
    assert offers == [True]  # the in-memory run was offered, and saved there
    (saved,) = (tmp_path / "usb").iterdir()
    assert load_checkpoint(saved / MODEL_FILE)[2]["epoch"] >= 0
    assert window.session.unsaved is None
