"""Helpers for the "I'm not sure" tests: a calibrated copy of a run, foreign images."""

from __future__ import annotations

import shutil
from pathlib import Path

import torch


def calibrated_copy(run_dir: Path, parent: Path) -> Path:
    """A copy of the classifier ``run_dir`` with its familiarity test fitted on its own split."""
    from kc_desktop.core.insight import ood
    from kc_desktop.core.studio import dataset_for, resume_config

    copy = parent / run_dir.name
    shutil.copytree(run_dir, copy)
    ood.calibrate(copy, dataset_for(resume_config(copy)))
    return copy


def shape_images(count: int = 300) -> torch.Tensor:
    """uint8 (N, 3, 32, 32) images of the synthetic shapes: a different dataset than digits."""
    from kc_desktop.core.data.registry import load_dataset

    return load_dataset("shapes").images[:count]
