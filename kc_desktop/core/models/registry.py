"""The model registry: what each model is, how to size its input, and how to build it.

A ``ModelSpec`` carries everything the UI and the engine need before a network exists:
a plain-words description, the task (which decides the training step), defaults chosen
for fast, good CPU training on the offline digits set (1,437 training images), and the
side in pixels the model trains at for a given dataset (data is resized to it once).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from torch import nn

from kc_desktop.core.i18n import QT_TRANSLATE_NOOP
from kc_desktop.core.models.classifiers import MLP, FolderCNN, LSTMAttention, SmallCNN
from kc_desktop.core.models.generative import (
    DCGAN,
    DEFAULT_AE_LATENT,
    DEFAULT_GAN_LATENT,
    DEFAULT_VAE_LATENT,
    VAE,
    Autoencoder,
)

ModelTask = Literal["classify", "reconstruct", "vae", "gan"]

MAX_SIDE = 64
"""Largest side (pixels) for the MLP, the LSTM and the generative models: beyond it they
grow slow and large on a CPU without learning anything the digits or shapes need."""


class UnknownModelError(ValueError):
    """A model id that is not in the registry."""


def cap_64(dataset_size: int) -> int:
    """Dataset side, shrunk to 64 pixels when larger."""
    return min(dataset_size, MAX_SIDE)


def fixed_28(dataset_size: int) -> int:
    """Always 28 pixels: the articles' CNN was designed for 28x28 digits."""
    return 28


def clamp_32_150(dataset_size: int) -> int:
    """Dataset side kept within 32..150 pixels, the range the photo CNN was designed for."""
    return max(32, min(dataset_size, 150))


def multiple_of_4(dataset_size: int) -> int:
    """A side divisible by 4 (two stride-2 steps), at most 64: 28 -> 28, 30 -> 32, 150 -> 64."""
    if dataset_size > MAX_SIDE:
        return MAX_SIDE
    return max(4, -(-dataset_size // 4) * 4)


@dataclass(frozen=True)
class ModelSpec:
    """Description and training defaults of one model (no weights, no torch objects)."""

    id: str
    name: str
    description: str
    task: ModelTask
    default_epochs: int
    default_batch_size: int
    default_lr: float
    default_optimizer: str
    size_rule: Callable[[int], int] = field(default=cap_64, repr=False, compare=False)
    adam_betas: tuple[float, float] = (0.9, 0.999)
    default_latent_dim: int | None = None

    def input_size(self, dataset_size: int) -> int:
        """The side in pixels this model trains at for images of ``dataset_size`` pixels."""
        if int(dataset_size) < 1:
            raise ValueError(f"Image size must be at least 1 pixel, not {dataset_size}.")
        return self.size_rule(int(dataset_size))

    @property
    def generative(self) -> bool:
        return self.task != "classify"


_SPECS: tuple[ModelSpec, ...] = (
    ModelSpec(
        id="mlp",
        name=QT_TRANSLATE_NOOP("core", "MLP (dense network)"),
        description=QT_TRANSLATE_NOOP(
            "core",
            "Flattens the image into one long vector and learns from it with two "
            "dense layers; the simplest baseline.",
        ),
        task="classify",
        default_epochs=20,
        default_batch_size=32,
        default_lr=1e-3,
        default_optimizer="adam",
        size_rule=cap_64,
    ),
    ModelSpec(
        id="small-cnn",
        name=QT_TRANSLATE_NOOP("core", "Small CNN (28x28)"),
        description=QT_TRANSLATE_NOOP(
            "core",
            "Two convolution + pooling layers and a dense layer: the classic "
            "network for 28x28 digits. Images are resized to 28x28.",
        ),
        task="classify",
        default_epochs=10,
        default_batch_size=64,
        default_lr=1e-3,
        default_optimizer="adam",
        size_rule=fixed_28,
    ),
    ModelSpec(
        id="folder-cnn",
        name=QT_TRANSLATE_NOOP("core", "Photo CNN (4 conv blocks)"),
        description=QT_TRANSLATE_NOOP(
            "core",
            "Four convolution blocks (32-64-128-128) with dropout, made for photos "
            "of up to 150x150 pixels, such as your own image folders.",
        ),
        task="classify",
        default_epochs=15,
        default_batch_size=32,
        default_lr=5e-4,
        default_optimizer="adam",
        size_rule=clamp_32_150,
    ),
    ModelSpec(
        id="lstm-attention",
        name=QT_TRANSLATE_NOOP("core", "LSTM with attention"),
        description=QT_TRANSLATE_NOOP(
            "core",
            "Reads the image row by row like a sentence, with a bidirectional "
            "LSTM, and learns which rows to pay attention to.",
        ),
        task="classify",
        default_epochs=10,
        default_batch_size=32,
        default_lr=2e-3,
        default_optimizer="adam",
        size_rule=cap_64,
    ),
    ModelSpec(
        id="autoencoder",
        name=QT_TRANSLATE_NOOP("core", "Autoencoder"),
        description=QT_TRANSLATE_NOOP(
            "core",
            "Squeezes each image into a short code and rebuilds it from that code; "
            "learns without labels.",
        ),
        task="reconstruct",
        default_epochs=20,
        default_batch_size=64,
        default_lr=1e-3,
        default_optimizer="adam",
        size_rule=multiple_of_4,
        default_latent_dim=DEFAULT_AE_LATENT,
    ),
    ModelSpec(
        id="vae",
        name=QT_TRANSLATE_NOOP("core", "Variational autoencoder (VAE)"),
        description=QT_TRANSLATE_NOOP(
            "core",
            "An autoencoder whose codes follow a smooth distribution, so random "
            "codes decode into new images.",
        ),
        task="vae",
        default_epochs=80,
        default_batch_size=64,
        default_lr=1e-3,
        default_optimizer="adam",
        size_rule=multiple_of_4,
        default_latent_dim=DEFAULT_VAE_LATENT,
    ),
    ModelSpec(
        id="dcgan",
        name=QT_TRANSLATE_NOOP("core", "DCGAN (generative adversarial network)"),
        description=QT_TRANSLATE_NOOP(
            "core",
            "A generator learns to draw images that a discriminator cannot tell "
            "from real ones; the two train against each other.",
        ),
        task="gan",
        default_epochs=40,
        default_batch_size=64,
        default_lr=2e-4,
        default_optimizer="adam",
        size_rule=multiple_of_4,
        adam_betas=(0.5, 0.999),
        default_latent_dim=DEFAULT_GAN_LATENT,
    ),
)

_BY_ID: dict[str, ModelSpec] = {spec.id: spec for spec in _SPECS}

Builder = Callable[[int, int, int, int | None], nn.Module]

_BUILDERS: dict[str, Builder] = {
    "mlp": lambda c, s, k, _z: MLP(c, s, k),
    "small-cnn": lambda c, s, k, _z: SmallCNN(c, s, k),
    "folder-cnn": lambda c, s, k, _z: FolderCNN(c, s, k),
    "lstm-attention": lambda c, s, k, _z: LSTMAttention(c, s, k),
    "autoencoder": lambda c, s, _k, z: Autoencoder(c, s, z or DEFAULT_AE_LATENT),
    "vae": lambda c, s, _k, z: VAE(c, s, z or DEFAULT_VAE_LATENT),
    "dcgan": lambda c, s, _k, z: DCGAN(c, s, z or DEFAULT_GAN_LATENT),
}


def list_models(kind: Literal["classify", "generate"] | None = None) -> list[ModelSpec]:
    """All models in display order; ``kind`` keeps only classifiers or generative ones."""
    if kind is None:
        return list(_SPECS)
    if kind == "classify":
        return [spec for spec in _SPECS if not spec.generative]
    if kind == "generate":
        return [spec for spec in _SPECS if spec.generative]
    raise ValueError(f"Unknown model kind {kind!r}; use 'classify', 'generate' or None.")


def get_model_spec(model_id: str) -> ModelSpec:
    """The spec of ``model_id``, or an ``UnknownModelError`` naming the known ids."""
    try:
        return _BY_ID[model_id]
    except (KeyError, TypeError):
        known = ", ".join(_BY_ID)
        raise UnknownModelError(f"Unknown model {model_id!r}. Known models: {known}.") from None


def build_model(
    model_id: str,
    *,
    channels: int,
    size: int,
    num_classes: int,
    latent_dim: int | None = None,
) -> nn.Module:
    """A freshly initialised network for images of ``channels`` x ``size`` x ``size``.

    ``size`` should already be ``spec.input_size(dataset size)``; ``latent_dim`` None
    means the model's default (classifiers ignore it); ``num_classes`` is ignored by the
    generative models.
    """
    spec = get_model_spec(model_id)
    if channels < 1:
        raise ValueError(f"Images need at least one colour channel, not {channels}.")
    if size < 1:
        raise ValueError(f"Image size must be at least 1 pixel, not {size}.")
    if latent_dim is not None and latent_dim < 1:
        raise ValueError(f"The latent size must be at least 1, not {latent_dim}.")
    return _BUILDERS[spec.id](int(channels), int(size), int(num_classes), latent_dim)
