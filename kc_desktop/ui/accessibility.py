"""Tooltips and accessible names for the controls that lack them, applied once per build.

Screen readers read a control's accessible name; a slider, a table or an icon-only button
has no visible text to fall back on. Most controls set their tooltip where they are built;
this table fills the gaps in one place (keyed by objectName, so a renamed widget shows up in
``tests/test_accessibility.py``), and every focusable control without text gets an
accessible name: its own entry here, its form label, the first sentence of its tooltip, or
its named parent's. Tables and lists let Tab move on (arrow keys move inside them), so a
keyboard user is never caught cell by cell (``tests/test_keyboard.py`` walks every tab).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLabel, QWidget

CONTEXT = "accessibility"

TOOLTIPS = {
    "modelCombo": QT_TRANSLATE_NOOP(
        "accessibility", "The network to train; its description is shown below."
    ),
    "flipCheck": QT_TRANSLATE_NOOP(
        "accessibility", "Mirror training images at random (not for digits or text)."
    ),
    "shiftCheck": QT_TRANSLATE_NOOP(
        "accessibility", "Move training images by up to a tenth of their size at random."
    ),
    "zoomCheck": QT_TRANSLATE_NOOP(
        "accessibility", "Zoom training images in or out by up to a tenth at random."
    ),
    "misclassifiedSortCombo": QT_TRANSLATE_NOOP(
        "accessibility", "The order of the mistakes: the surest wrong answers first, or last."
    ),
    "nearestButton": QT_TRANSLATE_NOOP(
        "accessibility", "Put generated samples beside the training images closest to them."
    ),
    "interpolateButton": QT_TRANSLATE_NOOP(
        "accessibility", "Decode a walk between two new random latent points."
    ),
    "use_digits_button": QT_TRANSLATE_NOOP(
        "accessibility", "Switch to the offline handwritten digits."
    ),
    "use_shapes_button": QT_TRANSLATE_NOOP("accessibility", "Switch to the offline shapes."),
    "skippedDetailsButton": QT_TRANSLATE_NOOP(
        "accessibility", "List the files that could not be read, and why."
    ),
    "exportComparePngButton": QT_TRANSLATE_NOOP(
        "accessibility", "Save the comparison plot as a PNG image."
    ),
    "runsTable": QT_TRANSLATE_NOOP(
        "accessibility",
        "Saved runs. Double-click to open one; Ctrl+click to select runs to compare.",
    ),
    "runsRenameButton": QT_TRANSLATE_NOOP("accessibility", "Rename the selected run (F2)."),
    "runsRefreshButton": QT_TRANSLATE_NOOP("accessibility", "Read the runs folder again."),
}

NAMES = {
    "saliencyOpacitySlider": QT_TRANSLATE_NOOP("accessibility", "Red layer strength"),
    "galleryEpochSlider": QT_TRANSLATE_NOOP("accessibility", "Epoch shown"),
    "latentValueSlider": QT_TRANSLATE_NOOP("accessibility", "Latent value"),
    "classMetricsTable": QT_TRANSLATE_NOOP("accessibility", "Scores per class"),
    "runsTable": QT_TRANSLATE_NOOP("accessibility", "Saved runs"),
    "mainTabs": QT_TRANSLATE_NOOP("accessibility", "Steps: data, model, train, gallery, classify"),
    "resultsArea": QT_TRANSLATE_NOOP("accessibility", "Classification results"),
    "logView": QT_TRANSLATE_NOOP("accessibility", "Training log"),
    "modelSummary": QT_TRANSLATE_NOOP("accessibility", "Layers of the model"),
    "evaluationImageTabs": QT_TRANSLATE_NOOP("accessibility", "Mistakes and selected cell"),
    "galleryViews": QT_TRANSLATE_NOOP("accessibility", "Gallery views"),
    "classHistogram": QT_TRANSLATE_NOOP("accessibility", "Images per class"),
    "lossPlot": QT_TRANSLATE_NOOP("accessibility", "Loss per epoch"),
    "metricPlot": QT_TRANSLATE_NOOP("accessibility", "Accuracy or quality per epoch"),
    "devicePlot": QT_TRANSLATE_NOOP("accessibility", "Processor and memory load"),
    "comparePlot": QT_TRANSLATE_NOOP("accessibility", "Comparison of the selected runs"),
    "qualityPlot": QT_TRANSLATE_NOOP("accessibility", "Sample quality per epoch"),
}


def describe_controls(root: QWidget) -> None:
    """Give ``root``'s controls the tooltips and accessible names they lack; Tab leaves views.

    A control without text of its own is named, in order, by its entry in ``NAMES``, the
    form label that is its buddy ("Epochs"), the first sentence of its tooltip, or else its
    named parent's (a plot inside a chart widget).
    """
    buddies = {
        label.buddy(): label.text().replace("&", "").rstrip(":：")
        for label in root.findChildren(QLabel)
        if label.buddy() is not None and label.text()
    }
    for widget in root.findChildren(QWidget):
        name = widget.objectName()
        if name.startswith("qt_"):
            continue
        if isinstance(widget, QAbstractItemView):
            widget.setTabKeyNavigation(False)  # Tab leaves a table; arrow keys move inside
        if name and not widget.toolTip() and name in TOOLTIPS:
            widget.setToolTip(QCoreApplication.translate(CONTEXT, TOOLTIPS[name]))
        if widget.accessibleName() or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if isinstance(widget, QAbstractButton) and widget.text():
            continue
        found = _name_for(widget, buddies)
        if found:
            widget.setAccessibleName(found)


def _name_for(widget: QWidget, buddies: dict[QWidget, str]) -> str:
    name = widget.objectName()
    if name in NAMES:
        return QCoreApplication.translate(CONTEXT, NAMES[name])
    if widget in buddies:
        return buddies[widget]
    if widget.toolTip():
        return _first_sentence(widget.toolTip())
    parent = widget.parentWidget()
    if parent is not None and not name and parent.objectName():
        return parent.accessibleName() or _name_for(parent, buddies)
    return ""


def _first_sentence(text: str) -> str:
    for end in (". ", "。", ": ", "："):
        if end in text:
            return text.split(end, 1)[0]
    return text.rstrip(".")
