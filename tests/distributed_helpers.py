"""Launch the command line under torch.distributed.run (two CPU processes) for tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def torchrun_env(home: Path) -> dict[str, str]:
    """The environment of a launch: the app home ``home``, this checkout's code, one thread."""
    env = {**os.environ, "KC_DESKTOP_HOME": str(home), "OMP_NUM_THREADS": "1"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def torchrun_command(*target: str, processes: int = 2) -> list[str]:
    """``torch.distributed.run`` starting ``processes`` copies of ``target`` on this machine."""
    return [
        sys.executable,
        "-m",
        "torch.distributed.run",
        "--standalone",
        f"--nproc_per_node={processes}",
        *target,
    ]


def torchrun_train(home: Path, runs: Path, *args: str, processes: int = 2) -> str:
    """Run ``python -m kc_desktop train ARGS`` as ``processes`` gloo processes; stdout."""
    train = ("-m", "kc_desktop", "train", "--device", "cpu", "--out", str(runs), *args)
    return run_launch(home, torchrun_command(*train, processes=processes))


def run_launch(home: Path, command: list[str]) -> str:
    """Run a torchrun ``command`` to its end; it must succeed; its stdout."""
    done = subprocess.run(
        command,
        cwd=REPO,
        env=torchrun_env(home),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def epoch_losses(run_dir: Path) -> dict[int, float]:
    """{epoch: training loss} from a run folder's metrics.jsonl."""
    losses = {}
    for line in (run_dir / "metrics.jsonl").read_text().splitlines():
        record = json.loads(line)
        if record.get("kind") == "epoch":
            losses[int(record["epoch"])] = float(record["loss"])
    return losses
