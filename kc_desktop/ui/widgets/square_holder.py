"""Keeps one child widget square and centred, as tall as the width allows.

Qt box layouts give a height-for-width widget whatever height is spare, so a drawing
canvas would stretch into a tall strip with bands above and below; this holder makes its
own height follow its width instead, and the layout puts the spare room elsewhere.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget


class SquareHolder(QWidget):
    """Shows ``child`` as a centred square of the holder's width, at most ``max_side`` pixels."""

    def __init__(self, child: QWidget, *, min_side: int = 160, max_side: int = 400) -> None:
        super().__init__()
        self.child = child
        self.min_side = min_side
        self.max_side = max_side
        child.setParent(self)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(max_side)

    def set_max_side(self, pixels: int) -> None:
        """Let the child grow up to ``pixels`` (presenter mode lets it fill the panel)."""
        self.max_side = pixels
        self.setFixedHeight(max(self.min_side, min(self.width(), pixels)))
        self.child.setGeometry((self.width() - self.height()) // 2, 0, self.height(), self.height())

    def sizeHint(self) -> QSize:
        return QSize(self.max_side, self.max_side)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.min_side, self.min_side)

    def resizeEvent(self, event: QResizeEvent) -> None:
        side = max(self.min_side, min(self.width(), self.max_side))
        if self.height() != side:
            self.setFixedHeight(side)
        self.child.setGeometry((self.width() - side) // 2, 0, side, side)
        super().resizeEvent(event)
