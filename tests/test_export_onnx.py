"""Export every registry model: onnxruntime agrees with PyTorch, predict.py with `classify`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import onnxruntime
import pytest
import torch
from export_helpers import train_tiny_digits_run, write_test_images
from PIL import Image

from kc_desktop.cli import main
from kc_desktop.core.export.network import example_input
from kc_desktop.core.inference import decode_latents, load_input, load_run
from kc_desktop.core.models.registry import get_model_spec, list_models

CLASSIFIERS = [spec.id for spec in list_models("classify")]
GENERATIVE = [spec.id for spec in list_models("generate")]


@pytest.fixture(
    scope="module",
    params=[
        pytest.param(model, marks=[pytest.mark.slow, pytest.mark.timeout(900)])
        if get_model_spec(model).pretrained  # ImageNet-sized networks: ~40 s of CPU each
        else model
        for model in CLASSIFIERS + GENERATIVE
    ],
)
def exported(request, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, Path]:
    """(model id, run folder, exported folder): one tiny digits run per model, exported once
    by the command line in every format."""
    run_dir = train_tiny_digits_run(tmp_path_factory, request.param)
    out = tmp_path_factory.mktemp(f"export-{request.param}")
    assert main(["export", str(run_dir), "--out", str(out), "--format", "all"]) == 0
    return request.param, run_dir, out


@pytest.fixture(scope="module")
def digit_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_test_images(tmp_path_factory.mktemp("digits"))


def test_onnxruntime_output_equals_pytorch(
    exported: tuple[str, Path, Path], digit_files: list[Path]
) -> None:
    _, run_dir, out = exported
    run = load_run(run_dir)
    session = onnxruntime.InferenceSession(str(out / "model.onnx"))
    prep = json.loads((out / "preprocessing.json").read_text())
    if prep["input"] == "latent":  # the VAE's decoder, the DCGAN's generator
        x = torch.randn(7, run.latent_dim, generator=torch.Generator().manual_seed(1))
        with torch.no_grad():
            expected = decode_latents(run.model, run.task, x)
    else:  # real test digits; the batch size differs from the one exported with
        x = torch.cat([load_input(run, path) for path in digit_files])
        with torch.no_grad():
            expected = run.model(x)
    (got,) = session.run(None, {prep["input_name"]: x.numpy()})
    assert got.shape == tuple(expected.shape)
    np.testing.assert_allclose(got, expected.numpy(), atol=1e-4, rtol=0)
    assert x.shape[1:] == example_input(run).shape[1:]


def test_predict_py_gives_the_top_class_of_classify(
    exported: tuple[str, Path, Path], digit_files: list[Path], capsys: pytest.CaptureFixture
) -> None:
    model_id, run_dir, out = exported
    if model_id not in CLASSIFIERS:
        pytest.skip("generative runs draw samples; see the next test")
    files = [str(path) for path in digit_files]
    assert main(["classify", "--json", str(run_dir), *files]) == 0
    app = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    script = subprocess.run(
        [sys.executable, str(out / "predict.py"), *files],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    exported_lines = [json.loads(line) for line in script.stdout.splitlines()]
    assert [r["file"] for r in exported_lines] == [r["file"] for r in app] == files
    for mine, theirs in zip(exported_lines, app, strict=True):
        assert [p["label"] for p in mine["predictions"]] == [
            p["label"] for p in theirs["predictions"]
        ]
        assert mine["predictions"][0]["p"] == pytest.approx(theirs["predictions"][0]["p"], abs=1e-4)


def test_predict_py_draws_or_rebuilds_images(
    exported: tuple[str, Path, Path], digit_files: list[Path], tmp_path: Path
) -> None:
    model_id, _, out = exported
    if model_id in CLASSIFIERS:
        pytest.skip("classifiers are checked against classify above")
    grid = tmp_path / "grid.png"
    arguments = [str(p) for p in digit_files[:3]] if model_id == "autoencoder" else ["--n", "9"]
    script = subprocess.run(
        [sys.executable, str(out / "predict.py"), *arguments, "--out", str(grid)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    last = json.loads(script.stdout.splitlines()[-1])
    assert last["file"] == str(grid)
    with Image.open(grid) as image:
        width, height = image.size
    side = 28 + 2  # each picture plus the 2-pixel border
    if model_id == "autoencoder":  # three inputs over their three reconstructions
        assert (width, height) == (3 * side + 2, 2 * side + 2)
    else:
        assert (width, height) == (3 * side + 2, 3 * side + 2)


def test_model_card_and_its_pictures(exported: tuple[str, Path, Path]) -> None:
    model_id, _, out = exported
    card = (out / "README.md").read_text()
    for heading in ("## Data", "## How well it did", "## Hyper-parameters", "## Known limits"):
        assert heading in card
    assert "8x8" in card  # the digits' own known limit
    assert "![Training curves](training_curves.png)" in card
    assert (out / "training_curves.png").is_file()
    assert json.loads((out / "labels.json").read_text()) == [str(d) for d in range(10)]
    if model_id in CLASSIFIERS:
        totals = next(line for line in card.splitlines() if line.startswith("| **all** |"))
        assert sum(int(n) for n in totals.strip(" |").split("|")[1:]) == 1797  # every digit
        assert (out / "confusion_matrix.png").is_file()
        assert "test_accuracy" in card


@pytest.mark.filterwarnings("ignore:`torch.jit.load` is deprecated:FutureWarning")
def test_torchscript_output_equals_pytorch(exported: tuple[str, Path, Path]) -> None:
    _, run_dir, out = exported
    run = load_run(run_dir)
    x = example_input(run, batch=3)
    scripted = torch.jit.load(str(out / "model.pt"))  # our own file, just written
    with torch.no_grad():
        expected = decode_latents(run.model, run.task, x) if run.task in ("vae", "gan") else None
        expected = run.model(x) if expected is None else expected
        torch.testing.assert_close(scripted(x), expected, atol=1e-5, rtol=0)


def test_cli_export_of_a_folder_that_is_not_a_run(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert main(["export", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    error = capsys.readouterr().err
    assert error.startswith("error: ") and error.count("\n") == 1
