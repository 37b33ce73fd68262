"""Image folders as datasets: layouts, the decode cache, and files that must not stop a load."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from helpers import HOSTILE_IMAGES, scatter_hostile_files
from kc_desktop.core import paths
from kc_desktop.core.data import folder as folder_module
from kc_desktop.core.data.errors import DatasetUnavailableError
from kc_desktop.core.data.images import load_image_array
from kc_desktop.core.data.registry import load_dataset

COLOURS = {"cats": (200, 30, 30), "dogs": (30, 200, 30), "owls": (30, 30, 200)}


def _make_folder(root: Path, per_class: int = 4, classes=COLOURS, size=(24, 16)) -> Path:
    for name, colour in classes.items():
        (root / name).mkdir(parents=True, exist_ok=True)
        for index in range(per_class):
            Image.new("RGB", size, colour).save(root / name / f"{index}.png")
    return root


def _counting_decoder(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    calls: list[Path] = []

    def counting(path, **kwargs):
        calls.append(Path(path))
        return load_image_array(path, **kwargs)

    monkeypatch.setattr(folder_module, "load_image_array", counting)
    return calls


def _cache_entries() -> list[str]:
    return sorted(p.name for p in paths.decoded_cache_dir().glob("*.json"))


def test_folder_loads_classes_labels_and_progress(tmp_path: Path) -> None:
    root = _make_folder(tmp_path / "pets", per_class=5)
    reports: list[tuple[int, int]] = []
    dataset = load_dataset(
        "folder", path=root, size=20, progress=lambda d, t: reports.append((d, t))
    )
    assert dataset.id == "folder" and dataset.name == "pets (folder)"
    assert dataset.images.shape == (15, 3, 20, 20) and dataset.images.dtype == torch.uint8
    assert dataset.classes == ["cats", "dogs", "owls"]
    assert dataset.labels.tolist() == [0] * 5 + [1] * 5 + [2] * 5
    for label, colour in enumerate(COLOURS.values()):
        first = dataset.images[dataset.labels == label][0]
        assert first[:, 10, 10].tolist() == list(colour)
    assert reports[0] == (0, 15) and reports[-1] == (15, 15)
    assert [done for done, _ in reports] == sorted(done for done, _ in reports)
    assert dataset.skipped == []
    assert sorted(torch.cat(list(dataset.splits.values())).tolist()) == list(range(15))


def test_default_decode_size_is_150(tmp_path: Path) -> None:
    dataset = load_dataset("folder", path=_make_folder(tmp_path / "p", per_class=2))
    assert dataset.size == 150 and dataset.channels == 3


def test_second_open_is_a_cache_hit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _make_folder(tmp_path / "pets")
    (root / "cats" / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    calls = _counting_decoder(monkeypatch)
    first = load_dataset("folder", path=root, size=16)
    assert len(calls) == 13
    calls.clear()
    reports: list[tuple[int, int]] = []
    second = load_dataset(
        "folder", path=root, size=16, progress=lambda d, t: reports.append((d, t))
    )
    assert calls == []
    assert reports == [(13, 13)]
    assert torch.equal(first.images, second.images) and torch.equal(first.labels, second.labels)
    assert first.classes == second.classes and first.skipped == second.skipped
    assert [s.path for s in second.skipped] == ["cats/broken.png"]
    assert all(torch.equal(first.splits[k], second.splits[k]) for k in first.splits)


def test_cache_is_keyed_by_files_and_size_and_stale_entries_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _make_folder(tmp_path / "pets")
    calls = _counting_decoder(monkeypatch)
    load_dataset("folder", path=root, size=16)
    load_dataset("folder", path=root, size=24)  # another size: its own entry
    assert len(calls) == 24 and len(_cache_entries()) == 2
    calls.clear()
    Image.new("RGB", (8, 8), (1, 2, 3)).save(root / "dogs" / "new.png")
    changed = load_dataset("folder", path=root, size=16)
    assert len(calls) == 13 and len(changed.labels) == 13
    assert len(_cache_entries()) == 2  # the 16-pixel entry of the old file list was replaced
    calls.clear()
    os.utime(root / "dogs" / "new.png", ns=(1, 1))  # same bytes, other mtime: decode again
    load_dataset("folder", path=root, size=16)
    assert len(calls) == 13


def test_damaged_cache_is_ignored_and_rewritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _make_folder(tmp_path / "pets")
    first = load_dataset("folder", path=root, size=16)
    for tensors in paths.decoded_cache_dir().glob("*.safetensors"):
        tensors.write_bytes(b"garbage")
    calls = _counting_decoder(monkeypatch)
    again = load_dataset("folder", path=root, size=16)
    assert len(calls) == 12 and torch.equal(first.images, again.images)
    cache = paths.decoded_cache_dir()
    meta = json.loads(next(cache.glob("*.json")).read_text())
    assert meta["classes"] == ["cats", "dogs", "owls"] and meta["count"] == 12
    assert not list(cache.glob("*.tmp"))


def test_hidden_non_image_and_loose_files(tmp_path: Path) -> None:
    root = _make_folder(tmp_path / "pets", per_class=2)
    (root / "cats" / ".DS_Store").write_bytes(b"\x00\x01")
    (root / ".hidden_class").mkdir()
    Image.new("RGB", (4, 4)).save(root / ".hidden_class" / "x.png")
    (root / "cats" / "notes.txt").write_text("meow")
    (root / "readme.md").write_text("my pets")
    dataset = load_dataset("folder", path=root, size=8)
    assert dataset.classes == ["cats", "dogs", "owls"] and len(dataset.labels) == 6
    reasons = {s.path: s.reason for s in dataset.skipped}
    assert reasons == {
        "cats/notes.txt": "not an image (unrecognised format)",
        "readme.md": "not inside a class folder",
    }


def test_nested_folders_links_and_loops(tmp_path: Path) -> None:
    root = _make_folder(tmp_path / "pets", per_class=2)
    (root / "cats" / "2024" / "summer").mkdir(parents=True)
    Image.new("RGB", (4, 4), (9, 9, 9)).save(root / "cats" / "2024" / "summer" / "a.png")
    os.symlink(root / "cats", root / "cats" / "2024" / "back-up")  # a loop
    os.symlink(root / "cats" / "missing.png", root / "cats" / "dangling.png")
    os.symlink("self.png", root / "cats" / "self.png")
    dataset = load_dataset("folder", path=root, size=8)  # a loop would hang: pytest-timeout
    counts = torch.bincount(dataset.labels).tolist()
    assert counts == [3, 2, 2]
    reasons = {s.path: s.reason for s in dataset.skipped}
    assert reasons["cats/2024/back-up"] == "folder link loop (read only once)"
    assert "broken link" in reasons["cats/dangling.png"]
    assert "symbolic links" in reasons["cats/self.png"]


def test_unreadable_file_is_skipped_with_a_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _make_folder(tmp_path / "pets", per_class=2)
    locked = root / "dogs" / "locked.png"
    Image.new("RGB", (4, 4)).save(locked)
    original_open = Path.open

    def guarded_open(self: Path, *args, **kwargs):
        if self.name == "locked.png":
            raise PermissionError(13, "Permission denied", str(self))
        return original_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded_open)  # root can read anything: simulate
    dataset = load_dataset("folder", path=root, size=8)
    assert len(dataset.labels) == 6
    assert {s.path: s.reason for s in dataset.skipped} == {"dogs/locked.png": "permission denied"}


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_subfolder_is_reported(tmp_path: Path) -> None:
    root = _make_folder(tmp_path / "pets", per_class=2)
    secret = root / "cats" / "secret"
    secret.mkdir()
    secret.chmod(0)
    try:
        dataset = load_dataset("folder", path=root, size=8)
    finally:
        secret.chmod(0o755)
    assert any("cannot open folder" in s.reason for s in dataset.skipped)


@pytest.mark.skipif(sys.platform != "linux", reason="Linux file names are bytes")
def test_non_utf8_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _make_folder(tmp_path / "pets", classes={"cats": (1, 2, 3)}, per_class=2)
    odd_class = os.path.join(os.fsencode(root), b"caf\xe9")
    os.mkdir(odd_class)
    for name in (b"\xff\xfe.png", b"ok.png"):
        Image.new("RGB", (6, 6), (50, 60, 70)).save(os.path.join(odd_class, name), "PNG")
    with open(os.path.join(odd_class, b"bad\xff.png"), "wb") as handle:
        handle.write(b"nope")
    dataset = load_dataset("folder", path=root, size=8)
    assert dataset.classes == ["caf\ufffd", "cats"]
    assert torch.bincount(dataset.labels).tolist() == [2, 2]
    assert [(s.path, s.reason) for s in dataset.skipped] == [
        ("caf\ufffd/bad\ufffd.png", "not an image (unrecognised format)")
    ]
    calls = _counting_decoder(monkeypatch)
    again = load_dataset("folder", path=root, size=8)
    assert calls == [] and again.classes == dataset.classes and again.skipped == dataset.skipped


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_pipe_in_a_class_folder_does_not_block(tmp_path: Path) -> None:
    root = _make_folder(tmp_path / "pets", per_class=2)
    os.mkfifo(root / "owls" / "pipe.png")
    dataset = load_dataset("folder", path=root, size=8)
    assert len(dataset.labels) == 6
    assert {s.path: s.reason for s in dataset.skipped} == {"owls/pipe.png": "not a regular file"}


def test_train_and_test_subfolders_fix_the_test_split(tmp_path: Path) -> None:
    _make_folder(tmp_path / "set" / "train", per_class=10, classes={"a": (0, 0, 0), "b": (9, 9, 9)})
    _make_folder(tmp_path / "set" / "test", per_class=3, classes={"a": (0, 0, 0), "b": (9, 9, 9)})
    (tmp_path / "set" / "notes").mkdir()
    dataset = load_dataset("folder", path=tmp_path / "set", size=8, val_fraction=0.2)
    assert dataset.classes == ["a", "b"] and len(dataset.labels) == 26
    assert dataset.class_counts("test") == [3, 3]
    assert dataset.class_counts("val") == [2, 2]  # 20% of the 20 training images
    assert dataset.class_counts("train") == [8, 8]
    everything = torch.cat([dataset.splits[k] for k in ("train", "val", "test")])
    assert sorted(everything.tolist()) == list(range(26))
    assert [s.path for s in dataset.skipped] == ["notes"]


def test_validation_subfolder_is_used_too(tmp_path: Path) -> None:
    classes = {"a": (0, 0, 0), "b": (9, 9, 9)}
    _make_folder(tmp_path / "set" / "train", per_class=6, classes=classes)
    _make_folder(tmp_path / "set" / "validation", per_class=2, classes=classes)
    dataset = load_dataset("folder", path=tmp_path / "set", size=8, test_fraction=0.25)
    assert dataset.class_counts("val") == [2, 2]
    assert sum(dataset.class_counts("test")) == 4  # 25% of all 16, carved from train/


def test_folder_errors_are_plain(tmp_path: Path) -> None:
    with pytest.raises(DatasetUnavailableError, match="does not exist"):
        load_dataset("folder", path=tmp_path / "nowhere")
    (tmp_path / "file.png").write_bytes(b"x")
    with pytest.raises(DatasetUnavailableError, match="is a file"):
        load_dataset("folder", path=tmp_path / "file.png")
    loose = tmp_path / "loose"
    loose.mkdir()
    Image.new("RGB", (4, 4)).save(loose / "a.png")
    with pytest.raises(DatasetUnavailableError, match="no class subfolders"):
        load_dataset("folder", path=loose)
    with pytest.raises(DatasetUnavailableError, match="only one class"):
        load_dataset("folder", path=_make_folder(tmp_path / "one", classes={"x": (1, 1, 1)}))
    broken = tmp_path / "broken"
    for name in ("a", "b"):
        (broken / name).mkdir(parents=True)
        (broken / name / "x.jpg").write_text("not a jpeg")
    with pytest.raises(DatasetUnavailableError, match="No readable images") as caught:
        load_dataset("folder", path=broken)
    assert "\n" not in str(caught.value)
    with pytest.raises(DatasetUnavailableError, match="Choose a folder"):
        load_dataset("folder")
    with pytest.raises(ValueError, match="pixels"):
        load_dataset("folder", path=_make_folder(tmp_path / "ok"), size=4)


def test_a_cancelling_progress_callback_stops_the_load(tmp_path: Path) -> None:
    root = _make_folder(tmp_path / "pets", per_class=40)

    def cancel(done: int, total: int) -> None:
        if done > 0:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        load_dataset("folder", path=root, size=8, progress=cancel)
    assert _cache_entries() == []


@pytest.mark.skipif(not HOSTILE_IMAGES.is_dir(), reason=f"hostile corpus absent ({HOSTILE_IMAGES})")
def test_hostile_files_beside_good_images(tmp_path: Path) -> None:
    root = _make_folder(
        tmp_path / "mixed", per_class=3, classes={"good": (1, 2, 3), "fine": (4, 5, 6)}
    )
    hostile = sorted(p for p in HOSTILE_IMAGES.iterdir() if p.is_file())
    expected_bad = scatter_hostile_files(hostile, ("fine", "good"), root)
    dataset = load_dataset("folder", path=root, size=16)
    reasons = {s.path: s.reason for s in dataset.skipped}
    assert set(reasons) == expected_bad
    assert all(reason and "\n" not in reason for reason in reasons.values())
    assert len(dataset.labels) == 6 + len(hostile) - len(expected_bad)
    good = dataset.images[:, :, 8, 8].tolist()
    assert good.count([1, 2, 3]) >= 3 and good.count([4, 5, 6]) >= 3
    assert np.isin(dataset.labels.numpy(), [0, 1]).all()
