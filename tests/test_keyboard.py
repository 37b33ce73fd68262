"""Every tab is usable by keyboard: Tab reaches each control in reading order, no focus trap,
and every control without visible text has an accessible name for screen readers."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from keyboard_helpers import focusable, goes_back, needs_name, tab_walk
from PySide6.QtWidgets import QWidget

TABS = ["data", "model", "train", "gallery", "classify"]


def describe(widget: QWidget) -> str:
    return widget.objectName() or f"{type(widget).__name__} in {widget.parent().objectName()}"


def check_keyboard(window, page: QWidget) -> None:
    expected = focusable(page)
    assert expected, "nothing to reach"
    visited = tab_walk(window.mainTabs.tabBar(), limit=3 * len(focusable(window)) + 20)
    assert len(visited) < 3 * len(focusable(window)) + 20, "focus never came back: a trap"
    in_page = [widget for widget in visited if page.isAncestorOf(widget)]
    missing = [describe(w) for w in expected if w not in in_page]
    assert missing == [], f"Tab never reaches {missing}"
    backwards = [
        f"{describe(a)} -> {describe(b)}" for a, b in pairwise(in_page) if goes_back(a, b, page)
    ]
    assert backwards == [], backwards
    nameless = [describe(w) for w in expected if needs_name(w) and not w.accessibleName()]
    assert nameless == [], nameless


@pytest.fixture
def window_with_run(ready_window, qtbot, digits_classifier_dir: Path):
    """The window with a trained classifier open: the Gallery and Classify tabs are full."""
    window = ready_window
    window.classify_tab.open_run(str(digits_classifier_dir))
    qtbot.waitUntil(lambda: window.current_run is not None, timeout=30_000)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    return window


@pytest.mark.parametrize("index", range(len(TABS)), ids=TABS)
def test_each_tab_is_usable_by_keyboard(window_with_run, index: int) -> None:
    window = window_with_run
    window.mainTabs.setCurrentIndex(index)
    check_keyboard(window, window.mainTabs.currentWidget())


def test_runs_dock_is_usable_by_keyboard(window_with_run) -> None:
    window = window_with_run
    window.runsDock.show()
    check_keyboard(window, window.runsDock.widget())
