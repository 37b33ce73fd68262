"""Export a dataset as a zip of class folders: ``<class>/<number>.png``, one PNG per image.

That is the layout every tool reads (kc_desktop's own "Open image folder", Keras'
``image_dataset_from_directory``, torchvision's ``ImageFolder``), so a dataset recorded
from the camera or assembled here can be used anywhere. Images are written at the size
they are held in (lossless PNG); class names become safe folder names.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from PIL import Image

from kc_desktop.core.data.dataset import ImageDataset
from kc_desktop.core.export.atomic_zip import atomic_zip
from kc_desktop.core.runs.layout import encode_png

Progress = Callable[[int, int], None]


def folder_names(classes: list[str]) -> list[str]:
    """One distinct, safe folder name per class (no separators, dots-only or clashes)."""
    names: list[str] = []
    taken: set[str] = set()
    for index, name in enumerate(classes):
        safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", str(name)).strip(" .")[:100]
        safe = safe or f"class_{index}"
        unique, number = safe, 2
        while unique.lower() in taken:
            unique, number = f"{safe}_{number}", number + 1
        taken.add(unique.lower())
        names.append(unique)
    return names


def export_dataset(
    dataset: ImageDataset, out_file: str | Path, progress: Progress | None = None
) -> Path:
    """Write every image of ``dataset`` into ``out_file`` (a zip), atomically."""
    out = Path(out_file)
    folders = folder_names(list(dataset.classes))
    total = len(dataset)
    with atomic_zip(out, zipfile.ZIP_STORED) as archive:  # PNG is compressed already
        for index in range(total):
            label = int(dataset.labels[index])
            pixels = dataset.images[index].permute(1, 2, 0).numpy()
            image = Image.fromarray(pixels[..., 0] if pixels.shape[-1] == 1 else pixels)
            archive.writestr(f"{folders[label]}/{index:06d}.png", encode_png(image))
            if progress is not None and (index % 200 == 0 or index == total - 1):
                progress(index + 1, total)
    return out
