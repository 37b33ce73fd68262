"""Builders for the sample-quality tests: a cached digits feature net and a scored VAE run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import make_trainer
from kc_desktop.core.data.registry import load_dataset
from kc_desktop.core.inference import load_run
from kc_desktop.core.insight.feature_net import (
    FeatureNet,
    feature_nets_dir,
    load_or_train_feature_net,
)
from kc_desktop.core.insight.quality import QualityScorer
from kc_desktop.core.insight.quality_metric import SampleQualityMetric


def train_digits_feature_net(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Train the digits feature classifier once, in a home of its own; return its folder."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KC_DESKTOP_HOME", str(tmp_path_factory.mktemp("feature_home")))
        return load_or_train_feature_net(load_dataset("digits"), "cpu").run.path


def install_feature_net(net_dir: Path) -> Path:
    """Copy a trained feature net into the current app home's cache, as if trained here."""
    target = feature_nets_dir() / net_dir.name
    shutil.copytree(net_dir, target)
    return target


def digits_scorer(net_dir: Path) -> QualityScorer:
    """A scorer against the digits training images, using the given feature net."""
    digits = load_dataset("digits")
    real, held_out = digits.split("train")[0], digits.split("test")[0]
    return QualityScorer(FeatureNet(load_run(net_dir)), real, held_out)


def train_scored_vae(tmp_path_factory: pytest.TempPathFactory, net_dir: Path, epochs: int) -> Path:
    """A digits VAE whose sample quality was scored after every epoch; returns its folder."""
    dataset = load_dataset("digits")
    metric = SampleQualityMetric(dataset, "vae", device="cpu", scorer=digits_scorer(net_dir))
    summary = make_trainer(
        tmp_path_factory.mktemp("scored_runs"),
        dataset,
        model="vae",
        epochs=epochs,
        lr=3e-3,
        device="cpu",
        epoch_metrics=[metric],
    ).fit()
    return Path(summary["run_dir"])
