"""The words and number formats that describe runs, shared by the window and the CLI.

One formatting of each figure, named for what it is, everywhere: accuracies are percents,
losses say which split they were measured on, a stopped run says how far it got and how
fast it trained. Templates are marked for Qt's translation tools; the window passes a
``translate`` function (``QCoreApplication.translate("core", ...)``), the CLI keeps English.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from kc_desktop.core.i18n import QT_TRANSLATE_NOOP

Translate = Callable[[str], str]


def _english(text: str) -> str:
    return text


FIGURE_NAMES: dict[str, str] = {
    "accuracy": QT_TRANSLATE_NOOP("core", "training accuracy"),
    "loss": QT_TRANSLATE_NOOP("core", "training loss"),
    "val_accuracy": QT_TRANSLATE_NOOP("core", "validation accuracy"),
    "val_loss": QT_TRANSLATE_NOOP("core", "validation loss"),
    "test_accuracy": QT_TRANSLATE_NOOP("core", "test accuracy"),
    "test_loss": QT_TRANSLATE_NOOP("core", "test loss"),
    "recon": QT_TRANSLATE_NOOP("core", "reconstruction error"),
    "val_recon": QT_TRANSLATE_NOOP("core", "validation reconstruction error"),
    "test_recon": QT_TRANSLATE_NOOP("core", "test reconstruction error"),
    "kl": QT_TRANSLATE_NOOP("core", "KL term"),
    "val_kl": QT_TRANSLATE_NOOP("core", "validation KL term"),
    "test_kl": QT_TRANSLATE_NOOP("core", "test KL term"),
    "d_loss": QT_TRANSLATE_NOOP("core", "judge's loss"),
    "g_loss": QT_TRANSLATE_NOOP("core", "generator's loss"),
    "val_d_loss": QT_TRANSLATE_NOOP("core", "validation judge's loss"),
    "val_g_loss": QT_TRANSLATE_NOOP("core", "validation generator's loss"),
    "test_d_loss": QT_TRANSLATE_NOOP("core", "test judge's loss"),
    "test_g_loss": QT_TRANSLATE_NOOP("core", "test generator's loss"),
    "d_real": QT_TRANSLATE_NOOP("core", "judge's score for real images"),
    "d_fake": QT_TRANSLATE_NOOP("core", "judge's score for generated images"),
    "frechet_distance": QT_TRANSLATE_NOOP("core", "sample quality score"),
    "frechet_real": QT_TRANSLATE_NOOP("core", "quality score of real images"),
    "classes_covered": QT_TRANSLATE_NOOP("core", "classes covered"),
    "class_evenness": QT_TRANSLATE_NOOP("core", "class evenness"),
}
"""Plain names of the figures in epoch logs and summaries (the technical key is the JSON's)."""

SUMMARY_FIGURES = (
    "test_accuracy",
    "test_loss",
    "test_recon",
    "test_kl",
    "d_loss",
    "g_loss",
    "frechet_distance",
    "classes_covered",
)
"""What a run's one-line summary reports, in this order, when the run has it."""

STATUS_WORDS: dict[str, str] = {
    "completed": QT_TRANSLATE_NOOP("core", "Completed"),
    "stopped": QT_TRANSLATE_NOOP("core", "Stopped"),
    "diverged": QT_TRANSLATE_NOOP("core", "Diverged"),
    "unsaved": QT_TRANSLATE_NOOP("core", "Not saved"),
    "failed": QT_TRANSLATE_NOOP("core", "Failed"),
}


def is_accuracy(name: str) -> bool:
    """Accuracies (fractions of 1) are shown as percents."""
    return name.endswith("accuracy")


def format_figure(name: str, value: float) -> str:
    """One figure as the app shows it everywhere: 97.8%, 0.0712, 34.2, 10."""
    if is_accuracy(name):
        return f"{100 * value:.1f}%"
    if name == "classes_covered":
        return f"{value:.0f}"
    if name.startswith("frechet") or abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.4f}"


def figure_phrase(name: str, value: float, translate: Translate = _english) -> str:
    """``"test accuracy 97.8%"``: the figure's plain name and its value."""
    return f"{translate(FIGURE_NAMES.get(name, name))} {format_figure(name, value)}"


def figures_text(
    values: Mapping[str, Any], names: tuple[str, ...], translate: Translate = _english
) -> str:
    """The figures of ``names`` that ``values`` holds, as phrases joined by commas."""
    return ", ".join(
        figure_phrase(name, float(values[name]), translate)
        for name in names
        if isinstance(values.get(name), int | float)
    )


def progress_phrase(epochs: int, steps: int, translate: Translate = _english) -> str:
    """How far a run got: "2 epochs", "1 epoch and 37 steps", "37 steps"."""
    epoch_text = translate(
        QT_TRANSLATE_NOOP("core", "1 epoch")
        if epochs == 1
        else QT_TRANSLATE_NOOP("core", "{count} epochs")
    ).format(count=epochs)
    step_text = translate(
        QT_TRANSLATE_NOOP("core", "1 step")
        if steps == 1
        else QT_TRANSLATE_NOOP("core", "{count} steps")
    ).format(count=steps)
    if not steps:
        return epoch_text
    if not epochs:
        return step_text
    return translate(QT_TRANSLATE_NOOP("core", "{epochs} and {steps}")).format(
        epochs=epoch_text, steps=step_text
    )


def summary_sentence(summary: Mapping[str, Any], translate: Translate = _english) -> str:
    """``"Stopped after 1 epoch and 37 steps in 12.3 s (2,140 images/s)."``"""
    status = str(summary.get("status", ""))
    progress = progress_phrase(
        int(summary.get("epochs", 0)), int(summary.get("steps", 0)), translate
    )
    speed = float(summary.get("samples_per_s") or 0.0)
    template = (
        QT_TRANSLATE_NOOP("core", "{status} after {progress} in {seconds} s ({speed} images/s).")
        if speed > 0
        else QT_TRANSLATE_NOOP("core", "{status} after {progress} in {seconds} s.")
    )
    return translate(template).format(
        status=translate(STATUS_WORDS.get(status, status)),
        progress=progress,
        seconds=f"{float(summary.get('seconds', 0.0)):.1f}",
        speed=f"{speed:,.0f}",
    )


def summary_text(summary: Mapping[str, Any], translate: Translate = _english) -> str:
    """The summary sentence followed by the run's figures (test split first)."""
    figures = figures_text(summary, SUMMARY_FIGURES, translate)
    sentence = summary_sentence(summary, translate)
    return f"{sentence} {figures[:1].upper()}{figures[1:]}." if figures else sentence


HEADLINE_FIGURES = ("val_accuracy", "frechet_distance", "val_loss")
"""The figure an epoch's sentence leads with: the first of these the epoch logged."""

LOWER_IS_BETTER_PREFIXES = ("val_loss", "frechet")


def epoch_sentence(
    logs: Mapping[str, Any],
    epochs: int,
    previous: Mapping[str, Any] | None = None,
    translate: Translate = _english,
) -> str:
    """``"Epoch 4 of 6: validation accuracy 97.2%, up from 95.8%; training loss 0.0812."``"""
    head = next((name for name in HEADLINE_FIGURES if name in logs), None)
    parts = []
    if head is not None:
        phrase = figure_phrase(head, float(logs[head]), translate)
        before = (previous or {}).get(head)
        if isinstance(before, int | float) and before != logs[head]:
            went_up = float(logs[head]) > float(before)
            template = (
                QT_TRANSLATE_NOOP("core", "{figure}, up from {before}")
                if went_up
                else QT_TRANSLATE_NOOP("core", "{figure}, down from {before}")
            )
            phrase = translate(template).format(
                figure=phrase, before=format_figure(head, float(before))
            )
        parts.append(phrase)
    others = tuple(
        name
        for name in FIGURE_NAMES
        if name in logs and name != head and not name.startswith("test")
    )
    rest = figures_text(logs, others, translate)
    if rest:
        parts.append(rest)
    return translate(QT_TRANSLATE_NOOP("core", "Epoch {epoch} of {epochs}: {figures}.")).format(
        epoch=logs.get("epoch", "?"), epochs=epochs, figures="; ".join(parts)
    )


def run_label(model_name: str, dataset_name: str, translate: Translate = _english) -> str:
    """``"Small CNN on Handwritten digits"``: how a run is named in sentences and titles."""
    return translate(QT_TRANSLATE_NOOP("core", "{model} on {dataset}")).format(
        model=model_name, dataset=dataset_name
    )
