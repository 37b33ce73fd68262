"""Pretrained backbones: the features pass, the quick head, and a quick vs fine-tune epoch.

``embedding_images_per_s``: MobileNet V3 Small's forward pass at 224 pixels on the device
(what the one-off features pass costs per image). ``quick_head_seconds``: a whole quick-mode
run (default settings) on 1,000 cached embeddings, the features already cached, as a second
run on the same photos would be. ``quick_vs_finetune_epoch``: one quick epoch's time over one
fine-tune epoch's on the same images. Timings do not depend on the weights' values, so a
seeded random network stands in for the ImageNet file when it is not on this computer
(never written outside the bench's scratch home). Qt-free.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import torch

from kc_desktop.core.data.dataset import ImageDataset
from kc_desktop.core.data.splits import make_splits
from kc_desktop.core.models.backbones import BACKBONES, NATIVE_SIZE
from kc_desktop.core.models.pretrained_weights import weights_path
from kc_desktop.core.models.registry import build_model
from kc_desktop.core.training.callbacks import History
from kc_desktop.core.training.config import TrainConfig
from kc_desktop.core.training.engine import Trainer

MODEL = "mobilenet-v3-small"
HEAD_ROWS = 1_000  # training rows of the quick-head figure
QUICK_ROWS = 40
SIDE = 32  # images and backbone side for the head and epoch figures (the features pass is
# timed at 224 on its own)
EMBED_IMAGES, QUICK_EMBED_IMAGES = 256, 8


def backbone_figures(*, quick: bool, repeats: int) -> tuple[dict[str, float], dict[str, Any]]:
    """The three figures and their raw timings."""
    device = torch.device("cuda", 0) if torch.cuda.is_available() else torch.device("cpu")
    with _scratch_weights():
        rate = _embedding_rate(QUICK_EMBED_IMAGES if quick else EMBED_IMAGES, device, repeats)
        dataset = _photos(QUICK_ROWS if quick else HEAD_ROWS)
        Trainer(_config(epochs=1), dataset=dataset).fit()  # fills the features cache
        heads = [_timed_fit(_config(), dataset)[0] for _ in range(repeats)]
        quick_epoch = statistics.median(_timed_fit(_config(epochs=2), dataset)[1])
        tune_epoch = statistics.median(_timed_fit(_config(epochs=1, fine_tune=True), dataset)[1])
    figures = {
        "embedding_images_per_s": rate,
        "quick_head_seconds": statistics.median(heads),
        "quick_vs_finetune_epoch": quick_epoch / tune_epoch,
    }
    raw = {
        "device": str(device),
        "quick_head_runs_s": heads,
        "quick_epoch_s": quick_epoch,
        "fine_tune_epoch_s": tune_epoch,
        "training_rows": len(dataset.splits["train"]),
    }
    return figures, raw


def _config(epochs: int | None = None, fine_tune: bool = False) -> TrainConfig:
    return TrainConfig(
        dataset="bench-photos",
        model=MODEL,
        epochs=epochs,
        backbone_size=SIDE,
        fine_tune=fine_tune,
    )


def _timed_fit(config: TrainConfig, dataset: ImageDataset) -> tuple[float, list[float]]:
    """(whole run in seconds, each epoch's seconds)."""
    history = History()
    started = time.perf_counter()
    Trainer(config, dataset=dataset, callbacks=[history]).fit()
    return time.perf_counter() - started, [float(e["seconds"]) for e in history.epochs]


def _embedding_rate(count: int, device: torch.device, repeats: int) -> float:
    """Images per second through the backbone at its native side (median of ``repeats``)."""
    model = build_model(MODEL, channels=3, size=NATIVE_SIZE, num_classes=2, pretrained=True)
    model.to(device).eval()
    images = torch.rand(count, 3, NATIVE_SIZE, NATIVE_SIZE, device=device)
    rates = []
    with torch.no_grad():
        model.embed(images[:8])  # warm-up
        for _ in range(repeats):
            started = time.perf_counter()
            for start in range(0, count, 64):
                model.embed(images[start : start + 64])
            if device.type == "cuda":
                torch.cuda.synchronize(device)
            rates.append(count / (time.perf_counter() - started))
    return statistics.median(rates)


def _photos(train_rows: int) -> ImageDataset:
    """Random colour images, two classes, with ``train_rows`` training images."""
    count = int(train_rows / 0.8)
    generator = torch.Generator().manual_seed(0)
    images = torch.randint(0, 256, (count, 3, SIDE, SIDE), generator=generator, dtype=torch.uint8)
    labels = torch.arange(count) % 2
    splits = make_splits(labels, seed=0, val_fraction=0.1, test_fraction=0.1)
    return ImageDataset("bench-photos", "Bench photos", images, labels, ["a", "b"], splits)


@contextmanager
def _scratch_weights() -> Iterator[None]:
    """The real weights when present in the scratch home, else a seeded random network's,
    with ``TORCH_HOME`` set aside so nothing is written to the user's own folder."""
    from torchvision.models import get_model

    torch_home = os.environ.pop("TORCH_HOME", None)
    try:
        path = weights_path(BACKBONES[MODEL].url)
        if not path.is_file():
            torch.manual_seed(0)
            path.parent.mkdir(parents=True, exist_ok=True)
            torch.save(get_model(BACKBONES[MODEL].torchvision_name).state_dict(), path)
        yield
    finally:
        if torch_home is not None:
            os.environ["TORCH_HOME"] = torch_home
