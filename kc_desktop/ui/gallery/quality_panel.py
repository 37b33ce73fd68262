"""The per-epoch sample-quality plot of the Gallery tab (``qualityPlot``) and its readout.

The engine scores GAN and VAE samples after every epoch (core/insight/quality_metric.py);
this panel plots the Fréchet distance per epoch beside a flat line for real held-out
images (the floor a perfect generator would reach), and spells out the figures of the
epoch chosen on the gallery's slider, class coverage included. A saved run's scores are
read back from its metrics.jsonl.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from kc_desktop.ui.widgets.curve_plot import CurvePlot

DISTANCE = QT_TRANSLATE_NOOP("quality_panel", "generated images")
REAL = QT_TRANSLATE_NOOP("quality_panel", "real images (the best possible)")
NO_SCORES = QT_TRANSLATE_NOOP(
    "quality_panel",
    "No quality scores for this run: they are computed after each epoch of a VAE or DCGAN "
    "when “Score samples each epoch” is ticked on the Model tab.",
)
EXPLANATION = QT_TRANSLATE_NOOP(
    "quality_panel",
    "Lower is better: the distance between features of generated and real training images, "
    "measured by a classifier trained on the same data (like FID). Coverage: how many classes "
    "the samples are recognised as, and how evenly (1 = all equally often).",
)


class QualityPanel(QGroupBox):
    """Fréchet distance per epoch, and coverage of the selected epoch."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Sample quality per epoch"), parent, objectName="qualityGroup")
        self.scores: dict[int, dict[str, float]] = {}
        self.num_classes = 0
        self.qualityPlot = CurvePlot(
            title="",
            x_label=self.tr("epoch"),
            y_label=self.tr("distance"),
            placeholder=self.tr("No scores yet."),
        )
        self.qualityPlot.setObjectName("qualityPlot")
        self.qualityPlot.setToolTip(QCoreApplication.translate("quality_panel", EXPLANATION))
        self.qualityPlot.setMinimumWidth(260)
        self.qualityCaption = QLabel(objectName="qualityCaption")
        self.qualityCaption.setWordWrap(True)
        self.qualityCaption.setToolTip(QCoreApplication.translate("quality_panel", EXPLANATION))
        self.qualityLabel = QLabel(objectName="qualityLabel")
        self.qualityLabel.setWordWrap(True)
        self.qualityLabel.setTextFormat(Qt.TextFormat.RichText)
        self.qualityLabel.setToolTip(QCoreApplication.translate("quality_panel", EXPLANATION))
        layout = QVBoxLayout(self)
        layout.addWidget(self.qualityPlot, 1)
        layout.addWidget(self.qualityCaption)
        layout.addWidget(self.qualityLabel)
        self.clear()

    def clear(self, num_classes: int = 0) -> None:
        """A new run (of a dataset with ``num_classes`` classes): no scores yet."""
        self.scores = {}
        self.num_classes = num_classes
        self.qualityPlot.clear()
        self.qualityPlot.add_series(
            QCoreApplication.translate("quality_panel", DISTANCE), "#9467bd", width=2
        )
        self.qualityPlot.add_series(
            QCoreApplication.translate("quality_panel", REAL), "#8c8c8c", width=1
        )
        self.qualityLabel.setText(self.tr("The score of each epoch appears when the epoch ends."))
        self._set_caption(None)

    def add_epoch(self, logs: dict[str, Any]) -> None:
        """One epoch's logs (from the engine or metrics.jsonl); ignored without a score."""
        if "frechet_distance" not in logs:
            return
        epoch = int(logs["epoch"])
        self.scores[epoch] = {k: float(v) for k, v in logs.items() if isinstance(v, (int, float))}
        self.qualityPlot.append(
            QCoreApplication.translate("quality_panel", DISTANCE),
            epoch,
            float(logs["frechet_distance"]),
        )
        if "frechet_real" in logs:
            self.qualityPlot.append(
                QCoreApplication.translate("quality_panel", REAL),
                epoch,
                float(logs["frechet_real"]),
            )
            self._set_caption(float(logs["frechet_real"]))
        self.show_epoch(epoch)

    def _set_caption(self, real: float | None) -> None:
        """What the chart shows and which way is better, with the real images' score."""
        text = self.tr(
            "Quality score of the generated images per epoch (Fréchet distance) — lower is better"
        )
        if real is not None:
            text += self.tr("; real images score {real}").format(real=f"{real:.1f}")
        self.qualityCaption.setText(text + ".")

    def load_records(self, records: list[dict[str, Any]], num_classes: int = 0) -> None:
        """The epoch records of a saved run's metrics.jsonl."""
        self.clear(num_classes)
        for record in records:
            if record.get("kind") == "epoch":
                self.add_epoch(record)
        if not self.scores:
            self.qualityLabel.setText(QCoreApplication.translate("quality_panel", NO_SCORES))

    def show_epoch(self, epoch: int | None) -> None:
        """Spell out the figures of ``epoch`` (the one the gallery slider shows)."""
        score = self.scores.get(epoch) if epoch is not None else None
        if score is None:
            if self.scores:
                self.qualityLabel.setText(
                    self.tr("Epoch {epoch} has no quality score.").format(epoch=epoch)
                )
            return
        parts = [
            self.tr("<b>Epoch {epoch}</b>: quality score <b>{score:.1f}</b>").format(
                epoch=epoch, score=score["frechet_distance"]
            )
        ]
        if "frechet_real" in score:
            parts.append(
                self.tr(" (real held-out images: {frechet_real:.1f})").format(
                    frechet_real=score["frechet_real"]
                )
            )
        if "classes_covered" in score:
            parts.append(
                self.tr(
                    "<br>Covers <b>{covered}</b> of {total} classes, evenness {evenness:.2f} "
                    "(1 = every class equally often)"
                ).format(
                    covered=int(score["classes_covered"]),
                    total=self.num_classes or "?",
                    evenness=score.get("class_evenness", 0.0),
                )
            )
        self.qualityLabel.setText("".join(parts))
