"""The Data tab's "read at" row: the size and colour an image folder is decoded at.

A folder is first read as its files are (median size, capped; greyscale when every image
is, see ``core/data/folder_format``); this row shows what that gave and lets the user pick
another size or colour, which reloads the folder (each format is cached on its own).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from kc_desktop.core.data.dataset import ImageDataset
from kc_desktop.core.data.folder_format import MAX_SIZE, MIN_SIZE


class FolderFormatRow(QWidget):
    """``imageSizeSpin`` and ``colourCombo``; ``format_changed(size, colour)`` on a change."""

    format_changed = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.imageSizeSpin = QSpinBox(objectName="imageSizeSpin")
        self.imageSizeSpin.setRange(MIN_SIZE, MAX_SIZE)
        self.imageSizeSpin.setSuffix(self.tr(" px"))
        self.imageSizeSpin.setKeyboardTracking(False)  # reload once typing is done
        self.imageSizeSpin.setToolTip(
            self.tr(
                "Side in pixels the pictures are scaled to. It starts at the files' own size "
                "(at most 150); smaller trains faster, larger keeps more detail."
            )
        )
        self.colourCombo = QComboBox(objectName="colourCombo")
        self.colourCombo.addItem(self.tr("As the files are"), "auto")
        self.colourCombo.addItem(self.tr("Colour"), "rgb")
        self.colourCombo.addItem(self.tr("Greyscale"), "grey")
        self.colourCombo.setToolTip(
            self.tr(
                "Greyscale pictures hold a third of the data of colour ones. As the files are: "
                "greyscale when every picture is."
            )
        )
        self.imageSizeSpin.valueChanged.connect(self._on_choice_changed)
        self.colourCombo.activated.connect(self._on_choice_changed)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Read at:")))
        row.addWidget(self.imageSizeSpin)
        row.addWidget(self.colourCombo, 1)

    @property
    def colour(self) -> str:
        return str(self.colourCombo.currentData())

    def reset(self) -> None:
        """A new folder: read it as its files are."""
        self.colourCombo.setCurrentIndex(0)

    def show_format(self, dataset: ImageDataset) -> None:
        """Show the size and colour ``dataset`` was read at (without reloading it)."""
        self.imageSizeSpin.blockSignals(True)
        self.imageSizeSpin.setValue(dataset.size)
        self.imageSizeSpin.blockSignals(False)
        grey = dataset.channels == 1
        self.colourCombo.setItemText(
            0,
            self.tr("As the files are (greyscale)")
            if grey
            else self.tr("As the files are (colour)"),
        )

    def _on_choice_changed(self) -> None:
        self.format_changed.emit(self.imageSizeSpin.value(), self.colour)
