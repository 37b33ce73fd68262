"""Render the camera views to docs/screenshots/camera-*.png, offscreen, from a video source.

Writes the moving-shapes video, records a two-class dataset from it in the recording view,
trains a small CNN on the folder and shows live classification with the Grad-CAM overlay.
Run with ``make screenshots`` (after the tab screenshots).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KC_DESKTOP_HOME", tempfile.mkdtemp(prefix="kc_camera_screens_"))

from PySide6.QtCore import QEventLoop, QTimer

from kc_desktop.core.camera.demo_video import write_shapes_video
from kc_desktop.core.camera.opencv_sources import VideoFileSource
from kc_desktop.core.inference import load_run
from kc_desktop.core.training.config import TrainConfig
from kc_desktop.core.training.engine import Trainer
from kc_desktop.ui.app import create_application
from kc_desktop.ui.camera.live_view import LiveClassifyView
from kc_desktop.ui.camera.recording_view import RecordingView

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
SHAPES = {"red disc": "red", "blue square": "blue"}


def wait_until(condition, timeout_s: float = 120.0) -> None:
    """Spin the event loop until ``condition()`` holds."""
    waited = 0.0
    while not condition():
        loop = QEventLoop()
        QTimer.singleShot(50, loop.quit)
        loop.exec()
        waited += 0.05
        if waited > timeout_s:
            raise TimeoutError("the camera view did not reach the expected state")


def record(folder: Path, videos: dict[str, Path]) -> Path:
    view = RecordingView(source=VideoFileSource(videos["red disc"]))
    view.capture_fps = 10
    view.datasetNameEdit.setText("shapes-demo")
    view.show()
    for shape in SHAPES:
        view.classPanel.classNameEdit.setText(shape)
        view.classPanel.addClassButton.click()
    for shape in reversed(list(SHAPES)):  # blue first: the red picture stays for the screenshot
        view.use_source(VideoFileSource(videos[shape]))
        view.classPanel.select(shape)
        wait_until(lambda: view.feed.frame is not None)
        view.start_recording()
        wait_until(lambda s=shape: view.dataset.counts()[s] >= 24)
        view.stop_recording()
    wait_until(lambda: view.feed.sequence > 5)
    view.grab().save(str(OUT / "camera-record.png"))
    path = view.dataset.path
    view.close()
    return path


def main() -> int:
    create_application()
    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="kc_camera_videos_"))
    videos = {
        shape: write_shapes_video(work / f"{c}.avi", (shape,), 60) for shape, c in SHAPES.items()
    }
    folder = record(work, videos)
    config = TrainConfig(
        dataset="folder",
        folder=str(folder),
        image_size=28,
        model="small-cnn",
        epochs=5,
        batch_size=8,
        score_samples=False,
    )
    run = load_run(Trainer(config, runs_parent=work / "runs").fit()["run_dir"])
    view = LiveClassifyView(source=VideoFileSource(videos["blue square"]))
    view.set_run(run)
    view.liveSaliencyCheck.setChecked(True)
    view.show()
    wait_until(lambda: view.predictions and view.cameraPreview.has_heatmap)
    wait_until(lambda: view.predictions[0][0] == "blue square" and view.feed.sequence > 20)
    view.grab().save(str(OUT / "camera-live.png"))
    view.close()
    print(f"wrote {OUT / 'camera-record.png'} and {OUT / 'camera-live.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
