"""Classify tab: drop, choose or paste images, or draw a digit, and see the model's top-5 guesses.

Works with the model just trained (the window calls ``set_run``) or with a saved run opened
here. The tab puts together four boxes of one job each: the header about the run
(``run_header.py``), the files and their result rows (``files_panel.py``), the drawing
(``draw_panel.py``) and the "Why this answer?" saliency (``saliency_panel.py``); it loads runs,
opens the live camera and explains the newest prediction (or the result row clicked). Nothing
runs the model on the GUI thread: every panel's work is a job of the tab's one ``JobRunner``
(``ui/jobs.py``, the work in ``classify_work.py``), so changing the run cancels all of it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QVBoxLayout, QWidget

from kc_desktop.core.inference import ImageSource, LoadedRun, load_run
from kc_desktop.core.insight.saliency import Saliency
from kc_desktop.core.paths import runs_dir
from kc_desktop.core.runs.checkpoints import CheckpointError
from kc_desktop.ui.classify import classify_work
from kc_desktop.ui.classify.draw_panel import DrawPanel
from kc_desktop.ui.classify.files_panel import FilesPanel
from kc_desktop.ui.classify.prediction_row import PredictionRow
from kc_desktop.ui.classify.run_header import RunHeader
from kc_desktop.ui.classify.run_text import blocking_reason, short_reason
from kc_desktop.ui.classify.saliency_panel import EMPTY_TEXT, SaliencyPanel
from kc_desktop.ui.errors import plain_error
from kc_desktop.ui.jobs import JobRunner

if TYPE_CHECKING:
    from kc_desktop.core.camera.source import FrameSource
    from kc_desktop.ui.camera.live_view import LiveClassifyView

EXPLAIN = "explain"  # the job kind

ChooseFolder = Callable[[], "str | None"]


class ClassifyTab(QWidget):
    """Top-5 predictions for files, pasted images and a live drawing."""

    status_message = Signal(str)
    run_loaded = Signal(object)
    runs_list_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run: LoadedRun | None = None
        self.jobs = JobRunner(self)
        self.choose_run_folder: ChooseFolder = self._ask_run_folder
        self.liveView: LiveClassifyView | None = None
        self._build()
        self.set_run(None)

    def _build(self) -> None:
        self.runHeader = RunHeader()
        self.runHeader.open_run_clicked.connect(self.runs_list_requested)
        self.runHeader.live_camera_clicked.connect(lambda: self.open_live_camera())
        self.filesPanel = FilesPanel(self.jobs)
        self.filesPanel.status_message.connect(self.status_message)
        self.filesPanel.explain_requested.connect(self.explain_row)
        self.drawPanel = DrawPanel(self.jobs)
        self.drawPanel.explained.connect(self._on_explained)
        self.drawPanel.explain_failed.connect(self._on_explain_failed)
        self.saliencyPanel = SaliencyPanel()
        paste = QShortcut(QKeySequence.StandardKey.Paste, self)
        paste.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        paste.activated.connect(self.filesPanel.dropArea.paste)
        layout = QVBoxLayout(self)
        layout.addWidget(self.runHeader)
        body = QHBoxLayout()
        body.addWidget(self.filesPanel, 3)
        body.addWidget(self.drawPanel, 2)
        body.addWidget(self.saliencyPanel, 2)
        layout.addLayout(body, 1)
        # The widgets that tests and automation reach, under their objectNames.
        self.runInfoLabel = self.runHeader.runInfoLabel
        self.openRunButton = self.runHeader.openRunButton
        self.trainingNoteLabel = self.runHeader.trainingNoteLabel
        self.dropArea = self.filesPanel.dropArea
        self.clearResultsButton = self.filesPanel.clearResultsButton
        self.drawCanvas = self.drawPanel.drawCanvas
        self.drawNotice = self.drawPanel.drawNotice
        self.clearDrawingButton = self.drawPanel.clearDrawingButton
        self.drawPredictionBars = self.drawPanel.drawPredictionBars

    @property
    def rows(self) -> list[PredictionRow]:
        """The result rows, newest first."""
        return self.filesPanel.rows

    @property
    def draw_predictions(self) -> list[tuple[str, float]]:
        """The top-5 guesses for the current drawing (empty: none yet)."""
        return self.drawPanel.draw_predictions

    # ---------------------------------------------------------------- public API
    def set_run(self, run: LoadedRun | None) -> None:
        """Use ``run`` for every prediction (None: ask for a run first)."""
        self.jobs.cancel()
        self.run = run
        if self.liveView is not None:
            self.liveView.set_run(run)
        self.runHeader.set_run(run)
        self.filesPanel.set_run(run)
        self.drawPanel.set_run(run)
        self.saliencyPanel.show_message(short_reason(run) or EMPTY_TEXT)

    def set_training_note(self, text: str) -> None:
        """Say that a classifier is training (empty: no note); this tab keeps its model."""
        self.runHeader.set_training_note(text)

    def classify_files(self, paths: list[str]) -> None:
        """Classify files in the background: one row each, newest first, top-5 or the reason."""
        self.filesPanel.classify_files(paths)

    def classify_image(self, image: np.ndarray) -> None:
        """Classify a pasted image (uint8 RGB array) into a new row at the top."""
        self.filesPanel.classify_image(image)

    def is_busy(self) -> bool:
        """True while files, a drawing or an explanation are being worked on."""
        return (
            self.filesPanel.is_busy() or self.drawPanel.is_busy() or self.jobs.is_running(EXPLAIN)
        )

    def clear_results(self) -> None:
        self.filesPanel.clear_results()

    def clear_drawing(self) -> None:
        self.drawPanel.clear_drawing()

    def explain_row(self, row: PredictionRow) -> None:
        """Show which pixels drove a result row's prediction (also when the row is clicked)."""
        if row.predictions and row.image_source is not None:
            self.explain(row.image_source, row.predictionName.text())

    def explain(self, source: ImageSource, name: str) -> None:
        """Explain the current run's answer for one image in the side panel (a job)."""
        if self._blocking_reason():
            return
        run = self.run
        self.jobs.start(
            EXPLAIN,
            lambda state: classify_work.explain_source(state, run, source),
            lambda saliency: self._on_explained(name, saliency),
            self._on_explain_failed,
        )

    def open_live_camera(self, source: FrameSource | None = None) -> LiveClassifyView:
        """Open the live view with the current run (``source``: instead of the picker's);
        its snapshots become result rows here."""
        from kc_desktop.ui.camera.live_view import LiveClassifyView

        if self.liveView is not None:
            self.liveView.shutdown()
            self.liveView.deleteLater()
        self.liveView = LiveClassifyView(self, source)
        self.liveView.set_run(self.run)
        self.liveView.snapshot_taken.connect(self.classify_image)
        self.liveView.show()
        return self.liveView

    def choose_run(self) -> None:
        """Ask for a run folder and load it (File → Open saved run)."""
        path = self.choose_run_folder()
        if path:
            self.open_run(path)

    def open_run(self, path: str) -> LoadedRun | None:
        """Load a saved run; a folder that is not a usable run gives a readable message."""
        try:
            run = load_run(path)
        except (CheckpointError, ValueError, OSError, RuntimeError) as error:
            self.status_message.emit(
                self.tr("Could not open the run in {path}: {error}").format(
                    path=path, error=plain_error(error)
                )
            )
            return None
        self.set_run(run)
        self.status_message.emit(self.tr("Opened run {name}.").format(name=run.path.name))
        self.run_loaded.emit(run)
        return run

    # ---------------------------------------------------------------- internals
    def _ask_run_folder(self) -> str | None:
        start = runs_dir()
        path = QFileDialog.getExistingDirectory(
            self, self.tr("Open a saved run folder"), str(start if start.is_dir() else Path.home())
        )
        return path or None

    def _blocking_reason(self) -> str | None:
        return blocking_reason(self.run)

    def _on_explained(self, name: str, saliency: Saliency) -> None:
        self.saliencyPanel.show_saliency(name, saliency)

    def _on_explain_failed(self, message: str) -> None:
        self.saliencyPanel.show_message(
            self.tr("Could not explain this answer: {reason}").format(reason=message)
        )
