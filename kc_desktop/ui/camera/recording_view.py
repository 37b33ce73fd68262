"""Record a dataset from the camera: name classes, hold Record, see counts and thumbnails.

Holding **Record** (or the space bar) saves ``CAPTURE_FPS`` frames a second of the newest
camera picture into the selected class's folder; each hold is a burst that can be undone.
Closing the view (or **Use this dataset**) hands the folder to the Data tab, which loads it
like any folder. When the source fails (no camera, busy, denied, unplugged, video over)
the view says so in one sentence; frames already written stay on disk.
"""

from __future__ import annotations

import logging
import time

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kc_desktop.core.camera.recording import RecordedDataset, RecordingError
from kc_desktop.core.camera.source import FrameSource
from kc_desktop.core.i18n import message_of
from kc_desktop.ui.camera.camera_column import CameraColumn
from kc_desktop.ui.camera.class_panel import ClassPanel
from kc_desktop.ui.camera.feed import CameraFeed
from kc_desktop.ui.core_text import core_text
from kc_desktop.ui.widgets.image_grid import ImageGrid

log = logging.getLogger(__name__)
CAPTURE_FPS = 5
RECENT_FRAMES = 8
THUMB_SIDE = 96


class RecordingView(QDialog):
    """Emits ``dataset_ready(folder)`` when closed with at least one frame recorded."""

    dataset_ready = Signal(str)

    def __init__(self, parent: QWidget | None = None, source: FrameSource | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordingView")
        self.setWindowTitle(self.tr("Record a dataset from the camera"))
        self.dataset: RecordedDataset | None = None
        self.recording = False
        self._recording_class = ""
        self.capture_fps = CAPTURE_FPS
        self._recent: list[np.ndarray] = []
        self._saved_sequence = -1
        self._handed_over = False
        self.feed = CameraFeed(self)
        self.feed.frame_arrived.connect(self._on_feed_frame_arrived)
        self.feed.failed.connect(self._on_feed_failed)
        self._capture_timer = QTimer(self)
        self._capture_timer.timeout.connect(self._on_capture_timer_timeout)
        self._build()
        self.cameraColumn.source_opened.connect(self._on_source_opened)
        self.cameraColumn.follow_picker(source)

    # ---------------------------------------------------------------- layout
    def _build(self) -> None:
        self.cameraColumn = CameraColumn(self)
        self.cameraCombo = self.cameraColumn.cameraCombo
        self.cameraPreview = self.cameraColumn.cameraPreview
        self.cameraMessage = self.cameraColumn.cameraMessage
        self.recordButton = QPushButton(
            self.tr("● Hold to record (Space)"), objectName="recordButton"
        )
        self.recordButton.setToolTip(
            self.tr("Hold down to save {fps} frames a second into the selected class.").format(
                fps=CAPTURE_FPS
            )
        )
        self.recordButton.setMinimumHeight(48)
        self.recordButton.pressed.connect(self.start_recording)
        self.recordButton.released.connect(self.stop_recording)
        self.recordStatus = QLabel(objectName="recordStatus")
        self.cameraColumn.box.addWidget(self.recordButton)
        self.cameraColumn.box.addWidget(self.recordStatus)
        layout = QHBoxLayout(self)
        layout.addWidget(self.cameraColumn, 3)
        layout.addLayout(self._build_side(), 2)
        self.resize(1000, 620)
        for widget in self.findChildren(QWidget):
            if not isinstance(widget, QLineEdit):
                widget.installEventFilter(self)

    def _build_side(self) -> QVBoxLayout:
        self.datasetNameEdit = QLineEdit(objectName="datasetNameEdit")
        self.datasetNameEdit.setText(time.strftime("camera-%Y-%m-%d-%H%M"))
        self.datasetNameEdit.setToolTip(
            self.tr("The folder name of this dataset, kept in the app's datasets folder.")
        )
        self.classPanel = ClassPanel(self)
        self.classPanel.add_requested.connect(self.add_class)
        self.classPanel.delete_requested.connect(self.delete_class)
        self.undoBurstButton = QPushButton(self.tr("Undo last burst"), objectName="undoBurstButton")
        self.undoBurstButton.setToolTip(
            self.tr("Delete the frames of the last hold of Record (Ctrl+Z).")
        )
        self.undoBurstButton.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.undoBurstButton.clicked.connect(self.undo_last_burst)
        self.recentFrames = ImageGrid(objectName="recentFrames")
        self.recentFrames.set_placeholder(self.tr("The last frames you record appear here."))
        self.recentFrames.setMinimumHeight(110)
        self.useDatasetButton = QPushButton(
            self.tr("Use this dataset"), objectName="useDatasetButton"
        )
        self.useDatasetButton.setToolTip(
            self.tr("Close the camera and load the recorded folder in the Data tab.")
        )
        self.useDatasetButton.clicked.connect(self.close)
        name_row = QHBoxLayout()
        name_row.addWidget(QLabel(self.tr("Dataset name:")))
        name_row.addWidget(self.datasetNameEdit, 1)
        side = QVBoxLayout()
        side.addLayout(name_row)
        side.addWidget(self.classPanel, 1)
        side.addWidget(self.undoBurstButton)
        side.addWidget(self.recentFrames)
        side.addWidget(self.useDatasetButton)
        self._update_controls()
        return side

    # ---------------------------------------------------------------- public API
    def use_source(self, source: FrameSource, *, listed: bool = False) -> None:
        """Show (and record from) ``source`` from now on."""
        self.stop_recording()
        self.cameraColumn.starting(source, listed=listed)
        self.feed.start(source)
        self._update_controls()

    def add_class(self, name: str) -> None:
        try:
            dataset = self._ensure_dataset()
            added = dataset.add_class(name)
        except (RecordingError, OSError) as error:
            self._say(self._core_text(error))
            return
        self.classPanel.classNameEdit.clear()
        self._refresh_counts()
        self.classPanel.select(added)
        self._say("")

    def delete_class(self, name: str) -> None:
        if self.dataset is None or self.recording:
            return
        try:
            removed = self.dataset.delete_class(name)
        except (RecordingError, OSError) as error:
            self._say(self._core_text(error))
            return
        self.recordStatus.setText(
            self.tr("Deleted {name} and its {count} frames.").format(name=name, count=removed)
        )
        self._refresh_counts()

    def start_recording(self) -> None:
        """Start a burst into the selected class (Record pressed, or space bar down)."""
        if self.recording:
            return
        class_name = self.classPanel.current_class()
        if self.dataset is None or class_name is None:
            self._say(self.tr("Add a class and select it before recording."))
            return
        if not self.feed.is_live:
            self._say(self.feed.error or self.tr("There is no camera picture to record yet."))
            return
        self.recording = True
        self._recording_class = class_name
        self.dataset.start_burst()
        self._capture_timer.start(max(1, round(1000 / self.capture_fps)))
        self._on_capture_timer_timeout()
        self._update_controls()

    def stop_recording(self) -> None:
        """End the burst (Record released, space bar up, or the camera failed)."""
        if not self.recording:
            return
        self._capture_timer.stop()
        self.recording = False
        count = self.dataset.end_burst()
        self.recordStatus.setText(
            self.tr("Recorded {count} frames of {name}.").format(
                count=count, name=self._recording_class
            )
        )
        self._refresh_counts()
        self._update_controls()

    def undo_last_burst(self) -> None:
        if self.dataset is None or self.recording:
            return
        removed = self.dataset.undo_last_burst()
        self._recent = self._recent[: max(0, len(self._recent) - removed)]
        self._show_recent()
        self.recordStatus.setText(self.tr("Removed the last {count} frames.").format(count=removed))
        self._refresh_counts()

    # ---------------------------------------------------------------- internals
    def _ensure_dataset(self) -> RecordedDataset:
        if self.dataset is None:
            self.dataset = RecordedDataset(self.datasetNameEdit.text())
            self.datasetNameEdit.setText(self.dataset.name)
            self.datasetNameEdit.setReadOnly(True)
            self.datasetNameEdit.setToolTip(str(self.dataset.path))
        return self.dataset

    def _refresh_counts(self) -> None:
        if self.dataset is not None:
            self.classPanel.show_counts(self.dataset.counts())
        self._update_controls()

    def _update_controls(self) -> None:
        ready = self.dataset is not None and self.classPanel.current_class() is not None
        self.recordButton.setEnabled(ready and self.feed.error is None)
        self.undoBurstButton.setEnabled(
            self.dataset is not None and self.dataset.can_undo() and not self.recording
        )
        self.classPanel.setEnabled(not self.recording)

    def _say(self, message: str) -> None:
        self.cameraMessage.setText(message)
        self.cameraMessage.setVisible(bool(message))

    @staticmethod
    def _core_text(error: Exception) -> str:
        if isinstance(error, OSError):
            return QCoreApplication.translate(
                "RecordingView", "The frames cannot be saved: {reason}"
            ).format(reason=error.strerror or error)
        return core_text(message_of(error))

    def _on_source_opened(self, source: FrameSource, listed: bool) -> None:
        self.use_source(source, listed=listed)

    def _on_feed_frame_arrived(self, _sequence: int, frame: np.ndarray) -> None:
        self.cameraPreview.set_frame(frame)

    def _on_feed_failed(self, message: str) -> None:
        was_recording = self.recording
        self.stop_recording()
        if was_recording or (self.dataset is not None and self.dataset.total()):
            message += " " + self.tr("The frames recorded so far are kept.")
        self.cameraColumn.show_problem(message)
        self._update_controls()

    def _on_capture_timer_timeout(self) -> None:
        sequence, frame = self.feed.sequence, self.feed.frame
        if not self.recording or frame is None or sequence == self._saved_sequence:
            return
        try:
            self.dataset.save_frame(self._recording_class, frame)
        except (RecordingError, OSError) as error:
            log.warning("could not save a frame: %s", error)
            self.stop_recording()
            self._say(self._core_text(error))
            return
        self._saved_sequence = sequence
        self._recent = [*self._recent, frame][-RECENT_FRAMES:]
        self._show_recent()
        self._refresh_counts()

    def _show_recent(self) -> None:
        if not self._recent:
            self.recentFrames.clear()
            return
        from PIL import Image

        thumbs = [
            np.asarray(Image.fromarray(f).resize((THUMB_SIDE, THUMB_SIDE * 3 // 4)))
            for f in self._recent
        ]
        self.recentFrames.set_images(np.stack(thumbs))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Space anywhere but a text field holds Record, like the button."""
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if key_event.key() == Qt.Key.Key_Space:
                if not key_event.isAutoRepeat():
                    if event.type() == QEvent.Type.KeyPress:
                        self.start_recording()
                    else:
                        self.stop_recording()
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.eventFilter(self, event):
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if not self.eventFilter(self, event):
            super().keyReleaseEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._finish()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        """Escape and the window's close button end here too (QDialog skips closeEvent)."""
        self._finish()
        super().done(result)

    def _finish(self) -> None:
        """Stop the camera and hand the recorded folder to the Data tab, once."""
        self.stop_recording()
        self.feed.stop()
        if self.dataset is not None and self.dataset.total() and not self._handed_over:
            self._handed_over = True
            self.dataset_ready.emit(str(self.dataset.path))
