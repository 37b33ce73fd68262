"""The goal of a newcomer's first click (issue 10): ``train`` with no options, which is what
the window trains with its defaults, gets at least 98.5 % of the digits' test images right
(178 of 180). Seeds 1 and 2 and the same digits read from a folder are measured in the
README; one seed keeps the suite fast enough."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kc_desktop.cli import main


@pytest.mark.slow  # about 15 s on a quiet two-core CPU
@pytest.mark.timeout(900)
def test_the_default_digits_run_reaches_its_goal(tmp_path: Path) -> None:
    assert main(["train", "--out", str(tmp_path)]) == 0
    run = next(tmp_path.iterdir())
    config = json.loads((run / "config.json").read_text())
    assert (config["model"], config["epochs"], config["lr_schedule"]) == (
        "small-cnn",
        "auto",
        "onecycle",
    )
    assert config["augment"]["shift"] == 0.1
    summary = json.loads((run / "summary.json").read_text())
    assert summary["test_accuracy"] >= 0.985
