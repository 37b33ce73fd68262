"""The one way to build a training run, for the window, the command line and resume.

``build_run`` turns a ``TrainConfig`` (plus, optionally, a dataset already loaded by the Data
tab) into a ready ``Trainer``: the dataset with its recorded split, the model, the callbacks
(sample-quality scoring for generative runs, the "I'm not sure" calibration of
classifiers, the recorder, the unsaved-run rescue). Front-ends
add their own callbacks (a console progress bar, the worker's signal bridge) and call
``trainer.fit()``; they never assemble the engine's parts themselves, so a feature such as a
pretrained backbone or a distributed run is wired here once.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kc_desktop.core.runs.layout import RunDirectory
from kc_desktop.core.training.callbacks import Callback
from kc_desktop.core.training.config import TrainConfig, load_config_dataset
from kc_desktop.core.training.control import RunControl

if TYPE_CHECKING:
    from kc_desktop.core.data.dataset import ImageDataset
    from kc_desktop.core.training.distributed import DistributedRun
    from kc_desktop.core.training.engine import Trainer


def resume_config(run_dir: str | Path, epochs: int | None = None) -> TrainConfig:
    """The config a saved run was trained with, optionally asked to go on to ``epochs``."""
    config = TrainConfig.from_dict(RunDirectory(Path(run_dir)).read_config())
    if epochs is not None:
        config.epochs = epochs
    return config


def build_run(
    config: TrainConfig,
    *,
    dataset: ImageDataset | None = None,
    callbacks: Sequence[Callback] = (),
    control: RunControl | None = None,
    resume_dir: str | Path | None = None,
    runs_parent: str | Path | None = None,
    notify: Callable[[str], None] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    distributed: DistributedRun | None = None,
    run_dir: str | Path | None = None,
) -> Trainer:
    """A ready Trainer for ``config``; ``notify(text)`` hears about slow preparation steps,
    ``progress(what, done, total)`` follows the long ones (a pretrained model's weights
    download here, its features pass when the run starts).

    ``dataset`` is used only when it is the data ``config`` describes (same id, folder and
    split); otherwise the config's own dataset is loaded, so a run can never record one
    dataset and train on another. ``distributed`` (under torchrun, see
    ``training/distributed.py``) makes this process one of a data-parallel run: rank 0 loads
    the data first (the others then hit the decode cache); ``run_dir`` is where a process
    other than rank 0 trains instead of the run folder.
    """
    from kc_desktop.core.insight.ood import FamiliarityCalibration
    from kc_desktop.core.insight.quality_metric import sample_quality_metrics
    from kc_desktop.core.models.registry import get_model_spec
    from kc_desktop.core.training.engine import Trainer

    config.validate()  # plain errors before a dataset is loaded or downloaded
    first = contextlib.nullcontext()
    if distributed is not None:
        from kc_desktop.core.training.distributed import rank_zero_first

        first = rank_zero_first(distributed)  # the others then find the weights and the cache
    with first:
        if resume_dir is None:
            fetch_pretrained_weights(config.model, progress)
        dataset = dataset_for(config, dataset)
    if config.dataset == "folder":  # record the size and colour the folder was read at
        config.image_size, config.colour = dataset.size, "grey" if dataset.channels == 1 else "rgb"
    writes = distributed is None or distributed.is_writer  # the others' work is thrown away
    if get_model_spec(config.model).task.is_classifier and writes:  # "I'm not sure", at the end
        callbacks = [FamiliarityCalibration(dataset), *callbacks]
    return Trainer(
        config,
        callbacks=list(callbacks),
        control=control,
        dataset=dataset,
        run_dir=run_dir or resume_dir,
        resume=resume_dir is not None,
        runs_parent=runs_parent,
        # Rank 0 scores samples and shares the figures (DistributedRun.agree).
        epoch_metrics=sample_quality_metrics(config, dataset, notify=notify) if writes else (),
        progress=progress,
        distributed=distributed,
    )


def fetch_pretrained_weights(
    model_id: str, progress: Callable[[str, int, int], None] | None = None
) -> None:
    """Download a pretrained model's ImageNet weights if missing (others need none)."""
    from kc_desktop.core.models.backbones import fetch_weights
    from kc_desktop.core.models.registry import get_model_spec

    if get_model_spec(model_id).pretrained:
        fetch_weights(model_id, progress)


def dataset_for(config: TrainConfig, loaded: ImageDataset | None = None) -> ImageDataset:
    """The data ``config`` describes, split as it records: ``loaded`` when it is that data
    (re-split if the seed or fractions differ), else loaded afresh. Every view that rebuilds
    a run's split (evaluation, nearest images) goes through here, so none can disagree."""
    same_source = (
        loaded is not None
        and loaded.id == config.dataset
        and (config.dataset != "folder" or _same_folder_format(loaded, config))
        and config.image_size in (None, loaded.size)
    )
    if not same_source:
        return load_config_dataset(config)
    wanted = (config.seed, config.val_fraction, config.test_fraction)
    return loaded if loaded.split_key() == wanted else loaded.with_split(*wanted)


def _same_folder_format(loaded: ImageDataset, config: TrainConfig) -> bool:
    """``loaded`` is the folder ``config`` names, at the size and colour it asks for."""
    channels = {"grey": 1, "rgb": 3}.get(config.colour, loaded.channels)
    size = config.image_size or loaded.size
    return loaded.folder == config.folder and (loaded.size, loaded.channels) == (size, channels)
