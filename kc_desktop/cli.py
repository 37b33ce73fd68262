"""The headless command line: ``python -m kc_desktop [gui|train|classify|sample|...|bench]``.

It drives the same core engine as the window. Errors a person can cause print one plain
line on stderr and exit with status 2; nothing here prints a traceback for them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m kc_desktop", description="kc_desktop: a desktop deep-learning studio."
    )
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("gui", help="open the window (the default)")
    commands.add_parser("datasets", help="list the datasets")
    commands.add_parser("models", help="list the models")

    train = commands.add_parser("train", help="train a model headless and save a run folder")
    train.add_argument("--dataset", default="digits")
    train.add_argument("--model", default="small-cnn")
    train.add_argument("--epochs", type=int)
    train.add_argument("--batch-size", type=int)
    train.add_argument("--lr", type=float)
    train.add_argument("--optimizer", choices=["adam", "sgd"])
    train.add_argument("--beta", type=float, default=1.0, help="VAE: weight of the KL term")
    train.add_argument("--latent-dim", type=int)
    train.add_argument("--device", default="auto", help="auto, cpu, cuda, cuda:N or mps")
    train.add_argument("--seed", type=int, default=0)
    train.add_argument("--out", help="parent folder of the run folder (default: the app home)")
    train.add_argument("--folder", help="image folder, one subfolder per class (--dataset folder)")
    train.add_argument("--image-size", type=int, help="side in pixels to decode folders at")
    train.add_argument("--flip", action="store_true", help="augment: random horizontal flips")
    train.add_argument("--shift", type=float, default=0.0, help="augment: shift fraction")
    train.add_argument("--zoom", type=float, default=0.0, help="augment: zoom fraction")
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

    bench = commands.add_parser("bench", help="measure the app's speed against bare PyTorch")
    bench.add_argument("--quick", action="store_true", help="a tiny run (seconds), for tests")
    bench.add_argument("--out", default="bench/results.json", help="where to write the JSON")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command in (None, "gui"):
        from kc_desktop.ui.app import run_app

        return run_app()
    from kc_desktop.cli_commands import COMMANDS, UserError

    try:
        return COMMANDS[args.command](args)
    except UserError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
