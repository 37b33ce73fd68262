"""The headless command line: listing, training, classifying, sampling, and its errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from kc_desktop.cli import main
from kc_desktop.core.data.registry import load_dataset
from kc_desktop.core.inference import load_run


def test_models_command_runs_as_a_module() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kc_desktop", "models"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    ids = [line.split()[0] for line in result.stdout.splitlines()]
    assert ids == [
        "mlp",
        "small-cnn",
        "folder-cnn",
        "mobilenet-v3-small",
        "resnet18",
        "efficientnet-b0",
        "lstm-attention",
        "autoencoder",
        "vae",
        "dcgan",
    ]


def test_datasets_command_lists_offline_and_download_sets(capsys: pytest.CaptureFixture) -> None:
    assert main(["datasets"]) == 0
    out = capsys.readouterr().out
    ids = [line.split()[0] for line in out.splitlines()]
    assert {"digits", "shapes", "mnist", "fashion-mnist", "cifar10", "folder"} <= set(ids)
    assert "offline" in next(line for line in out.splitlines() if line.startswith("digits"))


@pytest.fixture(scope="module")
def trained_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("runs")
    assert (
        main(["train", "--dataset", "digits", "--model", "mlp", "--epochs", "2", "--out", str(out)])
        == 0
    )
    return next(out.iterdir())


def test_train_prints_epochs_summary_and_run_path(
    trained_run: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert (
        main(
            [
                "train",
                "--dataset",
                "digits",
                "--model",
                "mlp",
                "--epochs",
                "1",
                "--out",
                str(tmp_path),
            ]
        )
        == 0
    )
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("Training mlp")
    assert any(line.startswith("Epoch 1 of 1: validation accuracy") for line in lines)
    assert lines[-2].startswith("Completed after 1 epoch in ") and "Test accuracy" in lines[-2]
    run_dir = Path(lines[-1])
    assert run_dir.parent == tmp_path and (run_dir / "summary.json").is_file()


def _digit_png(path: Path, index: int, run_dir: Path) -> tuple[Path, str]:
    """Save a test digit as PNG; return it with the label the model gives its tensor."""
    dataset = load_dataset("digits")
    test_index = int(dataset.splits["test"][index])
    Image.fromarray(dataset.images[test_index, 0].numpy()).save(path)
    model = load_run(run_dir).model
    with torch.no_grad():
        predicted = int(model(dataset.images[test_index : test_index + 1].float() / 255).argmax())
    return path, dataset.classes[predicted]


def test_classify_json_gives_predictions_and_per_file_errors(
    trained_run: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    good, label = _digit_png(tmp_path / "digit.png", 0, trained_run)
    broken = tmp_path / "broken.png"
    broken.write_text("this is not an image")
    status = main(["classify", str(trained_run), str(good), str(broken), "--json"])
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert status == 1  # one input failed; the other was still classified
    assert records[0]["file"] == str(good)
    assert len(records[0]["predictions"]) == 5
    assert records[0]["predictions"][0]["label"] == label
    assert sum(p["p"] for p in records[0]["predictions"]) <= 1.0 + 1e-6
    assert records[1]["file"] == str(broken) and "\n" not in records[1]["error"]


def test_classify_text_output(
    trained_run: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    good, label = _digit_png(tmp_path / "digit.png", 1, trained_run)
    assert main(["classify", str(trained_run), str(good), "--top", "3"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith(f"{good}: {label} ") and line.count("%") == 3


def test_sample_refuses_classifier_with_plain_error(
    trained_run: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert main(["sample", str(trained_run), "--out", str(tmp_path / "g.png")]) == 2
    assert "generative" in capsys.readouterr().err
    assert not (tmp_path / "g.png").exists()


def test_sample_writes_grid_for_vae(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert (
        main(
            [
                "train",
                "--dataset",
                "digits",
                "--model",
                "vae",
                "--epochs",
                "1",
                "--out",
                str(tmp_path),
            ]
        )
        == 0
    )
    run_dir = Path(capsys.readouterr().out.strip().splitlines()[-1])
    assert (run_dir / "samples" / "epoch_001.png").is_file()
    out = tmp_path / "grid.png"
    assert main(["sample", str(run_dir), "--n", "16", "--out", str(out)]) == 0
    grid = np.asarray(Image.open(out))
    assert grid.shape[0] == grid.shape[1] > 4 * 28  # 4x4 images of 28 pixels plus padding


def test_user_errors_are_one_line_with_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert main(["train", "--dataset", "nope", "--epochs", "1", "--out", str(tmp_path)]) == 2
    assert main(["train", "--model", "nope", "--epochs", "1", "--out", str(tmp_path)]) == 2
    assert main(["classify", str(tmp_path), "x.png"]) == 2
    errors = capsys.readouterr().err.strip().splitlines()
    assert len(errors) == 3 and all(line.startswith("error: ") for line in errors)
    assert "Traceback" not in "".join(errors)
