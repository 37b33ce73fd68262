"""A run whose folder could not be written (disk full, read-only, permission): kept in memory.

When a write to the run folder fails, training stops, the last checkpoint on disk stays as
it was (writes are atomic), and everything newer — the weights and optimiser of the moment,
the metrics and images that could not be written, the summary — is held in an
``UnsavedRun`` until the user writes it, as a complete run folder, somewhere else.
"""

from __future__ import annotations

import errno
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch

from kc_desktop.core.i18n import QT_TRANSLATE_NOOP
from kc_desktop.core.runs.checkpoints import atomic_write_bytes, atomic_write_json, save_checkpoint
from kc_desktop.core.runs.layout import (
    CHECKPOINT_FILE,
    METRICS_FILE,
    MODEL_FILE,
    SAMPLES_DIR,
    RunDirectory,
    unique_folder,
)


class RunNotSaved(Exception):
    """Writing the run folder failed; ``str(error)`` says where and why in plain words."""

    def __init__(self, folder: Path, error: OSError) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "core", "Could not write to the run folder {folder} ({write_failure})."
            ).format(folder=folder, write_failure=write_failure(error))
        )
        self.folder = folder


def write_failure(error: OSError) -> str:
    """A few plain words for why a write failed."""
    if error.errno == errno.ENOSPC:
        return QT_TRANSLATE_NOOP("core", "the disk is full")
    if error.errno == errno.EDQUOT:
        return QT_TRANSLATE_NOOP("core", "the disk quota is used up")
    if error.errno == errno.EROFS:
        return QT_TRANSLATE_NOOP("core", "the disk is read-only")
    if isinstance(error, PermissionError) or error.errno in (errno.EACCES, errno.EPERM):
        return QT_TRANSLATE_NOOP("core", "permission denied")
    return (error.strerror or str(error) or type(error).__name__).lower()


@dataclass
class Backlog:
    """What the run recorder could not write, in the order it came."""

    records: list[dict[str, Any]] = field(default_factory=list)
    images: list[tuple[int, str, np.ndarray]] = field(default_factory=list)
    summary: dict[str, Any] | None = None


@dataclass
class UnsavedRun:
    """The newest state of a run that could not be saved where it was training."""

    source: Path
    config: dict[str, Any]
    model_state: dict[str, torch.Tensor]
    optimizer_states: list[dict[str, Any]]
    info: dict[str, Any]
    backlog: Backlog
    why: str = ""  # the one-line reason the run folder could not be written

    @property
    def epoch(self) -> int:
        return int(self.info.get("epoch", 0))

    def write_to(self, parent: str | Path) -> Path:
        """Write the whole run into a new folder under ``parent`` and return that folder.

        Files the source folder already holds (metrics, sample images) are copied; the
        rest comes from memory. Raises ``OSError`` when ``parent`` cannot be written either
        (nothing half-written stays behind, and this object can be written again).
        """
        destination = unique_folder(Path(parent), self.source.name)
        try:
            run = RunDirectory(destination)
            run.write_config(self.config)
            _copy_samples(self.source, destination)
            for epoch, kind, grid in self.backlog.images:
                run.save_image(epoch, kind, grid)
            records = [*RunDirectory(self.source).read_metrics(), *self.backlog.records]
            text = "".join(json.dumps(r, allow_nan=True) + "\n" for r in records)
            atomic_write_bytes(run.file(METRICS_FILE), text.encode())
            save_checkpoint(
                run.file(MODEL_FILE), self.model_state, self.optimizer_states, self.info
            )
            atomic_write_json(run.file(CHECKPOINT_FILE), self.info)
            summary = self.backlog.summary or RunDirectory(self.source).read_summary()
            if summary is not None:
                run.write_summary({**summary, "run_dir": str(destination)})
        except BaseException:
            shutil.rmtree(destination, ignore_errors=True)
            raise
        return destination


def _copy_samples(source: Path, destination: Path) -> None:
    """Copy the sample images that were written before the failure (unreadable ones are
    skipped: the source may be on a failing disk)."""
    folder = source / SAMPLES_DIR
    if not folder.is_dir():
        return
    (destination / SAMPLES_DIR).mkdir(exist_ok=True)
    for image in sorted(folder.glob("*.png")):
        try:
            shutil.copyfile(image, destination / SAMPLES_DIR / image.name)
        except OSError:
            continue
