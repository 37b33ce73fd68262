"""Run a slow function (loading a dataset, building a summary) off the GUI thread.

The function gets a ``progress(done, total)`` callable; results and errors come back as
queued signals on the GUI thread. Errors arrive as one readable line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from kc_desktop.ui.errors import plain_error

ProgressFn = Callable[[int, int], None]


class BackgroundSignals(QObject):
    done = Signal(object)
    failed = Signal(str)
    progress = Signal(int, int)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[ProgressFn], Any], signals: BackgroundSignals) -> None:
        super().__init__()
        self.fn = fn
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.fn(self.signals.progress.emit)
        except Exception as error:
            self.signals.failed.emit(plain_error(error))
            return
        self.signals.done.emit(result)


def run_in_background(
    fn: Callable[[ProgressFn], Any],
    on_done: Callable[[Any], None],
    on_failed: Callable[[str], None],
    on_progress: Callable[[int, int], None] | None = None,
) -> BackgroundSignals:
    """Start ``fn`` on Qt's thread pool; keep the returned object alive until it reports."""
    signals = BackgroundSignals()
    signals.done.connect(on_done)
    signals.failed.connect(on_failed)
    if on_progress is not None:
        signals.progress.connect(on_progress)
    QThreadPool.globalInstance().start(_Task(fn, signals))
    return signals
