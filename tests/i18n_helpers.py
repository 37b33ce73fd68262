"""Helpers for the language tests: every text a window shows, and CJK detection."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMenu, QTabWidget, QWidget

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
LANGUAGE_NAMES = {"简体中文"}
"""View -> Language lists each language in its own script, in every interface language."""


def visible_texts(window: QWidget) -> list[str]:
    """Labels, buttons, group titles, tab titles, menu entries and tooltips of ``window``."""
    texts: list[str] = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        texts.append(widget.toolTip())
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QMenu):
            texts.append(widget.title())
            texts += [action.text() for action in widget.actions()]
    for action in window.menuBar().actions():
        texts.append(action.text())
    return [text for text in texts if text and text not in LANGUAGE_NAMES]


ENGLISH_WORDS = re.compile(r"[A-Za-z]{2,}(?:[ ,;']+[A-Za-z]{2,}){2,}")
"""Three English words in a row: a sentence left untranslated (names and paths have none)."""


def chinese(texts: list[str]) -> list[str]:
    return [text for text in texts if CJK.search(text)]


def is_chinese(text: str) -> bool:
    return bool(CJK.search(text))


def english_sentences(text: str) -> list[str]:
    """Runs of English words in ``text``, which should be Chinese."""
    return ENGLISH_WORDS.findall(text)
