"""The engine's speed choices keep its results: fused Adam, channels-last convolutions."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from helpers import make_trainer
from kc_desktop.core.models.registry import build_model
from kc_desktop.core.training.callbacks import History
from kc_desktop.core.training.tasks import TASKS, make_optimizer

CPU = torch.device("cpu")
SETTINGS = {
    "lr": 1e-3,
    "optimizer": "adam",
    "momentum": 0.9,
    "adam_betas": [0.9, 0.999],
    "beta": 1.0,
    "seed": 0,
}


def test_adam_is_fused_for_dense_weights_and_not_for_channels_last_ones() -> None:
    mlp = build_model("mlp", channels=1, size=28, num_classes=10)
    assert make_optimizer(mlp.parameters(), "adam", 1e-3, 0.9, (0.9, 0.999)).defaults["fused"]
    cnn = build_model("small-cnn", channels=1, size=28, num_classes=10)
    task = TASKS["classify"](cnn, dict(SETTINGS), CPU)
    conv = cnn.features[3].weight  # 32 -> 64 channels (a 1-channel one is both layouts)
    assert conv.is_contiguous(memory_format=torch.channels_last) and not conv.is_contiguous()
    assert not task.optimizers[0].defaults["fused"]


def test_channels_last_network_computes_what_the_plain_one_does() -> None:
    torch.manual_seed(0)
    plain = build_model("small-cnn", channels=3, size=28, num_classes=4)
    fast = build_model("small-cnn", channels=3, size=28, num_classes=4)
    fast.load_state_dict(plain.state_dict())
    TASKS["classify"](fast, dict(SETTINGS), CPU)  # switches fast to channels-last
    x = torch.rand(5, 3, 28, 28)
    plain.eval(), fast.eval()
    assert torch.allclose(plain(x), fast(x), atol=1e-5)


def _fit(tmp_path: Path, epochs: int, **extra) -> tuple[dict, History]:
    history = History()
    summary = make_trainer(tmp_path, epochs=epochs, seed=5, callbacks=[history], **extra).fit()
    return summary, history


def test_fused_adam_run_resumed_from_its_checkpoint_matches_an_unbroken_one(
    tmp_path: Path,
) -> None:
    _, unbroken = _fit(tmp_path, 4)
    half, _ = _fit(tmp_path, 2)
    _, resumed = _fit(tmp_path, 4, run_dir=half["run_dir"], resume=True)
    for a, b in zip(unbroken.epochs[2:], resumed.epochs, strict=True):
        assert a["loss"] == pytest.approx(b["loss"], rel=1e-6)
        assert a["val_loss"] == pytest.approx(b["val_loss"], rel=1e-6)
