"""One measured process of the scale figures (``bench/scale.py``): load a folder and train
one epoch, then print peak memory and speed as one JSON line.

Run as ``python -m kc_desktop.bench.scale_child FOLDER SIZE`` with ``KC_DESKTOP_HOME`` (and,
for the streamed run, ``KC_DESKTOP_MEMORY_BUDGET_MB``) set by the parent. A process of its
own, because peak RSS (``ru_maxrss``) only ever grows.
"""

from __future__ import annotations

import json
import resource
import sys

import psutil

from kc_desktop.core.data.registry import load_dataset
from kc_desktop.core.training.config import TrainConfig
from kc_desktop.core.training.engine import Trainer

MODEL = "mlp"  # trains at 64 pixels: the epoch is short, the decoded photos are not


def main(folder: str, size: int) -> None:
    before = psutil.Process().memory_info().rss
    dataset = load_dataset("folder", path=folder, size=size)
    config = TrainConfig(
        dataset="folder", folder=folder, image_size=size, model=MODEL, epochs=1, device="cpu"
    )
    summary = Trainer(config, dataset=dataset).fit()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    decoded = len(dataset) * dataset.channels * dataset.size * dataset.size
    record = {
        "rss_before": before,
        "peak_rss": peak,
        "decoded_bytes": decoded,
        "samples_per_s": summary["samples_per_s"],
        "status": str(summary["status"]),
    }
    print(json.dumps(record))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
