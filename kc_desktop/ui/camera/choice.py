"""What the camera picker starts with: the ``--camera-file`` video and the remembered choice.

The video file given on the command line is kept here for the whole session (the views
are built long after ``run_app`` parsed it); the user's last choice of source is kept in
the window's settings file so that the next session opens the same camera.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from kc_desktop.core.paths import app_home

SOURCE_KEY = "camera/source"
_camera_file: str | None = None


def set_camera_file(path: str | None) -> None:
    """Offer (and prefer) this video file as a camera in every picker of this session."""
    global _camera_file
    _camera_file = path or None


def camera_file() -> str | None:
    return _camera_file


def settings() -> QSettings:
    """The window's own settings file in the app home."""
    return QSettings(str(app_home() / "settings.ini"), QSettings.Format.IniFormat)


def remembered_source() -> str | None:
    value = settings().value(SOURCE_KEY)
    return value if isinstance(value, str) and value else None


def remember_source(source_id: str) -> None:
    settings().setValue(SOURCE_KEY, source_id)
