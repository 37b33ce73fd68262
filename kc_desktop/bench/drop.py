"""Figure: the GUI while 50 dropped photos are classified (``drop50_gui_gap_max_ms``).

The photos are 1,000 x 750 pixel JPEGs (what a phone's "reduced size" export gives), written
to a scratch folder; the window's Classify tab gets them as one drop, as from a file manager,
with the run the window trained last. A 20 ms precise QTimer on the GUI thread records its
gaps from the drop until the last row is shown: decoding, resizing and the model all run as
background jobs, so the worst gap is what the rows themselves cost the GUI.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
from PIL import Image

PHOTOS = 50
PHOTO_SIZE = (1000, 750)


def write_photos(folder: Path, count: int = PHOTOS, seed: int = 0) -> list[str]:
    """``count`` photo-like JPEGs (smooth colour gradients with noise) in ``folder``."""
    rng = np.random.default_rng(seed)
    width, height = PHOTO_SIZE
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    paths = []
    for index in range(count):
        colours = rng.uniform(0, 255, (3, 3))
        base = (
            colours[0] * (xs / width)[..., None]
            + colours[1] * (ys / height)[..., None]
            + colours[2] * 0.3
        )
        noise = rng.normal(0, 12, (height, width, 3))
        image = np.clip(base + noise, 0, 255).astype(np.uint8)
        path = folder / f"photo_{index:02d}.jpg"
        Image.fromarray(image).save(path, quality=90)
        paths.append(str(path))
    return paths


def drop_gap_max_ms(window, ticks, wait_until) -> tuple[float, dict[str, float]]:
    """(worst GUI gap in ms, raw) while the Classify tab classifies 50 dropped photos.

    ``ticks`` is a fresh ``TickRecorder``; ``wait_until`` runs the event loop meanwhile.
    """
    tab = window.classify_tab
    if tab.run is None or not tab.run.task.is_classifier:
        raise RuntimeError("The drop bench needs the window's last run to be a classifier.")
    with tempfile.TemporaryDirectory(prefix="kc-bench-drop-") as folder:
        paths = write_photos(Path(folder))
        ticks.start()
        try:
            tab.classify_files(paths)
            wait_until(lambda: not tab.is_busy(), "50 dropped photos to be classified")
        finally:
            ticks.stop()
    gaps = ticks.gaps_ms or [0.0]
    rows = sum(1 for row in tab.rows if row.predictions)
    tab.clear_results()
    return max(gaps), {"photos": float(len(paths)), "classified": float(rows)}
