"""Resolve a TrainConfig against a model's defaults into the values a run really uses."""

from __future__ import annotations

from typing import Any

from kc_desktop.core.models.registry import ModelSpec
from kc_desktop.core.training.config import TrainConfig


def resolve_settings(config: TrainConfig, spec: ModelSpec) -> dict[str, Any]:
    """Fill every ``None`` of ``config`` from ``spec``'s defaults (epochs, batch, lr, ...)."""
    return {
        "epochs": config.epochs if config.epochs is not None else spec.default_epochs,
        "batch_size": config.batch_size or spec.default_batch_size,
        "lr": config.lr if config.lr is not None else spec.default_lr,
        "optimizer": config.optimizer or spec.default_optimizer,
        "adam_betas": list(getattr(spec, "adam_betas", (0.9, 0.999))),
        "label_smoothing": spec.label_smoothing,
        "momentum": config.momentum,
        "beta": config.beta,
        "seed": config.seed,
        "amp": config.amp,
    }
