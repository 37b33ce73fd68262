"""Saved runs for the run-history tests: tiny real runs, copied into each test's app home."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from helpers import make_trainer


def train_tiny_run(parent: Path, model: str, epochs: int = 2) -> Path:
    """Train ``model`` on the tiny band set for ``epochs`` epochs; return its run folder."""
    summary = make_trainer(parent, model=model, epochs=epochs).fit()
    return Path(summary["run_dir"])


def copy_runs(sources: list[Path], parent: Path) -> list[Path]:
    """Copy run folders into ``parent`` (a test's runs folder), keeping their file times."""
    parent.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copytree(source, parent / source.name)) for source in sources]


def epoch_records(run: Path) -> list[dict]:
    """The ``epoch`` lines of metrics.jsonl, parsed here independently of the app's reader."""
    lines = (run / "metrics.jsonl").read_text(encoding="utf-8").splitlines()
    return [record for record in map(json.loads, lines) if record.get("kind") == "epoch"]


def summary_of(run: Path) -> dict:
    return json.loads((run / "summary.json").read_text(encoding="utf-8"))
