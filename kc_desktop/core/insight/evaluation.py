"""How a trained classifier does on its test split: confusion matrix, per-class scores, mistakes.

The test split is rebuilt exactly as the engine made it (same dataset, seed, fractions and
resizing) and scored with the same batch size and precision, so the accuracy found here is
the ``test_accuracy`` that summary.json reports, and every cell of the matrix can be traced
back to the images behind it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from kc_desktop.core.data.dataset import ImageDataset
from kc_desktop.core.data.registry import load_dataset
from kc_desktop.core.data.streaming import IN_MEMORY, prepare_split
from kc_desktop.core.devices import resolve_device
from kc_desktop.core.errors import DataError
from kc_desktop.core.i18n import QT_TRANSLATE_NOOP
from kc_desktop.core.inference import LoadedRun, load_run
from kc_desktop.core.runs.layout import RunDirectory
from kc_desktop.core.training.config import TrainConfig
from kc_desktop.core.training.engine import EVAL_BATCH_SIZE

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ClassMetrics:
    """Scores of one class; precision or recall is 0 when nothing was predicted / present."""

    name: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass
class Evaluation:
    """Predictions on every test image, in split order, and what follows from them.

    ``images`` are uint8 (N, H, W, C) at the model's input size (what the model saw);
    ``confidences`` are the softmax probabilities of the predicted classes.
    """

    classes: list[str]
    labels: np.ndarray
    predictions: np.ndarray
    confidences: np.ndarray
    images: np.ndarray

    @property
    def total(self) -> int:
        return int(self.labels.size)

    @property
    def accuracy(self) -> float:
        return float((self.labels == self.predictions).mean()) if self.total else 0.0

    def confusion(self) -> np.ndarray:
        """int64 (K, K) counts: row = true class, column = predicted class."""
        k = len(self.classes)
        flat = np.bincount(self.labels * k + self.predictions, minlength=k * k)
        return flat.reshape(k, k).astype(np.int64)

    def class_metrics(self) -> list[ClassMetrics]:
        """Precision, recall, F1 and support of each class, read off the confusion matrix."""
        matrix = self.confusion()
        hits = np.diag(matrix).astype(float)
        predicted = matrix.sum(axis=0)
        support = matrix.sum(axis=1)
        rows = []
        for index, name in enumerate(self.classes):
            precision = hits[index] / predicted[index] if predicted[index] else 0.0
            recall = hits[index] / support[index] if support[index] else 0.0
            both = precision + recall
            f1 = 2 * precision * recall / both if both else 0.0
            rows.append(ClassMetrics(name, precision, recall, f1, int(support[index])))
        return rows

    def cell_indices(self, true_class: int, predicted_class: int) -> np.ndarray:
        """Test images of one confusion-matrix cell, most confident first."""
        mask = (self.labels == true_class) & (self.predictions == predicted_class)
        return self._by_confidence(np.flatnonzero(mask), most_confident_first=True)

    def misclassified(self, most_confident_first: bool = True) -> np.ndarray:
        """Indices of the wrongly classified test images, sorted by confidence."""
        wrong = np.flatnonzero(self.labels != self.predictions)
        return self._by_confidence(wrong, most_confident_first)

    def _by_confidence(self, indices: np.ndarray, most_confident_first: bool) -> np.ndarray:
        order = np.argsort(self.confidences[indices], kind="stable")
        return indices[order[::-1] if most_confident_first else order]


def recorded_split(config: dict) -> tuple[int, float, float]:
    """(seed, validation fraction, test fraction) as a run's config.json records them."""
    return (
        int(config.get("seed", 0)),
        float(config.get("val_fraction", 0.1)),
        float(config.get("test_fraction", 0.1)),
    )


def load_test_split(run: LoadedRun) -> tuple[torch.Tensor, torch.Tensor, list[str]]:
    """The run's test images (uint8, at the model's input size), labels and class names.

    Raises ``ValueError`` with a plain message when the data on disk no longer matches the
    run (another folder, renamed classes), since the scores would then mean nothing.
    """
    config = run.config
    seed, val_fraction, test_fraction = recorded_split(config)
    recorded = TrainConfig.from_dict(config)  # folders: the size and colour it was read at
    dataset = load_dataset(
        str(config.get("dataset", "")),
        path=config.get("folder"),
        size=recorded.image_size,
        colour=recorded.colour,
        seed=seed,
        val_fraction=val_fraction,
        test_fraction=test_fraction,
        download=False,
    )
    return checked_test_split(run, dataset)


def checked_test_split(
    run: LoadedRun, dataset: ImageDataset
) -> tuple[torch.Tensor, torch.Tensor, list[str]]:
    """``dataset``'s test split resized as the engine resized it, after checking it fits."""
    expected_name = run.config.get("dataset_name")
    if list(dataset.classes) != run.classes or (expected_name and dataset.name != expected_name):
        raise DataError(
            QT_TRANSLATE_NOOP(
                "core",
                "The data has changed since this run was trained (it was trained on {name} "
                "with classes {classes}); its test images cannot be rebuilt.",
            ).format(
                name=expected_name or QT_TRANSLATE_NOOP("core", "other data"),
                classes=", ".join(run.classes),
            )
        )
    if dataset.channels != run.channels:
        raise DataError(
            QT_TRANSLATE_NOOP(
                "core",
                "This run expects {expected}-channel images but the data has {found}; its "
                "test images cannot be rebuilt.",
            ).format(expected=run.channels, found=dataset.channels)
        )
    if dataset.split_key() != recorded_split(run.config):
        raise DataError(
            QT_TRANSLATE_NOOP(
                "core",
                "These images are split differently from the run's own split (seed {seed}); "
                "scoring them could include images the model trained on.",
            ).format(seed=recorded_split(run.config)[0])
        )
    # Gathered a chunk at a time (a memory-mapped folder is never read whole) as uint8 at the
    # model's side: the view keeps these for its mistakes, floats exist one batch at a time.
    images, labels = prepare_split(dataset, "test", run.size, IN_MEMORY)
    return images, labels, list(dataset.classes)


def evaluate_run(
    run: LoadedRun, dataset: ImageDataset | None = None, progress: Progress | None = None
) -> Evaluation:
    """Score ``run`` on its test split (rebuilt from config.json unless ``dataset`` is given).

    Batched like the engine's own test pass (same batch size, bf16 autocast on CUDA, eval
    mode, no gradients); ``progress(done, total)`` counts images.
    """
    if not run.task.is_classifier:
        raise DataError(
            QT_TRANSLATE_NOOP("core", "Only classifier runs can be evaluated on test images.")
        )
    images, labels, classes = (
        load_test_split(run) if dataset is None else checked_test_split(run, dataset)
    )
    total = int(labels.numel())
    if total == 0:
        raise DataError(
            QT_TRANSLATE_NOOP("core", "This run has no test images (its test fraction was 0).")
        )
    predictions, confidences = predict_batches(run, images, progress)
    return Evaluation(
        classes=classes,
        labels=labels.numpy().astype(np.int64),
        predictions=predictions,
        confidences=confidences,
        images=images.permute(0, 2, 3, 1).contiguous().numpy(),
    )


def evaluate_saved_run(run_dir: str | Path, progress: Progress | None = None) -> Evaluation:
    """Evaluate a fresh copy of a saved run's model on the device it was trained on.

    A fresh copy keeps the caller's model (e.g. the one the Classify tab uses) out of this
    thread; the training device matters because CUDA runs score in bfloat16, and only the
    same precision reproduces their ``test_accuracy`` exactly. Without that device (a run
    trained on a GPU, opened on a laptop) the CPU scores it in full precision.
    """
    config_device = str(RunDirectory(Path(run_dir)).read_config().get("device") or "auto")
    try:
        device = str(resolve_device(config_device))
    except ValueError:
        device = "cpu"
    return evaluate_run(load_run(run_dir, device=device), progress=progress)


def predict_batches(
    run: LoadedRun, images: torch.Tensor, progress: Progress | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Predicted class and its probability for uint8 (N, C, H, W) ``images``."""
    model, device = run.model, run.device
    model.eval()
    predictions, confidences = [], []
    total = int(images.shape[0])
    with torch.no_grad():
        for start in range(0, total, EVAL_BATCH_SIZE):
            x = images[start : start + EVAL_BATCH_SIZE].to(device).float().div_(255)
            if device.type == "cuda":
                with torch.autocast("cuda", dtype=torch.bfloat16):
                    logits = model(x)
            else:
                logits = model(x)
            predicted = logits.argmax(1)  # as the engine counts hits, ties included
            probabilities = torch.softmax(logits.float(), dim=1)
            confidence = probabilities.gather(1, predicted.unsqueeze(1)).squeeze(1)
            predictions.append(predicted.cpu())
            confidences.append(confidence.cpu())
            if progress is not None:
                progress(min(start + EVAL_BATCH_SIZE, total), total)
    return (
        torch.cat(predictions).numpy().astype(np.int64),
        torch.cat(confidences).numpy().astype(np.float64),
    )
