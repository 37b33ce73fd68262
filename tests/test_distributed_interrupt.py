"""Ctrl-C on a torchrun launch: every process stops at the same step, rank 0 saves, and the
run resumes. Ctrl-C in a terminal sends SIGINT to the launcher's process group; torchrun
passes it on to its workers (each in a session of its own)."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import psutil
import pytest
from distributed_helpers import REPO, torchrun_command, torchrun_env, torchrun_train

from kc_desktop.core.inference import load_run
from kc_desktop.core.runs.layout import RunDirectory


@pytest.mark.timeout(300)
def test_ctrl_c_stops_every_process_cleanly_and_the_run_resumes(tmp_path: Path) -> None:
    home, runs = tmp_path / "home", tmp_path / "runs"
    train = ("-m", "kc_desktop", "train", "--device", "cpu", "--out", str(runs))
    options = ("--model", "small-cnn", "--epochs", "40", "--batch-size", "128", "--no-quality")
    env = {**torchrun_env(home), "PYTHONUNBUFFERED": "1"}
    launcher = subprocess.Popen(
        torchrun_command(*train, *options),
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    try:
        for line in launcher.stdout:  # rank 0 reports each epoch once it is on disk
            if line.startswith("Epoch 1 of"):
                break
        workers = psutil.Process(launcher.pid).children(recursive=True)
        assert len(workers) == 2
        os.killpg(launcher.pid, signal.SIGINT)
        rest = launcher.stdout.read()
        launcher.wait()
        for worker in workers:  # pytest-timeout fails the test if one never ends
            worker.wait()
            assert not worker.is_running()
    finally:
        if launcher.poll() is None:
            os.killpg(launcher.pid, signal.SIGKILL)
            launcher.wait()
        launcher.stdout.close()

    assert "Stopped by the user." in rest, rest
    folders = list(runs.iterdir())
    assert len(folders) == 1, folders
    run_dir = folders[0]
    summary = RunDirectory(run_dir).read_summary()
    assert summary["status"] == "stopped"
    assert 1 <= summary["epochs"] < 40
    assert load_run(run_dir).model is not None  # the checkpoint rank 0 saved on the stop

    done = summary["epochs"] + 1
    torchrun_train(home, runs, "--resume", str(run_dir), "--epochs", str(done))
    assert list(runs.iterdir()) == [run_dir]
    resumed = RunDirectory(run_dir).read_summary()
    assert resumed["status"] == "completed" and resumed["epochs"] == done
