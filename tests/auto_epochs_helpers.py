"""A dataset on which validation loss gets worse as training goes on, for early stopping."""

from __future__ import annotations

import dataclasses

from helpers import tiny_dataset
from kc_desktop.core.data.dataset import ImageDataset


def overfitting_dataset() -> ImageDataset:
    """The tiny bands with every validation label moved to the next class: the better the
    model learns the training bands, the worse (and the more confident) it is on
    validation, so the validation loss is lowest early and early stopping must trigger."""
    dataset = tiny_dataset(n=60)
    labels = dataset.labels.clone()
    val = dataset.splits["val"]
    labels[val] = (labels[val] + 1) % len(dataset.classes)
    return dataclasses.replace(dataset, labels=labels)
