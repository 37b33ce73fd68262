"""The Classify tab's "Why this answer?" box: a saliency overlay, its opacity, a plain caption.

It explains one prediction at a time (the newest, or the result row the user clicked) in
words a non-programmer can follow: red shows what pushed the model towards its answer.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QSlider, QVBoxLayout, QWidget

from kc_desktop.core.insight.saliency import METHOD_TEXT, Saliency
from kc_desktop.ui.classify.saliency_overlay import SaliencyOverlay

DEFAULT_OPACITY = 60  # percent
RED_MEANS = "Red = pixels that pushed the model towards its answer."
EMPTY_TEXT = "Classify an image or draw a digit to see which pixels drove the answer."


class SaliencyPanel(QGroupBox):
    """Shows the saliency of one prediction over its image, with an opacity slider."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Why this answer?", parent)
        self.setObjectName("saliencyPanel")
        self.saliencyCaption = QLabel(objectName="saliencyCaption")
        self.saliencyCaption.setTextFormat(Qt.TextFormat.RichText)
        self.saliencyCaption.setWordWrap(True)
        self.saliencyOverlay = SaliencyOverlay(objectName="saliencyOverlay")
        self.saliencyOverlay.setToolTip(RED_MEANS + " Move the slider to fade the red layer.")
        self.saliencyOpacitySlider = QSlider(
            Qt.Orientation.Horizontal, objectName="saliencyOpacitySlider"
        )
        self.saliencyOpacitySlider.setRange(0, 100)
        self.saliencyOpacitySlider.setToolTip("How strongly the red layer covers the image.")
        self.saliencyOpacitySlider.valueChanged.connect(self._on_opacity_slider_value_changed)
        self.saliencyOpacitySlider.setValue(DEFAULT_OPACITY)
        self.saliencyExplanation = QLabel(objectName="saliencyExplanation")
        self.saliencyExplanation.setWordWrap(True)
        slider_row = QHBoxLayout()
        slider_row.addWidget(QLabel("Image"))
        slider_row.addWidget(self.saliencyOpacitySlider, 1)
        slider_row.addWidget(QLabel("Red layer"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.saliencyCaption)
        layout.addWidget(self.saliencyOverlay, 1)
        layout.addLayout(slider_row)
        layout.addWidget(self.saliencyExplanation)
        self.show_message(EMPTY_TEXT)

    def show_saliency(self, name: str, saliency: Saliency) -> None:
        """Explain the prediction ``saliency`` made for the input called ``name``."""
        self.saliencyOverlay.set_saliency(saliency.image, saliency.heatmap, saliency.row_weights)
        self.saliencyCaption.setText(
            f"{name}: the model answered <b>{saliency.label}</b> ({saliency.confidence:.0%})."
        )
        self.saliencyExplanation.setText(f"{RED_MEANS} {METHOD_TEXT[saliency.method]}")

    def show_message(self, text: str) -> None:
        """No explanation to show (no run, nothing classified yet, or why it failed)."""
        self.saliencyOverlay.clear(text)
        self.saliencyCaption.setText("")
        self.saliencyExplanation.setText(RED_MEANS)

    def _on_opacity_slider_value_changed(self, value: int) -> None:
        self.saliencyOverlay.set_opacity(value / 100)
