"""The Runs dock: the table of saved runs, open, rename, delete, compare and export."""

from __future__ import annotations

import csv
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QStandardPaths, Qt
from run_history_helpers import copy_runs, epoch_records, summary_of, train_tiny_run

from kc_desktop.core.paths import runs_dir
from kc_desktop.ui.runs_dock import RunsDock
from kc_desktop.ui.widgets.runs_table import COLUMN_TITLES


@pytest.fixture(scope="module")
def tiny_mlp_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return train_tiny_run(tmp_path_factory.mktemp("tiny_runs"), "mlp", epochs=2)


@pytest.fixture
def runs(tiny_mlp_dir: Path, digits_classifier_dir: Path, digits_vae_dir: Path) -> list[Path]:
    """Copies of a tiny MLP, a digits CNN and a digits VAE in this test's runs folder."""
    return copy_runs([tiny_mlp_dir, digits_classifier_dir, digits_vae_dir], runs_dir())


@pytest.fixture
def dock(qtbot, runs: list[Path]) -> RunsDock:
    widget = RunsDock()
    qtbot.addWidget(widget)
    widget.resize(1200, 360)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _cell(dock: RunsDock, run: Path, title: str) -> str:
    row = dock.table.row_of(run)
    assert row is not None, f"{run.name} is not in the table"
    return dock.table.item(row, COLUMN_TITLES.index(title)).text()


def _messages(dock: RunsDock) -> list[str]:
    messages: list[str] = []
    dock.status_message.connect(messages.append)
    return messages


def test_table_has_one_row_per_saved_run_with_its_settings_and_results(
    dock: RunsDock, runs: list[Path]
) -> None:
    mlp, cnn, vae = runs
    assert dock.objectName() == "runsDock" and dock.table.objectName() == "runsTable"
    assert dock.table.rowCount() == 3
    for run, model, dataset in ((mlp, "mlp", "tiny"), (cnn, "small-cnn", "digits")):
        summary = summary_of(run)
        assert _cell(dock, run, "Name") == run.name
        assert _cell(dock, run, "Model") == model
        assert _cell(dock, run, "Dataset") == dataset
        assert _cell(dock, run, "Accuracy") == f"{summary['test_accuracy']:.1%}"
        assert _cell(dock, run, "Final loss") == f"{summary['test_loss']:.4g}"
        assert _cell(dock, run, "Epochs") == str(summary["epochs"])
        assert _cell(dock, run, "Status") == "completed"
    assert _cell(dock, mlp, "Batch") == "8"
    assert _cell(dock, vae, "β / latent") == "β 1 · z 8"
    assert _cell(dock, vae, "Accuracy") == ""


def test_sorting_by_accuracy_orders_runs_by_value(dock: RunsDock, runs: list[Path]) -> None:
    column = COLUMN_TITLES.index("Accuracy")
    dock.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    shown = [dock.table.path_at(row) for row in range(dock.table.rowCount())]
    accuracies = [summary_of(run).get("test_accuracy", -1.0) for run in shown]
    assert accuracies == sorted(accuracies, reverse=True)
    assert shown[-1] == runs[2]  # the VAE has no accuracy


def test_open_asks_the_window_to_load_the_run(dock: RunsDock, runs: list[Path], qtbot) -> None:
    dock.table.select_paths([runs[1]])
    with qtbot.waitSignal(dock.open_requested) as opened:
        qtbot.mouseClick(dock.openButton, Qt.MouseButton.LeftButton)
    assert opened.args == [str(runs[1])]


def test_rename_renames_the_folder_and_refuses_escapes_and_clashes(
    dock: RunsDock, runs: list[Path], qtbot
) -> None:
    messages = _messages(dock)
    mlp, cnn, _ = runs
    dock.table.select_paths([mlp])
    dock.ask_name = lambda current: "../x"
    dock.renameButton.click()
    assert mlp.is_dir() and not (runs_dir().parent / "x").exists()
    assert "cannot contain" in messages[-1]
    assert dock.rename(mlp, cnn.name) is None and "already exists" in messages[-1]
    assert mlp.is_dir() and cnn.is_dir()

    dock.ask_name = lambda current: "tiny baseline"
    with qtbot.waitSignal(dock.run_renamed) as renamed:
        dock.renameButton.click()
    target = runs_dir() / "tiny baseline"
    assert renamed.args == [str(mlp), str(target)]
    assert target.is_dir() and not mlp.exists()
    assert dock.table.rowCount() == 3
    assert _cell(dock, target, "Model") == "mlp"
    assert dock.table.selected_paths() == [target]


def test_delete_moves_to_the_trash_without_asking(
    dock: RunsDock, runs: list[Path], tmp_path: Path
) -> None:
    trash = tmp_path / "trash"
    trash.mkdir()
    asked: list[list[str]] = []
    dock.move_to_trash = lambda path: bool(shutil.move(path, trash / path.name))
    dock.confirm_delete = lambda names: asked.append(names) or True
    dock.table.select_paths([runs[0]])
    dock.deleteButton.click()
    assert not runs[0].exists() and (trash / runs[0].name / "config.json").is_file()
    assert asked == []
    assert dock.table.rowCount() == 2 and dock.table.row_of(runs[0]) is None


@pytest.mark.skipif(sys.platform != "linux", reason="the freedesktop.org trash is Linux's")
def test_delete_uses_the_real_system_trash(
    dock: RunsDock, runs: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_home = tmp_path / "data"
    data_home.mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    if Path(location) != data_home:  # never let a test fill the real user's trash
        pytest.skip("Qt does not follow XDG_DATA_HOME here")
    dock.confirm_delete = lambda names: pytest.fail("asked although the trash works")
    assert dock.delete([runs[0]]) == [runs[0]]
    assert not runs[0].exists()
    assert (data_home / "Trash" / "files" / runs[0].name / "config.json").is_file()


def test_delete_without_a_trash_asks_first(dock: RunsDock, runs: list[Path]) -> None:
    answers = [False, True]
    asked: list[list[str]] = []
    dock.move_to_trash = lambda path: False
    dock.confirm_delete = lambda names: asked.append(names) or answers.pop(0)
    dock.table.select_paths([runs[0], runs[1]])
    assert dock.delete(dock.table.selected_paths()) == []
    assert runs[0].is_dir() and runs[1].is_dir() and dock.table.rowCount() == 3
    dock.deleteButton.click()
    assert sorted(asked[-1]) == sorted([runs[0].name, runs[1].name])
    assert not runs[0].exists() and not runs[1].exists()
    assert dock.table.rowCount() == 1


def test_the_training_run_is_never_deleted(dock: RunsDock, runs: list[Path]) -> None:
    messages = _messages(dock)
    dock.move_to_trash = lambda path: pytest.fail("the training run reached the trash")
    dock.set_training_run(str(runs[0]))
    assert _cell(dock, runs[0], "Status") == "completed"  # it has a summary already
    assert dock.delete([runs[0]]) == []
    assert runs[0].is_dir() and "training now" in messages[-1]


def test_compare_plots_one_curve_per_run_with_the_points_of_metrics_jsonl(
    dock: RunsDock, runs: list[Path], qtbot
) -> None:
    mlp, cnn, _ = runs
    panel = dock.compare_panel
    assert not dock.compareButton.isEnabled()
    dock.table.select_paths([mlp, cnn])
    assert dock.compareButton.isEnabled()
    qtbot.mouseClick(dock.compareButton, Qt.MouseButton.LeftButton)
    plot = dock.findChild(type(panel.plot), "comparePlot")
    assert plot is panel.plot
    assert panel.metric == "val_accuracy"
    assert sorted(plot.series_names()) == sorted([mlp.name, cnn.name])
    for metric in ("val_accuracy", "val_loss"):
        panel.metricCombo.setCurrentText(metric)
        for run in (mlp, cnn):
            xs, ys = plot.series_data(run.name)
            records = epoch_records(run)
            assert xs.tolist() == [record["epoch"] for record in records]
            assert ys.tolist() == [record[metric] for record in records]
    legend = [label.text for _, label in plot.legend.items]
    assert sorted(legend) == sorted([mlp.name, cnn.name])


def test_compare_offers_only_metrics_every_run_logged(dock: RunsDock, runs: list[Path]) -> None:
    mlp, _, vae = runs
    dock.table.select_paths([mlp, vae])
    dock.compareButton.click()
    combo = dock.compare_panel.metricCombo
    assert [combo.itemText(i) for i in range(combo.count())] == ["val_loss", "loss"]


def test_export_writes_the_compared_points_as_csv_and_the_plot_as_png(
    dock: RunsDock, runs: list[Path], tmp_path: Path
) -> None:
    mlp, cnn, _ = runs
    panel = dock.compare_panel
    assert not panel.exportCsvButton.isEnabled()
    dock.table.select_paths([mlp, cnn])
    dock.compareButton.click()
    panel.metricCombo.setCurrentText("val_loss")
    targets = {".csv": tmp_path / "compare.csv", ".png": tmp_path / "compare.png"}
    panel.choose_save_path = lambda title, suggested, file_filter: str(
        targets[Path(suggested).suffix]
    )
    panel.exportCsvButton.click()
    panel.exportPngButton.click()

    with targets[".csv"].open(newline="", encoding="utf-8") as handle:
        lines = list(csv.reader(handle))
    assert lines[0] == ["run", "epoch", "metric", "value"]
    got = {(name, int(epoch), metric, float(value)) for name, epoch, metric, value in lines[1:]}
    expected = {
        (run.name, record["epoch"], "val_loss", record["val_loss"])
        for run in (mlp, cnn)
        for record in epoch_records(run)
    }
    assert got == expected and len(lines) - 1 == len(expected)

    image = np.asarray(Image.open(targets[".png"]).convert("RGB"))
    assert image.shape[0] > 100 and image.shape[1] > 100
    assert len(np.unique(image.reshape(-1, 3), axis=0)) > 10  # curves and text, not blank


def test_renaming_or_deleting_a_compared_run_clears_the_comparison(
    dock: RunsDock, runs: list[Path]
) -> None:
    dock.table.select_paths([runs[0], runs[1]])
    dock.compareButton.click()
    assert dock.compare_panel.plot.series_names()
    dock.rename(runs[0], "renamed")
    assert dock.compare_panel.plot.series_names() == []
    assert not dock.compare_panel.exportPngButton.isEnabled()


@pytest.fixture
def window(qtbot) -> Iterator:
    from kc_desktop.ui.main_window import MainWindow

    main = MainWindow()
    qtbot.addWidget(main)
    main.resize(1200, 800)
    main.show()
    main.load_core()
    qtbot.waitUntil(lambda: main.is_core_ready, timeout=60_000)
    yield main
    if main.session is not None and main.session.is_active:
        main.session.shutdown()


def test_view_menu_toggles_the_dock_with_ctrl_r_and_the_window_remembers_it(
    window, qtbot, runs: list[Path]
) -> None:
    from kc_desktop.ui.main_window import SHORTCUTS_HELP, MainWindow

    view_menu = next(
        action.menu() for action in window.menuBar().actions() if action.text() == "&View"
    )
    toggle = next(action for action in view_menu.actions() if action.text() == "&Runs")
    assert toggle.shortcut().toString() == "Ctrl+R" and "Ctrl+R" in SHORTCUTS_HELP
    assert not window.runsDock.isVisible()
    toggle.trigger()
    assert window.runsDock.isVisible()
    assert window.runsDock.table.rowCount() == len(runs)
    assert window.mainTabs.count() == 5
    window.close()

    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    again.load_core()
    qtbot.waitUntil(lambda: again.is_core_ready, timeout=60_000)
    assert again.runsDock.isVisible()
    again.runsDock.toggleViewAction().trigger()
    again.close()


def test_double_click_opens_the_run_in_the_gallery_and_classify_tabs(
    window, qtbot, runs: list[Path]
) -> None:
    dock = window.runsDock
    dock.show()
    qtbot.waitExposed(dock.table)
    for run, tab in ((runs[1], window.classify_tab), (runs[2], window.gallery_tab)):
        row = dock.table.row_of(run)
        rect = dock.table.visualRect(dock.table.model().index(row, 0))
        # An item view opens on a double-click only where the press before it landed.
        qtbot.mouseClick(dock.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(dock.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert window.current_run.path == run
        assert window.classify_tab.run is window.current_run
        assert window.gallery_tab.run_dir == run
        assert window.mainTabs.currentWidget() is tab


def test_renaming_the_open_run_reopens_it_from_its_new_folder(window, runs: list[Path]) -> None:
    dock = window.runsDock
    dock.show()
    dock.open_run(runs[1])
    target = dock.rename(runs[1], "best cnn")
    assert window.current_run.path == target
    assert window.gallery_tab.run_dir == target
    assert window.windowTitle().startswith("best cnn")


def test_the_dock_refreshes_when_a_run_ends(window, runs: list[Path], tiny_mlp_dir: Path) -> None:
    dock = window.runsDock
    dock.show()
    dock.set_training_run(str(runs[1]))
    shutil.rmtree(runs[0])
    new = Path(shutil.copytree(tiny_mlp_dir, runs_dir() / "later run"))
    assert dock.table.rowCount() == 3 and dock.table.row_of(new) is None  # not re-read yet
    window.session.finished.emit(summary_of(new) | {"run_dir": str(new)})
    assert dock.training_run is None
    assert dock.table.rowCount() == 3
    assert dock.table.row_of(new) is not None and dock.table.row_of(runs[0]) is None
