"""The time estimate beside the Train button, from a short timed probe on the job pool.

Whenever the Train tab is shown or the data changes (and no run is active), a probe of a
few real steps (``core/training/estimate.py``) runs on the job pool, never on the GUI
thread; a newer request cancels an older one. The Train tab then shows "about 20 s on this
CPU" beside its button and the ready sentence. The probe builds a model, so it briefly uses
the global RNG: ``stop()`` cancels it and waits for its current step before a run starts,
which keeps every run exactly reproducible.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject

from kc_desktop.core.choices import AUTO
from kc_desktop.core.models.registry import get_model_spec
from kc_desktop.core.training.estimate import Estimate, estimate_run
from kc_desktop.ui.core_text import core_text
from kc_desktop.ui.jobs import JobRunner, JobState

if TYPE_CHECKING:
    from kc_desktop.core.data.dataset import ImageDataset
    from kc_desktop.core.training.config import TrainConfig

ESTIMATE = "estimate"


def estimate_text(estimate: Estimate) -> str:
    """ "about 20 s on this CPU", translated."""
    template, values = estimate.duration()
    return core_text(estimate.place()).format(duration=core_text(template).format(**values))


def ready_sentence(config: TrainConfig, dataset_name: str, estimate: Estimate) -> str:
    """ "Ready: Small CNN on Handwritten digits, 10 epochs, about 10 s. Press Train (F5)." """

    translate = QCoreApplication.translate
    if config.epochs == AUTO:
        epochs = translate("TrainTab", "auto epochs (at most {n})").format(n=estimate.epochs)
    else:
        epochs = translate("TrainTab", "{n} epochs").format(n=estimate.epochs)
    template, values = estimate.duration()
    return translate(
        "TrainTab", "Ready: {model} on {dataset}, {epochs}, {duration}. Press Train (F5)."
    ).format(
        model=get_model_spec(config.model).name,
        dataset=dataset_name,
        epochs=epochs,
        duration=core_text(template).format(**values),
    )


class TrainEstimate(QObject):
    """Keeps the Train tab's estimate current for the window's data and Model tab choices."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.jobs = JobRunner(self)
        self._running = 0
        self._quiet = threading.Condition()
        window.mainTabs.currentChanged.connect(lambda _index: self.request())
        window.data_tab.dataset_changed.connect(lambda _dataset: self.request())

    def request(self) -> None:
        """Start a probe if the Train tab is in view, data is loaded and nothing trains."""
        window = self.window
        dataset = window.data_tab.dataset
        if (
            window.mainTabs.currentWidget() is not window.train_tab
            or window.session.is_active
            or dataset is None
            or window.data_tab.is_loading
        ):
            return
        config = window.model_tab.config(dataset)
        window.train_tab.show_estimating()
        self.jobs.start(
            ESTIMATE,
            lambda state: self._probe(config, dataset, state),
            self._on_done,
            self._on_failed,
        )

    def stop(self) -> None:
        """Cancel the probe and wait for its current step (a run is about to start)."""
        self.jobs.cancel(ESTIMATE)
        with self._quiet:
            self._quiet.wait_for(lambda: self._running == 0, timeout=30)

    def _probe(
        self, config: TrainConfig, dataset: ImageDataset, state: JobState
    ) -> tuple[str, str] | None:
        with self._quiet:  # counted here, on the pool: a job cancelled before it ran never is
            self._running += 1
        try:
            if state.cancelled():  # cancelled while it waited: stop() may already have returned
                return None
            estimate = estimate_run(config, dataset, cancelled=state.cancelled)
            if estimate is None:
                return None
            return ready_sentence(config, dataset.name, estimate), estimate_text(estimate)
        finally:
            with self._quiet:
                self._running -= 1
                self._quiet.notify_all()

    def _on_done(self, result: tuple[str, str] | None) -> None:
        if result is not None and not self.window.session.is_active:
            self.window.train_tab.show_estimate(*result)

    def _on_failed(self, message: str) -> None:
        self.window.train_tab.show_estimate("", "")
        self.window.show_message(message)
