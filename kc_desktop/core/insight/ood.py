"""'I'm not sure': does an input look like anything the classifier was trained on?

A classifier always picks one of its classes, so a flower becomes "3 (59%)". This module gives
each classifier run a familiarity test, fitted when the run ends and stored with it
(``ood.safetensors``): the class means and shared covariance of the features that feed the
output layer, with the spatial mean of each pooling layer's output beside them (the features
of every block, as Lee et al. 2018 combine layers), measured on the training split (a
Mahalanobis score). An input's familiarity is minus its distance to the nearest class mean;
the threshold is the ``QUANTILE`` of the validation split's familiarity, so about that share
of real inputs is flagged. Measured on digits against the shapes images, the small CNN
trained as the window trains it by default (one-cycle, shifts, auto epochs): the output
layer's inputs alone flag 54 % of the shapes, with the pooled blocks beside them 89 %, while
3.9 % of the test digits are flagged (energy or maximum-softmax scores: 40-75 %).

``check(run, x)`` is the one plain call for any front-end (Classify tab, live camera).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import torch
from safetensors import SafetensorError
from safetensors.torch import load as load_safetensors_bytes
from safetensors.torch import save as save_safetensors_bytes

from kc_desktop.core.data.loader import resize_images
from kc_desktop.core.i18n import QT_TRANSLATE_NOOP
from kc_desktop.core.runs.checkpoints import atomic_write_bytes
from kc_desktop.core.runs.layout import OOD_FILE
from kc_desktop.core.training.callbacks import Callback

if TYPE_CHECKING:
    from kc_desktop.core.data.dataset import ImageDataset
    from kc_desktop.core.inference import LoadedRun

QUANTILE = 0.03  # the share of familiar (validation) inputs the threshold lets through as unsure
SHRINK = 0.001  # covariance shrinkage towards its mean variance: stable with few images
BATCH = 256
MAX_FILE_BYTES = 64 * 2**20
NOT_SURE = QT_TRANSLATE_NOOP("core", "Not sure — this does not look like any of the classes I know")


@dataclass
class Familiarity:
    """What a run knows about its training inputs: class means, precision, threshold."""

    means: torch.Tensor  # (classes, features)
    precision: torch.Tensor  # (features, features)
    threshold: float  # familiarity below this is "not sure"

    def score(self, features: torch.Tensor) -> torch.Tensor:
        """Familiarity of each row of ``features``: minus the Mahalanobis distance to the
        nearest class mean (higher is more familiar). A test fitted before the pooled blocks
        were measured (an older run) knows the output layer's inputs alone: they come first."""
        diff = features.float()[:, None, : self.means.shape[1]] - self.means[None]
        distance = torch.einsum("ncd,de,nce->nc", diff, self.precision, diff)
        return -distance.min(dim=1).values.clamp_min(0).sqrt()


@dataclass
class Verdict:
    """One input's familiarity, the run's threshold, and whether it is too unfamiliar."""

    familiarity: float
    threshold: float

    @property
    def unsure(self) -> bool:
        return self.familiarity < self.threshold


def head_layer(model: torch.nn.Module, num_classes: int) -> torch.nn.Linear:
    """The output layer: the last linear layer with one output per class."""
    heads = [
        module
        for module in model.modules()
        if isinstance(module, torch.nn.Linear) and module.out_features == num_classes
    ]
    if not heads:
        raise ValueError("This model has no linear output layer to measure familiarity on.")
    return heads[-1]


def features_and_logits(
    model: torch.nn.Module, x: torch.Tensor, num_classes: int
) -> tuple[torch.Tensor, torch.Tensor]:
    """The familiarity features and the logits, for float inputs ``x`` (N, C, H, W).

    The features are the output layer's inputs followed by the spatial mean of each max-pooling
    layer's output (a CNN's blocks, in order; none for an MLP or a pretrained backbone).
    """
    head: list[torch.Tensor] = []
    pooled: list[torch.Tensor] = []
    handles = [
        head_layer(model, num_classes).register_forward_pre_hook(
            lambda _module, args: head.append(args[0].detach())
        )
    ]
    handles += [
        module.register_forward_hook(
            lambda _module, _args, out: pooled.append(out.detach().mean((2, 3)))
        )
        for module in model.modules()
        if isinstance(module, torch.nn.MaxPool2d)
    ]
    try:
        with torch.no_grad():
            logits = model(x)
    finally:
        for handle in handles:
            handle.remove()
    features = torch.cat([head[-1].flatten(1), *pooled], dim=1)
    return features.float().cpu(), logits.float().cpu()


def prepare_images(images: torch.Tensor, channels: int, size: int) -> torch.Tensor:
    """uint8 (N, C, H, W) from any dataset -> the model's float input (grey or RGB, resized)."""
    if images.shape[1] != channels:
        if channels == 1:
            weights = torch.tensor([0.299, 0.587, 0.114], device=images.device)
            grey = (images[:, :3].float() * weights[: images.shape[1], None, None]).sum(1)
            images = grey.round().clamp(0, 255).to(torch.uint8)[:, None]
        else:
            images = images[:, :1].expand(-1, channels, -1, -1).contiguous()
    return resize_images(images, size).float().div(255)


def _all_features(run: LoadedRun, images: torch.Tensor) -> torch.Tensor:
    chunks = []
    for start in range(0, len(images), BATCH):
        x = prepare_images(images[start : start + BATCH], run.channels, run.size)
        chunks.append(features_and_logits(run.model, x.to(run.device), len(run.classes))[0])
    return torch.cat(chunks)


def fit(run: LoadedRun, dataset: ImageDataset, quantile: float = QUANTILE) -> Familiarity:
    """Class means and covariance on the training split, threshold on the validation split."""
    images, labels = dataset.split("train")
    features = _all_features(run, images).double()
    classes = len(run.classes)
    present = [c for c in range(classes) if bool((labels == c).any())]
    means = torch.zeros(classes, features.shape[1], dtype=torch.float64)
    for c in present:
        means[c] = features[labels == c].mean(0)
    centred = features - means[labels]
    covariance = centred.T @ centred / max(1, len(features))
    ridge = SHRINK * covariance.diagonal().mean() + 1e-6
    precision = torch.linalg.inv(covariance + ridge * torch.eye(len(covariance)))
    familiarity = Familiarity(means[present].float(), precision.float(), 0.0)
    val_images = dataset.split("val")[0]
    if len(val_images) == 0:
        val_images = images
    scores = familiarity.score(_all_features(run, val_images))
    familiarity.threshold = float(torch.quantile(scores, quantile))
    return familiarity


def save(run_dir: str | Path, familiarity: Familiarity) -> None:
    data = save_safetensors_bytes(
        {"means": familiarity.means.contiguous(), "precision": familiarity.precision.contiguous()},
        metadata={"kc_desktop_ood": json.dumps({"threshold": familiarity.threshold})},
    )
    atomic_write_bytes(Path(run_dir) / OOD_FILE, data)


def load(run_dir: str | Path) -> Familiarity | None:
    """The run's stored familiarity test, or None (older runs, damaged or foreign files)."""
    path = Path(run_dir) / OOD_FILE
    try:
        if not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
            return None
        data = path.read_bytes()
        tensors = load_safetensors_bytes(data)
        header_size = int.from_bytes(data[:8], "little")
        header = json.loads(data[8 : 8 + header_size])
        info = json.loads(header.get("__metadata__", {}).get("kc_desktop_ood", "{}"))
        means, precision = tensors["means"].float(), tensors["precision"].float()
        threshold = float(info["threshold"])
    except (OSError, ValueError, KeyError, TypeError, SafetensorError):
        return None
    width = means.shape[-1] if means.ndim == 2 else -1
    if precision.shape != (width, width):
        return None
    return Familiarity(means, precision, threshold)


def for_model(
    familiarity: Familiarity | None,
    model: torch.nn.Module,
    num_classes: int,
    input_shape: tuple[int, int, int],
) -> Familiarity | None:
    """``familiarity`` when it measures ``model``'s features, else None (a foreign file).

    One zero input of ``input_shape`` (C, H, W) goes through the model: the test must know
    its whole feature row, or the output layer's inputs alone (an older run's test).
    """
    if familiarity is None:
        return None
    device = next(model.parameters()).device
    zero = torch.zeros((1, *input_shape), device=device)
    features, _ = features_and_logits(model, zero, num_classes)
    head_width = head_layer(model, num_classes).in_features
    width = familiarity.means.shape[1]
    return familiarity if width in (features.shape[1], head_width) else None


def check(run: LoadedRun, x: torch.Tensor) -> tuple[torch.Tensor, list[Verdict] | None]:
    """Logits of the float inputs ``x`` and, when the run has a familiarity test, a verdict
    per input: the plain call behind "Not sure" in the Classify tab and the camera view."""
    familiarity: Familiarity | None = getattr(run, "familiarity", None)
    if familiarity is None:
        with torch.no_grad():
            return run.model(x.to(run.device)).float().cpu(), None
    features, logits = features_and_logits(run.model, x.to(run.device), len(run.classes))
    scores = familiarity.score(features).tolist()
    return logits, [Verdict(float(s), familiarity.threshold) for s in scores]


def flagged_share(run: LoadedRun, images: torch.Tensor) -> float:
    """The share of uint8 (N, C, H, W) ``images`` (any dataset) the run is unsure about."""
    familiarity: Familiarity | None = getattr(run, "familiarity", None)
    if familiarity is None or len(images) == 0:
        raise ValueError(
            QT_TRANSLATE_NOOP(
                "core", "This run has no familiarity test; train it again to get one."
            )
        )
    scores = familiarity.score(_all_features(run, images))
    return float((scores < familiarity.threshold).float().mean())


def calibrate(run_dir: str | Path, dataset: ImageDataset) -> Familiarity:
    """Fit the familiarity test of a finished classifier run and store it in its folder."""
    from kc_desktop.core.inference import load_run

    run = load_run(run_dir)
    familiarity = fit(run, dataset)
    save(run_dir, familiarity)
    return familiarity


class FamiliarityCalibration(Callback):
    """Calibrates "I'm not sure" when a classifier run ends with a saved model."""

    def __init__(self, dataset: ImageDataset) -> None:
        self.dataset = dataset

    def on_run_end(self, summary: dict[str, Any]) -> None:
        if summary.get("status") not in ("completed", "stopped"):
            return
        try:
            calibrate(summary["run_dir"], self.dataset)
        except (OSError, ValueError, RuntimeError):
            return  # the run stays usable; it only cannot say "not sure"
