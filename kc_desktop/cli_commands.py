"""The headless commands behind cli.py; each takes parsed args and returns an exit status."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kc_desktop.cli_progress import ConsoleProgress, StageProgress
from kc_desktop.core.choices import AUTO
from kc_desktop.core.data.loader import Augment
from kc_desktop.core.data.registry import list_datasets
from kc_desktop.core.errors import USER_ERRORS, KcError
from kc_desktop.core.models.registry import get_model_spec, list_models
from kc_desktop.core.report import summary_text
from kc_desktop.core.runs.layout import encode_png
from kc_desktop.core.studio import build_run, resume_config
from kc_desktop.core.training.config import TrainConfig


class UserError(KcError):
    """A run that ended in a way a person must act on (its folder could not be written)."""


def cmd_datasets(args: argparse.Namespace) -> int:
    for spec in list_datasets():
        where = "offline" if spec.offline else "download"
        size = f"{spec.num_samples:,} images" if spec.num_samples else "your images"
        print(
            f"{spec.id:15} {spec.name}  [{spec.channels}x{spec.size}x{spec.size}, {size}, {where}]"
        )
    return 0


def cmd_models(args: argparse.Namespace) -> int:
    for spec in list_models():
        print(f"{spec.id:18} {spec.task:12} {spec.description}")
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    resume_dir = Path(args.resume) if args.resume else None
    if resume_dir is not None:
        config = resume_config(resume_dir, args.epochs)
    elif args.config:
        config = TrainConfig.from_dict(json.loads(Path(args.config).read_text("utf-8")))
    else:
        config = TrainConfig(
            dataset=_train_dataset(args),
            model=args.model,
            epochs=AUTO if args.epochs is None else args.epochs,
            batch_size=args.batch_size,
            lr=args.lr,
            optimizer=args.optimizer,
            beta=args.beta,
            latent_dim=args.latent_dim,
            device=args.device,
            seed=args.seed,
            folder=args.folder,
            image_size=args.image_size,
            colour=args.colour,
            lr_schedule=args.lr_schedule,
            time_budget_s=args.time_budget,
            augment=augment_from_args(args),
            score_samples=not args.no_quality,
            fine_tune=args.fine_tune,
            backbone_size=args.backbone_size,
            amp=args.amp,
        )
    summary, trainer, speaks = _fit(config, resume_dir, args.out)
    if not speaks:  # a torchrun process other than rank 0: rank 0 reports for all
        return 0 if summary["status"] in ("completed", "stopped") else 1
    if summary["status"] == "unsaved":
        raise UserError(_unsaved_advice(summary, trainer))
    _print_summary(summary)
    print(summary["run_dir"])
    return 0 if summary["status"] in ("completed", "stopped") else 1


def _fit(config: TrainConfig, resume_dir: Path | None, out: str | None) -> tuple[dict, Any, bool]:
    """Train in this process, or as one process of a torchrun launch (core/training/
    distributed.py); returns (summary, trainer, whether this process reports)."""
    from kc_desktop.core.training.distributed import launched_by_torchrun, train_distributed

    if launched_by_torchrun():
        return train_distributed(
            config,
            callbacks=[ConsoleProgress()],
            resume_dir=resume_dir,
            runs_parent=out,
            notify=print,
            progress=StageProgress(),
        )
    trainer = build_run(
        config,
        callbacks=[ConsoleProgress()],
        resume_dir=resume_dir,
        runs_parent=out,
        notify=print,
        progress=StageProgress(),
    )
    if resume_dir is None:
        _print_estimate(config, trainer)
    return trainer.fit(), trainer, True


def _print_estimate(config: TrainConfig, trainer: Any) -> None:
    """Say before training how long it will take (a probe of a few steps)."""
    from kc_desktop.core.training.estimate import estimate_run

    estimate = estimate_run(config, trainer.dataset)
    if estimate is None:
        return
    plan = (
        f"at most {estimate.epochs} epochs; it stops earlier once the validation loss "
        "stops improving"
        if estimate.auto
        else f"{estimate.epochs} epoch{'' if estimate.epochs == 1 else 's'}"
    )
    print(f"Estimate: {estimate.text()} ({plan}).", flush=True)


def augment_from_args(args: argparse.Namespace) -> Augment:
    """The augmentation switches given, the model's defaults for the rest (the Model tab
    starts from the same defaults)."""
    default = get_model_spec(args.model).default_augment
    return Augment(
        flip=args.flip or default.flip,
        shift=default.shift if args.shift is None else args.shift,
        zoom=default.zoom if args.zoom is None else args.zoom,
    )


def _train_dataset(args: argparse.Namespace) -> str:
    """``--folder`` means the folder dataset; naming another dataset beside it is an error."""
    if args.folder is None:
        return args.dataset or "digits"
    if args.dataset not in (None, "folder"):
        raise UserError(
            f"--folder trains on an image folder, but --dataset names {args.dataset}; "
            "drop one of the two."
        )
    return "folder"


def _unsaved_advice(summary: dict, trainer: Any) -> str:
    """What to do when the run folder could not be written (the state in memory ends with
    this process; the last checkpoint on disk is whole, so the run can go on from it)."""
    from kc_desktop.core.runs.checkpoints import load_checkpoint
    from kc_desktop.core.runs.layout import MODEL_FILE

    run_dir = summary["run_dir"]
    why = trainer.unsaved.why if trainer.unsaved is not None else summary["reason"]
    try:
        kept = f"its checkpoint of epoch {load_checkpoint(Path(run_dir, MODEL_FILE))[2]['epoch']}"
    except USER_ERRORS:
        kept = "no checkpoint"
    return (
        f"{why} Training stopped after epoch {summary['epochs']}; the folder keeps {kept}. "
        f"Free some space or make the folder writable, then go on with: "
        f"python -m kc_desktop train --resume {run_dir}"
    )


def _print_summary(summary: dict) -> None:
    print(summary_text(summary))
    if summary.get("reason") and summary["status"] != "completed":
        print(summary["reason"])


def cmd_classify(args: argparse.Namespace) -> int:
    from kc_desktop.core.inference import classify, load_run

    run = load_run(args.run_dir)
    results = classify(run, list(args.images), top_k=args.top)
    for result in results:
        if args.json:
            record = (
                {"file": result.source, "error": result.error}
                if result.error
                else {
                    "file": result.source,
                    "predictions": [{"label": label, "p": p} for label, p in result.predictions],
                }
            )
            print(json.dumps(record), flush=True)
        elif result.error:
            print(f"{result.source}: error: {result.error}")
        else:
            ranked = ", ".join(f"{label} {p:.1%}" for label, p in result.predictions)
            print(f"{result.source}: {ranked}")
    return 0 if all(r.error is None for r in results) else 1


def cmd_sample(args: argparse.Namespace) -> int:
    from PIL import Image

    from kc_desktop.core.inference import load_run, sample
    from kc_desktop.core.runs.checkpoints import atomic_write_bytes

    run = load_run(args.run_dir)
    grid = sample(run, n=args.n, seed=args.seed)
    atomic_write_bytes(args.out, encode_png(Image.fromarray(grid)))
    print(args.out)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from kc_desktop.core.export.bundle import export_run

    for path in export_run(args.run_dir, args.out, args.format):
        print(path)
    return 0


def cmd_share(args: argparse.Namespace) -> int:
    from kc_desktop.core.export.share import pack_run

    print(pack_run(args.run_dir, args.out))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from kc_desktop.core.export.share import import_run

    print(import_run(args.file))
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from kc_desktop.bench.report import format_table
    from kc_desktop.bench.runner import run_benchmarks

    results = run_benchmarks(quick=args.quick, out=args.out)
    print(format_table(results))
    print(f"Written to {args.out}")
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "datasets": cmd_datasets,
    "models": cmd_models,
    "train": cmd_train,
    "classify": cmd_classify,
    "sample": cmd_sample,
    "bench": cmd_bench,
    "export": cmd_export,
    "share": cmd_share,
    "import": cmd_import,
}
