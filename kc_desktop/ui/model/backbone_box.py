"""The Model tab's settings for pretrained models: Quick or Fine-tune, input size, weights.

Shown only when a pretrained model is chosen. It says whether the ImageNet weights are on
this computer (else they are downloaded when Train is pressed) and offers a model trained
from scratch for a computer that cannot download them.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from kc_desktop.core.models.backbones import BACKBONES, NATIVE_SIZE
from kc_desktop.core.models.pretrained_weights import file_name, weights_dir, weights_path

SIZES = (NATIVE_SIZE, 160, 128, 96, 64)
SCRATCH_MODEL = "folder-cnn"


class BackboneBox(QGroupBox):
    """Mode, size and weights of a pretrained model; ``scratch_requested`` asks for Photo CNN."""

    scratch_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="backboneGroup")
        self.setTitle(self.tr("Pretrained model"))
        self.trainModeCombo = QComboBox(objectName="trainModeCombo")
        self.trainModeCombo.addItem(self.tr("Quick: train a new last layer (seconds)"), False)
        self.trainModeCombo.addItem(self.tr("Fine-tune: also the last blocks (slower)"), True)
        self.trainModeCombo.setToolTip(
            self.tr(
                "Quick keeps what the network learned on ImageNet and trains only a new last "
                "layer on features computed once (cached for the next run). Fine-tune also "
                "adjusts the last blocks at a tenth of the learning rate: slower, sometimes "
                "better when your photos look unlike everyday photos."
            )
        )
        self.backboneSizeCombo = QComboBox(objectName="backboneSizeCombo")
        for side in SIZES:
            text = (
                self.tr("{side} pixels (best)") if side == NATIVE_SIZE else self.tr("{side} pixels")
            )
            self.backboneSizeCombo.addItem(text.format(side=side), side)
        self.backboneSizeCombo.setToolTip(
            self.tr(
                "The side images are resized to. 224 is what the network was trained at; "
                "smaller sides are several times faster and a little less accurate."
            )
        )
        self.weightsLabel = QLabel(objectName="weightsLabel")
        self.weightsLabel.setWordWrap(True)
        self.useScratchButton = QPushButton(
            self.tr("Use Photo CNN (from scratch) instead"), objectName="useScratchButton"
        )
        self.useScratchButton.setToolTip(
            self.tr(
                "Photo CNN learns from your images alone (from scratch): it needs no download, "
                "but more images and more time."
            )
        )
        self.useScratchButton.clicked.connect(lambda: self.scratch_requested.emit(SCRATCH_MODEL))
        form = QFormLayout(self)
        training = QHBoxLayout()  # one row for both keeps the Model tab within a small screen
        training.addWidget(self.trainModeCombo, 1)
        training.addWidget(self.backboneSizeCombo)
        form.addRow(self.tr("Training:"), training)
        form.addRow(self.tr("Weights:"), self.weightsLabel)
        form.addRow("", self.useScratchButton)

    @property
    def fine_tune(self) -> bool:
        return bool(self.trainModeCombo.currentData())

    @property
    def backbone_size(self) -> int | None:
        """The chosen side; None for the network's own (224)."""
        side = int(self.backboneSizeCombo.currentData())
        return None if side == NATIVE_SIZE else side

    def set_fine_tune(self, fine_tune: bool) -> None:
        self.trainModeCombo.setCurrentIndex(self.trainModeCombo.findData(fine_tune))

    def set_backbone_size(self, side: int) -> None:
        """Choose ``side`` when it is offered (0 or another value: the network's own)."""
        self.backboneSizeCombo.setCurrentIndex(max(0, self.backboneSizeCombo.findData(side)))

    def show_model(self, model_id: str) -> None:
        """Say where ``model_id``'s weights are, or that Train will download them."""
        backbone = BACKBONES.get(model_id)
        self.setVisible(backbone is not None)
        if backbone is None:
            return
        present = weights_path(backbone.url).is_file()
        text = (
            self.tr("ImageNet weights found on this computer.")
            if present
            else self.tr(
                "Downloaded when you press Train. Offline? Copy {name} into {folder}."
            ).format(name=file_name(backbone.url), folder=weights_dir())
        )
        self.weightsLabel.setText(text)
        self.useScratchButton.setVisible(not present)
