"""Tooltips a person can read: wrapped at about 60 characters, and on labels too.

Qt shows a plain-text tooltip as one line as wide as the screen. ``TooltipWrapper``, installed
on the application, re-wraps a widget's tooltip just before it is shown, so tooltips set at any
time by any tab are covered. ``label_form_tooltips`` gives the label of each form row the
tooltip of its field, so hovering the word explains it as hovering the box does.
"""

from __future__ import annotations

import textwrap

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

WIDTH = 60


def wrap(text: str, width: int = WIDTH) -> str:
    """Plain text wrapped at ``width`` characters (rich text is left to Qt)."""
    if not text or text.lstrip().startswith("<"):
        return text
    return "\n".join(
        textwrap.fill(line, width) if len(line) > width else line for line in text.split("\n")
    )


class TooltipWrapper(QObject):
    """Wraps long plain-text tooltips just before Qt shows them."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(watched, QWidget):
            text = watched.toolTip()
            wrapped = wrap(text)
            if wrapped != text:
                watched.setToolTip(wrapped)
        return False


def label_form_tooltips(root: QWidget) -> int:
    """Copy each form field's tooltip to its label (where the label has none); the count."""
    copied = 0
    for form in root.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            label = label_item.widget() if label_item else None
            field = field_item.widget() if field_item else None
            tip = field.toolTip() if field is not None else ""
            if isinstance(label, QLabel) and tip and not label.toolTip():
                label.setToolTip(tip)
                copied += 1
    return copied
