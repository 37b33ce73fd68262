"""Small builders shared by tests: tiny in-memory datasets and fast configs."""

from __future__ import annotations

import errno
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import torch

from kc_desktop.core.data.dataset import ImageDataset
from kc_desktop.core.training.callbacks import Callback
from kc_desktop.core.training.control import RunControl


def tiny_dataset(
    n: int = 40, channels: int = 1, size: int = 28, classes: int = 3, seed: int = 0
) -> ImageDataset:
    """A learnable toy set: each class is a bright band at its own row, plus noise."""
    generator = torch.Generator().manual_seed(seed)
    labels = torch.arange(n) % classes
    images = torch.randint(0, 60, (n, channels, size, size), generator=generator)
    band = max(1, size // (classes + 1))
    for index, label in enumerate(labels.tolist()):
        images[index, :, label * band : (label + 1) * band, :] = 230
    order = torch.randperm(n, generator=generator)
    n_val = n_test = max(classes, n // 8)
    splits = {
        "val": order[:n_val],
        "test": order[n_val : n_val + n_test],
        "train": order[n_val + n_test :],
    }
    return ImageDataset(
        id="tiny",
        name="Tiny bands",
        images=images.to(torch.uint8),
        labels=labels.long(),
        classes=[f"c{i}" for i in range(classes)],
        splits=splits,
    )


def scatter_hostile_files(files: list[Path], classes: tuple[str, str], root: Path) -> set[str]:
    """Copy ``files`` into ``root``'s two class folders, alternating; return the ones that
    the image loader refuses, as the relative paths a skipped report names them by."""
    from kc_desktop.core.data.images import ImageLoadError, load_image_array

    refused = set()
    for index, source in enumerate(files):
        relative = f"{classes[index % 2]}/{source.name}"
        shutil.copy(source, root / relative)
        try:
            load_image_array(source, size=16)
        except ImageLoadError:
            refused.add(relative)
    return refused


def drag_enter(target, mime):
    """Send the drag-enter event the OS sends when files are dragged over ``target``."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QDragEnterEvent
    from PySide6.QtWidgets import QApplication

    centre = QPoint(target.width() // 2, target.height() // 2)
    event = QDragEnterEvent(
        centre,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, event)
    return event


def drop(target, mime):
    """Send the drop event that follows an accepted drag-enter."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QDropEvent
    from PySide6.QtWidgets import QApplication

    centre = QPointF(target.width() / 2, target.height() / 2)
    event = QDropEvent(
        centre,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, event)
    return event


HOSTILE_IMAGES = Path(__file__).resolve().parent / "data" / "hostile-images"
"""Pillow's malformed and unusual images, vendored with its licence (see the README there)."""


def make_trainer(runs_parent: Path, data: ImageDataset | str = "tiny", **options: object):
    """A ``Trainer`` writing under ``runs_parent``: the one way tests build one by hand.

    ``data`` is an in-memory dataset or a registered id ("tiny": ``tiny_dataset()``, batch 8);
    ``options`` holds ``TrainConfig`` fields (model mlp and 2 epochs unless given) and the
    Trainer's own keywords (callbacks, control, run_dir, resume, epoch_metrics).
    """
    from kc_desktop.core.training.config import TrainConfig
    from kc_desktop.core.training.engine import Trainer

    keywords = {k: options.pop(k) for k in TRAINER_KEYWORDS if k in options}
    if data == "tiny":
        data = tiny_dataset()
        options.setdefault("batch_size", 8)
    dataset = data if isinstance(data, ImageDataset) else None
    options.setdefault("dataset", data.id if dataset is not None else data)
    options.setdefault("model", "mlp")
    options.setdefault("epochs", 2)
    return Trainer(TrainConfig(**options), dataset=dataset, runs_parent=runs_parent, **keywords)


TRAINER_KEYWORDS = ("callbacks", "control", "run_dir", "resume", "epoch_metrics")


class StopAt(Callback):
    """Press Stop (``control.stop()``) once the run has logged step ``global_step``."""

    def __init__(self, control: RunControl, global_step: int) -> None:
        self.control, self.global_step = control, global_step

    def on_step_end(self, logs: dict) -> None:
        if logs["global_step"] == self.global_step:
            self.control.stop()


def train_digits_run(tmp_path_factory: pytest.TempPathFactory, **config: object) -> Path:
    """Train a real run on the offline digits and return its folder (read-only for tests)."""
    home = tmp_path_factory.mktemp("train_home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KC_DESKTOP_HOME", str(home))
        summary = make_trainer(tmp_path_factory.mktemp("runs"), "digits", **config).fit()
    return Path(summary["run_dir"])


@contextmanager
def disk_full_at_model_write(nth: int = 2) -> Iterator[None]:
    """Within the block, the ``nth`` move of model.safetensors into place fails with ENOSPC.

    The temporary file is already written when the atomic rename fails, as when a disk
    fills up half-way through a checkpoint; every other write goes through.
    """
    from kc_desktop.core.runs import checkpoints
    from kc_desktop.core.runs.layout import MODEL_FILE

    real_replace = checkpoints.os.replace
    model_writes = 0

    def replace(source, target) -> None:
        nonlocal model_writes
        if str(target).endswith(MODEL_FILE):
            model_writes += 1
            if model_writes == nth:
                raise OSError(errno.ENOSPC, "No space left on device", str(target))
        real_replace(source, target)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(checkpoints.os, "replace", replace)
        yield


def train_in_window(window, qtbot, model: str = "mlp", epochs: int = 1) -> None:
    """Train ``model`` for ``epochs`` epochs from the window, as Train does, until it ends."""
    window.model_tab.select_model(model)
    window.model_tab.epochsSpin.setValue(epochs)
    with qtbot.waitSignal(window.session.finished, timeout=60_000):
        window.start_training()
