"""Opening a run never runs code from it, and nothing a run's JSON says is used as a place to
write: a crafted run folder is refused, or used, without touching anything outside it."""

from __future__ import annotations

import json
import os
import pickle
import re
import shutil
from pathlib import Path

import pytest
import torch

from kc_desktop.cli import main
from kc_desktop.core.inference import classify, load_run
from kc_desktop.core.runs.checkpoints import CheckpointError
from kc_desktop.core.runs.layout import MODEL_FILE, RunDirectory, list_runs
from kc_desktop.core.training.config import TrainConfig
from kc_desktop.core.training.engine import Trainer

PACKAGE = Path(__file__).resolve().parents[1] / "kc_desktop"


class _Payload:
    """Unpickling this object would run a shell command that creates ``marker``."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def _copy_run(source: Path, parent: Path) -> Path:
    parent.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copytree(source, parent / source.name))


def _tree(root: Path) -> dict[str, tuple[int, int]]:
    """Every path under ``root`` with its size and modification time."""
    return {
        str(p.relative_to(root)): (p.lstat().st_size, p.lstat().st_mtime_ns)
        for p in root.rglob("*")
    }


@pytest.mark.parametrize("disguise", ["pickle", "torch.save"])
def test_a_run_whose_weights_are_a_pickle_is_refused_everywhere(
    digits_classifier_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture,
    disguise: str,
) -> None:
    run_dir = _copy_run(digits_classifier_dir, tmp_path / "runs")
    marker = tmp_path / "payload-ran"
    if disguise == "pickle":
        (run_dir / MODEL_FILE).write_bytes(pickle.dumps(_Payload(marker)))
    else:
        torch.save({"state_dict": _Payload(marker)}, run_dir / MODEL_FILE)

    with pytest.raises(CheckpointError, match="not a kc_desktop checkpoint"):
        load_run(run_dir)
    config = TrainConfig.from_dict(RunDirectory(run_dir).read_config())
    config.epochs = 3
    with pytest.raises(CheckpointError, match="not a kc_desktop checkpoint"):
        Trainer(config, run_dir=run_dir, resume=True).fit()
    assert main(["classify", str(run_dir), __file__]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("error: ") and "not a kc_desktop checkpoint" in error
    assert "\n" not in error
    assert not marker.exists()


def test_no_torch_load_without_weights_only() -> None:
    """torch.load unpickles unless told ``weights_only=True``; checkpoints use safetensors."""
    offenders = []
    for source in PACKAGE.rglob("*.py"):
        for match in re.finditer(r"torch\.load\((?:[^()]|\([^()]*\))*\)", source.read_text()):
            if "weights_only=True" not in match.group(0):
                offenders.append(f"{source.relative_to(PACKAGE)}: {match.group(0)}")
    assert offenders == []


def test_paths_in_a_crafted_run_never_lead_outside_it(
    digits_classifier_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    runs = tmp_path / "runs"
    run_dir = _copy_run(digits_classifier_dir, runs)
    outside = tmp_path / "outside"  # named absolutely, and reachable by "../" from the run
    config = RunDirectory(run_dir).read_config()
    config.update(
        {
            "run_dir": "../../outside",
            "out": str(outside),
            "runs_parent": str(outside),
            "samples_dir": str(outside / "samples"),
            "dataset_name": "../../outside/name",
            "classes": [f"../../outside/class{i}" for i in range(9)] + [str(outside / "abs")],
        }
    )
    (run_dir / "config.json").write_text(json.dumps(config))
    summary = json.loads((run_dir / "summary.json").read_text())
    summary["run_dir"] = str(outside)
    (run_dir / "summary.json").write_text(json.dumps(summary))
    before = _tree(tmp_path)

    run = load_run(run_dir)
    assert run.path == run_dir
    (prediction,) = classify(run, [digits_classifier_dir / MODEL_FILE])  # not an image
    assert prediction.error
    assert [info.path for info in list_runs(runs)] == [run_dir]
    status = main(["train", "--resume", str(run_dir), "--epochs", "3"])
    assert status == 0, capsys.readouterr().err
    assert capsys.readouterr().out.strip().endswith(str(run_dir))

    after = _tree(tmp_path)
    written = {path for path, stamp in after.items() if before.get(path) != stamp}
    inside = f"runs/{run_dir.name}"
    assert written and all(p == inside or p.startswith(f"{inside}/") for p in written)
    assert not outside.exists()
