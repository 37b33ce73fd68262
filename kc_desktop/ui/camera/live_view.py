"""Classify live: the camera picture with the model's top-5 bars, updated as fast as it can.

Pictures come from the camera feed; the ``LiveInference`` worker classifies the newest
one off the GUI thread. **Pause** freezes the picture (and its bars); **Snapshot** sends the
picture shown to the Classify tab's results like a dropped file; **Where it looks** lays
the Grad-CAM heat map over the picture.
"""

from __future__ import annotations

import time
from collections import deque

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kc_desktop.core.camera.source import FrameSource
from kc_desktop.core.inference import LoadedRun
from kc_desktop.core.insight.ood import Verdict
from kc_desktop.ui.camera.camera_column import CameraColumn
from kc_desktop.ui.camera.feed import CameraFeed
from kc_desktop.ui.camera.live_worker import LiveInference
from kc_desktop.ui.classify.unsure import show_unsure, unsure_label
from kc_desktop.ui.widgets.prediction_bars import PredictionBars

RATE_WINDOW_S = 2.0
KEPT_FRAMES = 8


class LiveClassifyView(QDialog):
    """``set_run(run)``; emits ``snapshot_taken(frame)`` for the Classify tab's results."""

    snapshot_taken = Signal(object)

    def __init__(self, parent: QWidget | None = None, source: FrameSource | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("liveView")
        self.setWindowTitle(self.tr("Classify live from the camera"))
        self.run: LoadedRun | None = None
        self.predictions: list[tuple[str, float]] = []
        self.paused = False
        self._frozen: tuple[int, np.ndarray] | None = None
        self._times: deque[float] = deque()
        self._submitted: dict[int, np.ndarray] = {}  # recent pictures sent, by sequence
        self.feed = CameraFeed(self)
        self.feed.frame_arrived.connect(self._on_feed_frame_arrived)
        self.feed.failed.connect(self._on_feed_failed)
        self.worker = LiveInference()
        self.worker.predicted.connect(self._on_worker_predicted)
        self.worker.judged.connect(self._on_worker_judged)
        self.worker.failed.connect(self._on_worker_failed)
        QCoreApplication.instance().aboutToQuit.connect(self.shutdown)
        worker = self.worker  # deleted without a close: still end the thread (no self here)
        self.destroyed.connect(lambda *_: worker.shutdown())
        self._build()
        self.set_run(None)
        self.cameraColumn.source_opened.connect(self._on_source_opened)
        self.cameraColumn.follow_picker(source)

    def _build(self) -> None:
        self.cameraColumn = CameraColumn(self)
        self.cameraCombo = self.cameraColumn.cameraCombo
        self.cameraPreview = self.cameraColumn.cameraPreview
        self.cameraMessage = self.cameraColumn.cameraMessage
        self.liveUnsureLabel = unsure_label("liveUnsureLabel")
        self.livePredictionBars = PredictionBars()
        self.livePredictionBars.setObjectName("livePredictionBars")
        self.liveRateLabel = QLabel(objectName="liveRateLabel")
        self.pauseLiveButton = QPushButton(self.tr("Pause"), objectName="pauseLiveButton")
        self.pauseLiveButton.setCheckable(True)
        self.pauseLiveButton.setShortcut(QKeySequence(Qt.Key.Key_P))
        self.pauseLiveButton.setToolTip(self.tr("Freeze the picture and its answer (P)."))
        self.pauseLiveButton.toggled.connect(self.set_paused)
        self.snapshotButton = QPushButton(self.tr("Snapshot"), objectName="snapshotButton")
        self.snapshotButton.setShortcut(QKeySequence(Qt.Key.Key_S))
        self.snapshotButton.setToolTip(
            self.tr("Add the picture shown to the Classify tab's results (S).")
        )
        self.snapshotButton.clicked.connect(self.take_snapshot)
        self.liveSaliencyCheck = QCheckBox(
            self.tr("Show where it looks (Grad-CAM)"), objectName="liveSaliencyCheck"
        )
        self.liveSaliencyCheck.setShortcut(QKeySequence(Qt.Key.Key_G))
        self.liveSaliencyCheck.setToolTip(
            self.tr("Lay the regions that drove the answer over the picture, in red (G).")
        )
        self.liveSaliencyCheck.toggled.connect(self._on_saliency_toggled)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pauseLiveButton)
        buttons.addWidget(self.snapshotButton)
        buttons.addWidget(self.liveSaliencyCheck, 1)
        self.cameraColumn.box.addLayout(buttons)
        side = QVBoxLayout()
        side.addWidget(QLabel(self.tr("<b>What the model sees</b>")))
        side.addWidget(self.liveUnsureLabel)
        side.addWidget(self.livePredictionBars)
        side.addWidget(self.liveRateLabel)
        hint = QLabel(
            self.tr(
                "Hold a thing in front of the camera: the bars show the model's five best "
                "guesses for the picture shown, renewed as fast as the model can answer."
            )
        )
        hint.setWordWrap(True)
        side.addSpacing(12)
        side.addWidget(hint)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.cameraColumn, 3)
        layout.addLayout(side, 2)
        self.resize(960, 560)

    # ---------------------------------------------------------------- public API
    def use_source(self, source: FrameSource, *, listed: bool = False) -> None:
        self.cameraColumn.starting(source, listed=listed)
        self.set_paused(False)
        self.feed.start(source)

    def set_run(self, run: LoadedRun | None) -> None:
        """Classify with ``run`` (None or a generative run: the picture shows, no bars)."""
        self.run = run if run is not None and run.task == "classify" else None
        self.worker.set_run(self.run)
        self.predictions = []
        self.cameraPreview.set_heatmap(None)
        if self.run is None:
            self.livePredictionBars.set_message(
                self.tr("Train a classifier or open a saved classifier run to see its guesses.")
            )
        else:
            self.livePredictionBars.set_message(self.tr("Waiting for a picture…"))
            self._resubmit()

    def set_paused(self, paused: bool) -> None:
        self.paused = paused
        self.pauseLiveButton.setChecked(paused)
        self.pauseLiveButton.setText(self.tr("Resume") if paused else self.tr("Pause"))
        frame = self.cameraPreview.frame
        self._frozen = (self.feed.sequence, frame) if paused and frame is not None else None
        if not paused and self.feed.frame is not None:
            self.cameraPreview.set_frame(self.feed.frame)

    def take_snapshot(self) -> None:
        frame = self.cameraPreview.frame
        if frame is None:
            return
        self.snapshot_taken.emit(frame.copy())

    # ---------------------------------------------------------------- internals
    def _resubmit(self) -> None:
        """Classify the picture shown again (new run, heat map switched on while paused)."""
        frame = self._frozen[1] if self._frozen else self.cameraPreview.frame
        if frame is not None and self.run is not None:
            sequence = self._frozen[0] if self._frozen else self.feed.sequence
            self.worker.submit(sequence, frame, self.liveSaliencyCheck.isChecked())

    def _on_source_opened(self, source: FrameSource, listed: bool) -> None:
        self.use_source(source, listed=listed)

    def _on_feed_frame_arrived(self, sequence: int, frame: np.ndarray) -> None:
        if self.paused:
            return
        overlay = self.run is not None and self.liveSaliencyCheck.isChecked()
        if not overlay:  # with the heat map, the picture waits for its own explanation
            self.cameraPreview.set_frame(frame)
        if self.run is not None:
            self._submitted[sequence] = frame
            while len(self._submitted) > KEPT_FRAMES:
                del self._submitted[next(iter(self._submitted))]
            self.worker.submit(sequence, frame, overlay)

    def _on_feed_failed(self, message: str) -> None:
        self.cameraColumn.show_problem(message)

    def _on_saliency_toggled(self, on: bool) -> None:
        if not on:
            self.cameraPreview.set_heatmap(None)
        self._resubmit()

    def _on_worker_judged(self, sequence: int, verdict: Verdict | None) -> None:
        """Say "Not sure" above the bars while the camera shows nothing the model knows."""
        if self.run is None or (self._frozen is not None and sequence != self._frozen[0]):
            return
        show_unsure(self.liveUnsureLabel, verdict)

    def _on_worker_predicted(
        self, sequence: int, predictions: list[tuple[str, float]], heatmap: np.ndarray | None
    ) -> None:
        if self.run is None or (self._frozen is not None and sequence != self._frozen[0]):
            return
        self.predictions = list(predictions)
        self.livePredictionBars.set_predictions(self.predictions)
        on = self.liveSaliencyCheck.isChecked()
        frame = self._submitted.get(sequence)
        if on and heatmap is not None and frame is not None and self._frozen is None:
            self.cameraPreview.set_frame(frame)  # the picture this heat map explains
        self.cameraPreview.set_heatmap(heatmap if on and heatmap is not None else None)
        self._count_rate()

    def _on_worker_failed(self, _sequence: int, message: str) -> None:
        self.livePredictionBars.set_message(
            self.tr("This picture could not be classified: {reason}").format(reason=message)
        )

    def _count_rate(self) -> None:
        now = time.monotonic()
        self._times.append(now)
        while self._times and now - self._times[0] > RATE_WINDOW_S:
            self._times.popleft()
        if len(self._times) > 1:
            rate = (len(self._times) - 1) / max(1e-6, self._times[-1] - self._times[0])
            self.liveRateLabel.setText(
                self.tr("{rate:.1f} pictures classified a second").format(rate=rate)
            )

    def shutdown(self) -> None:
        """Stop the camera and the worker thread (the window closing, or this view)."""
        self.feed.stop()
        self.worker.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        """Escape ends here (QDialog skips closeEvent); the view is not used again."""
        self.shutdown()
        super().done(result)
