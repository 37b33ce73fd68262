"""Record -> train -> classify live, end to end from video files; the live view's controls."""

from __future__ import annotations

from pathlib import Path

import pytest
from camera_helpers import FailingSource, add_classes, dominant_colour, record_burst, shapes_videos

from kc_desktop.core.camera.opencv_sources import VideoFileSource
from kc_desktop.core.camera.source import PROBLEM_TEXT, CameraProblem
from kc_desktop.core.inference import load_run
from kc_desktop.core.training.config import TrainConfig
from kc_desktop.core.training.engine import Trainer
from kc_desktop.ui.camera.live_view import LiveClassifyView
from kc_desktop.ui.classify.classify_tab import ClassifyTab
from kc_desktop.ui.data.data_tab import DataTab


def top_label(view: LiveClassifyView) -> str | None:
    return view.predictions[0][0] if view.predictions else None


@pytest.mark.slow
def test_record_train_and_classify_live(qtbot, tmp_path: Path) -> None:
    videos = shapes_videos(tmp_path)
    data_tab = DataTab()
    qtbot.addWidget(data_tab)
    recorder = data_tab.open_camera(VideoFileSource(videos["red"]))
    recorder.capture_fps = 25
    add_classes(recorder, ("red", "blue"))
    record_burst(qtbot, recorder, "red", 12)
    recorder.use_source(VideoFileSource(videos["blue"]))
    record_burst(qtbot, recorder, "blue", 12)
    recorder.close()
    qtbot.waitUntil(lambda: data_tab.dataset is not None, timeout=30_000)

    config = TrainConfig(
        dataset="folder",
        folder=data_tab.folder,
        image_size=24,
        model="small-cnn",
        epochs=4,
        batch_size=8,
        score_samples=False,
    )
    summary = Trainer(config, runs_parent=tmp_path / "runs").fit()
    run = load_run(summary["run_dir"])
    assert run.classes == ["blue", "red"]

    tab = ClassifyTab()
    qtbot.addWidget(tab)
    tab.set_run(run)
    live = tab.open_live_camera(VideoFileSource(videos["red"]))
    qtbot.waitUntil(lambda: top_label(live) == "red", timeout=30_000)
    assert live.livePredictionBars.predictions()[0][0] == "red"
    live.use_source(VideoFileSource(videos["blue"]))
    qtbot.waitUntil(lambda: top_label(live) == "blue", timeout=30_000)  # the bars follow
    assert dominant_colour(live.cameraPreview.frame) == "blue"

    # Grad-CAM on demand, laid over the picture.
    live.liveSaliencyCheck.setChecked(True)
    qtbot.waitUntil(lambda: live.cameraPreview.has_heatmap, timeout=30_000)
    live.liveSaliencyCheck.setChecked(False)
    assert not live.cameraPreview.has_heatmap

    # Pause freezes the picture while the camera goes on; Snapshot classifies it in the tab.
    live.pauseLiveButton.click()
    frozen, sequence = live.cameraPreview.frame, live.feed.sequence
    qtbot.waitUntil(lambda: live.feed.sequence >= sequence + 3, timeout=10_000)
    assert live.cameraPreview.frame is frozen and live.pauseLiveButton.text() == "Resume"
    live.snapshotButton.click()
    qtbot.waitUntil(lambda: len(tab.rows) == 1 and bool(tab.rows[0].predictions), timeout=30_000)
    assert tab.rows[0].predictions[0][0] == "blue"
    live.pauseLiveButton.click()
    qtbot.waitUntil(lambda: live.cameraPreview.frame is not frozen, timeout=10_000)
    live.close()
    assert not live.worker.thread.isRunning()


def test_live_view_without_a_run_or_a_camera(qtbot, digits_vae_dir: Path) -> None:
    view = LiveClassifyView(source=FailingSource(CameraProblem.DENIED))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.feed.error is not None, timeout=10_000)
    assert view.cameraMessage.text() == PROBLEM_TEXT[CameraProblem.DENIED]
    assert "classifier" in view.livePredictionBars.message()
    view.set_run(load_run(digits_vae_dir))  # a generative run cannot classify
    assert view.run is None and "classifier" in view.livePredictionBars.message()
    view.snapshotButton.click()  # nothing to snap: nothing happens
    view.shutdown()
