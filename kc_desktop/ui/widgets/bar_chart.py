"""Grouped bars of image counts per class, one colour per split (train / val / test).

A class histogram shows at a glance whether a dataset is balanced and whether every class
made it into every split. Hover a bar to read its exact count. The chart is static (no
panning or zooming): it is a picture of the data, not something to explore.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from itertools import cycle

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

SPLIT_COLORS = {"train": "#1f77b4", "val": "#ff7f0e", "test": "#2ca02c"}
OTHER_COLORS = ("#9467bd", "#8c564b", "#e377c2", "#7f7f7f")
GROUP_WIDTH = 0.8  # share of each category's slot the bars of its group fill
LABEL_CHARS = 12  # longer category names are cut on the axis (the tooltip has them whole)


class BarChart(QWidget):
    """``set_counts(categories, {"train": [...], "val": [...], "test": [...]})``."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        y_label: str | None = None,
        placeholder: str | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(parent, **kwargs)
        self._categories: list[str] = []
        self._series: dict[str, np.ndarray] = {}
        self._items: list[pg.BarGraphItem] = []
        palette = self.palette()
        self._background = palette.color(QPalette.ColorRole.Base)
        self._foreground = palette.color(QPalette.ColorRole.Text)

        self.plot_widget = pg.PlotWidget(background=self._background)
        self.plot_item: pg.PlotItem = self.plot_widget.getPlotItem()
        self.plot_item.setMouseEnabled(x=False, y=False)
        self.plot_item.setMenuEnabled(False)
        self.plot_item.hideButtons()
        self.plot_item.showGrid(x=False, y=True, alpha=0.2)
        for name in ("left", "bottom"):
            axis = self.plot_item.getAxis(name)
            axis.setPen(self._foreground)
            axis.setTextPen(self._foreground)
        y_label = self.tr("images") if y_label is None else y_label
        if y_label:
            self.plot_item.setLabel("left", y_label, color=self._foreground.name())
        legend_fill = QColor(self._background)
        legend_fill.setAlpha(210)
        self.legend = self.plot_item.addLegend(
            offset=(-8, 2), brush=legend_fill, labelTextColor=self._foreground
        )
        self.plot_item.scene().sigMouseMoved.connect(self._on_scene_mouse_moved)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget)
        if placeholder is None:
            placeholder = self.tr("No data yet.")
        self._placeholder = QLabel(placeholder, self)
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._placeholder.setStyleSheet("color: #909090; background: transparent;")
        self._update_axis()

    # ---------------------------------------------------------------- public API
    def set_counts(self, categories: Sequence[str], series: Mapping[str, Sequence[int]]) -> None:
        """One group of bars per category, one bar per series (e.g. split) in each group."""
        categories = [str(c) for c in categories]
        for name, counts in series.items():
            if len(counts) != len(categories):
                raise ValueError(
                    f"Series {name!r} has {len(counts)} counts for {len(categories)} categories."
                )
        self.clear()
        self._categories = categories
        self._series = {name: np.asarray(v, dtype=np.float64) for name, v in series.items()}
        spare = cycle(OTHER_COLORS)
        count = max(1, len(self._series))
        width = GROUP_WIDTH / count
        positions = np.arange(len(categories), dtype=np.float64)
        for index, (name, heights) in enumerate(self._series.items()):
            color = QColor(SPLIT_COLORS.get(name) or next(spare))
            offset = -GROUP_WIDTH / 2 + width * (index + 0.5)
            item = pg.BarGraphItem(
                x=positions + offset,
                height=heights,
                width=width * 0.92,
                brush=color,
                pen=pg.mkPen(color.darker(120), width=1),
                name=name,
            )
            self.plot_item.addItem(item)
            self._items.append(item)
        top = max((float(h.max()) for h in self._series.values() if h.size), default=0.0)
        self.plot_item.setXRange(-0.6, max(0.6, len(categories) - 0.4), padding=0)
        # Headroom above the tallest bar for the legend, which sits in one row at the top.
        self.legend.setColumnCount(count)
        self.plot_item.setYRange(0, max(1.0, top * 1.3), padding=0)
        self._update_axis()

    def clear(self) -> None:
        for item in self._items:
            self.plot_item.removeItem(item)
        self._items = []
        self._categories = []
        self._series = {}
        self.legend.clear()
        self._update_axis()

    def categories(self) -> list[str]:
        return list(self._categories)

    def counts(self) -> dict[str, list[int]]:
        return {name: [int(v) for v in values] for name, values in self._series.items()}

    def bar_items(self) -> list[pg.BarGraphItem]:
        return list(self._items)

    def export_png(self, path: str) -> bool:
        return self.grab().save(str(path), "PNG")

    # ---------------------------------------------------------------- Qt overrides
    def sizeHint(self) -> QSize:
        return QSize(420, 260)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, 140)

    def resizeEvent(self, event: object) -> None:
        self._placeholder.setGeometry(self.rect())
        super().resizeEvent(event)
        self._update_axis()

    # ---------------------------------------------------------------- internals
    def _update_axis(self) -> None:
        """Category names under their groups, thinned out when they would overlap."""
        empty = not self._categories
        self._placeholder.setVisible(empty)
        for side in ("left", "bottom"):
            self.plot_item.showAxis(side, not empty)
        self.plot_item.showGrid(x=False, y=not empty, alpha=0.2)
        axis = self.plot_item.getAxis("bottom")
        if not self._categories:
            axis.setTicks([[]])
            return
        labels = [_short(name) for name in self._categories]
        metrics = self.fontMetrics()
        widest = max(metrics.horizontalAdvance(label) for label in labels) + 8
        room = max(1.0, self.plot_item.getViewBox().width() or self.width() * 0.85)
        per_label = room / len(labels)
        step = max(1, math.ceil(widest / per_label))
        axis.setTicks([[(i, labels[i]) for i in range(0, len(labels), step)]])

    def _on_scene_mouse_moved(self, position: QPointF) -> None:
        """Tooltip with the exact count of the bar under the mouse."""
        view = self.plot_item.getViewBox()
        if not self._categories or not view.sceneBoundingRect().contains(position):
            self.plot_widget.setToolTip("")
            return
        point = view.mapSceneToView(position)
        index = round(point.x())
        if not 0 <= index < len(self._categories):
            self.plot_widget.setToolTip("")
            return
        parts = [f"{name}: {int(values[index]):,}" for name, values in self._series.items()]
        self.plot_widget.setToolTip(f"{self._categories[index]}\n" + "\n".join(parts))


def _short(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1] + "…"
