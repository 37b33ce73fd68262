"""Nearest training image of each generated sample (Gallery tab): is the model copying?

The search loads the run's dataset and compares every sample with every training image,
so it runs as a background job (``ui/jobs.py``; sampling holds the model's lock); the grid
shows each sample beside its nearest training image, captioned with the pixel distance and
that image's class. Choosing another run cancels a search under way.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kc_desktop.core.inference import LoadedRun
from kc_desktop.core.insight.nearest import NearestReport, nearest_training_images
from kc_desktop.core.studio import dataset_for
from kc_desktop.core.training.config import TrainConfig
from kc_desktop.ui.jobs import JobRunner, JobState
from kc_desktop.ui.widgets.image_grid import ImageGrid

NEAREST = "nearest"  # the job kind
SAMPLES = 16
NEEDS_RUN = QT_TRANSLATE_NOOP(
    "nearest_panel",
    "Available for a saved VAE or DCGAN run: when training ends, or after you open one.",
)
READY = QT_TRANSLATE_NOOP(
    "nearest_panel",
    "Draw 16 samples and put each beside the training image closest to it (pixel distance). "
    "Samples much closer than real unseen images are to the training set look like copies.",
)


def pair_image(sample: np.ndarray, neighbour: np.ndarray, gap: int = 2) -> np.ndarray:
    """Sample and nearest training image side by side, with a grey ``gap`` between (uint8)."""
    height, _, channels = sample.shape
    spacer = np.full((height, gap, channels), 128, dtype=np.uint8)
    return np.concatenate([sample, spacer, neighbour], axis=1)


class NearestPanel(QWidget):
    """A button that finds the nearest training images, and the grid of pairs."""

    status_message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run: LoadedRun | None = None
        self.report: NearestReport | None = None
        self.jobs = JobRunner(self)
        self.nearestButton = QPushButton(
            self.tr("Find nearest training images"), objectName="nearestButton"
        )
        self.nearestButton.clicked.connect(self.compute)
        self.nearestHint = QLabel(
            QCoreApplication.translate("nearest_panel", NEEDS_RUN), objectName="nearestHint"
        )
        self.nearestHint.setWordWrap(True)
        self.nearestGrid = ImageGrid(objectName="nearestGrid", min_cell=56, max_cell=110)
        self.nearestGrid.setToolTip(
            self.tr(
                "Left of each pair: a generated sample; right: the training image nearest to it."
            )
        )
        top = QHBoxLayout()
        top.addWidget(self.nearestButton)
        top.addWidget(self.nearestHint, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.nearestGrid, 1)
        self.set_run(None)

    def set_run(self, run: LoadedRun | None) -> None:
        """Use ``run`` when it draws samples (VAE, DCGAN); forget the last result."""
        self.jobs.cancel(NEAREST)
        self.run = run if run is not None and run.task.scores_samples else None
        self.report = None
        self.nearestButton.setEnabled(self.run is not None)
        self.nearestHint.setText(
            QCoreApplication.translate("nearest_panel", READY)
            if self.run is not None
            else QCoreApplication.translate("nearest_panel", NEEDS_RUN)
        )
        self.nearestGrid.set_placeholder(
            self.tr("Press the button to compare samples with the training set.")
            if self.run is not None
            else self.tr("No generative run loaded.")
        )

    def compute(self) -> None:
        """Start the search in the background; the grid fills when it is done."""
        if self.run is None or self.is_searching():
            return
        run = self.run
        self.nearestButton.setEnabled(False)
        self.nearestGrid.set_placeholder(self.tr("Searching the training set…"))

        def work(state: JobState) -> NearestReport:
            dataset = dataset_for(TrainConfig.from_dict(run.config))
            state.check()
            with state.hold(run.model):
                return nearest_training_images(run, dataset, count=SAMPLES)

        self.jobs.start(NEAREST, work, self.show_report, self._on_failed)

    def is_searching(self) -> bool:
        """True while a search runs; tests wait for it to end."""
        return self.jobs.is_running(NEAREST)

    def _on_failed(self, message: str) -> None:
        self.set_run(self.run)
        text = self.tr("Could not find the nearest training images: {message}").format(
            message=message
        )
        self.nearestHint.setText(text)  # in the panel where the user asked, too
        self.status_message.emit(text)

    def show_report(self, report: NearestReport) -> None:
        """Show each sample beside its nearest training image, with distance and class."""
        self.report = report
        self.nearestButton.setEnabled(self.run is not None)
        pairs = [pair_image(s, n) for s, n in zip(report.samples, report.neighbours, strict=True)]
        captions = [
            self.tr("{value}d {d:.2f} · {label}").format(
                value=self.tr("copy? ") if report.looks_copied(i) else "", d=d, label=label
            )
            for i, (d, label) in enumerate(zip(report.distances, report.labels, strict=True))
        ]
        self.nearestGrid.set_images(pairs, captions)
        closest = min(report.distances)
        self.nearestHint.setText(
            self.tr(
                "Left: sample, right: nearest training image; d = pixel distance. Real "
                "images the model never saw lie at a median d {held_out_median:.2f} "
                "from the training set; the closest sample here is at d {closest:.2f}."
            ).format(held_out_median=report.held_out_median, closest=closest)
        )
        copies = sum(report.looks_copied(i) for i in range(len(report.distances)))
        self.nearestHint.setText(
            self.nearestHint.text()
            + " "
            + self.tr("{copies} of {count} samples look like near-copies.").format(
                copies=copies, count=len(report.distances)
            )
        )
        self.status_message.emit(
            self.tr(
                "Nearest training images found: {copies} of {count} samples look like near-copies."
            ).format(copies=copies, count=len(report.distances))
        )
