"""The Model tab's augmentation preview comes from the engine's own augmentation, repeatably."""

from __future__ import annotations

import numpy as np

from helpers import tiny_dataset
from kc_desktop.core.data.augment_preview import PREVIEW_COUNT, augment_preview
from kc_desktop.core.data.loader import Augment


def test_preview_shows_training_images_changed_the_same_way_each_time() -> None:
    dataset = tiny_dataset(n=40, classes=3)
    images, captions = augment_preview(dataset, Augment(shift=0.1, zoom=0.1))
    again, _ = augment_preview(dataset, Augment(shift=0.1, zoom=0.1))
    train_images, train_labels = dataset.split("train")
    assert images.shape == (PREVIEW_COUNT, 28, 28, 1) and images.dtype == np.uint8
    assert np.array_equal(images, again)  # a fixed seed: the preview does not flicker
    assert captions == [dataset.classes[int(i)] for i in train_labels[:PREVIEW_COUNT]]
    originals = train_images[:PREVIEW_COUNT].permute(0, 2, 3, 1).numpy()
    assert not np.array_equal(images, originals)  # the switches changed the pictures
    flipped, _ = augment_preview(dataset, Augment(flip=True), count=3)
    assert all(
        np.array_equal(f, o) or np.array_equal(f, o[:, ::-1])
        for f, o in zip(flipped, originals[:3], strict=True)
    )
