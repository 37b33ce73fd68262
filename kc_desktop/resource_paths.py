"""Where the files of the top-level ``resources/`` folder are: icon, translations, demo images.

``resources/`` sits beside the package in the repository, so ``make run`` and an editable
install (``pip install -e .``) read it in place; a wheel carries the same files as package
data under ``kc_desktop/resources`` (``[tool.setuptools.package-dir]`` in pyproject.toml).
No Qt here: the CLI and the tests can find the files too.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """The resources folder: the repository's, or the installed copy inside the package."""
    in_repo = _PACKAGE.parent / "resources"
    return in_repo if in_repo.is_dir() else _PACKAGE / "resources"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def icon_path(size: int | None = None) -> Path:
    """The app icon: the SVG, or the PNG of ``size`` pixels (16, 24, 32, 48, 64, 128, 256)."""
    icons = resources_dir() / "icons"
    return icons / ("kc_desktop.svg" if size is None else f"kc_desktop_{size}.png")
