"""The run history: rows of the Runs view, the rules of rename and delete, per-epoch curves.

Qt-free, so that the rules (what a valid run name is, which run may be deleted) are tested
without a window and can serve the CLI as well.

Paths come only from listing the runs folder: ``summary.json`` holds a ``run_dir`` and
``config.json`` a dataset name, but a crafted or copied run could put any text there, so
nothing read from a run's JSON is used as a path. Numbers read from JSON are checked to be
numbers before they are shown or plotted.
"""

from __future__ import annotations

import csv
import io
import math
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from kc_desktop.core.errors import RunFolderError
from kc_desktop.core.guidance import dataset_name
from kc_desktop.core.i18n import QT_TRANSLATE_NOOP
from kc_desktop.core.paths import runs_dir
from kc_desktop.core.runs.checkpoints import CheckpointError, atomic_write_bytes, read_json
from kc_desktop.core.runs.layout import CHECKPOINT_FILE, CONFIG_FILE, RunDirectory, list_runs

MAX_NAME_LENGTH = 100
# Refused in names: path separators, and what Windows forbids, so a run folder copied there
# keeps its name.
FORBIDDEN_NAME_CHARACTERS = '/\\:*?"<>|'
# Fields of an epoch record that are bookkeeping, not metrics to compare.
NOT_METRICS = frozenset({"kind", "epoch", "seconds"})
# The metric a comparison shows first, when the runs share it.
PREFERRED_METRICS = ("val_accuracy", "val_loss", "g_loss", "loss")
CSV_HEADER = ("run", "epoch", "metric", "value")

# metric name -> {epoch: value}
Curves = dict[str, dict[int, float]]


@dataclass(frozen=True)
class RunRow:
    """What the Runs view shows of one saved run."""

    path: Path
    started: datetime
    dataset: str
    model: str
    task: str
    epochs: int | None  # planned
    epochs_done: int | None
    batch_size: int | None
    lr: float | None
    optimizer: str
    beta: float | None  # the VAE's KL weight; None for other models
    latent_dim: int | None  # VAE and GAN
    accuracy: float | None  # test accuracy of a classifier (validation for an unfinished run)
    loss: float | None  # test loss, else the last validation or training loss
    d_loss: float | None  # the discriminator's final loss of a GAN
    finished: bool  # summary.json exists: accuracy and loss are test figures
    status: str  # completed | stopped | diverged | failed | training | incomplete

    @property
    def name(self) -> str:
        return self.path.name


def run_rows(parent: str | Path | None = None, training: Path | None = None) -> list[RunRow]:
    """One row per saved run in ``parent`` (the runs folder), newest first.

    ``training`` is the folder of the run being trained now: it has no summary yet and is
    shown as "training" rather than "incomplete".
    """
    return [_row(info.path, info.config, info.summary, training) for info in list_runs(parent)]


def _row(
    path: Path, config: dict[str, Any], summary: dict[str, Any] | None, training: Path | None
) -> RunRow:
    finals = summary if summary is not None else _checkpoint_metrics(path)
    task = _text(config.get("task"))
    if summary is not None:
        status = _text(summary.get("status")) or "completed"
    else:
        status = "training" if _same_folder(path, training) else "incomplete"
    accuracy_key = "test_accuracy" if summary is not None else "val_accuracy"
    return RunRow(
        path=path,
        started=_started(path),
        dataset=_dataset_text(config),
        model=_text(config.get("model")),
        task=task,
        epochs=_integer(config.get("epochs")),
        epochs_done=_integer(finals.get("epochs", finals.get("epoch"))),
        batch_size=_integer(config.get("batch_size")),
        lr=_number(config.get("lr")),
        optimizer=_text(config.get("optimizer")),
        beta=_number(config.get("beta")) if task == "vae" else None,
        latent_dim=_integer(config.get("latent_dim")) if task in ("vae", "gan") else None,
        accuracy=_number(finals.get(accuracy_key)),
        loss=_final_loss(finals, task),
        d_loss=_number(finals.get("d_loss")) if task == "gan" else None,
        finished=summary is not None,
        status=status,
    )


def _checkpoint_metrics(path: Path) -> dict[str, Any]:
    """The last checkpoint's epoch and metrics: what an unfinished run has to show."""
    try:
        checkpoint = read_json(path / CHECKPOINT_FILE)
    except CheckpointError:
        return {}
    if not isinstance(checkpoint, dict):
        return {}
    metrics = checkpoint.get("metrics")
    values = dict(metrics) if isinstance(metrics, dict) else {}
    values["epoch"] = checkpoint.get("epoch")
    return values


def _final_loss(finals: dict[str, Any], task: str) -> float | None:
    keys = ("g_loss",) if task == "gan" else ("test_loss", "val_loss", "loss")
    for key in keys:
        value = _number(finals.get(key))
        if value is not None:
            return value
    return None


def _started(path: Path) -> datetime:
    """When the run was configured: config.json's time (it survives a rename of the folder)."""
    return datetime.fromtimestamp((path / CONFIG_FILE).stat().st_mtime)


def _dataset_text(config: dict[str, Any]) -> str:
    """A built-in dataset's name (``Handwritten digits (offline)``), or the folder's name."""
    dataset = _text(config.get("dataset"))
    if dataset == "folder":
        return _text(config.get("dataset_name")) or dataset
    return dataset_name(dataset)


def _same_folder(path: Path, other: Path | None) -> bool:
    return other is not None and path.resolve() == Path(other).resolve()


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _integer(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


# ---------------------------------------------------------------- rename and delete
def validate_run_name(name: str) -> str:
    """The name with surrounding spaces removed; ValueError with a plain reason if unusable."""
    name = name.strip()
    if not name:
        raise RunFolderError(QT_TRANSLATE_NOOP("core", "Give the run a name."))
    if any(char in FORBIDDEN_NAME_CHARACTERS or ord(char) < 32 for char in name):
        raise RunFolderError(
            QT_TRANSLATE_NOOP(
                "core", "A run name cannot contain any of {characters} or control characters."
            ).format(characters=" ".join(FORBIDDEN_NAME_CHARACTERS))
        )
    if name.startswith("."):
        raise RunFolderError(QT_TRANSLATE_NOOP("core", "A run name cannot start with a dot."))
    if name.endswith("."):
        raise RunFolderError(QT_TRANSLATE_NOOP("core", "A run name cannot end with a dot."))
    if len(name) > MAX_NAME_LENGTH:
        raise RunFolderError(
            QT_TRANSLATE_NOOP("core", "A run name can have at most {count} characters.").format(
                count=MAX_NAME_LENGTH
            )
        )
    return name


def rename_run(
    path: Path, new_name: str, parent: Path | None = None, training: Path | None = None
) -> Path:
    """Rename the run folder ``path`` to ``new_name`` inside the runs folder; the new path.

    Refuses a name that is invalid or taken (also when it differs only in case, which is
    the same folder on macOS and Windows) and the run that is training now: its recorder
    still writes into the folder.
    """
    parent = _runs_parent(parent)
    _check_changeable(path, parent, training, "renamed")
    name = validate_run_name(new_name)
    if name == path.name:
        return path
    taken = {entry.name.casefold() for entry in parent.iterdir() if entry.name != path.name}
    if name.casefold() in taken:
        raise RunFolderError(
            QT_TRANSLATE_NOOP(
                "core", "A run named {name!r} already exists; choose another name."
            ).format(name=name)
        )
    target = parent / name
    path.rename(target)
    return target


def check_deletable(path: Path, parent: Path | None = None, training: Path | None = None) -> None:
    """Raise ValueError when ``path`` must not be deleted (not a run here, or training now)."""
    _check_changeable(path, _runs_parent(parent), training, "deleted")


def delete_run(path: Path, parent: Path | None = None, training: Path | None = None) -> None:
    """Remove a run folder for good (when the system trash is not available)."""
    check_deletable(path, parent, training)
    shutil.rmtree(path)


def _runs_parent(parent: Path | None) -> Path:
    return Path(parent) if parent is not None else runs_dir()


VERB_TEXT = {
    "renamed": QT_TRANSLATE_NOOP(
        "core", "{name} is training now and cannot be renamed; stop it first."
    ),
    "deleted": QT_TRANSLATE_NOOP(
        "core", "{name} is training now and cannot be deleted; stop it first."
    ),
}
"""The refusal for a run that trains, per change (whole sentences translate better)."""


def _check_changeable(path: Path, parent: Path, training: Path | None, verb: str) -> None:
    path = Path(path)
    if path.is_symlink() or not path.is_dir() or path.resolve().parent != parent.resolve():
        raise RunFolderError(
            QT_TRANSLATE_NOOP("core", "{name} is not a run folder in {parent}.").format(
                name=path.name, parent=parent
            )
        )
    try:
        RunDirectory(path).read_config()
    except CheckpointError as error:
        raise RunFolderError(
            QT_TRANSLATE_NOOP("core", "{name} is not a run folder: {error}").format(
                name=path.name, error=error.user_message
            )
        ) from error
    if _same_folder(path, training):
        raise RunFolderError(VERB_TEXT[verb].format(name=path.name))


# ---------------------------------------------------------------- curves and comparison
def read_epoch_curves(path: Path) -> Curves:
    """Every numeric metric of the ``epoch`` records of metrics.jsonl, by metric and epoch.

    A later record of the same epoch wins (a resumed run logs from its checkpoint on).
    """
    curves: Curves = {}
    for record in RunDirectory(path).read_metrics():
        if not isinstance(record, dict) or record.get("kind") != "epoch":
            continue
        epoch = _integer(record.get("epoch"))
        if epoch is None:
            continue
        for key, value in record.items():
            number = _number(value)
            if key not in NOT_METRICS and isinstance(key, str) and number is not None:
                curves.setdefault(key, {})[epoch] = number
    return curves


def shared_metrics(curves: list[Curves]) -> list[str]:
    """Metrics every run logged, the most telling first (validation accuracy, then losses)."""
    if not curves:
        return []
    shared = set.intersection(*(set(run_curves) for run_curves in curves))
    preferred = [metric for metric in PREFERRED_METRICS if metric in shared]
    return preferred + sorted(shared - set(preferred))


def comparison_rows(curves_by_run: dict[str, Curves], metric: str) -> list[tuple]:
    """Long-format rows ``(run, epoch, metric, value)``, run by run, epochs in order."""
    return [
        (run, epoch, metric, value)
        for run, curves in curves_by_run.items()
        for epoch, value in sorted(curves.get(metric, {}).items())
    ]


def write_comparison_csv(path: Path, rows: list[tuple]) -> None:
    """Write the rows under a ``run,epoch,metric,value`` header; floats keep every digit."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(rows)
    atomic_write_bytes(Path(path), buffer.getvalue().encode("utf-8"))
