"""Latent traversal: move one latent number of a VAE and watch what it controls.

A VAE's prior is N(0, I), so values between -3 and 3 cover almost all of it. Dimensions the
KL term switched off ("collapsed") change nothing: the decoder learned to ignore them, which
is itself worth seeing.
"""

from __future__ import annotations

import numpy as np
import torch

from kc_desktop.core.errors import DataError
from kc_desktop.core.grids import to_grid, to_uint8_images
from kc_desktop.core.i18n import QT_TRANSLATE_NOOP
from kc_desktop.core.inference import LoadedRun
from kc_desktop.core.insight.quality_metric import generate

TRAVERSAL_RANGE = 3.0  # prior standard deviations either side of the base point


def base_point(run: LoadedRun, seed: int | None = None) -> torch.Tensor:
    """The point the traversal starts from: the prior's centre, or a seeded random draw."""
    if seed is None:
        return torch.zeros(run.latent_dim)
    return torch.randn(run.latent_dim, generator=torch.Generator().manual_seed(seed))


def _moved(base: torch.Tensor, dim: int, values: list[float]) -> torch.Tensor:
    if not 0 <= dim < len(base):
        raise DataError(
            QT_TRANSLATE_NOOP(
                "core", "Latent dimension {dim} does not exist; choose 0 to {last}."
            ).format(dim=dim, last=len(base) - 1)
        )
    points = base.repeat(len(values), 1)
    points[:, dim] = torch.tensor(values, dtype=points.dtype)
    return points


def decode_traversal(run: LoadedRun, base: torch.Tensor, dim: int, value: float) -> np.ndarray:
    """The uint8 (H, W, C) image decoded from ``base`` with latent number ``dim`` = ``value``."""
    images = generate(run.model, run.task, _moved(base, dim, [value]).to(run.device))
    return to_uint8_images(images)[0]


def traversal_row(run: LoadedRun, base: torch.Tensor, dim: int, steps: int = 7) -> np.ndarray:
    """A uint8 grid row: ``dim`` swept from -3 to 3 in ``steps`` images, the rest fixed."""
    values = np.linspace(-TRAVERSAL_RANGE, TRAVERSAL_RANGE, steps).tolist()
    images = generate(run.model, run.task, _moved(base, dim, values).to(run.device))
    return to_grid(images, columns=steps)
