"""Every dataset the app offers, by id, and the one function that loads any of them.

The specs are plain data (no loading happens on import), so the UI can fill its dataset
list and the CLI can print ``datasets`` instantly; ``load_dataset`` does the work and
always returns an ``ImageDataset`` with seeded train / val / test splits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kc_desktop.core.data.classes import (
    CIFAR10_CLASSES,
    DIGIT_CLASSES,
    FASHION_CLASSES,
    SHAPE_CLASSES,
)
from kc_desktop.core.data.errors import DatasetUnavailableError, UnknownDatasetError
from kc_desktop.core.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from kc_desktop.core.data.dataset import ImageDataset, SourceImages


@dataclass(frozen=True)
class DatasetSpec:
    """What a dataset is, before loading it (for lists, tooltips and model shapes)."""

    id: str
    name: str
    description: str
    channels: int
    size: int  # side in pixels of the images as loaded
    classes: tuple[str, ...]  # empty for "folder": known only after loading
    num_samples: int  # 0 for "folder"
    offline: bool  # True when no download is needed
    needs_path: bool = False


_SPECS = (
    DatasetSpec(
        "digits",
        QT_TRANSLATE_NOOP("core", "Handwritten digits (offline)"),
        QT_TRANSLATE_NOOP(
            "core",
            "1,797 real handwritten digits 0-9 (scikit-learn), scaled from 8x8 to "
            "28x28 pixels; no download needed.",
        ),
        1,
        28,
        DIGIT_CLASSES,
        1797,
        True,
    ),
    DatasetSpec(
        "shapes",
        QT_TRANSLATE_NOOP("core", "Coloured shapes (offline)"),
        QT_TRANSLATE_NOOP(
            "core",
            "3,000 generated 32x32 colour pictures of circles, squares, triangles, "
            "stars and crosses; no download needed.",
        ),
        3,
        32,
        SHAPE_CLASSES,
        3000,
        True,
    ),
    DatasetSpec(
        "mnist",
        QT_TRANSLATE_NOOP("core", "MNIST handwritten digits"),
        QT_TRANSLATE_NOOP(
            "core", "70,000 handwritten digits 0-9, 28x28 greyscale; downloads about 12 MB once."
        ),
        1,
        28,
        DIGIT_CLASSES,
        70_000,
        False,
    ),
    DatasetSpec(
        "fashion-mnist",
        QT_TRANSLATE_NOOP("core", "Fashion-MNIST clothing"),
        QT_TRANSLATE_NOOP(
            "core",
            "70,000 28x28 greyscale pictures of 10 kinds of clothing and shoes; "
            "downloads about 30 MB once.",
        ),
        1,
        28,
        FASHION_CLASSES,
        70_000,
        False,
    ),
    DatasetSpec(
        "cifar10",
        QT_TRANSLATE_NOOP("core", "CIFAR-10 small photos"),
        QT_TRANSLATE_NOOP(
            "core",
            "60,000 32x32 colour photos of 10 classes (planes, cars, birds, "
            "cats...); downloads about 170 MB once.",
        ),
        3,
        32,
        CIFAR10_CLASSES,
        60_000,
        False,
    ),
    DatasetSpec(
        "folder",
        QT_TRANSLATE_NOOP("core", "Your image folder"),
        QT_TRANSLATE_NOOP(
            "core",
            "Your own pictures: a folder with one subfolder per class (optionally "
            "inside train/ and test/).",
        ),
        3,
        150,
        (),
        0,
        True,
        needs_path=True,
    ),
)
_BY_ID = {spec.id: spec for spec in _SPECS}


def list_datasets() -> list[DatasetSpec]:
    """All datasets, offline ones first."""
    return list(_SPECS)


def get_dataset_spec(dataset_id: str) -> DatasetSpec:
    """The spec for ``dataset_id``; ``UnknownDatasetError`` (a ValueError) otherwise."""
    try:
        return _BY_ID[dataset_id]
    except KeyError:
        known = ", ".join(_BY_ID)
        raise UnknownDatasetError(
            QT_TRANSLATE_NOOP(
                "core", "Unknown dataset {dataset_id!r}; choose one of {known}."
            ).format(dataset_id=dataset_id, known=known)
        ) from None


def load_dataset(
    dataset_id: str,
    *,
    path: str | Path | None = None,
    size: int | None = None,
    colour: str = "auto",
    seed: int = 0,
    val_fraction: float = 0.1,
    test_fraction: float = 0.1,
    progress: Callable[[int, int], None] | None = None,
    download: bool = True,
) -> ImageDataset:
    """Load a dataset with splits made from ``seed``.

    ``path``, ``size`` (decode side) and ``colour`` ("auto", "rgb", "grey") are for
    "folder" only (by default the files' own size, capped at 150 pixels, and colour);
    ``progress(done, total)`` reports folder decoding from this thread; ``download=False``
    refuses to touch the network. Raises ``DatasetUnavailableError`` (plain message) when
    the data cannot be had and ``ValueError`` for bad arguments.
    """
    from kc_desktop.core.data.dataset import ImageDataset
    from kc_desktop.core.data.splits import check_fractions, make_splits

    spec = get_dataset_spec(dataset_id)
    check_fractions(val_fraction, test_fraction)
    name = spec.name
    if dataset_id == "folder":
        from kc_desktop.core.data.folder import folder_name, load_folder

        if path is None or not str(path).strip():
            raise DatasetUnavailableError(
                QT_TRANSLATE_NOOP("core", "Choose a folder of images to use as a dataset.")
            )
        source = load_folder(path, size=size, colour=colour, progress=progress)
        name = QT_TRANSLATE_NOOP("core", "{folder_name} (folder)").format(
            folder_name=folder_name(path)
        )
    else:
        source = _load_builtin(dataset_id, download)
    splits = make_splits(
        source.labels,
        seed=seed,
        val_fraction=val_fraction,
        test_fraction=test_fraction,
        origin=source.origin,
    )
    return ImageDataset(
        id=dataset_id,
        name=name,
        images=source.images,
        labels=source.labels,
        classes=list(source.classes),
        splits=splits,
        skipped=list(source.skipped),
        split_seed=seed,
        val_fraction=val_fraction,
        test_fraction=test_fraction,
        origin=source.origin,
        folder=str(path) if dataset_id == "folder" else None,
    )


def _load_builtin(dataset_id: str, download: bool) -> SourceImages:
    if dataset_id == "digits":
        from kc_desktop.core.data.builtin import load_digits

        return load_digits()
    if dataset_id == "shapes":
        from kc_desktop.core.data.builtin import load_shapes

        return load_shapes()
    from kc_desktop.core.data.remote import load_remote

    return load_remote(dataset_id, download=download)
