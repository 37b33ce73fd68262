"""The "Not sure" line of the Classify tab: shown above the guesses, which stay visible.

The familiarity test (core/insight/ood.py) says when an image looks like none of the classes
the model knows; the line says so in words, its tooltip gives the score and the threshold.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from kc_desktop.core.insight.ood import NOT_SURE, Verdict
from kc_desktop.ui.core_text import core_text
from kc_desktop.ui.widgets.tint import tint


def unsure_label(name: str) -> QLabel:
    """A hidden, bold, warm-coloured label for the "Not sure" sentence."""
    label = QLabel(objectName=name)
    label.setWordWrap(True)
    tint(label, "#b35900")
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    label.hide()
    return label


def show_unsure(label: QLabel, verdict: Verdict | None) -> None:
    """Show the sentence when ``verdict`` is unsure, else hide it."""
    if verdict is None or not verdict.unsure:
        label.hide()
        return
    label.setText(core_text(NOT_SURE))
    label.setToolTip(
        QCoreApplication.translate(
            "Unsure",
            "Familiarity {score:.1f}; below {threshold:.1f} the model says it is not sure "
            "(about 4 in 100 real images of its classes are). The bars are its guesses anyway.",
        ).format(score=verdict.familiarity, threshold=verdict.threshold)
    )
    label.show()
