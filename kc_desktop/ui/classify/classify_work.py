"""The Classify tab's work, run as background jobs (``ui/jobs.py``), never on the GUI thread.

Files become thumbnails and top-k answers one by one (each handed to the tab as soon as it
is ready, so 50 dropped photos fill the list as they go), a drawing becomes the model's input
and its answer, and any answer can be explained by saliency. No widget is touched here, and
every call into the model holds the run's model lock (``JobState.hold``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication

from kc_desktop.core.data.images import ImageLoadError, load_image_array
from kc_desktop.core.drawing import prepare_drawing
from kc_desktop.core.inference import ImageSource, LoadedRun, Prediction, classify
from kc_desktop.core.insight.saliency import Saliency, explain
from kc_desktop.ui.classify.prediction_row import THUMBNAIL_SIZE
from kc_desktop.ui.errors import plain_error
from kc_desktop.ui.jobs import JobState

TOP_K = 5
ERRORS = (ImageLoadError, OSError, RuntimeError, ValueError)


@dataclass
class Classified:
    """One input of a batch with its thumbnail and answer (or the reason it has none)."""

    index: int
    name: str
    source: ImageSource
    thumbnail: np.ndarray | None
    prediction: Prediction


@dataclass
class DrawingAnswer:
    """The model's answer for a drawing, the input it saw, and why (None: no explanation)."""

    prepared: np.ndarray
    prediction: Prediction
    saliency: Saliency | None


def classify_batch(
    state: JobState, run: LoadedRun, items: list[tuple[str, ImageSource]]
) -> list[Classified]:
    """Classify ``(name, source)`` items in order, sending each result as it is ready."""
    done = []
    for index, (name, source) in enumerate(items):
        state.check()
        if isinstance(source, np.ndarray):
            thumbnail, error = source, None
        else:
            thumbnail, error = read_thumbnail(str(source))
        prediction = Prediction(name, error=error) if error else classify_one(state, run, source)
        item = Classified(index, name, source, thumbnail, prediction)
        done.append(item)
        state.send(item)
        state.progress(index + 1, len(items))
    return done


def classify_one(state: JobState, run: LoadedRun, source: ImageSource) -> Prediction:
    """Top-k of one input; an input that cannot be read gets its reason instead."""
    name = source if isinstance(source, str) else "image"
    try:
        with state.hold(run.model):
            return classify(run, [source], top_k=TOP_K)[0]
    except ERRORS as error:
        return Prediction(str(name), error=plain_error(error))


def explain_source(state: JobState, run: LoadedRun, source: ImageSource) -> Saliency:
    """The saliency of ``run``'s answer for ``source`` (errors reach the job's on_failed)."""
    with state.hold(run.model):
        return explain(run, source)


def read_drawing(state: JobState, run: LoadedRun, drawing: np.ndarray) -> DrawingAnswer:
    """Prepare a drawing as the run's training images were made, classify it and explain it."""
    prepared = prepare_drawing(drawing, str(run.config.get("dataset", "")), run.channels)
    prediction = classify_one(state, run, prepared)
    saliency = None
    if not prediction.error:
        try:
            saliency = explain_source(state, run, prepared)
        except ERRORS:
            saliency = None  # the answer stands; the panel says it cannot explain it
    return DrawingAnswer(prepared, prediction, saliency)


def read_thumbnail(path: str) -> tuple[np.ndarray | None, str | None]:
    """A small RGB preview of ``path`` or the one-line reason it cannot be read."""
    if Path(path).is_dir():
        return None, QCoreApplication.translate(
            "classify_work", "this is a folder, not an image file."
        )
    try:
        return load_image_array(path, mode="RGB", size=THUMBNAIL_SIZE), None
    except (ImageLoadError, OSError, ValueError) as error:
        return None, plain_error(error)
