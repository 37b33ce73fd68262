"""What happens to the settings a person chose when they pick another model.

Their values stay: epochs, seed, optimiser and the rest are theirs. Two settings have a
usual value per model (batch size, learning rate): one the person never changed follows the
new model's, quietly; one they set is kept, unless the new model needs a different one (the
DCGAN trains only at a slow pace). A value that the model needs, or the person's own value
coming back after such a model, gets one plain sentence saying what changed and why.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from kc_desktop.core.i18n import QT_TRANSLATE_NOOP
from kc_desktop.core.models.registry import ModelSpec

Translate = Callable[[str], str]

PER_MODEL = ("batch_size", "lr")
"""The settings with a usual value per model (``ModelSpec.default_<name>``)."""

# model id -> setting -> (the most it may be, why, in one sentence)
LIMITS: dict[str, dict[str, tuple[float, str]]] = {
    "dcgan": {
        "lr": (
            2e-4,
            QT_TRANSLATE_NOOP(
                "core",
                "Learning rate set to {value} for the DCGAN: it needs a slower pace, or the "
                "judge and the generator stop learning from each other.",
            ),
        )
    }
}
YOURS = {
    "batch_size": QT_TRANSLATE_NOOP("core", "Batch size back to your {value}."),
    "lr": QT_TRANSLATE_NOOP("core", "Learning rate back to your {value}."),
}


@dataclass(frozen=True)
class SettingChange:
    """One setting the switch changed on screen, and the sentence that says why."""

    name: str  # "batch_size" or "lr"
    value: float
    sentence: str  # a template with {value}, marked for translation; "" for a usual value

    def text(self, translate: Translate = str) -> str:
        """The sentence to show ("" when the model's usual value replaced another usual one)."""
        return translate(self.sentence).format(value=f"{self.value:g}") if self.sentence else ""


def settings_for(
    spec: ModelSpec, shown: Mapping[str, float], chosen: Mapping[str, float]
) -> list[SettingChange]:
    """The per-model settings that change when ``spec`` is picked.

    ``shown``: the values on screen now; ``chosen``: those the person set themselves (a
    setting they never touched is absent). A chosen value is kept unless ``spec`` needs
    another; an unchosen one becomes ``spec``'s usual value.
    """
    changes = []
    for name in PER_MODEL:
        value = chosen.get(name, getattr(spec, f"default_{name}"))
        sentence = YOURS[name] if name in chosen else ""
        limit = LIMITS.get(spec.id, {}).get(name)
        if limit is not None and value >= limit[0]:  # at the limit too: say why it is so low
            value, sentence = limit
        if value != shown.get(name):
            changes.append(SettingChange(name, value, sentence))
    return changes
