"""How long a run will take, said before it starts: a short timed probe of a few steps.

A newcomer's first click should not turn into "31 minutes left". Before Train is pressed,
the window (on a worker thread) and the command line time a few real training steps of
the configured model on the real data and device, and scale them by the run's plan: steps
per epoch, the epochs it plans for (an auto run's horizon, the most it can take), a
validation pass per epoch and the final test pass, capped by an auto run's time budget.
The probe also writes one checkpoint of its model and optimiser to a temporary folder, as
the engine does after every epoch (an auto run also keeps its best weights): for a model
of a few hundred thousand weights that write costs as much as a whole epoch of steps, and
an estimate from the steps alone read half the real time for the MLP on the digits.
The model built for the probe is thrown away; the global RNG state is restored, so a run
started afterwards is exactly the run it would have been.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import torch

from kc_desktop.core.choices import AUTO, DEFAULT_TIME_BUDGET_S
from kc_desktop.core.data.dataset import ImageDataset
from kc_desktop.core.data.loader import DeviceBatches, resize_images
from kc_desktop.core.devices import resolve_device
from kc_desktop.core.i18n import QT_TRANSLATE_NOOP
from kc_desktop.core.models.registry import build_model, get_model_spec
from kc_desktop.core.runs.checkpoints import save_checkpoint
from kc_desktop.core.training.backbone_tasks import QuickHeadTask
from kc_desktop.core.training.config import TrainConfig
from kc_desktop.core.training.plan import planned_epochs, steps_per_epoch
from kc_desktop.core.training.quick_features import AUGMENTED_VIEWS
from kc_desktop.core.training.settings import resolve_settings
from kc_desktop.core.training.tasks import TASKS

WARMUP_STEPS = 2
"""Untimed first steps (allocations, kernel selection)."""
PROBE_STEPS = 6
EVAL_COST = 1 / 3
"""A validation or test image costs about a third of a training image (forward only)."""
EMBED_WARMUP, EMBED_PROBE = 4, 16
"""Quick mode: images sent through the backbone untimed, then timed (a batch of a few
images costs more per image than the features pass's batches)."""

ABOUT_SECONDS = QT_TRANSLATE_NOOP("core", "about {n} s")
ABOUT_MINUTES = QT_TRANSLATE_NOOP("core", "about {n} min")
ABOUT_HOURS = QT_TRANSLATE_NOOP("core", "about {n} h {m} min")
ON_CPU = QT_TRANSLATE_NOOP("core", "{duration} on this CPU")
ON_GPU = QT_TRANSLATE_NOOP("core", "{duration} on this GPU")


@dataclass(frozen=True)
class Estimate:
    """What the probe measured and what it predicts for the whole run."""

    seconds: float  # the whole run (an auto run: at most; it may stop earlier)
    step_seconds: float  # one training step, as measured
    save_seconds: float  # one checkpoint written, as measured
    steps_per_epoch: int
    epochs: int  # the epochs planned (an auto run's horizon)
    auto: bool
    on_gpu: bool

    def duration(self) -> tuple[str, dict[str, int]]:
        """(template, values) of "about 20 s" for ``str.format`` after translation."""
        return duration_template(self.seconds)

    def place(self) -> str:
        """Template of "{duration} on this CPU" (or GPU)."""
        return ON_GPU if self.on_gpu else ON_CPU

    def text(self) -> str:
        """The English sentence, e.g. "about 20 s on this CPU" (the command line's)."""
        template, values = self.duration()
        return self.place().format(duration=template.format(**values))


def duration_template(seconds: float) -> tuple[str, dict[str, int]]:
    """A rounded duration: under a minute to the second (5 s steps above 10 s), then
    minutes, then hours and minutes."""
    if seconds < 10:
        return ABOUT_SECONDS, {"n": max(1, round(seconds))}
    if seconds < 57.5:
        return ABOUT_SECONDS, {"n": 5 * round(seconds / 5)}
    minutes = max(1, round(seconds / 60))
    if minutes < 60:
        return ABOUT_MINUTES, {"n": minutes}
    return ABOUT_HOURS, {"n": minutes // 60, "m": minutes % 60}


def estimate_run(
    config: TrainConfig,
    dataset: ImageDataset,
    *,
    cancelled: Callable[[], bool] = lambda: False,
) -> Estimate | None:
    """Time ``PROBE_STEPS`` steps of ``config`` on ``dataset``; None when ``cancelled()``
    turned true between steps (the window asks for a newer estimate)."""
    config.validate()
    spec = get_model_spec(config.model)
    settings = resolve_settings(config, spec)
    device = resolve_device(config.device)
    batch = int(settings["batch_size"])
    size = spec.input_size(dataset.size, config.backbone_size)
    quick = spec.pretrained and not config.fine_tune
    train = dataset.splits["train"]
    steps = steps_per_epoch(len(train), batch)
    wanted = batch * (WARMUP_STEPS + PROBE_STEPS)
    chosen = train[:wanted].repeat(-(-wanted // max(len(train), 1)))  # few images: reuse them
    images, labels = dataset.images[chosen], dataset.labels[chosen]
    if quick:  # the head learns from features: a few images through the backbone suffice
        images = images[: EMBED_WARMUP + EMBED_PROBE]
    if images.shape[-1] != size:
        images = resize_images(images, size)
    with torch.random.fork_rng(devices=[device] if device.type == "cuda" else []):
        model = build_model(
            config.model,
            channels=dataset.channels,
            size=size,
            num_classes=len(dataset.classes),
            latent_dim=config.latent_dim,
        ).to(device)
        embed_seconds = 0.0
        if quick:
            embed_seconds, images = _embed_probe(model, images, len(labels))
        probe = _probe(config, spec.task, model, settings, images, labels, cancelled, quick)
    if probe is None:
        return None
    step_seconds, save_seconds = probe
    epochs = planned_epochs(config, spec.default_epochs, steps)
    eval_images = len(dataset.splits["val"]) * epochs + len(dataset.splits["test"])
    if spec.task.is_classifier:  # "I'm not sure" is fitted on train + val after the run
        eval_images += len(train) + len(dataset.splits["val"])
    auto = config.epochs == AUTO
    saves = (1 if quick else epochs) * (2 if auto else 1)  # an auto run: its best weights too
    seconds = step_seconds * (steps * epochs + EVAL_COST * eval_images / batch)
    seconds += save_seconds * saves
    if quick:  # the features pass (at most: a cached one is skipped) and the familiarity fit
        views = AUGMENTED_VIEWS if config.augment.enabled else 0
        passes = len(dataset) + views * len(train) + len(train) + len(dataset.splits["val"])
        seconds += embed_seconds * passes
    if auto:
        seconds = min(seconds, config.time_budget_s or DEFAULT_TIME_BUDGET_S)
    on_gpu = device.type == "cuda"
    return Estimate(seconds, step_seconds, save_seconds, steps, epochs, auto, on_gpu)


def _probe(
    config: TrainConfig,
    task_name: str,
    model: torch.nn.Module,
    settings: dict,
    images: torch.Tensor,
    labels: torch.Tensor,
    cancelled: Callable[[], bool],
    quick: bool = False,
) -> tuple[float, float] | None:
    """(seconds per training step: the median of ``PROBE_STEPS`` timed after
    ``WARMUP_STEPS`` untimed ones, as a cold process's first steps run slower than a run's;
    seconds to write one checkpoint)."""
    device = next(model.parameters()).device
    task_class = QuickHeadTask if quick else TASKS[task_name]
    if task_name == "classify":
        task = task_class(model, settings, device)
    else:
        preview = images[:8].to(device).float().div(255)
        task = task_class(model, settings, device, preview=preview)
    batches = DeviceBatches(
        images,
        labels,
        int(settings["batch_size"]),
        device=device,
        shuffle=True,
        seed=config.seed,
        augment=config.augment if task_name == "classify" and not quick else None,
    )
    timings: list[float] = []
    for index, (x, y) in enumerate(batches):
        if cancelled():
            return None
        started = time.perf_counter()
        _sync(task.train_step(x, y))
        if index >= WARMUP_STEPS:
            timings.append(time.perf_counter() - started)
        if index + 1 == WARMUP_STEPS + PROBE_STEPS:
            break
    return statistics.median(timings), _save_seconds(model, task.optimizers)


@torch.no_grad()
def _embed_probe(
    model: torch.nn.Module, images: torch.Tensor, rows: int
) -> tuple[float, torch.Tensor]:
    """Quick mode: seconds per image through the frozen backbone (``EMBED_PROBE`` images
    timed after ``EMBED_WARMUP`` untimed ones), and ``rows`` feature rows for the head."""
    device = next(model.parameters()).device
    model.eval()
    x = images.to(device).float().div_(255)
    model.embed(x[:EMBED_WARMUP])
    timed = x[EMBED_WARMUP:] if len(x) > EMBED_WARMUP else x
    started = time.perf_counter()
    features = model.embed(timed).float()
    per_image = (time.perf_counter() - started) / len(timed)
    return per_image, features.repeat(-(-rows // len(features)), 1)[:rows]


def _save_seconds(model: torch.nn.Module, optimizers: list[torch.optim.Optimizer]) -> float:
    """Time a checkpoint write of ``model`` and ``optimizers``, as the engine makes it; the
    faster of two, since the first in a process pays one-off set-up costs a run pays once."""
    timings = []
    with tempfile.TemporaryDirectory(prefix="kc-estimate-") as folder:
        for _ in range(2):
            started = time.perf_counter()
            save_checkpoint(
                Path(folder, "probe.safetensors"),
                model.state_dict(),
                [optimizer.state_dict() for optimizer in optimizers],
                {"epoch": 0},
            )
            timings.append(time.perf_counter() - started)
    return min(timings)


def _sync(values: dict[str, torch.Tensor]) -> None:
    """Wait for the device to finish the queued step (reading a value does)."""
    if values:
        next(iter(values.values())).item()
