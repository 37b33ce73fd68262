"""Writes the moving-shapes scene to a video file: a camera stand-in for demos and tests.

``python -m kc_desktop --camera-file shapes.avi`` then shows it in every camera view. MJPG
in an .avi is what OpenCV writes on every platform without extra codecs.
"""

from __future__ import annotations

from pathlib import Path

from kc_desktop.core.camera.synthetic import draw_shape

FRAME_SIZE = (160, 120)


def write_shapes_video(
    path: str | Path,
    shapes: tuple[str, ...] = ("red disc", "blue square"),
    frames_per_shape: int = 40,
    fps: float = 20.0,
) -> Path:
    """Each shape of ``shapes`` in turn, moving, ``frames_per_shape`` frames each."""
    import cv2

    path = Path(path)
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, FRAME_SIZE)
    if not writer.isOpened():
        raise OSError(f"OpenCV cannot write an MJPG video to {path}.")
    try:
        for shape in shapes:
            for index in range(frames_per_shape):
                rgb = draw_shape(shape, index / 7, *FRAME_SIZE)
                writer.write(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
    finally:
        writer.release()
    return path
