"""Sample quality: Fréchet distance, class coverage, the cached feature net, the epoch hook."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import torch
from quality_helpers import digits_scorer, install_feature_net

from kc_desktop.cli import main
from kc_desktop.core.data.registry import load_dataset
from kc_desktop.core.inference import load_run
from kc_desktop.core.insight import feature_net as feature_net_module
from kc_desktop.core.insight import quality_metric
from kc_desktop.core.insight.feature_net import (
    FeatureNet,
    dataset_fingerprint,
    load_or_train_feature_net,
)
from kc_desktop.core.insight.quality import (
    GaussianStats,
    QualityScorer,
    class_coverage,
    frechet_distance,
)
from kc_desktop.core.insight.quality_metric import SampleQualityMetric, sample_quality_metrics
from kc_desktop.core.models.registry import build_model
from kc_desktop.core.runs.layout import RunDirectory
from kc_desktop.core.training.config import TrainConfig


@pytest.fixture(scope="module")
def scorer(digits_feature_net_dir: Path) -> QualityScorer:
    return digits_scorer(digits_feature_net_dir)


def _random_features(n: int, dim: int, seed: int, scale: float = 1.0) -> torch.Tensor:
    generator = torch.Generator().manual_seed(seed)
    return torch.randn(n, dim, generator=generator, dtype=torch.float64) * scale


def test_frechet_distance_of_a_set_with_itself_is_zero_and_it_is_symmetric() -> None:
    a = GaussianStats.of(_random_features(300, 16, seed=1))
    b = GaussianStats.of(_random_features(300, 16, seed=2, scale=2.0) + 0.5)
    assert frechet_distance(a, a) == pytest.approx(0.0, abs=1e-6)
    assert frechet_distance(a, b) == pytest.approx(frechet_distance(b, a), rel=1e-6)
    assert frechet_distance(a, b) > 1.0


def test_frechet_distance_matches_the_closed_form_for_diagonal_gaussians() -> None:
    """For diagonal covariances d^2 = |m1 - m2|^2 + sum (sqrt(v1) - sqrt(v2))^2."""
    v1, v2 = torch.tensor([1.0, 4.0, 9.0]), torch.tensor([4.0, 1.0, 0.25])
    m1, m2 = torch.tensor([0.0, 1.0, 2.0]), torch.tensor([3.0, 1.0, 0.0])
    a = GaussianStats(m1.double(), torch.diag(v1).double())
    b = GaussianStats(m2.double(), torch.diag(v2).double())
    expected = float((m1 - m2).pow(2).sum() + (v1.sqrt() - v2.sqrt()).pow(2).sum())
    assert frechet_distance(a, b) == pytest.approx(expected, rel=1e-9)


def test_class_coverage_counts_classes_and_evenness() -> None:
    uniform = class_coverage(torch.arange(100) % 10, 10)
    assert uniform.counts == [10] * 10
    assert uniform.covered == 10 and uniform.evenness == pytest.approx(1.0)
    collapsed = class_coverage(torch.full((100,), 3), 10)
    assert collapsed.covered == 1 and collapsed.evenness == 0.0
    # 97 samples of one class and one stray sample of three others: one class is covered
    stray = class_coverage(torch.tensor([0] * 97 + [1, 2, 3]), 10)
    assert stray.covered == 1
    two = class_coverage(torch.tensor([0, 1] * 50), 10)
    assert two.covered == 2 and two.evenness == pytest.approx(math.log(2) / math.log(10))


def test_real_held_out_images_cover_every_class(scorer: QualityScorer) -> None:
    test_images, _ = load_dataset("digits").split("test")
    score = scorer.score(test_images)
    assert score.num_classes == 10
    assert score.classes_covered == 10
    assert score.class_evenness > 0.95
    assert scorer.feature_net.test_accuracy > 0.9


def test_score_orders_real_then_trained_then_untrained_generator(
    scorer: QualityScorer, digits_scored_vae_dir: Path
) -> None:
    dataset = load_dataset("digits")
    metric = SampleQualityMetric(dataset, "vae", device="cpu", scorer=scorer)
    test_images, _ = dataset.split("test")
    real = scorer.score(test_images).frechet_distance
    trained = metric(load_run(digits_scored_vae_dir).model, 3)["frechet_distance"]
    torch.manual_seed(0)
    untrained = metric(build_model("vae", channels=1, size=28, num_classes=10), 0)
    assert real < trained < untrained["frechet_distance"]
    assert untrained["classes_covered"] < 10


def test_engine_logs_the_score_of_every_epoch(digits_scored_vae_dir: Path) -> None:
    records = RunDirectory(digits_scored_vae_dir).read_metrics()
    epochs = [r for r in records if r["kind"] == "epoch"]
    assert [r["epoch"] for r in epochs] == [1, 2, 3]
    distances = [r["frechet_distance"] for r in epochs]
    assert all(d > 0 for d in distances)
    assert distances[-1] < distances[0]  # the samples got closer to real digits
    assert all(1 <= r["classes_covered"] <= 10 and 0 <= r["class_evenness"] <= 1 for r in epochs)


def test_scoring_leaves_the_model_in_its_training_mode(scorer: QualityScorer) -> None:
    dataset = load_dataset("digits")
    metric = SampleQualityMetric(dataset, "gan", device="cpu", scorer=scorer)
    dcgan = build_model("dcgan", channels=1, size=28, num_classes=10).train()
    running_mean = dcgan.generator.net[2].running_mean.clone()
    metric(dcgan, 1)
    assert dcgan.training
    assert torch.equal(dcgan.generator.net[2].running_mean, running_mean)  # eval-mode BatchNorm


def test_only_generative_runs_that_ask_for_it_are_scored() -> None:
    dataset = load_dataset("digits")
    assert len(sample_quality_metrics(TrainConfig(model="vae"), dataset)) == 1
    assert len(sample_quality_metrics(TrainConfig(model="dcgan"), dataset)) == 1
    assert sample_quality_metrics(TrainConfig(model="small-cnn"), dataset) == []
    assert sample_quality_metrics(TrainConfig(model="autoencoder"), dataset) == []
    assert sample_quality_metrics(TrainConfig(model="vae", score_samples=False), dataset) == []


def test_feature_net_is_cached_per_dataset(
    digits_feature_net_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    digits = load_dataset("digits")
    assert digits_feature_net_dir.name == dataset_fingerprint(digits)
    assert (digits_feature_net_dir / "model.safetensors").is_file()
    assert not list(digits_feature_net_dir.glob("*.pt*")) and not list(
        digits_feature_net_dir.glob("*.pkl")
    )
    install_feature_net(digits_feature_net_dir)

    def no_training(*args: object) -> None:
        raise AssertionError("a cached feature net was trained again")

    monkeypatch.setattr(feature_net_module, "_train_into", no_training)
    net = load_or_train_feature_net(digits, "cpu")
    assert net.run.path.name == digits_feature_net_dir.name
    other = load_dataset("digits", seed=1)  # other splits: another net
    assert dataset_fingerprint(other) != dataset_fingerprint(digits)


def test_cli_train_scores_a_vae_each_epoch(
    digits_feature_net_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    install_feature_net(digits_feature_net_dir)
    args = ["train", "--model", "vae", "--epochs", "1", "--out", str(tmp_path)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "sample quality score" in out  # the plain name of frechet_distance
    run_dir = Path(out.strip().splitlines()[-1])
    epochs = [r for r in RunDirectory(run_dir).read_metrics() if r["kind"] == "epoch"]
    assert len(epochs) == 1 and all("frechet_distance" in r for r in epochs)

    assert main([*args, "--no-quality"]) == 0
    run_dir = Path(capsys.readouterr().out.strip().splitlines()[-1])
    epochs = [r for r in RunDirectory(run_dir).read_metrics() if r["kind"] == "epoch"]
    assert len(epochs) == 1 and not any("frechet_distance" in r for r in epochs)


def test_a_run_is_told_before_the_feature_net_is_trained(
    digits_feature_net_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    digits = load_dataset("digits")
    trained: list[bool] = []

    def train_then_load(dataset, device):
        trained.append(True)
        return FeatureNet(load_run(digits_feature_net_dir))

    monkeypatch.setattr(quality_metric, "load_or_train_feature_net", train_then_load)
    told: list[str] = []
    config = TrainConfig(model="dcgan", device="cpu")
    sample_quality_metrics(config, digits, notify=told.append)[0].scorer()
    assert told == [quality_metric.TRAINING_NOTICE] and trained == [True]

    install_feature_net(digits_feature_net_dir)  # cached now: nothing to announce
    sample_quality_metrics(config, digits, notify=told.append)[0].scorer()
    assert len(told) == 1
