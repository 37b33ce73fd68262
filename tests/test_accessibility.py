"""Keyboard and screen-reader basics: every named control explains itself and can be reached."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from kc_desktop.ui.accessibility import describe_controls


def named_controls(root: QWidget) -> list[QWidget]:
    """Widgets with an objectName (ours, not Qt's internals) that take keyboard focus."""
    return [
        widget
        for widget in root.findChildren(QWidget)
        if widget.objectName()
        and not widget.objectName().startswith("qt_")
        and not widget.parent().objectName().startswith("qt_")  # a tab bar's scroll arrows
        and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        and not isinstance(widget, QLabel)
    ]


def test_every_control_has_a_tooltip_and_a_name(ready_window) -> None:
    controls = named_controls(ready_window)
    assert len(controls) > 40
    inputs = (QAbstractButton, QAbstractSlider, QAbstractSpinBox, QComboBox, QLineEdit)
    no_tooltip = [w.objectName() for w in controls if isinstance(w, inputs) and not w.toolTip()]
    assert no_tooltip == [], no_tooltip
    nameless = [
        w.objectName()
        for w in controls
        if not w.accessibleName() and not (isinstance(w, QAbstractButton) and w.text())
    ]
    assert nameless == [], nameless


def test_describe_controls_keeps_what_a_widget_set_itself(qtbot) -> None:
    from PySide6.QtWidgets import QSlider

    root = QWidget()
    qtbot.addWidget(root)
    slider = QSlider(root, objectName="galleryEpochSlider")
    own = QSlider(root, objectName="someSlider")
    own.setToolTip("How far. Drag it.")
    describe_controls(root)
    assert slider.accessibleName() == "Epoch shown"
    assert own.accessibleName() == "How far"
    assert own.toolTip() == "How far. Drag it."


def test_train_buttons_follow_each_other_in_tab_order(ready_window) -> None:
    train = ready_window.train_tab
    ready_window.mainTabs.setCurrentWidget(train)
    assert train.trainButton.nextInFocusChain() is train.pauseButton
    assert train.pauseButton.nextInFocusChain() is train.stopButton
