"""One result of the Classify tab: a thumbnail, the file name, and the top-5 bars or a reason.

Clicking a classified row asks the tab to explain its answer (the saliency panel); the row
keeps what it classified (a path or a pasted image) so the answer can be recomputed.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kc_desktop.core.inference import ImageSource
from kc_desktop.core.insight.ood import Verdict
from kc_desktop.ui.classify.unsure import show_unsure, unsure_label
from kc_desktop.ui.images import array_to_qimage
from kc_desktop.ui.widgets.prediction_bars import PredictionBars

THUMBNAIL_SIZE = 72


class PredictionRow(QFrame):
    """Shows what the model thinks one image is; a bad file shows why it was not classified."""

    clicked = Signal()

    def __init__(
        self,
        source: str,
        parent: QWidget | None = None,
        *,
        image_source: ImageSource | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("predictionRow")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.source = source
        self.image_source = image_source
        self.predictions: list[tuple[str, float]] = []
        self.error: str | None = None
        self.predictionThumbnail = QLabel(objectName="predictionThumbnail")
        self.predictionThumbnail.setFixedSize(THUMBNAIL_SIZE, THUMBNAIL_SIZE)
        self.predictionThumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.predictionThumbnail.setStyleSheet("background: #222; color: #ddd; border-radius: 4px;")
        name = Path(source).name if source not in ("drawing", self.tr("pasted image")) else source
        self.predictionName = QLabel(name, objectName="predictionName")
        self.predictionName.setToolTip(source)
        self.predictionName.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.predictionName.font()
        font.setBold(True)
        self.predictionName.setFont(font)
        self.bars = PredictionBars()
        self.bars.setObjectName("predictionBars")
        text = QVBoxLayout()
        text.setSpacing(2)
        self.unsureLabel = unsure_label("predictionUnsureLabel")
        text.addWidget(self.predictionName)
        text.addWidget(self.unsureLabel)
        text.addWidget(self.bars, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.predictionThumbnail, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(text, 1)

    def set_thumbnail(self, image: np.ndarray | None, reason: str = "") -> None:
        """Show a small uint8 (H, W[, C]) image, or a mark when it could not be read."""
        if image is None:
            self.predictionThumbnail.setText("⚠")
            self.predictionThumbnail.setToolTip(reason)
            return
        pixmap = QPixmap.fromImage(array_to_qimage(np.ascontiguousarray(image)))
        self.predictionThumbnail.setPixmap(
            pixmap.scaled(
                THUMBNAIL_SIZE,
                THUMBNAIL_SIZE,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def set_predictions(self, predictions: list[tuple[str, float]]) -> None:
        self.predictions = list(predictions)
        self.error = None
        self.bars.set_predictions(self.predictions)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("Click to see which pixels drove this answer."))

    def set_unsure(self, verdict: Verdict | None) -> None:
        """Say "Not sure" above the bars when the image looks like none of the classes."""
        show_unsure(self.unsureLabel, verdict)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.predictions:
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def set_message(self, message: str) -> None:
        """Replace the bars with a one-line reason (not an image, corrupt, too large…)."""
        self.predictions = []
        self.error = message
        self.unsureLabel.hide()
        self.bars.set_message(message)
