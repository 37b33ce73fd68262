"""Trainer.fit: the one training loop behind the window, the command line and the benchmark.

Data sits on the device as uint8 and is batched by ``torch.randperm``; a task object owns
the step; the loop syncs with the device (``.item()``) only at log points and epoch ends.
RNGs are reseeded from (seed, epoch) at each epoch start, so a run resumed from its
checkpoint continues exactly as if it had never stopped.
"""

from __future__ import annotations

import contextlib
import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import torch

from kc_desktop.core.data.dataset import ImageDataset
from kc_desktop.core.data.loader import DeviceBatches
from kc_desktop.core.data.streaming import (
    Split,
    StreamedBatches,
    make_batches,
    memory_plan,
    prepare_split,
    split_head,
    split_length,
)
from kc_desktop.core.devices import describe_device, resolve_device
from kc_desktop.core.i18n import QT_TRANSLATE_NOOP
from kc_desktop.core.kinds import RunStatus
from kc_desktop.core.models.registry import build_model, get_model_spec
from kc_desktop.core.runs.checkpoints import (
    CheckpointError,
    atomic_write_json,
    load_checkpoint,
    save_checkpoint,
)
from kc_desktop.core.runs.layout import CHECKPOINT_FILE, MODEL_FILE, RunDirectory, new_run_dir
from kc_desktop.core.training.backbone_tasks import backbone_task
from kc_desktop.core.training.callbacks import Callback, CallbackList
from kc_desktop.core.training.config import TrainConfig, load_config_dataset
from kc_desktop.core.training.control import RunControl, StopTraining
from kc_desktop.core.training.plan import TrainingPlan
from kc_desktop.core.training.quick_features import Progress, QuickFeatures
from kc_desktop.core.training.recorder import RunRecorder
from kc_desktop.core.training.resume_point import ResumePoint
from kc_desktop.core.training.settings import resolve_settings
from kc_desktop.core.training.tasks import TASKS, Task
from kc_desktop.core.training.unsaved import RunNotSaved, UnsavedRun

if TYPE_CHECKING:
    from kc_desktop.core.training.distributed import DistributedRun

T = TypeVar("T")
EVAL_BATCH_SIZE = 256
PREVIEW_IMAGES = 8


EpochMetric = Callable[[torch.nn.Module, int], dict[str, float]]
"""Extra per-epoch figures (e.g. a sample-quality score): called after validation with the
model in its current state; the returned numbers join the epoch logs, the curves and
metrics.jsonl."""


class NonFiniteLoss(Exception):
    """The loss became NaN or infinite: the run stops, the last good checkpoint stays."""


class Trainer:
    """Trains one model on one dataset as described by a TrainConfig."""

    def __init__(
        self,
        config: TrainConfig,
        *,
        callbacks: list[Callback] | tuple[Callback, ...] = (),
        control: RunControl | None = None,
        dataset: ImageDataset | None = None,
        run_dir: str | Path | None = None,
        resume: bool = False,
        runs_parent: str | Path | None = None,
        epoch_metrics: list[EpochMetric] | tuple[EpochMetric, ...] = (),
        progress: Progress | None = None,
        distributed: DistributedRun | None = None,
    ) -> None:
        config.validate()
        self.config = config
        self.control = control or RunControl()
        self.dataset = dataset
        self.user_callbacks = list(callbacks)
        self.run_dir = Path(run_dir) if run_dir is not None else None
        self.resume = resume
        self.runs_parent = runs_parent
        self.epoch_metrics = list(epoch_metrics)
        self.progress = progress  # (what, done, total) of slow preparation: backbone features
        self.spec = get_model_spec(config.model)
        self.settings = resolve_settings(config, self.spec)
        self.distributed = distributed
        """Set under torchrun: this process's device, rank and share of the batches."""
        self.device = distributed.device if distributed else resolve_device(config.device)
        self.unsaved: UnsavedRun | None = None
        """Set when the run folder could not be written: the newest state, to save elsewhere."""

    def fit(self) -> dict[str, Any]:
        """Train, checkpoint each epoch, evaluate on the test split; return the summary."""
        started = time.perf_counter()
        setup = self._setup()
        status, reason = self._loop(setup, started)
        return self._finish(setup, status, reason, started)

    def _setup(self) -> _Setup:
        """Dataset splits, model, task, run folder (restored on resume) and batches."""
        dataset = self.dataset or load_config_dataset(self.config)
        size = self.spec.input_size(dataset.size, self.config.backbone_size)
        quick = self.spec.pretrained and not self.config.fine_tune
        plan = memory_plan(dataset, size, self.device)
        splits = {  # quick mode's come from the backbone below, once the model is restored
            name: prepare_split(dataset, name, size, plan)
            for name in ("train", "val", "test")
            if not quick
        }
        torch.manual_seed(self.config.seed)
        model = build_model(
            self.config.model,
            channels=dataset.channels,
            size=size,
            num_classes=len(dataset.classes),
            latent_dim=self.config.latent_dim,
            pretrained=not self.resume,
        )
        model.to(self.device)
        task = self._make_task(model, splits)
        if self.distributed is not None:
            self.distributed.wrap(task)
        training_plan = TrainingPlan(self.config, self.spec.default_epochs, self.settings)
        run = RunDirectory(
            self.run_dir or new_run_dir(dataset.id, self.config.model, self.runs_parent)
        )
        start_epoch, resume_point = 1, None
        if self.resume:
            run.remove_partial_writes()
            last_epoch, resume_point = self._restore(run, task, training_plan)
            start_epoch = last_epoch + 1
        if quick:
            features = QuickFeatures(
                self.config.model, self.config.augment, self.config.seed, self.progress
            )
            with self._machine_first():  # the others then read the features it cached
                splits = features(model, dataset, size, self.device)
        train_batches = make_batches(
            splits["train"],
            self.settings["batch_size"],
            device=self.device,
            shuffle=True,
            seed=self.config.seed,
            augment=self.config.augment if self.spec.augmentable and not quick else None,
            rank=self.distributed.rank if self.distributed else 0,
            world_size=self.distributed.world_size if self.distributed else 1,
        )
        training_plan.start(len(train_batches))
        run_config = {**self._run_config(dataset, size, model), **training_plan.recorded()}
        run.write_config(run_config)
        recorder = RunRecorder(run)
        callbacks = CallbackList([recorder, *self.user_callbacks])
        state = _RunState(
            run=run,
            task=task,
            callbacks=callbacks,
            recorder=recorder,
            batches=train_batches,
            epoch=start_epoch - 1,
            resume=resume_point,
            training_plan=training_plan,
        )
        state.saves_each_epoch = not quick
        callbacks.on_run_start(
            {
                "run_dir": str(run.path),
                "config": run_config,
                "task": self.spec.task,
                "epochs": self.settings["epochs"],
                "start_epoch": start_epoch,
                "steps_per_epoch": len(train_batches),
                "device": describe_device(self.device),
                "classes": list(dataset.classes),
                "metrics": list(task.metric_names),
                "params": sum(p.numel() for p in model.parameters()),
                "data": plan.text(),
            }
        )
        callbacks.on_event(plan.text())
        return _Setup(dataset, splits, run_config, state, start_epoch)

    def _loop(self, setup: _Setup, started: float) -> tuple[RunStatus, str]:
        """The epochs; returns (status, reason). Unexpected errors end the run and re-raise."""
        state, callbacks = setup.state, setup.state.callbacks
        status, reason = RunStatus.COMPLETED, ""
        try:
            for epoch in range(setup.start_epoch, self.settings["epochs"] + 1):
                self._train_epoch(state, epoch, setup.splits["val"])
                if state.training_plan.should_stop(epoch):
                    break
            self._end_plan(state)
        except StopTraining:
            status, reason = RunStatus.STOPPED, QT_TRANSLATE_NOOP("core", "Stopped by the user.")
            callbacks.on_event("Saving what was trained so far…")
            try:
                self._save_if_finite(state)
            except RunNotSaved as error:
                status = RunStatus.UNSAVED
                reason = self._keep_unsaved(state, setup.run_config, error)
        except NonFiniteLoss as error:
            status, reason = RunStatus.DIVERGED, str(error)
        except RunNotSaved as error:
            status, reason = RunStatus.UNSAVED, self._keep_unsaved(state, setup.run_config, error)
        except torch.OutOfMemoryError:
            status, reason = RunStatus.FAILED, self._out_of_memory_reason(state)
        except Exception as error:
            callbacks.on_event(
                QT_TRANSLATE_NOOP("core", "Training failed: {error}").format(error=error), "error"
            )
            failed = self._summary(state, setup.dataset, RunStatus.FAILED, str(error), started)
            callbacks.on_run_end(failed)
            raise
        return status, reason

    def _finish(
        self, setup: _Setup, status: RunStatus, reason: str, started: float
    ) -> dict[str, Any]:
        """Report why the run ended, score the test split, and tell the callbacks."""
        state, callbacks = setup.state, setup.state.callbacks
        if reason:
            callbacks.on_event(reason, "warning" if status is RunStatus.STOPPED else "error")
        if status.kept_weights:
            test_split = setup.splits["test"]
            callbacks.on_event(
                QT_TRANSLATE_NOOP("core", "Testing on {count:,} images…").format(
                    count=split_length(test_split)
                )
            )
            test = state.task.evaluate(self._eval_batches(test_split))
        summary = self._summary(state, setup.dataset, status, reason, started)
        if status.kept_weights:
            summary.update({f"test_{k}": v for k, v in test.items()})
        callbacks.on_run_end(summary)
        return summary

    def _make_task(self, model: torch.nn.Module, splits: dict[str, Any]) -> Task:
        if self.spec.pretrained:
            return backbone_task(self.config.fine_tune)(model, self.settings, self.device)
        task_class = TASKS[self.spec.task]
        if self.spec.task.is_classifier:
            return task_class(model, self.settings, self.device)
        preview = split_head(splits["val"], PREVIEW_IMAGES).to(self.device).float().div(255)
        return task_class(model, self.settings, self.device, preview=preview)

    def _eval_batches(self, split: Split):
        return make_batches(split, EVAL_BATCH_SIZE, device=self.device, shuffle=False)

    def _train_epoch(self, state: _RunState, epoch: int, val_split) -> None:
        """One pass over the training batches, then validation, checkpoint and gallery."""
        seed = self.config.seed * 1_000_003 + epoch
        torch.manual_seed(self.distributed.rank_seed(seed) if self.distributed else seed)
        state.batches.set_epoch(epoch)
        task, callbacks, steps = state.task, state.callbacks, len(state.batches)
        names = task.metric_names
        log_every = self.config.log_every or max(1, steps // 50)
        epoch_sum, batches = self._begin_epoch(state, len(names))
        window_sum = torch.zeros(len(names), device=self.device)
        window_steps = window_samples = 0
        epoch_started = window_started = time.perf_counter()
        for paused, (step, (x, y)) in self._checked(batches, steps - state.steps_done):
            if paused:
                epoch_started += paused
                window_started += paused
            self._apply_pending_lr(state, epoch)
            state.training_plan.before_step(task, state.global_step)
            values = torch.stack([v.float() for v in task.train_step(x, y).values()])
            epoch_sum += values
            window_sum += values
            window_steps += 1
            window_samples += len(x)
            state.global_step += 1
            state.steps_trained += 1
            state.steps_done = step
            if step % log_every == 0 or step == steps:
                now = time.perf_counter()
                means = self._across_ranks(window_sum / window_steps)
                logs = dict(zip(names, means.tolist(), strict=True))
                _check_finite(
                    logs,
                    QT_TRANSLATE_NOOP("core", "at epoch {epoch}, step {step}").format(
                        epoch=epoch, step=step
                    ),
                )
                state.train_seconds += now - window_started
                callbacks.on_step_end(
                    {
                        "epoch": epoch,
                        "step": step,
                        "steps_per_epoch": steps,
                        "global_step": state.global_step,
                        **logs,
                        "lr": state.lr(),
                        "peak_lr": self.settings["lr"],  # what the user set; a schedule scales it
                        "samples_per_s": window_samples / max(now - window_started, 1e-9),
                    }
                )
                state.samples_seen += window_samples
                self._raise_if_unsaved(state)
                window_sum.zero_()
                window_steps = window_samples = 0
                window_started = now
        means = self._across_ranks(epoch_sum / steps)
        epoch_logs: dict[str, Any] = dict(zip(names, means.tolist(), strict=True))
        val = task.evaluate(self._eval_batches(val_split))
        epoch_logs.update({f"val_{k}": v for k, v in val.items()})
        for metric in self.epoch_metrics:
            epoch_logs.update(metric(task.model, epoch))
        if self.distributed is not None:  # the same figures, hence decisions, on every process
            epoch_logs = self.distributed.agree(epoch_logs)
        _check_finite(
            epoch_logs, QT_TRANSLATE_NOOP("core", "at the end of epoch {epoch}").format(epoch=epoch)
        )
        seconds = time.perf_counter() - epoch_started
        state.training_plan.end_epoch(epoch, epoch_logs, task.model, seconds)
        state.epoch, state.last_epoch_logs, state.steps_done = epoch, epoch_logs, 0
        save_error = self._try_save(state) if state.saves_each_epoch else None
        for kind, grid in task.epoch_images(epoch):
            callbacks.on_images(epoch, kind, grid)
        callbacks.on_epoch_end({"epoch": epoch, "seconds": seconds, **epoch_logs})
        for text in state.training_plan.take_events():
            callbacks.on_event(text)
        self._raise_if_unsaved(state, save_error)

    def _end_plan(self, state: _RunState) -> None:
        """A completed auto run ends with its best epoch's weights, saved as the model; a run
        that did not save each epoch (quick mode) saves its whole model now, once."""
        best_logs = state.training_plan.finish(state.epoch, state.task.model)
        if best_logs is not None:
            state.last_epoch_logs = best_logs
        if best_logs is not None or not state.saves_each_epoch:
            self._raise_if_unsaved(state, self._try_save(state))
        for text in state.training_plan.take_events():
            state.callbacks.on_event(text)

    def _machine_first(self) -> contextlib.AbstractContextManager:
        """Under torchrun, each machine's first process does the block before the others."""
        if self.distributed is None:
            return contextlib.nullcontext()
        from kc_desktop.core.training.distributed import rank_zero_first

        return rank_zero_first(self.distributed)

    def _across_ranks(self, values: torch.Tensor) -> torch.Tensor:
        """Step metrics averaged over every process of a distributed run (as they are)."""
        return self.distributed.mean(values) if self.distributed else values

    def _begin_epoch(
        self, state: _RunState, metric_count: int
    ) -> tuple[torch.Tensor, Iterator[tuple[int, tuple[torch.Tensor, torch.Tensor]]]]:
        """The epoch's running sums and numbered batches; after a resume point, both pick up
        where the stopped run left off (its batches redrawn and dropped, its RNG restored)."""
        batches = enumerate(state.batches, start=1)
        point, state.resume = state.resume, None
        if point is None:
            state.epoch_sum = torch.zeros(metric_count, device=self.device)
            return state.epoch_sum, batches
        for _ in range(point.step):
            next(batches, None)
        point.restore_rng(self.device)
        state.steps_done = point.step
        state.epoch_sum = point.epoch_sums_tensor(self.device)
        return state.epoch_sum, batches

    def _checked(self, batches: Iterator[T], count: int) -> Iterator[tuple[float, T]]:
        """The next ``count`` batches, each with the seconds paused before it. The control is
        asked *before* a batch is fetched (gathered, augmented), so Stop halts within the step
        under way rather than after the next batch is ready."""
        for _ in range(count):
            paused = self.control.checkpoint()
            yield paused, next(batches)

    def _apply_pending_lr(self, state: _RunState, epoch: int) -> None:
        lr = self.control.take_pending_lr()
        if lr is not None:
            old = state.lr()
            state.task.set_lr(lr)
            self.settings["lr"] = lr
            state.callbacks.on_event(
                QT_TRANSLATE_NOOP(
                    "core", "Learning rate changed from {old:g} to {lr:g} at step {global_step}."
                ).format(old=old, lr=lr, global_step=state.global_step)
            )
            state.recorder.record(
                {
                    "kind": "lr_change",
                    "epoch": epoch,
                    "global_step": state.global_step,
                    "old": old,
                    "new": lr,
                }
            )

    def _checkpoint_info(self, state: _RunState) -> dict[str, Any]:
        """What a checkpoint says about itself; inside an epoch, also where to resume."""
        info: dict[str, Any] = {
            "epoch": state.epoch,
            "global_step": state.global_step,
            "metrics": state.last_epoch_logs,
            "plan": state.training_plan.state(),
        }
        if state.steps_done:
            point = ResumePoint.capture(state.steps_done, state.epoch_sum, self.device)
            info["resume"] = point.to_json()
        return info

    def _try_save(self, state: _RunState) -> OSError | None:
        """Write the checkpoint (atomically); a failed write leaves the previous one as it
        was and is returned, so the epoch is still reported before the run stops."""
        info = self._checkpoint_info(state)
        try:
            state.training_plan.save_best(state.run)
            save_checkpoint(
                state.run.file(MODEL_FILE),
                state.task.model.state_dict(),
                [opt.state_dict() for opt in state.task.optimizers],
                info,
            )
            atomic_write_json(state.run.file(CHECKPOINT_FILE), info)
        except OSError as error:
            return error
        return None

    def _raise_if_unsaved(self, state: _RunState, error: OSError | None = None) -> None:
        """Stop the run (``RunNotSaved``) once a checkpoint or a run file failed to write."""
        error = error or state.recorder.error
        if self.distributed is not None:  # one process's failed write stops every process
            error = self.distributed.shared_error(error)
        if error is not None:
            raise RunNotSaved(state.run.path, error) from error

    def _is_finite(self, state: _RunState) -> bool:
        return all(bool(torch.isfinite(p).all()) for p in state.task.model.parameters())

    def _save_if_finite(self, state: _RunState) -> None:
        """On stop, keep what was trained since the last epoch unless it is broken."""
        if self._is_finite(state):
            self._raise_if_unsaved(state, self._try_save(state))

    def _keep_unsaved(self, state: _RunState, config: dict, error: RunNotSaved) -> str:
        """Hold the newest good state in memory (``self.unsaved``); return the reason text."""
        if not self._is_finite(state):
            return QT_TRANSLATE_NOOP(
                "core", "{error} Training stopped; the last checkpoint on disk is unchanged."
            ).format(error=error)
        self.unsaved = UnsavedRun(
            source=state.run.path,
            config=config,
            model_state=state.task.model.state_dict(),
            optimizer_states=[opt.state_dict() for opt in state.task.optimizers],
            info=self._checkpoint_info(state),
            backlog=state.recorder.backlog,
            why=str(error),
        )
        where = QT_TRANSLATE_NOOP("core", "epoch {epoch}").format(epoch=state.epoch) + (
            QT_TRANSLATE_NOOP("core", ", step {steps_done}").format(steps_done=state.steps_done)
            if state.steps_done
            else ""
        )
        return QT_TRANSLATE_NOOP(
            "core",
            "{error} Training stopped; what it learned (up to {where}) is kept in "
            "memory until it is saved to another folder.",
        ).format(error=error, where=where)

    def _out_of_memory_reason(self, state: _RunState) -> str:
        """Free what the failed step held and say what to change."""
        if self.device.type == "cuda":
            torch.cuda.empty_cache()
        batch = int(self.settings["batch_size"])
        kept = (
            QT_TRANSLATE_NOOP("core", "the checkpoint of epoch {epoch} is kept").format(
                epoch=state.epoch
            )
            if state.epoch
            else QT_TRANSLATE_NOOP("core", "no epoch had finished, so nothing was saved")
        )
        return QT_TRANSLATE_NOOP(
            "core",
            "The device ({describe_device}) ran out of memory in epoch {value} "
            "with batch size {batch}. Try a batch size of {max} or less, a smaller "
            "model or image size, or the CPU; {kept}.",
        ).format(
            describe_device=describe_device(self.device),
            value=state.epoch + 1,
            batch=batch,
            max=max(1, batch // 2),
            kept=kept,
        )

    def _restore(
        self, run: RunDirectory, task: Task, training_plan: TrainingPlan
    ) -> tuple[int, ResumePoint | None]:
        model_state, optimizer_states, info = load_checkpoint(run.file(MODEL_FILE))
        try:
            task.model.load_state_dict(model_state)
            for optimizer, optimizer_state in zip(task.optimizers, optimizer_states, strict=True):
                optimizer.load_state_dict(optimizer_state)
        except (RuntimeError, ValueError) as error:
            raise CheckpointError(
                QT_TRANSLATE_NOOP(
                    "core", "The checkpoint does not match this model; was the config changed?"
                )
            ) from error
        epoch = int(info.get("epoch", 0))
        training_plan.load(info.get("plan"), run)
        point = ResumePoint.from_json(info.get("resume"))
        run.truncate_metrics_after(epoch, int(info["global_step"]) if point else None)
        return epoch, point

    def _run_config(self, dataset: ImageDataset, size: int, model: torch.nn.Module) -> dict:
        return {
            **self.config.to_dict(),
            **self.settings,
            "task": self.spec.task,
            "dataset_name": dataset.name,
            "channels": dataset.channels,
            "input_size": size,
            "classes": list(dataset.classes),
            "latent_dim": getattr(model, "latent_dim", None),
            "skipped_files": len(dataset.skipped),
        }

    def _summary(
        self,
        state: _RunState,
        dataset: ImageDataset,
        status: RunStatus,
        reason: str,
        started: float,
    ) -> dict[str, Any]:
        """What summary.json records. The speed counts training steps only (pauses,
        validation and testing left out), so a run stopped in its first epoch still reports
        a real figure; ``steps`` says how far into the unfinished epoch it got."""
        summary: dict[str, Any] = {
            "status": status.value,
            "reason": reason,
            "run_dir": str(state.run.path),
            "dataset": dataset.id,
            "model": self.config.model,
            "epochs": state.epoch,
            "steps": state.steps_done,
            "steps_trained": state.steps_trained,
            "seconds": time.perf_counter() - started,
            "samples_per_s": state.samples_seen / max(state.train_seconds, 1e-9),
            "skipped_files": len(dataset.skipped),
        }
        summary.update({k: v for k, v in state.last_epoch_logs.items()})
        return summary


@dataclass
class _Setup:
    """What ``_setup`` prepared for the loop and the finish."""

    dataset: ImageDataset
    splits: dict[str, tuple[torch.Tensor, torch.Tensor]]
    run_config: dict[str, Any]
    state: _RunState
    start_epoch: int


class _RunState:
    """Mutable bookkeeping of one fit() call."""

    def __init__(
        self,
        run: RunDirectory,
        task: Task,
        callbacks: CallbackList,
        recorder: RunRecorder,
        batches: DeviceBatches | StreamedBatches,
        epoch: int,
        training_plan: TrainingPlan,
        resume: ResumePoint | None = None,
    ) -> None:
        self.run, self.task, self.callbacks, self.batches = run, task, callbacks, batches
        self.training_plan = training_plan  # epochs, schedule, early stop, budget
        self.saves_each_epoch = True
        """False in quick mode: only the head learns there, and writing the whole network
        (the frozen backbone too) after every epoch cost more than the epochs themselves, so
        the model is written once when the run ends or is stopped."""
        self.recorder = recorder  # also in callbacks; its write errors stop the run
        self.epoch = epoch  # the last finished epoch
        self.resume = resume  # where inside epoch + 1 a resumed run starts
        self.global_step = epoch * len(batches) + (resume.step if resume else 0)
        self.steps_done = 0  # steps of the current epoch trained so far
        self.epoch_sum: torch.Tensor | None = None  # their summed step metrics
        self.steps_trained = 0  # steps this fit() call trained (a resumed run counts anew)
        self.samples_seen = 0
        self.train_seconds = 0.0  # time inside training steps, pauses left out
        self.last_epoch_logs: dict[str, Any] = {}

    def lr(self) -> float:
        return float(self.task.optimizers[0].param_groups[0]["lr"])


def _check_finite(logs: dict[str, Any], where: str) -> None:
    for name, value in logs.items():
        if isinstance(value, float) and not math.isfinite(value):
            raise NonFiniteLoss(
                QT_TRANSLATE_NOOP(
                    "core",
                    "The {replace} became {value} {where}: training diverged. Try a "
                    "smaller learning rate. The last good checkpoint was kept.",
                ).format(replace=name.replace("_", " "), value=value, where=where)
            )
