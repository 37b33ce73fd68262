"""File -> Export model / Share run / Export dataset, and .kcrun files dropped on the window."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from export_helpers import train_tiny_digits_run
from PySide6.QtCore import QMimeData, QSettings, QUrl
from PySide6.QtGui import QAction

from helpers import drag_enter, drop
from kc_desktop.core.paths import runs_dir


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return train_tiny_digits_run(tmp_path_factory, "mlp")


def _open(window, qtbot, run: Path) -> None:
    window.classify_tab.open_run(str(run))
    qtbot.waitUntil(lambda: window.current_run is not None, timeout=30_000)


def test_export_model_and_share_run_from_the_file_menu(
    ready_window, qtbot, tiny_run: Path, tmp_path: Path
) -> None:
    window, actions = ready_window, ready_window.exportActions
    file_menu = window.menuBar().actions()[0].menu()
    assert actions.exportModelAction in file_menu.actions()
    assert window.findChild(QAction, "exportModelAction") is actions.exportModelAction
    _open(window, qtbot, tiny_run)
    out = tmp_path / "exported"
    actions.ask_export = lambda name: ("onnx", str(out))
    with qtbot.waitSignal(actions.finished, timeout=120_000) as done:
        actions.exportModelAction.trigger()
    assert done.args == [str(out)]
    assert {"model.onnx", "predict.py", "README.md", "labels.json"} <= {
        p.name for p in out.iterdir()
    }
    assert str(out) in window.statusBar().currentMessage()
    target = tmp_path / "lesson"
    actions.ask_share_file = lambda name: str(target)
    with qtbot.waitSignal(actions.finished, timeout=60_000) as done:
        actions.shareRunAction.trigger()
    assert done.args == [str(tmp_path / "lesson.kcrun")]
    assert not actions.is_busy()


def test_dropping_a_kcrun_opens_it_in_the_runs_dock(
    ready_window, qtbot, tiny_run: Path, tmp_path: Path
) -> None:
    from kc_desktop.core.export.share import pack_run

    window, actions = ready_window, ready_window.exportActions
    kcrun = pack_run(tiny_run, tmp_path / "from-teacher.kcrun")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(kcrun))])
    assert drag_enter(window, mime).isAccepted()
    with qtbot.waitSignal(actions.finished, timeout=60_000) as done:
        drop(window, mime)
    imported = Path(done.args[0])
    assert imported.parent == runs_dir() and imported.name == tiny_run.name
    assert window.runsDock.isVisible()
    assert window.runsDock.runsTable.row_of(imported) is not None
    qtbot.waitUntil(lambda: window.current_run is not None and window.current_run.path == imported)


def test_a_damaged_kcrun_is_refused_with_one_line(ready_window, qtbot, tmp_path: Path) -> None:
    actions = ready_window.exportActions
    broken = tmp_path / "broken.kcrun"
    broken.write_bytes(b"PK\x03\x04 cut short")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(broken)), QUrl.fromLocalFile(str(tmp_path / "a.png"))])
    assert drag_enter(ready_window, mime).isAccepted()  # as the OS does before a drop
    with qtbot.waitSignal(actions.failed, timeout=60_000) as failed:
        drop(ready_window, mime)
    assert failed.args == ["broken.kcrun is damaged or cut short; ask for the .kcrun file again."]
    assert ready_window.statusBar().currentMessage() == failed.args[0]
    assert not runs_dir().exists() or list(runs_dir().iterdir()) == []
    png_only = QMimeData()
    png_only.setUrls([QUrl.fromLocalFile(str(tmp_path / "a.png"))])
    assert not drag_enter(ready_window, png_only).isAccepted()


def test_export_dataset_writes_class_folders(ready_window, qtbot, tmp_path: Path) -> None:
    actions = ready_window.exportActions
    target = tmp_path / "digits.zip"
    actions.ask_dataset_file = lambda name: str(target)
    with qtbot.waitSignal(actions.finished, timeout=60_000):
        actions.exportDatasetAction.trigger()
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
    assert len(names) == len(ready_window.data_tab.dataset)
    assert {name.split("/")[0] for name in names} == {str(d) for d in range(10)}


def test_export_dialog_remembers_format_and_folder(qtbot, tmp_path: Path) -> None:
    from kc_desktop.ui.export.export_dialog import ExportModelDialog

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    dialog = ExportModelDialog("my-run", settings)
    qtbot.addWidget(dialog)
    assert dialog.exportFolderEdit.text() == str(Path.home() / "my-run-export")
    dialog.exportFormatCombo.setCurrentIndex(dialog.exportFormatCombo.findData("all"))
    dialog.exportFolderEdit.setText(str(tmp_path / "exports" / "my-run-export"))
    dialog.accept()
    again = ExportModelDialog("next-run", settings)
    qtbot.addWidget(again)
    assert again.fmt() == "all"
    assert again.exportFolderEdit.text() == str(tmp_path / "exports" / "next-run-export")
