"""The Classify tab's "Draw a digit" box: a canvas whose guesses follow the pen.

Live predictions are throttled to one every ``DRAW_THROTTLE_MS`` and run as a background job
(``classify_work.read_drawing``, which also computes the saliency); a newer drawing cancels an
older one, so the bars always answer the latest strokes.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import QGroupBox, QPushButton, QVBoxLayout, QWidget

from kc_desktop.core.inference import LoadedRun
from kc_desktop.ui.classify import classify_work
from kc_desktop.ui.classify.classify_work import DrawingAnswer
from kc_desktop.ui.classify.run_text import blocking_reason, short_reason
from kc_desktop.ui.classify.unsure import show_unsure, unsure_label
from kc_desktop.ui.core_text import core_text
from kc_desktop.ui.jobs import JobRunner
from kc_desktop.ui.widgets.draw_canvas import DrawCanvas
from kc_desktop.ui.widgets.notice_overlay import NoticeOverlay
from kc_desktop.ui.widgets.prediction_bars import PredictionBars
from kc_desktop.ui.widgets.square_holder import SquareHolder

DRAW = "draw"  # the job kind
DRAW_THROTTLE_MS = 100
DRAW_HINT = QT_TRANSLATE_NOOP(
    "classify_tab", "Draw a digit with the mouse; the guesses update as you draw."
)


def _draw_hint() -> str:
    return QCoreApplication.translate("classify_tab", DRAW_HINT)


class DrawPanel(QGroupBox):
    """Canvas, clear button, top-5 bars and the unsure note for the current drawing."""

    explained = Signal(str, object)  # name, Saliency of the newest answer
    explain_failed = Signal(str)  # why the newest answer could not be explained

    def __init__(self, jobs: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Draw a digit"), parent)
        self.setObjectName("drawPanel")
        self.jobs = jobs
        self.run: LoadedRun | None = None
        self.draw_predictions: list[tuple[str, float]] = []
        self._pending_drawing: np.ndarray | None = None
        self._draw_timer = QTimer(self)
        self._draw_timer.setSingleShot(True)
        self._draw_timer.setInterval(DRAW_THROTTLE_MS)
        self._draw_timer.timeout.connect(self._on_draw_timer_timeout)
        self._build()

    def _build(self) -> None:
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
        self.drawPredictionBars.set_message(_draw_hint())
        self.drawUnsureLabel = unsure_label("drawUnsureLabel")
        box = QVBoxLayout(self)
        box.addWidget(SquareHolder(self.drawCanvas))
        box.addWidget(self.clearDrawingButton, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addWidget(self.drawUnsureLabel)
        box.addWidget(self.drawPredictionBars)
        box.addStretch(1)

    def set_run(self, run: LoadedRun | None) -> None:
        """Read the drawing with ``run`` from now on (at once, if there is ink on the canvas)."""
        self.run = run
        self._draw_timer.stop()
        notice = short_reason(run)
        if notice:
            self.drawNotice.show_text(notice)
        else:
            self.drawNotice.hide()
        self.draw_predictions = []
        self.drawPredictionBars.set_message("" if notice else _draw_hint())
        if notice is None and not self.drawCanvas.is_blank():
            self._pending_drawing = self.drawCanvas.to_array()
            self._draw_timer.start()

    def is_busy(self) -> bool:
        return self.jobs.is_running(DRAW)

    def clear_drawing(self) -> None:
        self.drawCanvas.clear()
        self._draw_timer.stop()
        self.jobs.cancel(DRAW)
        self._pending_drawing = None
        self.draw_predictions = []
        self.drawUnsureLabel.hide()
        self.drawPredictionBars.set_message("" if blocking_reason(self.run) else _draw_hint())

    def _on_draw_canvas_drawn(self, drawing: np.ndarray) -> None:
        if blocking_reason(self.run):
            return
        self._pending_drawing = np.asarray(drawing)
        if not self._draw_timer.isActive():
            self._draw_timer.start()

    def _on_draw_timer_timeout(self) -> None:
        drawing, self._pending_drawing = self._pending_drawing, None
        if drawing is None or blocking_reason(self.run):
            return
        if not drawing.any():
            self.jobs.cancel(DRAW)
            self.draw_predictions = []
            self.drawPredictionBars.set_message(_draw_hint())
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
            self.explained.emit(self.tr("your drawing"), answer.saliency)
        else:
            self.explain_failed.emit(self.tr("the model's gradients could not be computed."))
