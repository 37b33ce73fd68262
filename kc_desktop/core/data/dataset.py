"""An image dataset held in memory: uint8 tensors, labels, class names and seeded splits.

Every source (built-in, downloaded, image folder) ends as one ``ImageDataset``, so the
trainer, the Data tab and the CLI never care where the pictures came from.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import torch

from kc_desktop.core.errors import DataError

SPLIT_NAMES = ("train", "val", "test")


@dataclass
class SkippedFile:
    """A file of an image folder that was left out, and why (one line for the user)."""

    path: str
    reason: str


@dataclass
class ImageDataset:
    """Images as uint8 (N, C, H, W) on the CPU with H == W, int64 labels and named splits.

    ``splits`` maps "train" / "val" / "test" to disjoint int64 index tensors into
    ``images`` (made by ``splits.make_splits`` with a fixed seed, so a run repeats).
    """

    id: str
    name: str
    images: torch.Tensor
    labels: torch.Tensor
    classes: list[str]
    splits: dict[str, torch.Tensor]
    skipped: list[SkippedFile] = field(default_factory=list)
    split_seed: int = 0
    val_fraction: float = 0.1
    test_fraction: float = 0.1
    origin: torch.Tensor | None = None  # splits.FREE / FIXED_VAL / FIXED_TEST per sample
    folder: str | None = None  # where a "folder" dataset was read from

    def __post_init__(self) -> None:
        if self.images.dtype != torch.uint8 or self.images.ndim != 4:
            raise DataError(
                f"Images must be a uint8 (N, C, H, W) tensor, not {self.images.dtype} "
                f"with shape {tuple(self.images.shape)}."
            )
        if self.labels.shape != (self.images.shape[0],):
            raise DataError(
                f"{self.images.shape[0]} images but labels of shape {tuple(self.labels.shape)}."
            )

    @property
    def channels(self) -> int:
        """1 for greyscale, 3 for colour."""
        return int(self.images.shape[1])

    @property
    def size(self) -> int:
        """Side of the (square) images in pixels."""
        return int(self.images.shape[-1])

    def __len__(self) -> int:
        return int(self.images.shape[0])

    def split(self, name: str) -> tuple[torch.Tensor, torch.Tensor]:
        """(images, labels) of one split, as new tensors (indexing copies)."""
        indices = self._indices(name)
        return self.images[indices], self.labels[indices]

    def split_key(self) -> tuple[int, float, float]:
        """(seed, validation fraction, test fraction): what a run records as its split."""
        return (self.split_seed, self.val_fraction, self.test_fraction)

    def with_split(self, seed: int, val_fraction: float, test_fraction: float) -> ImageDataset:
        """The same images split anew (shares the pixel tensors; nothing is decoded again)."""
        from kc_desktop.core.data.splits import make_splits

        splits = make_splits(
            self.labels,
            seed=seed,
            val_fraction=val_fraction,
            test_fraction=test_fraction,
            origin=self.origin,
        )
        return dataclasses.replace(
            self,
            splits=splits,
            split_seed=seed,
            val_fraction=val_fraction,
            test_fraction=test_fraction,
        )

    def class_counts(self, split: str) -> list[int]:
        """Number of images of each class in ``split``, in the order of ``classes``."""
        labels = self.labels[self._indices(split)]
        return torch.bincount(labels, minlength=len(self.classes)).tolist()

    def _indices(self, name: str) -> torch.Tensor:
        if name not in self.splits:
            raise DataError(
                f"Unknown split {name!r}; this dataset has {', '.join(sorted(self.splits))}."
            )
        return self.splits[name]


@dataclass
class SourceImages:
    """What every source hands to the registry before it makes splits."""

    images: torch.Tensor  # uint8 (N, C, H, W)
    labels: torch.Tensor  # int64 (N,)
    classes: list[str]
    origin: torch.Tensor | None = None  # splits.FREE / FIXED_VAL / FIXED_TEST per sample
    skipped: list[SkippedFile] = field(default_factory=list)

    def copy(self) -> SourceImages:
        return SourceImages(
            self.images.clone(),
            self.labels.clone(),
            list(self.classes),
            None if self.origin is None else self.origin.clone(),
            list(self.skipped),
        )
