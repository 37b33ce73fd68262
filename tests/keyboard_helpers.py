"""Helpers for the keyboard tests: walk the focus chain with real Tab presses."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGraphicsView,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

TEXTLESS = (
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QAbstractItemView,
    QGraphicsView,
    QPlainTextEdit,
    QTextEdit,
)
"""Controls that show no label of their own: a screen reader needs their accessible name."""


def focusable(root: QWidget) -> list[QWidget]:
    """Visible, enabled widgets under ``root`` that Tab can reach (focus proxies resolved)."""
    found = []
    for widget in root.findChildren(QWidget):
        if widget.focusProxy() is not None or not widget.isVisible() or not widget.isEnabled():
            continue
        if widget.objectName().startswith("qt_") or widget.parent().objectName().startswith("qt_"):
            continue  # Qt's own parts: a scroll area's viewport, a tab bar's arrows
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            found.append(widget)
    return found


def tab_walk(start: QWidget, limit: int) -> list[QWidget]:
    """The widgets focused by pressing Tab from ``start`` until focus comes back (or ``limit``)."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    visited: list[QWidget] = []
    for _ in range(limit):
        current = QApplication.focusWidget()
        QTest.keyClick(current, Qt.Key.Key_Tab)
        QApplication.processEvents()
        focused = QApplication.focusWidget()
        if focused is None or focused is start:
            break
        visited.append(focused)
    return visited


def top_left(widget: QWidget, root: QWidget) -> QPoint:
    return widget.mapTo(root, QPoint(0, 0))


def goes_back(before: QWidget, after: QWidget, root: QWidget) -> bool:
    """True when Tab from ``before`` to ``after`` goes against the reading order.

    Reading order is top to bottom, left to right, column by column: the next control may
    be lower, or further right on the same row, or at the top of a column to the right;
    it may not be above and not to the right, nor to the left on the same row.
    """
    a, b = top_left(before, root), top_left(after, root)
    a_bottom, b_bottom = a.y() + before.height(), b.y() + after.height()
    new_column = b.x() >= a.x() + before.width() - 1
    above = b_bottom <= a.y()
    same_row = b.y() < a_bottom and a.y() < b_bottom
    leftwards = b.x() + after.width() <= a.x() + 1
    return (above and not new_column) or (same_row and leftwards)


def needs_name(widget: QWidget) -> bool:
    """A control with no visible text of its own: icon buttons, sliders, fields, views, plots."""
    if isinstance(widget, QAbstractButton):
        return not widget.text()
    return isinstance(widget, TEXTLESS) or type(widget).__module__.startswith("kc_desktop")
