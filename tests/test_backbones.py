"""Pretrained backbones offline: the weights file's path, checks and refusals, quick mode on
cached features, fine-tuning, resume, classify, Grad-CAM, and the model recommendation."""

from __future__ import annotations

import hashlib
import urllib.error
from pathlib import Path

import numpy as np
import pytest
import torch
from backbone_helpers import write_photo_folder, write_test_weights
from PIL import Image
from safetensors.torch import load_file

from helpers import tiny_dataset
from kc_desktop.core.data.loader import Augment
from kc_desktop.core.inference import LoadedRun, classify, load_run
from kc_desktop.core.insight.evaluation import evaluate_saved_run
from kc_desktop.core.insight.saliency import explain, explain_tensor
from kc_desktop.core.kinds import Task
from kc_desktop.core.models import pretrained_weights
from kc_desktop.core.models.backbones import BACKBONES
from kc_desktop.core.models.pretrained_weights import WeightsError, download, weights_path
from kc_desktop.core.models.recommend import recommend_model
from kc_desktop.core.models.registry import build_model, get_model_spec
from kc_desktop.core.runs.checkpoints import load_checkpoint
from kc_desktop.core.runs.layout import MODEL_FILE
from kc_desktop.core.studio import build_run, resume_config
from kc_desktop.core.training.backbone_tasks import FINE_TUNE_LR_SCALE
from kc_desktop.core.training.config import TrainConfig
from kc_desktop.core.training.engine import Trainer
from kc_desktop.core.training.quick_features import embeddings_dir

MOBILENET_URL = BACKBONES["mobilenet-v3-small"].url


@pytest.fixture(autouse=True)
def no_torch_home(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TORCH_HOME", raising=False)


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args, **_kwargs):
        raise urllib.error.URLError("no network")

    monkeypatch.setattr(pretrained_weights.urllib.request, "urlopen", refuse)


@pytest.fixture(scope="module")
def photos(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_photo_folder(tmp_path_factory.mktemp("photos"), per_class=16)


def photo_config(photos: Path, **overrides: object) -> TrainConfig:
    values = {"epochs": 8, "backbone_size": 64, "lr": 3e-3} | overrides
    return TrainConfig(dataset="folder", folder=str(photos), model="mobilenet-v3-small", **values)


def test_weights_live_in_the_app_home_or_torch_home(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    expected = isolated_home / "weights" / "mobilenet_v3_small-047dcff4.pth"
    assert weights_path(MOBILENET_URL) == expected
    monkeypatch.setenv("TORCH_HOME", str(tmp_path))
    assert weights_path(MOBILENET_URL) == tmp_path / "hub" / "checkpoints" / expected.name


def test_the_weights_file_is_loaded_into_the_network() -> None:
    path = write_test_weights()
    state = torch.load(path, weights_only=True)
    model = build_model("mobilenet-v3-small", channels=3, size=64, num_classes=2, pretrained=True)
    first_conv = model.features[1][0].weight  # features[0] is the ImageNet normalisation
    assert torch.equal(first_conv, state["features.0.0.weight"])


def test_offline_says_where_to_put_the_file(offline: None, isolated_home: Path) -> None:
    with pytest.raises(WeightsError) as caught:
        build_run(TrainConfig(model="mobilenet-v3-small", epochs=1))
    message = str(caught.value)
    assert "mobilenet_v3_small-047dcff4.pth" in message
    assert str(isolated_home / "weights") in message
    assert "from scratch" in message and "\n" not in message


def test_a_download_is_kept_only_when_its_hash_matches_the_name(tmp_path: Path) -> None:
    content = b"weights" * 1000
    prefix = hashlib.sha256(content).hexdigest()[:8]
    source = tmp_path / "source.pth"
    source.write_bytes(content)
    seen: list[tuple[int, int]] = []
    good = tmp_path / "weights" / f"net-{prefix}.pth"
    download(source.as_uri(), good, "Net", lambda _what, done, total: seen.append((done, total)))
    assert good.read_bytes() == content and seen[-1] == (len(content), len(content))
    bad = tmp_path / "weights" / "net-00000000.pth"
    with pytest.raises(WeightsError, match="damaged"):
        download(source.as_uri(), bad, "Net")
    assert sorted(p.name for p in bad.parent.iterdir()) == [good.name]


@pytest.mark.parametrize("kind", ["truncated", "foreign network", "not tensors"])
def test_a_corrupt_or_foreign_file_is_refused(kind: str) -> None:
    path = write_test_weights()
    if kind == "truncated":
        path.write_bytes(path.read_bytes()[:5000])
    elif kind == "foreign network":
        torch.save(torch.nn.Linear(3, 2).state_dict(), path)
    else:
        torch.save({"weight": Path("/etc/passwd")}, path)  # a pickled object, never loaded
    with pytest.raises(WeightsError, match="was refused"):
        build_model("mobilenet-v3-small", channels=3, size=64, num_classes=2, pretrained=True)


def test_quick_mode_trains_a_head_on_cached_features(photos: Path, isolated_home: Path) -> None:
    write_test_weights()
    seen: list[tuple[str, int, int]] = []
    trainer = build_run(photo_config(photos), progress=lambda *a: seen.append(a))
    summary = trainer.fit()
    assert summary["status"] == "completed" and summary["test_accuracy"] >= 0.75
    assert seen[-1][1:] == (32, 32) and "features" in seen[-1][0]
    cached = list(embeddings_dir().glob("*.safetensors"))
    assert len(cached) == 1 and load_file(cached[0])["features"].shape == (32, 576)
    # The saved model is the whole image classifier: evaluation agrees with the run.
    assert evaluate_saved_run(summary["run_dir"]).accuracy == pytest.approx(
        summary["test_accuracy"]
    )
    run = load_run(summary["run_dir"])
    image = np.asarray(Image.open(photos / "sky" / "3.jpg").convert("RGB"))
    assert classify(run, [image])[0].predictions[0][0] == "sky"
    saliency = explain(run, image)
    assert saliency.method == "grad-cam" and saliency.heatmap.shape == (64, 64)
    assert saliency.heatmap.max() == pytest.approx(1.0)


def test_quick_mode_resumes_exactly_and_reuses_the_cache(photos: Path) -> None:
    write_test_weights()
    flip = Augment(flip=True)
    whole = build_run(photo_config(photos, epochs=2, augment=flip)).fit()
    cached = sorted(embeddings_dir().glob("*.safetensors"))
    assert len(cached) == 4  # the images, and three augmented views of the training ones
    half = build_run(photo_config(photos, epochs=1, augment=flip)).fit()
    resumed = build_run(resume_config(half["run_dir"], 2), resume_dir=half["run_dir"]).fit()
    assert sorted(embeddings_dir().glob("*.safetensors")) == cached
    assert resumed["loss"] == whole["loss"] and resumed["val_loss"] == whole["val_loss"]


def test_fine_tune_trains_only_the_last_blocks_at_a_lower_rate(photos: Path) -> None:
    write_test_weights()
    config = photo_config(photos, epochs=1, backbone_size=32, fine_tune=True)
    summary = build_run(config).fit()
    assert summary["status"] == "completed"
    trained = load_run(summary["run_dir"]).model
    fresh = build_model("mobilenet-v3-small", channels=3, size=32, num_classes=2, pretrained=True)
    changed = {
        name
        for (name, new), (_, old) in zip(
            trained.state_dict().items(), fresh.state_dict().items(), strict=True
        )
        if new.is_floating_point() and not torch.equal(new, old)
    }
    # features.0 is the ImageNet normalisation, 1..13 MobileNet's blocks, 14 the pool.
    blocks = {name.split(".")[1] for name in changed if name.startswith("features.")}
    assert blocks == {"11", "12", "13"} and any(n.startswith("classifier.") for n in changed)
    _, optimizers, _ = load_checkpoint(Path(summary["run_dir"]) / MODEL_FILE)
    head, tail = optimizers[0]["param_groups"]
    assert tail["lr"] == pytest.approx(head["lr"] * FINE_TUNE_LR_SCALE) and head["lr"] == 3e-3


def test_greyscale_images_are_repeated_to_three_channels() -> None:
    write_test_weights()
    dataset = tiny_dataset(n=24, channels=1, size=28, classes=2)
    config = TrainConfig(dataset="tiny", model="mobilenet-v3-small", epochs=1, backbone_size=32)
    summary = Trainer(config, dataset=dataset).fit()
    assert summary["status"] == "completed"
    assert load_run(summary["run_dir"]).config["input_size"] == 32


@pytest.mark.parametrize(
    ("channels", "size", "model"),
    [
        (1, 28, "small-cnn"),
        (1, 64, "small-cnn"),
        (3, 32, "mobilenet-v3-small"),
        (1, 150, "mobilenet-v3-small"),
    ],
)
def test_the_recommendation_follows_the_images(channels: int, size: int, model: str) -> None:
    recommendation = recommend_model(channels, size)
    assert recommendation.model_id == model and not recommendation.fine_tune
    assert f"{size}x{size}" in recommendation.text()
    assert get_model_spec(model).pretrained == (model != "small-cnn")


def test_the_command_line_trains_a_photo_folder_with_progress(
    photos: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_test_weights()
    from kc_desktop.cli import main

    argv = ["train", "--dataset", "folder", "--folder", str(photos)]
    argv += ["--model", "mobilenet-v3-small", "--epochs", "2", "--backbone-size", "32"]
    assert main([*argv, "--out", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert "Computing image features (once per dataset): 100% (32/32)" in err
    assert "Epoch 2 of 2:" in out
    run_dir = Path(out.strip().splitlines()[-1])
    config = load_run(run_dir).config
    assert config["fine_tune"] is False and config["backbone_size"] == 32


def _explain_random(model_id: str, tmp_path: Path) -> np.ndarray:
    torch.manual_seed(0)
    model = build_model(model_id, channels=1, size=64, num_classes=3).eval()
    classes, cpu = ["a", "b", "c"], torch.device("cpu")
    run = LoadedRun(tmp_path, {"model": model_id}, model, Task.CLASSIFY, classes, 1, 64, cpu)
    saliency = explain_tensor(run, torch.rand(1, 1, 64, 64))
    assert saliency.method == "grad-cam" and saliency.image.shape == (64, 64, 1)
    return saliency.heatmap


def test_grad_cam_works_on_every_backbone(tmp_path: Path) -> None:
    for model_id in ("resnet18", "efficientnet-b0"):
        assert _explain_random(model_id, tmp_path).shape == (64, 64)


def test_grad_cam_counts_resnet_s_stride_once(tmp_path: Path) -> None:
    """The 2x2 feature map's last cell sits over pixel 32 (stride 32): past it, the map holds
    that cell's value; ResNet's shortcut convolutions counted as a second stride would leave
    it still interpolating there."""
    heat = _explain_random("resnet18", tmp_path)
    assert heat[40, 40] == pytest.approx(heat[63, 63]) and heat[0, 0] != pytest.approx(heat[63, 63])
