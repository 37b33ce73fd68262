"""A word-wrapped label that always gets the height its lines need.

A plain wrapping ``QLabel`` reports height-for-width, and a ``QGridLayout`` then takes each
row's preferred height as its minimum too (``addHfwData``): when the window is short, every
row is squeezed in proportion and a label loses its last line (the Train tab's verdict at
800x800 in presenter mode, in English and Chinese). This label instead makes the height
its text needs at its current width its minimum, whenever the text, the width or the font
changes, and reports no height-for-width: the grid then shrinks the rows that can give
(plots, the log) and never a line of text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget


class WrappedLabel(QLabel):
    """A ``QLabel`` with word wrap whose minimum height fits every wrapped line."""

    def __init__(self, text: str = "", parent: QWidget | None = None, **kwargs: object) -> None:
        super().__init__(text, parent, **kwargs)
        self.setWordWrap(True)

    def hasHeightForWidth(self) -> bool:
        return False  # the fitted minimum height stands for it (see the module doc)

    def setText(self, text: str) -> None:
        super().setText(text)
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
        needed = self.needed_height() if self.text() else 0
        if needed != self.minimumHeight():
            self.setMinimumHeight(needed)
