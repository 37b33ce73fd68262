"""Classify tab: drop, choose or paste images, or draw a digit, and see the model's top-5 guesses.

Works with the model just trained (the window calls ``set_run``) or with a saved run opened
here. Every file goes through the core's one untrusted-image loader; a file that cannot be
read gets a row with the reason and the others are still classified. Nothing runs the model
on the GUI thread: files, drawings and explanations are background jobs (``ui/jobs.py``,
the work in ``classify_work.py``). Dropped files are classified in order, a row appearing as
each is done; files dropped meanwhile wait their turn. Live predictions of the drawing are
throttled to one every ``DRAW_THROTTLE_MS``, and a newer drawing cancels an older one. The
newest prediction (or the result row clicked) is explained by a saliency overlay.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kc_desktop.core.inference import ImageSource, LoadedRun, Prediction, load_run
from kc_desktop.core.insight.saliency import Saliency
from kc_desktop.core.models.registry import get_model_spec
from kc_desktop.core.paths import runs_dir
from kc_desktop.core.runs.checkpoints import CheckpointError
from kc_desktop.core.runs.layout import RunDirectory
from kc_desktop.ui.classify import classify_work
from kc_desktop.ui.classify.classify_work import Classified, DrawingAnswer
from kc_desktop.ui.classify.prediction_row import PredictionRow
from kc_desktop.ui.classify.saliency_panel import EMPTY_TEXT, SaliencyPanel
from kc_desktop.ui.classify.unsure import show_unsure, unsure_label
from kc_desktop.ui.core_text import core_text
from kc_desktop.ui.errors import plain_error
from kc_desktop.ui.jobs import JobRunner
from kc_desktop.ui.widgets.draw_canvas import DrawCanvas
from kc_desktop.ui.widgets.drop_area import DropArea
from kc_desktop.ui.widgets.notice_overlay import NoticeOverlay
from kc_desktop.ui.widgets.prediction_bars import PredictionBars
from kc_desktop.ui.widgets.square_holder import SquareHolder
from kc_desktop.ui.widgets.tint import tint

if TYPE_CHECKING:
    from kc_desktop.core.camera.source import FrameSource
    from kc_desktop.ui.camera.live_view import LiveClassifyView

MAX_ROWS = 50
CLASSIFY, DRAW, EXPLAIN = "classify", "draw", "explain"  # the job kinds
DRAW_THROTTLE_MS = 100
NO_RUN_TEXT = QT_TRANSLATE_NOOP("classify_tab", "Train a model or open a saved run first.")
DROP_HINT = QT_TRANSLATE_NOOP(
    "classify_tab", "Drop image files here, click to choose them, or paste an image (Ctrl+V)"
)
DRAW_HINT = QT_TRANSLATE_NOOP(
    "classify_tab", "Draw a digit with the mouse; the guesses update as you draw."
)
TASK_NAMES = {
    "reconstruct": QT_TRANSLATE_NOOP("classify_tab", "an autoencoder"),
    "vae": QT_TRANSLATE_NOOP("classify_tab", "a VAE"),
    "gan": QT_TRANSLATE_NOOP("classify_tab", "a DCGAN"),
}
A_GENERATIVE_MODEL = QT_TRANSLATE_NOOP("classify_tab", "a generative model")

ChooseFolder = Callable[[], "str | None"]


def generative_text(task: str) -> str:
    """Why a generative run cannot classify, and what to do instead."""
    return QCoreApplication.translate(
        "classify_tab",
        "This run trained {get}, which makes images rather than sorting them. "
        "Classification needs a classifier run: train a classifier (e.g. Small "
        "CNN) or open a saved classifier run.",
    ).format(
        get=QCoreApplication.translate("classify_tab", TASK_NAMES.get(task, A_GENERATIVE_MODEL))
    )


class ClassifyTab(QWidget):
    """Top-5 predictions for files, pasted images and a live drawing."""

    status_message = Signal(str)
    run_loaded = Signal(object)
    runs_list_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run: LoadedRun | None = None
        self.rows: list[PredictionRow] = []
        self.draw_predictions: list[tuple[str, float]] = []
        self._pending_drawing: np.ndarray | None = None
        self.jobs = JobRunner(self)
        self._queue: list[tuple[str, ImageSource]] = []  # files dropped while a batch runs
        self._batch: list[Classified] = []  # the running batch's results so far
        self._batch_skipped = 0
        self.choose_run_folder: ChooseFolder = self._ask_run_folder
        self.liveView: LiveClassifyView | None = None
        self._draw_timer = QTimer(self)
        self._draw_timer.setSingleShot(True)
        self._draw_timer.setInterval(DRAW_THROTTLE_MS)
        self._draw_timer.timeout.connect(self._on_draw_timer_timeout)
        self._build()
        self.set_run(None)

    # ---------------------------------------------------------------- layout
    def _build(self) -> None:
        self.runInfoLabel = QLabel(objectName="runInfoLabel")
        self.runInfoLabel.setTextFormat(Qt.TextFormat.RichText)
        self.runInfoLabel.setWordWrap(True)
        self.openRunButton = QPushButton(self.tr("Open saved run…"), objectName="openRunButton")
        self.openRunButton.setToolTip(
            self.tr("Load a model trained earlier from the list of saved runs (Ctrl+Shift+O).")
        )
        self.openRunButton.clicked.connect(self.runs_list_requested)
        self.trainingNoteLabel = QLabel(objectName="trainingNoteLabel")
        self.trainingNoteLabel.setWordWrap(True)
        tint(self.trainingNoteLabel, "#1f5fa0")
        self.trainingNoteLabel.hide()
        info = QVBoxLayout()
        info.addWidget(self.runInfoLabel)
        info.addWidget(self.trainingNoteLabel)
        self.liveCameraButton = QPushButton(self.tr("Live camera…"), objectName="liveCameraButton")
        self.liveCameraButton.setToolTip(
            self.tr("Show things to the camera and watch the model's guesses follow them.")
        )
        self.liveCameraButton.clicked.connect(lambda: self.open_live_camera())
        top = QHBoxLayout()
        top.addLayout(info, 1)
        top.addWidget(self.liveCameraButton, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.openRunButton, 0, Qt.AlignmentFlag.AlignTop)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        body = QHBoxLayout()
        body.addWidget(self._build_files_group(), 3)
        body.addWidget(self._build_draw_group(), 2)
        self.saliencyPanel = SaliencyPanel()
        body.addWidget(self.saliencyPanel, 2)
        layout.addLayout(body, 1)

    def _build_files_group(self) -> QGroupBox:
        self.dropArea = DropArea()
        self.dropArea.setObjectName("dropArea")
        self.dropArea.setMinimumHeight(110)
        self.dropArea.setMaximumHeight(140)
        self.dropArea.files_dropped.connect(self.classify_files)
        self.dropArea.image_pasted.connect(self.classify_image)
        self.dropArea.rejected.connect(self.status_message)
        paste = QShortcut(QKeySequence.StandardKey.Paste, self)
        paste.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        paste.activated.connect(self.dropArea.paste)
        self.clearResultsButton = QPushButton(
            self.tr("Clear results"), objectName="clearResultsButton"
        )
        self.clearResultsButton.setToolTip(self.tr("Remove every result below."))
        self.clearResultsButton.clicked.connect(self.clear_results)
        self.resultsLabel = QLabel(objectName="resultsLabel")
        hint_row = QHBoxLayout()
        hint_row.addWidget(self.resultsLabel, 1)
        hint_row.addWidget(self.clearResultsButton)

        self.resultsList = QWidget(objectName="resultsList")
        self.resultsLayout = QVBoxLayout(self.resultsList)
        self.resultsLayout.setContentsMargins(0, 0, 0, 0)
        self.resultsLayout.addStretch(1)
        self.resultsArea = QScrollArea(objectName="resultsArea")
        self.resultsArea.setWidgetResizable(True)
        self.resultsArea.setWidget(self.resultsList)
        group = QGroupBox(self.tr("Classify your images"))
        box = QVBoxLayout(group)
        box.addWidget(self.dropArea)
        box.addLayout(hint_row)
        box.addWidget(self.resultsArea, 1)
        self._update_results_label()
        return group

    def _build_draw_group(self) -> QGroupBox:
        self.drawCanvas = DrawCanvas()
        self.drawCanvas.setObjectName("drawCanvas")
        self.drawCanvas.setToolTip(
            self.tr(
                "Hold the left mouse button and draw a digit, big and centred, like "
                "the training images."
            )
        )
        self.drawCanvas.drawn.connect(self._on_draw_canvas_drawn)
        self.drawNotice = NoticeOverlay(self.drawCanvas, "drawNotice")
        self.clearDrawingButton = QPushButton(
            self.tr("Clear drawing"), objectName="clearDrawingButton"
        )
        self.clearDrawingButton.setToolTip(self.tr("Wipe the canvas and start again."))
        self.clearDrawingButton.clicked.connect(self.clear_drawing)
        self.drawPredictionBars = PredictionBars()
        self.drawPredictionBars.setObjectName("drawPredictionBars")
        self.drawPredictionBars.set_message(QCoreApplication.translate("classify_tab", DRAW_HINT))
        self.drawUnsureLabel = unsure_label("drawUnsureLabel")
        group = QGroupBox(self.tr("Draw a digit"))
        box = QVBoxLayout(group)
        box.addWidget(SquareHolder(self.drawCanvas))
        box.addWidget(self.clearDrawingButton, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addWidget(self.drawUnsureLabel)
        box.addWidget(self.drawPredictionBars)
        box.addStretch(1)
        return group

    # ---------------------------------------------------------------- public API
    def set_run(self, run: LoadedRun | None) -> None:
        """Use ``run`` for every prediction (None: ask for a run first)."""
        self.jobs.cancel()
        self._queue, self._batch = [], []
        self.run = run
        if self.liveView is not None:
            self.liveView.set_run(run)
        self._draw_timer.stop()
        self.runInfoLabel.setText(self._describe_run(run))
        notice = self._short_reason()
        self.dropArea.set_message(notice or QCoreApplication.translate("classify_tab", DROP_HINT))
        if notice:
            self.drawNotice.show_text(notice)
        else:
            self.drawNotice.hide()
        self.draw_predictions = []
        self.drawPredictionBars.set_message(
            "" if notice else QCoreApplication.translate("classify_tab", DRAW_HINT)
        )
        self.saliencyPanel.show_message(notice or EMPTY_TEXT)
        if notice is None and self._has_ink():
            self._pending_drawing = self.drawCanvas.to_array()
            self._draw_timer.start()

    def set_training_note(self, text: str) -> None:
        """Say that a classifier is training (empty: no note); this tab keeps its model."""
        self.trainingNoteLabel.setText(text)
        self.trainingNoteLabel.setVisible(bool(text))

    def classify_files(self, paths: list[str]) -> None:
        """Classify files in the background: one row each, newest first, top-5 or the reason."""
        reason = self._blocking_reason()
        if reason:
            self.status_message.emit(reason)
            return
        paths = [str(p) for p in paths]
        self._batch_skipped += max(0, len(paths) - MAX_ROWS)
        self._enqueue([(path, path) for path in paths[:MAX_ROWS]])

    def classify_image(self, image: np.ndarray) -> None:
        """Classify a pasted image (uint8 RGB array) into a new row at the top."""
        reason = self._blocking_reason()
        if reason:
            self.status_message.emit(reason)
            return
        self._enqueue([(self.tr("pasted image"), image)])

    def is_busy(self) -> bool:
        """True while files, a drawing or an explanation are being worked on."""
        return bool(self._queue) or any(
            self.jobs.is_running(kind) for kind in (CLASSIFY, DRAW, EXPLAIN)
        )

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

    def clear_results(self) -> None:
        for row in self.rows:
            self.resultsLayout.removeWidget(row)
            row.deleteLater()
        self.rows = []
        self._update_results_label()

    def clear_drawing(self) -> None:
        self.drawCanvas.clear()
        self._draw_timer.stop()
        self.jobs.cancel(DRAW)
        self._pending_drawing = None
        self.draw_predictions = []
        self.drawUnsureLabel.hide()
        self.drawPredictionBars.set_message(
            "" if self._blocking_reason() else QCoreApplication.translate("classify_tab", DRAW_HINT)
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
        if self.run is None:
            return QCoreApplication.translate("classify_tab", NO_RUN_TEXT)
        if not self.run.task.is_classifier:
            return generative_text(self.run.task)
        return None

    def _short_reason(self) -> str | None:
        """The notice shown on the drop area and the canvas (the label above explains more)."""
        if self.run is None:
            return QCoreApplication.translate("classify_tab", NO_RUN_TEXT)
        if not self.run.task.is_classifier:
            name = QCoreApplication.translate(
                "classify_tab", TASK_NAMES.get(self.run.task, A_GENERATIVE_MODEL)
            )
            return self.tr("This needs a classifier run; the loaded run is {name}.").format(
                name=name
            )
        return None

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

    def _enqueue(self, items: list[tuple[str, ImageSource]]) -> None:
        if not items:
            return
        self._queue.extend(items)
        if not self.jobs.is_running(CLASSIFY):
            self._start_batch()

    def _start_batch(self) -> None:
        """Classify everything queued as one job; its rows appear as each file is done."""
        items, self._queue, self._batch = self._queue, [], []
        run = self.run
        self.resultsLabel.setText(self.tr("Classifying {count} image(s)…").format(count=len(items)))
        self.jobs.start(
            CLASSIFY,
            lambda state: classify_work.classify_batch(state, run, items),
            self._on_batch_done,
            self._on_batch_failed,
            on_yield=self._on_batch_item,
        )

    def _on_batch_item(self, item: Classified) -> None:
        row = self._insert_row(item.name, len(self._batch), item.source)
        self._batch.append(item)
        row.set_thumbnail(item.thumbnail, item.prediction.error or "")
        self._show_prediction(row, item.prediction)
        self._trim_rows()

    def _on_batch_done(self, items: list[Classified]) -> None:
        done = len(items)
        failed = sum(1 for item in items if item.prediction.error)
        skipped, self._batch_skipped = self._batch_skipped, 0
        newest = next((row for row in self.rows[:done] if row.predictions), None)
        if newest is not None:
            self.explain_row(newest)
        if done == 1 and isinstance(items[0].source, np.ndarray):
            message = self.tr("Classified the pasted image")
        else:
            message = self.tr("Classified {good} of {count} image(s)").format(
                good=done - failed, count=done
            )
        if failed:
            message += self.tr("; {count} could not be read (see the rows for why)").format(
                count=failed
            )
        if skipped:
            message += self.tr("; {count} more were ignored (at most {limit} at a time)").format(
                count=skipped, limit=MAX_ROWS
            )
        self.status_message.emit(self.tr("{message}.").format(message=message))
        if self._queue:
            self._start_batch()

    def _on_batch_failed(self, message: str) -> None:
        self._update_results_label()
        self.status_message.emit(
            self.tr("Could not classify the images: {reason}").format(reason=message)
        )
        if self._queue:
            self._start_batch()

    def _on_explained(self, name: str, saliency: Saliency) -> None:
        self.saliencyPanel.show_saliency(name, saliency)

    def _on_explain_failed(self, message: str) -> None:
        self.saliencyPanel.show_message(
            self.tr("Could not explain this answer: {reason}").format(reason=message)
        )

    def _show_prediction(self, row: PredictionRow, prediction: Prediction) -> int:
        """Fill ``row``; returns 1 when the image could not be classified."""
        if prediction.error:
            row.set_message(
                self.tr("⚠ Not classified: {error}").format(error=core_text(prediction.error))
            )
            return 1
        row.set_predictions(prediction.predictions)
        row.set_unsure(prediction.verdict)
        return 0

    def _insert_row(
        self, source: str, index: int, image: np.ndarray | None = None
    ) -> PredictionRow:
        row = PredictionRow(source, image_source=source if image is None else image)
        row.clicked.connect(partial(self.explain_row, row))
        self.resultsLayout.insertWidget(index, row)
        self.rows.insert(index, row)
        return row

    def _trim_rows(self) -> None:
        while len(self.rows) > MAX_ROWS:
            row = self.rows.pop()
            self.resultsLayout.removeWidget(row)
            row.deleteLater()
        self._update_results_label()
        self.resultsArea.verticalScrollBar().setValue(0)

    def _update_results_label(self) -> None:
        count = len(self.rows)
        self.resultsLabel.setText(
            (
                self.tr("{count} results, newest first (at most {max_rows})")
                if count != 1
                else self.tr("1 result (at most {max_rows})")
            ).format(count=count, max_rows=MAX_ROWS)
            if count
            else self.tr("Results appear here, newest first.")
        )
        self.clearResultsButton.setEnabled(bool(count))

    def _has_ink(self) -> bool:
        return not self.drawCanvas.is_blank()

    def _on_draw_canvas_drawn(self, drawing: np.ndarray) -> None:
        if self._blocking_reason():
            return
        self._pending_drawing = np.asarray(drawing)
        if not self._draw_timer.isActive():
            self._draw_timer.start()

    def _on_draw_timer_timeout(self) -> None:
        drawing, self._pending_drawing = self._pending_drawing, None
        if drawing is None or self._blocking_reason():
            return
        if not drawing.any():
            self.jobs.cancel(DRAW)
            self.draw_predictions = []
            self.drawPredictionBars.set_message(
                QCoreApplication.translate("classify_tab", DRAW_HINT)
            )
            return
        run = self.run
        self.jobs.start(
            DRAW,
            lambda state: classify_work.read_drawing(state, run, drawing),
            self._on_drawing_read,
            self.drawPredictionBars.set_message,
        )

    def _on_drawing_read(self, answer: DrawingAnswer) -> None:
        if answer.prediction.error:
            self.drawPredictionBars.set_message(core_text(answer.prediction.error))
            return
        self.draw_predictions = answer.prediction.predictions
        self.drawPredictionBars.set_predictions(answer.prediction.predictions)
        show_unsure(self.drawUnsureLabel, answer.prediction.verdict)
        if answer.saliency is not None:
            self._on_explained(self.tr("your drawing"), answer.saliency)
        else:
            self._on_explain_failed(self.tr("the model's gradients could not be computed."))
