"""The end of a run in plain words, with the next step one click away.

"It works: the model got 93 of 100 images it had never seen right." and buttons that go on:
"See the results" (Gallery) and "Try it: draw a digit" (Classify) for classifiers, "See the
generated images" for generative models. Hidden while a run trains.

The verdict wraps in a ``WrappedLabel``, which asks for the height its lines need: the
Train tab's grid gave it a row's share and cut off its last line at 800x800 in presenter mode.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kc_desktop.core.guidance import verdict
from kc_desktop.core.kinds import Task
from kc_desktop.ui.core_text import core_text
from kc_desktop.ui.widgets.wrapped_label import WrappedLabel


class VerdictPanel(QFrame):
    """Shows the verdict of the last run and emits where the user wants to go next."""

    results_requested = Signal()
    try_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verdictPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)  # a palette, not a style sheet: fonts still scale
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.verdictLabel = WrappedLabel(objectName="verdictLabel")
        self.verdictLabel.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        font = self.verdictLabel.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.verdictLabel.setFont(font)
        self.seeResultsButton = QPushButton(
            self.tr("See the results"), objectName="seeResultsButton"
        )
        self.seeResultsButton.setToolTip(
            self.tr("The Gallery: which test images it got right and wrong, and why")
        )
        self.seeResultsButton.clicked.connect(self.results_requested)
        self.tryItButton = QPushButton(objectName="tryItButton")
        self.tryItButton.setToolTip(self.tr("Open the Classify tab and give the model an image"))
        self.tryItButton.clicked.connect(self.try_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.seeResultsButton)
        buttons.addWidget(self.tryItButton)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdictLabel)
        layout.addLayout(buttons)
        self.hide()

    def show_verdict(self, task: Task, summary: Mapping[str, Any], dataset: str) -> None:
        """The verdict of a finished run (``dataset``: its id, for the "draw a digit" wording)."""
        task = Task(task)
        self.verdictLabel.setText(verdict(task, summary, core_text))
        finished = str(summary.get("status")) in ("completed", "stopped")
        if task.is_classifier:
            self.seeResultsButton.setText(self.tr("See the results"))
            self.seeResultsButton.setToolTip(
                self.tr("The Gallery: which test images it got right and wrong, and why")
            )
            digits = dataset in ("digits", "mnist")
            self.tryItButton.setText(
                self.tr("Try it: draw a digit") if digits else self.tr("Try it: classify an image")
            )
        else:
            label = (
                self.tr("See the generated images")
                if task.has_latent
                else self.tr("See the rebuilt images")
            )
            self.seeResultsButton.setText(label)
            self.seeResultsButton.setToolTip(self.tr("The Gallery: what the model made"))
        self.seeResultsButton.setVisible(finished)
        self.tryItButton.setVisible(finished and task.is_classifier)
        self.show()
