"""A word-wrapped label that always gets the height its lines need.

A plain wrapping ``QLabel`` reports height-for-width, and a ``QGridLayout`` then takes each
row's preferred height as its minimum too (``addHfwData``): when the window is short, every
row is squeezed in proportion and a label loses its last line (the Train tab's verdict at
800x800 in presenter mode, in English and Chinese). This label instead makes the height
its text needs at its current width its minimum, whenever the text, the width or the font
changes, and reports no height-for-width: the grid then shrinks the rows that can give
(plots, the log) and never a line of text. Its height is exactly that (a fixed vertical
policy), and it is measured only while shown: a child widget's width before its layout
placed it is a default 100 pixels, whose many lines would stretch the whole window.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from kc_desktop.ui.widgets.tint import tint

CAPTION_COLOUR = "#707070"


class WrappedLabel(QLabel):
    """A ``QLabel`` with word wrap whose minimum height fits every wrapped line."""

    def __init__(self, text: str = "", parent: QWidget | None = None, **kwargs: object) -> None:
        super().__init__(text, parent, **kwargs)
        self.setWordWrap(True)
        policy = self.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Fixed)
        self.setSizePolicy(policy)

    def hasHeightForWidth(self) -> bool:
        return False  # the fitted minimum height stands for it (see the module doc)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.fit_height()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self.minimumHeight() > 0:  # fitted: the height its lines need at its width
            hint.setHeight(self.minimumHeight())
        return hint

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit_height()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_height()

    def needed_height(self) -> int:
        """The height every line of the text needs at the label's width."""
        return max(0, self.heightForWidth(max(1, self.width())))

    def fit_height(self) -> None:
        if not self.isVisible():
            return  # measured when shown, at the width its layout gives it
        needed = self.needed_height() if self.text() else 0
        if needed != self.minimumHeight():
            self.setMinimumHeight(needed)


def caption_label(name: str, text: str = "") -> WrappedLabel:
    """The one line under a chart or table: what it shows and which way is better, in grey."""
    label = WrappedLabel(text, objectName=name)
    tint(label, CAPTION_COLOUR)  # a palette, not a style sheet: presenter mode can enlarge it
    return label
