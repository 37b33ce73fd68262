"""Hostile and odd images through every door: decoder, Classify drop, CLI, Data tab preview.

The corpus is ``tests/data/hostile-images`` (Pillow's own malformed and unusual
files); tests that need it skip, saying why, when it is absent. Each file must end as a
sane picture or a one-line reason, the app must keep working afterwards, and no file may
hang a decode or take unbounded memory (a watched child process proves both).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QUrl

from helpers import HOSTILE_IMAGES, drag_enter, drop, scatter_hostile_files
from kc_desktop.cli import main
from kc_desktop.core.data.images import MAX_PIXELS
from kc_desktop.core.data.registry import load_dataset
from kc_desktop.core.inference import load_run
from kc_desktop.ui.classify.classify_tab import ClassifyTab
from kc_desktop.ui.classify.files_panel import MAX_ROWS
from kc_desktop.ui.data.data_tab import DataTab

HOSTILE_FILES = (
    sorted(p for p in HOSTILE_IMAGES.iterdir() if p.is_file()) if HOSTILE_IMAGES.is_dir() else []
)
needs_corpus = pytest.mark.skipif(
    not HOSTILE_FILES, reason=f"hostile image corpus absent ({HOSTILE_IMAGES})"
)

PER_FILE_BUDGET_S = 20
"""Hang guard per file: the child is interrupted past this (the slowest file takes ~0.1 s)."""

_WATCHED_DECODE = textwrap.dedent(
    """
    import json, signal, sys
    from kc_desktop.core.data.images import ImageLoadError, load_image_array

    def hung(signum, frame):
        raise TimeoutError("decode ran past its budget")

    signal.signal(signal.SIGALRM, hung)
    budget = int(sys.argv[1])
    for path in sys.argv[2:]:
        shapes, reasons = [], []
        for size in (None, 32):
            signal.alarm(budget)
            try:
                shapes.append(list(load_image_array(path, size=size).shape))
            except ImageLoadError as error:
                reasons.append(str(error))
            finally:
                signal.alarm(0)
        print(json.dumps({"file": path, "shapes": shapes, "reasons": reasons}), flush=True)
    # The peak of this process alone: ru_maxrss would include the parent's size at the fork.
    try:
        with open("/proc/self/status") as status:
            peak = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))
    except OSError:
        peak = None
    print(json.dumps({"peak_kib": peak}))
    """
)


def _one_line(text: str | None) -> bool:
    return bool(text) and "\n" not in text and "Traceback" not in text


def _mime(paths: list[Path]) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


@needs_corpus
def test_no_hostile_file_hangs_or_takes_unbounded_memory() -> None:
    """A child decodes the corpus under a per-file alarm; its peak memory is then read."""
    result = subprocess.run(
        [sys.executable, "-c", _WATCHED_DECODE, str(PER_FILE_BUDGET_S), *map(str, HOSTILE_FILES)],
        capture_output=True,
        text=True,
        timeout=PER_FILE_BUDGET_S * 2 * len(HOSTILE_FILES),
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    *records, memory = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["file"] for r in records] == [str(p) for p in HOSTILE_FILES]
    for record in records:
        assert len(record["shapes"]) + len(record["reasons"]) == 2
        assert all(_one_line(reason) for reason in record["reasons"]), record
        assert all(shape[2] == 3 and min(shape) >= 1 for shape in record["shapes"]), record
    refused = sum(bool(r["reasons"]) for r in records)
    assert 0 < refused < len(records)  # the corpus holds both kinds
    # The limits bound one decode by a 64-megapixel picture in a few layers (~24 B/pixel).
    if memory["peak_kib"] is not None:  # Linux
        assert memory["peak_kib"] * 1024 < 24 * MAX_PIXELS


@pytest.fixture(scope="module")
def classifier_dir(digits_classifier_dir: Path) -> Path:
    return digits_classifier_dir


@needs_corpus
def test_every_hostile_file_dropped_on_classify_gets_a_row(
    qtbot, classifier_dir: Path, tmp_path: Path
) -> None:
    tab = ClassifyTab()
    qtbot.addWidget(tab)
    tab.resize(1000, 700)
    tab.show()
    tab.set_run(load_run(classifier_dir))
    rows: dict[str, tuple[list, str | None]] = {}
    for start in range(0, len(HOSTILE_FILES), MAX_ROWS):
        chunk = HOSTILE_FILES[start : start + MAX_ROWS]
        mime = _mime(chunk)
        assert drag_enter(tab.dropArea, mime).isAccepted()
        with qtbot.waitSignal(tab.status_message, timeout=30_000) as done:
            drop(tab.dropArea, mime)
        assert "Classified" in done.args[0]
        rows.update({row.source: (row.predictions, row.error) for row in tab.rows[: len(chunk)]})
        tab.clear_results()
    assert sorted(rows) == sorted(str(p) for p in HOSTILE_FILES)
    for source, (predictions, error) in rows.items():
        if error is None:
            assert len(predictions) == 5, source
        else:
            assert predictions == [] and _one_line(error), source
    assert any(error is None for _, error in rows.values())
    digit = tmp_path / "digit.png"
    Image.fromarray(load_dataset("digits").images[0, 0].numpy()).save(digit)
    mime = _mime([digit])
    assert drag_enter(tab.dropArea, mime).isAccepted()
    drop(tab.dropArea, mime)  # the tab still works after all of that
    qtbot.waitUntil(lambda: not tab.is_busy(), timeout=30_000)
    assert tab.rows[0].error is None and len(tab.rows[0].predictions) == 5


@needs_corpus
def test_classify_command_answers_every_hostile_file(
    classifier_dir: Path, capsys: pytest.CaptureFixture
) -> None:
    status = main(["classify", str(classifier_dir), *map(str, HOSTILE_FILES), "--json"])
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["file"] for r in records] == [str(p) for p in HOSTILE_FILES]
    for record in records:
        if "error" in record:
            assert _one_line(record["error"]) and "predictions" not in record
        else:
            assert len(record["predictions"]) == 5
    assert status == 1  # some files were refused; the rest were still classified


@needs_corpus
def test_data_tab_previews_a_folder_full_of_hostile_files(qtbot, tmp_path: Path) -> None:
    root = tmp_path / "mixed"
    for name, colour in (("cats", (200, 40, 40)), ("dogs", (40, 40, 200))):
        (root / name).mkdir(parents=True)
        for index in range(3):
            Image.new("RGB", (20, 20), colour).save(root / name / f"good{index}.png")
    expected_bad = scatter_hostile_files(HOSTILE_FILES, ("dogs", "cats"), root)
    tab = DataTab()
    qtbot.addWidget(tab)
    tab.resize(1100, 700)
    tab.show()
    with qtbot.waitSignal(tab.dataset_changed, timeout=120_000):
        tab.load_folder(str(root))
    dataset = tab.dataset
    assert len(dataset.labels) == 6 + len(HOSTILE_FILES) - len(expected_bad)
    assert tab.datasetPreview.image_count() == min(32, len(dataset.labels))
    assert tab.skippedLabel.isVisible() and f"{len(expected_bad)} file" in tab.skippedLabel.text()
    report = dict(line.split(": ", 1) for line in tab.skipped_report().splitlines())
    assert set(report) == expected_bad
    assert all(_one_line(reason) for reason in report.values())


# --- odd folders, generated ---------------------------------------------------------------


def _class_folder(root: Path, name: str, count: int, colour=(90, 90, 90)) -> None:
    (root / name).mkdir(parents=True, exist_ok=True)
    for index in range(count):
        Image.new("RGB", (12, 12), colour).save(root / name / f"{index}.png")


def test_odd_pictures_in_a_folder_all_load(tmp_path: Path) -> None:
    root = tmp_path / "odd"
    _class_folder(root, "plain", 3)
    (root / "odd").mkdir()
    Image.new("RGB", (1, 1), (255, 0, 0)).save(root / "odd" / "dot.png")
    Image.new("L", (20_000, 20), 200).save(root / "odd" / "strip.png")
    first, second = Image.new("RGB", (8, 8), (0, 0, 255)), Image.new("RGB", (8, 8), (0, 255, 0))
    first.save(root / "odd" / "anim.gif", save_all=True, append_images=[second], duration=50)
    dataset = load_dataset("folder", path=root, size=8)
    assert dataset.skipped == []
    odd = dataset.images[dataset.labels == dataset.classes.index("odd")]
    centres = sorted(odd[:, :, 4, 4].tolist())
    assert centres == [[0, 0, 255], [200, 200, 200], [255, 0, 0]]  # first GIF frame only


def test_a_class_with_one_image_still_splits(tmp_path: Path) -> None:
    root = tmp_path / "rare"
    _class_folder(root, "common", 12)
    _class_folder(root, "rare", 1, colour=(250, 250, 250))
    dataset = load_dataset("folder", path=root, size=8)
    everything = sorted(
        index for name in ("train", "val", "test") for index in dataset.splits[name].tolist()
    )
    assert everything == list(range(13))
    assert sum(count[1] for count in map(dataset.class_counts, ("train", "val", "test"))) == 1
    assert dataset.class_counts("train")[0] >= 8


def test_empty_folders_are_refused_plainly(tmp_path: Path) -> None:
    from kc_desktop.core.data.errors import DatasetUnavailableError

    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(DatasetUnavailableError, match="no class subfolders"):
        load_dataset("folder", path=empty)
    hollow = tmp_path / "hollow"
    (hollow / "a").mkdir(parents=True)
    (hollow / "b").mkdir()
    with pytest.raises(DatasetUnavailableError, match="holds no files") as caught:
        load_dataset("folder", path=hollow)
    assert "\n" not in str(caught.value)


def test_unreadable_folders_are_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root reads anything, so the kernel's refusal is simulated where the scanner asks."""
    import os

    from kc_desktop.core.data.errors import DatasetUnavailableError

    root = tmp_path / "pets"
    _class_folder(root, "cats", 2)
    _class_folder(root, "dogs", 2)
    (root / "cats" / "secret").mkdir()
    Image.new("RGB", (4, 4)).save(root / "cats" / "secret" / "hidden.png")
    real_scandir, real_listdir = os.scandir, os.listdir
    locked = {str(root / "cats" / "secret")}

    def scandir(path="."):
        if os.fspath(path) in locked:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    def listdir(path="."):
        if os.fspath(path) in locked:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_listdir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "listdir", listdir)
    dataset = load_dataset("folder", path=root, size=8)
    assert len(dataset.labels) == 4
    assert [(s.path, s.reason) for s in dataset.skipped] == [
        ("cats/secret", "cannot open folder (permission denied)")
    ]
    locked.add(str(root))
    with pytest.raises(DatasetUnavailableError, match="permission denied") as caught:
        load_dataset("folder", path=root, size=8)
    assert "\n" not in str(caught.value)
