"""The Compare window: the overlaid curves of several runs, in a window of their own.

Beside the dock the plot had a third of the width and the legend sat on the curves; a
separate, non-modal window can be as large as the person wants, stays open while they go on
working in the main window, and comes back where they left it (its geometry is kept in the
settings). Esc closes it, as it closes a dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QHideEvent, QKeyEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kc_desktop.core.paths import app_home
from kc_desktop.ui.runs.compare_panel import ComparePanel

GEOMETRY_KEY = "compare/geometry"
DEFAULT_SIZE = (900, 600)


class CompareWindow(QWidget):
    """A top-level, non-modal window (``compareWindow``) holding the ``ComparePanel``."""

    def __init__(self, panel: ComparePanel, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("compareWindow")
        self.setWindowTitle(self.tr("Compare runs"))
        self.setWindowModality(Qt.WindowModality.NonModal)
        # A window keeps its own font unless told to follow its parent's: presenter mode's
        # larger fonts reach it this way, and leaving it gives the usual ones back.
        self.setAttribute(Qt.WidgetAttribute.WA_WindowPropagation)
        self.panel = panel
        layout = QVBoxLayout(self)
        layout.addWidget(panel)
        self._placed = False  # the saved geometry is applied on the first showing only

    def present(self) -> None:
        """Show the window where it was last time (or at its default size), in front."""
        if not self._placed:
            self._placed = True
            geometry = _settings().value(GEOMETRY_KEY)
            if geometry is None or not self.restoreGeometry(geometry):
                self.resize(*DEFAULT_SIZE)
        self.show()
        self.raise_()
        self.activateWindow()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc closes the window, from wherever in it the key was not used (as in a dialog)."""
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.close()
            return
        super().keyPressEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._remember_geometry()  # closing hides it too
        super().hideEvent(event)

    def _remember_geometry(self) -> None:
        if self._placed:
            _settings().setValue(GEOMETRY_KEY, self.saveGeometry())


def _settings() -> QSettings:
    return QSettings(str(app_home() / "settings.ini"), QSettings.Format.IniFormat)
