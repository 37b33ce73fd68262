"""Sentences the core fills in reach the window in Chinese: errors, camera, export, data."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from camera_helpers import FailingSource, write_shapes_video
from i18n_helpers import chinese, english_sentences, is_chinese, visible_texts
from PySide6.QtWidgets import QMainWindow

from kc_desktop.core.camera.opencv_sources import VideoFileSource
from kc_desktop.core.camera.source import CameraProblem
from kc_desktop.core.data.errors import DatasetUnavailableError
from kc_desktop.core.i18n import QT_TRANSLATE_NOOP, Sentence, message_of
from kc_desktop.ui.core_text import core_text
from kc_desktop.ui.i18n import install_translators


@pytest.fixture
def chinese_ui(qapp) -> Iterator[None]:
    """The zh_CN translators for one test; English again afterwards (they are app-wide)."""
    install_translators("zh_CN")
    yield
    install_translators("en")


def test_a_sentence_keeps_its_template_and_values() -> None:
    where = QT_TRANSLATE_NOOP("core", "at the end of epoch {epoch}").format(epoch=3)
    sentence = QT_TRANSLATE_NOOP("core", "Epoch {epoch} of {epochs}").format(epoch=2, epochs=5)
    assert sentence == "Epoch 2 of 5" and isinstance(sentence, Sentence)
    assert sentence.template == "Epoch {epoch} of {epochs}"
    assert sentence.values == {"epoch": 2, "epochs": 5}
    copy = pickle.loads(pickle.dumps(sentence))  # crosses processes (torchrun) intact
    assert (copy, copy.template, copy.values) == (sentence, sentence.template, sentence.values)
    error = ValueError(where)
    assert message_of(error) is where and str(error) == "at the end of epoch 3"


def test_sentences_translate_by_template_with_marked_values(chinese_ui) -> None:
    reason = QT_TRANSLATE_NOOP("core", "no network connection")
    hint = QT_TRANSLATE_NOOP("core", "Offline datasets: {names}.").format(names="digits, shapes")
    message = QT_TRANSLATE_NOOP("core", "Could not download {title}: {reason}. {hint}").format(
        title="MNIST", reason=reason, hint=hint
    )
    assert core_text(message) == "无法下载 MNIST：没有网络连接。离线数据集：digits, shapes。"
    # The same sentence as a plain string (read back from a file, passed through a signal)
    # is matched against the templates of the loaded translation file.
    assert core_text(str(message)) == core_text(message)
    figure = QT_TRANSLATE_NOOP(
        "core",
        "{count:,} images of {size}x{size} pixels need {needed:.1f} GiB of disk in {folder} "
        "but only {free:.1f} GiB is free; free some space or choose a smaller image size.",
    ).format(count=12000, size=64, needed=2.25, folder="/data", free=1.0)
    assert core_text(figure).startswith("12,000 张 64x64 像素的图像需要在 /data 中占用 2.2 GiB")
    assert core_text("not a core sentence") == "not a core sentence"


def test_english_leaves_sentences_as_they_were_made(qapp) -> None:
    install_translators("en")
    message = QT_TRANSLATE_NOOP("core", "Offline datasets: {names}.").format(names="digits")
    assert core_text(message) == "Offline datasets: digits." == core_text(str(message))


def test_camera_errors_show_in_chinese(qtbot, tmp_path: Path, chinese_ui) -> None:
    from kc_desktop.ui.camera.recording_view import RecordingView

    missing = RecordingView(source=FailingSource(CameraProblem.NO_CAMERA))
    qtbot.addWidget(missing)
    qtbot.waitUntil(lambda: missing.feed.error is not None, timeout=10_000)
    video = write_shapes_video(tmp_path / "short.avi", ("red disc",), 5)
    ended = RecordingView(source=VideoFileSource(video, loop=False))
    qtbot.addWidget(ended)
    qtbot.waitUntil(lambda: ended.feed.error is not None, timeout=20_000)
    for view in (missing, ended):
        assert is_chinese(view.cameraMessage.text()), view.cameraMessage.text()
        assert english_sentences(view.cameraMessage.text()) == []
        view.close()


def test_export_error_shows_in_chinese(qtbot, tmp_path: Path, chinese_ui) -> None:
    from kc_desktop.ui.export.export_actions import ExportActions

    window = QMainWindow()
    qtbot.addWidget(window)
    shown: list[str] = []
    window.show_message = shown.append
    window.current_run = SimpleNamespace(path=tmp_path / "not-a-run")
    actions = ExportActions(window)
    actions.ask_export = lambda name: ("onnx", str(tmp_path / "out"))
    with qtbot.waitSignal(actions.failed, timeout=30_000) as failed:
        actions.export_model()
    message = failed.args[0]
    assert is_chinese(message) and english_sentences(message) == [], message
    assert shown[-1] == message


def test_data_error_shows_in_chinese(qtbot, tmp_path: Path, chinese_ui) -> None:
    from kc_desktop.ui.data.data_tab import DataTab

    tab = DataTab()
    qtbot.addWidget(tab)
    (tmp_path / "empty").mkdir()
    tab.load_folder(str(tmp_path / "empty"))
    qtbot.waitUntil(lambda: not tab.errorPanel.isHidden(), timeout=30_000)
    text = tab.datasetErrorLabel.text()
    assert is_chinese(text) and english_sentences(text) == [], text


def test_a_failed_download_reads_in_chinese(chinese_ui) -> None:
    """The reason inside a download failure is translated too, not only the frame."""
    from kc_desktop.core.data.remote import _download_reason
    from kc_desktop.ui.errors import plain_error

    cause = ValueError(QT_TRANSLATE_NOOP("core", "the download lacks {files}").format(files="a.gz"))
    hint = QT_TRANSLATE_NOOP("core", "Offline datasets: {names}.").format(names="digits")
    error = DatasetUnavailableError(
        QT_TRANSLATE_NOOP("core", "Could not download {title}: {reason}. {hint}").format(
            title="MNIST", reason=_download_reason(cause), hint=hint
        )
    )
    assert plain_error(error) == "无法下载 MNIST：下载内容缺少 a.gz。离线数据集：digits。"


def test_camera_views_speak_chinese(qtbot, chinese_ui, digits_classifier_dir: Path) -> None:
    """The recording view and the live view (a run loaded, the synthetic scene) in Chinese."""
    from kc_desktop.core.camera.synthetic import SyntheticSource
    from kc_desktop.core.inference import load_run
    from kc_desktop.ui.camera.live_view import LiveClassifyView
    from kc_desktop.ui.camera.recording_view import RecordingView

    recording = RecordingView(source=SyntheticSource())
    live = LiveClassifyView(source=SyntheticSource())
    live.set_run(load_run(digits_classifier_dir))
    for view in (recording, live):
        qtbot.addWidget(view)
        view.show()
        qtbot.waitUntil(lambda v=view: v.feed.frame is not None, timeout=20_000)
        texts = visible_texts(view)
        leftovers = [text for text in texts if english_sentences(text)]
        assert leftovers == [] and len(chinese(texts)) > 5, leftovers
        view.close()
