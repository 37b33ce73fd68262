"""Seeded, stratified train / validation / test splits.

The same seed always gives the same split (a run can be repeated and compared), and each
split keeps the class proportions of the whole set, so a rare class is not left out of
the test set by chance. Sources with their own test set (MNIST's official 10,000 test
images, a folder with ``train/`` and ``test/``) pass it as fixed: only the validation set
is then carved, from the training images.
"""

from __future__ import annotations

import math

import torch

from kc_desktop.core.data.errors import DatasetUnavailableError
from kc_desktop.core.errors import ConfigError
from kc_desktop.core.i18n import QT_TRANSLATE_NOOP

FREE, FIXED_VAL, FIXED_TEST = 0, 1, 2
"""Values of the ``origin`` tensor: carve from this sample, or it belongs to val / test."""


def make_splits(
    labels: torch.Tensor,
    *,
    seed: int = 0,
    val_fraction: float = 0.1,
    test_fraction: float = 0.1,
    origin: torch.Tensor | None = None,
) -> dict[str, torch.Tensor]:
    """Disjoint int64 index tensors "train", "val", "test" that together cover ``labels``.

    Fractions are of all images; when the test set is fixed by ``origin``, the validation
    fraction is of the remaining (training) images and ``test_fraction`` is unused. Each
    split is in a class-interleaved order, so its first few images show every class.
    """
    check_fractions(val_fraction, test_fraction)
    labels = labels.long()
    total = labels.numel()
    if origin is None:
        origin = torch.full((total,), FREE, dtype=torch.int8)
    generator = torch.Generator().manual_seed(seed)
    pool = torch.nonzero(origin == FREE).flatten()
    fixed_test = torch.nonzero(origin == FIXED_TEST).flatten()
    fixed_val = torch.nonzero(origin == FIXED_VAL).flatten()

    n_test = 0 if fixed_test.numel() else _count(total, test_fraction)
    val_base = pool.numel() if fixed_test.numel() else total
    n_val = 0 if fixed_val.numel() else _count(val_base, val_fraction)
    if pool.numel() - n_test - n_val < 1:
        raise DatasetUnavailableError(
            QT_TRANSLATE_NOOP(
                "core",
                "Too few images ({total}) to make training, validation and test sets; "
                "add more images or lower the validation and test fractions.",
            ).format(total=total)
        )
    order = stratified_order(pool, labels, generator)
    test = stratified_order(fixed_test, labels, generator) if fixed_test.numel() else order[:n_test]
    val = (
        stratified_order(fixed_val, labels, generator)
        if fixed_val.numel()
        else order[n_test : n_test + n_val]
    )
    return {"train": order[n_test + n_val :], "val": val, "test": test}


VALIDATION_RANGE = QT_TRANSLATE_NOOP(
    "core", "Validation fraction must be at least 0 and below 1, not {value}."
)
TEST_RANGE = QT_TRANSLATE_NOOP("core", "Test fraction must be at least 0 and below 1, not {value}.")


def check_fractions(val_fraction: float, test_fraction: float) -> None:
    """Raise ``ValueError`` unless both fractions are in [0, 1) and leave images to train on."""
    for template, value in ((VALIDATION_RANGE, val_fraction), (TEST_RANGE, test_fraction)):
        if not 0.0 <= value < 1.0:
            raise ConfigError(template.format(value=value))
    if val_fraction + test_fraction >= 1.0:
        raise ConfigError(
            QT_TRANSLATE_NOOP(
                "core",
                "Validation and test fractions together must stay below 1, "
                "or no image would be left for training.",
            )
        )


def stratified_order(
    indices: torch.Tensor, labels: torch.Tensor, generator: torch.Generator
) -> torch.Tensor:
    """``indices`` shuffled so that every prefix holds the classes in their proportions.

    Each sample gets the key (rank within its class + 0.5) / class size after a random
    shuffle; sorting by it deals the classes out like cards, one round at a time.
    """
    if indices.numel() == 0:
        return indices.long()
    shuffled = indices.long()[torch.randperm(indices.numel(), generator=generator)]
    classes = labels[shuffled]
    counts = torch.bincount(classes)
    by_class = torch.argsort(classes, stable=True)
    starts = torch.cumsum(counts, 0) - counts
    rank = torch.empty_like(by_class)
    rank[by_class] = torch.arange(by_class.numel()) - starts[classes[by_class]]
    key = (rank.double() + 0.5) / counts[classes].double()
    return shuffled[torch.argsort(key, stable=True)]


def _count(total: int, fraction: float) -> int:
    """Round half up (Python's round() goes to even), and at least 1 for a fraction > 0."""
    if fraction <= 0:
        return 0
    return max(1, math.floor(total * fraction + 0.5))
