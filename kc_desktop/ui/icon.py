"""The app icon, from the PNG sizes and the SVG in ``resources/icons``."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from kc_desktop.resource_paths import icon_path

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def app_icon() -> QIcon:
    """Every PNG size (crisp in title bars and docks) plus the SVG for any other size."""
    icon = QIcon()
    for size in ICON_SIZES:
        path = icon_path(size)
        if path.is_file():
            icon.addFile(str(path))
    svg = icon_path()
    if svg.is_file():
        icon.addFile(str(svg))
    return icon
