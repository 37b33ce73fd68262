"""The exported folder's README.md: a model card a reader can trust without the app.

It says what the network is, what it learned from (dataset, classes, counts), how well it
did on images it never saw (summary.json's test metrics and, for classifiers, a confusion
matrix), how it was trained (hyper-parameters, curves), when and with which app version,
and what it cannot be expected to do. Everything comes from the run folder and the dataset
the run recorded; a dataset that is no longer available only leaves the counts out.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

from kc_desktop.core.inference import LoadedRun
from kc_desktop.core.models.registry import get_model_spec

HYPER_PARAMETERS = (
    "model",
    "dataset",
    "epochs",
    "batch_size",
    "lr",
    "optimizer",
    "momentum",
    "beta",
    "latent_dim",
    "seed",
    "input_size",
    "val_fraction",
    "test_fraction",
    "augment",
)
SUMMARY_METRICS = (
    "test_accuracy",
    "test_loss",
    "val_accuracy",
    "val_loss",
    "loss",
    "recon",
    "kl",
    "d_loss",
    "g_loss",
    "frechet_distance",
    "frechet_real",
    "classes_covered",
)
DATASET_LIMITS = {
    "digits": "Trained on 8x8 scikit-learn digits scaled up to 28x28: expect lower accuracy "
    "on photos of handwriting, and write digits thick, centred and light on dark.",
    "mnist": "Trained on centred 28x28 white-on-black digits: other layouts or dark ink on "
    "white paper need the same treatment first.",
    "fashion-mnist": "Trained on centred 28x28 greyscale product shots on a black background: "
    "expect lower accuracy on photos of clothing being worn.",
    "cifar10": "Trained on tiny 32x32 photos: large photos are shrunk to 32x32 first and "
    "lose their detail.",
    "shapes": "Trained on generated shapes on plain backgrounds: photos of real objects are "
    "outside what it has seen.",
    "folder": "Trained only on the pictures of one folder: it knows what they show, in the "
    "light and from the angles they were taken.",
}


@dataclass
class CardFacts:
    """What the card shows beyond the run folder (filled by the exporter)."""

    class_counts: dict[str, list[int]] | None = None  # split -> count per class
    test_accuracy_checked: float | None = None  # from the confusion matrix's own pass
    pictures: list[tuple[str, str]] = field(default_factory=list)  # (file, caption)
    files: list[tuple[str, str]] = field(default_factory=list)  # (file, what it is)


def app_version() -> str:
    try:
        return metadata.version("kc_desktop")
    except metadata.PackageNotFoundError:
        return "unknown"


def model_card(run: LoadedRun, summary: dict[str, Any] | None, facts: CardFacts) -> str:
    """The Markdown text of README.md."""
    spec = get_model_spec(str(run.config["model"]))
    config = run.config
    lines = [
        f"# {spec.name} trained on {config.get('dataset_name') or config.get('dataset')}",
        "",
        spec.description,
        "",
        f"- Task: {_task_words(run)}",
        f"- Input: {run.channels}-channel {run.size}x{run.size} images"
        if not run.task.has_latent
        else f"- Input: {run.latent_dim} numbers drawn from a standard normal distribution",
        f"- Run: `{run.path.name}`",
        f"- Exported: {datetime.date.today().isoformat()} with kc_desktop {app_version()}",
        "",
    ]
    lines += _files_section(facts) + _data_section(run, facts) + _metrics_section(summary, facts)
    lines += _pictures_section(facts) + _hyper_section(config) + _limits_section(run)
    return "\n".join(lines).rstrip() + "\n"


def _task_words(run: LoadedRun) -> str:
    return {
        "classify": f"image classification into {len(run.classes)} classes",
        "reconstruct": "autoencoder: rebuilds each image from a short code",
        "vae": "variational autoencoder: draws new images from random latent points",
        "gan": "generative adversarial network: draws new images from random latent points",
    }[run.task]


def _files_section(facts: CardFacts) -> list[str]:
    lines = ["## Files", ""]
    lines += [f"- `{name}`: {what}" for name, what in facts.files]
    lines += [
        "",
        "Run it without kc_desktop:",
        "",
        "```",
        "pip install onnxruntime pillow numpy",
        "python predict.py image1.png image2.png",
        "```",
        "",
    ]
    return lines


def _data_section(run: LoadedRun, facts: CardFacts) -> list[str]:
    lines = ["## Data", ""]
    if not run.classes:
        return [*lines, "No class names were recorded.", ""]
    counts = facts.class_counts
    if counts is None:
        names = ", ".join(run.classes)
        missing = "the dataset was not on this computer, so the counts are missing"
        return [*lines, f"Classes: {names} ({missing}).", ""]
    lines += ["| class | train | validation | test |", "| --- | ---: | ---: | ---: |"]
    for index, name in enumerate(run.classes):
        row = [str(counts[split][index]) for split in ("train", "val", "test")]
        lines.append(f"| {name} | " + " | ".join(row) + " |")
    totals = [str(sum(counts[split])) for split in ("train", "val", "test")]
    lines.append("| **all** | " + " | ".join(totals) + " |")
    return [*lines, ""]


def _metrics_section(summary: dict[str, Any] | None, facts: CardFacts) -> list[str]:
    lines = ["## How well it did", ""]
    if not summary:
        return [*lines, "The run did not finish; no final metrics were recorded.", ""]
    lines.append(
        f"Training {summary.get('status', 'ended')}; epochs trained: {summary.get('epochs')}."
    )
    lines += [""] + [
        f"- {key}: {summary[key]:.4f}"
        for key in SUMMARY_METRICS
        if isinstance(summary.get(key), int | float)
    ]
    if facts.test_accuracy_checked is not None:
        lines.append(f"- test accuracy of the confusion matrix: {facts.test_accuracy_checked:.4f}")
    lines.append(
        "\nTest figures come from images held out from training and from choosing the model."
    )
    return [*lines, ""]


def _pictures_section(facts: CardFacts) -> list[str]:
    lines: list[str] = []
    for name, caption in facts.pictures:
        lines += [f"### {caption}", "", f"![{caption}]({name})", ""]
    return lines


def _hyper_section(config: dict[str, Any]) -> list[str]:
    lines = ["## Hyper-parameters", "", "| setting | value |", "| --- | --- |"]
    lines += [
        f"| {key} | {config[key]} |" for key in HYPER_PARAMETERS if config.get(key) is not None
    ]
    return [*lines, ""]


def _limits_section(run: LoadedRun) -> list[str]:
    dataset = str(run.config.get("dataset", ""))
    limits = [DATASET_LIMITS[dataset]] if dataset in DATASET_LIMITS else []
    if run.task.is_classifier:
        limits.append(
            f"It always answers one of its {len(run.classes)} classes, even for a picture "
            "of something else; a low top probability is the only hint."
        )
    else:
        limits.append("It only draws things like its training images, at their small size.")
    limits.append(
        f"Every image is stretched to {run.size}x{run.size} pixels without keeping its "
        "aspect ratio, as in training."
    )
    return ["## Known limits", "", *[f"- {limit}" for limit in limits], ""]
