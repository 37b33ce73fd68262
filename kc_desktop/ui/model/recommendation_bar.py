"""The Model tab's proposal for the loaded data: which model, in which mode, and why."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from kc_desktop.core.models.recommend import Recommendation
from kc_desktop.core.models.registry import get_model_spec
from kc_desktop.ui.core_text import core_text


class RecommendationBar(QFrame):
    """One line of advice and a "Use it" button, greyed out while the advice is followed."""

    accepted = Signal(object)  # the Recommendation

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="recommendationBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.recommendationLabel = QLabel(objectName="recommendationLabel")
        self.recommendationLabel.setWordWrap(True)
        self.useRecommendedButton = QPushButton(
            self.tr("Use it"), objectName="useRecommendedButton"
        )
        self.useRecommendedButton.setToolTip(self.tr("Choose the proposed model and mode."))
        self.useRecommendedButton.clicked.connect(self._on_use_clicked)
        layout = QHBoxLayout(self)
        layout.addWidget(self.recommendationLabel, 1)
        layout.addWidget(self.useRecommendedButton)
        self.recommendation: Recommendation | None = None
        self.hide()

    def propose(self, recommendation: Recommendation, current_model: str, fine_tune: bool) -> None:
        """Show ``recommendation`` unless that model and mode are already chosen."""
        self.recommendation = recommendation
        spec = get_model_spec(recommendation.model_id)
        mode = ""
        if spec.pretrained:
            mode = self.tr(", Fine-tune") if recommendation.fine_tune else self.tr(", Quick")
        why = core_text(recommendation.reason).format(**recommendation.values)
        self.recommendationLabel.setText(
            self.tr("<b>Recommended: {model}{mode}.</b> {why}").format(
                model=core_text(spec.name), mode=mode, why=why
            )
        )
        self.follow(current_model, fine_tune)
        self.show()

    def follow(self, current_model: str, fine_tune: bool) -> None:
        """Grey out "Use it" while the proposed model and mode are the chosen ones."""
        proposal = self.recommendation
        if proposal is None:
            return
        chosen = current_model == proposal.model_id and (
            not get_model_spec(proposal.model_id).pretrained or fine_tune == proposal.fine_tune
        )
        self.useRecommendedButton.setEnabled(not chosen)

    def _on_use_clicked(self) -> None:
        if self.recommendation is not None:
            self.accepted.emit(self.recommendation)
