"""Classifiers on torchvision's ImageNet networks: MobileNet V3 Small, ResNet-18, EfficientNet-B0.

A ``BackboneClassifier`` looks like the app's own CNNs from outside: float images in [0, 1]
of 1 or 3 channels go in (greyscale is repeated to 3 channels and everything is normalised
with ImageNet's mean and deviation inside the network), logits come out, and it has a
``features`` stack ending in a pooling layer plus a ``classifier`` head, which is what
Grad-CAM, the layer table and the engine rely on. ``embed`` gives the pooled features the
quick mode trains its head on. BatchNorm layers always keep ImageNet's statistics: a few
dozen photos per class are too few to estimate them again, in either training mode.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from kc_desktop.core.i18n import QT_TRANSLATE_NOOP
from kc_desktop.core.models import pretrained_weights

NATIVE_SIZE = 224
"""The side the ImageNet weights were trained at (torchvision's crop size for all three)."""
MIN_SIZE = 32
"""Five stride-2 steps: smaller images leave less than one feature cell."""
FEATURE_STRIDE = 32
"""Input pixels per cell of the last feature map; every convolution is 'same'-padded, so
cell i sits over pixel i * 32 (offset 0), the geometry Grad-CAM needs."""
HEAD_DROPOUT = 0.2


@dataclass(frozen=True)
class Backbone:
    """One torchvision network: its name there, its weights, and what fine-tuning unfreezes."""

    torchvision_name: str
    title: str
    url: str
    features: int  # width of the pooled embedding
    tail_blocks: int  # last feature blocks trained in fine-tune mode


BACKBONES: dict[str, Backbone] = {
    "mobilenet-v3-small": Backbone(
        "mobilenet_v3_small",
        "MobileNet V3 Small",
        "https://download.pytorch.org/models/mobilenet_v3_small-047dcff4.pth",
        576,
        3,
    ),
    "resnet18": Backbone(
        "resnet18",
        "ResNet-18",
        "https://download.pytorch.org/models/resnet18-f37072fd.pth",
        512,
        1,
    ),
    "efficientnet-b0": Backbone(
        "efficientnet_b0",
        "EfficientNet-B0",
        "https://download.pytorch.org/models/efficientnet_b0_rwightman-7f5810bc.pth",
        1280,
        2,
    ),
}


class ImageNetInput(nn.Module):
    """[0, 1] images of 1 or 3 channels -> 3 channels normalised as ImageNet's were."""

    def __init__(self) -> None:
        super().__init__()
        mean = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
        std = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)
        self.register_buffer("mean", mean, persistent=False)
        self.register_buffer("std", std, persistent=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.shape[1] == 1:
            x = x.expand(-1, 3, -1, -1)
        return (x - self.mean) / self.std


class BackboneClassifier(nn.Module):
    """ImageNet feature blocks + global average pool (``features``) and a linear head."""

    feature_stride = FEATURE_STRIDE
    feature_offset = 0.0

    def __init__(self, blocks: list[nn.Module], width: int, num_classes: int, tail: int) -> None:
        super().__init__()
        if num_classes < 1:
            raise ValueError("A classifier needs at least one class; the dataset has none.")
        self.features = nn.Sequential(ImageNetInput(), *blocks, nn.AdaptiveAvgPool2d(1))
        self.classifier = nn.Sequential(
            nn.Flatten(), nn.Dropout(HEAD_DROPOUT), nn.Linear(width, num_classes)
        )
        self.tail_blocks = tail
        self.train()  # a new module is in training mode: BatchNorm must start frozen too

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x))

    def embed(self, x: torch.Tensor) -> torch.Tensor:
        """The pooled ImageNet features (B, width) the quick mode's head learns from."""
        return self.features(x).flatten(1)

    def tail(self) -> list[nn.Module]:
        """The last feature blocks, the ones fine-tuning trains (before the pool)."""
        return list(self.features)[-1 - self.tail_blocks : -1]

    def train(self, mode: bool = True) -> BackboneClassifier:
        super().train(mode)
        for module in self.features.modules():
            if isinstance(module, nn.modules.batchnorm._BatchNorm):
                module.eval()
        return self


def build_backbone(
    model_id: str, *, size: int, num_classes: int, pretrained: bool = False
) -> BackboneClassifier:
    """A classifier on ``model_id``'s blocks; ``pretrained`` loads the local ImageNet file
    (``ensure_weights`` must have fetched it: this never downloads)."""
    from torchvision.models import get_model

    if size < MIN_SIZE:
        raise ValueError(
            QT_TRANSLATE_NOOP(
                "core", "Pretrained networks need images of at least {size} pixels."
            ).format(size=MIN_SIZE)
        )
    backbone = BACKBONES[model_id]
    network = get_model(backbone.torchvision_name, weights=None)
    if pretrained:
        path = pretrained_weights.weights_path(backbone.url)
        if not path.is_file():
            raise pretrained_weights.WeightsError(
                pretrained_weights.missing_message(backbone.url, backbone.title)
            )
        pretrained_weights.load_state_dict(path, backbone.title, network)
    return BackboneClassifier(
        _blocks(network), backbone.features, num_classes, backbone.tail_blocks
    )


def fetch_weights(model_id: str, progress: pretrained_weights.Progress | None = None) -> None:
    """Make sure ``model_id``'s ImageNet weights are on this computer (downloads them)."""
    backbone = BACKBONES[model_id]
    pretrained_weights.ensure_weights(backbone.url, backbone.title, progress)


def _blocks(network: nn.Module) -> list[nn.Module]:
    """The feature blocks of a torchvision classifier, in order, without its own head."""
    features = getattr(network, "features", None)
    if isinstance(features, nn.Sequential):  # MobileNet, EfficientNet
        return list(features)
    return [  # ResNet
        nn.Sequential(network.conv1, network.bn1, network.relu, network.maxpool),
        network.layer1,
        network.layer2,
        network.layer3,
        network.layer4,
    ]
