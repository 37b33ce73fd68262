"""The size and colour a folder's pictures are decoded at, read from the pictures themselves.

A folder of 28x28 greyscale digits decoded as 150x150 colour holds 86 times the data it
needs and is described wrongly on screen. So, unless the user chose, the decode side is the
median longer side of the images (capped: photos are decoded at ``MAX_INFERRED_SIZE``), and
the decode is greyscale when every image is. Only the headers are read (no pixels), of at
most ``SAMPLE_LIMIT`` files spread evenly over the sorted listing, so the guess takes a
fraction of a second and is the same for the same folder.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass

from kc_desktop.core.choices import COLOURS
from kc_desktop.core.data.folder_scan import FolderScan
from kc_desktop.core.data.images import ImageLoadError, read_header
from kc_desktop.core.i18n import QT_TRANSLATE_NOOP

MIN_SIZE, MAX_SIZE = 8, 1024
MAX_INFERRED_SIZE = 150
"""Largest inferred side (the photo size of the Keras articles the app follows); the user
can ask for more, up to ``MAX_SIZE``."""

SAMPLE_LIMIT = 1000


@dataclass(frozen=True)
class ImageFormat:
    """The side in pixels and the channel count (1 grey, 3 colour) a folder decodes to."""

    size: int
    channels: int

    @property
    def colour(self) -> str:
        """ "grey" or "rgb", as ``--colour`` and config.json spell it."""
        return "grey" if self.channels == 1 else "rgb"


def check_choice(size: int | None, colour: str) -> None:
    """Raise ValueError with a plain message for a size or colour a person mistyped."""
    if size is not None and not MIN_SIZE <= size <= MAX_SIZE:
        raise ValueError(
            QT_TRANSLATE_NOOP(
                "core", "Image size must be {low} to {high} pixels, not {size}."
            ).format(low=MIN_SIZE, high=MAX_SIZE, size=size)
        )
    if colour not in COLOURS:
        raise ValueError(
            QT_TRANSLATE_NOOP(
                "core", "Unknown colour {colour!r}; choose auto, rgb or grey."
            ).format(colour=colour)
        )


def resolve_format(
    scan: FolderScan,
    size: int | None = None,
    colour: str = "auto",
    infer: Callable[[FolderScan], ImageFormat] | None = None,
) -> ImageFormat:
    """The user's choices where given, the folder's own format (``infer``) for the rest."""
    check_choice(size, colour)
    if size is not None and colour != "auto":
        return ImageFormat(size, 1 if colour == "grey" else 3)
    inferred = (infer or infer_format)(scan)
    channels = inferred.channels if colour == "auto" else (1 if colour == "grey" else 3)
    return ImageFormat(size if size is not None else inferred.size, channels)


def infer_format(scan: FolderScan) -> ImageFormat:
    """Median longer side (within ``MIN_SIZE``..``MAX_INFERRED_SIZE``), grey if all are.

    Files whose header cannot be read are left to the decode, which reports them; with no
    readable header at all the folder gets the photo default (150 pixels, colour).
    """
    entries = scan.entries
    stride = max(1, -(-len(entries) // SAMPLE_LIMIT))
    sides: list[int] = []
    all_grey = True
    for entry in entries[::stride]:
        try:
            width, height, grey = read_header(scan.root / entry.relative)
        except ImageLoadError:
            continue
        sides.append(max(width, height))
        all_grey = all_grey and grey
    if not sides:
        return ImageFormat(MAX_INFERRED_SIZE, 3)
    side = int(statistics.median_low(sides))
    return ImageFormat(min(max(side, MIN_SIZE), MAX_INFERRED_SIZE), 1 if all_grey else 3)
