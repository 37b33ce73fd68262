"""Live training curves that stay smooth at 100,000 points.

Three habits keep the GUI responsive while a run logs many points a second (the pattern of
pyqtgraph's own scrolling-plot examples):

* points go into growable numpy buffers (capacity doubles when full, so appending is
  amortised O(1)); the curves get views of those buffers, never Python lists re-converted;
* the curves are redrawn on a QTimer, and only when a point arrived since the last
  redraw (a dirty flag), however fast points come in. The timer's interval adapts to what
  a frame costs (handing the points over plus the paint that follows): all the plots that
  are redrawing together spend at most ``FRAME_SHARE`` of the GUI thread on frames (one
  budget, shared: each plot's interval follows the summed cost of the last frames of all
  of them), never more often than 20 Hz. At 25 unconditional frames the GUI thread used
  about a quarter of a core, and with a budget per plot the Train tab's three plots still
  held the GUI thread (and Python's GIL, which the training thread needs between its
  kernels) 16% of the time: the window trained at 0.84 of the headless speed. On a slow or
  busy machine frames get rarer, not the training slower; a hidden plot draws nothing;
* pyqtgraph draws only what is in view (``setClipToView``) and at most a few points per
  pixel column, keeping the peaks (``setDownsampling(auto=True, mode="peak")``);
* the view range moves only when a point falls outside it, with headroom ahead of the
  curves (``_fit_view``), not on every new point as pyqtgraph's auto-range does: each
  move re-renders the axes' ticks, labels and grid in a second, larger paint, which was
  half of a frame's cost while a run logs steps (a falling loss moved the view every frame).

A smoothed series shows an exponential moving average over a faint raw line, the way
TensorBoard does: noisy per-step losses are easier to read. The average is updated as points
arrive (O(1) per point), not recomputed over the whole buffer each frame.
"""

from __future__ import annotations

import math
import time
import weakref
from collections.abc import Iterable
from itertools import cycle

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QGraphicsItem, QLabel, QVBoxLayout, QWidget

REDRAW_INTERVAL_MS = 50  # at most 20 frames a second; frames only when points arrived
MAX_REDRAW_INTERVAL_MS = 1000  # and at least one a second while points arrive
FRAME_SHARE = 0.05  # of the GUI thread's time all plots together may spend on frames
INITIAL_CAPACITY = 256
SYMBOLS_UP_TO = 50  # plain series with this few points get a dot on each point
DEFAULT_SMOOTHING = 0.9
RAW_SHARE = 0.3  # the raw line of a smoothed series: 30% its colour, 70% background
X_HEADROOM = 0.25  # the x range reaches 25% past the newest point: a few moves per run
Y_MARGIN = 0.08  # share of the data's span left free below and above the curves
Y_HEADROOM = 0.25  # and past the side the curves left the view by: a falling loss moves it rarely
MARKER_COLOR = "#8c8c8c"
LEGEND_ROW = 4  # of pyqtgraph's plot layout: title, top axis, view, bottom axis, then this
FALLBACK_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b")


_frame_costs: weakref.WeakKeyDictionary[CurvePlot, float] = weakref.WeakKeyDictionary()
"""The last frame's cost (seconds) of every plot redrawing now: the budget they share."""


class _GrowableArray:
    """A float64 buffer that doubles its capacity when full; ``view()`` is the filled part."""

    def __init__(self, capacity: int = INITIAL_CAPACITY) -> None:
        self._data = np.empty(capacity, dtype=np.float64)
        self.size = 0

    def reserve(self, extra: int) -> None:
        needed = self.size + extra
        if needed > len(self._data):
            capacity = max(needed, 2 * len(self._data))
            grown = np.empty(capacity, dtype=np.float64)
            grown[: self.size] = self._data[: self.size]
            self._data = grown

    def extend(self, values: np.ndarray) -> None:
        self.reserve(len(values))
        self._data[self.size : self.size + len(values)] = values
        self.size += len(values)

    def view(self) -> np.ndarray:
        return self._data[: self.size]


class _Series:
    """One named curve: its buffers, its running average and its plot items."""

    def __init__(self, name: str, color: str, smooth: bool, width: float, smoothing: float):
        self.name = name
        self.color = QColor(color)
        self.smooth = smooth
        self.width = width
        self.smoothing = smoothing
        self.xs = _GrowableArray()
        self.ys = _GrowableArray()
        self.ema = _GrowableArray() if smooth else None
        self.y_min = math.inf  # finite data range, for the view and the legend
        self.y_max = -math.inf
        self.x_min = math.inf
        self.x_max = -math.inf
        self._ema_sum = 0.0  # biased running average
        self._ema_count = 0  # finite points seen, for the bias correction
        self.dirty = False
        self.has_gaps = False  # a NaN or inf point arrived: curves get the finite points only
        self.symbols_shown = False
        self.raw_item: pg.PlotDataItem | None = None
        self.item: pg.PlotDataItem | None = None

    def extend(self, xs: np.ndarray, ys: np.ndarray) -> None:
        self.xs.extend(xs)
        self.ys.extend(ys)
        finite = ys[np.isfinite(ys)]
        if finite.size < ys.size:
            self.has_gaps = True
        if finite.size:
            self.y_min = min(self.y_min, float(finite.min()))
            self.y_max = max(self.y_max, float(finite.max()))
            finite_x = xs[np.isfinite(ys) & np.isfinite(xs)]
            if finite_x.size:
                self.x_min = min(self.x_min, float(finite_x.min()))
                self.x_max = max(self.x_max, float(finite_x.max()))
        if self.ema is not None:
            self.ema.extend(self._ema_values(ys))
        self.dirty = True

    def _ema_values(self, ys: np.ndarray) -> np.ndarray:
        """The debiased moving average at each new point; a NaN/inf point keeps the last value."""
        out = np.empty(len(ys), dtype=np.float64)
        weight = self.smoothing
        total, count = self._ema_sum, self._ema_count
        last = total / (1 - weight**count) if count else np.nan
        for index, value in enumerate(ys.tolist()):
            if math.isfinite(value):
                total = weight * total + (1 - weight) * value
                count += 1
                last = total / (1 - weight**count)
            out[index] = last
        self._ema_sum, self._ema_count = total, count
        return out

    def count(self) -> int:
        return self.xs.size

    def last_value(self) -> float:
        """The newest finite value (of the average for a smoothed series), or NaN."""
        values = (self.ema if self.ema is not None else self.ys).view()[-32:]
        finite = values[np.isfinite(values)]
        return float(finite[-1]) if finite.size else math.nan


class CurvePlot(QWidget):
    """Named line series with optional smoothing, vertical markers and a legend.

    The legend sits inside the plot, in the corner the newest points leave free, or with
    ``legend_below`` in a row of its own under the plot (finished curves fill every corner).
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        title: str = "",
        x_label: str = "",
        y_label: str = "",
        placeholder: str | None = None,
        legend_below: bool = False,
        **kwargs: object,
    ) -> None:
        super().__init__(parent, **kwargs)
        self._series: dict[str, _Series] = {}
        self._markers: list[pg.InfiniteLine] = []
        self._colors = cycle(FALLBACK_COLORS)
        self._line_scale = 1.0  # presenter mode draws every curve thicker
        palette = self.palette()
        self._background = palette.color(QPalette.ColorRole.Base)
        self._foreground = palette.color(QPalette.ColorRole.Text)

        self.plot_widget = _TimedPlotWidget(background=self._background)
        self.plot_item: pg.PlotItem = self.plot_widget.getPlotItem()
        self.plot_item.setDownsampling(auto=True, mode="peak")
        self.plot_item.setClipToView(True)
        self.plot_item.showGrid(x=True, y=True, alpha=0.15)
        self._view_box = self.plot_item.getViewBox()
        self._view_box.enableAutoRange(enable=False)
        self._view_box.sigRangeChangedManually.connect(self._on_view_range_changed_manually)
        self._following = True  # the view follows the data until the user pans or zooms
        self._view: tuple[float, float, float, float] | None = None  # x0, x1, y0, y1
        self._x_end: float | None = None  # where the x axis ends while the points fit
        self._y_ceiling = 1.0  # the headroom stops here for curves below it (accuracy: 1)
        for name in ("left", "bottom"):
            axis = self.plot_item.getAxis(name)
            axis.setPen(self._foreground)
            axis.setTextPen(self._foreground)
            # Replaying an axis' recorded ticks, labels and grid re-shapes its text on every
            # frame; a pixmap cache, redrawn only when the axis changes, halves a frame's cost.
            axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            axis.enableAutoSIPrefix(False)  # "x0.001" over accuracies reads as nonsense
        self._legend_below = legend_below
        if legend_below:  # a row of its own under the bottom axis: never over a curve
            self.legend = pg.LegendItem(labelTextColor=self._foreground)
            self.plot_item.layout.addItem(self.legend, LEGEND_ROW, 1)
            self.plot_item.legend = self.legend  # named curves add themselves to it
        else:
            legend_fill = QColor(self._background)
            legend_fill.setAlpha(200)
            self.legend = self.plot_item.addLegend(
                offset=(-8, 8), brush=legend_fill, labelTextColor=self._foreground
            )
        self._legend_corner = (1, 0)
        self.set_title(title)
        self.set_labels(x_label, y_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget)
        if placeholder is None:
            placeholder = self.tr("No data yet.")
        self._placeholder = QLabel(placeholder, self)
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setWordWrap(True)  # e.g. the Train tab's ready sentence
        self._placeholder.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._placeholder.setStyleSheet("color: #909090; background: transparent;")

        self._redraw_timer = QTimer(self)
        self._redraw_timer.setInterval(REDRAW_INTERVAL_MS)
        self._redraw_timer.timeout.connect(self._on_redraw_timer_timeout)

    # ---------------------------------------------------------------- set-up
    def set_title(self, title: str) -> None:
        self.plot_item.setTitle(title or None, color=self._foreground, size="10pt")

    def set_labels(self, x_label: str = "", y_label: str = "") -> None:
        """Axis labels; an empty one hides that label rather than leaving a blank gap."""
        for side, text in (("bottom", x_label), ("left", y_label)):
            if text:
                self.plot_item.setLabel(side, text, color=self._foreground.name())
            else:
                self.plot_item.showLabel(side, False)

    def set_placeholder(self, text: str) -> None:
        """What shows while no series has a point."""
        self._placeholder.setText(text)

    def add_series(
        self,
        name: str,
        color: str,
        *,
        smooth: bool = False,
        width: float = 2.0,
        smoothing: float = DEFAULT_SMOOTHING,
    ) -> None:
        """Add a curve named ``name`` (shown in the legend); adding an existing name resets it.

        ``smooth`` draws an exponential moving average (weight ``smoothing`` on the past, as
        TensorBoard's slider) of ``width`` pixels over the raw points drawn faint and thin.
        """
        if name in self._series:
            self._remove_series(name)
        series = _Series(name, color, smooth, width, smoothing)
        if smooth:
            # An opaque pale tint, not transparency: thousands of overlapping segments of a
            # translucent line would add up to a solid band that hides the average.
            faint = _blend(series.color, self._background, RAW_SHARE)
            series.raw_item = self.plot_item.plot(pen=pg.mkPen(faint, width=1))
        pen = pg.mkPen(series.color, width=width * self._line_scale)
        series.item = self.plot_item.plot(pen=pen, name=name)
        self._series[name] = series

    def set_line_scale(self, scale: float) -> None:
        """Draw every curve ``scale`` times its own width (presenter mode: thicker lines)."""
        self._line_scale = scale
        for series in self._series.values():
            assert series.item is not None
            series.item.setPen(pg.mkPen(series.color, width=series.width * scale))

    def set_y_ceiling(self, ceiling: float) -> None:
        """The value curves cannot pass (1 for accuracies, 100 in percent): the view's
        headroom stops there while the curves are below it."""
        self._y_ceiling = ceiling

    def set_x_end(self, x: float | None) -> None:
        """Let the x axis reach ``x`` from the start (e.g. a run's last step): the curves
        grow into a still frame instead of the view moving as they go; None: follow them."""
        self._x_end = x
        self._view = None

    def add_marker(self, x: float, label: str = "") -> None:
        """A vertical dashed line at ``x`` with ``label`` (e.g. "lr 0.001 → 0.0005")."""
        pen = pg.mkPen(MARKER_COLOR, width=1, style=Qt.PenStyle.DashLine)
        # Stagger the labels of markers that pile up, so they do not print over each other.
        position = 0.92 - 0.12 * (len(self._markers) % 4)
        fill = QColor(self._background)
        fill.setAlpha(210)
        line = pg.InfiniteLine(
            pos=float(x),
            angle=90,
            movable=False,
            pen=pen,
            label=label or None,
            labelOpts={"position": position, "color": self._foreground, "fill": fill},
        )
        line.setToolTip(label)
        self.plot_item.addItem(line, ignoreBounds=True)
        self._markers.append(line)

    def clear(self) -> None:
        """Remove every series and marker."""
        for name in list(self._series):
            self._remove_series(name)
        for line in self._markers:
            self.plot_item.removeItem(line)
        self._markers = []
        self._colors = cycle(FALLBACK_COLORS)
        self._following, self._view, self._x_end = True, None, None
        self._stop_redrawing()
        self._update_placeholder()

    # ---------------------------------------------------------------- data
    def append(self, name: str, x: float, y: float) -> None:
        """Add one point to ``name`` (a series not added yet is created with a default colour)."""
        self.extend(name, (x,), (y,))

    def extend(self, name: str, xs: Iterable[float], ys: Iterable[float]) -> None:
        """Add many points at once: the way to feed a batch of step logs."""
        x = np.asarray(xs, dtype=np.float64).ravel()
        y = np.asarray(ys, dtype=np.float64).ravel()
        if len(x) != len(y):
            raise ValueError(f"Got {len(x)} x values but {len(y)} y values for {name!r}.")
        if len(x) == 0:
            return
        if name not in self._series:
            self.add_series(name, next(self._colors))
        self._series[name].extend(x, y)
        self._schedule_redraw()

    def series_names(self) -> list[str]:
        return list(self._series)

    def series_data(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """Copies of every (x, y) point of ``name``."""
        series = self._get(name)
        return series.xs.view().copy(), series.ys.view().copy()

    def smoothed_data(self, name: str) -> np.ndarray:
        """The moving average of a smoothed series, one value per point."""
        series = self._get(name)
        if series.ema is None:
            raise ValueError(f"Series {name!r} is not smoothed.")
        return series.ema.view().copy()

    def curve_item(self, name: str) -> pg.PlotDataItem:
        """The item that draws ``name`` (the average for a smoothed series)."""
        item = self._get(name).item
        assert item is not None
        return item

    def markers(self) -> list[tuple[float, str]]:
        return [(line.value(), line.toolTip()) for line in self._markers]

    # ---------------------------------------------------------------- drawing
    def is_dirty(self) -> bool:
        """True when points arrived that the curves do not show yet."""
        return any(series.dirty for series in self._series.values())

    def redraw(self) -> None:
        """Hand the new points to the curves now (the timer calls this, see the module doc)."""
        for series in self._series.values():
            if series.dirty:
                self._redraw_series(series)
        self._fit_view()
        self._update_placeholder()
        self._place_legend()

    def flush(self) -> None:
        """Draw the points that arrived now, outside the frame budget: a run has ended, and
        its curves should not wait up to a second for their last frame."""
        if self.is_dirty():
            self.redraw()

    def export_png(self, path: str) -> bool:
        """Save the plot as shown, with every point received so far, as a PNG file."""
        self.redraw()
        return self.grab().save(str(path), "PNG")

    def sizeHint(self) -> QSize:
        return QSize(480, 300)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, 140)

    def resizeEvent(self, event: object) -> None:
        self._placeholder.setGeometry(self.rect())
        super().resizeEvent(event)

    def showEvent(self, event: object) -> None:
        super().showEvent(event)
        if self.is_dirty():
            self._redraw_timer.start()

    # ---------------------------------------------------------------- internals
    def _get(self, name: str) -> _Series:
        try:
            return self._series[name]
        except KeyError:
            raise KeyError(f"No series named {name!r} in this plot.") from None

    def _schedule_redraw(self) -> None:
        if not self._redraw_timer.isActive():
            self._redraw_timer.start()

    def _on_redraw_timer_timeout(self) -> None:
        if not self.is_dirty() or not self.isVisible():
            self._stop_redrawing()  # idle, or hidden: showEvent restarts it
            return
        started = time.perf_counter()
        self.redraw()
        painted_s = self.plot_widget.take_paint_s()
        _frame_costs[self] = time.perf_counter() - started + painted_s
        self._redraw_timer.setInterval(redraw_interval_ms(sum(_frame_costs.values())))

    def _stop_redrawing(self) -> None:
        self._redraw_timer.stop()
        _frame_costs.pop(self, None)  # the plots still redrawing get its share

    def redraw_interval_ms(self) -> int:
        """The redraw timer's interval now (it follows the cost of the last frame)."""
        return self._redraw_timer.interval()

    def _redraw_series(self, series: _Series) -> None:
        xs, ys = series.xs.view(), series.ys.view()
        assert series.item is not None
        if series.ema is not None:
            assert series.raw_item is not None
            series.raw_item.setData(*_finite(xs, ys, series.has_gaps))
            series.item.setData(*_finite(xs, series.ema.view(), series.has_gaps))
        else:
            few = series.count() <= SYMBOLS_UP_TO
            if few != series.symbols_shown:
                series.symbols_shown = few
                series.item.setSymbol("o" if few else None)
                series.item.setSymbolSize(6)
                series.item.setSymbolBrush(series.color)
                series.item.setSymbolPen(series.color)
            series.item.setData(*_finite(xs, ys, series.has_gaps))
        series.dirty = False

    def _on_view_range_changed_manually(self, *_: object) -> None:
        self._following = False  # the user's pan or zoom stays until the "A" button or clear()

    def _fit_view(self) -> None:
        """Move the view only when a point fell outside it, leaving headroom for new ones."""
        if any(self._view_box.autoRangeEnabled()):  # pyqtgraph's "A" (auto-range) button
            self._view_box.enableAutoRange(enable=False)
            self._following, self._view = True, None
        shown = [s for s in self._series.values() if math.isfinite(s.x_min)]
        if not self._following or not shown:
            return
        x0, x1 = min(s.x_min for s in shown), max(s.x_max for s in shown)
        y0, y1 = min(s.y_min for s in shown), max(s.y_max for s in shown)
        view = self._view
        if view is not None and view[0] <= x0 and x1 <= view[1] and view[2] <= y0 and y1 <= view[3]:
            return
        x_span = (x1 - x0) or max(abs(x1), 1.0)
        margin = Y_MARGIN * ((y1 - y0) or max(abs(y1), 1.0))
        low, high = y0 - margin, y1 + margin
        room = Y_HEADROOM * ((y1 - y0) or max(abs(y1), 1.0))
        # Room on the side the curves left by, but not past 0 and the ceiling (where losses
        # and accuracies stop) when they are on the inner side of it.
        ceiling = self._y_ceiling
        if view is not None and y0 < view[2]:
            low = max(low - room, min(low, -margin) if y0 >= 0 else -math.inf)
        if view is not None and y1 > view[3]:
            high = min(high + room, max(high, ceiling + margin) if y1 <= ceiling else math.inf)
        right = x1 + X_HEADROOM * x_span
        if self._x_end is not None and x1 <= self._x_end:
            right = self._x_end
        self._view = (x0, right, low, high)
        self._view_box.setRange(
            xRange=self._view[:2], yRange=self._view[2:], padding=0, disableAutoRange=False
        )

    def _remove_series(self, name: str) -> None:
        series = self._series.pop(name)
        for item in (series.raw_item, series.item):
            if item is not None:
                self.plot_item.removeItem(item)

    def _place_legend(self) -> None:
        """Keep the legend off the newest points: top right, or bottom right when the curves
        end high (accuracy rising to 1)."""
        shown = [series for series in self._series.values() if series.count()]
        if not shown or self._legend_below:
            return
        low = min(series.y_min for series in shown)
        high = max(series.y_max for series in shown)
        middle = (low + high) / 2
        ends = [series.last_value() for series in shown]
        ends_high = sum(value > middle for value in ends if math.isfinite(value)) * 2 > len(ends)
        corner = (1, 1) if ends_high else (1, 0)
        if corner != self._legend_corner:
            self._legend_corner = corner
            offset = (-8, -8) if ends_high else (-8, 8)
            self.legend.anchor(itemPos=corner, parentPos=corner, offset=offset)

    def _update_placeholder(self) -> None:
        empty = not any(series.count() for series in self._series.values())
        self._placeholder.setVisible(empty)


def redraw_interval_ms(frame_s: float) -> int:
    """The timer interval that keeps frames of ``frame_s`` seconds to ``FRAME_SHARE``."""
    wanted = frame_s * 1000 / FRAME_SHARE
    return round(min(MAX_REDRAW_INTERVAL_MS, max(REDRAW_INTERVAL_MS, wanted)))


class _TimedPlotWidget(pg.PlotWidget):
    """pyqtgraph's plot widget, adding up how long it paints. A redraw is often painted in
    two or three passes (the curves, then the axes once the view range has moved), so a
    frame costs all the paints since the previous one, not the last alone."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.paint_s = 0.0

    def paintEvent(self, event: object) -> None:
        started = time.perf_counter()
        super().paintEvent(event)
        self.paint_s += time.perf_counter() - started

    def take_paint_s(self) -> float:
        """Seconds spent painting since the last call."""
        painted, self.paint_s = self.paint_s, 0.0
        return painted


def _blend(color: QColor, background: QColor, share: float) -> QColor:
    """``share`` of ``color`` mixed into ``background``, opaque."""
    return QColor(
        round(color.red() * share + background.red() * (1 - share)),
        round(color.green() * share + background.green() * (1 - share)),
        round(color.blue() * share + background.blue() * (1 - share)),
    )


def _finite(xs: np.ndarray, ys: np.ndarray, has_gaps: bool) -> tuple[np.ndarray, np.ndarray]:
    """The points pyqtgraph can place: with NaN or inf among them its range code warns (and an
    all-NaN series raises in the scatter), so those points are left out. The common case, no
    gaps, passes the buffer views through without a copy."""
    if not has_gaps:
        return xs, ys
    keep = np.isfinite(ys) & np.isfinite(xs)
    return xs[keep], ys[keep]
