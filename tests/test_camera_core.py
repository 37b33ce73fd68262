"""The Qt-free camera layer: video files read like a camera, the grabber, recordings."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
from camera_helpers import FailingSource, dominant_colour, write_shapes_video

from kc_desktop.core.camera.catalog import SYNTHETIC_ID, list_cameras, list_sources, open_source
from kc_desktop.core.camera.grabber import FrameGrabber
from kc_desktop.core.camera.opencv_sources import CameraSource, VideoFileSource
from kc_desktop.core.camera.recording import RecordedDataset, RecordingError, recordings_dir
from kc_desktop.core.camera.source import CameraError, CameraProblem
from kc_desktop.core.camera.synthetic import SyntheticSource


def wait_for(condition, timeout: float = 20.0) -> None:
    """Poll ``condition`` until true (fails after ``timeout`` s; not a timed assertion)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition never became true"
        time.sleep(0.01)


def test_video_file_reads_rgb_frames_then_ends(tmp_path: Path) -> None:
    video = write_shapes_video(tmp_path / "v.avi", ("red disc", "blue square"), 5, fps=200)
    source = VideoFileSource(video, loop=False)
    source.open()
    frames = []
    with pytest.raises(CameraError) as ended:
        while True:
            frames.append(source.read())
    source.close()
    assert ended.value.problem is CameraProblem.ENDED
    assert len(frames) == 10
    assert frames[0].shape == (120, 160, 3) and frames[0].dtype == np.uint8
    assert [dominant_colour(f) for f in (frames[0], frames[-1])] == ["red", "blue"]


def test_looping_video_starts_again(tmp_path: Path) -> None:
    video = write_shapes_video(tmp_path / "v.avi", ("red disc",), 3, fps=200)
    source = VideoFileSource(video, loop=True)
    source.open()
    assert len([source.read() for _ in range(8)]) == 8
    source.close()


def test_unreadable_file_and_missing_camera_are_plain_errors(tmp_path: Path) -> None:
    bad = tmp_path / "not-a-video.avi"
    bad.write_bytes(b"nonsense" * 100)
    for source in (VideoFileSource(bad), VideoFileSource(tmp_path / "missing.avi")):
        with pytest.raises(CameraError) as error:
            source.open()
            source.read()
        assert error.value.problem is CameraProblem.UNREADABLE
        source.close()
    with pytest.raises(CameraError) as error:
        CameraSource(99).open()
    assert error.value.problem in (CameraProblem.NO_CAMERA, CameraProblem.BUSY)
    assert "camera" in str(error.value).lower()


def test_grabber_keeps_only_the_newest_frame_and_the_error(tmp_path: Path) -> None:
    video = write_shapes_video(tmp_path / "v.avi", ("red disc",), 6, fps=100)
    grabber = FrameGrabber(VideoFileSource(video, loop=False))
    grabber.start()
    wait_for(lambda: not grabber.running)
    sequence, frame = grabber.newest()
    assert sequence == 6 and frame is not None and frame.shape == (120, 160, 3)
    assert grabber.error is not None and grabber.error.problem is CameraProblem.ENDED


def test_grabber_reports_a_failed_open_and_closes_the_source() -> None:
    source = FailingSource(CameraProblem.BUSY)
    grabber = FrameGrabber(source)
    grabber.start()
    wait_for(lambda: not grabber.running)
    assert grabber.error.problem is CameraProblem.BUSY and source.closed.is_set()
    assert grabber.newest() == (0, None)


def test_synthetic_source_and_catalog(tmp_path: Path) -> None:
    source = SyntheticSource(fps=1000, seconds_per_shape=0.005)
    source.open()
    colours = {dominant_colour(source.read()) for _ in range(12)}
    assert colours == {"red", "blue"}
    ids = [info.id for info in list_sources(str(tmp_path / "demo.avi"))]
    assert ids[-2:] == [f"file:{tmp_path / 'demo.avi'}", SYNTHETIC_ID]
    assert isinstance(open_source("camera:2"), CameraSource)
    assert isinstance(open_source(ids[-2]), VideoFileSource)
    with pytest.raises(ValueError):
        open_source("camera:x")


def test_linux_cameras_are_named_from_sysfs(tmp_path: Path) -> None:
    for node, name, index in (("video0", "HD Webcam", 0), ("video1", "HD Webcam", 1)):
        (tmp_path / node).mkdir()
        (tmp_path / node / "name").write_text(name + "\n")
        (tmp_path / node / "index").write_text(f"{index}\n")
    (tmp_path / "video2").mkdir()
    (tmp_path / "video2" / "name").write_text("USB Camera\n")
    if not __import__("sys").platform.startswith("linux"):
        pytest.skip("sysfs names are read on Linux only")
    cameras = list_cameras(tmp_path)
    assert [(c.id, c.name) for c in cameras] == [
        ("camera:0", "HD Webcam"),
        ("camera:2", "USB Camera"),
    ]


def test_recording_writes_numbered_jpegs_undoes_bursts_and_deletes_classes() -> None:
    dataset = RecordedDataset("My things")
    assert dataset.path == recordings_dir() / "My things"
    dataset.add_class("cup")
    dataset.add_class("pen")
    with pytest.raises(RecordingError):
        dataset.add_class("CUP")
    with pytest.raises(RecordingError):
        dataset.add_class("../escape")
    frame = np.zeros((24, 32, 3), np.uint8)
    dataset.start_burst()
    paths = [dataset.save_frame("cup", frame) for _ in range(3)]
    assert dataset.end_burst() == 3
    assert [p.name for p in paths] == ["0001.jpg", "0002.jpg", "0003.jpg"]
    dataset.start_burst()
    dataset.save_frame("cup", frame)
    dataset.end_burst()
    assert dataset.counts() == {"cup": 4, "pen": 0}
    assert dataset.undo_last_burst() == 1
    assert dataset.counts() == {"cup": 3, "pen": 0}
    assert not list(dataset.path.rglob("*.tmp"))
    assert dataset.delete_class("cup") == 3
    assert dataset.classes() == ["pen"] and not dataset.can_undo()
    again = RecordedDataset("My things")  # a recording can be reopened and added to
    assert again.classes() == ["pen"]


def test_recording_never_takes_over_a_foreign_folder() -> None:
    foreign = recordings_dir() / "MNIST"
    (foreign / "raw").mkdir(parents=True)
    with pytest.raises(RecordingError, match="already exists"):
        RecordedDataset("MNIST")
    with pytest.raises(RecordingError):
        RecordedDataset("  ")
