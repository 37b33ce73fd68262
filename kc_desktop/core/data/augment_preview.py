"""What the augmentation switches do to training images, for the Model tab's preview.

The preview runs the engine's own ``augment_batch`` on the first training images with a fixed
seed, so the pictures are exactly the kind of change training will see, and the same every
time the switches are set the same way.
"""

from __future__ import annotations

import numpy as np
import torch

from kc_desktop.core.data.dataset import ImageDataset
from kc_desktop.core.data.loader import Augment, augment_batch
from kc_desktop.core.grids import to_uint8_images

PREVIEW_COUNT = 8


def augment_preview(
    dataset: ImageDataset, augment: Augment, count: int = PREVIEW_COUNT, seed: int = 0
) -> tuple[np.ndarray, list[str]]:
    """``count`` augmented training images (uint8 N, H, W, C) and their class names."""
    images, labels = dataset.split("train")
    batch = images[:count].float().div(255)
    augmented = augment_batch(batch, augment, torch.Generator().manual_seed(seed))
    return to_uint8_images(augmented), [dataset.classes[int(i)] for i in labels[:count]]
