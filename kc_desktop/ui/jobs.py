"""The one contract for work off the GUI thread besides training (in the spirit of Orange3's
``TaskState`` / ``ConcurrentMixin`` and napari's ``create_worker``).

A widget owns a ``JobRunner`` and starts work by *kind* ("evaluate", "classify", ...):

* starting a job cancels the previous job of its kind, and only the current job of a kind
  reports back: the result of a job that was cancelled or replaced is dropped, so a widget
  never shows the answer to an old question;
* the work function gets a ``JobState``: ``state.progress(done, total)`` reports progress the
  same way everywhere (and raises ``Cancelled`` once the job is cancelled, so long loops that
  report progress stop early for free); ``state.cancelled()`` / ``state.check()`` do the same
  for loops that do not; ``state.send(value)`` hands a partial result to the widget at once
  (napari's ``yielded``), so a long batch fills the view as it goes;
* results come back on the GUI thread through the runner, a child of the owning widget: when
  the widget is deleted, Qt disconnects the runner and late results go nowhere. The object
  that emits from the pool thread has no parent and is kept alive by the job itself, so it
  can never be "deleted" under a running job (the old ``Signal source has been deleted``);
* ``shutdown_jobs()`` (the window calls it when it closes) cancels every job, drops the
  queued ones and waits for the running ones, before any widget is deleted.

**Models and threads.** A loaded model is shared, not copied, and guarded by one lock per
model: the GUI thread never runs a model, and every job that runs one does so inside
``with state.hold(model):``, which serialises the jobs that use that model (classify,
saliency, interpolation, latent traversal, nearest images) and stops waiting when the job is
cancelled. A job that builds its own model (the evaluation loads a fresh copy from the run
folder) needs no lock. Training never shares its model: the window reloads a finished run
from its folder.

Errors raised by the work arrive as one readable line (``ui/errors.plain_error``).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThread, QThreadPool, Signal

from kc_desktop.ui.errors import plain_error

MIN_THREADS = 4  # an evaluation and a decode never queue behind each other on 2 cores
LOCK_POLL_S = 0.05  # how often a job waiting for a model looks whether it was cancelled

_pool: QThreadPool | None = None
_live: weakref.WeakSet[JobState] = weakref.WeakSet()
_live_lock = threading.Lock()
_model_locks: weakref.WeakKeyDictionary[Any, threading.Lock] = weakref.WeakKeyDictionary()
_model_locks_lock = threading.Lock()


class Cancelled(Exception):
    """Raised inside a job's work once the job was cancelled; the runner swallows it."""


_CANCELLED = object()  # the report of a job that stopped because it was cancelled


class JobState:
    """What the work function sees of its job: progress, cancellation, model locks."""

    def __init__(self, kind: str, emitter: _Emitter) -> None:
        self.kind = kind
        self._emitter = emitter
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise ``Cancelled`` when the job was cancelled: a cheap point to stop early."""
        if self._cancel.is_set():
            raise Cancelled

    def progress(self, done: int, total: int) -> None:
        """Report ``done`` of ``total`` (the bar follows); stops the work once cancelled."""
        self.check()
        self._emitter.progressed.emit(self, int(done), int(total))

    def send(self, value: Any) -> None:
        """Hand a partial result to the runner's ``on_yield`` (only while the job is current)."""
        self.check()
        self._emitter.yielded.emit(self, value)

    @contextmanager
    def hold(self, model: Any) -> Iterator[None]:
        """Run ``model`` inside this block only: one job at a time per model (see above)."""
        lock = model_lock(model)
        while not lock.acquire(timeout=LOCK_POLL_S):
            self.check()
        try:
            self.check()
            yield
        finally:
            lock.release()


def model_lock(model: Any) -> threading.Lock:
    """The one lock of ``model`` (made on first use, forgotten with the model)."""
    with _model_locks_lock:
        lock = _model_locks.get(model)
        if lock is None:
            lock = _model_locks[model] = threading.Lock()
        return lock


class _Emitter(QObject):
    """Carries a job's reports from the pool thread to its runner (parentless: see above).

    It has no slots and receives no events, so the pool thread may drop the last reference
    to it (Qt allows deleting such an object from another thread).
    """

    finished = Signal(object, object, object)  # state, result, error text (None: success)
    # or _CANCELLED: a job cancelled by cancel_all_jobs() is still its runner's current one
    progressed = Signal(object, int, int)
    yielded = Signal(object, object)


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[JobState], Any], state: JobState, emitter: _Emitter):
        super().__init__()
        self.work, self.state, self.emitter = work, state, emitter

    def run(self) -> None:
        work, state, emitter = self.work, self.state, self.emitter
        self.work = self.state = self.emitter = None  # nothing of the job outlives the report
        result, error = None, _CANCELLED
        try:
            if not state.cancelled():
                result, error = work(state), None
        except Cancelled:
            pass
        except Exception as failure:  # every failure becomes one readable line
            result, error = None, plain_error(failure)
        finally:
            with _live_lock:
                _live.discard(state)
        emitter.finished.emit(state, result, error)


@dataclass
class _Handlers:
    on_done: Callable[[Any], None]
    on_failed: Callable[[str], None] | None
    on_progress: Callable[[int, int], None] | None
    on_yield: Callable[[Any], None] | None
    emitter: _Emitter


class JobRunner(QObject):
    """A widget's jobs, one current job per kind; reports reach the widget on the GUI thread."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._current: dict[str, JobState] = {}
        self._handlers: dict[JobState, _Handlers] = {}

    def start(
        self,
        kind: str,
        work: Callable[[JobState], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[str], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        on_yield: Callable[[Any], None] | None = None,
    ) -> JobState:
        """Cancel the job of ``kind`` that runs now, then run ``work(state)`` on the pool."""
        self.cancel(kind)
        emitter = _Emitter()
        state = JobState(kind, emitter)
        emitter.finished.connect(self._on_job_finished)
        emitter.progressed.connect(self._on_job_progressed)
        emitter.yielded.connect(self._on_job_yielded)
        self._current[kind] = state
        self._handlers[state] = _Handlers(on_done, on_failed, on_progress, on_yield, emitter)
        with _live_lock:
            _live.add(state)
        job_pool().start(_Runnable(work, state, emitter))
        return state

    def cancel(self, kind: str | None = None) -> None:
        """Cancel the current job of ``kind`` (every kind: None); its result will be dropped."""
        kinds = list(self._current) if kind is None else [kind]
        for name in kinds:
            state = self._current.pop(name, None)
            if state is not None:
                state.cancel()
                self._handlers.pop(state, None)

    def is_running(self, kind: str) -> bool:
        """True while a job of ``kind`` runs or waits and has not reported."""
        return kind in self._current

    def is_running_any(self) -> bool:
        """True while any job of this runner runs or waits and has not reported."""
        return bool(self._current)

    def _on_job_finished(self, state: JobState, result: Any, error: str | None) -> None:
        handlers = self._handlers.pop(state, None)
        if handlers is None or self._current.get(state.kind) is not state:
            return  # cancelled or replaced: stale
        del self._current[state.kind]
        if error is _CANCELLED or state.cancelled():
            return
        if error is None:
            handlers.on_done(result)
        elif handlers.on_failed is not None:
            handlers.on_failed(error)

    def _on_job_progressed(self, state: JobState, done: int, total: int) -> None:
        handlers = self._handlers.get(state)
        if handlers is not None and handlers.on_progress is not None:
            handlers.on_progress(done, total)

    def _on_job_yielded(self, state: JobState, value: Any) -> None:
        handlers = self._handlers.get(state)
        if handlers is not None and handlers.on_yield is not None:
            handlers.on_yield(value)


def job_pool() -> QThreadPool:
    """The threads every job runs on (its own pool: the window waits for exactly these)."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setObjectName("kcJobPool")
        _pool.setMaxThreadCount(max(MIN_THREADS, QThread.idealThreadCount()))
    return _pool


def cancel_all_jobs() -> None:
    """Cancel every job of every runner now (they stop at their next check); do not wait."""
    with _live_lock:
        states = list(_live)
    for state in states:
        state.cancel()


def shutdown_jobs(timeout_ms: int = 10_000) -> bool:
    """Cancel every job, drop the queued ones and wait for the running ones (window close)."""
    cancel_all_jobs()
    if _pool is None:
        return True
    _pool.clear()
    return _pool.waitForDone(timeout_ms)
