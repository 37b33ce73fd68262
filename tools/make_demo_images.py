"""Write the Classify demo's sample images to resources/demo/ from the built-in datasets.

One digit of each class (0-9, from scikit-learn's handwritten digits, as the Digits dataset
shows them: 28x28, white on black) and one picture of each shape (32x32 colour), upscaled
with nearest neighbour so they stay sharp in a file manager. Drop them onto the Classify tab
after training on the matching dataset. Run: ``python tools/make_demo_images.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from PIL import Image

from kc_desktop.core.data.builtin import load_digits, load_shapes

DEMO = Path(__file__).resolve().parents[1] / "resources" / "demo"
SCALE = 4


def _save_one_per_class(source, prefix: str) -> list[Path]:
    written = []
    labels = source.labels.numpy()
    for index, name in enumerate(source.classes):
        first = int(np.flatnonzero(labels == index)[-1])
        image = source.images[first].permute(1, 2, 0).numpy()
        image = image[:, :, 0] if image.shape[2] == 1 else image
        picture = Image.fromarray(image)
        picture = picture.resize((picture.width * SCALE, picture.height * SCALE), Image.NEAREST)
        path = DEMO / f"{prefix}_{name}.png"
        picture.save(path)
        written.append(path)
    return written


def main() -> int:
    DEMO.mkdir(parents=True, exist_ok=True)
    paths = _save_one_per_class(load_digits(), "digit")
    paths += _save_one_per_class(load_shapes(), "shape")
    print("\n".join(str(p) for p in paths))
    return 0


if __name__ == "__main__":
    sys.exit(main())
