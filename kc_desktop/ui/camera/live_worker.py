"""Classifies camera pictures on its own thread; the newest picture wins.

The GUI thread hands over every new picture with ``submit``; the worker keeps only the
newest one it has not started yet, so when the model is slower than the camera, pictures
are dropped, never queued, and the bars always describe a recent picture. The worker
classifies with its own copy of the model (``ui/jobs.py``'s rule: a worker that owns its
model needs no model lock) and, on demand, explains the answer with Grad-CAM. Results
leave as plain data: the picture's sequence number, the top-5 ``(label, p)`` and the heat
map or None.

The worker runs PyTorch on one thread (``torch.set_num_threads`` is per thread with
OpenMP, so training elsewhere keeps its own): a single picture is too small to share out,
and on a busy two-core machine two OpenMP threads made one small-cnn forward pass 17 times
slower (140 ms against 8 ms), besides taking the core the GUI needs.

It keeps its own thread rather than ``ui/jobs.py``: a job per picture would cancel the one
under way each time the camera delivers, so a model slower than the camera would never
answer; here the picture being classified always finishes and only waiting ones are dropped.
"""

from __future__ import annotations

import copy
import dataclasses
import logging
import threading

import numpy as np
import shiboken6
import torch
from PySide6.QtCore import QObject, QThread, Signal, Slot

from kc_desktop.core.data.images import ImageLoadError
from kc_desktop.core.inference import LoadedRun, classify
from kc_desktop.core.insight.saliency import explain
from kc_desktop.ui.errors import plain_error

log = logging.getLogger(__name__)
TOP_K = 5
TORCH_THREADS = 1


class LiveInference(QObject):
    """``submit(sequence, frame, with_heatmap)`` from the GUI thread; results by signal."""

    predicted = Signal(int, object, object)
    failed = Signal(int, str)
    _wake = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._pending: tuple[int, np.ndarray, bool] | None = None
        self._busy = False
        self._closed = False
        self._run: LoadedRun | None = None
        self.classified = 0
        self.thread = QThread()
        self.thread.setObjectName("kc-live-inference")
        self.moveToThread(self.thread)
        self._wake.connect(self._drain)
        self.thread.start()

    def set_run(self, run: LoadedRun | None) -> None:
        """Classify with (a private copy of) ``run`` from the next picture on."""
        replica = None if run is None else dataclasses.replace(run, model=copy.deepcopy(run.model))
        with self._lock:
            self._run = replica

    def submit(self, sequence: int, frame: np.ndarray, with_heatmap: bool) -> None:
        """Offer a picture; it replaces any picture still waiting."""
        with self._lock:
            if self._closed:
                return
            self._pending = (sequence, frame, with_heatmap)
            wake = not self._busy
            self._busy = True
        if wake:
            self._wake.emit()

    def shutdown(self) -> None:
        """Drop what waits, refuse more, let the current picture finish, end the thread."""
        with self._lock:
            if self._closed:
                return
            self._pending = None
            self._closed = True
        if shiboken6.isValid(self.thread):  # at interpreter exit Qt may have deleted it first
            self.thread.quit()
            self.thread.wait()

    @Slot()
    def _drain(self) -> None:
        if torch.get_num_threads() != TORCH_THREADS:
            torch.set_num_threads(TORCH_THREADS)  # this thread only (see the module's notes)
        while True:
            with self._lock:
                job, self._pending = self._pending, None
                run = self._run
                if job is None:
                    self._busy = False
                    return
            sequence, frame, with_heatmap = job
            if run is None:
                continue
            try:
                prediction = classify(run, [frame], top_k=TOP_K)[0]
                heatmap = explain(run, frame).heatmap if with_heatmap else None
            except (ImageLoadError, RuntimeError, ValueError) as error:
                log.warning("live classification failed: %s", error)
                self.failed.emit(sequence, plain_error(error))
                continue
            self.classified += 1
            if prediction.error:
                self.failed.emit(sequence, prediction.error)
            else:
                self.predicted.emit(sequence, prediction.predictions, heatmap)
