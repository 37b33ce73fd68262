"""The Train tab follows a run folder that another process is writing."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from helpers import train_digits_run
from kc_desktop.ui.train.run_watcher import RunWatcher
from kc_desktop.ui.train.train_tab import TrainTab


@pytest.fixture(scope="module")
def finished_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return train_digits_run(tmp_path_factory, model="mlp", epochs=2, batch_size=128, log_every=1)


def test_curves_grow_as_the_metrics_file_grows(qtbot, tmp_path: Path, finished_run: Path) -> None:
    metrics = (finished_run / "metrics.jsonl").read_bytes()
    steps = [json.loads(line) for line in metrics.splitlines() if b'"kind": "step"' in line]
    live = tmp_path / "live-run"
    live.mkdir()
    shutil.copy(finished_run / "config.json", live / "config.json")
    cut = metrics.index(b'"kind": "epoch"') + 5  # inside the first epoch's line
    (live / "metrics.jsonl").write_bytes(metrics[:cut])

    tab = TrainTab()
    qtbot.addWidget(tab)
    watcher = RunWatcher(tab)
    watcher.follow(live)
    first_epoch = [s for s in steps if s["epoch"] == 1]
    qtbot.waitUntil(lambda: _points(tab, "train loss") == len(first_epoch), timeout=10_000)
    assert "Following" in tab.runSummaryLabel.text()
    assert tab.lossPlot.series_data("val loss")[0].size == 0  # the epoch line is still partial

    with (live / "metrics.jsonl").open("ab") as file:
        file.write(metrics[cut:])
    summary = live / "summary.json"
    shutil.copy(finished_run / "summary.json", summary)
    stamp = (live / "metrics.jsonl").stat().st_mtime_ns + 10**9
    os.utime(summary, ns=(stamp, stamp))
    with qtbot.waitSignal(watcher.finished, timeout=10_000):
        pass
    assert tab.lossPlot.series_data("train loss")[0].size == len(steps)
    assert tab.lossPlot.series_data("val loss")[0].size == 2
    assert not watcher.is_following and tab.trainButton.isEnabled()


def _points(tab: TrainTab, series: str) -> int:
    if series not in tab.lossPlot.series_names():
        return 0
    return tab.lossPlot.series_data(series)[0].size
