"""Figures 3-6: a run in the window against the same run headless, GUI timer gaps, Stop,
and the GUI while 50 dropped photos are classified (``drop.py``).

The window is the real MainWindow (offscreen when no display is set), driven as a user
drives it: the Train button on the Train tab, curves live. The headless run trains the
very config the window built, on the same in-memory dataset, with ``Trainer.fit`` on this
thread while no event loop runs. In full runs one short run of each warms the process up
first (its one-off costs fell on the first window run alone, which then counted as a
measured round), then runs alternate window / headless. During the window runs
a 20 ms precise QTimer on the GUI thread records its ticks: a late tick is a moment the
window could not have answered a click.

Stop is two figures: Stop to training halted (the engine's next step boundary, in steps of
the run's own pace) and Stop to saved (the test evaluation and the final checkpoint, in
seconds). The run's ``RunControl.checkpoint`` is wrapped to clock the halt.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication

from kc_desktop.bench.drop import drop_gap_max_ms
from kc_desktop.bench.timing import interleave, median, percentile, ratio_of_medians, warm_up
from kc_desktop.core.studio import build_run
from kc_desktop.core.training.control import StopTraining
from kc_desktop.ui.app import create_application
from kc_desktop.ui.main_window import MainWindow

MODEL = "small-cnn"
"""The window's default model on its default dataset (digits, 23 steps an epoch)."""

EPOCHS, QUICK_EPOCHS = 8, 1
TICK_MS = 20
STOP_AFTER_STEPS = 40
WAIT_S = 600


class TickRecorder:
    """A ``TICK_MS`` precise timer on the GUI thread; keeps the gaps between its ticks."""

    def __init__(self) -> None:
        self.gaps_ms: list[float] = []
        self._last: float | None = None
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._on_tick)

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._last = None

    def _on_tick(self) -> None:
        now = time.perf_counter()
        if self._last is not None:
            self.gaps_ms.append((now - self._last) * 1000)
        self._last = now


def wait_until(condition: Callable[[], bool], what: str, timeout_s: float = WAIT_S) -> None:
    """Run the GUI event loop until ``condition()`` holds (checked every 50 ms)."""
    deadline = time.monotonic() + timeout_s
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(50)
    poll.timeout.connect(
        lambda: loop.quit() if condition() or time.monotonic() > deadline else None
    )
    poll.start()
    if not condition():
        loop.exec()
    poll.stop()
    if not condition():
        raise TimeoutError(f"The window bench timed out waiting for {what}.")


def open_window() -> MainWindow:
    """The main window, shown, with its core loaded and the digits ready."""
    create_application([])
    window = MainWindow()
    window.confirm_close = lambda: True
    window.show()
    window.load_core()
    wait_until(lambda: window.is_core_ready, "the core to load")
    wait_until(
        lambda: window.data_tab.dataset is not None and not window.data_tab.is_loading,
        "the digits to load",
    )
    return window


class _RunWatcher:
    """Collects a window run's step logs and its final summary (or failure)."""

    def __init__(self, window: MainWindow) -> None:
        self.records: list[dict[str, Any]] = []
        self.summary: dict[str, Any] | None = None
        self.finished_at = 0.0
        self.error = ""
        self._session = window.session
        self._session.metrics_logged.connect(self.records.extend)
        self._session.finished.connect(self._on_finished)
        self._session.failed.connect(self._on_failed)

    def disconnect(self) -> None:
        self._session.metrics_logged.disconnect(self.records.extend)
        self._session.finished.disconnect(self._on_finished)
        self._session.failed.disconnect(self._on_failed)

    def _on_finished(self, summary: dict[str, Any]) -> None:
        self.summary, self.finished_at = summary, time.perf_counter()

    def _on_failed(self, message: str) -> None:
        self.error = message

    @property
    def done(self) -> bool:
        return self.summary is not None or bool(self.error)


def _start_run(window: MainWindow, epochs: int) -> _RunWatcher:
    window.model_tab.select_model(MODEL)
    window.model_tab.epochsSpin.setValue(epochs)
    wait_until(lambda: not window.session.is_active, "the previous run to end")
    watcher = _RunWatcher(window)
    window.train_tab.trainButton.click()
    return watcher


def _finish(watcher: _RunWatcher) -> dict[str, Any]:
    wait_until(lambda: watcher.done, "a training run to finish")
    watcher.disconnect()
    if watcher.summary is None:
        raise RuntimeError(f"The window's training run failed: {watcher.error}")
    return watcher.summary


def window_samples_per_s(window: MainWindow, ticks: TickRecorder, epochs: int) -> float:
    """Samples/s the engine reports for a run started with the Train button.

    GUI ticks are recorded from the click to the end of the last epoch: what the window
    does after the run (reopening it for the gallery) is not part of "while training".
    """

    def on_epoch_ended(logs: dict[str, Any]) -> None:
        if logs["epoch"] >= epochs:
            ticks.stop()

    window.session.epoch_ended.connect(on_epoch_ended)
    ticks.start()
    try:
        summary = _finish(_start_run(window, epochs))
    finally:
        ticks.stop()
        window.session.epoch_ended.disconnect(on_epoch_ended)
    return float(summary["samples_per_s"])


def headless_samples_per_s(window: MainWindow, epochs: int) -> float:
    """The same config and data, trained on this thread with no event loop running."""
    window.model_tab.select_model(MODEL)
    window.model_tab.epochsSpin.setValue(epochs)
    config = window.model_tab.config(window.data_tab.dataset)
    with tempfile.TemporaryDirectory(prefix="kc-bench-headless-") as runs:
        trainer = build_run(config, dataset=window.data_tab.dataset, runs_parent=runs)
        return float(trainer.fit()["samples_per_s"])


def stop_latency(window: MainWindow) -> tuple[float, float]:
    """(Stop to training halted in steps of the run's pace, Stop to saved in seconds)."""
    watcher = _start_run(window, 1000)
    wait_until(lambda: len(watcher.records) >= STOP_AFTER_STEPS or watcher.done, "steps to log")
    halted = _clock_halt(window.session.control)
    rate = median([float(r["samples_per_s"]) for r in watcher.records[-10:]])
    step_s = window.model_tab.batchSizeSpin.value() / rate
    pressed = time.perf_counter()
    window.train_tab.stopButton.click()
    _finish(watcher)
    if not halted:
        raise RuntimeError("The run ended without stopping at a step boundary.")
    return (halted[0] - pressed) / step_s, watcher.finished_at - pressed


def _clock_halt(control: Any) -> list[float]:
    """Wrap ``control.checkpoint`` (the engine calls it between steps) to note when it raises
    ``StopTraining``; the returned list gets that moment."""
    halted: list[float] = []
    checkpoint = control.checkpoint

    def clocked() -> float:
        try:
            return checkpoint()
        except StopTraining:
            halted.append(time.perf_counter())
            raise

    control.checkpoint = clocked
    return halted


def window_figures(*, quick: bool, repeats: int) -> tuple[dict[str, float], dict[str, Any]]:
    """(figures, raw) for window vs headless, GUI gaps and stop latency."""
    window = open_window()
    epochs = QUICK_EPOCHS if quick else EPOCHS
    ticks = TickRecorder()
    try:
        first: dict[str, float] = {}
        if not quick:
            first = warm_up(
                {
                    "window": lambda: window_samples_per_s(window, TickRecorder(), QUICK_EPOCHS),
                    "headless": lambda: headless_samples_per_s(window, QUICK_EPOCHS),
                }
            )
        rates = interleave(
            repeats,
            {
                "window": lambda: window_samples_per_s(window, ticks, epochs),
                "headless": lambda: headless_samples_per_s(window, epochs),
            },
        )
        stops = [stop_latency(window) for _ in range(repeats)]
        drop_gap, drop_raw = drop_gap_max_ms(window, TickRecorder(), wait_until)
    finally:
        window.close()
        QApplication.processEvents()
    gaps = ticks.gaps_ms or [float(TICK_MS)]
    figures = {
        "window_vs_headless": ratio_of_medians(rates["window"], rates["headless"]),
        "gui_gap_p95_ms": percentile(gaps, 0.95),
        "gui_gap_max_ms": max(gaps),
        "stop_halt_steps": median([halt for halt, _ in stops]),
        "stop_saved_s": median([saved for _, saved in stops]),
        "drop50_gui_gap_max_ms": drop_gap,
    }
    raw = {
        "model": MODEL,
        "dataset": "digits",
        "epochs": epochs,
        "samples_per_s": rates,
        "first_samples_per_s": first,
        "gui_ticks": len(gaps),
        "gui_gap_median_ms": median(gaps),
        "stop_halt_steps": [halt for halt, _ in stops],
        "stop_saved_s": [saved for _, saved in stops],
        "drop50": drop_raw,
    }
    return figures, raw
