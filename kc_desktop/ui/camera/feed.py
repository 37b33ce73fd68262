"""Brings the newest picture of a FrameSource to the GUI thread, ~30 times a second.

The source is read on the grabber's thread; a timer here only looks at the grabber's
newest-picture slot, so a slow camera or a busy GUI never builds up a queue. A source
that stops (no camera, busy, unplugged, video over) is reported once through ``failed``
with its plain sentence, translated.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from kc_desktop.core.camera.grabber import FrameGrabber
from kc_desktop.core.camera.source import PROBLEM_TEXT, FrameSource
from kc_desktop.ui.core_text import core_text

POLL_MS = 30


class CameraFeed(QObject):
    """``start(source)``; ``frame_arrived(sequence, frame)`` for each new picture."""

    frame_arrived = Signal(int, object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._grabber: FrameGrabber | None = None
        self._last = 0
        self.frame: np.ndarray | None = None
        self.sequence = 0
        self.error: str | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def source_name(self) -> str:
        return self._grabber.source.name if self._grabber else ""

    @property
    def is_live(self) -> bool:
        return self._grabber is not None and self.error is None

    def start(self, source: FrameSource) -> None:
        """Stop the current source (if any) and read ``source`` from now on."""
        self.stop()
        self.error = None
        self.frame = None  # never record the old source's last picture as the new one's
        self._last = 0
        self._grabber = grabber = FrameGrabber(source)
        # A view deleted without being closed must not leave the camera running.
        self.destroyed.connect(lambda *_: grabber.stop())
        grabber.start()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._grabber is not None:
            self._grabber.stop()
            self._grabber = None

    def _on_timer_timeout(self) -> None:
        grabber = self._grabber
        if grabber is None:
            return
        sequence, frame = grabber.newest()
        if sequence != self._last and frame is not None:
            self._last = sequence
            self.sequence += 1
            self.frame = frame
            self.frame_arrived.emit(self.sequence, frame)
        error = grabber.error
        if error is not None and not grabber.running:
            self._timer.stop()
            self.error = core_text(PROBLEM_TEXT[error.problem])
            self.failed.emit(self.error)
