"""The Classify tab's "Classify your images" box: drop, choose or paste images and see one
result row each, newest first.

Every file goes through the core's one untrusted-image loader in a background job
(``classify_work.classify_batch``); a file that cannot be read gets a row with the reason and
the others are still classified. Dropped files are classified in order, a row appearing as
each is done; files dropped meanwhile wait their turn. At most ``MAX_ROWS`` rows are kept.
"""

from __future__ import annotations

from functools import partial

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kc_desktop.core.inference import ImageSource, LoadedRun, Prediction
from kc_desktop.ui.classify import classify_work
from kc_desktop.ui.classify.classify_work import Classified
from kc_desktop.ui.classify.prediction_row import PredictionRow
from kc_desktop.ui.classify.run_text import blocking_reason, short_reason
from kc_desktop.ui.core_text import core_text
from kc_desktop.ui.jobs import JobRunner
from kc_desktop.ui.widgets.drop_area import DropArea

MAX_ROWS = 50
CLASSIFY = "classify"  # the job kind
DROP_HINT = QT_TRANSLATE_NOOP(
    "classify_tab", "Drop image files here, click to choose them, or paste an image (Ctrl+V)"
)


class FilesPanel(QGroupBox):
    """The drop area and the list of result rows, fed by one classify job at a time."""

    status_message = Signal(str)
    explain_requested = Signal(object)  # a PredictionRow: the newest result, or one clicked

    def __init__(self, jobs: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Classify your images"), parent)
        self.setObjectName("filesPanel")
        self.jobs = jobs
        self.run: LoadedRun | None = None
        self.rows: list[PredictionRow] = []
        self._queue: list[tuple[str, ImageSource]] = []  # files dropped while a batch runs
        self._batch: list[Classified] = []  # the running batch's results so far
        self._batch_skipped = 0
        self._build()

    def _build(self) -> None:
        self.dropArea = DropArea()
        self.dropArea.setObjectName("dropArea")
        self.dropArea.setMinimumHeight(110)
        self.dropArea.setMaximumHeight(140)
        self.dropArea.files_dropped.connect(self.classify_files)
        self.dropArea.image_pasted.connect(self.classify_image)
        self.dropArea.rejected.connect(self.status_message)
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
        box = QVBoxLayout(self)
        box.addWidget(self.dropArea)
        box.addLayout(hint_row)
        box.addWidget(self.resultsArea, 1)
        self._update_results_label()

    def set_run(self, run: LoadedRun | None) -> None:
        """Classify with ``run`` from now on; files still waiting are dropped."""
        self._queue, self._batch = [], []
        self.run = run
        notice = short_reason(run)
        self.dropArea.set_message(notice or QCoreApplication.translate("classify_tab", DROP_HINT))

    def classify_files(self, paths: list[str]) -> None:
        """Classify files in the background: one row each, newest first, top-5 or the reason."""
        reason = blocking_reason(self.run)
        if reason:
            self.status_message.emit(reason)
            return
        paths = [str(p) for p in paths]
        self._batch_skipped += max(0, len(paths) - MAX_ROWS)
        self._enqueue([(path, path) for path in paths[:MAX_ROWS]])

    def classify_image(self, image: np.ndarray) -> None:
        """Classify a pasted image (uint8 RGB array) into a new row at the top."""
        reason = blocking_reason(self.run)
        if reason:
            self.status_message.emit(reason)
            return
        self._enqueue([(self.tr("pasted image"), image)])

    def is_busy(self) -> bool:
        return bool(self._queue) or self.jobs.is_running(CLASSIFY)

    def clear_results(self) -> None:
        for row in self.rows:
            self.resultsLayout.removeWidget(row)
            row.deleteLater()
        self.rows = []
        self._update_results_label()

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
            self.explain_requested.emit(newest)
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

    def _show_prediction(self, row: PredictionRow, prediction: Prediction) -> None:
        if prediction.error:
            row.set_message(
                self.tr("⚠ Not classified: {error}").format(error=core_text(prediction.error))
            )
            return
        row.set_predictions(prediction.predictions)
        row.set_unsure(prediction.verdict)

    def _insert_row(self, source: str, index: int, image: ImageSource) -> PredictionRow:
        row = PredictionRow(source, image_source=image)
        row.clicked.connect(partial(self.explain_requested.emit, row))
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
