"""Helpers for the language tests: every text a window shows, and CJK detection."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
LANGUAGE_NAMES = {"简体中文"}
"""View -> Language lists each language in its own script, in every interface language."""


def visible_texts(window: QWidget, *, with_views: bool = False) -> list[str]:
    """Labels, buttons, group titles, tab titles, menu entries and tooltips of ``window``;
    ``with_views`` adds the headers and cells of tables and the text of text views."""
    texts: list[str] = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        texts.append(widget.toolTip())
        texts.append(widget.accessibleName())
        if with_views:
            texts += view_texts(widget)
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QMenu):
            texts.append(widget.title())
            texts += [action.text() for action in widget.actions()]
    if isinstance(window, QMainWindow):
        texts += [action.text() for action in window.menuBar().actions()]
    return [text for text in texts if text and text not in LANGUAGE_NAMES]


ENGLISH_WORDS = re.compile(r"[A-Za-z]{2,}(?:[ ,;'()]+[A-Za-z]{2,}){2,}")
"""Three English words in a row: a sentence left untranslated (names and paths have none)."""


def view_texts(widget: QWidget) -> list[str]:
    """What a table, list or text view shows: header titles, cell texts and tooltips."""
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return widget.toPlainText().splitlines()
    if not isinstance(widget, QAbstractItemView) or widget.model() is None:
        return []
    model, texts = widget.model(), []
    for orientation in (Qt.Orientation.Horizontal,):
        for section in range(model.columnCount()):
            texts.append(str(model.headerData(section, orientation) or ""))
    for row in range(min(model.rowCount(), 50)):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                texts.append(value if isinstance(value, str) else "")
    return texts


def chinese(texts: list[str]) -> list[str]:
    return [text for text in texts if CJK.search(text)]


def is_chinese(text: str) -> bool:
    return bool(CJK.search(text))


def english_sentences(text: str) -> list[str]:
    """Runs of English words in ``text``, which should be Chinese."""
    return ENGLISH_WORDS.findall(text)
