"""Plain words for people who have never trained a model: names, verdicts, model sizes.

The Train tab's end-of-run verdict, the window title and the Runs dock speak of a run
in the same words, so they are made here, once, Qt-free. Templates are marked with
``QT_TRANSLATE_NOOP`` and filled after ``translate`` (the window passes Qt's; the CLI keeps
English).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kc_desktop.core.i18n import QT_TRANSLATE_NOOP
from kc_desktop.core.kinds import Task
from kc_desktop.core.report import Translate


def _english(text: str) -> str:
    return text


def model_name(model_id: str) -> str:
    """The one name a model has on screen (the Model tab's combo box): ``Small CNN (28x28)``."""
    from kc_desktop.core.models.registry import get_model_spec

    try:
        return get_model_spec(model_id).name
    except ValueError:
        return model_id


def dataset_name(dataset_id: str) -> str:
    """The one name a built-in dataset has on screen (the Data tab's list); others as they are."""
    from kc_desktop.core.data.registry import get_dataset_spec

    try:
        return get_dataset_spec(dataset_id).name
    except ValueError:
        return dataset_id


def run_title(config: Mapping[str, Any], translate: Translate = _english) -> str:
    """``Small CNN (28x28) on Handwritten digits``: what a run is, in the window title."""
    dataset = str(config.get("dataset_name") or config.get("dataset") or "")
    return translate(QT_TRANSLATE_NOOP("core", "{model} on {dataset}")).format(
        model=translate(model_name(str(config.get("model", "")))), dataset=translate(dataset)
    )


def verdict(task: Task, summary: Mapping[str, Any], translate: Translate = _english) -> str:
    """What the finished run means, in one or two sentences a newcomer can act on."""
    status = str(summary.get("status", ""))
    if status not in ("completed", "stopped"):
        return translate(
            QT_TRANSLATE_NOOP(
                "core", "The run did not finish: {reason} Change a setting and press Train again."
            )
        ).format(reason=str(summary.get("reason") or "").strip())
    task = Task(task)
    accuracy = summary.get("test_accuracy")
    if task.is_classifier and isinstance(accuracy, int | float):
        right = round(100 * float(accuracy))
        if right >= 90:
            template = QT_TRANSLATE_NOOP(
                "core",
                "It works: the model got {right} of 100 images it had never seen right. "
                "Try it with your own drawing.",
            )
        elif right >= 60:
            template = QT_TRANSLATE_NOOP(
                "core",
                "Getting there: the model got {right} of 100 new images right. "
                "More epochs usually help; press Train again.",
            )
        else:
            template = QT_TRANSLATE_NOOP(
                "core",
                "Not yet: the model got only {right} of 100 new images right. "
                "Train for more epochs or try another model.",
            )
        return translate(template).format(right=right)
    if task.has_latent:
        return translate(
            QT_TRANSLATE_NOOP(
                "core",
                "Done: the model now draws new images of its own. "
                "Look at them in the Gallery; the quality score there says how close "
                "they are to real ones (lower is better).",
            )
        )
    return translate(
        QT_TRANSLATE_NOOP(
            "core",
            "Done: the model learned to squeeze each image into a few numbers and rebuild "
            "it. Compare the originals and the rebuilt images in the Gallery.",
        )
    )


def newest_classifier_run(parent: str | Path | None = None) -> Path | None:
    """The newest saved classifier run that finished with a model, for the Classify tab at
    start-up; None when there is none."""
    from kc_desktop.core.runs.layout import MODEL_FILE, list_runs

    for run in list_runs(parent):
        status = str((run.summary or {}).get("status", ""))
        task = str(run.config.get("task", ""))
        finished = status in ("completed", "stopped")
        if task == "classify" and finished and (run.path / MODEL_FILE).is_file():
            return run.path
    return None


LAYER_WORDS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (
        ("ConvTranspose",),
        QT_TRANSLATE_NOOP("core", "1 image-drawing layer"),
        QT_TRANSLATE_NOOP("core", "{count} image-drawing layers"),
    ),
    (
        ("Conv",),
        QT_TRANSLATE_NOOP("core", "1 pattern-finding layer"),
        QT_TRANSLATE_NOOP("core", "{count} pattern-finding layers"),
    ),
    (
        ("LSTM", "GRU", "RNN"),
        QT_TRANSLATE_NOOP("core", "1 memory layer"),
        QT_TRANSLATE_NOOP("core", "{count} memory layers"),
    ),
    (
        ("Linear",),
        QT_TRANSLATE_NOOP("core", "1 decision layer"),
        QT_TRANSLATE_NOOP("core", "{count} decision layers"),
    ),
)


def plain_number(count: int) -> str:
    """``844,000`` or ``1.7 million``: a count a person reads at a glance."""
    if count >= 1_000_000:
        return f"{count / 1_000_000:.1f} million"
    if count >= 10_000:
        return f"{round(count, -3):,}"
    return f"{count:,}"


def model_in_words(kinds: list[str], params: int, translate: Translate = _english) -> str:
    """``2 pattern-finding layers, 2 decision layers, 1.7 million numbers to learn``, from
    the layer types of a model summary (``Conv2d``, ``Linear``, ...) and its parameter count."""
    parts = []
    for prefixes, one, many in LAYER_WORDS:
        count = sum(1 for kind in kinds if kind.startswith(prefixes))
        kinds = [kind for kind in kinds if not kind.startswith(prefixes)]
        if count:
            parts.append(translate(one if count == 1 else many).format(count=count))
    numbers = translate(QT_TRANSLATE_NOOP("core", "{count} numbers to learn")).format(
        count=plain_number(params)
    )
    return ", ".join([*parts, numbers])
