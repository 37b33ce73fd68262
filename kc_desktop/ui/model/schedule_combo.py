"""The Model tab's learning-rate schedule choice (one-cycle by default; constant is "off")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QWidget

from kc_desktop.core.choices import DEFAULT_SCHEDULE, SCHEDULES
from kc_desktop.core.training.schedules import SCHEDULE_NAMES
from kc_desktop.ui.core_text import core_text


def schedule_combo(parent: QWidget) -> QComboBox:
    """``lrScheduleCombo``: the schedules by their plain names, the recommended one chosen."""
    combo = QComboBox(parent, objectName="lrScheduleCombo")
    for kind in SCHEDULES:
        combo.addItem(core_text(SCHEDULE_NAMES[kind]), kind)
    combo.setCurrentIndex(combo.findData(DEFAULT_SCHEDULE))
    combo.setToolTip(
        QCoreApplication.translate(
            "ModelTab",
            "How the learning rate moves during the run. One-cycle rises for the first quarter, "
            "then falls towards zero: the same epochs reach a better model. The learning rate "
            "above is the peak. Constant switches scheduling off.",
        )
    )
    return combo
