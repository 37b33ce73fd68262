"""Built-in datasets (digits, shapes, torchvision ones offline), the registry and the splits."""

from __future__ import annotations

import gzip
import hashlib
import os
import pickle
import struct
import subprocess
import sys
import urllib.error
from pathlib import Path

import numpy as np
import pytest
import torch

from kc_desktop.core import paths
from kc_desktop.core.data import builtin, remote
from kc_desktop.core.data.errors import DatasetUnavailableError, UnknownDatasetError
from kc_desktop.core.data.registry import get_dataset_spec, list_datasets, load_dataset
from kc_desktop.core.data.splits import FIXED_TEST, make_splits

# --- registry ---------------------------------------------------------------------------


def test_registry_lists_every_dataset_with_its_shape() -> None:
    ids = [spec.id for spec in list_datasets()]
    assert ids == ["digits", "shapes", "mnist", "fashion-mnist", "cifar10", "folder"]
    assert [spec.id for spec in list_datasets() if spec.offline] == ["digits", "shapes", "folder"]
    folder = get_dataset_spec("folder")
    assert folder.needs_path and folder.classes == () and folder.num_samples == 0
    cifar = get_dataset_spec("cifar10")
    assert (cifar.channels, cifar.size, len(cifar.classes), cifar.num_samples) == (
        3,
        32,
        10,
        60_000,
    )
    with pytest.raises(UnknownDatasetError, match="imagenet") as caught:
        get_dataset_spec("imagenet")
    assert isinstance(caught.value, ValueError)


def test_registry_import_is_light() -> None:
    code = (
        "import sys, kc_desktop.core.data.registry as r; r.list_datasets(); "
        "print(sorted(m for m in ('PySide6', 'torch', 'pyqtgraph') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("dataset_id", ["digits", "shapes"])
def test_offline_specs_match_what_loads(dataset_id: str) -> None:
    spec = get_dataset_spec(dataset_id)
    dataset = load_dataset(dataset_id)
    assert dataset.images.shape == (spec.num_samples, spec.channels, spec.size, spec.size)
    assert tuple(dataset.classes) == spec.classes and dataset.name == spec.name


# --- digits and shapes --------------------------------------------------------------------


def test_digits_are_the_scikit_learn_digits_upscaled() -> None:
    from sklearn.datasets import load_digits

    dataset = load_dataset("digits")
    assert dataset.images.shape == (1797, 1, 28, 28) and dataset.images.dtype == torch.uint8
    assert dataset.classes == [str(d) for d in range(10)]
    original = load_digits()
    assert dataset.labels.tolist() == original.target.tolist()
    assert int(dataset.images.min()) == 0 and int(dataset.images.max()) == 255
    # Bilinear upscaling of the ink (0..16) scaled to 0..255, white ink on black.
    ink = torch.from_numpy(original.images).float().unsqueeze(1) * 255 / 16
    expected = torch.nn.functional.interpolate(ink, size=28, mode="bilinear")
    assert (dataset.images.float() - expected).abs().max() <= 0.5
    back = torch.nn.functional.adaptive_avg_pool2d(dataset.images[:50].float(), 8)
    correlation = np.corrcoef(back.flatten().numpy(), ink[:50].flatten().numpy())[0, 1]
    assert correlation > 0.9


def test_shapes_are_deterministic_and_balanced() -> None:
    builtin._shapes.cache_clear()
    first = builtin.load_shapes()
    builtin._shapes.cache_clear()
    second = builtin.load_shapes()
    assert torch.equal(first.images, second.images) and torch.equal(first.labels, second.labels)
    assert first.images.shape == (3000, 3, 32, 32) and first.images.dtype == torch.uint8
    assert first.classes == ["circle", "square", "triangle", "star", "cross"]
    assert torch.bincount(first.labels).tolist() == [600] * 5
    per_image_spread = first.images.float().flatten(1).std(dim=1)
    assert per_image_spread.min() > 10  # every picture shows a visible shape
    assert (
        len({tuple(img[:, 0, 0].tolist()) for img in first.images[:200]}) > 150
    )  # backgrounds vary


def test_shape_masks_have_the_right_areas() -> None:
    centre, radius = np.array([16.0, 16.0]), 10.0
    areas = {
        kind: builtin._shape_mask(kind, centre, radius, 0.3).sum()
        for kind in ("circle", "square", "triangle", "star", "cross")
    }
    assert areas["circle"] == pytest.approx(np.pi * radius**2, rel=0.05)
    assert areas["square"] == pytest.approx(2 * radius**2, rel=0.05)  # half-diagonal = radius
    assert areas["triangle"] < areas["square"] < areas["circle"]
    assert areas["star"] < areas["triangle"]
    arm = 0.32  # half-width of a cross arm, as a fraction of the radius
    assert areas["cross"] == pytest.approx((8 * arm - 4 * arm**2) * radius**2, rel=0.05)


def test_loads_are_copies() -> None:
    dataset = load_dataset("digits")
    dataset.images.zero_()
    assert int(load_dataset("digits").images.max()) == 255


# --- splits -------------------------------------------------------------------------------


def _assert_partition(splits: dict[str, torch.Tensor], total: int) -> None:
    joined = torch.cat([splits["train"], splits["val"], splits["test"]])
    assert joined.dtype == torch.int64
    assert sorted(joined.tolist()) == list(range(total))


def test_splits_are_disjoint_complete_stratified_and_seeded() -> None:
    dataset = load_dataset("digits", seed=3)
    _assert_partition(dataset.splits, 1797)
    assert [len(dataset.splits[k]) for k in ("train", "val", "test")] == [1437, 180, 180]
    total_counts = torch.bincount(dataset.labels).float()
    for split in ("val", "test"):
        expected = total_counts * 180 / 1797
        assert (torch.tensor(dataset.class_counts(split)) - expected).abs().max() <= 1
    again = load_dataset("digits", seed=3)
    other = load_dataset("digits", seed=4)
    assert all(torch.equal(dataset.splits[k], again.splits[k]) for k in dataset.splits)
    assert not torch.equal(dataset.splits["test"].sort().values, other.splits["test"].sort().values)


def test_split_prefixes_interleave_classes() -> None:
    labels = torch.arange(300) // 100  # sorted by class, as folders are
    splits = make_splits(labels, seed=0, val_fraction=0.1, test_fraction=0.1)
    assert sorted(labels[splits["test"][:3]].tolist()) == [0, 1, 2]


def test_split_sizes_round_half_up_and_small_sets() -> None:
    splits = make_splits(torch.arange(18) % 3, val_fraction=0.2, test_fraction=0.2)
    assert [len(splits[k]) for k in ("train", "val", "test")] == [10, 4, 4]
    tiny = make_splits(torch.tensor([0, 1, 0]), val_fraction=0.1, test_fraction=0.1)
    assert [len(tiny[k]) for k in ("train", "val", "test")] == [1, 1, 1]
    none = make_splits(torch.tensor([0, 1, 0, 1]), val_fraction=0.0, test_fraction=0.0)
    assert len(none["train"]) == 4 and len(none["val"]) == 0 and len(none["test"]) == 0
    with pytest.raises(DatasetUnavailableError, match="Too few images"):
        make_splits(torch.tensor([0, 1]), val_fraction=0.1, test_fraction=0.1)


def test_fixed_test_split_and_val_fraction_of_training_images() -> None:
    origin = torch.tensor([0] * 50 + [FIXED_TEST] * 10, dtype=torch.int8)
    splits = make_splits(torch.arange(60) % 2, val_fraction=0.2, test_fraction=0.5, origin=origin)
    assert sorted(splits["test"].tolist()) == list(range(50, 60))
    assert len(splits["val"]) == 10 and len(splits["train"]) == 40
    _assert_partition(splits, 60)


@pytest.mark.parametrize(("val", "test"), [(-0.1, 0.1), (0.1, 1.0), (0.6, 0.5)])
def test_bad_fractions_are_refused(val: float, test: float) -> None:
    with pytest.raises(ValueError, match="fraction"):
        load_dataset("digits", val_fraction=val, test_fraction=test)


def test_dataset_split_and_class_counts() -> None:
    dataset = load_dataset("shapes")
    images, labels = dataset.split("val")
    assert images.shape == (300, 3, 32, 32) and labels.shape == (300,)
    assert dataset.class_counts("val") == [60] * 5
    assert (dataset.channels, dataset.size, len(dataset)) == (3, 32, 3000)
    with pytest.raises(ValueError, match="Unknown split"):
        dataset.split("holdout")


# --- MNIST / Fashion-MNIST / CIFAR-10 without a network -------------------------------------


def _idx_images(images: np.ndarray) -> bytes:
    return struct.pack(">IIII", 0x803, len(images), 28, 28) + images.astype(np.uint8).tobytes()


def _idx_labels(labels: np.ndarray) -> bytes:
    return struct.pack(">II", 0x801, len(labels)) + labels.astype(np.uint8).tobytes()


def _mnist_files(train: int = 12, test: int = 4, seed: int = 0) -> dict[str, bytes]:
    rng = np.random.default_rng(seed)
    files = {}
    for prefix, count in (("train", train), ("t10k", test)):
        images = rng.integers(0, 256, (count, 28, 28))
        images[:, 0, 0] = np.arange(count)  # a fingerprint per image
        files[f"{prefix}-images-idx3-ubyte"] = _idx_images(images)
        files[f"{prefix}-labels-idx1-ubyte"] = _idx_labels(np.arange(count) % 10)
    return files


def _write_mnist(torchvision_class: str = "MNIST", **kwargs) -> Path:
    raw = paths.downloads_dir() / torchvision_class / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for name, data in _mnist_files(**kwargs).items():
        (raw / name).write_bytes(data)
    return raw


@pytest.mark.parametrize(
    ("dataset_id", "folder"), [("mnist", "MNIST"), ("fashion-mnist", "FashionMNIST")]
)
def test_mnist_layout_loads_without_network(dataset_id: str, folder: str) -> None:
    _write_mnist(folder)
    dataset = load_dataset(dataset_id, download=False, val_fraction=0.25)
    assert dataset.images.shape == (16, 1, 28, 28) and dataset.images.dtype == torch.uint8
    assert dataset.classes == list(get_dataset_spec(dataset_id).classes)
    assert dataset.labels.tolist() == [i % 10 for i in range(12)] + [0, 1, 2, 3]
    assert sorted(dataset.splits["test"].tolist()) == [12, 13, 14, 15]  # the official test set
    assert len(dataset.splits["val"]) == 3  # 25% of the 12 training images
    assert dataset.images[13, 0, 0, 0] == 1  # test image 1 kept its pixels


def test_cifar10_layout_loads_without_network() -> None:
    folder = paths.downloads_dir() / "cifar-10-batches-py"
    folder.mkdir(parents=True)
    for index, name in enumerate(
        [
            "data_batch_1",
            "data_batch_2",
            "data_batch_3",
            "data_batch_4",
            "data_batch_5",
            "test_batch",
        ]
    ):
        data = np.zeros((2, 3072), dtype=np.uint8)
        data[:, :1024] = 10 * index  # red plane
        data[:, 1024:2048] = 100  # green plane
        data[1, 2048] = 255  # blue, top-left pixel of the second image
        batch = {"data": data, "labels": [index, (index + 1) % 10]}
        (folder / name).write_bytes(pickle.dumps(batch))
    dataset = load_dataset("cifar10", download=False)
    assert dataset.images.shape == (12, 3, 32, 32)
    assert dataset.classes[0] == "airplane" and dataset.classes[9] == "truck"
    assert dataset.labels.tolist() == [0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6]
    assert dataset.images[2, :, 0, 0].tolist() == [10, 100, 0]
    assert dataset.images[3, :, 0, 0].tolist() == [10, 100, 255]
    assert sorted(dataset.splits["test"].tolist()) == [10, 11]


def test_not_downloaded_and_no_download_allowed() -> None:
    with pytest.raises(DatasetUnavailableError) as caught:
        load_dataset("mnist", download=False)
    message = str(caught.value)
    assert "not been downloaded" in message and "digits, shapes" in message


@pytest.mark.parametrize("error", [urllib.error.URLError("no route"), OSError("net down")])
def test_download_without_network_says_so_plainly(
    error: Exception, monkeypatch: pytest.MonkeyPatch
) -> None:
    def offline(url: str, folder: Path, filename: str, md5: str) -> None:
        (folder / filename).write_bytes(b"half a file")
        raise error

    monkeypatch.setattr(remote, "fetch", offline)
    with pytest.raises(DatasetUnavailableError) as caught:
        load_dataset("cifar10")
    message = str(caught.value)
    assert message.startswith("Could not download CIFAR-10: ")
    assert message.endswith("Offline datasets: digits, shapes.") and "\n" not in message
    if isinstance(error, urllib.error.URLError):
        assert "no network connection" in message
    assert list(paths.downloads_dir().iterdir()) == []  # nothing half-written is left


def test_interrupted_download_does_not_break_the_next_one(monkeypatch: pytest.MonkeyPatch) -> None:
    files = _mnist_files()
    fetched: list[str] = []

    def flaky(url: str, folder: Path, filename: str, md5: str) -> None:
        fetched.append(filename)
        name = filename.removesuffix(".gz")
        if name == "t10k-images-idx3-ubyte":  # the third file breaks off, on every mirror
            (folder / name).write_bytes(files[name][:100])
            raise ConnectionResetError("connection reset")
        (folder / name).write_bytes(files[name])

    monkeypatch.setattr(remote, "fetch", flaky)
    with pytest.raises(DatasetUnavailableError, match="no network connection"):
        load_dataset("mnist")
    assert list(paths.downloads_dir().iterdir()) == []

    def working(url: str, folder: Path, filename: str, md5: str) -> None:
        (folder / filename.removesuffix(".gz")).write_bytes(files[filename.removesuffix(".gz")])

    monkeypatch.setattr(remote, "fetch", working)
    dataset = load_dataset("mnist")
    assert len(dataset.labels) == 16
    assert sorted(p.name for p in paths.downloads_dir().iterdir()) == ["MNIST"]
    monkeypatch.setattr(remote, "fetch", None)  # a second load must not download again
    assert len(load_dataset("mnist").labels) == 16


def test_damaged_files_are_removed_with_a_plain_message() -> None:
    raw = _write_mnist()
    (raw / "train-images-idx3-ubyte").write_bytes(b"\x00\x00\x08\x03 short")
    with pytest.raises(DatasetUnavailableError, match="could not be read") as caught:
        load_dataset("mnist", download=False)
    assert "removed" in str(caught.value)
    assert not raw.exists()
    with pytest.raises(DatasetUnavailableError, match="not been downloaded"):
        load_dataset("mnist", download=False)


def test_staging_folders_of_dead_processes_are_cleaned(monkeypatch: pytest.MonkeyPatch) -> None:
    downloads = paths.downloads_dir()
    abandoned = downloads / ".download-mnist-999999999-abc"
    abandoned.mkdir(parents=True)
    (abandoned / "train-images-idx3-ubyte.gz").write_bytes(b"partial")
    alive = downloads / f".download-cifar10-{os.getpid()}-xyz"
    alive.mkdir()

    def offline(url: str, folder: Path, filename: str, md5: str) -> None:
        raise urllib.error.URLError("offline")

    monkeypatch.setattr(remote, "fetch", offline)
    with pytest.raises(DatasetUnavailableError):
        load_dataset("mnist")
    assert not abandoned.exists() and alive.exists()


def test_real_fetch_reports_no_network(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def refuse(*args, **kwargs):
        raise urllib.error.URLError(OSError("Name or service not known"))

    monkeypatch.setattr(remote.urllib.request, "urlopen", refuse)
    with pytest.raises(DatasetUnavailableError, match="no network connection"):
        load_dataset("fashion-mnist")
    assert not (paths.downloads_dir() / "FashionMNIST").exists()


def test_fetch_checks_md5_and_unpacks(tmp_path: Path) -> None:
    """The real fetch, on a file:// URL: download, checksum, decompress, remove the .gz."""
    payload = _mnist_files()["t10k-labels-idx1-ubyte"]
    source = tmp_path / "server" / "t10k-labels-idx1-ubyte.gz"
    source.parent.mkdir()
    source.write_bytes(gzip.compress(payload))
    digest = hashlib.md5(source.read_bytes(), usedforsecurity=False).hexdigest()
    target = tmp_path / "raw"
    target.mkdir()
    remote.fetch(source.as_uri(), target, source.name, digest)
    assert [p.name for p in target.iterdir()] == ["t10k-labels-idx1-ubyte"]
    assert (target / "t10k-labels-idx1-ubyte").read_bytes() == payload
    with pytest.raises(ValueError, match="checksum"):
        remote.fetch(source.as_uri(), tmp_path, source.name, "0" * 32)
