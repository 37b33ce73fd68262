"""Test set-up shared by the whole suite.

Qt runs offscreen (CI has no display) and every test gets its own app home, so that runs
and caches written by one test never leak into another or into the user's real home.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from helpers import train_digits_run  # after the platform is set

HOSTILE_IMAGES = Path(__file__).resolve().parents[2] / "shared" / "testdata" / "hostile-images"


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point KC_DESKTOP_HOME at a fresh folder for each test."""
    home = tmp_path_factory.mktemp("kc_home")
    monkeypatch.setenv("KC_DESKTOP_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def digits_classifier_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small-cnn trained 2 epochs on digits (~93% test accuracy), shared by the suite."""
    return train_digits_run(tmp_path_factory, model="small-cnn", epochs=2)


@pytest.fixture(scope="session")
def digits_vae_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A VAE trained 1 epoch on digits, shared by the suite."""
    return train_digits_run(tmp_path_factory, model="vae", epochs=1)
