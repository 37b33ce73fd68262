"""Image grids: the one way samples, reconstructions and interpolations become pictures."""

from __future__ import annotations

import numpy as np
import torch
from torchvision.utils import make_grid


def to_grid(images: torch.Tensor, columns: int = 8, padding: int = 2) -> np.ndarray:
    """Float [0, 1] (N, C, H, W) -> uint8 (H, W, 3) grid with ``columns`` images per row."""
    images = images.detach().float().clamp(0, 1).cpu()
    grid = make_grid(images, nrow=max(1, columns), padding=padding, pad_value=0.5)
    return grid.mul(255).round().to(torch.uint8).permute(1, 2, 0).contiguous().numpy()


def to_uint8_images(images: torch.Tensor) -> np.ndarray:
    """Float [0, 1] (N, C, H, W) -> uint8 (N, H, W, C) numpy, for widgets and files."""
    images = images.detach().float().clamp(0, 1).cpu()
    return images.mul(255).round().to(torch.uint8).permute(0, 2, 3, 1).contiguous().numpy()
