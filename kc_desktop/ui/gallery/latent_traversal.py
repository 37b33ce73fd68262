"""Latent traversal of a VAE (Gallery tab): pick one latent number and slide it.

The decoded image follows the slider live. Decoding one 28x28 image takes about 2 ms on an
idle CPU, but over 100 ms while a run trains on the same cores (PyTorch's threads compete),
so decodes run as background jobs (``ui/jobs.py``, holding the model's lock): moving the
slider cancels the decode under way and asks for the newest position.
The row below sweeps the same number from -3 to 3, so the whole effect is visible at once.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kc_desktop.core.inference import LoadedRun
from kc_desktop.core.insight.latent import (
    TRAVERSAL_RANGE,
    base_point,
    decode_traversal,
    traversal_row,
)
from kc_desktop.ui.jobs import JobRunner, JobState
from kc_desktop.ui.widgets.image_grid import ImageGrid

DECODE = "decode"  # the job kind
SLIDER_STEPS = 10  # slider ticks per unit of latent value: -3.0 .. 3.0 in steps of 0.1
NEEDS_VAE = QT_TRANSLATE_NOOP(
    "latent_traversal", "Latent traversal needs a saved VAE run (train one, or open one)."
)
READY = QT_TRANSLATE_NOOP(
    "latent_traversal",
    "Each latent number of the VAE is one knob of the picture. Choose a number and slide it: "
    "numbers the model uses change the image, numbers it switched off change nothing.",
)


class LatentTraversal(QWidget):
    """Dimension spin box, value slider, the decoded image and a -3..3 sweep row."""

    status_message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run: LoadedRun | None = None
        self.base_seed: int | None = None
        self.jobs = JobRunner(self)
        self._row_stale = True  # the dimension or base point changed: redo the sweep row
        self.latentDimSpin = QSpinBox(objectName="latentDimSpin")
        self.latentDimSpin.setPrefix(self.tr("number "))
        self.latentDimSpin.setToolTip(
            self.tr("Which latent number to move (the others stay fixed).")
        )
        self.latentDimSpin.valueChanged.connect(self._on_latent_dim_spin_value_changed)
        self.latentValueSlider = QSlider(Qt.Orientation.Horizontal, objectName="latentValueSlider")
        limit = int(TRAVERSAL_RANGE * SLIDER_STEPS)
        self.latentValueSlider.setRange(-limit, limit)
        self.latentValueSlider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.latentValueSlider.setTickInterval(SLIDER_STEPS)
        self.latentValueSlider.setToolTip(
            self.tr(
                "The value of the chosen latent number, from -3 to 3 prior standard deviations."
            )
        )
        self.latentValueSlider.valueChanged.connect(self._on_latent_value_slider_value_changed)
        self.latentValueLabel = QLabel(objectName="latentValueLabel")
        self.latentValueLabel.setMinimumWidth(70)
        self.traversalBaseButton = QPushButton(
            self.tr("New base point"), objectName="traversalBaseButton"
        )
        self.traversalBaseButton.setToolTip(
            self.tr("Start from another random latent point (the first is the centre, all zeros).")
        )
        self.traversalBaseButton.clicked.connect(self.new_base_point)
        self.traversalHint = QLabel(
            QCoreApplication.translate("latent_traversal", NEEDS_VAE), objectName="traversalHint"
        )
        self.traversalHint.setWordWrap(True)
        self.traversalImage = ImageGrid(objectName="traversalImage")
        self.traversalImage.setMinimumSize(90, 90)
        self.traversalImage.setToolTip(self.tr("The image decoded at the slider's value."))
        self.traversalRow = ImageGrid(objectName="traversalRow")
        self.traversalRow.setToolTip(
            self.tr("The chosen number swept from -3 (left) to 3 (right).")
        )

        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Latent")))
        controls.addWidget(self.latentDimSpin)
        controls.addWidget(self.latentValueSlider, 1)
        controls.addWidget(self.latentValueLabel)
        controls.addWidget(self.traversalBaseButton)
        left = QVBoxLayout()
        left.addLayout(controls)
        left.addWidget(self.traversalHint)
        left.addWidget(self.traversalRow, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addWidget(self.traversalImage, 1)
        self.set_run(None)

    def set_run(self, run: LoadedRun | None) -> None:
        """Use ``run`` when it is a VAE; anything else disables the controls."""
        self.jobs.cancel(DECODE)
        self.run = run if run is not None and run.task.has_latent_traversal else None
        self.base_seed = None
        ready = self.run is not None
        for widget in (self.latentDimSpin, self.latentValueSlider, self.traversalBaseButton):
            widget.setEnabled(ready)
        self.traversalHint.setText(
            QCoreApplication.translate("latent_traversal", READY)
            if ready
            else QCoreApplication.translate("latent_traversal", NEEDS_VAE)
        )
        if not ready:
            self.traversalImage.set_placeholder(self.tr("No VAE loaded."))
            self.traversalRow.set_placeholder("")
            self.latentValueLabel.setText("")
            return
        self.latentDimSpin.blockSignals(True)
        self.latentDimSpin.setRange(0, self.run.latent_dim - 1)
        self.latentDimSpin.setValue(0)
        self.latentDimSpin.blockSignals(False)
        self.latentValueSlider.blockSignals(True)
        self.latentValueSlider.setValue(0)
        self.latentValueSlider.blockSignals(False)
        self.refresh()

    def value(self) -> float:
        return self.latentValueSlider.value() / SLIDER_STEPS

    def new_base_point(self) -> None:
        """Move the traversal's fixed point to a new random draw from the prior."""
        if self.run is None:
            return
        self.base_seed = 0 if self.base_seed is None else self.base_seed + 1
        self.refresh()
        self.status_message.emit(
            self.tr("Latent traversal from random point {value}.").format(value=self.base_seed + 1)
        )

    def refresh(self) -> None:
        """Decode the image at the slider's value and the sweep row of the chosen number."""
        self._row_stale = True
        self._request_decode()

    def is_decoding(self) -> bool:
        """True while a decode runs or waits; tests wait for it to end."""
        return self.jobs.is_running(DECODE)

    def _request_decode(self) -> None:
        """Decode the current state as a job; a newer request cancels the one under way.

        A decode cancelled while it waits for the model never runs, so a dragged slider
        costs one decode at a time and the image ends at the newest position. The sweep row
        is redone only when the dimension or base point changed since the last one shown.
        """
        if self.run is None:
            return
        self.latentValueLabel.setText(f"{self.value():+.1f}")
        run, base = self.run, base_point(self.run, self.base_seed)
        dim, value, with_row = self.latentDimSpin.value(), self.value(), self._row_stale

        def work(state: JobState) -> tuple[np.ndarray, np.ndarray | None]:
            with state.hold(run.model):
                image = decode_traversal(run, base, dim, value)
                return image, traversal_row(run, base, dim) if with_row else None

        self.jobs.start(DECODE, work, self._on_decoded, self._on_decode_failed)

    def _on_decoded(self, result: tuple[np.ndarray, np.ndarray | None]) -> None:
        image, row = result
        self.traversalImage.set_single_image(image)
        if row is not None:
            self.traversalRow.set_single_image(row)
            self._row_stale = False

    def _on_decode_failed(self, message: str) -> None:
        self.status_message.emit(
            self.tr("Could not decode the traversal: {message}").format(message=message)
        )

    def _on_latent_dim_spin_value_changed(self, _value: int) -> None:
        self.refresh()

    def _on_latent_value_slider_value_changed(self, _value: int) -> None:
        self._request_decode()
