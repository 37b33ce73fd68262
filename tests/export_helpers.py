"""Helpers for the export tests: tiny real runs on digits, test images as files, hostile zips."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from helpers import make_trainer, train_digits_run


def train_tiny_digits_run(tmp_path_factory: pytest.TempPathFactory, model: str) -> Path:
    """One epoch on a fifth of digits (half is held out for testing): a real run in seconds.

    Pretrained models start from seeded stand-in ImageNet weights (``backbone_helpers``),
    written where the app looks for them, at their smallest side (32 pixels); their quick
    mode embeds every image anyway, so they keep the default split (fewer test images to
    score twice: the run's test pass and the model card's confusion matrix)."""
    from kc_desktop.core.models.registry import get_model_spec

    if not get_model_spec(model).pretrained:
        return train_digits_run(tmp_path_factory, model=model, **TINY)
    from backbone_helpers import write_test_weights

    home = tmp_path_factory.mktemp("train_home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KC_DESKTOP_HOME", str(home))
        patch.delenv("TORCH_HOME", raising=False)
        write_test_weights(model)
        runs = tmp_path_factory.mktemp("runs")
        summary = make_trainer(
            runs, "digits", model=model, backbone_size=32, epochs=1, score_samples=False
        ).fit()
    return Path(summary["run_dir"])


TINY = {"epochs": 1, "val_fraction": 0.3, "test_fraction": 0.5, "score_samples": False}


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
