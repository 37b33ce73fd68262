"""Folders read as they are: size and colour from the files, natural class order, cache key."""

from __future__ import annotations

from pathlib import Path

import pytest
from folder_format_helpers import write_images
from PIL import Image

from kc_desktop.core import paths
from kc_desktop.core.data import folder as folder_module
from kc_desktop.core.data import folder_format as format_module
from kc_desktop.core.data.folder_format import infer_format
from kc_desktop.core.data.folder_scan import natural_key, scan_folder
from kc_desktop.core.data.images import load_image_array, read_header
from kc_desktop.core.data.registry import load_dataset
from kc_desktop.core.training.config import TrainConfig


def test_small_greyscale_digits_load_as_28_pixel_grey(tmp_path: Path) -> None:
    root = write_images(tmp_path / "digits", ["0", "1"], 3, (28, 28), "L")
    dataset = load_dataset("folder", path=root)
    assert dataset.size == 28 and dataset.channels == 1
    assert tuple(dataset.images.shape) == (6, 1, 28, 28)


def test_one_colour_file_makes_the_folder_colour(tmp_path: Path) -> None:
    root = write_images(tmp_path / "mixed", ["a", "b"], 3, (32, 32), "L")
    Image.new("RGB", (32, 32), (200, 10, 10)).save(root / "a" / "red.png")
    assert infer_format(scan_folder(root)).channels == 3


def test_size_is_the_median_longer_side_capped_for_photos(tmp_path: Path) -> None:
    small = write_images(tmp_path / "small", ["a", "b"], 2, (40, 30), "RGB")
    Image.new("RGB", (90, 90)).save(small / "a" / "big.png")  # one outlier: the median ignores it
    assert infer_format(scan_folder(small)).size == 40
    photos = write_images(tmp_path / "photos", ["a", "b"], 1, (500, 375), "RGB")
    form = infer_format(scan_folder(photos))
    assert form.size == 150 and form.colour == "rgb"


def test_the_user_overrides_size_and_colour(tmp_path: Path) -> None:
    root = write_images(tmp_path / "grey", ["a", "b"], 2, (28, 28), "L")
    colour = load_dataset("folder", path=root, size=16, colour="rgb")
    assert tuple(colour.images.shape[1:]) == (3, 16, 16)
    grey = load_dataset("folder", path=root, colour="grey")
    assert tuple(grey.images.shape[1:]) == (1, 28, 28)
    with pytest.raises(ValueError, match="auto, rgb or grey"):
        load_dataset("folder", path=root, colour="sepia")


def test_the_cache_key_holds_size_and_colour(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_images(tmp_path / "grey", ["a", "b"], 2, (28, 28), "L")
    decoded: list[str] = []

    def counting(path, **kwargs):
        decoded.append(kwargs["mode"])
        return load_image_array(path, **kwargs)

    monkeypatch.setattr(folder_module, "load_image_array", counting)
    for colour in ("grey", "rgb", "grey", "rgb"):
        dataset = load_dataset("folder", path=root, colour=colour)
        assert dataset.channels == (1 if colour == "grey" else 3)
    assert decoded == ["L"] * 4 + ["RGB"] * 4  # each format decoded once, then read back
    assert len(list(paths.decoded_cache_dir().glob("*.json"))) == 2


def test_class_names_come_in_natural_order(tmp_path: Path) -> None:
    names = ["10", "2", "1", "img12", "img9", "Zebra", "apple"]
    root = write_images(tmp_path / "n", names, 1, (8, 8), "L")
    dataset = load_dataset("folder", path=root)
    assert dataset.classes == ["1", "2", "10", "apple", "img9", "img12", "Zebra"]
    assert sorted(["b10", "b2", "a"], key=natural_key) == ["a", "b2", "b10"]


def test_folder_configs_saved_before_inference_keep_150_colour() -> None:
    old = TrainConfig.from_dict({"dataset": "folder", "folder": "/x", "image_size": None})
    assert (old.image_size, old.colour) == (150, "rgb")
    new = TrainConfig.from_dict({"dataset": "folder", "folder": "/x", "colour": "auto"})
    assert (new.image_size, new.colour) == (None, "auto")


def test_the_inferred_format_is_remembered_until_a_file_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache hit reads no image header; an edited file or a damaged record infers again."""
    root = write_images(tmp_path / "grey", ["a", "b"], 3, (28, 28), "L")
    headers: list[str] = []

    def counting(path, *args, **kwargs):
        headers.append(str(path))
        return read_header(path, *args, **kwargs)

    monkeypatch.setattr(format_module, "read_header", counting)
    assert load_dataset("folder", path=root).size == 28
    assert len(headers) == 6
    assert load_dataset("folder", path=root).size == 28
    assert len(headers) == 6  # remembered: the cache hit read no header
    (record,) = (paths.decoded_cache_dir() / "formats").glob("*.json")
    for name in ("a/0.png", "a/1.png", "b/0.png", "b/1.png"):  # the median side becomes 60
        Image.new("L", (60, 60)).save(root / name)
    assert load_dataset("folder", path=root).size == 60
    assert len(headers) == 12
    record.write_text('{"listing": 3, "size": "large"}', encoding="utf-8")
    assert load_dataset("folder", path=root).size == 60
    assert len(headers) == 18
