"""Kinds as types: what a model does, what state a run is in, and how a run ended.

They are ``str`` enums, so a value compares equal to its JSON spelling (``Task.GAN ==
"gan"``) and config.json / summary.json stay as they were. What a kind of model can do is
asked of the kind (``task.has_latent``), never spelled out as ``task in ("vae", "gan")``
at each call site.
"""

from __future__ import annotations

from enum import Enum


class Task(str, Enum):
    """What a model learns; decides the training step, the views and the exports."""

    CLASSIFY = "classify"
    RECONSTRUCT = "reconstruct"
    VAE = "vae"
    GAN = "gan"

    def __str__(self) -> str:
        return self.value

    def __hash__(self) -> int:  # Enum hashes the member's name; dict keys are the values
        return hash(self.value)

    @property
    def is_classifier(self) -> bool:
        """Predicts a class for an image (evaluation, saliency, Classify tab)."""
        return self is Task.CLASSIFY

    @property
    def is_generative(self) -> bool:
        """Outputs images (Gallery samples or reconstructions) rather than classes."""
        return self is not Task.CLASSIFY

    @property
    def has_latent(self) -> bool:
        """Draws new images from random latent points (sampling, interpolation)."""
        return self in (Task.VAE, Task.GAN)

    @property
    def scores_samples(self) -> bool:
        """Its samples get a quality score per epoch and a nearest-training-image check."""
        return self in (Task.VAE, Task.GAN)

    @property
    def has_latent_traversal(self) -> bool:
        """Each latent number has a meaning worth sliding (the VAE's prior makes it so)."""
        return self is Task.VAE

    @property
    def augmentable(self) -> bool:
        """Training images may be flipped, shifted and zoomed (labels stay true)."""
        return self is Task.CLASSIFY

    @property
    def reconstructs(self) -> bool:
        """Rebuilds its input, so the Gallery shows input / output pairs."""
        return self is not Task.GAN and self is not Task.CLASSIFY


class RunStatus(str, Enum):
    """How a run ended (summary.json's ``status``)."""

    COMPLETED = "completed"
    STOPPED = "stopped"
    DIVERGED = "diverged"
    UNSAVED = "unsaved"
    FAILED = "failed"

    def __str__(self) -> str:
        return self.value

    def __hash__(self) -> int:  # Enum hashes the member's name; dict keys are the values
        return hash(self.value)

    @property
    def kept_weights(self) -> bool:
        """The trained weights are on disk or in memory, so the test split is scored."""
        return self in (RunStatus.COMPLETED, RunStatus.STOPPED, RunStatus.UNSAVED)


class RunState(str, Enum):
    """What the window's training session is doing right now."""

    IDLE = "idle"
    RUNNING = "running"
    PAUSED = "paused"
    STOPPING = "stopping"

    def __str__(self) -> str:
        return self.value

    def __hash__(self) -> int:  # Enum hashes the member's name; dict keys are the values
        return hash(self.value)
