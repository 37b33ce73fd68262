"""Colour a label's text through its palette rather than a style sheet.

A widget with a style sheet stops following its parent's font, so presenter mode could not
enlarge it; a palette colour keeps the font inherited.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget


def tint(widget: QWidget, colour: str) -> None:
    """Draw ``widget``'s text in ``colour``."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
    widget.setPalette(palette)
