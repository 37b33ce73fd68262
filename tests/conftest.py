"""Test set-up shared by the whole suite.

Qt runs offscreen (CI has no display) and every test gets its own app home, so that runs
and caches written by one test never leak into another or into the user's real home.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from helpers import train_digits_run  # after the platform is set


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point KC_DESKTOP_HOME at a fresh folder for each test; the window speaks English
    whatever the machine's locale (tests that want Chinese set KC_DESKTOP_LANG themselves)."""
    home = tmp_path_factory.mktemp("kc_home")
    monkeypatch.setenv("KC_DESKTOP_HOME", str(home))
    monkeypatch.setenv("KC_DESKTOP_LANG", "en")
    return home


@pytest.fixture(scope="session")
def digits_classifier_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small-cnn trained 2 epochs on digits (~93% test accuracy), shared by the suite."""
    return train_digits_run(tmp_path_factory, model="small-cnn", epochs=2)


@pytest.fixture(scope="session")
def digits_vae_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A VAE trained 1 epoch on digits, shared by the suite."""
    return train_digits_run(tmp_path_factory, model="vae", epochs=1)


@pytest.fixture(scope="session")
def tiny_mlp_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An MLP trained 2 epochs on the tiny band set (a few seconds), shared by the suite."""
    from run_history_helpers import train_tiny_run

    return train_tiny_run(tmp_path_factory.mktemp("tiny_runs"), "mlp", epochs=2)


@pytest.fixture
def saved_runs(tiny_mlp_dir: Path, digits_classifier_dir: Path, digits_vae_dir: Path) -> list[Path]:
    """Copies of a tiny MLP, a digits CNN and a digits VAE in this test's runs folder, in
    that order: a test may rename or delete them."""
    from run_history_helpers import copy_runs

    from kc_desktop.core.paths import runs_dir

    return copy_runs([tiny_mlp_dir, digits_classifier_dir, digits_vae_dir], runs_dir())


@pytest.fixture(scope="session")
def digits_feature_net_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample-quality feature classifier of digits (small CNN, 93% test accuracy), once."""
    from quality_helpers import train_digits_feature_net

    return train_digits_feature_net(tmp_path_factory)


@pytest.fixture(scope="session")
def digits_scored_vae_dir(
    tmp_path_factory: pytest.TempPathFactory, digits_feature_net_dir: Path
) -> Path:
    """A VAE trained 3 epochs (lr 3e-3) on digits, its sample quality scored after each epoch."""
    from quality_helpers import train_scored_vae

    return train_scored_vae(tmp_path_factory, digits_feature_net_dir, epochs=3)


@pytest.fixture
def ready_window(qtbot) -> Iterator[Any]:
    """The main window, shown, with PyTorch loaded and the digits dataset selected."""
    from kc_desktop.ui.main_window import MainWindow

    main = MainWindow()
    qtbot.addWidget(main)
    main.show()
    main.load_core()
    qtbot.waitUntil(lambda: main.is_core_ready, timeout=60_000)
    qtbot.waitUntil(lambda: main.data_tab.dataset is not None, timeout=60_000)
    yield main
    if main.session is not None and main.session.is_active:
        main.session.shutdown()
