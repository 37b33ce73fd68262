"""Where kc_desktop keeps its files: runs, download cache, decoded-folder cache.

Everything lives under one home folder so that a user can find (and delete) it, and so
that tests can redirect it with the ``KC_DESKTOP_HOME`` environment variable.
"""

from __future__ import annotations

import os
from pathlib import Path


def app_home() -> Path:
    """The app's home folder: ``$KC_DESKTOP_HOME`` or ``~/.kc_desktop``."""
    configured = os.environ.get("KC_DESKTOP_HOME")
    return Path(configured).expanduser() if configured else Path.home() / ".kc_desktop"


def runs_dir() -> Path:
    """Parent folder of saved training runs."""
    return app_home() / "runs"


def downloads_dir() -> Path:
    """Cache of downloaded datasets (MNIST, Fashion-MNIST, CIFAR-10)."""
    return app_home() / "datasets"


def decoded_cache_dir() -> Path:
    """Cache of image folders decoded to tensors, so the second open is fast."""
    return app_home() / "cache"
