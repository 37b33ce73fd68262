"""Figures 1 and 2: the engine against the usual PyTorch script and against an ideal loop.

All three train the same network (built by the app's model registry from the same seed) with
the same optimiser, batch size and thread count on the same 28x28 images; only the way the
data is served and the loop around the step differ. Every variant runs once before the
measured rounds (``timing.warm_up``: the process's one-off costs, reported apart as the first
run against the steady state); each run does ``warmup`` steps untimed, then ``timed`` steps
on the clock; the figure is training samples per second in that steady state (epoch-end
work such as validation and checkpoints falls outside the window for every variant). Qt-free.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterator
from typing import Any

import torch

from kc_desktop.bench.scripts import dataloader_batches, ideal_batches, ideal_step, script_step
from kc_desktop.bench.timing import interleave, median, ratio_of_medians, warm_up
from kc_desktop.core.data.dataset import ImageDataset
from kc_desktop.core.data.errors import DatasetUnavailableError
from kc_desktop.core.training.callbacks import Callback
from kc_desktop.core.training.config import TrainConfig
from kc_desktop.core.training.control import RunControl
from kc_desktop.core.training.engine import Trainer

BATCH_SIZE = 64
MNIST_TRAIN_IMAGES = 60_000
HELD_OUT_IMAGES = 1_000
"""Validation and test images each: the engine evaluates when the run stops (off the clock)."""

MODELS = ("mlp", "small-cnn", "dcgan")
CLASSIFIERS = ("mlp", "small-cnn")
TIMED_STEPS = {"mlp": 400, "small-cnn": 150, "dcgan": 60}
WARMUP_STEPS = 30
QUICK_STEPS, QUICK_WARMUP = 6, 2

Step = Callable[[torch.Tensor, torch.Tensor, int], None]


def benchmark_dataset(quick: bool) -> ImageDataset:
    """MNIST when it is on disk (never downloaded here), else 60,000 synthetic digits."""
    if not quick:
        from kc_desktop.core.data.registry import load_dataset

        try:
            return load_dataset("mnist", download=False)
        except DatasetUnavailableError:
            pass
    train = BATCH_SIZE * 40 if quick else MNIST_TRAIN_IMAGES
    return synthetic_digits(train, 128 if quick else HELD_OUT_IMAGES)


def synthetic_digits(train: int, held_out: int, seed: int = 0) -> ImageDataset:
    """28x28 greyscale noise with a bright bar whose height encodes the class (10 classes).

    Learnable, so losses move as on real digits, and made in a few vectorised operations.
    """
    count = train + 2 * held_out
    generator = torch.Generator().manual_seed(seed)
    labels = torch.randint(0, 10, (count,), generator=generator)
    images = torch.randint(0, 64, (count, 1, 28, 28), generator=generator, dtype=torch.uint8)
    rows = 3 + 2 * labels
    everyone = torch.arange(count)
    for offset in (0, 1):
        images[everyone, 0, rows + offset, 4:24] = 255
    splits = {
        "train": torch.arange(train),
        "val": torch.arange(train, train + held_out),
        "test": torch.arange(train + held_out, count),
    }
    return ImageDataset(
        id="synthetic-digits",
        name="Synthetic 28x28 digits",
        images=images,
        labels=labels,
        classes=[str(digit) for digit in range(10)],
        splits=splits,
    )


def sync(device: torch.device) -> None:
    """Wait for queued GPU work, so that a clock read means the steps before it are done."""
    if device.type == "cuda":
        torch.cuda.synchronize(device)


class _ThroughputProbe(Callback):
    """Clocks the engine between two of its own log points, then asks the run to stop."""

    def __init__(self, control: RunControl, warmup: int, timed: int, device: torch.device):
        self.control, self.warmup, self.timed, self.device = control, warmup, timed, device
        self.start: tuple[int, float] | None = None
        self.end: tuple[int, float] | None = None

    def on_step_end(self, logs: dict[str, Any]) -> None:
        sync(self.device)
        now, step = time.perf_counter(), int(logs["global_step"])
        if self.start is None:
            if step >= self.warmup:
                self.start = (step, now)
        elif self.end is None and step - self.start[0] >= self.timed:
            self.end = (step, now)
            self.control.stop()

    def samples_per_s(self) -> float:
        if self.start is None or self.end is None:
            raise RuntimeError("The run ended before the timed window; use more data or steps.")
        return (self.end[0] - self.start[0]) * BATCH_SIZE / (self.end[1] - self.start[1])


def engine_samples_per_s(
    model_id: str, dataset: ImageDataset, device: torch.device, warmup: int, timed: int
) -> float:
    """The app's Trainer.fit, as the window and the CLI run it, with default logging."""
    control = RunControl()
    probe = _ThroughputProbe(control, warmup, timed, device)
    config = TrainConfig(
        dataset=dataset.id, model=model_id, epochs=10_000, batch_size=BATCH_SIZE, device=str(device)
    )
    with tempfile.TemporaryDirectory(prefix="kc-bench-runs-") as runs:
        Trainer(config, callbacks=[probe], control=control, dataset=dataset, runs_parent=runs).fit()
    return probe.samples_per_s()


def timed_loop(
    batches: Iterator[tuple[torch.Tensor, torch.Tensor]],
    step: Step,
    device: torch.device,
    warmup: int,
    timed: int,
) -> float:
    """Samples/s of ``step`` over ``timed`` batches after ``warmup`` untimed ones.

    Fetching a batch is inside the clock: serving data is part of what is compared.
    """
    for index in range(warmup):
        step(*next(batches), index)
    sync(device)
    started, samples = time.perf_counter(), 0
    for index in range(warmup, warmup + timed):
        x, y = next(batches)
        step(x, y, index)
        samples += len(x)
    sync(device)
    return samples / (time.perf_counter() - started)


def _variants(
    model_id: str, dataset: ImageDataset, device: torch.device, warmup: int, timed: int
) -> dict[str, Callable[[], float]]:
    """The engine, the usual script and (for classifiers) the ideal loop, as measurements."""
    variants = {
        "engine": lambda: engine_samples_per_s(model_id, dataset, device, warmup, timed),
        "dataloader": lambda: timed_loop(
            dataloader_batches(model_id, dataset, device),
            script_step(model_id, dataset, device),
            device,
            warmup,
            timed,
        ),
    }
    if model_id in CLASSIFIERS:
        variants["ideal"] = lambda: timed_loop(
            ideal_batches(dataset, device),
            ideal_step(model_id, dataset, device),
            device,
            warmup,
            timed,
        )
    return variants


def engine_figures(
    device: torch.device, *, quick: bool, repeats: int
) -> tuple[dict[str, float], dict[str, Any]]:
    """(figures, raw samples/s per model and variant) for one device."""
    dataset = benchmark_dataset(quick)
    raw: dict[str, Any] = {"dataset": dataset.name, "train_images": len(dataset.splits["train"])}
    warmup = QUICK_WARMUP if quick else WARMUP_STEPS
    for model_id in MODELS:
        timed = QUICK_STEPS if quick else TIMED_STEPS[model_id]
        variants = _variants(model_id, dataset, device, warmup, timed)
        first = warm_up(variants)
        raw[model_id] = {
            "timed_steps": timed,
            "first_run_samples_per_s": first,
            "samples_per_s": interleave(repeats, variants),
        }
    figures = {
        f"engine_vs_dataloader_{m.replace('-', '_')}": ratio_of_medians(
            raw[m]["samples_per_s"]["engine"], raw[m]["samples_per_s"]["dataloader"]
        )
        for m in MODELS
    }
    ideal = {
        m: ratio_of_medians(raw[m]["samples_per_s"]["engine"], raw[m]["samples_per_s"]["ideal"])
        for m in CLASSIFIERS
    }
    raw["engine_vs_ideal_per_model"] = ideal
    figures["engine_vs_ideal"] = min(ideal.values())
    figures["engine_first_run_vs_steady"] = min(
        raw[m]["first_run_samples_per_s"]["engine"] / median(raw[m]["samples_per_s"]["engine"])
        for m in MODELS
    )
    return figures, raw
