"""The headless command line: ``python -m kc_desktop [gui|train|classify|sample|...|bench]``.

It drives the same core engine as the window. Errors a person can cause print one plain
line on stderr and exit with status 2; nothing here prints a traceback for them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from kc_desktop.core.choices import (
    AUTO,
    COLOURS,
    DEFAULT_SCHEDULE,
    DEFAULT_TIME_BUDGET_S,
    SCHEDULES,
)


def epochs_value(text: str) -> int | str:
    """``--epochs``: a positive whole number or "auto"."""
    if text.strip().lower() == AUTO:
        return AUTO
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number or auto, not {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m kc_desktop", description="kc_desktop: a desktop deep-learning studio."
    )
    camera_file_help = "window: offer this video file as a camera (demos, tests)"
    parser.add_argument("--camera-file", metavar="PATH", help=camera_file_help)
    commands = parser.add_subparsers(dest="command")
    gui = commands.add_parser("gui", help="open the window (the default)")
    gui.add_argument(
        "--camera-file", metavar="PATH", help=camera_file_help, default=argparse.SUPPRESS
    )
    commands.add_parser("datasets", help="list the datasets")
    commands.add_parser("models", help="list the models")

    train = commands.add_parser("train", help="train a model headless and save a run folder")
    train.add_argument("--dataset", help="a dataset id (default: digits; folder with --folder)")
    train.add_argument("--model", default="small-cnn")
    train.add_argument(
        "--epochs",
        type=epochs_value,
        help="a number, or auto (the default): stop when the validation loss stops improving",
    )
    train.add_argument(
        "--lr-schedule",
        choices=SCHEDULES,
        default=DEFAULT_SCHEDULE,
        help="learning-rate schedule (default: onecycle; constant switches it off)",
    )
    train.add_argument(
        "--time-budget",
        type=float,
        metavar="SECONDS",
        help=f"epochs auto: most training time (default {DEFAULT_TIME_BUDGET_S:.0f} s)",
    )
    train.add_argument("--batch-size", type=int)
    train.add_argument("--lr", type=float)
    train.add_argument("--optimizer", choices=["adam", "sgd"])
    train.add_argument("--beta", type=float, default=1.0, help="VAE: weight of the KL term")
    train.add_argument("--latent-dim", type=int)
    train.add_argument("--device", default="auto", help="auto, cpu, cuda, cuda:N or mps")
    train.add_argument("--seed", type=int, default=0)
    train.add_argument("--out", help="parent folder of the run folder (default: the app home)")
    train.add_argument("--folder", help="image folder, one subfolder per class (--dataset folder)")
    train.add_argument(
        "--image-size", type=int, help="side in pixels to decode folders at (default: the files')"
    )
    train.add_argument(
        "--colour",
        choices=COLOURS,
        default="auto",
        help="decode folders in colour or greyscale (default auto: as the files are)",
    )
    train.add_argument("--flip", action="store_true", help="augment: random horizontal flips")
    train.add_argument(
        "--shift", type=float, help="augment: shift fraction (default: the model's; 0 is off)"
    )
    train.add_argument(
        "--zoom", type=float, help="augment: zoom fraction (default: the model's; 0 is off)"
    )
    train.add_argument(
        "--fine-tune",
        action="store_true",
        help="pretrained models: also train the last blocks (slower); default: quick mode, "
        "a new last layer on cached features",
    )
    train.add_argument(
        "--backbone-size",
        type=int,
        help="pretrained models: side in pixels below 224 for speed (32..224)",
    )
    train.add_argument("--resume", metavar="RUN_DIR", help="continue a saved run")
    train.add_argument(
        "--amp",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="mixed precision on CUDA (default: on there; never on the CPU)",
    )
    train.add_argument(
        "--config", metavar="CONFIG_JSON", help="train the settings of a config.json (as saved)"
    )
    train.add_argument(
        "--no-quality",
        action="store_true",
        help="GAN / VAE: skip the per-epoch sample-quality score (Fréchet distance, coverage)",
    )

    classify = commands.add_parser("classify", help="top-k predictions for image files")
    classify.add_argument("run_dir")
    classify.add_argument("images", nargs="+")
    classify.add_argument("--top", type=int, default=5)
    classify.add_argument("--json", action="store_true", help="one JSON object per line")

    sample = commands.add_parser("sample", help="a grid of generated images as PNG")
    sample.add_argument("run_dir")
    sample.add_argument("--n", type=int, default=64)
    sample.add_argument("--seed", type=int, default=0)
    sample.add_argument("--out", default="grid.png")

    export = commands.add_parser("export", help="export a run: ONNX, predict.py, model card")
    export.add_argument("run_dir")
    export.add_argument("--out", required=True, help="folder to write the export into")
    export.add_argument("--format", choices=["onnx", "torchscript", "all"], default="onnx")

    share = commands.add_parser("share", help="pack a run folder into one .kcrun file")
    share.add_argument("run_dir")
    share.add_argument("--out", required=True, help="the .kcrun file to write")

    import_ = commands.add_parser("import", help="open a .kcrun file as a saved run")
    import_.add_argument("file")

    bench = commands.add_parser("bench", help="measure the app's speed against bare PyTorch")
    bench.add_argument("--quick", action="store_true", help="a tiny run (seconds), for tests")
    bench.add_argument("--out", default="bench/results.json", help="where to write the JSON")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command in (None, "gui"):
        from kc_desktop.ui.app import run_app

        return run_app(camera_file=args.camera_file)
    from kc_desktop.cli_commands import COMMANDS
    from kc_desktop.core.errors import USER_ERRORS, KcError

    try:
        return COMMANDS[args.command](args)
    except USER_ERRORS as error:
        message = error.user_message if isinstance(error, KcError) else str(error)
        print(f"error: {message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
