"""Helpers for the export tests: tiny real runs on digits, test images as files, hostile zips."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import pytest
from backbone_helpers import write_test_weights
from PIL import Image

from helpers import train_digits_run
from kc_desktop.core.models.registry import get_model_spec


def train_tiny_digits_run(tmp_path_factory: pytest.TempPathFactory, model: str) -> Path:
    """One epoch on a fifth of digits (half is held out for testing): a real run in seconds.
    Pretrained models start from test weights (``backbone_helpers``) at their smallest side."""
    pretrained = get_model_spec(model).pretrained
    with pytest.MonkeyPatch.context() as patch:
        if pretrained:  # TORCH_HOME: the weights' folder whatever app home the run gets
            patch.setenv("TORCH_HOME", str(tmp_path_factory.mktemp("torch_home")))
            write_test_weights(model)
        return train_digits_run(
            tmp_path_factory,
            model=model,
            epochs=1,
            val_fraction=0.3,
            test_fraction=0.5,
            score_samples=False,
            backbone_size=32 if pretrained else None,
        )


def write_test_images(folder: Path, count: int = 6) -> list[Path]:
    """The first ``count`` digits of the test split as PNG files (8x8 scaled to 28x28)."""
    from kc_desktop.core.data.registry import load_dataset

    dataset = load_dataset("digits", val_fraction=0.3, test_fraction=0.5)
    images, _ = dataset.split("test")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"digit_{index}.png"
        Image.fromarray(images[index, 0].numpy()).save(path)
        paths.append(path)
    return paths


def write_zip(path: Path, entries: dict[str, bytes], links: dict[str, str] | None = None) -> Path:
    """A zip of ``entries`` (name -> bytes) plus symlink entries (name -> target)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
        for name, target in (links or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, target)
    return path


def run_entries(run_dir: Path) -> dict[str, bytes]:
    """A real run's files as zip entries (what pack_run writes, minus the manifest)."""
    return {
        path.relative_to(run_dir).as_posix(): path.read_bytes()
        for path in sorted(run_dir.rglob("*"))
        if path.is_file()
    }


def tree(root: Path) -> set[str]:
    """Every path under ``root`` (files, folders and links), relative."""
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}
