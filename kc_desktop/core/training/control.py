"""Pause, resume, stop and learning-rate changes requested from another thread.

The GUI thread calls these methods directly (the worker's own event loop is busy inside
``Trainer.fit``); the engine calls :meth:`RunControl.checkpoint` between steps, so every
request takes effect at the next step boundary and never mid-update.
"""

from __future__ import annotations

import threading
import time


class StopTraining(Exception):
    """Raised at a step boundary after :meth:`RunControl.stop`; the engine saves and ends."""


class RunControl:
    """Thread-safe flags shared by the thread that trains and the thread that steers it."""

    def __init__(self) -> None:
        self._running = threading.Event()
        self._running.set()
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self._pending_lr: float | None = None
        self._waiting = threading.Event()

    def pause(self) -> None:
        """Block the training thread at its next step boundary until resume() or stop()."""
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    def stop(self) -> None:
        """Ask the run to end at the next step boundary; a paused run wakes up to stop."""
        self._stopped.set()
        self._running.set()

    def set_lr(self, lr: float) -> None:
        """Queue a new learning rate; the engine applies it before the next step."""
        if not lr > 0:
            raise ValueError(f"The learning rate must be positive, not {lr}.")
        with self._lock:
            self._pending_lr = float(lr)

    def take_pending_lr(self) -> float | None:
        """Return and clear a queued learning rate (engine side)."""
        with self._lock:
            lr, self._pending_lr = self._pending_lr, None
        return lr

    @property
    def is_waiting(self) -> bool:
        """True while the training thread sits paused at a step boundary (no step runs)."""
        return self._waiting.is_set()

    @property
    def is_paused(self) -> bool:
        return not self._running.is_set() and not self._stopped.is_set()

    @property
    def is_stopped(self) -> bool:
        return self._stopped.is_set()

    def checkpoint(self) -> float:
        """Engine side, between steps: wait while paused, raise StopTraining once stopped.

        Returns the seconds spent paused (0.0 when not paused), which the engine leaves out
        of its timings: an hour-long pause must not read as an hour of slow training.
        """
        waited = 0.0
        if not self._running.is_set():
            started = time.perf_counter()
            self._waiting.set()
            self._running.wait()
            self._waiting.clear()
            waited = time.perf_counter() - started
        if self._stopped.is_set():
            raise StopTraining
        return waited
