"""The camera picker: every camera by name, the ``--camera-file`` video, the moving shapes.

Listing cameras may open devices (on macOS and Windows), so it runs as a background job;
the list arrives a moment after the view opens. The choice is remembered in the settings;
a video file given on the command line is preferred, as a demo asks for it explicitly.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from kc_desktop.core.camera.catalog import SourceInfo, list_sources
from kc_desktop.ui.camera.choice import camera_file, remember_source, remembered_source
from kc_desktop.ui.core_text import core_text
from kc_desktop.ui.jobs import JobRunner

EXTERNAL = "external"
"""The item data of a source handed to the view directly (tests, the benchmark)."""


class CameraPicker(QComboBox):
    """``source_listed(id, name)``: the preferred source, once listed; ``source_chosen(id,
    name)``: each choice the user makes."""

    source_listed = Signal(str, str)
    source_chosen = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraCombo")
        self.setToolTip(self.tr("Which camera to use. Your choice is remembered."))
        self.setMinimumContentsLength(24)
        self.addItem(self.tr("Looking for cameras…"), "")
        self.setEnabled(False)
        self.listed = False
        self._external = ""
        self.activated.connect(self._on_activated)
        self.jobs = JobRunner(self)
        file = camera_file()
        self.jobs.start(
            "list-cameras", lambda _state: list_sources(file), self._on_listed, self._on_list_failed
        )

    def show_external(self, name: str) -> None:
        """Show ``name`` as the current source: one the view was given, not one listed here."""
        self._external = name
        if self.listed:
            self._show_external_item()

    def _show_external_item(self) -> None:
        index = self.findData(EXTERNAL)
        if index < 0:
            self.insertItem(0, self._external, EXTERNAL)
            index = 0
        self.setItemText(index, self._external)
        self.setCurrentIndex(index)

    def _on_listed(self, sources: list[SourceInfo]) -> None:
        self.clear()
        for info in sources:
            self.addItem(core_text(info.name), info.id)
        self.setEnabled(True)
        self.listed = True
        if self._external:
            self._show_external_item()
            return
        file = camera_file()
        preferred = f"file:{file}" if file else remembered_source()
        index = max(0, self.findData(preferred)) if preferred else 0
        self.setCurrentIndex(index)
        self.source_listed.emit(str(self.itemData(index)), self.itemText(index))

    def _on_list_failed(self, message: str) -> None:
        self.clear()
        self.addItem(self.tr("No cameras could be listed: {reason}").format(reason=message), "")
        self.listed = True

    def _on_activated(self, index: int) -> None:
        source_id = str(self.itemData(index) or "")
        if source_id and source_id != EXTERNAL:
            remember_source(source_id)
            self.source_chosen.emit(source_id, self.itemText(index))
