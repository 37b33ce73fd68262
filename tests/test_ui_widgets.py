"""Reusable widgets: image conversion, image grid, drop area, draw canvas, plots and bars.

Everything here is real behaviour through Qt: real drag-and-drop events with file URLs, the
real clipboard, mouse strokes through QTest, and pixels read back from rendered widgets.
"""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QDragLeaveEvent, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from helpers import drag_enter, drop
from kc_desktop.ui.images import array_to_qimage, qimage_to_array
from kc_desktop.ui.widgets import curve_plot
from kc_desktop.ui.widgets.bar_chart import BarChart
from kc_desktop.ui.widgets.curve_plot import (
    FRAME_SHARE,
    MAX_REDRAW_INTERVAL_MS,
    REDRAW_INTERVAL_MS,
    CurvePlot,
    redraw_interval_ms,
)
from kc_desktop.ui.widgets.draw_canvas import DrawCanvas
from kc_desktop.ui.widgets.drop_area import DropArea
from kc_desktop.ui.widgets.image_grid import ImageGrid
from kc_desktop.ui.widgets.prediction_bars import TOP_COLOR, PredictionBars

NO_MODIFIER = Qt.KeyboardModifier.NoModifier
LEFT = Qt.MouseButton.LeftButton


def _show(qtbot, widget, width: int, height: int):
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _rendered(widget) -> np.ndarray:
    """The widget as painted now, as uint8 (H, W, 3)."""
    return qimage_to_array(widget.grab().toImage(), mode="RGB")


def test_widgets_import_neither_torch_nor_the_core() -> None:
    """The widgets take numpy in, so they load fast, before torch (the window shows first)."""
    modules = ["images"] + [
        f"widgets.{name}"
        for name in (
            "image_grid",
            "drop_area",
            "draw_canvas",
            "curve_plot",
            "prediction_bars",
            "bar_chart",
        )
    ]
    code = (
        "import sys\n"
        + "".join(f"import kc_desktop.ui.{module}\n" for module in modules)
        + "bad = [m for m in sys.modules if m == 'torch' or m.startswith('kc_desktop.core')]\n"
        + "print(bad)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_window_module_loads_without_torch_or_pyqtgraph() -> None:
    """The window paints its placeholder pages first; numpy and the plots come with the tabs."""
    code = (
        "import sys\n"
        "import kc_desktop.ui.main_window\n"
        "print([m for m in ('torch', 'pyqtgraph', 'numpy') if m in sys.modules])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"


# ---------------------------------------------------------------- images.py
@pytest.mark.parametrize("shape", [(5, 7), (5, 7, 1), (5, 7, 3), (5, 7, 4)])
def test_array_to_qimage_round_trips_and_owns_its_pixels(shape: tuple[int, ...]) -> None:
    rng = np.random.default_rng(0)
    source = rng.integers(0, 256, shape, dtype=np.uint8)
    expected = source.copy()
    image = array_to_qimage(source)
    source[...] = 0  # the QImage must not share this buffer...
    del source
    gc.collect()
    _ = [np.full(shape, 77, dtype=np.uint8) for _ in range(50)]  # ...nor see it reused
    assert (image.width(), image.height()) == (7, 5)
    mode = {1: "L", 3: "RGB", 4: "RGBA"}[shape[2] if len(shape) == 3 else 1]
    back = qimage_to_array(image, mode=mode)
    assert back.dtype == np.uint8
    assert np.array_equal(back.reshape(expected.shape), expected)


def test_qimage_to_array_handles_padded_rows_and_modes() -> None:
    rgb = np.arange(3 * 5 * 3, dtype=np.uint8).reshape(3, 5, 3)  # 15-byte rows, padded to 16
    image = array_to_qimage(rgb[:, ::-1])  # a non-contiguous view works too
    assert image.bytesPerLine() > 15
    assert np.array_equal(qimage_to_array(image, "RGB"), rgb[:, ::-1])
    grey = qimage_to_array(image, "L")
    assert grey.shape == (3, 5) and grey.dtype == np.uint8
    with pytest.raises(ValueError, match="uint8"):
        array_to_qimage(np.zeros((4, 4), dtype=np.float32))
    with pytest.raises(ValueError, match="shape"):
        array_to_qimage(np.zeros((4, 4, 2), dtype=np.uint8))


# ---------------------------------------------------------------- ImageGrid
def _checkerboard(side: int = 8) -> np.ndarray:
    return ((np.indices((side, side)).sum(axis=0) % 2) * 255).astype(np.uint8)


def test_image_grid_upscales_tiny_images_crisply_with_captions(qtbot) -> None:
    grid = _show(qtbot, ImageGrid(objectName="grid"), 640, 400)
    board = _checkerboard(8)
    images = np.stack([board] * 6)[..., None]  # (N, H, W, 1)
    captions = [f"true {i} / pred {i} (9{i}%)" for i in range(6)]
    grid.set_images(images, captions)
    assert grid.objectName() == "grid"
    assert grid.image_count() == 6 and grid.captions() == captions
    layout = grid._layout
    assert layout is not None and 64 <= layout.cell <= 96
    assert layout.cell % 8 == 0, "cells are whole multiples of the image side"

    shown = _rendered(grid)[..., 0]
    cell = layout.cell_rect(0)
    inside = shown[cell.top() + 1 : cell.bottom() - 1, cell.left() + 1 : cell.right() - 1]
    assert set(np.unique(inside)) <= {0, 255}, "nearest neighbour: no blurred grey pixels"
    scale = layout.cell // 8
    expected = np.kron(board, np.ones((scale, scale), dtype=np.uint8))
    assert np.array_equal(
        shown[cell.top() : cell.bottom() + 1, cell.left() : cell.right() + 1], expected
    )

    sheet = grid.current_pixmap()
    assert sheet is not None and sheet.width() >= 3 * layout.cell

    grid.resize(200, 400)
    assert grid._layout.columns < layout.columns, "fewer columns in a narrower widget"
    with pytest.raises(ValueError, match="captions"):
        grid.set_images([board, board], ["only one"])


def test_image_grid_single_image_keeps_aspect_and_saves_exact_pixels(qtbot, tmp_path: Path) -> None:
    grid = _show(qtbot, ImageGrid(), 500, 300)
    rng = np.random.default_rng(1)
    sheet = rng.integers(0, 256, (30, 60, 3), dtype=np.uint8)
    grid.set_single_image(sheet)
    pixmap = grid.current_pixmap()
    assert (pixmap.width(), pixmap.height()) == (60, 30)
    assert np.array_equal(qimage_to_array(pixmap.toImage(), "RGB"), sheet)
    target = tmp_path / "sheet.png"
    assert grid.save_png(str(target))
    assert np.array_equal(np.asarray(Image.open(target).convert("RGB")), sheet)

    shown = _rendered(grid)
    background = shown[0, 0]
    drawn = np.argwhere(np.any(shown != background, axis=2))
    height = drawn[:, 0].max() - drawn[:, 0].min() + 1
    width = drawn[:, 1].max() - drawn[:, 1].min() + 1
    assert abs(width / height - 2.0) < 0.05, "aspect ratio kept"
    assert width > 400, "scaled up to fill the widget"


def test_image_grid_shows_placeholder_when_empty(qtbot, tmp_path: Path) -> None:
    grid = _show(qtbot, ImageGrid(), 320, 160)
    grid.set_images([_checkerboard()])
    grid.set_placeholder("Samples appear here once the dataset is loaded.")
    assert grid.is_empty() and grid.current_pixmap() is None
    assert not grid.save_png(str(tmp_path / "empty.png"))
    shown = _rendered(grid)
    assert len(np.unique(shown.reshape(-1, 3), axis=0)) > 2, "placeholder text is painted"
    grid.set_images(np.zeros((0, 8, 8, 1), dtype=np.uint8))
    assert grid.is_empty()


# ---------------------------------------------------------------- DropArea
_drag_enter = drag_enter
_drop = drop


def _url_mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def test_drop_area_real_drop_of_files_emits_their_paths(qtbot, tmp_path: Path) -> None:
    area = _show(qtbot, DropArea(), 400, 110)
    first, second = tmp_path / "a.png", tmp_path / "b.txt"
    Image.fromarray(_checkerboard()).save(first)
    second.write_text("not an image: the receiver reports that, not the drop area")
    mime = _url_mime(first, second)
    idle = _rendered(area)
    enter = _drag_enter(area, mime)
    assert enter.isAccepted() and area.is_drag_active()
    assert not np.array_equal(_rendered(area), idle), "highlighted while dragging over"
    with qtbot.waitSignal(area.files_dropped, timeout=1000) as blocker:
        drop = _drop(area, mime)
    assert drop.isAccepted()
    assert blocker.args == [[str(first), str(second)]]
    assert not area.is_drag_active()

    _drag_enter(area, mime)
    QApplication.sendEvent(area, QDragLeaveEvent())
    assert not area.is_drag_active()


def test_drop_area_folders_only_when_accepted(qtbot, tmp_path: Path) -> None:
    folder = tmp_path / "classes"
    folder.mkdir()
    files_only = _show(qtbot, DropArea(), 300, 90)
    assert not _drag_enter(files_only, _url_mime(folder)).isAccepted()
    web = QMimeData()
    web.setUrls([QUrl("https://example.com/cat.png")])
    assert not _drag_enter(files_only, web).isAccepted()

    folders = _show(qtbot, DropArea(accept_dirs=True), 300, 70)
    assert "folder" in folders.message().lower()
    assert _drag_enter(folders, _url_mime(folder)).isAccepted()
    with qtbot.waitSignal(folders.folder_dropped, timeout=1000) as blocker:
        _drop(folders, _url_mime(folder))
    assert blocker.args == [str(folder)]


def test_drop_area_pastes_an_image_or_files_from_the_clipboard(qtbot, tmp_path: Path) -> None:
    area = _show(qtbot, DropArea(), 400, 110)
    clipboard = QApplication.clipboard()
    image = QImage(6, 4, QImage.Format.Format_RGB888)
    image.fill(QColor(200, 30, 60))
    clipboard.setImage(image)
    with qtbot.waitSignal(area.image_pasted, timeout=1000) as blocker:
        QTest.keyClick(area, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    pasted = blocker.args[0]
    assert isinstance(pasted, np.ndarray) and pasted.dtype == np.uint8
    assert pasted.shape == (4, 6, 3)
    assert np.all(pasted == np.array([200, 30, 60], dtype=np.uint8))

    path = tmp_path / "copied.png"
    Image.fromarray(_checkerboard()).save(path)
    clipboard.setMimeData(_url_mime(path))
    with qtbot.waitSignal(area.files_dropped, timeout=1000) as blocker:
        assert area.paste()
    assert blocker.args == [[str(path)]]

    clipboard.clear()
    with qtbot.waitSignal(area.rejected, timeout=1000) as blocker:
        assert not area.paste()
    assert "clipboard" in blocker.args[0]


def test_drop_area_click_opens_the_chooser(qtbot, tmp_path: Path) -> None:
    area = _show(qtbot, DropArea(), 400, 110)
    chosen = [str(tmp_path / "x.png"), str(tmp_path / "y.jpg")]
    area.choose_files = lambda: chosen
    with qtbot.waitSignal(area.files_dropped, timeout=1000) as blocker:
        QTest.mouseClick(area, LEFT, NO_MODIFIER, QPoint(200, 55))
    assert blocker.args == [chosen]
    area.choose_files = list  # a cancelled dialog emits nothing
    with qtbot.assertNotEmitted(area.files_dropped):
        QTest.mouseClick(area, LEFT, NO_MODIFIER, QPoint(200, 55))

    folders = _show(qtbot, DropArea(accept_dirs=True), 300, 70)
    folders.choose_folder = lambda: str(tmp_path)
    with qtbot.waitSignal(folders.folder_dropped, timeout=1000) as blocker:
        QTest.mouseClick(folders, LEFT, NO_MODIFIER, QPoint(150, 35))
    assert blocker.args == [str(tmp_path)]


# ---------------------------------------------------------------- DrawCanvas
def _stroke(widget, points: list[tuple[float, float]]) -> None:
    """Press, move through ``points`` (fractions of the widget size), release."""
    pos = [QPoint(int(x * widget.width()), int(y * widget.height())) for x, y in points]
    QTest.mousePress(widget, LEFT, NO_MODIFIER, pos[0])
    for point in pos[1:]:
        QTest.mouseMove(widget, point)
    QTest.mouseRelease(widget, LEFT, NO_MODIFIER, pos[-1])


def test_draw_canvas_strokes_ink_where_drawn_and_clear_empties(qtbot) -> None:
    canvas = _show(qtbot, DrawCanvas(), 280, 280)
    assert canvas.is_blank() and canvas.to_array().max() == 0
    emitted: list[np.ndarray] = []
    canvas.drawn.connect(emitted.append)
    _stroke(canvas, [(0.5, 0.2 + 0.05 * i) for i in range(13)])
    assert emitted, "drawn is emitted on release"
    drawing = emitted[-1]
    assert drawing.dtype == np.uint8 and drawing.shape == (280, 280)
    assert drawing[140, 140] == 255, "ink on the stroke"
    assert drawing[140, 20] == 0 and drawing[20, 140] == 0, "no ink far from it"
    small = canvas.to_array(28)
    assert small.shape == (28, 28) and small[14, 14] > 200 and small[14, 2] == 0
    assert np.any((small > 0) & (small < 255)), "area averaging leaves soft edges"

    with qtbot.waitSignal(canvas.drawn, timeout=1000) as blocker:
        canvas.clear()
    assert blocker.args[0].max() == 0 and canvas.to_array().max() == 0 and canvas.is_blank()

    _stroke(canvas, [(0.3, 0.3), (0.7, 0.7)])
    assert canvas.to_array().max() == 255
    QTest.keyClick(canvas, Qt.Key.Key_Delete)
    assert canvas.to_array().max() == 0
    _stroke(canvas, [(0.3, 0.3), (0.7, 0.7)])
    QTest.keyClick(canvas, Qt.Key.Key_Backspace)
    assert canvas.to_array().max() == 0


def test_draw_canvas_throttles_while_drawing_and_always_emits_on_release(qtbot) -> None:
    canvas = _show(qtbot, DrawCanvas(emit_interval_ms=60_000), 200, 200)
    emitted: list[np.ndarray] = []
    canvas.drawn.connect(emitted.append)
    QTest.mousePress(canvas, LEFT, NO_MODIFIER, QPoint(20, 100))
    for x in range(25, 180, 5):
        QTest.mouseMove(canvas, QPoint(x, 100))
    assert len(emitted) == 1, "at most one emit per interval while the button is held"
    QTest.mouseRelease(canvas, LEFT, NO_MODIFIER, QPoint(180, 100))
    assert len(emitted) == 2
    assert emitted[-1][140, 100 * 280 // 200] == 255, "the release carries the whole stroke"


# ---------------------------------------------------------------- CurvePlot
def _reference_ema(values: np.ndarray, weight: float) -> np.ndarray:
    total, out = 0.0, []
    for count, value in enumerate(values, start=1):
        total = weight * total + (1 - weight) * value
        out.append(total / (1 - weight**count))
    return np.array(out)


def test_curve_plot_holds_100k_points_and_redraws(qtbot, tmp_path: Path) -> None:
    plot = _show(qtbot, CurvePlot(title="Loss", x_label="step", y_label="loss"), 600, 360)
    plot.add_series("train loss", "#1f77b4", smooth=True)
    plot.add_series("val loss", "#ff7f0e", width=3)
    rng = np.random.default_rng(0)
    xs = np.arange(100_000, dtype=np.float64)
    ys = 2.0 * np.exp(-xs / 30_000) + rng.normal(0, 0.1, xs.size)
    reallocations, buffer = 0, None
    for start in range(0, xs.size, 1000):  # batches, as the training worker sends them
        plot.extend("train loss", xs[start : start + 1000], ys[start : start + 1000])
        current = plot._series["train loss"].xs._data
        reallocations += current is not buffer
        buffer = current
    for epoch in range(1, 6):
        plot.append("val loss", epoch * 20_000, 2.0 * np.exp(-epoch * 20_000 / 30_000))
    assert reallocations <= 10, "buffers double instead of growing per append"
    assert plot.is_dirty()
    plot.redraw()
    assert not plot.is_dirty()

    got_x, got_y = plot.series_data("train loss")
    assert np.array_equal(got_x, xs) and np.array_equal(got_y, ys)
    got_x[0] = -1.0
    assert plot.series_data("train loss")[0][0] == 0.0, "series_data returns copies"
    item = plot.curve_item("train loss")
    assert len(item.xData) == 100_000 and len(item.yData) == 100_000
    assert item.opts["autoDownsample"] and item.opts["downsampleMethod"] == "peak"
    assert item.opts["clipToView"]
    smoothed = plot.smoothed_data("train loss")
    assert np.allclose(smoothed[:500], _reference_ema(ys[:500], 0.9))
    assert np.array_equal(item.yData, smoothed), "the drawn line is the moving average"
    assert np.std(np.diff(smoothed)) < np.std(np.diff(ys)) / 3, "the average is smoother"
    target = tmp_path / "loss.png"
    assert plot.export_png(str(target)) and target.stat().st_size > 1000


def test_curve_plot_redraws_on_its_timer_only_when_dirty(qtbot) -> None:
    plot = _show(qtbot, CurvePlot(title="Accuracy", x_label="step"), 400, 260)
    plot.add_series("accuracy", "#1f77b4")
    assert plot._placeholder.isVisible()
    plot.append("accuracy", 1, 0.5)
    plot.extend("accuracy", [2, 3], [0.6, 0.7])
    assert plot.curve_item("accuracy").xData is None or len(plot.curve_item("accuracy").xData) == 0
    qtbot.waitUntil(lambda: not plot.is_dirty(), timeout=5000)
    assert list(plot.curve_item("accuracy").yData) == [0.5, 0.6, 0.7]
    assert not plot._placeholder.isVisible()
    qtbot.waitUntil(lambda: not plot._redraw_timer.isActive(), timeout=5000)
    plot.append("accuracy", 4, float("nan"))  # a NaN loss must not break the plot
    assert plot._redraw_timer.isActive(), "new points restart the timer"
    plot.add_series("diverged", "#d62728", smooth=True)
    plot.extend("diverged", [1, 2], [float("nan"), float("inf")])
    qtbot.waitUntil(lambda: not plot.is_dirty(), timeout=5000)
    _rendered(plot)  # paints without warnings (pytest turns them into errors)
    assert np.isnan(plot.series_data("accuracy")[1][-1]), "the point is kept in the data"
    assert list(plot.curve_item("accuracy").yData) == [0.5, 0.6, 0.7], "but not drawn"
    with pytest.raises(ValueError, match="x values"):
        plot.extend("accuracy", [1, 2], [1])
    with pytest.raises(KeyError):
        plot.series_data("missing")


def test_curve_plot_markers_legend_and_clear(qtbot) -> None:
    plot = _show(qtbot, CurvePlot(title="Loss", x_label="step", y_label="loss"), 500, 300)
    plot.add_series("D loss", "#d62728", smooth=True)
    plot.add_series("G loss", "#2ca02c", smooth=True)
    plot.extend("D loss", range(50), np.linspace(1.4, 0.6, 50))
    plot.extend("G loss", range(50), np.linspace(0.7, 2.0, 50))
    plot.add_marker(25, "lr 0.001 → 0.0005")
    plot.redraw()
    assert plot.markers() == [(25.0, "lr 0.001 → 0.0005")]
    legend_names = [label.text for _, label in plot.legend.items]
    assert legend_names == ["D loss", "G loss"], "one legend row per series, not per raw line"
    smoothed = plot.smoothed_data("D loss")
    assert np.isfinite(smoothed).all()
    plot.clear()
    assert plot.series_names() == [] and plot.markers() == []
    assert plot.legend.items == []
    plot.append("new", 0, 1.0)  # an unknown name is created with a default colour
    assert plot.series_names() == ["new"]


# ---------------------------------------------------------------- PredictionBars
def _blue_width(widget) -> int:
    """Widest run of the top bar's colour in any row of the rendered widget."""
    shown = _rendered(widget).astype(int)
    target = np.array([TOP_COLOR.red(), TOP_COLOR.green(), TOP_COLOR.blue()])
    mask = np.abs(shown - target).sum(axis=2) < 30
    return int(mask.sum(axis=1).max())


def test_prediction_bars_show_bars_or_a_message(qtbot) -> None:
    bars = _show(qtbot, PredictionBars(), 400, 150)
    bars.set_predictions([("3", 0.9), ("5", 0.06), ("8", 0.04)])
    assert bars.predictions() == [("3", 0.9), ("5", 0.06), ("8", 0.04)]
    assert bars.message() == "" and "3: 90.00%" in bars.toolTip()
    confident = _blue_width(bars)
    bars.set_predictions([("3", 0.3), ("5", 0.29)])
    unsure = _blue_width(bars)
    assert confident > 2.5 * unsure > 0, "bar length follows the probability"

    reason = "Could not read this file: truncated image"
    bars.set_message(reason)
    assert bars.message() == reason and bars.predictions() == []
    assert _blue_width(bars) == 0
    bars.set_predictions([])
    assert bars.message()


# ---------------------------------------------------------------- BarChart
def test_bar_chart_groups_bars_per_split_with_category_labels(qtbot) -> None:
    chart = _show(qtbot, BarChart(objectName="classHistogram"), 460, 260)
    assert chart._placeholder.isVisible()
    categories = ["circle", "square", "triangle"]
    counts = {"train": [80, 82, 79], "val": [10, 9, 11], "test": [10, 11, 9]}
    chart.set_counts(categories, counts)
    assert chart.counts() == counts and chart.categories() == categories
    assert not chart._placeholder.isVisible()
    items = chart.bar_items()
    assert len(items) == 3
    for item, (_, heights) in zip(items, counts.items(), strict=True):
        assert list(item.opts["height"]) == heights
    xs = [item.opts["x"] for item in items]
    assert xs[0][0] < xs[1][0] < xs[2][0] < xs[0][1], "bars grouped per category"
    ticks = chart.plot_item.getAxis("bottom")._tickLevels[0]
    assert [label for _, label in ticks] == categories
    assert [label.text for _, label in chart.legend.items] == ["train", "val", "test"]
    with pytest.raises(ValueError, match="counts"):
        chart.set_counts(categories, {"train": [1, 2]})
    chart.clear()
    assert chart.bar_items() == [] and chart._placeholder.isVisible()


def test_the_redraw_rate_follows_what_a_frame_costs(qtbot) -> None:
    assert redraw_interval_ms(0.0005) == REDRAW_INTERVAL_MS  # cheap frames: 20 a second
    assert redraw_interval_ms(0.010) == round(10 / FRAME_SHARE)  # 10 ms frames: 5 a second
    assert redraw_interval_ms(5.0) == MAX_REDRAW_INTERVAL_MS  # still one a second
    plot = _show(qtbot, CurvePlot(title="Loss", x_label="step"), 400, 260)
    plot.add_series("loss", "#1f77b4")
    plot.extend("loss", [1, 2, 3], [0.9, 0.8, 0.7])
    plot.plot_widget.take_paint_s()
    plot.plot_widget.paint_s = 0.030  # as if it had painted for 30 ms since the last frame
    plot._on_redraw_timer_timeout()  # the timer's tick, now: no paint can come in between
    assert not plot.is_dirty()
    assert plot.redraw_interval_ms() >= round(30 / FRAME_SHARE)  # frames got rarer
    assert list(plot.curve_item("loss").yData) == [0.9, 0.8, 0.7]


def test_plots_redrawing_together_share_one_frame_budget(qtbot) -> None:
    """Three plots of 15 ms frames redraw as rarely as one plot of 45 ms frames would: the
    GUI thread's share spent on curves does not grow with the number of plots."""
    curve_plot._frame_costs.clear()  # plots of earlier tests that Qt deleted mid-redraw
    plots = [_show(qtbot, CurvePlot(title=name), 300, 200) for name in ("a", "b", "c")]
    for plot in plots:
        plot.add_series("loss", "#1f77b4")
        plot.extend("loss", [1, 2], [0.9, 0.8])
        plot.plot_widget.take_paint_s()
        plot.plot_widget.paint_s = 0.015
        plot._on_redraw_timer_timeout()
    assert plots[-1].redraw_interval_ms() >= round(45 / FRAME_SHARE)
    plots[0].hide()
    plots[0]._on_redraw_timer_timeout()  # hidden: it stops and leaves the budget to the others
    plots[-1].extend("loss", [3], [0.7])
    plots[-1].plot_widget.take_paint_s()
    plots[-1].plot_widget.paint_s = 0.015
    plots[-1]._on_redraw_timer_timeout()
    assert round(30 / FRAME_SHARE) <= plots[-1].redraw_interval_ms() < round(45 / FRAME_SHARE)
