"""Why the Classify tab cannot classify yet, in the words the tab, the drop area and the canvas
show: no run loaded, or a run that makes images instead of sorting them.

One place for these sentences, so the files panel, the drawing panel and the header agree.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from kc_desktop.core.inference import LoadedRun

NO_RUN_TEXT = QT_TRANSLATE_NOOP("classify_tab", "Train a model or open a saved run first.")
TASK_NAMES = {
    "reconstruct": QT_TRANSLATE_NOOP("classify_tab", "an autoencoder"),
    "vae": QT_TRANSLATE_NOOP("classify_tab", "a VAE"),
    "gan": QT_TRANSLATE_NOOP("classify_tab", "a DCGAN"),
}
A_GENERATIVE_MODEL = QT_TRANSLATE_NOOP("classify_tab", "a generative model")


def _task_name(task: str) -> str:
    return QCoreApplication.translate("classify_tab", TASK_NAMES.get(task, A_GENERATIVE_MODEL))


def generative_text(task: str) -> str:
    """Why a generative run cannot classify, and what to do instead."""
    return QCoreApplication.translate(
        "classify_tab",
        "This run trained {get}, which makes images rather than sorting them. "
        "Classification needs a classifier run: train a classifier (e.g. Small "
        "CNN) or open a saved classifier run.",
    ).format(get=_task_name(task))


def blocking_reason(run: LoadedRun | None) -> str | None:
    """The full sentence saying why ``run`` cannot classify (None: it can)."""
    if run is None:
        return QCoreApplication.translate("classify_tab", NO_RUN_TEXT)
    if not run.task.is_classifier:
        return generative_text(run.task)
    return None


def short_reason(run: LoadedRun | None) -> str | None:
    """The notice shown on the drop area and the canvas (the header explains more)."""
    if run is None:
        return QCoreApplication.translate("classify_tab", NO_RUN_TEXT)
    if not run.task.is_classifier:
        return QCoreApplication.translate(
            "classify_tab", "This needs a classifier run; the loaded run is {name}."
        ).format(name=_task_name(run.task))
    return None
