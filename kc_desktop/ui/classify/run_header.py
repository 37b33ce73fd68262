"""The Classify tab's header: which model answers (name, data, test accuracy, run folder),
a note while another classifier trains, and the buttons to open a saved run or the camera.

It only shows the run it is given; loading a run is the tab's job.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kc_desktop.core.inference import LoadedRun
from kc_desktop.core.models.registry import get_model_spec
from kc_desktop.core.runs.layout import RunDirectory
from kc_desktop.ui.classify.run_text import generative_text
from kc_desktop.ui.core_text import core_text
from kc_desktop.ui.widgets.tint import tint


class RunHeader(QWidget):
    """One line about the loaded run, an optional training note, two buttons."""

    open_run_clicked = Signal()
    live_camera_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("runHeader")
        self.runInfoLabel = QLabel(objectName="runInfoLabel")
        self.runInfoLabel.setTextFormat(Qt.TextFormat.RichText)
        self.runInfoLabel.setWordWrap(True)
        self.openRunButton = QPushButton(self.tr("Open saved run…"), objectName="openRunButton")
        self.openRunButton.setToolTip(
            self.tr("Load a model trained earlier from the list of saved runs (Ctrl+Shift+O).")
        )
        self.openRunButton.clicked.connect(self.open_run_clicked)
        self.trainingNoteLabel = QLabel(objectName="trainingNoteLabel")
        self.trainingNoteLabel.setWordWrap(True)
        tint(self.trainingNoteLabel, "#1f5fa0")
        self.trainingNoteLabel.hide()
        self.liveCameraButton = QPushButton(self.tr("Live camera…"), objectName="liveCameraButton")
        self.liveCameraButton.setToolTip(
            self.tr("Show things to the camera and watch the model's guesses follow them.")
        )
        self.liveCameraButton.clicked.connect(self.live_camera_clicked)
        info = QVBoxLayout()
        info.addWidget(self.runInfoLabel)
        info.addWidget(self.trainingNoteLabel)
        top = QHBoxLayout(self)
        top.setContentsMargins(0, 0, 0, 0)
        top.addLayout(info, 1)
        top.addWidget(self.liveCameraButton, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.openRunButton, 0, Qt.AlignmentFlag.AlignTop)

    def set_run(self, run: LoadedRun | None) -> None:
        self.runInfoLabel.setText(self._describe_run(run))

    def set_training_note(self, text: str) -> None:
        """Say that a classifier is training (empty: no note)."""
        self.trainingNoteLabel.setText(text)
        self.trainingNoteLabel.setVisible(bool(text))

    def _describe_run(self, run: LoadedRun | None) -> str:
        if run is None:
            return self.tr(
                "<b>No model loaded.</b> Train a classifier on the Train tab, or open a saved run."
            )
        config = run.config
        try:
            model = core_text(get_model_spec(str(config.get("model"))).name)
        except ValueError:
            model = str(config.get("model", "unknown model"))
        dataset = core_text(config.get("dataset_name") or config.get("dataset", "")) or self.tr(
            "unknown data"
        )
        parts = [
            self.tr("<b>{model}</b> trained on <b>{dataset}</b>").format(
                model=model, dataset=dataset
            )
        ]
        summary = RunDirectory(run.path).read_summary() or {}
        accuracy = summary.get("test_accuracy")
        if isinstance(accuracy, (int, float)):
            parts.append(self.tr("test accuracy {accuracy:.1%}").format(accuracy=accuracy))
        parts.append(self.tr("run {name}").format(name=run.path.name))
        text = " · ".join(parts)
        if not run.task.is_classifier:
            text += f"<br><span style='color:#b00020'>{generative_text(run.task)}</span>"
        return text
