"""Point the app's home folder somewhere else for a while (runs, caches, window settings)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def app_home_at(path: str | os.PathLike) -> Iterator[Path]:
    """Set ``KC_DESKTOP_HOME`` to ``path`` inside the block and restore it after."""
    previous = os.environ.get("KC_DESKTOP_HOME")
    os.environ["KC_DESKTOP_HOME"] = str(path)
    try:
        yield Path(path)
    finally:
        if previous is None:
            os.environ.pop("KC_DESKTOP_HOME", None)
        else:
            os.environ["KC_DESKTOP_HOME"] = previous
