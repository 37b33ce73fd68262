"""A run directory: the files one training run leaves behind, under fixed names.

Layout (names are an interface that the window, the CLI and automation rely on)::

    config.json            resolved TrainConfig plus what the model was built for
    metrics.jsonl          one JSON object per logged point (steps, epochs, events)
    model.safetensors      the last good checkpoint: weights, optimiser state (under
                           ``optimizer.``) and its epoch in the metadata header, one file
    checkpoint.json        a readable copy of that checkpoint's epoch and metrics
    best.safetensors       Epochs: auto: the weights of the best epoch so far (to resume)
    samples/epoch_NNN.png  sample grids of generative models, one per epoch
    summary.json           final metrics, written when the run ends
    ood.safetensors        classifiers: the "I'm not sure" familiarity test (insight/ood.py)

File names are built here from integers and constants only: nothing read from a run's
JSON is ever used as a path, so a crafted run cannot make us write outside its folder.
"""

from __future__ import annotations

import io
import json
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from kc_desktop.core.i18n import QT_TRANSLATE_NOOP
from kc_desktop.core.paths import runs_dir
from kc_desktop.core.runs.checkpoints import (
    CheckpointError,
    atomic_write_bytes,
    atomic_write_json,
    read_json,
)

CONFIG_FILE = "config.json"
METRICS_FILE = "metrics.jsonl"
MODEL_FILE = "model.safetensors"
CHECKPOINT_FILE = "checkpoint.json"
BEST_FILE = "best.safetensors"
SUMMARY_FILE = "summary.json"
OOD_FILE = "ood.safetensors"
SAMPLES_DIR = "samples"


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-")[:40] or "run"


def new_run_dir(dataset: str, model: str, parent: str | Path | None = None) -> Path:
    """Create a fresh, uniquely named run folder such as ``20261123-101500-digits-small-cnn``."""
    parent = Path(parent) if parent is not None else runs_dir()
    parent.mkdir(parents=True, exist_ok=True)
    return unique_folder(
        parent, f"{time.strftime('%Y%m%d-%H%M%S')}-{_slug(dataset)}-{_slug(model)}"
    )


def unique_folder(parent: str | Path, name: str) -> Path:
    """Create and return a new, empty folder ``parent/name`` (``name-2``, ``name-3``… when
    taken). ``mkdir`` without ``exist_ok`` claims the name atomically, so two processes
    writing runs at the same second never share a folder."""
    parent = Path(parent)
    parent.mkdir(parents=True, exist_ok=True)
    for attempt in range(1, 1000):
        candidate = parent / (name if attempt == 1 else f"{name}-{attempt}")
        try:
            candidate.mkdir()
        except FileExistsError:
            continue
        return candidate
    raise OSError(
        QT_TRANSLATE_NOOP("core", "Could not create a new folder named {name} in {parent}.").format(
            name=name, parent=parent
        )
    )


@dataclass
class RunDirectory:
    """Reads and writes the files of one run folder."""

    path: Path

    def __post_init__(self) -> None:
        self.path = Path(self.path)

    def file(self, name: str) -> Path:
        return self.path / name

    def sample_path(self, epoch: int, kind: str = "samples") -> Path:
        """``samples/epoch_NNN.png`` (or ``samples/reconstructions_NNN.png``)."""
        prefix = "epoch" if kind == "samples" else "reconstructions"
        return self.path / SAMPLES_DIR / f"{prefix}_{int(epoch):03d}.png"

    def write_config(self, config: dict[str, Any]) -> None:
        atomic_write_json(self.file(CONFIG_FILE), config)

    def read_config(self) -> dict[str, Any]:
        if not self.path.is_dir():
            raise CheckpointError(
                QT_TRANSLATE_NOOP("core", "{path} is not a run folder.").format(path=self.path)
            )
        config = read_json(self.file(CONFIG_FILE))
        if not isinstance(config, dict) or "model" not in config:
            raise CheckpointError(
                QT_TRANSLATE_NOOP(
                    "core", "{name}/config.json is not a kc_desktop run config."
                ).format(name=self.path.name)
            )
        return config

    def write_summary(self, summary: dict[str, Any]) -> None:
        atomic_write_json(self.file(SUMMARY_FILE), summary)

    def read_summary(self) -> dict[str, Any] | None:
        try:
            summary = read_json(self.file(SUMMARY_FILE))
        except CheckpointError:
            return None
        return summary if isinstance(summary, dict) else None

    def append_metrics(self, record: dict[str, Any]) -> None:
        """Append one JSON line; appends are small, so a crash loses at most the last line."""
        with self.file(METRICS_FILE).open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(record, allow_nan=True) + "\n")

    def read_metrics(self) -> list[dict[str, Any]]:
        """Every complete line of metrics.jsonl (a torn last line is ignored)."""
        try:
            lines = self.file(METRICS_FILE).read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        records = []
        for line in lines:
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError:
                continue
        return records

    def truncate_metrics_after(self, epoch: int, global_step: int | None = None) -> None:
        """Drop records logged after the checkpoint a run resumes from: after ``epoch``, or,
        for a checkpoint taken inside the next epoch, after its ``global_step``."""

        def kept_record(record: dict[str, Any]) -> bool:
            if int(record.get("epoch", 0)) <= epoch:
                return True
            return global_step is not None and int(record.get("global_step", 0)) <= global_step

        kept = [r for r in self.read_metrics() if kept_record(r)]
        text = "".join(json.dumps(r, allow_nan=True) + "\n" for r in kept)
        atomic_write_bytes(self.file(METRICS_FILE), text.encode())

    def remove_partial_writes(self) -> list[Path]:
        """Delete the temporary files of writes that a killed process left behind.

        ``atomic_write_bytes`` writes ``.<name>.<random>.tmp`` beside its target and
        removes it on any error, but a killed process removes nothing. Only called by the
        one process about to write this run again (a resume).
        """
        removed = []
        for folder in (self.path, self.path / SAMPLES_DIR):
            for temp in folder.glob(".*.tmp"):
                if temp.is_file():
                    temp.unlink()
                    removed.append(temp)
        return removed

    def save_image(self, epoch: int, kind: str, grid: np.ndarray) -> Path:
        """Write a uint8 grid as PNG atomically and return its path."""
        path = self.sample_path(epoch, kind)
        image = Image.fromarray(grid.squeeze(-1) if grid.shape[-1] == 1 else grid)
        atomic_write_bytes(path, encode_png(image))
        return path


def encode_png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@dataclass(frozen=True)
class RunInfo:
    """One row of the run list."""

    path: Path
    config: dict[str, Any]
    summary: dict[str, Any] | None


def list_runs(parent: str | Path | None = None) -> list[RunInfo]:
    """Saved runs, newest first; folders that are not runs are ignored."""
    parent = Path(parent) if parent is not None else runs_dir()
    if not parent.is_dir():
        return []
    runs = []
    for folder in sorted(parent.iterdir(), reverse=True):
        run = RunDirectory(folder)
        try:
            config = run.read_config()
        except CheckpointError:
            continue
        runs.append(RunInfo(folder, config, run.read_summary()))
    return runs
