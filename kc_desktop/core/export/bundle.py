"""Export a run folder as a self-contained folder that works without kc_desktop.

``export_run`` writes, under fixed names: ``model.onnx`` and/or ``model.pt`` (TorchScript),
``labels.json`` (class names in output order), ``preprocessing.json`` (everything needed to
prepare an input, so nothing has to be guessed), ``predict.py`` (needs only onnxruntime,
Pillow and numpy), and ``README.md``, a model card with ``confusion_matrix.png`` and
``training_curves.png`` beside it. The same function serves the CLI and the window.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from kc_desktop.core.data.errors import DatasetUnavailableError
from kc_desktop.core.errors import ConfigError
from kc_desktop.core.export import network
from kc_desktop.core.export.charts import confusion_png, curves_png
from kc_desktop.core.export.model_card import CardFacts, model_card
from kc_desktop.core.i18n import QT_TRANSLATE_NOOP
from kc_desktop.core.inference import LoadedRun, load_run
from kc_desktop.core.runs.checkpoints import atomic_write_bytes, atomic_write_json
from kc_desktop.core.runs.history import read_epoch_curves
from kc_desktop.core.runs.layout import RunDirectory, encode_png

if TYPE_CHECKING:
    from kc_desktop.core.data.dataset import ImageDataset

ExportFormat = Literal["onnx", "torchscript", "all"]
FORMATS: tuple[str, ...] = ("onnx", "torchscript", "all")
ONNX_FILE = "model.onnx"
TORCHSCRIPT_FILE = "model.pt"
LABELS_FILE = "labels.json"
PREPROCESSING_FILE = "preprocessing.json"
PREDICT_FILE = "predict.py"
CARD_FILE = "README.md"
CONFUSION_FILE = "confusion_matrix.png"
CURVES_FILE = "training_curves.png"
PREDICT_SOURCE = Path(__file__).with_name("predict_script.py")

Progress = Callable[[int, int], None]
STEPS = 5


def export_run(
    run_dir: str | Path,
    out_dir: str | Path,
    fmt: ExportFormat = "onnx",
    progress: Progress | None = None,
) -> list[Path]:
    """Export ``run_dir`` into ``out_dir`` (created if needed); returns the files written.

    Raises ``CheckpointError`` for a folder that is not a usable run, ``ConfigError`` for
    an unknown format and ``OSError`` when ``out_dir`` cannot be written (``USER_ERRORS``).
    """
    if fmt not in FORMATS:
        raise ConfigError(
            QT_TRANSLATE_NOOP(
                "core", "Unknown export format {fmt}; use onnx, torchscript or all."
            ).format(fmt=fmt)
        )
    report = progress or (lambda _done, _total: None)
    run = load_run(run_dir, device="cpu")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    report(0, STEPS)
    if fmt in ("onnx", "all"):
        written.append(network.write_onnx(run, out / ONNX_FILE))
    report(1, STEPS)
    if fmt in ("torchscript", "all"):
        written.append(network.write_torchscript(run, out / TORCHSCRIPT_FILE))
    report(2, STEPS)
    atomic_write_json(out / LABELS_FILE, list(run.classes))
    atomic_write_json(out / PREPROCESSING_FILE, preprocessing(run))
    written += [out / LABELS_FILE, out / PREPROCESSING_FILE]
    if fmt in ("onnx", "all"):
        atomic_write_bytes(out / PREDICT_FILE, PREDICT_SOURCE.read_bytes())
        written.append(out / PREDICT_FILE)
    report(3, STEPS)
    facts = CardFacts(files=[(p.name, _FILE_WORDS[p.name]) for p in written])
    written += _write_pictures(run, out, facts)
    report(4, STEPS)
    summary = RunDirectory(run.path).read_summary()
    atomic_write_bytes(out / CARD_FILE, model_card(run, summary, facts).encode("utf-8"))
    written.append(out / CARD_FILE)
    _make_readable(written)
    report(STEPS, STEPS)
    return written


_FILE_WORDS = {
    ONNX_FILE: "the network in ONNX (onnxruntime, OpenCV, ONNX.js, ...); batch size is free",
    TORCHSCRIPT_FILE: "the network as TorchScript (`torch.jit.load`, LibTorch in C++)",
    LABELS_FILE: "class names in the order of the network's outputs",
    PREPROCESSING_FILE: "how to turn an image into the network's input",
    PREDICT_FILE: "a small script that runs the model (onnxruntime, Pillow, numpy)",
}


def _make_readable(paths: list[Path]) -> None:
    """Atomic writes create private (0600) files; an export is made to be handed on."""
    umask = os.umask(0)
    os.umask(umask)
    for path in paths:
        path.chmod(0o666 & ~umask)


def preprocessing(run: LoadedRun) -> dict[str, Any]:
    """How an input is prepared, as data: the exporter, predict.py and readers agree on it."""
    prep: dict[str, Any] = {
        "task": str(run.task),
        "model": str(run.config["model"]),
        "input_name": network.INPUT_NAME,
        "output_name": network.OUTPUT_NAME,
        "layout": "NCHW",
        "dtype": "float32",
    }
    if run.task.has_latent:
        return prep | {
            "input": "latent",
            "latent_dim": run.latent_dim,
            "latent_distribution": "standard normal",
            "output": "images in [0, 1], (batch, channels, size, size)",
            "channels": run.channels,
            "input_size": run.size,
        }
    return prep | {
        "input": "image",
        "input_size": run.size,
        "channels": run.channels,
        "colour": "L" if run.channels == 1 else "RGB",
        "resize": "bilinear, stretched to a square (aspect ratio not kept)",
        "exif_orientation": "applied",
        "transparency": "composited on white",
        "scale": 1 / 255,
        "mean": [0.0] * run.channels,
        "std": [1.0] * run.channels,
        "output": "logits: softmax gives class probabilities"
        if run.task.is_classifier
        else "reconstructed images in [0, 1], same shape as the input",
    }


def _write_pictures(run: LoadedRun, out: Path, facts: CardFacts) -> list[Path]:
    """The confusion matrix (classifiers, when the test images can be rebuilt), the curves."""
    written = []
    dataset = _recorded_dataset(run)
    if dataset is not None:
        facts.class_counts = {
            split: dataset.class_counts(split) for split in ("train", "val", "test")
        }
    if run.task.is_classifier and dataset is not None:
        from kc_desktop.core.insight.evaluation import evaluate_run

        try:
            evaluation = evaluate_run(run, dataset)
        except ValueError:
            evaluation = None  # changed data or no test split: the card says so by omission
        if evaluation is not None:
            facts.test_accuracy_checked = evaluation.accuracy
            image = confusion_png(evaluation.confusion(), run.classes)
            atomic_write_bytes(out / CONFUSION_FILE, encode_png(image))
            facts.pictures.append((CONFUSION_FILE, "Confusion matrix on the test images"))
            written.append(out / CONFUSION_FILE)
    curves = read_epoch_curves(run.path)
    if curves:
        atomic_write_bytes(out / CURVES_FILE, encode_png(curves_png(curves)))
        facts.pictures.append((CURVES_FILE, "Training curves"))
        written.append(out / CURVES_FILE)
    return written


def _recorded_dataset(run: LoadedRun) -> ImageDataset | None:
    """The run's dataset split as it recorded, or None when it is not on this machine (a
    download is never started: exporting works offline)."""
    from kc_desktop.core.data.registry import load_dataset

    config = run.config
    try:
        dataset = load_dataset(
            str(config.get("dataset", "")),
            path=config.get("folder"),
            size=config.get("image_size"),
            seed=int(config.get("seed", 0)),
            val_fraction=float(config.get("val_fraction", 0.1)),
            test_fraction=float(config.get("test_fraction", 0.1)),
            download=False,
        )
    except (DatasetUnavailableError, ValueError, TypeError, OSError):
        return None
    return dataset if list(dataset.classes) == run.classes else None
