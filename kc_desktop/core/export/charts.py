"""The model card's two pictures, drawn with Pillow: a confusion matrix and training curves.

Pillow is already a dependency and draws these in milliseconds; the card must not need
matplotlib or a Qt widget (the core is Qt-free and the CLI exports headless).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PIL import Image, ImageDraw, ImageFont

COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2")


def _font(size: int) -> ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def confusion_png(matrix: np.ndarray, classes: Sequence[str]) -> Image.Image:
    """Counts per (true row, predicted column), shaded by the share of the row."""
    count = len(classes)
    cell = max(28, min(60, 600 // max(1, count)))
    margin = 110
    image = Image.new("RGB", (margin + count * cell + 20, margin + count * cell + 20), "white")
    draw = ImageDraw.Draw(image)
    font = _font(max(10, cell // 3))
    rows = matrix.sum(axis=1, keepdims=True).clip(min=1)
    for i in range(count):
        for j in range(count):
            share = float(matrix[i, j] / rows[i, 0])
            shade = int(255 - 200 * share)
            box = (
                margin + j * cell,
                margin + i * cell,
                margin + (j + 1) * cell,
                margin + (i + 1) * cell,
            )
            draw.rectangle(box, fill=(shade, shade, 255), outline="#cccccc")
            text = str(int(matrix[i, j]))
            draw.text(
                ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2),
                text,
                fill="white" if share > 0.6 else "black",
                font=font,
                anchor="mm",
            )
        label = str(classes[i])[:12]
        draw.text(
            (margin - 6, margin + (i + 0.5) * cell), label, fill="black", font=font, anchor="rm"
        )
        draw.text(
            (margin + (i + 0.5) * cell, margin - 6), label, fill="black", font=font, anchor="md"
        )
    small = _font(13)
    draw.text((8, 8), "rows: true class, columns: predicted class", fill="black", font=small)
    return image


def curves_png(curves: dict[str, dict[int, float]]) -> Image.Image:
    """One panel per kind of metric (losses, accuracies, other scores), value by epoch."""
    groups = {
        "loss": {k: v for k, v in curves.items() if "loss" in k or k in ("recon", "kl")},
        "accuracy": {k: v for k, v in curves.items() if "accuracy" in k},
    }
    taken = set(groups["loss"]) | set(groups["accuracy"])
    groups["other"] = {k: v for k, v in curves.items() if k not in taken and k != "lr"}
    panels = [(title, series) for title, series in groups.items() if series]
    width, height = 640, 260
    image = Image.new("RGB", (width, max(1, len(panels)) * height), "white")
    draw = ImageDraw.Draw(image)
    for index, (title, series) in enumerate(panels):
        _panel(draw, (0, index * height, width, (index + 1) * height), title, series)
    if not panels:
        draw.text((20, 20), "No epoch was logged.", fill="black", font=_font(14))
    return image


def _panel(draw: ImageDraw.ImageDraw, box: tuple, title: str, series: dict) -> None:
    left, top, right, bottom = box[0] + 60, box[1] + 30, box[2] - 170, box[3] - 35
    font = _font(12)
    epochs = sorted({e for values in series.values() for e in values})
    values = [v for points in series.values() for v in points.values()]
    low, high = min(values), max(values)
    high = high if high > low else low + 1.0
    first, last = epochs[0], max(epochs[-1], epochs[0] + 1)

    def xy(epoch: int, value: float) -> tuple[float, float]:
        x = left + (epoch - first) / (last - first) * (right - left)
        return x, bottom - (value - low) / (high - low) * (bottom - top)

    draw.rectangle((left, top, right, bottom), outline="#888888")
    draw.text((left, box[1] + 8), title, fill="black", font=_font(14))
    draw.text((left - 6, top), f"{high:.3g}", fill="black", font=font, anchor="rm")
    draw.text((left - 6, bottom), f"{low:.3g}", fill="black", font=font, anchor="rm")
    draw.text(((left + right) / 2, bottom + 18), "epoch", fill="black", font=font, anchor="mm")
    draw.text((left, bottom + 6), str(first), fill="black", font=font, anchor="mt")
    draw.text((right, bottom + 6), str(last), fill="black", font=font, anchor="mt")
    for number, (name, points) in enumerate(sorted(series.items())):
        colour = COLOURS[number % len(COLOURS)]
        line = [xy(epoch, points[epoch]) for epoch in sorted(points)]
        if len(line) > 1:
            draw.line(line, fill=colour, width=2)
        for x, y in line:
            draw.ellipse((x - 3, y - 3, x + 3, y + 3), fill=colour)
        draw.text((right + 12, top + 16 * number), name, fill=colour, font=font)
