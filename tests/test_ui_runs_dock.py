"""The Runs dock: the table of saved runs, open, rename, delete, compare and export."""

from __future__ import annotations

import csv
import json
import re
import shutil
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QPoint, QStandardPaths, Qt
from run_history_helpers import epoch_records, summary_of
from runs_dock_helpers import sort_arrow_points_down

from kc_desktop.core.paths import runs_dir
from kc_desktop.core.runs.history import run_rows
from kc_desktop.ui.runs.runs_dock import RunsDock
from kc_desktop.ui.runs.runs_table import COLUMN_TITLES, SORT_ROLE


@pytest.fixture
def dock(qtbot, saved_runs: list[Path]) -> RunsDock:
    widget = RunsDock()
    qtbot.addWidget(widget)
    widget.resize(1200, 360)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _cell(dock: RunsDock, run: Path, title: str) -> str:
    row = dock.runsTable.row_of(run)
    assert row is not None, f"{run.name} is not in the table"
    return dock.runsTable.item(row, COLUMN_TITLES.index(title)).text()


def _messages(dock: RunsDock) -> list[str]:
    messages: list[str] = []
    dock.status_message.connect(messages.append)
    return messages


def test_table_has_one_row_per_saved_run_with_its_settings_and_results(
    dock: RunsDock, saved_runs: list[Path]
) -> None:
    mlp, cnn, vae = saved_runs
    assert dock.objectName() == "runsDock" and dock.runsTable.objectName() == "runsTable"
    assert dock.runsTable.rowCount() == 3
    for run, model, dataset in (
        (mlp, "MLP (dense network)", "tiny"),
        (cnn, "Small CNN (28x28)", "Handwritten digits (offline)"),
    ):
        summary = summary_of(run)
        assert _cell(dock, run, "Name") == run.name
        assert _cell(dock, run, "Model") == model
        assert _cell(dock, run, "Dataset") == dataset
        assert _cell(dock, run, "Accuracy") == f"{summary['test_accuracy']:.1%}"
        assert _cell(dock, run, "Final loss") == f"{summary['test_loss']:.4g}"
        assert _cell(dock, run, "Epochs") == str(summary["epochs"])
        assert _cell(dock, run, "Status") == "completed"
    assert _cell(dock, mlp, "Batch") == "8"
    assert _cell(dock, vae, "Code size · KL weight") == "8 numbers · KL weight 1"
    assert _cell(dock, vae, "Accuracy") == ""


def test_sorting_by_accuracy_orders_runs_by_value(dock: RunsDock, saved_runs: list[Path]) -> None:
    column = COLUMN_TITLES.index("Accuracy")
    dock.runsTable.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    shown = [dock.runsTable.path_at(row) for row in range(dock.runsTable.rowCount())]
    accuracies = [summary_of(run).get("test_accuracy", -1.0) for run in shown]
    assert accuracies == sorted(accuracies, reverse=True)
    assert shown[-1] == saved_runs[2]  # the VAE has no accuracy


def _sort_keys(dock: RunsDock, column: int) -> list:
    table = dock.runsTable
    return [table.item(row, column).data(SORT_ROLE) for row in range(table.rowCount())]


def _click_header(dock: RunsDock, title: str, qtbot) -> int:
    header = dock.runsTable.horizontalHeader()
    column = COLUMN_TITLES.index(title)
    dock.runsTable.scrollTo(dock.runsTable.model().index(0, column))
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    return column


def test_newest_runs_come_first_and_the_arrow_says_so(
    dock: RunsDock, saved_runs: list[Path]
) -> None:
    header = dock.runsTable.horizontalHeader()
    assert header.isSortIndicatorShown()
    assert header.sortIndicatorSection() == COLUMN_TITLES.index("Date")
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    dates = _sort_keys(dock, COLUMN_TITLES.index("Date"))
    assert dates == sorted(dates, reverse=True)
    assert sort_arrow_points_down(header)  # largest first: the arrow's wide end on top


def test_clicking_a_header_sorts_the_rows_the_way_its_arrow_points(
    dock: RunsDock, saved_runs: list[Path], qtbot
) -> None:
    header = dock.runsTable.horizontalHeader()
    for title in ("Batch", "Epochs", "Accuracy", "Name", "Batch"):
        column = _click_header(dock, title, qtbot)
        for _ in range(2):  # the first click, then the second that flips the order
            order = header.sortIndicatorOrder()
            assert header.sortIndicatorSection() == column
            keys = _sort_keys(dock, column)
            descending = order == Qt.SortOrder.DescendingOrder
            assert keys == sorted(keys, reverse=descending), (title, order)
            assert sort_arrow_points_down(header) == descending, (title, order)
            _click_header(dock, title, qtbot)


def test_numeric_columns_sort_as_numbers_not_as_text(
    dock: RunsDock, saved_runs: list[Path]
) -> None:
    column = COLUMN_TITLES.index("Batch")
    dock.runsTable.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    shown = [dock.runsTable.item(row, column).text() for row in range(3)]
    assert shown == ["8", "64", "64"]  # as text, "64" would come before "8"


def test_columns_fit_new_longer_texts_until_a_person_sets_a_width(
    dock: RunsDock, saved_runs: list[Path]
) -> None:
    table = dock.runsTable
    rows = run_rows()
    table.set_rows([replace(row, status="training") for row in rows])
    status = COLUMN_TITLES.index("Status")
    narrow = table.columnWidth(status)
    table.set_rows(rows)  # "completed" is wider than "training"
    assert table.columnWidth(status) > narrow
    table.horizontalHeader().resizeSection(status, narrow)  # as a drag does
    table.set_rows(rows)
    assert table.columnWidth(status) == narrow


def test_refresh_keeps_the_selection_and_the_column_widths_a_person_set(
    dock: RunsDock, saved_runs: list[Path]
) -> None:
    dock.runsTable.setColumnWidth(0, 333)
    dock.runsTable.select_paths([saved_runs[1]])
    dock.refresh()
    assert dock.runsTable.columnWidth(0) == 333
    assert dock.runsTable.selected_paths() == [saved_runs[1]]


def test_open_asks_the_window_to_load_the_run(
    dock: RunsDock, saved_runs: list[Path], qtbot
) -> None:
    dock.runsTable.select_paths([saved_runs[1]])
    with qtbot.waitSignal(dock.open_requested) as opened:
        qtbot.mouseClick(dock.openButton, Qt.MouseButton.LeftButton)
    assert opened.args == [str(saved_runs[1])]


def test_rename_renames_the_folder_and_refuses_escapes_and_clashes(
    dock: RunsDock, saved_runs: list[Path], qtbot
) -> None:
    messages = _messages(dock)
    mlp, cnn, _ = saved_runs
    dock.runsTable.select_paths([mlp])
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
    assert dock.runsTable.rowCount() == 3
    assert _cell(dock, target, "Model") == "MLP (dense network)"
    assert dock.runsTable.selected_paths() == [target]


def test_f2_renames_and_the_delete_key_deletes_in_the_table(
    dock: RunsDock, saved_runs: list[Path], qtbot
) -> None:
    dock.ask_name = lambda current: f"{current} (copy kept)"
    dock.move_to_trash = lambda path: False
    dock.confirm_delete = lambda names: True
    dock.runsTable.select_paths([saved_runs[0]])
    dock.runsTable.setFocus()
    qtbot.keyClick(dock.runsTable, Qt.Key.Key_F2)
    renamed = runs_dir() / f"{saved_runs[0].name} (copy kept)"
    assert renamed.is_dir() and dock.runsTable.selected_paths() == [renamed]
    qtbot.keyClick(dock.runsTable, Qt.Key.Key_Delete)
    assert not renamed.exists() and dock.runsTable.rowCount() == 2


def test_delete_moves_to_the_trash_without_asking(
    dock: RunsDock, saved_runs: list[Path], tmp_path: Path
) -> None:
    trash = tmp_path / "trash"
    trash.mkdir()
    asked: list[list[str]] = []
    dock.move_to_trash = lambda path: bool(shutil.move(path, trash / path.name))
    dock.confirm_delete = lambda names: asked.append(names) or True
    dock.runsTable.select_paths([saved_runs[0]])
    dock.deleteButton.click()
    assert not saved_runs[0].exists() and (trash / saved_runs[0].name / "config.json").is_file()
    assert asked == []
    assert dock.runsTable.rowCount() == 2 and dock.runsTable.row_of(saved_runs[0]) is None


@pytest.mark.skipif(sys.platform != "linux", reason="the freedesktop.org trash is Linux's")
def test_delete_uses_the_real_system_trash(
    dock: RunsDock, saved_runs: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_home = tmp_path / "data"
    data_home.mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    if Path(location) != data_home:  # never let a test fill the real user's trash
        pytest.skip("Qt does not follow XDG_DATA_HOME here")
    dock.confirm_delete = lambda names: pytest.fail("asked although the trash works")
    assert dock.delete([saved_runs[0]]) == [saved_runs[0]]
    assert not saved_runs[0].exists()
    assert (data_home / "Trash" / "files" / saved_runs[0].name / "config.json").is_file()


def test_delete_without_a_trash_asks_first(dock: RunsDock, saved_runs: list[Path]) -> None:
    answers = [False, True]
    asked: list[list[str]] = []
    dock.move_to_trash = lambda path: False
    dock.confirm_delete = lambda names: asked.append(names) or answers.pop(0)
    dock.runsTable.select_paths([saved_runs[0], saved_runs[1]])
    assert dock.delete(dock.runsTable.selected_paths()) == []
    assert saved_runs[0].is_dir() and saved_runs[1].is_dir() and dock.runsTable.rowCount() == 3
    dock.deleteButton.click()
    assert sorted(asked[-1]) == sorted([saved_runs[0].name, saved_runs[1].name])
    assert not saved_runs[0].exists() and not saved_runs[1].exists()
    assert dock.runsTable.rowCount() == 1


def test_the_training_run_is_never_deleted(dock: RunsDock, saved_runs: list[Path]) -> None:
    messages = _messages(dock)
    dock.move_to_trash = lambda path: pytest.fail("the training run reached the trash")
    dock.set_training_run(str(saved_runs[0]))
    assert _cell(dock, saved_runs[0], "Status") == "completed"  # it has a summary already
    assert dock.delete([saved_runs[0]]) == []
    assert saved_runs[0].is_dir() and "training now" in messages[-1]


def test_compare_plots_one_curve_per_run_with_the_points_of_metrics_jsonl(
    dock: RunsDock, saved_runs: list[Path], qtbot
) -> None:
    mlp, cnn, _ = saved_runs
    panel = dock.compare_panel
    assert not dock.compareButton.isEnabled() and not panel.isVisible()
    dock.runsTable.select_paths([mlp, cnn])
    assert dock.compareButton.isEnabled()
    qtbot.mouseClick(dock.compareButton, Qt.MouseButton.LeftButton)
    assert panel.isVisible()
    plot = dock.findChild(type(panel.comparePlot), "comparePlot")
    assert plot is panel.comparePlot
    assert panel.metric == "val_accuracy"
    assert sorted(plot.series_names()) == sorted([mlp.name, cnn.name])
    for metric in ("val_accuracy", "val_loss"):
        panel.select_metric(metric)
        for run in (mlp, cnn):
            xs, ys = plot.series_data(run.name)
            records = epoch_records(run)
            assert xs.tolist() == [record["epoch"] for record in records]
            scale = 100 if metric.endswith("accuracy") else 1  # accuracies plot as percents
            assert ys.tolist() == pytest.approx([scale * record[metric] for record in records])
    legend = [label.text for _, label in plot.legend.items]
    assert sorted(legend) == sorted([mlp.name, cnn.name])
    panel.closeCompareButton.click()
    assert not panel.isVisible()


def test_compare_opens_a_window_of_its_own_with_the_legend_below_the_curves(
    dock: RunsDock, saved_runs: list[Path], qtbot
) -> None:
    mlp, cnn, _ = saved_runs
    dock.runsTable.select_paths([mlp, cnn])
    dock.compareButton.click()
    window = dock.compareWindow
    qtbot.waitExposed(window)
    assert window.objectName() == "compareWindow" and window.isWindow()
    assert not window.isModal() and dock.isVisible() and dock.runsTable.isEnabled()
    assert dock.compare_panel.window() is window
    plot = dock.compare_panel.comparePlot
    qtbot.waitUntil(lambda: plot.width() > 400)
    plot.redraw()
    view = plot.plot_item.getViewBox().sceneBoundingRect()
    legend = plot.legend.sceneBoundingRect()
    assert legend.height() > 0 and legend.top() >= view.bottom()  # below, never over data
    assert not legend.intersects(view)


def test_the_compare_plot_reads_as_plain_figures_with_a_caption(
    dock: RunsDock, saved_runs: list[Path], qtbot
) -> None:
    dock.runsTable.select_paths(saved_runs[:2])
    dock.compareButton.click()
    panel = dock.compare_panel
    plot, caption = panel.comparePlot, panel.compareCaption
    qtbot.waitUntil(lambda: plot.width() > 400)
    assert panel.metric == "val_accuracy"
    assert caption.text().startswith("Validation accuracy of each run")
    assert caption.text().endswith("higher is better.")
    left = plot.plot_item.getAxis("left")
    assert left.labelText == "validation accuracy (%)"
    plot.redraw()
    low, high = plot.plot_item.getViewBox().viewRange()[1]
    ticks = [value for _, values in left.tickValues(low, high, 300) for value in values]
    strings = left.tickStrings(ticks, left.autoSIPrefixScale, 1.0)
    assert left.autoSIPrefixScale == 1.0 and left.labelUnitPrefix == ""  # never "x0.001"
    assert all(re.fullmatch(r"\d+(\.\d+)?", text) for text in strings), strings  # plain
    assert max(map(float, strings)) > 50  # percents, not fractions of 1
    panel.select_metric("val_loss")
    assert caption.text().startswith("Validation loss") and "lower is better" in caption.text()
    assert plot.plot_item.getAxis("left").labelText == "validation loss"


def test_the_compare_window_closes_with_esc_and_comes_back_where_it_was(
    saved_runs: list[Path], qtbot
) -> None:
    first = RunsDock()
    qtbot.addWidget(first)
    first.show()
    first.runsTable.select_paths(saved_runs[:2])
    first.compareButton.click()
    window = first.compareWindow
    qtbot.waitExposed(window)
    window.resize(640, 420)
    qtbot.waitUntil(lambda: window.size().width() == 640)
    qtbot.keyClick(first.compare_panel.compareMetricCombo, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isVisible())

    again = RunsDock()
    qtbot.addWidget(again)
    again.show()
    again.runsTable.select_paths(saved_runs[:2])
    again.compareButton.click()
    qtbot.waitExposed(again.compareWindow)
    assert (again.compareWindow.width(), again.compareWindow.height()) == (640, 420)


def test_compare_offers_only_metrics_every_run_logged(
    dock: RunsDock, saved_runs: list[Path]
) -> None:
    mlp, _, vae = saved_runs
    dock.runsTable.select_paths([mlp, vae])
    dock.compareButton.click()
    combo = dock.compare_panel.compareMetricCombo
    assert [combo.itemData(i) for i in range(combo.count())] == ["val_loss", "loss"]
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "validation loss",
        "training loss",
    ]


def test_export_writes_the_compared_points_as_csv_and_the_plot_as_png(
    dock: RunsDock, saved_runs: list[Path], tmp_path: Path, qtbot
) -> None:
    mlp, cnn, _ = saved_runs
    panel = dock.compare_panel
    assert not panel.exportCompareCsvButton.isEnabled()
    dock.runsTable.select_paths([mlp, cnn])
    dock.compareButton.click()
    qtbot.waitUntil(lambda: panel.comparePlot.width() > 200)  # laid out, as a person sees it
    panel.select_metric("val_loss")
    targets = {".csv": tmp_path / "compare.csv", ".png": tmp_path / "compare.png"}
    panel.choose_save_path = lambda title, suggested, file_filter: str(
        targets[Path(suggested).suffix]
    )
    panel.exportCompareCsvButton.click()
    panel.exportComparePngButton.click()

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
    dock: RunsDock, saved_runs: list[Path]
) -> None:
    dock.runsTable.select_paths([saved_runs[0], saved_runs[1]])
    dock.compareButton.click()
    assert dock.compare_panel.comparePlot.series_names()
    dock.rename(saved_runs[0], "renamed")
    assert dock.compare_panel.comparePlot.series_names() == []
    assert not dock.compare_panel.exportComparePngButton.isEnabled()


def test_view_menu_toggles_the_dock_with_ctrl_r_and_the_window_remembers_it(
    ready_window, qtbot, saved_runs: list[Path]
) -> None:
    from kc_desktop.ui.main_window import SHORTCUTS_HELP, MainWindow

    view_menu = next(
        action.menu() for action in ready_window.menuBar().actions() if action.text() == "&View"
    )
    toggle = next(action for action in view_menu.actions() if action.text() == "&Runs")
    assert toggle.shortcut().toString() == "Ctrl+R" and "Ctrl+R" in SHORTCUTS_HELP
    assert not ready_window.runsDock.isVisible()
    toggle.trigger()
    assert ready_window.runsDock.isVisible()
    assert ready_window.runsDock.runsTable.rowCount() == len(saved_runs)
    assert ready_window.mainTabs.count() == 5
    ready_window.close()

    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    again.load_core()
    qtbot.waitUntil(lambda: again.is_core_ready, timeout=60_000)
    assert again.runsDock.isVisible()
    again.runsDock.toggleViewAction().trigger()
    again.close()


def test_double_click_opens_the_run_in_the_gallery_and_classify_tabs(
    ready_window, qtbot, saved_runs: list[Path]
) -> None:
    dock = ready_window.runsDock
    dock.show()
    qtbot.waitExposed(dock.runsTable)
    for run, tab in (
        (saved_runs[1], ready_window.classify_tab),
        (saved_runs[2], ready_window.gallery_tab),
    ):
        row = dock.runsTable.row_of(run)
        rect = dock.runsTable.visualRect(dock.runsTable.model().index(row, 0))
        # An item view opens on a double-click only where the press before it landed.
        qtbot.mouseClick(dock.runsTable.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(dock.runsTable.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert ready_window.current_run.path == run
        assert ready_window.classify_tab.run is ready_window.current_run
        assert ready_window.gallery_tab.run_dir == run
        assert ready_window.mainTabs.currentWidget() is tab


def test_presenter_mode_enlarges_the_compare_window_too(
    ready_window, saved_runs: list[Path], qtbot
) -> None:
    dock = ready_window.runsDock
    dock.show()
    dock.runsTable.select_paths(saved_runs[:2])
    dock.compareButton.click()
    caption = dock.compare_panel.compareCaption
    usual = caption.font().pointSizeF()
    ready_window.set_presenter_mode(True)
    assert caption.font().pointSizeF() == pytest.approx(1.5 * usual)
    ready_window.set_presenter_mode(False)
    assert caption.font().pointSizeF() == pytest.approx(usual)


def test_renaming_the_open_run_reopens_it_from_its_new_folder(
    ready_window, saved_runs: list[Path]
) -> None:
    dock = ready_window.runsDock
    dock.show()
    dock.open_run(saved_runs[1])
    target = dock.rename(saved_runs[1], "best cnn")
    assert ready_window.current_run.path == target
    assert ready_window.gallery_tab.run_dir == target
    assert ready_window.windowTitle().startswith("Small CNN (28x28) on")  # one name per model


def test_the_dock_refreshes_when_a_run_ends(
    ready_window, saved_runs: list[Path], tiny_mlp_dir: Path
) -> None:
    dock = ready_window.runsDock
    dock.show()
    dock.set_training_run(str(saved_runs[1]))
    shutil.rmtree(saved_runs[0])
    new = Path(shutil.copytree(tiny_mlp_dir, runs_dir() / "later run"))
    assert dock.runsTable.rowCount() == 3 and dock.runsTable.row_of(new) is None  # not re-read yet
    ready_window.session.finished.emit(summary_of(new) | {"run_dir": str(new)})
    assert dock.training_run is None
    assert dock.runsTable.rowCount() == 3
    assert dock.runsTable.row_of(new) is not None and dock.runsTable.row_of(saved_runs[0]) is None


def test_the_dock_shows_a_running_runs_latest_epoch(ready_window, saved_runs: list[Path]) -> None:
    dock, run = ready_window.runsDock, saved_runs[0]
    (run / "summary.json").unlink()  # a run still training has no summary yet
    checkpoint = run / "checkpoint.json"
    record = json.loads(checkpoint.read_text())
    checkpoint.write_text(json.dumps(record | {"epoch": 1}))
    dock.show()
    dock.set_training_run(str(run))
    assert _cell(dock, run, "Epochs") == "1 of 2"
    checkpoint.write_text(json.dumps(record | {"epoch": 2}))  # the engine saved epoch 2
    ready_window.session.epoch_ended.emit({"epoch": 2, "seconds": 1.0})
    assert _cell(dock, run, "Epochs") == "2"
