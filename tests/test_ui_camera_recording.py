"""Recording a dataset from a video file through the Data tab's camera view, and failures."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from camera_helpers import (
    FailingSource,
    add_classes,
    dominant_colour,
    record_burst,
    shapes_videos,
    write_shapes_video,
)
from PIL import Image
from PySide6.QtCore import Qt

from kc_desktop.core.camera.catalog import SYNTHETIC_ID
from kc_desktop.core.camera.opencv_sources import CameraSource, VideoFileSource
from kc_desktop.core.camera.recording import recordings_dir
from kc_desktop.core.camera.source import PROBLEM_TEXT, CameraProblem
from kc_desktop.ui.camera import choice
from kc_desktop.ui.camera.picker import CameraPicker
from kc_desktop.ui.camera.recording_view import RecordingView
from kc_desktop.ui.data.data_tab import DataTab


@pytest.fixture
def data_tab(qtbot) -> DataTab:
    tab = DataTab()
    qtbot.addWidget(tab)
    return tab


def test_recording_fills_class_folders_and_becomes_the_dataset(
    data_tab: DataTab, qtbot, tmp_path: Path
) -> None:
    videos = shapes_videos(tmp_path)
    view = data_tab.open_camera(VideoFileSource(videos["red"]))
    view.capture_fps = 25
    view.datasetNameEdit.setText("shapes from camera")
    add_classes(view, ("red", "blue"))
    assert view.recordButton.isEnabled() and not view.undoBurstButton.isEnabled()

    record_burst(qtbot, view, "red", 6)
    view.use_source(VideoFileSource(videos["blue"]))
    record_burst(qtbot, view, "blue", 6, space=True)
    record_burst(qtbot, view, "blue", 2)
    counts = view.dataset.counts()
    view.undo_last_burst()
    after_undo = view.dataset.counts()
    assert after_undo["blue"] < counts["blue"] and after_undo["red"] == counts["red"]

    folder = recordings_dir() / "shapes from camera"
    for name in ("red", "blue"):
        files = sorted((folder / name).glob("*.jpg"))
        assert len(files) == after_undo[name] >= 6
        assert files[0].name == "0001.jpg"
        colours = {dominant_colour(np.asarray(Image.open(f).convert("RGB"))) for f in files}
        assert colours == {name}  # each class folder holds only its own shape
    listed = [view.classPanel.classList.item(i).text() for i in range(2)]
    assert listed == [f"blue — {after_undo['blue']} frames", f"red — {after_undo['red']} frames"]
    assert view.recentFrames.image_count() > 0

    view.close()
    qtbot.waitUntil(lambda: data_tab.dataset is not None, timeout=30_000)
    assert data_tab.folder == str(folder)
    assert data_tab.dataset.classes == ["blue", "red"]
    assert len(data_tab.dataset.labels) == sum(after_undo.values())


def test_deleting_a_class_removes_its_folder(data_tab: DataTab, qtbot, tmp_path: Path) -> None:
    video = write_shapes_video(tmp_path / "red.avi", ("red disc",), 60)
    view = data_tab.open_camera(VideoFileSource(video))
    view.capture_fps = 25
    add_classes(view, ("cup", "pen"))
    record_burst(qtbot, view, "cup", 3)
    view.classPanel.confirm_delete = lambda name, count: name == "cup" and count >= 3
    view.classPanel.select("cup")
    view.classPanel.deleteClassButton.click()
    assert view.dataset.classes() == ["pen"]
    assert not (view.dataset.path / "cup").exists()
    assert not view.undoBurstButton.isEnabled()
    view.close()


def test_unplugged_mid_recording_keeps_the_frames(data_tab: DataTab, qtbot, tmp_path: Path) -> None:
    video = write_shapes_video(tmp_path / "short.avi", ("red disc",), 25)
    view = data_tab.open_camera(VideoFileSource(video, loop=False))
    view.capture_fps = 25
    add_classes(view, ("red",))
    qtbot.waitUntil(lambda: view.feed.frame is not None, timeout=10_000)
    qtbot.mousePress(view.recordButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.cameraMessage.isVisible(), timeout=20_000)  # the video ended
    qtbot.mouseRelease(view.recordButton, Qt.MouseButton.LeftButton)
    assert not view.recording and not view.recordButton.isEnabled()
    assert view.cameraMessage.text().startswith(PROBLEM_TEXT[CameraProblem.ENDED])
    assert "kept" in view.cameraMessage.text()
    saved = sorted((view.dataset.path / "red").glob("*.jpg"))
    assert len(saved) == view.dataset.counts()["red"] > 0
    # The app goes on: another source works in the same view.
    view.use_source(VideoFileSource(video, loop=True))
    qtbot.waitUntil(lambda: view.recordButton.isEnabled(), timeout=10_000)
    assert not view.cameraMessage.isVisible()
    view.close()


@pytest.mark.parametrize(
    "problem", [CameraProblem.NO_CAMERA, CameraProblem.BUSY, CameraProblem.DENIED]
)
def test_camera_failures_are_one_plain_sentence(qtbot, problem: CameraProblem) -> None:
    view = RecordingView(source=FailingSource(problem))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.feed.error is not None, timeout=10_000)
    assert view.cameraMessage.text() == PROBLEM_TEXT[problem]
    assert not view.recordButton.isEnabled()
    view.datasetNameEdit.setText("after failure")
    add_classes(view, ("a",))
    view.start_recording()
    assert not view.recording and view.dataset.total() == 0


def test_missing_real_camera_says_so(qtbot) -> None:
    view = RecordingView(source=CameraSource(63))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: not view.cameraMessage.isHidden(), timeout=20_000)
    assert "camera" in view.cameraMessage.text().lower()


def test_picker_lists_sources_and_remembers_the_choice(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    video = write_shapes_video(tmp_path / "demo.avi", ("red disc",), 5)
    monkeypatch.setattr(choice, "_camera_file", str(video))
    picker = CameraPicker()
    qtbot.addWidget(picker)
    with qtbot.waitSignal(picker.source_listed, timeout=20_000) as listed:
        pass
    assert listed.args[0] == f"file:{video}"  # the command line's video is preferred
    ids = [picker.itemData(i) for i in range(picker.count())]
    assert ids[-2:] == [f"file:{video}", SYNTHETIC_ID]
    with qtbot.waitSignal(picker.source_chosen) as chosen:
        picker.activated.emit(ids.index(SYNTHETIC_ID))
    assert chosen.args[0] == SYNTHETIC_ID and choice.remembered_source() == SYNTHETIC_ID
    monkeypatch.setattr(choice, "_camera_file", None)
    again = CameraPicker()
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.source_listed, timeout=20_000) as listed:
        pass
    assert listed.args[0] == SYNTHETIC_ID


def test_a_view_deleted_without_closing_stops_its_camera(qtbot, tmp_path: Path) -> None:
    video = write_shapes_video(tmp_path / "loop.avi", ("red disc",), 10)
    view = RecordingView(source=VideoFileSource(video, loop=True))
    grabber = view.feed._grabber
    qtbot.waitUntil(lambda: view.feed.frame is not None, timeout=10_000)
    view.deleteLater()
    qtbot.waitUntil(lambda: not grabber.running, timeout=10_000)


def test_camera_button_opens_the_view_on_the_listed_source(data_tab: DataTab, qtbot) -> None:
    data_tab.cameraButton.click()  # no camera here: the moving shapes are listed and chosen
    view = data_tab.recordingView
    assert view.isVisible() and view.objectName() == "recordingView"
    qtbot.waitUntil(lambda: view.cameraPreview.frame is not None, timeout=20_000)
    assert view.cameraCombo.currentData() == SYNTHETIC_ID
    view.close()


def test_camera_file_option_reaches_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    from kc_desktop import cli
    from kc_desktop.ui import app

    seen: list[str | None] = []
    monkeypatch.setattr(app, "run_app", lambda camera_file=None: seen.append(camera_file) or 0)
    for argv in (["--camera-file", "demo.avi"], ["gui", "--camera-file", "other.avi"], []):
        assert cli.main(argv) == 0
    assert seen == ["demo.avi", "other.avi", None]
