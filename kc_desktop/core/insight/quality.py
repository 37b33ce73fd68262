"""Sample quality without a download: a Fréchet distance and class coverage, FID-style.

Both numbers come from the feature classifier the app trains on the same data
(``feature_net``):

* **Fréchet distance** between Gaussians fitted to the features of real and of generated
  images, d^2 = |mu_r - mu_g|^2 + tr(S_r + S_g - 2 (S_r S_g)^{1/2}); lower is better, and real
  held-out images score near the floor. The matrix square root comes from two symmetric
  eigen-decompositions (tr (S_r S_g)^{1/2} = tr (S_r^{1/2} S_g S_r^{1/2})^{1/2}), in float64,
  with no scipy.
* **Class coverage**: how many classes the classifier assigns the samples to, and how evenly
  (entropy of the predicted-class histogram divided by log K: 1 means every class equally
  often, 0 means one class only). A GAN that collapses onto a few digits loses coverage
  long before its Fréchet distance says why.

The distance depends on the number of samples (small sets score higher), so compare scores
computed from the same count: the epoch metric always draws ``QUALITY_SAMPLES``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch

from kc_desktop.core.errors import DataError
from kc_desktop.core.i18n import QT_TRANSLATE_NOOP
from kc_desktop.core.insight.feature_net import FeatureNet

COVERED_SHARE = 0.2
"""A class counts as covered when it gets at least 20% of its fair share (1/K) of the
samples: a handful of stray samples is not a class the model can draw."""

MAX_REFERENCE_IMAGES = 5000  # real images whose features define "real" (enough for 512 dims)


@dataclass(frozen=True)
class GaussianStats:
    """Mean (D,) and covariance (D, D) of a set of feature vectors, in float64 on the CPU."""

    mean: torch.Tensor
    cov: torch.Tensor

    @classmethod
    def of(cls, features: torch.Tensor) -> GaussianStats:
        if len(features) < 2:
            raise DataError(
                QT_TRANSLATE_NOOP("core", "A Fréchet distance needs at least two images per set.")
            )
        data = features.detach().double().cpu()
        return cls(data.mean(dim=0), torch.cov(data.T))


def _sqrt_psd(matrix: torch.Tensor) -> torch.Tensor:
    """Square root of a symmetric positive semi-definite matrix (tiny negative eigenvalues -> 0)."""
    values, vectors = torch.linalg.eigh((matrix + matrix.T) / 2)
    return (vectors * values.clamp(min=0).sqrt()) @ vectors.T


def frechet_distance(a: GaussianStats, b: GaussianStats) -> float:
    """Squared Fréchet (2-Wasserstein) distance between two Gaussians; symmetric, >= 0."""
    root_a = _sqrt_psd(a.cov)
    middle = root_a @ b.cov @ root_a
    cross = torch.linalg.eigvalsh((middle + middle.T) / 2).clamp(min=0).sqrt().sum()
    mean_term = (a.mean - b.mean).pow(2).sum()
    value = mean_term + a.cov.trace() + b.cov.trace() - 2 * cross
    return max(0.0, float(value))


@dataclass(frozen=True)
class Coverage:
    """How the predicted classes of a set of images spread over the K classes."""

    counts: list[int]
    covered: int
    evenness: float


def class_coverage(predicted: torch.Tensor, num_classes: int) -> Coverage:
    """Histogram of ``predicted`` class indices, classes covered and normalised entropy."""
    counts = torch.bincount(predicted.detach().cpu().long(), minlength=num_classes)[:num_classes]
    total = int(counts.sum())
    if total == 0 or num_classes < 1:
        return Coverage([0] * num_classes, 0, 0.0)
    shares = counts.double() / total
    covered = int((shares >= COVERED_SHARE / num_classes).sum())
    nonzero = shares[shares > 0]
    entropy = max(0.0, float(-(nonzero * nonzero.log()).sum()))
    evenness = entropy / math.log(num_classes) if num_classes > 1 else 1.0
    return Coverage([int(c) for c in counts], covered, evenness)


@dataclass(frozen=True)
class QualityScore:
    """One set of generated (or real) images, scored against the real training images."""

    frechet_distance: float
    classes_covered: int
    class_evenness: float
    num_classes: int
    frechet_real: float | None = None  # the same distance for real held-out images: the floor

    def as_logs(self) -> dict[str, float]:
        """The figures that join the epoch logs, the curves and metrics.jsonl."""
        logs = {
            "frechet_distance": self.frechet_distance,
            "classes_covered": float(self.classes_covered),
            "class_evenness": self.class_evenness,
        }
        if self.frechet_real is not None:
            logs["frechet_real"] = self.frechet_real
        return logs


class QualityScorer:
    """Scores image sets against the features of a fixed set of real images."""

    def __init__(
        self,
        feature_net: FeatureNet,
        real_images: torch.Tensor,
        held_out_images: torch.Tensor | None = None,
        seed: int = 0,
    ) -> None:
        """``real_images`` define "real"; ``held_out_images`` (never trained on) give the floor."""
        self.feature_net = feature_net
        if len(real_images) > MAX_REFERENCE_IMAGES:
            generator = torch.Generator().manual_seed(seed)
            keep = torch.randperm(len(real_images), generator=generator)[:MAX_REFERENCE_IMAGES]
            real_images = real_images[keep]
        features, _ = feature_net.embed(real_images)
        self.reference = GaussianStats.of(features)
        self.real_floor: float | None = None
        if held_out_images is not None and len(held_out_images) >= 2:
            self.real_floor = self.score(held_out_images).frechet_distance

    def score(self, images: torch.Tensor) -> QualityScore:
        """Fréchet distance and coverage of ``images`` (float [0, 1] or uint8, N, C, H, W)."""
        features, predicted = self.feature_net.embed(images)
        coverage = class_coverage(predicted, self.feature_net.num_classes)
        return QualityScore(
            frechet_distance=frechet_distance(GaussianStats.of(features), self.reference),
            classes_covered=coverage.covered,
            class_evenness=coverage.evenness,
            num_classes=self.feature_net.num_classes,
            frechet_real=self.real_floor,
        )
