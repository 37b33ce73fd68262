"""Train tab: start / pause / stop, live curves of the run and of the device, and a log."""

from __future__ import annotations

import html
import math
import time
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from kc_desktop.core.devices import UsageSampler, resolve_device
from kc_desktop.core.guidance import model_name
from kc_desktop.core.kinds import RunState
from kc_desktop.core.report import epoch_sentence, is_accuracy, summary_text
from kc_desktop.ui.core_text import core_text
from kc_desktop.ui.i18n import status_text
from kc_desktop.ui.train import captions
from kc_desktop.ui.train.run_clock import RunClock
from kc_desktop.ui.train.verdict_panel import VerdictPanel
from kc_desktop.ui.widgets.curve_plot import CurvePlot
from kc_desktop.ui.widgets.wrapped_label import WrappedLabel, caption_label

DEVICE_POLL_MS = 1000  # a usage curve needs no more; each reading costs the plot a frame
FIRST_DEVICE_READING_MS = 250  # and one early reading, so that a run of a second has a curve

# (series name, colour, smoothed, log key) for each task: the loss plot and the metric plot.
LOSS_SERIES: dict[str, list[tuple[str, str, bool, str]]] = {
    "classify": [(QT_TRANSLATE_NOOP("TrainTab", "train loss"), "#1f77b4", True, "loss")],
    "reconstruct": [(QT_TRANSLATE_NOOP("TrainTab", "train loss"), "#1f77b4", True, "loss")],
    "vae": [
        (QT_TRANSLATE_NOOP("TrainTab", "rebuilding error"), "#1f77b4", True, "recon"),
        (QT_TRANSLATE_NOOP("TrainTab", "untidiness of the code (KL)"), "#d62728", True, "kl"),
    ],
    "gan": [
        (QT_TRANSLATE_NOOP("TrainTab", "judge's loss"), "#d62728", True, "d_loss"),
        (QT_TRANSLATE_NOOP("TrainTab", "generator's loss"), "#2ca02c", True, "g_loss"),
    ],
}
METRIC_SERIES: dict[str, list[tuple[str, str, bool, str]]] = {
    "classify": [(QT_TRANSLATE_NOOP("TrainTab", "train accuracy"), "#1f77b4", True, "accuracy")],
    "reconstruct": [],
    "vae": [],
    "gan": [
        (QT_TRANSLATE_NOOP("TrainTab", "judge's score for real images"), "#d62728", True, "d_real"),
        (
            QT_TRANSLATE_NOOP("TrainTab", "judge's score for generated images"),
            "#2ca02c",
            True,
            "d_fake",
        ),
    ],
}
VAL_LOSS_SERIES = {"classify": "val_loss", "reconstruct": "val_loss", "vae": "val_loss"}
VAL_METRIC_SERIES = {
    "classify": [(QT_TRANSLATE_NOOP("TrainTab", "val accuracy"), "#ff7f0e", "val_accuracy")],
    "reconstruct": [(QT_TRANSLATE_NOOP("TrainTab", "val loss"), "#ff7f0e", "val_loss")],
    "vae": [
        (QT_TRANSLATE_NOOP("TrainTab", "rebuilding error, new images"), "#1f77b4", "val_recon"),
        (QT_TRANSLATE_NOOP("TrainTab", "untidiness (KL), new images"), "#d62728", "val_kl"),
    ],
}


class TrainTab(QWidget):
    """Shows a run as it happens; the buttons only emit requests (the window decides)."""

    train_requested = Signal()
    pause_toggled = Signal()
    stop_requested = Signal()
    save_elsewhere_requested = Signal()
    status_message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.task = "classify"
        self._previous_epoch: dict[str, Any] | None = None  # for "up from 95.8%"
        self.steps_per_epoch = 1
        self.epochs = 1
        self.start_epoch = 1
        self.clock = RunClock()
        self._last_record: dict[str, Any] | None = None
        self._sampler: UsageSampler | None = None
        self._device_started = time.monotonic()  # the device curves' x: seconds since then
        self._last_lr: float | None = None
        self.dataset_id = ""
        self._has_run = False  # until then, the ready sentence stands in for a run summary
        self._build()
        self.device_timer = QTimer(self)
        self.device_timer.setInterval(DEVICE_POLL_MS)
        self.device_timer.timeout.connect(self._on_device_timer_timeout)
        self.set_run_state(RunState.IDLE)

    def _build(self) -> None:
        self.trainButton = QPushButton(self.tr("Train"), objectName="trainButton")
        self.trainButton.setToolTip(
            self.tr("Start training with the Data and Model tabs' settings (F5)")
        )
        self.trainButton.clicked.connect(self.train_requested)
        self.pauseButton = QPushButton(self.tr("Pause"), objectName="pauseButton")
        self.pauseButton.setToolTip(
            self.tr("Pause after the current step; press again to resume (F6)")
        )
        self.pauseButton.clicked.connect(self.pause_toggled)
        self.stopButton = QPushButton(self.tr("Stop"), objectName="stopButton")
        self.stopButton.setToolTip(
            self.tr("Stop after the current step and keep what was trained (Shift+F5)")
        )
        self.stopButton.clicked.connect(self.stop_requested)
        self.trainProgress = QProgressBar(objectName="trainProgress")
        self.trainProgress.setFormat(self.tr("Ready"))
        self.trainProgress.setTextVisible(True)
        style = self.style()
        self.trainButton.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay))
        self.pauseButton.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaPause))
        self.stopButton.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaStop))
        buttons = QHBoxLayout()
        for button in (self.trainButton, self.pauseButton, self.stopButton):
            button.setMinimumWidth(110)
            buttons.addWidget(button)
        self.estimateLabel = QLabel(objectName="estimateLabel")
        self.estimateLabel.setToolTip(
            self.tr(
                "How long the run will take on this machine, from a few timed training steps. "
                "Epochs auto may finish sooner."
            )
        )
        width = self.estimateLabel.fontMetrics().horizontalAdvance("about 55 min on this CPU")
        self.estimateLabel.setMinimumWidth(width + 8)
        buttons.addWidget(self.estimateLabel)
        buttons.addWidget(self.trainProgress, 1)

        self.lossPlot = CurvePlot(
            title=self.tr("Loss"), x_label=self.tr("step"), y_label=self.tr("loss")
        )
        self.lossPlot.setObjectName("lossPlot")
        self.metricPlot = CurvePlot(title=self.tr("Accuracy"), x_label=self.tr("step"), y_label="")
        self.metricPlot.setObjectName("metricPlot")
        self.devicePlot = CurvePlot(
            title=self.tr("Device"), x_label=self.tr("seconds"), y_label="%"
        )
        self.devicePlot.setObjectName("devicePlot")
        self.lossPlotCaption = caption_label("lossPlotCaption", captions.loss_caption("classify"))
        self.metricPlotCaption = caption_label(
            "metricPlotCaption", captions.metric_caption("classify")
        )
        self.devicePlotCaption = caption_label("devicePlotCaption", captions.device_caption())
        self.verdictPanel = VerdictPanel()
        self.logView = QPlainTextEdit(objectName="logView")
        self.logView.setReadOnly(True)
        self.logView.setFont(QFont("monospace", 9))
        self.logView.setMaximumBlockCount(5000)
        self.runSummaryLabel = WrappedLabel(  # every line shown, the log gives way
            self.tr("No run yet. Press Train to start."), objectName="runSummaryLabel"
        )
        self.saveElsewhereButton = QPushButton(
            self.tr("Save elsewhere…"), objectName="saveElsewhereButton"
        )
        self.saveElsewhereButton.setToolTip(
            self.tr("The run folder could not be written: save what was trained to another folder.")
        )
        self.saveElsewhereButton.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton)
        )
        self.saveElsewhereButton.clicked.connect(self.save_elsewhere_requested)
        self.saveElsewhereButton.setVisible(False)

        grid = QGridLayout()
        grid.addLayout(_with_caption(self.lossPlot, self.lossPlotCaption), 0, 0)
        grid.addLayout(_with_caption(self.metricPlot, self.metricPlotCaption), 0, 1)
        grid.addLayout(_with_caption(self.devicePlot, self.devicePlotCaption), 1, 0)
        log_box = QVBoxLayout()
        log_box.addWidget(self.verdictPanel)
        log_box.addWidget(self.runSummaryLabel)
        log_box.addWidget(self.saveElsewhereButton, 0, Qt.AlignmentFlag.AlignLeft)
        log_box.addWidget(self.logView, 1)
        grid.addLayout(log_box, 1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addLayout(grid, 1)

    def set_run_state(self, state: str) -> None:
        """Enable the buttons that make sense for "idle", "running", "paused" or "stopping"."""
        self.trainButton.setEnabled(state == RunState.IDLE)
        self.pauseButton.setEnabled(state in (RunState.RUNNING, RunState.PAUSED))
        self.stopButton.setEnabled(state in (RunState.RUNNING, RunState.PAUSED))
        paused = state == RunState.PAUSED
        self.pauseButton.setText(self.tr("Resume") if paused else self.tr("Pause"))
        icon = QStyle.StandardPixmap.SP_MediaPlay if paused else QStyle.StandardPixmap.SP_MediaPause
        self.pauseButton.setIcon(self.style().standardIcon(icon))
        if paused:
            self.clock.pause()
        else:
            self.clock.resume()
        if self._last_record is not None and state in (RunState.RUNNING, RunState.PAUSED):
            self.trainProgress.setFormat(self._progress_text(self._last_record))
        if state == RunState.IDLE:
            self.device_timer.stop()

    def on_preparing(self, what: str, done: int, total: int) -> None:
        """Progress of a step before the first epoch (weights download, features pass)."""
        self.trainProgress.setRange(0, max(total, 1))
        self.trainProgress.setValue(min(done, total))
        text = core_text(what)
        percent = 100 * done // total if total else 0
        self.trainProgress.setFormat(
            self.tr("{what}: {percent}%").format(what=text, percent=percent)
        )

    def show_estimating(self) -> None:
        self.estimateLabel.setText(self.tr("Estimating the time…"))

    def show_estimate(self, sentence: str, estimate: str) -> None:
        """The probe's estimate beside Train and, before the first run, the ready sentence
        in the summary line and the empty plots."""
        self.estimateLabel.setText(estimate)
        if sentence and not self._has_run:
            self.runSummaryLabel.setText(sentence)
            for plot in (self.lossPlot, self.metricPlot):
                plot.set_placeholder(sentence)

    def on_run_started(self, info: dict[str, Any]) -> None:
        self.task = info["task"]
        self._previous_epoch: dict[str, Any] | None = None
        self.steps_per_epoch = max(1, int(info["steps_per_epoch"]))
        self.epochs = int(info["epochs"])
        self.start_epoch = int(info.get("start_epoch", 1))
        self.clock.start()
        self._last_record = None
        self._last_lr = None
        self.dataset_id = str(info["config"].get("dataset", ""))
        self.verdictPanel.hide()
        if self.estimateLabel.text() == self.tr("Estimating the time…"):
            self.estimateLabel.clear()  # the probe was cancelled for the run: it never will
        self._has_run = True
        self._sampler = UsageSampler(resolve_device(str(info["config"].get("device", "auto"))))
        self._setup_curves()
        self.trainProgress.setRange(0, self.epochs * self.steps_per_epoch)
        self.trainProgress.setValue((self.start_epoch - 1) * self.steps_per_epoch)
        self.trainProgress.setFormat(self.tr("Starting…"))
        config = info["config"]
        model = html.escape(model_name(str(config["model"])))
        self.runSummaryLabel.setText(
            self.tr(
                "Training <b>{model}</b> on <b>{dataset_name}</b> ({params:,} "
                "parameters) on {device}"
            ).format(
                model=model,
                dataset_name=core_text(config["dataset_name"]),
                params=info["params"],
                device=info["device"],
            )
        )
        self.log(self.tr("Run folder: {run_dir}").format(run_dir=info["run_dir"]))
        self._device_started = time.monotonic()
        self.device_timer.start(FIRST_DEVICE_READING_MS)

    def _setup_curves(self) -> None:
        self.lossPlotCaption.setText(captions.loss_caption(self.task))
        self.metricPlotCaption.setText(captions.metric_caption(self.task))
        for plot in (self.lossPlot, self.metricPlot):
            plot.setToolTip(captions.technical_tooltip(self.task))
        self.lossPlot.clear()
        self.metricPlot.clear()
        self.devicePlot.clear()
        for plot in (self.lossPlot, self.metricPlot):  # steps: the run's length is known
            plot.set_x_end(self.epochs * self.steps_per_epoch)
        for name, colour, smooth, _ in LOSS_SERIES[self.task]:
            self.lossPlot.add_series(self.tr(name), colour, smooth=smooth)
        if self.task in VAL_LOSS_SERIES:
            self.lossPlot.add_series(self.tr("val loss"), "#ff7f0e", width=3)
        for name, colour, smooth, _ in METRIC_SERIES[self.task]:
            self.metricPlot.add_series(self.tr(name), colour, smooth=smooth)
        for name, colour, _ in VAL_METRIC_SERIES.get(self.task, []):
            self.metricPlot.add_series(self.tr(name), colour, width=3)
        titles = {"classify": self.tr("Accuracy"), "gan": self.tr("Discriminator outputs")}
        self.metricPlot.set_title(titles.get(self.task, self.tr("Validation")))
        percent = "%" if self.task == "classify" else ""  # accuracies plot as percents
        self.metricPlot.set_labels(self.tr("step"), percent)
        self.metricPlot.set_y_ceiling(100.0 if percent else 1.0)  # where accuracies stop
        if self._sampler is not None and self._sampler.device.type == "cuda":
            self.devicePlot.add_series(self.tr("GPU %"), "#2ca02c")
            self.devicePlot.add_series(self.tr("GPU memory %"), "#9467bd")
        else:
            self.devicePlot.add_series(self.tr("CPU %"), "#1f77b4")
            self.devicePlot.add_series(self.tr("RAM %"), "#9467bd")

    def on_metrics(self, records: list[dict[str, Any]]) -> None:
        """A batch of step logs (at most ~10 batches a second)."""
        if not records:
            return
        for record in records:
            lr = record.get("peak_lr", record["lr"])  # a schedule moves "lr" every step
            if self._last_lr is not None and lr != self._last_lr:
                self.mark_lr_change(record["global_step"], self._last_lr, lr)
            self._last_lr = lr
        for name, _, _, key in LOSS_SERIES[self.task]:
            self.lossPlot.extend(
                self.tr(name), [r["global_step"] for r in records], [r[key] for r in records]
            )
        for name, _, _, key in METRIC_SERIES[self.task]:
            self.metricPlot.extend(
                self.tr(name),
                [r["global_step"] for r in records],
                [_shown(key, r[key]) for r in records],
            )
        last = self._last_record = records[-1]
        self.trainProgress.setValue(last["global_step"])
        self.trainProgress.setFormat(self._progress_text(last))

    def _progress_text(self, last: dict[str, Any]) -> str:
        """Where the run is; while running also its speed and the time left (pauses left out).

        Paused, the bar says so and nothing else moves: logs still arriving from the steps
        before the pause do not bring the speed back.
        """
        position = self.tr("Epoch {epoch}/{epochs} · step {step}/{steps}").format(
            epoch=last["epoch"],
            epochs=self.epochs,
            step=last["step"],
            steps=last["steps_per_epoch"],
        )
        if self.clock.paused:
            return self.tr("Paused — {position}").format(position=position)
        done = last["global_step"] - (self.start_epoch - 1) * self.steps_per_epoch
        total = (self.epochs - self.start_epoch + 1) * self.steps_per_epoch
        minutes, seconds = divmod(int(self.clock.seconds_left(done, total)), 60)
        return self.tr("{position} · {minutes}:{seconds} left · {speed} images/s").format(
            position=position,
            minutes=minutes,
            seconds=f"{seconds:02d}",
            speed=f"{last['samples_per_s']:.0f}",
        )

    def on_epoch_ended(self, logs: dict[str, Any]) -> None:
        x = logs["epoch"] * self.steps_per_epoch
        key = VAL_LOSS_SERIES.get(self.task)
        if key and key in logs:
            self.lossPlot.append(self.tr("val loss"), x, logs[key])
        for name, _, log_key in VAL_METRIC_SERIES.get(self.task, []):
            if log_key in logs:
                self.metricPlot.append(self.tr(name), x, _shown(log_key, logs[log_key]))
        self.log(epoch_sentence(logs, self.epochs, self._previous_epoch, core_text))
        self._previous_epoch = logs

    def mark_lr_change(self, global_step: int, old: float, new: float) -> None:
        for plot in (self.lossPlot, self.metricPlot):
            plot.add_marker(global_step, self.tr("lr {old:g} → {new:g}").format(old=old, new=new))

    def log(self, message: str, level: str = "info") -> None:
        """Add a line and follow it: the newest line is always in view."""
        prefix = {"warning": "⚠ ", "error": "✖ "}.get(level, "")
        self.logView.appendPlainText(f"[{time.strftime('%H:%M:%S')}] {prefix}{message}")
        bar = self.logView.verticalScrollBar()
        bar.setValue(bar.maximum())

    def start_log(self, message: str) -> None:
        """A new run: the log starts fresh with ``message``."""
        self.logView.clear()
        self.log(message)

    def _show_the_end(self) -> None:
        """The run ended: the device's load then as the curves' last point (a run of a
        second would otherwise end with none), and every curve drawn to its end at once."""
        if self.device_timer.isActive():
            self._on_device_timer_timeout()
            self.device_timer.stop()
        for plot in (self.lossPlot, self.metricPlot, self.devicePlot):
            plot.flush()

    def on_finished(self, summary: dict[str, Any]) -> None:
        self._show_the_end()
        parts = [html.escape(summary_text(summary, core_text))]
        reason = html.escape(
            core_text(summary.get("reason") or "")
        )  # already in the log, as an event
        if summary["status"] == "unsaved":
            parts.append(f"<span style='color:#b00020'>{reason}</span>")
        else:
            if reason and summary["status"] != "completed":
                parts.append(f"<i>{reason}</i>")
            parts.append(self.tr("Saved in {run_dir}").format(run_dir=summary["run_dir"]))
        self.runSummaryLabel.setText(" ".join(parts))
        self.log(" ".join(p for p in parts if "<" not in p))
        self.verdictPanel.show_verdict(self.task, summary, self.dataset_id)
        if summary["status"] == "completed":
            self.trainProgress.setValue(self.trainProgress.maximum())
            self.trainProgress.setFormat(self.tr("Done"))
        else:
            self.trainProgress.setFormat(status_text(summary["status"]).capitalize())

    def show_unsaved(self, unsaved: bool) -> None:
        """Offer (or stop offering) to save a run whose folder could not be written."""
        self.saveElsewhereButton.setVisible(unsaved)

    def on_failed(self, message: str) -> None:
        self._show_the_end()
        self.runSummaryLabel.setText(
            self.tr("<b>Training failed:</b> {message}").format(message=message)
        )
        self.trainProgress.setFormat(self.tr("Failed"))
        self.log(message, "error")
        failed = {"status": "failed", "reason": message}
        self.verdictPanel.show_verdict(self.task, failed, self.dataset_id)

    def _on_device_timer_timeout(self) -> None:
        if self._sampler is None:
            return
        self.device_timer.setInterval(DEVICE_POLL_MS)
        reading = self._sampler.read()
        seconds = time.monotonic() - self._device_started
        if "gpu_mem_mb" in reading:
            util = reading["gpu_util"]
            if not math.isnan(util):
                self.devicePlot.append(self.tr("GPU %"), seconds, util)
            share = 100 * reading["gpu_mem_mb"] / max(reading["gpu_mem_total_mb"], 1)
            self.devicePlot.append(self.tr("GPU memory %"), seconds, share)
        else:
            self.devicePlot.append(self.tr("CPU %"), seconds, reading["cpu_percent"])
            self.devicePlot.append(self.tr("RAM %"), seconds, reading["ram_percent"])


def _shown(key: str, value: float) -> float:
    """A logged figure as plotted: accuracies as percents, as the log and the Runs dock say."""
    return 100 * value if is_accuracy(key) else value


def _with_caption(plot: QWidget, caption: QLabel) -> QVBoxLayout:
    box = QVBoxLayout()
    box.setSpacing(2)
    box.addWidget(plot, 1)
    box.addWidget(caption)
    return box
