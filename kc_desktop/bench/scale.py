"""Scale figures: peak memory while decoding a large folder and training on it, and the speed
of batches streamed from the memory-mapped cache against batches from memory.

``folder_peak_rss_ratio`` = peak RSS of a process that decodes a folder of generated photos
(empty cache) and trains one epoch on it / (its RSS before loading + the decoded bytes): 1.0
would be exactly one copy of the pixels. ``mmap_vs_ram`` = samples/s of one epoch streamed
from the map (the memory budget forced to almost nothing) over one from memory, both on the
decoded cache. Each run is a child process (``scale_child.py``): peak RSS only ever grows.
Qt-free.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from kc_desktop.bench.folder import make_jpeg_folder
from kc_desktop.bench.timing import interleave, ratio_of_medians
from kc_desktop.core.data.streaming import BUDGET_ENV

SCALE_IMAGES = 10_000
QUICK_IMAGES = 300
DECODE_SIZE = 150
PHOTO_SIDE = (200, 150)  # smaller than the folder figure's photos: 10,000 are quick to make


def _child(folder: Path, home: Path, budget_mb: float | None = None) -> dict[str, Any]:
    env = {**os.environ, "KC_DESKTOP_HOME": str(home)}
    env.pop(BUDGET_ENV, None)
    if budget_mb is not None:
        env[BUDGET_ENV] = str(budget_mb)
    done = subprocess.run(
        [sys.executable, "-m", "kc_desktop.bench.scale_child", str(folder), str(DECODE_SIZE)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def scale_figures(*, quick: bool, repeats: int) -> tuple[dict[str, float], dict[str, Any]]:
    """(figures, raw measurements) for peak memory and streamed vs in-memory speed."""
    count = QUICK_IMAGES if quick else SCALE_IMAGES
    with tempfile.TemporaryDirectory(prefix="kc-bench-scale-") as scratch:
        root = make_jpeg_folder(Path(scratch) / "photos", count, size=PHOTO_SIDE)
        home = Path(scratch) / "home"
        first = _child(root, home)  # decodes: the cache is empty
        ratio = first["peak_rss"] / (first["rss_before"] + first["decoded_bytes"])
        speeds = interleave(
            repeats,
            {
                "ram": lambda: _child(root, home)["samples_per_s"],
                "mmap": lambda: _child(root, home, budget_mb=0.001)["samples_per_s"],
            },
        )
    figures = {
        "folder_peak_rss_ratio": ratio,
        "mmap_vs_ram": ratio_of_medians(speeds["mmap"], speeds["ram"]),
    }
    return figures, {"images": count, "decode": first, "samples_per_s": speeds}
