"""The per-epoch sample-quality score of GAN and VAE runs (an engine ``epoch_metrics`` hook).

After each epoch the generator decodes the same ``QUALITY_SAMPLES`` latent points (fixed
by the run's seed, so epochs differ only by what the model learned) and the scorer compares
them with the real training images. On digits this costs a fraction of a second per epoch;
the first epoch also trains the feature classifier unless it is cached (a few seconds).
"""

from __future__ import annotations

from collections.abc import Callable

import torch

from kc_desktop.core.data.dataset import ImageDataset
from kc_desktop.core.i18n import QT_TRANSLATE_NOOP
from kc_desktop.core.inference import decode_latents
from kc_desktop.core.insight.feature_net import is_feature_net_cached, load_or_train_feature_net
from kc_desktop.core.insight.quality import QualityScorer
from kc_desktop.core.models.registry import get_model_spec
from kc_desktop.core.training.config import TrainConfig
from kc_desktop.core.training.engine import EpochMetric

QUALITY_SAMPLES = 512
LATENT_SEED_OFFSET = 54_321  # keeps these points apart from the gallery's fixed noise
TRAINING_NOTICE = QT_TRANSLATE_NOOP(
    "core", "Training the small classifier behind the sample-quality score (once for this dataset)…"
)


def sample_quality_metrics(
    config: TrainConfig, dataset: ImageDataset, notify: Callable[[str], None] | None = None
) -> list[EpochMetric]:
    """The quality hook for ``config``'s run, or none (classifiers, autoencoder, switched off).

    ``notify(message)`` is told before the feature classifier is trained, which pauses the
    run for a few seconds after its first epoch.
    """
    spec = get_model_spec(config.model)
    too_few = len(dataset.splits["train"]) < 2  # a covariance needs two images
    if not config.score_samples or not spec.scores_samples or too_few:
        return []
    return [
        SampleQualityMetric(
            dataset, spec.task, device=config.device, seed=config.seed, notify=notify
        )
    ]


@torch.no_grad()
def generate(model: torch.nn.Module, task: str, z: torch.Tensor) -> torch.Tensor:
    """Decode ``z`` in eval mode (BatchNorm uses its running statistics), then restore the mode."""
    was_training = model.training
    model.eval()
    try:
        return decode_latents(model, task, z).float()
    finally:
        model.train(was_training)


class SampleQualityMetric:
    """Called as ``metric(model, epoch)`` by the engine; returns the QualityScore's logs."""

    def __init__(
        self,
        dataset: ImageDataset,
        task: str,
        *,
        device: str = "auto",
        seed: int = 0,
        scorer: QualityScorer | None = None,
        notify: Callable[[str], None] | None = None,
    ) -> None:
        self.dataset = dataset
        self.task = task
        self.device = device
        self.seed = seed
        self._scorer = scorer
        self.notify = notify

    def scorer(self) -> QualityScorer:
        """Built on first use: loads (or trains) the feature net and the real statistics."""
        if self._scorer is None:
            if self.notify is not None and not is_feature_net_cached(self.dataset):
                self.notify(TRAINING_NOTICE)
            feature_net = load_or_train_feature_net(self.dataset, self.device)
            real_images, _ = self.dataset.split("train")
            held_out, _ = self.dataset.split("test")
            self._scorer = QualityScorer(feature_net, real_images, held_out, seed=self.seed)
        return self._scorer

    def __call__(self, model: torch.nn.Module, epoch: int) -> dict[str, float]:
        scorer = self.scorer()
        device = next(model.parameters()).device
        scorer.feature_net.to(device)
        generator = torch.Generator().manual_seed(self.seed + LATENT_SEED_OFFSET)
        z = torch.randn(QUALITY_SAMPLES, model.latent_dim, generator=generator).to(device)
        return scorer.score(generate(model, self.task, z)).as_logs()
