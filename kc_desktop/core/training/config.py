"""What a training run is asked to do: one plain dataclass, saved as config.json.

Fields left as ``None`` take the model's defaults (see ``ModelSpec``) when the run starts;
the run directory stores the resolved values so that a run can be resumed or reproduced.
The field defaults are what a config.json written before a field existed means (a constant
learning rate, the model's epoch count); the window and the command line start from the
recommended choices instead (``core/choices.py``: Epochs auto, a one-cycle schedule).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kc_desktop.core.choices import AUTO
from kc_desktop.core.data.folder_format import MAX_INFERRED_SIZE, check_choice
from kc_desktop.core.data.loader import Augment
from kc_desktop.core.errors import ConfigError
from kc_desktop.core.i18n import QT_TRANSLATE_NOOP, message_of
from kc_desktop.core.training.schedules import check_schedule

if TYPE_CHECKING:
    from kc_desktop.core.data.dataset import ImageDataset

OPTIMIZERS = ("adam", "sgd")


@dataclass
class TrainConfig:
    """Everything that defines a run; defaults open the app ready to train on digits."""

    dataset: str = "digits"
    model: str = "small-cnn"
    epochs: int | str | None = None  # a count, "auto", or None: the model's default count
    batch_size: int | None = None
    lr: float | None = None
    optimizer: str | None = None
    momentum: float = 0.9
    beta: float = 1.0
    latent_dim: int | None = None
    device: str = "auto"
    seed: int = 0
    folder: str | None = None
    image_size: int | None = None  # folders: decode side; None: the files' own (capped)
    colour: str = "auto"  # folders: "auto" (the files' own), "rgb" or "grey"
    lr_schedule: str = "constant"  # "onecycle", "cosine" or "constant"
    time_budget_s: float | None = None  # Epochs auto: most training seconds (None: default)
    augment: Augment = field(default_factory=Augment)
    val_fraction: float = 0.1
    test_fraction: float = 0.1
    log_every: int | None = None
    score_samples: bool = True  # GAN / VAE: score sample quality after each epoch
    amp: bool | None = None  # mixed precision (bfloat16 autocast) on CUDA; None: on there
    fine_tune: bool = False  # pretrained models: train the last blocks too (else quick mode)
    backbone_size: int | None = None  # pretrained models: a side below 224 for speed

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (the augment switches become a nested dict)."""
        data = dataclasses.asdict(self)
        data["augment"] = dataclasses.asdict(self.augment)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TrainConfig:
        """Build from config.json, ignoring keys this version does not know."""
        known = {f.name for f in dataclasses.fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        augment = values.get("augment")
        if isinstance(augment, dict):
            augment_fields = {f.name for f in dataclasses.fields(Augment)}
            values["augment"] = Augment(**{k: v for k, v in augment.items() if k in augment_fields})
        elif augment is not None and not isinstance(augment, Augment):
            values.pop("augment")
        if values.get("dataset") == "folder" and "colour" not in values:
            # Saved before folders were read as they are: decoded at 150 pixels, colour.
            values["colour"] = "rgb"
            values["image_size"] = values.get("image_size") or MAX_INFERRED_SIZE
        return cls(**values)

    def validate(self) -> None:
        """Raise ValueError with a plain message for values a person could mistype."""
        if isinstance(self.epochs, str):
            if self.epochs != AUTO:
                raise ConfigError(
                    QT_TRANSLATE_NOOP(
                        "core", "Epochs must be a number or auto, not {epochs!r}."
                    ).format(epochs=self.epochs)
                )
        elif self.epochs is not None and self.epochs < 1:
            raise ConfigError(QT_TRANSLATE_NOOP("core", "Epochs must be at least 1."))
        if self.time_budget_s is not None and not self.time_budget_s > 0:
            raise ConfigError(
                QT_TRANSLATE_NOOP("core", "The time budget must be a positive number of seconds.")
            )
        try:
            check_schedule(self.lr_schedule)
            check_choice(self.image_size, self.colour)
        except ValueError as error:
            raise ConfigError(message_of(error)) from error
        if self.batch_size is not None and self.batch_size < 1:
            raise ConfigError(QT_TRANSLATE_NOOP("core", "Batch size must be at least 1."))
        if self.lr is not None and not self.lr > 0:
            raise ConfigError(
                QT_TRANSLATE_NOOP("core", "The learning rate must be a positive number.")
            )
        if self.optimizer is not None and self.optimizer not in OPTIMIZERS:
            raise ConfigError(
                QT_TRANSLATE_NOOP(
                    "core", "Unknown optimizer {optimizer!r}; choose adam or sgd."
                ).format(optimizer=self.optimizer)
            )
        if self.beta < 0:
            raise ConfigError(
                QT_TRANSLATE_NOOP("core", "Beta (the VAE's KL weight) cannot be negative.")
            )
        if self.backbone_size is not None and not 32 <= self.backbone_size <= 224:
            raise ConfigError(
                QT_TRANSLATE_NOOP(
                    "core", "The pretrained model's image size must be from 32 to 224 pixels."
                )
            )
        if not 0 <= self.val_fraction < 1 or not 0 <= self.test_fraction < 1:
            raise ConfigError(
                QT_TRANSLATE_NOOP("core", "Validation and test fractions must be between 0 and 1.")
            )


def load_config_dataset(config: TrainConfig) -> ImageDataset:
    """The dataset ``config`` names, split exactly as the engine splits it for training."""
    from kc_desktop.core.data.registry import load_dataset

    return load_dataset(
        config.dataset,
        path=config.folder,
        size=config.image_size,
        colour=config.colour,
        seed=config.seed,
        val_fraction=config.val_fraction,
        test_fraction=config.test_fraction,
    )
