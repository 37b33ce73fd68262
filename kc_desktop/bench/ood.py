"""'I'm not sure' in figures: how often a digits classifier doubts digits, and shapes.

A small CNN is trained on digits the way the window and the CLI train it by default
(``build_run``, which fits the familiarity test when the run ends; epochs auto, one-cycle,
the model's shifts; ``--quick``: two epochs at a constant rate). Then ``ood_flagged_in`` is
the share of its own test split it flags as unfamiliar (goal <= 5 %) and ``ood_flagged_out``
the share of the synthetic shapes, a dataset it never saw (goal >= 80 %). Both in percent.
"""

from __future__ import annotations

from typing import Any

from kc_desktop.core.choices import AUTO, DEFAULT_SCHEDULE
from kc_desktop.core.data.registry import load_dataset
from kc_desktop.core.inference import load_run
from kc_desktop.core.insight import ood
from kc_desktop.core.models.registry import get_model_spec
from kc_desktop.core.studio import build_run, dataset_for
from kc_desktop.core.training.config import TrainConfig


def ood_figures(*, quick: bool) -> tuple[dict[str, float], dict[str, Any]]:
    """(figures, raw): flagged shares of the test split and of shapes, in percent."""
    window_defaults = {
        "epochs": AUTO,
        "lr_schedule": DEFAULT_SCHEDULE,
        "augment": get_model_spec("small-cnn").default_augment,
    }
    settings = {"epochs": 2} if quick else window_defaults
    config = TrainConfig(dataset="digits", model="small-cnn", **settings)
    summary = build_run(config).fit()
    run = load_run(summary["run_dir"])
    test_images = dataset_for(config).split("test")[0]
    shapes = load_dataset("shapes").images[: 300 if quick else 1000]
    figures = {
        "ood_flagged_in": 100 * ood.flagged_share(run, test_images),
        "ood_flagged_out": 100 * ood.flagged_share(run, shapes),
    }
    raw = {
        "epochs": summary.get("epochs"),
        "test_accuracy": summary.get("test_accuracy"),
        "threshold": run.familiarity.threshold if run.familiarity else None,
        "test_images": len(test_images),
        "shape_images": len(shapes),
    }
    return figures, raw
