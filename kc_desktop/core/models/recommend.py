"""Which model to propose for a dataset, and why, in words a newcomer can follow.

Small greyscale images (digits, letters, MNIST written to disk) train best and fastest from
scratch with the small CNN (98 % on the digits in seconds). Photos, colour pictures and
anything larger than about 64 pixels are what ImageNet networks were made for: a pretrained
MobileNet V3 Small in quick mode learns them from a few dozen images per class in seconds,
where a CNN from scratch needs thousands of images and minutes.
"""

from __future__ import annotations

from dataclasses import dataclass

from kc_desktop.core.i18n import QT_TRANSLATE_NOOP

PHOTO_SIDE = 64
"""Greyscale images larger than this are treated as photos."""


@dataclass(frozen=True)
class Recommendation:
    """A model id, its training mode, and the reason (a template: ``.format(**values)``)."""

    model_id: str
    fine_tune: bool
    reason: str
    values: dict[str, object]

    def text(self) -> str:
        """The reason in English (the UI translates ``reason`` first, then formats)."""
        return self.reason.format(**self.values)


def recommend_model(channels: int, size: int) -> Recommendation:
    """The model to propose for images of ``channels`` x ``size`` x ``size``."""
    values: dict[str, object] = {"size": size}
    if channels == 1 and size <= PHOTO_SIDE:
        return Recommendation(
            "small-cnn",
            False,
            QT_TRANSLATE_NOOP(
                "core",
                "Small greyscale images ({size}x{size} pixels): the small CNN learns them "
                "from scratch quickly and well.",
            ),
            values,
        )
    reason = (
        QT_TRANSLATE_NOOP(
            "core",
            "Colour pictures ({size}x{size} pixels): a network pretrained on ImageNet "
            "photos, with only a new last layer trained (Quick), learns them in seconds from "
            "a few dozen images per class.",
        )
        if channels == 3
        else QT_TRANSLATE_NOOP(
            "core",
            "Large images ({size}x{size} pixels): a network pretrained on ImageNet photos, "
            "with only a new last layer trained (Quick), learns them in seconds from a few "
            "dozen images per class.",
        )
    )
    return Recommendation("mobilenet-v3-small", False, reason, values)
