"""The camera half of both camera views: which camera, its picture, and what went wrong.

The live view (Classify tab) and the recording view (Data tab) put their own controls under
it with ``box.addWidget`` / ``box.addLayout``; starting a source and reporting a problem look
the same in both.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kc_desktop.core.camera.catalog import open_source
from kc_desktop.core.camera.source import FrameSource
from kc_desktop.ui.camera.picker import CameraPicker
from kc_desktop.ui.camera.preview import CameraPreview
from kc_desktop.ui.core_text import core_text


class CameraColumn(QWidget):
    """``cameraCombo`` over ``cameraPreview`` over ``cameraMessage`` (hidden until needed);
    ``source_opened(source, listed)`` for the view to show: the camera to use now."""

    source_opened = Signal(object, bool)  # FrameSource; listed: it came from the picker

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cameraCombo = CameraPicker(self)
        self.cameraPreview = CameraPreview(objectName="cameraPreview")
        self.cameraPreview.set_placeholder(self.tr("Starting the camera…"))
        self.cameraMessage = QLabel(objectName="cameraMessage")
        self.cameraMessage.setWordWrap(True)
        self.cameraMessage.setStyleSheet("color: #b00020;")
        self.cameraMessage.hide()
        picker_row = QHBoxLayout()
        picker_row.addWidget(QLabel(self.tr("Camera:")))
        picker_row.addWidget(self.cameraCombo, 1)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.addLayout(picker_row)
        self.box.addWidget(self.cameraPreview, 1)
        self.box.addWidget(self.cameraMessage)

    def follow_picker(self, source: FrameSource | None = None) -> None:
        """Open ``source`` now (else the picker's preferred one, once listed) and each camera
        the user picks from then on."""
        self.cameraCombo.source_chosen.connect(self._on_source_picked)
        if source is not None:
            self.source_opened.emit(source, False)
        else:
            self.cameraCombo.source_listed.connect(self._on_source_picked)

    def starting(self, source: FrameSource, *, listed: bool) -> None:
        """A blank picture while ``source`` starts; named in the picker unless chosen there."""
        self.cameraMessage.hide()
        self.cameraPreview.clear()
        self.cameraPreview.set_placeholder(self.tr("Starting the camera…"))
        if not listed:
            self.cameraCombo.show_external(core_text(source.name))

    def _on_source_picked(self, source_id: str, name: str) -> None:
        self.source_opened.emit(open_source(source_id, name), True)

    def show_problem(self, message: str) -> None:
        """Say what went wrong under the picture (and in its place while there is none)."""
        self.cameraMessage.setText(message)
        self.cameraMessage.show()
        if self.cameraPreview.frame is None:
            self.cameraPreview.set_placeholder(message)
