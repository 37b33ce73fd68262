"""Help → Getting started: a short, skippable tour of the five tabs.

A non-modal window beside the main one: each step shows a tab and says, in two sentences,
what it is for. It is offered once, on the first launch (``offer_once`` remembers that in
the settings), and can be opened again from the Help menu at any time.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

OFFERED_KEY = "guide/tour_offered"


def _steps() -> list[tuple[int, str, str]]:
    """(tab index, title, text) of each step, translated."""

    return [
        (
            0,
            QCoreApplication.translate("GettingStarted", "1 of 5 · Data: the examples"),
            QCoreApplication.translate(
                "GettingStarted",
                "A model learns from examples. Start with the handwritten digits that come "
                "with the app, or open a folder of your own pictures, one subfolder per kind.",
            ),
        ),
        (
            1,
            QCoreApplication.translate("GettingStarted", "2 of 5 · Model: the learner"),
            QCoreApplication.translate(
                "GettingStarted",
                "Choose what learns: a small network that sorts images into classes, or one "
                "that makes new images. The defaults are a good first try.",
            ),
        ),
        (
            2,
            QCoreApplication.translate("GettingStarted", "3 of 5 · Train: watch it learn"),
            QCoreApplication.translate(
                "GettingStarted",
                "Press Train (F5). The curves show the model getting better, the log says so "
                "in words, and at the end you get a verdict and where to go next.",
            ),
        ),
        (
            3,
            QCoreApplication.translate("GettingStarted", "4 of 5 · Gallery: the results"),
            QCoreApplication.translate(
                "GettingStarted",
                "See which images the model gets wrong and why, or the new images a "
                "generative model draws.",
            ),
        ),
        (
            4,
            QCoreApplication.translate("GettingStarted", "5 of 5 · Classify: try it yourself"),
            QCoreApplication.translate(
                "GettingStarted",
                "Draw a digit or drop a photo and see the model's guess. If it does not look "
                "like anything it knows, the model says it is not sure.",
            ),
        ),
    ]


class GettingStartedTour(QDialog):
    """Steps through the tabs; ``show_tab(index)`` is how it points at one."""

    def __init__(self, parent: QWidget | None, show_tab: Callable[[int], None]) -> None:
        super().__init__(parent)
        self.setObjectName("gettingStartedTour")
        self.setWindowTitle(self.tr("Getting started"))
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.Tool, True)
        self.show_tab = show_tab
        self.steps = _steps()
        self.step = 0
        self.tourTitle = QLabel(objectName="tourTitle")
        font = self.tourTitle.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.tourTitle.setFont(font)
        self.tourText = QLabel(objectName="tourText")
        self.tourText.setWordWrap(True)
        self.tourText.setMinimumWidth(360)
        self.tourBackButton = QPushButton(self.tr("Back"), objectName="tourBackButton")
        self.tourBackButton.setToolTip(self.tr("The previous step (Alt+Left)"))
        self.tourBackButton.setShortcut("Alt+Left")
        self.tourBackButton.clicked.connect(lambda: self.go_to(self.step - 1))
        self.tourNextButton = QPushButton(objectName="tourNextButton")
        self.tourNextButton.setDefault(True)
        self.tourNextButton.clicked.connect(self._on_next_clicked)
        self.tourSkipButton = QPushButton(self.tr("Skip the tour"), objectName="tourSkipButton")
        self.tourSkipButton.setToolTip(
            self.tr("Close the tour; Help → Getting started shows it again (Esc)")
        )
        self.tourSkipButton.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.tourSkipButton)
        buttons.addStretch(1)
        buttons.addWidget(self.tourBackButton)
        buttons.addWidget(self.tourNextButton)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tourTitle)
        layout.addWidget(self.tourText, 1)
        layout.addLayout(buttons)
        self.go_to(0)

    def go_to(self, step: int) -> None:
        """Show step ``step`` and its tab."""
        self.step = max(0, min(step, len(self.steps) - 1))
        tab, title, text = self.steps[self.step]
        self.tourTitle.setText(title)
        self.tourText.setText(text)
        self.tourBackButton.setEnabled(self.step > 0)
        last = self.step == len(self.steps) - 1
        self.tourNextButton.setText(self.tr("Start") if last else self.tr("Next"))
        self.tourNextButton.setToolTip(
            self.tr("Close the tour and begin on the Data tab")
            if last
            else self.tr("The next tab (Enter)")
        )
        self.show_tab(tab)

    def _on_next_clicked(self) -> None:
        if self.step == len(self.steps) - 1:
            self.show_tab(0)
            self.close()
        else:
            self.go_to(self.step + 1)


def offer_once(settings: QSettings, open_tour: Callable[[], object]) -> bool:
    """Open the tour unless it was offered before (first launch only); True when opened."""
    if settings.value(OFFERED_KEY, False, type=bool):
        return False
    settings.setValue(OFFERED_KEY, True)
    open_tour()
    return True
