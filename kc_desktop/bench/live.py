"""Live classification: frames classified per second, and the GUI's timer gaps meanwhile.

The real live view runs offscreen on the synthetic camera at VGA size with a model of
random weights (the speed of a network does not depend on what it learned). Every result
is answered at once with the newest picture, so the worker never waits for the camera:
``live_fps`` is what the model, the resize and the signals allow on this machine, not the
camera's rate. A 20 ms precise timer on the GUI thread records its gaps as in the window
benchmark; ``live_gui_gap_p95_ms`` is the worst model's p95. Models that are not in the
registry (mobilenet-v3-small arrives with the pretrained backbones) are skipped and named.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import torch
from PySide6.QtWidgets import QApplication

from kc_desktop.bench.timing import median, percentile
from kc_desktop.bench.window import TickRecorder, wait_until
from kc_desktop.core.camera.synthetic import SyntheticSource
from kc_desktop.core.data.folder import DEFAULT_SIZE
from kc_desktop.core.inference import LoadedRun
from kc_desktop.core.kinds import Task
from kc_desktop.core.models.registry import build_model, get_model_spec
from kc_desktop.ui.app import create_application
from kc_desktop.ui.camera.live_view import LiveClassifyView

MODELS = ("small-cnn", "mobilenet-v3-small")
FRAME_SIZE = (640, 480)
SECONDS, QUICK_SECONDS = 8.0, 1.5
CLASSES = ("red disc", "blue square")


def model_run(model_id: str) -> LoadedRun:
    """``model_id`` with random weights, as a camera-recorded folder (RGB) would train it."""
    spec = get_model_spec(model_id)
    size = spec.input_size(DEFAULT_SIZE)
    model = build_model(model_id, channels=3, size=size, num_classes=len(CLASSES))
    config = {"model": model_id, "channels": 3, "input_size": size, "classes": list(CLASSES)}
    device = torch.device("cpu")
    return LoadedRun(Path("."), config, model.eval(), Task.CLASSIFY, list(CLASSES), 3, size, device)


def measure(run: LoadedRun, seconds: float) -> tuple[float, list[float]]:
    """(frames classified per second, GUI timer gaps in ms) over ``seconds`` of live view."""
    view = LiveClassifyView(source=SyntheticSource(fps=30, size=FRAME_SIZE))
    view.show()
    view.set_run(run)
    ticks = TickRecorder()

    def answer(sequence: int, *_: object) -> None:
        frame = view.feed.frame
        if frame is not None:
            view.worker.submit(sequence + 1, frame, False)

    view.worker.predicted.connect(answer)
    try:
        wait_until(lambda: view.feed.frame is not None, "the first camera picture", 60)
        ticks.start()
        start, first = time.perf_counter(), view.worker.classified
        wait_until(lambda: time.perf_counter() - start >= seconds, "the measurement", seconds + 60)
        done, elapsed = view.worker.classified - first, time.perf_counter() - start
        ticks.stop()
    finally:
        view.close()
        QApplication.processEvents()
    return done / elapsed, ticks.gaps_ms


def live_figures(*, quick: bool, repeats: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """(figures, raw) for live classification speed and GUI gaps."""
    create_application()
    seconds = QUICK_SECONDS if quick else SECONDS
    fps: dict[str, float] = {}
    raw: dict[str, Any] = {"frame_size": list(FRAME_SIZE), "seconds": seconds, "skipped": {}}
    worst_p95 = 0.0
    for model_id in MODELS:
        try:
            run = model_run(model_id)
        except Exception as error:  # not registered yet, or weights not available offline
            raw["skipped"][model_id] = str(error)
            continue
        rates, gaps = [], []
        for _ in range(repeats):
            rate, more_gaps = measure(run, seconds)
            rates.append(rate)
            gaps += more_gaps
        gaps = gaps or [20.0]
        fps[model_id] = median(rates)
        p95 = percentile(gaps, 0.95)
        worst_p95 = max(worst_p95, p95)
        raw[model_id] = {
            "input_size": run.size,
            "fps": rates,
            "gui_gap_p95_ms": p95,
            "gui_gap_median_ms": median(gaps),
            "gui_ticks": len(gaps),
        }
    figures = {
        "live_fps": fps["small-cnn"],
        "live_fps_by_model": fps,
        "live_gui_gap_p95_ms": worst_p95,
    }
    return figures, raw
