"""Runs trained by another process, in the window: followed folders and the torchrun child.

Opening a run folder that is still being written (by the command line, by torchrun, by a
server on a shared drive) follows it in the Train tab (``RunWatcher``). Choosing "All N
GPUs" on the Model tab trains through ``torchrun`` as a child process with the run's exact
config, and follows the run folder it creates the same way; Stop sends it SIGTERM, which
torchrun passes on to every process, and they stop together at a step boundary, rank 0
saving the checkpoint (``core/training/distributed.py``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Signal

from kc_desktop.core import paths
from kc_desktop.core.runs.follower import is_being_written
from kc_desktop.core.training.config import TrainConfig
from kc_desktop.core.training.distributed import ALL_GPUS, local_gpu_count, torchrun_command
from kc_desktop.ui.train.run_watcher import RunWatcher
from kc_desktop.ui.train.train_tab import TrainTab

SHUTDOWN_TIMEOUT_VARIABLE = "TORCH_ELASTIC_SHUTDOWN_TIMEOUT"
SHUTDOWN_TIMEOUT_S = 600
"""After Stop, torchrun lets its processes finish this long before killing them (its own
default, 30 s, can be shorter than scoring a large test split after the checkpoint)."""


class ExternalRuns(QObject):
    """Follows run folders written elsewhere and launches multi-GPU runs."""

    status_message = Signal(str)
    launch_state_changed = Signal(str)  # "running" while the torchrun child lives, then "idle"

    def __init__(self, train_tab: TrainTab, session: QObject, parent: QObject | None = None):
        super().__init__(parent)
        self.train_tab = train_tab
        self.watcher = RunWatcher(train_tab, self)
        self.process: QProcess | None = None
        self._config_file: Path | None = None
        session.run_started.connect(lambda _info: self.watcher.stop())
        train_tab.stop_requested.connect(self.stop)
        self.watcher.finished.connect(lambda _summary: self.status_message.emit(self.tr("Done.")))

    @property
    def is_launched(self) -> bool:
        return self.process is not None and self.process.state() != QProcess.ProcessState.NotRunning

    def follow_if_being_written(self, run_dir: str | Path) -> bool:
        """Follow ``run_dir`` in the Train tab when another process is writing it."""
        if not is_being_written(run_dir):
            return False
        self.watcher.follow(run_dir)
        return True

    def start_if_all_gpus(self, config: TrainConfig) -> bool:
        """Launch ``config`` on every local GPU when that is its device choice; True if so."""
        if config.device != ALL_GPUS:
            return False
        if self.is_launched:
            return True
        gpus = local_gpu_count()
        config = dataclasses.replace(config, device="cuda")
        handle, name = tempfile.mkstemp(prefix="kc-config-", suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(config.to_dict(), file)
        self._config_file = Path(name)
        runs = paths.runs_dir()
        runs.mkdir(parents=True, exist_ok=True)
        program, *arguments = torchrun_command(self._config_file, gpus, runs)
        self.process = QProcess(self)
        environment = QProcessEnvironment.systemEnvironment()
        environment.insert(SHUTDOWN_TIMEOUT_VARIABLE, str(SHUTDOWN_TIMEOUT_S))
        self.process.setProcessEnvironment(environment)
        self.process.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
        self.process.readyReadStandardOutput.connect(self._on_process_output)
        self.process.finished.connect(self._on_process_finished)
        self.watcher.follow_new_in(runs)
        self.train_tab.log(self.tr("Starting torchrun on {count} GPUs…").format(count=gpus))
        self.train_tab.set_run_state("running")
        self.train_tab.pauseButton.setEnabled(False)  # torchrun's processes stop, not pause
        self.train_tab.estimateLabel.clear()  # the probe timed one process, not this launch
        self.launch_state_changed.emit("running")
        self.process.start(program, arguments)
        return True

    def stop(self) -> None:
        """Ask the torchrun child to stop cleanly (SIGTERM reaches every process)."""
        if self.is_launched:
            self.train_tab.set_run_state("stopping")
            self.process.terminate()

    def _on_process_output(self) -> None:
        text = bytes(self.process.readAllStandardOutput()).decode("utf-8", "replace")
        for line in text.splitlines():
            if line.strip().lower().startswith("error"):
                self.train_tab.log(line.strip(), "error")

    def _on_process_finished(self, code: int, _status: QProcess.ExitStatus) -> None:
        self.launch_state_changed.emit("idle")
        if self._config_file is not None:
            with contextlib.suppress(OSError):
                self._config_file.unlink()
        if code != 0:
            self.train_tab.log(
                self.tr("The torchrun run ended with exit status {code}.").format(code=code),
                "warning",
            )
        if self.watcher.follower is None:  # it ended before writing a run folder
            self.watcher.stop()
            self.train_tab.set_run_state("idle")
