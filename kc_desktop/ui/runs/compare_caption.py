"""The one line under the Compare plot: what its curves show and which way is better.

A person who never trained a model reads "higher is better" before any number; the
metric's plain name (``core.report.FIGURE_NAMES``) is the combo's text, the JSON key its
tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kc_desktop.core.report import FIGURE_NAMES, is_accuracy
from kc_desktop.ui.core_text import core_text

HIGHER_IS_BETTER = ("classes_covered", "class_evenness")
LOWER_IS_BETTER = ("loss", "recon", "kl", "frechet_distance")  # endings of metric names
CLOSE_TOGETHER = ("d_real", "d_fake")  # the DCGAN judge's scores: 0.5 means it is fooled


def metric_name(metric: str) -> str:
    """``val_accuracy`` -> "validation accuracy"; an unknown key reads with spaces."""
    plain = FIGURE_NAMES.get(metric)
    return core_text(plain) if plain else metric.replace("_", " ")


def compare_caption(metric: str) -> str:
    """What the compared curves of ``metric`` show, one per run, and which way is better."""
    name = metric_name(metric)
    name = name[:1].upper() + name[1:]
    if is_accuracy(metric) or metric in HIGHER_IS_BETTER:
        direction = QCoreApplication.translate("compare_caption", "higher is better")
    elif metric.endswith(LOWER_IS_BETTER):
        direction = QCoreApplication.translate("compare_caption", "lower is better")
    elif metric in CLOSE_TOGETHER:
        direction = QCoreApplication.translate(
            "compare_caption",
            "closer to 0.5 (the judge cannot tell real from generated) is better",
        )
    else:
        return QCoreApplication.translate(
            "compare_caption", "{name} of each run after each epoch, one curve per run."
        ).format(name=name)
    return QCoreApplication.translate(
        "compare_caption", "{name} of each run after each epoch, one curve per run — {direction}."
    ).format(name=name, direction=direction)
