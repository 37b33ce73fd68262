""" "All N GPUs" in the window: the Model tab offers it, Train launches torchrun as a child
process and follows the run folder it writes, Stop reaches the child.

This machine has no GPU: the CUDA device count is faked to 2, and the launch is faked at
``QProcess.start``: the test checks the exact command, then starts a stand-in child that
waits for the stop signal, while the test writes the run folder as torchrun's rank 0 would.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QProcess, Qt

from kc_desktop.core import paths
from kc_desktop.core.training.distributed import ALL_GPUS
from kc_desktop.ui.main_window import MainWindow
from kc_desktop.ui.model import model_tab
from kc_desktop.ui.train import external_runs

STAND_IN_CHILD = """
import signal, sys
from pathlib import Path

summary, ready = Path(sys.argv[1]), Path(sys.argv[2])

def stop(signum, frame):
    summary.write_text('{"status": "stopped", "reason": "Stopped by the user.", "epochs": 1}')
    sys.exit(0)

signal.signal(signal.SIGTERM, stop)
ready.touch()
while True:
    signal.pause()
"""
"""Plays torchrun on Stop: SIGTERM makes it write the run's summary (as rank 0 does after
saving) and exit cleanly."""


@pytest.fixture
def two_gpu_window(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> MainWindow:
    """The ready main window on a computer that reports two CUDA devices."""
    monkeypatch.setattr(model_tab, "local_gpu_count", lambda: 2)
    monkeypatch.setattr(external_runs, "local_gpu_count", lambda: 2)
    return request.getfixturevalue("ready_window")


def test_all_gpus_launches_torchrun_follows_its_run_and_stops_it(
    two_gpu_window: MainWindow, tiny_mlp_dir: Path, tmp_path: Path, qtbot, monkeypatch
) -> None:
    window = two_gpu_window
    combo = window.model_tab.deviceCombo
    index = combo.findData(ALL_GPUS)
    assert index >= 0 and combo.itemText(index) == "All 2 GPUs"

    runs = paths.runs_dir()
    run_dir = runs / "20990101-000000-digits-small-cnn"
    launched: list[tuple[str, list[str], dict]] = []
    original_start = QProcess.start

    def fake_start(process: QProcess, program: str, arguments: list[str]) -> None:
        config = json.loads(Path(arguments[arguments.index("--config") + 1]).read_text())
        launched.append((program, list(arguments), config))
        child = [str(tmp_path / "child.py"), str(run_dir / "summary.json"), str(tmp_path / "up")]
        original_start(process, sys.executable, child)

    (tmp_path / "child.py").write_text(STAND_IN_CHILD)
    monkeypatch.setattr(QProcess, "start", fake_start)
    window.model_tab.modelCombo.setCurrentIndex(window.model_tab.modelCombo.findData("small-cnn"))
    combo.setCurrentIndex(index)
    qtbot.mouseClick(window.train_tab.trainButton, Qt.MouseButton.LeftButton)

    assert len(launched) == 1
    program, arguments, config = launched[0]
    config_file = arguments[arguments.index("--config") + 1]
    assert [program, *arguments] == [
        sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node=2",
        "-m", "kc_desktop", "train", "--config", config_file, "--out", str(runs),
    ]  # fmt: skip
    assert config["device"] == "cuda" and config["model"] == "small-cnn"
    environment = window.externalRuns.process.processEnvironment()
    assert environment.value("TORCH_ELASTIC_SHUTDOWN_TIMEOUT") == "600"  # time to save and test
    assert window.session is None or not window.session.is_active  # nothing trains in-process
    qtbot.waitUntil(lambda: (tmp_path / "up").exists(), timeout=20_000)

    # The child's part: rank 0 creates the run folder and appends to metrics.jsonl.
    steps = [
        line
        for line in (tiny_mlp_dir / "metrics.jsonl").read_text().splitlines()
        if '"kind": "step"' in line
    ]
    half = len(steps) // 2
    run_dir.mkdir(parents=True)
    (run_dir / "config.json").write_text((tiny_mlp_dir / "config.json").read_text())
    _append(run_dir, "\n".join(steps[:half]) + "\n" + steps[half][:10])  # a partial last line
    qtbot.waitUntil(lambda: _points(window) == half, timeout=20_000)
    _append(run_dir, steps[half][10:] + "\n" + "\n".join(steps[half + 1 :]) + "\n")
    qtbot.waitUntil(lambda: _points(window) == len(steps), timeout=20_000)
    assert "Following" in window.train_tab.runSummaryLabel.text()

    process = window.externalRuns.process
    assert window.train_tab.stopButton.isEnabled()
    assert not window.train_tab.pauseButton.isEnabled()  # torchrun's processes cannot pause
    assert not window.model_tab.modelCombo.isEnabled()  # settings locked while it trains
    with qtbot.waitSignal(window.externalRuns.watcher.finished, timeout=20_000):
        qtbot.mouseClick(window.train_tab.stopButton, Qt.MouseButton.LeftButton)
    assert (run_dir / "summary.json").exists()  # the stop reached the child
    qtbot.waitUntil(lambda: process.state() == QProcess.ProcessState.NotRunning, timeout=20_000)
    assert process.exitStatus() == QProcess.ExitStatus.NormalExit and process.exitCode() == 0
    assert window.train_tab.trainButton.isEnabled()
    assert window.model_tab.modelCombo.isEnabled()
    assert not Path(config_file).exists()  # the launch's config file is cleaned up


def _append(run_dir: Path, text: str) -> None:
    with (run_dir / "metrics.jsonl").open("a", encoding="utf-8") as file:
        file.write(text)


def _points(window: MainWindow) -> int:
    plot = window.train_tab.lossPlot
    return plot.series_data("train loss")[0].size if "train loss" in plot.series_names() else 0
