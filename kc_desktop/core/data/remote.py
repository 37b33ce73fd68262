"""MNIST, Fashion-MNIST and CIFAR-10 through torchvision, downloaded into the app's home.

A download goes to a hidden staging folder beside the final one and is moved into place
only when every file arrived and passed its checksum; on any failure (no network, a
killed process, a full disk) the staging folder is removed, so the next attempt never
trips over half-written files. Files that are in place but cannot be read are removed
too, and the user is told to load the dataset again.

The official test images become the fixed test split (``splits.FIXED_TEST``); validation
images are carved from the training images.
"""

from __future__ import annotations

import errno
import os
import shutil
import socket
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from kc_desktop.core import paths
from kc_desktop.core.data.classes import CIFAR10_CLASSES, DIGIT_CLASSES, FASHION_CLASSES
from kc_desktop.core.data.dataset import SourceImages
from kc_desktop.core.data.errors import DatasetUnavailableError, offline_hint
from kc_desktop.core.data.splits import FIXED_TEST, FREE
from kc_desktop.core.i18n import QT_TRANSLATE_NOOP, message_of

DOWNLOAD_TIMEOUT_S = 30
"""Seconds without any data before a download gives up (urllib's socket timeout)."""

_STAGING_PREFIX = ".download-"


@dataclass(frozen=True)
class RemoteDataset:
    """How one torchvision dataset is named, fetched and read."""

    id: str
    title: str  # as users know it: "MNIST"
    torchvision_class: str  # "MNIST", "FashionMNIST", "CIFAR10"
    classes: tuple[str, ...]

    @property
    def is_cifar(self) -> bool:
        return self.torchvision_class == "CIFAR10"


REMOTE_DATASETS = {
    "mnist": RemoteDataset("mnist", "MNIST", "MNIST", DIGIT_CLASSES),
    "fashion-mnist": RemoteDataset(
        "fashion-mnist", "Fashion-MNIST", "FashionMNIST", FASHION_CLASSES
    ),
    "cifar10": RemoteDataset("cifar10", "CIFAR-10", "CIFAR10", CIFAR10_CLASSES),
}


def load_remote(dataset_id: str, *, download: bool = True) -> SourceImages:
    """Read a torchvision dataset from ``paths.downloads_dir()``, downloading it if allowed.

    Raises ``DatasetUnavailableError`` with a plain message when it is not there and cannot
    be fetched, or when the files on disk are damaged.
    """
    remote = REMOTE_DATASETS[dataset_id]
    root = paths.downloads_dir()
    if not _is_present(remote, root):
        if not download:
            raise DatasetUnavailableError(
                QT_TRANSLATE_NOOP(
                    "core",
                    "{title} has not been downloaded yet; allow the download (it needs an "
                    "internet connection) or choose an offline dataset. {hint}",
                ).format(title=remote.title, hint=offline_hint())
            )
        _download(remote, root)
    try:
        return _read(remote, root)
    except Exception as error:
        shutil.rmtree(_final_folder(remote, root), ignore_errors=True)
        raise DatasetUnavailableError(
            QT_TRANSLATE_NOOP(
                "core",
                "The downloaded {title} files could not be read ({reason}); they were removed, "
                "so loading {title} again downloads a fresh copy.",
            ).format(title=remote.title, reason=_one_line(error))
        ) from error


def fetch(url: str, folder: Path, filename: str, md5: str) -> None:
    """Download ``url`` to ``folder/filename``, check its MD5, and unpack it in ``folder``.

    Replaced by tests (nothing here may reach the network in CI).
    """
    from torchvision.datasets.utils import check_md5, extract_archive

    target = folder / filename
    request = urllib.request.Request(url, headers={"User-Agent": "kc_desktop"})
    with (
        urllib.request.urlopen(request, timeout=DOWNLOAD_TIMEOUT_S) as response,
        target.open("wb") as out,
    ):
        shutil.copyfileobj(response, out, 1 << 20)
    if not check_md5(str(target), md5):
        raise ValueError(
            QT_TRANSLATE_NOOP("core", "the downloaded file is damaged (checksum mismatch)")
        )
    extract_archive(str(target), str(folder), remove_finished=True)


def _final_folder(remote: RemoteDataset, root: Path) -> Path:
    """Where torchvision reads the files: ``MNIST/raw`` or ``cifar-10-batches-py``."""
    from torchvision.datasets import CIFAR10

    if remote.is_cifar:
        return root / CIFAR10.base_folder
    return root / remote.torchvision_class / "raw"


def _expected_files(remote: RemoteDataset) -> list[str]:
    from torchvision import datasets

    cls = getattr(datasets, remote.torchvision_class)
    if remote.is_cifar:
        return [name for name, _md5 in cls.train_list + cls.test_list]
    return [Path(name).stem for name, _md5 in cls.resources]  # "x.gz" -> "x"


def _is_present(remote: RemoteDataset, root: Path) -> bool:
    folder = _final_folder(remote, root)
    return all((folder / name).is_file() for name in _expected_files(remote))


def _download(remote: RemoteDataset, root: Path) -> None:
    """Fetch every file into a staging folder, then move the folder into place at once."""
    from torchvision import datasets

    root.mkdir(parents=True, exist_ok=True)
    _remove_abandoned_staging(root)
    staging = Path(
        tempfile.mkdtemp(prefix=f"{_STAGING_PREFIX}{remote.id}-{os.getpid()}-", dir=root)
    )
    final = _final_folder(remote, root)
    try:
        cls = getattr(datasets, remote.torchvision_class)
        if remote.is_cifar:
            fetch(cls.url, staging, cls.filename, cls.tgz_md5)
            fetched = staging / cls.base_folder
        else:
            fetched = staging / "raw"
            fetched.mkdir()
            for filename, md5 in cls.resources:
                _fetch_from_mirrors(cls.mirrors, fetched, filename, md5)
        missing = [name for name in _expected_files(remote) if not (fetched / name).is_file()]
        if missing:
            raise ValueError(
                QT_TRANSLATE_NOOP("core", "the download lacks {files}").format(
                    files=", ".join(missing)
                )
            )
        final.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(final, ignore_errors=True)
        os.replace(fetched, final)
    except Exception as error:
        raise DatasetUnavailableError(
            QT_TRANSLATE_NOOP("core", "Could not download {title}: {reason}. {hint}").format(
                title=remote.title, reason=_download_reason(error), hint=offline_hint()
            )
        ) from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _fetch_from_mirrors(mirrors: list[str], folder: Path, filename: str, md5: str) -> None:
    """Try each mirror in turn; raise the first mirror's error if none works."""
    errors: list[Exception] = []
    for mirror in mirrors:
        try:
            fetch(f"{mirror}{filename}", folder, filename, md5)
            return
        except Exception as error:
            errors.append(error)
            (folder / filename).unlink(missing_ok=True)
    raise errors[0]


def _remove_abandoned_staging(root: Path) -> None:
    """Delete staging folders left by processes that died mid-download."""
    import psutil

    for entry in root.glob(f"{_STAGING_PREFIX}*"):
        parts = entry.name[len(_STAGING_PREFIX) :].rsplit("-", 2)
        pid = int(parts[1]) if len(parts) == 3 and parts[1].isdigit() else None
        if pid is None or not psutil.pid_exists(pid):
            shutil.rmtree(entry, ignore_errors=True)


def _read(remote: RemoteDataset, root: Path) -> SourceImages:
    """Train and test files as one tensor; the test images are marked ``FIXED_TEST``."""
    if remote.is_cifar:
        train, test = _read_cifar(root, True), _read_cifar(root, False)
    else:
        train, test = _read_mnist(remote, root, True), _read_mnist(remote, root, False)
    images = torch.cat([train[0], test[0]])
    labels = torch.cat([train[1], test[1]])
    side = 32 if remote.is_cifar else 28
    channels = 3 if remote.is_cifar else 1
    if images.shape[1:] != (channels, side, side) or images.dtype != torch.uint8:
        raise ValueError(f"unexpected image shape {tuple(images.shape[1:])}")
    if labels.numel() and not 0 <= int(labels.min()) <= int(labels.max()) < len(remote.classes):
        raise ValueError("labels out of range")
    origin = torch.cat(
        [
            torch.full((len(train[1]),), FREE, dtype=torch.int8),
            torch.full((len(test[1]),), FIXED_TEST, dtype=torch.int8),
        ]
    )
    return SourceImages(images.contiguous(), labels, list(remote.classes), origin)


def _read_mnist(
    remote: RemoteDataset, root: Path, train: bool
) -> tuple[torch.Tensor, torch.Tensor]:
    from torchvision import datasets

    dataset = getattr(datasets, remote.torchvision_class)(str(root), train=train, download=False)
    return dataset.data.unsqueeze(1), dataset.targets.long()


def _read_cifar(root: Path, train: bool) -> tuple[torch.Tensor, torch.Tensor]:
    dataset = _cifar10_class()(str(root), train=train, download=False)
    images = torch.from_numpy(np.ascontiguousarray(dataset.data)).permute(0, 3, 1, 2)
    return images, torch.tensor(dataset.targets, dtype=torch.int64)


def _cifar10_class() -> type:
    """torchvision's CIFAR10 that trusts files already in place.

    torchvision checks the MD5 of every batch file on each load (and again for the class
    names file). Ours were checked once, as the downloaded archive's MD5, before they were
    moved into place; skipping the per-load check saves reading 180 MB each time and lets
    tests use small files in the same layout. Class names are the fixed CIFAR-10 ones.
    """
    from torchvision.datasets import CIFAR10

    class TrustedCIFAR10(CIFAR10):
        def _check_integrity(self) -> bool:
            folder = Path(self.root, self.base_folder)
            return all((folder / name).is_file() for name, _ in self.train_list + self.test_list)

        def _load_meta(self) -> None:
            self.classes = list(CIFAR10_CLASSES)
            self.class_to_idx = {name: i for i, name in enumerate(self.classes)}

    return TrustedCIFAR10


def _download_reason(error: BaseException) -> str:
    """A few plain words for why a download failed."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and len(chain) < 8:
        chain.append(current)
        current = current.__cause__ or current.__context__
    for item in chain:
        if isinstance(item, urllib.error.HTTPError):
            return QT_TRANSLATE_NOOP("core", "the server answered {code} ({reason})").format(
                code=item.code, reason=item.reason
            )
    for item in chain:
        if isinstance(item, OSError) and item.errno == errno.ENOSPC:
            return QT_TRANSLATE_NOOP("core", "the disk is full")
        if isinstance(item, PermissionError):
            return QT_TRANSLATE_NOOP("core", "cannot write to {folder} (permission denied)").format(
                folder=paths.downloads_dir()
            )
    for item in chain:
        if isinstance(
            item, urllib.error.URLError | ConnectionError | TimeoutError | socket.gaierror
        ):
            return QT_TRANSLATE_NOOP("core", "no network connection")
    if isinstance(error, OSError):
        return QT_TRANSLATE_NOOP("core", "a network or disk error ({reason})").format(
            reason=_one_line(error)
        )
    return _one_line(error)


def _one_line(error: BaseException) -> str:
    """The error's message on one short line (a marked sentence stays one, to be translated)."""
    message = message_of(error)
    text = " ".join(message.split()) or type(error).__name__
    if text == message and len(text) <= 160:
        return message
    return text if len(text) <= 160 else text[:157] + "..."
