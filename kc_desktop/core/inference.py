"""Use a trained run: classify images, sample grids, interpolate between latent points.

Every image a person gives us goes through ``data.images`` (the one untrusted-image
loader), and every model is rebuilt from config.json and safetensors weights, never
from pickled objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch

from kc_desktop.core.data.images import ImageLoadError, load_image_array
from kc_desktop.core.devices import resolve_device
from kc_desktop.core.errors import DataError
from kc_desktop.core.grids import to_grid
from kc_desktop.core.i18n import QT_TRANSLATE_NOOP
from kc_desktop.core.insight import ood
from kc_desktop.core.insight.ood import Familiarity
from kc_desktop.core.kinds import Task
from kc_desktop.core.models.registry import build_model, get_model_spec
from kc_desktop.core.runs.checkpoints import CheckpointError, load_checkpoint
from kc_desktop.core.runs.layout import MODEL_FILE, RunDirectory

ImageSource = str | Path | bytes | np.ndarray


@dataclass
class LoadedRun:
    """A model rebuilt from a run folder, in eval mode, with what it was trained for."""

    path: Path
    config: dict[str, Any]
    model: torch.nn.Module
    task: Task
    classes: list[str]
    channels: int
    size: int
    device: torch.device
    familiarity: Familiarity | None = None  # "I'm not sure" (classifiers trained since it came)

    @property
    def is_generative(self) -> bool:
        return self.task.is_generative

    @property
    def latent_dim(self) -> int:
        return int(getattr(self.model, "latent_dim", 0) or 0)


def load_run(run_dir: str | Path, device: str = "cpu") -> LoadedRun:
    """Rebuild the model of ``run_dir`` and load its last good checkpoint."""
    run = RunDirectory(Path(run_dir))
    config = run.read_config()
    try:
        spec = get_model_spec(str(config["model"]))
        channels, size = int(config["channels"]), int(config["input_size"])
        classes = [str(c) for c in config.get("classes", [])]
        model = build_model(
            spec.id,
            channels=channels,
            size=size,
            num_classes=max(1, len(classes)),
            latent_dim=config.get("latent_dim"),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise CheckpointError(
            QT_TRANSLATE_NOOP("core", "{name}/config.json is incomplete or invalid.").format(
                name=run.path.name
            )
        ) from error
    model_state, _, _ = load_checkpoint(run.file(MODEL_FILE))
    try:
        model.load_state_dict(model_state)
    except RuntimeError as error:
        raise CheckpointError(
            QT_TRANSLATE_NOOP(
                "core", "{name}/{model_file} does not match the model its config describes."
            ).format(name=run.path.name, model_file=MODEL_FILE)
        ) from error
    target = resolve_device(device)
    model.to(target).eval()
    familiarity = (
        ood.for_model(ood.load(run.path), model, len(classes), (channels, size, size))
        if spec.task.is_classifier
        else None
    )
    return LoadedRun(
        run.path, config, model, spec.task, classes, channels, size, target, familiarity
    )


@dataclass
class Prediction:
    """The top-k of one input, or the one-line reason it could not be classified."""

    source: str
    predictions: list[tuple[str, float]] = field(default_factory=list)
    error: str | None = None
    verdict: ood.Verdict | None = None  # None when the run has no familiarity test

    @property
    def unsure(self) -> bool:
        return self.verdict is not None and self.verdict.unsure


def prepare_array(run: LoadedRun, image: np.ndarray) -> torch.Tensor:
    """A uint8 (H, W[, C]) array -> float (1, C, size, size) in [0, 1] as the model expects."""
    from PIL import Image

    array = image if image.ndim == 3 else image[..., None]
    mode = "L" if run.channels == 1 else "RGB"
    pil = Image.fromarray(array.squeeze(-1) if array.shape[-1] == 1 else array[..., :3])
    pil = pil.convert(mode).resize((run.size, run.size), Image.Resampling.BILINEAR)
    data = np.asarray(pil, dtype=np.uint8).reshape(run.size, run.size, run.channels)
    return torch.from_numpy(data.copy()).permute(2, 0, 1).unsqueeze(0).float().div(255)


def load_input(run: LoadedRun, source: ImageSource) -> torch.Tensor:
    """A file, pasted bytes or an array -> the float (1, C, size, size) input the model takes."""
    if isinstance(source, np.ndarray):
        return prepare_array(run, source)
    mode = "L" if run.channels == 1 else "RGB"
    array = load_image_array(source, mode=mode, size=run.size)
    return torch.from_numpy(array.copy()).permute(2, 0, 1).unsqueeze(0).float().div(255)


def classify(run: LoadedRun, sources: list[ImageSource], top_k: int = 5) -> list[Prediction]:
    """Top-k predictions per input; a bad input gets an error and the others still run."""
    if not run.task.is_classifier:
        raise DataError(
            QT_TRANSLATE_NOOP(
                "core", "This run trained a generative model; it cannot classify images."
            )
        )
    results: list[Prediction] = []
    for source in sources:
        name = (
            "drawing"
            if isinstance(source, np.ndarray)
            else ("pasted image" if isinstance(source, bytes) else str(source))
        )
        try:
            x = load_input(run, source)
        except ImageLoadError as error:
            results.append(Prediction(name, error=str(error)))
            continue
        logits, verdicts = ood.check(run, x)
        probs = torch.softmax(logits, dim=1)[0]
        k = min(top_k, len(probs))
        values, indices = probs.topk(k)
        results.append(
            Prediction(
                name,
                [
                    (run.classes[i], float(p))
                    for p, i in zip(values.tolist(), indices.tolist(), strict=True)
                ],
                verdict=verdicts[0] if verdicts else None,
            )
        )
    return results


def decode_latents(model: torch.nn.Module, task: Task | str, z: torch.Tensor) -> torch.Tensor:
    """Latent points (B, latent_dim) -> images in [0, 1]: the DCGAN's generator, else decode."""
    if Task(task) is Task.GAN:
        return model.generator(z)
    return model.decode(z)


def sample(run: LoadedRun, n: int = 64, seed: int = 0) -> np.ndarray:
    """A uint8 grid of ``n`` images decoded from random latent points (VAE, DCGAN, AE)."""
    if not run.is_generative:
        raise DataError(
            QT_TRANSLATE_NOOP(
                "core", "Only generative runs (autoencoder, VAE, DCGAN) can draw samples."
            )
        )
    generator = torch.Generator().manual_seed(seed)
    z = torch.randn(n, run.latent_dim, generator=generator).to(run.device)
    with torch.no_grad():
        images = decode_latents(run.model, run.task, z)
    return to_grid(images, columns=int(np.ceil(np.sqrt(n))))


def interpolate(run: LoadedRun, steps: int = 10, seed: int = 0) -> np.ndarray:
    """A uint8 row of images decoded along a straight line between two latent points."""
    if not run.is_generative:
        raise DataError(
            QT_TRANSLATE_NOOP("core", "Only generative runs can interpolate between latent points.")
        )
    generator = torch.Generator().manual_seed(seed)
    ends = torch.randn(2, run.latent_dim, generator=generator)
    weights = torch.linspace(0, 1, steps).unsqueeze(1)
    z = (ends[0] * (1 - weights) + ends[1] * weights).to(run.device)
    with torch.no_grad():
        images = decode_latents(run.model, run.task, z)
    return to_grid(images, columns=steps)
