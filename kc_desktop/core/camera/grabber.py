"""Reads a FrameSource on its own thread and keeps only the newest picture.

A camera's ``read()`` blocks until the next picture, so it must not run on the GUI
thread; and whoever is slower than the camera (drawing, inference, saving) should get the
newest picture when it is ready, never a queue of old ones. The grabber is that slot: a
sequence number and one picture behind a lock. It opens the source on its thread too
(opening a camera can take a second) and ends with the source's ``CameraError`` kept in
``error`` for the view to show.
"""

from __future__ import annotations

import atexit
import logging
import threading
import weakref

import numpy as np

from kc_desktop.core.camera.source import CameraError, CameraProblem, FrameSource

log = logging.getLogger(__name__)
STOP_WAIT_S = 5.0
_started: weakref.WeakSet[FrameGrabber] = weakref.WeakSet()


@atexit.register
def _stop_all() -> None:
    """Stop every grabber before the interpreter ends: a daemon thread still inside
    OpenCV's read at finalisation is unwound mid-C++ and aborts the process."""
    for grabber in list(_started):
        grabber.stop()


class FrameGrabber:
    """``start()``, then ``newest()`` from any thread; ``stop()`` closes the source."""

    def __init__(self, source: FrameSource) -> None:
        self.source = source
        self._lock = threading.Lock()
        self._frame: np.ndarray | None = None
        self._sequence = 0
        self._error: CameraError | None = None
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="kc-frame-grabber", daemon=True)

    def start(self) -> None:
        _started.add(self)
        self._thread.start()

    def stop(self) -> None:
        """Ask the thread to end and wait for it (a camera read returns within a frame)."""
        self._stopping.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(STOP_WAIT_S)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    @property
    def error(self) -> CameraError | None:
        with self._lock:
            return self._error

    def newest(self) -> tuple[int, np.ndarray | None]:
        """(sequence number, newest picture); the number grows by one per picture read."""
        with self._lock:
            return self._sequence, self._frame

    def _run(self) -> None:
        try:
            self.source.open()
            while not self._stopping.is_set():
                frame = self.source.read()
                with self._lock:
                    self._frame, self._sequence = frame, self._sequence + 1
        except CameraError as error:
            log.info("picture source %s stopped: %s %s", self.source.name, error, error.detail)
            self._fail(error)
        except Exception as error:  # a driver's own failure must not kill the app
            log.exception("picture source %s failed", self.source.name)
            self._fail(CameraError(CameraProblem.LOST, str(error)))
        finally:
            try:
                self.source.close()
            except Exception:  # closing a vanished device may fail too; nothing left to do
                log.exception("closing %s failed", self.source.name)

    def _fail(self, error: CameraError) -> None:
        with self._lock:
            self._error = error
