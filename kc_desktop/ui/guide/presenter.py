"""Presenter mode: the window made readable from the back of a room, and put back after.

Full screen, fonts ``FONT_SCALE`` times larger (status text ``STATUS_SCALE`` times), curves
``LINE_SCALE`` times thicker, image grids and the drawing canvas free to fill their panels.
Everything it changes is remembered on entry and restored on leaving, so leaving gives back
the window exactly as it was (geometry, maximised or not, each widget's own font).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QMainWindow, QWidget

from kc_desktop.ui.widgets.square_holder import SquareHolder

if TYPE_CHECKING:  # numpy and pyqtgraph load with the tabs, after the window's first paint
    from kc_desktop.ui.widgets.curve_plot import CurvePlot
    from kc_desktop.ui.widgets.image_grid import ImageGrid

FONT_SCALE = 1.5
STATUS_SCALE = 2.0
LINE_SCALE = 2.5
BIG = 100_000  # "no limit" for image cells and the drawing canvas


@dataclass
class _Saved:
    """What presenter mode changed, to put back."""

    state: Qt.WindowState
    geometry: QByteArray
    window_font: QFont
    own_fonts: list[tuple[QWidget, QFont]] = field(default_factory=list)
    grid_cells: list[tuple[ImageGrid, int]] = field(default_factory=list)
    status_inherits: bool = True  # the status bar had no font of its own
    holders: list[tuple[SquareHolder, int]] = field(default_factory=list)
    plots: list[CurvePlot] = field(default_factory=list)


class PresenterMode:
    """Enters and leaves presenter mode for one main window."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self._saved: _Saved | None = None

    @property
    def active(self) -> bool:
        return self._saved is not None

    def set_active(self, on: bool) -> None:
        if on and not self.active:
            self._enter()
        elif not on and self.active:
            self._leave()

    def _enter(self) -> None:
        from kc_desktop.ui.widgets.curve_plot import CurvePlot
        from kc_desktop.ui.widgets.image_grid import ImageGrid

        window = self.window
        saved = _Saved(window.windowState(), window.saveGeometry(), QFont(window.font()))
        for widget in window.findChildren(QWidget):
            if widget.testAttribute(Qt.WidgetAttribute.WA_SetFont):
                saved.own_fonts.append((widget, QFont(widget.font())))
        status = window.statusBar()
        saved.status_inherits = not status.testAttribute(Qt.WidgetAttribute.WA_SetFont)
        self._saved = saved
        window.setFont(_scaled(saved.window_font, FONT_SCALE))
        for widget, font in saved.own_fonts:
            widget.setFont(_scaled(font, FONT_SCALE))
        status.setFont(_scaled(QFont(status.font()), STATUS_SCALE / FONT_SCALE))
        for grid in window.findChildren(ImageGrid):
            saved.grid_cells.append((grid, grid.max_cell))
            grid.set_max_cell(BIG)
        for holder in window.findChildren(SquareHolder):
            saved.holders.append((holder, holder.max_side))
            holder.set_max_side(BIG)
        for plot in window.findChildren(CurvePlot):
            plot.set_line_scale(LINE_SCALE)
            saved.plots.append(plot)
        window.showFullScreen()

    def _leave(self) -> None:
        saved, self._saved = self._saved, None
        assert saved is not None
        window = self.window
        window.setFont(saved.window_font)
        for widget, font in saved.own_fonts:
            widget.setFont(font)
        if saved.status_inherits:
            window.statusBar().setFont(QFont())  # an empty font: inherit the window's again
        for grid, cell in saved.grid_cells:
            grid.set_max_cell(cell)
        for holder, side in saved.holders:
            holder.set_max_side(side)
        for plot in saved.plots:
            plot.set_line_scale(1.0)
        window.setWindowState(saved.state)
        window.restoreGeometry(saved.geometry)


def _scaled(font: QFont, factor: float) -> QFont:
    bigger = QFont(font)
    if font.pointSizeF() > 0:
        bigger.setPointSizeF(font.pointSizeF() * factor)
    else:
        bigger.setPixelSize(round(font.pixelSize() * factor))
    return bigger
