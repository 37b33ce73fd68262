"""Figure 7: decoding an image folder into the cache, against a plain sequential Pillow loop.

The folder holds generated photo-sized JPEGs (4 classes); both sides end with the same
thing, a uint8 (N, 3, 150, 150) tensor. Each app decode gets an empty cache (a fresh app
home), and the cache-hit open that follows it reads the entry the decode just wrote.
Qt-free.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch
from PIL import Image

from kc_desktop.bench.scratch import app_home_at
from kc_desktop.bench.timing import interleave, ratio_of_medians
from kc_desktop.core.data.folder import DEFAULT_SIZE, load_folder

FOLDER_IMAGES = 2_000
QUICK_IMAGES = 60
CLASSES = 4
PHOTO_SIZE = (500, 375)  # width x height, a typical small photo (Kaggle cats vs dogs)


def make_jpeg_folder(
    root: Path, count: int, seed: int = 0, size: tuple[int, int] = PHOTO_SIZE
) -> Path:
    """``count`` JPEGs of smooth colour gradients plus noise, spread over class folders."""
    rng = np.random.default_rng(seed)
    width, height = size
    ramp_x = np.linspace(0, 1, width, dtype=np.float32)[None, :, None]
    ramp_y = np.linspace(0, 1, height, dtype=np.float32)[:, None, None]
    for index in range(count):
        folder = root / f"class_{index % CLASSES}"
        folder.mkdir(parents=True, exist_ok=True)
        a, b, c = rng.uniform(0, 255, (3, 1, 1, 3)).astype(np.float32)
        noise = rng.normal(0, 12, (height, width, 3)).astype(np.float32)
        pixels = np.clip(a + (b - a) * ramp_x + (c - a) * ramp_y + noise, 0, 255)
        Image.fromarray(pixels.astype(np.uint8)).save(folder / f"{index:05d}.jpg", quality=90)
    return root


def pillow_loop(root: Path, size: int = DEFAULT_SIZE) -> torch.Tensor:
    """What a user would write: open, convert, resize, stack, one file after another."""
    arrays = []
    for path in sorted(root.rglob("*.jpg")):
        with Image.open(path) as image:
            arrays.append(np.asarray(image.convert("RGB").resize((size, size))))
    return torch.from_numpy(np.stack(arrays)).permute(0, 3, 1, 2).contiguous()


def folder_figures(*, quick: bool, repeats: int) -> tuple[dict[str, float], dict[str, Any]]:
    """(figures, raw images/s) for decode vs Pillow and cache hit vs decode."""
    count = QUICK_IMAGES if quick else FOLDER_IMAGES
    with tempfile.TemporaryDirectory(prefix="kc-bench-folder-") as scratch:
        root = make_jpeg_folder(Path(scratch) / "photos", count)
        homes = iter(range(repeats))
        hit_rates: list[float] = []

        def timed(action) -> float:
            started = time.perf_counter()
            action()
            return count / (time.perf_counter() - started)

        def app_decode_then_hit() -> float:
            with app_home_at(Path(scratch) / f"home{next(homes)}"):
                rate = timed(lambda: load_folder(root))
                hit_rates.append(timed(lambda: load_folder(root)))
            return rate

        rates = interleave(
            repeats,
            {"pillow_loop": lambda: timed(lambda: pillow_loop(root)), "app": app_decode_then_hit},
        )
    rates["app_cache_hit"] = hit_rates
    figures = {
        "folder_decode_vs_pillow": ratio_of_medians(rates["app"], rates["pillow_loop"]),
        "folder_cache_hit_vs_decode": ratio_of_medians(hit_rates, rates["app"]),
    }
    return figures, {"images": count, "images_per_s": rates}
