"""The command line's defaults: --folder means the folder dataset, Epochs auto, schedules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from folder_format_helpers import write_images

from kc_desktop.cli import build_parser, main


def test_folder_alone_trains_on_the_folder_with_the_recommended_defaults(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    root = write_images(tmp_path / "glyphs", ["2", "10"], 8, (12, 12), "L")
    out = tmp_path / "runs"
    assert main(["train", "--folder", str(root), "--time-budget", "0.001", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Estimate: about" in printed and "on this CPU" in printed
    config = json.loads(next(out.glob("*/config.json")).read_text())
    assert config["dataset"] == "folder" and config["classes"] == ["2", "10"]
    assert (config["image_size"], config["colour"], config["channels"]) == (12, "grey", 1)
    assert config["epochs"] == "auto" and config["max_epochs"] >= 2
    assert config["lr_schedule"] == "onecycle" and config["time_budget_s"] == 0.001


def test_folder_with_another_dataset_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    argv = ["train", "--dataset", "digits", "--folder", str(tmp_path), "--out", str(tmp_path)]
    assert main(argv) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "--folder" in error and "digits" in error
    assert not list(tmp_path.iterdir())  # nothing was trained


def test_epochs_take_a_number_or_auto() -> None:
    parser = build_parser()
    assert parser.parse_args(["train"]).epochs is None  # a new run: auto
    assert parser.parse_args(["train", "--epochs", "Auto"]).epochs == "auto"
    assert parser.parse_args(["train", "--epochs", "3"]).epochs == 3
    args = parser.parse_args(["train", "--colour", "grey", "--lr-schedule", "constant"])
    assert (args.colour, args.lr_schedule) == ("grey", "constant")
    with pytest.raises(SystemExit):
        parser.parse_args(["train", "--epochs", "soon"])
