"""The main window's guidance in one place: tour, presenter mode, tooltips, the runs list.

The window creates one ``WindowGuidance`` after its tabs and menus exist and calls it from
its menu actions; everything here only arranges existing widgets (no long work).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QApplication

from kc_desktop.core.guidance import newest_classifier_run
from kc_desktop.ui.guide.presenter import PresenterMode
from kc_desktop.ui.guide.tooltips import TooltipWrapper, label_form_tooltips
from kc_desktop.ui.guide.tour import GettingStartedTour, offer_once

if TYPE_CHECKING:
    from kc_desktop.ui.main_window import MainWindow


class WindowGuidance(QObject):
    """Owns the tour window, presenter mode and the tooltip wrapper of one main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.presenter = PresenterMode(window)
        self.tour: GettingStartedTour | None = None
        self.tooltip_wrapper = TooltipWrapper(self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.tooltip_wrapper)
        label_form_tooltips(window)

    def show_tour(self) -> GettingStartedTour:
        """Open (or bring back) the tour at its first step."""
        if self.tour is None:
            self.tour = GettingStartedTour(self.window, self.window.mainTabs.setCurrentIndex)
        self.tour.go_to(0)
        self.tour.show()
        self.tour.raise_()
        return self.tour

    def offer_tour_once(self) -> bool:
        return offer_once(self.window.settings, self.show_tour)

    def show_saved_runs(self) -> None:
        """Show the Runs dock with its list focused; with no saved run, a folder dialog."""
        dock = self.window.runsDock
        dock.refresh()
        if dock.runsTable.rowCount() == 0:
            self.window.classify_tab.choose_run()
            return
        dock.show()
        dock.raise_()
        if not dock.runsTable.selected_paths():
            dock.runsTable.selectRow(0)
        dock.runsTable.setFocus()
        self.window.show_message(
            QCoreApplication.translate(
                "MainWindow", "Choose a run and press Open (or double-click it)."
            )
        )

    def newest_classifier_run(self) -> Path | None:
        return newest_classifier_run()
