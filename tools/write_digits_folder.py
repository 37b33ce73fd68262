"""Write the bundled handwritten digits to disk as a folder of 28x28 greyscale PNGs.

Real MNIST needs a download; this gives an offline stand-in with the same layout a person
would drop on the Data tab (``DIR/0/00000.png`` ... ``DIR/9/01796.png``), for checking that
folders are read as they are and that the default run on them reaches its goal:

    python tools/write_digits_folder.py /tmp/digits-folder
    python -m kc_desktop train --folder /tmp/digits-folder
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image

from kc_desktop.core.data.builtin import load_digits


def write_digits_folder(root: Path) -> int:
    """Write every bundled digit under ``root/<label>/``; returns how many were written."""
    source = load_digits()
    for index, (image, label) in enumerate(zip(source.images, source.labels, strict=True)):
        folder = root / source.classes[int(label)]
        folder.mkdir(parents=True, exist_ok=True)
        Image.fromarray(image[0].numpy()).save(folder / f"{index:05d}.png")
    return len(source.labels)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tools/write_digits_folder.py DIR")
    print(f"{write_digits_folder(Path(sys.argv[1]))} images written to {sys.argv[1]}")
