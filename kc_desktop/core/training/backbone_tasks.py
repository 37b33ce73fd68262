"""The two ways to train a pretrained backbone: quick (a head on cached embeddings) and
fine-tune (the last blocks too, at a lower learning rate).

Both keep the whole network (backbone + head) as the task's model, so every checkpoint is
a normal image classifier that classify, evaluation, Grad-CAM and export load as they are;
only which parameters learn, and what the batches hold, differ.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch
from torch import nn

from kc_desktop.core.training.tasks import ClassifyTask, make_optimizer

FINE_TUNE_LR_SCALE = 0.1
"""The unfrozen backbone blocks learn at a tenth of the head's rate: large steps would wash
out what ImageNet taught them before the new head has settled."""


def _freeze(modules: list[nn.Module]) -> None:
    for module in modules:
        for parameter in module.parameters():
            parameter.requires_grad_(False)


class QuickHeadTask(ClassifyTask):
    """Batches are cached embeddings (B, width); only the head (``model.classifier``) learns."""

    def __init__(self, model: nn.Module, settings: dict[str, Any], device: torch.device) -> None:
        _freeze([model.features])
        super().__init__(model, settings, device)
        self._head: nn.Module = model.classifier

    def _make_optimizers(self) -> list[torch.optim.Optimizer]:
        s = self.settings
        head = self.model.classifier.parameters()
        betas = tuple(s["adam_betas"])
        return [make_optimizer(head, s["optimizer"], s["lr"], s["momentum"], betas)]

    def distribute(self, wrap: Callable[[nn.Module], nn.Module]) -> None:
        """The step calls the head alone, so the head is what averages its gradients."""
        self._head = wrap(self.model.classifier)

    def _logits(self, x: torch.Tensor) -> torch.Tensor:
        return self._head(x)

    def _train_mode(self) -> None:
        """Only the head runs on embeddings: switching the whole network walked every
        backbone layer twice an epoch, a cost that grew with the backbone, not the head."""
        if not self.model.classifier.training:
            self.model.classifier.train()

    def _eval_mode(self) -> None:
        self.model.classifier.eval()


class FineTuneTask(ClassifyTask):
    """Image batches as usual; the head and the backbone's last blocks learn, the rest is
    frozen (no gradients flow into it, so a step also costs less)."""

    def __init__(self, model: nn.Module, settings: dict[str, Any], device: torch.device) -> None:
        tail = model.tail()
        _freeze([m for m in model.features if all(m is not t for t in tail)])
        super().__init__(model, settings, device)

    def _make_optimizers(self) -> list[torch.optim.Optimizer]:
        s = self.settings
        betas = tuple(s["adam_betas"])
        head = list(self.model.classifier.parameters())
        tail = [p for m in self.model.tail() for p in m.parameters()]
        # The usual rule picks the optimiser and its settings for all of them (fused or not);
        # the same kind then gets the two groups, head first (its rate is the run's rate).
        probe = make_optimizer(head + tail, s["optimizer"], s["lr"], s["momentum"], betas)
        groups = [{"params": head}, {"params": tail, "lr": s["lr"] * FINE_TUNE_LR_SCALE}]
        return [type(probe)(groups, **probe.defaults)]

    def set_lr(self, lr: float) -> None:
        """A new rate for the head; the backbone blocks keep their tenth of it."""
        head, tail = self.optimizers[0].param_groups
        head["lr"], tail["lr"] = lr, lr * FINE_TUNE_LR_SCALE


def backbone_task(fine_tune: bool) -> type[ClassifyTask]:
    """The task class a pretrained model trains with."""
    return FineTuneTask if fine_tune else QuickHeadTask
