"""The two offline datasets: real handwritten digits (scikit-learn) and synthetic shapes.

Both are built in memory in well under a second and kept for the life of the process, so
the app works on a machine that has never seen the internet. Callers get copies: a model
or a preview that writes into its tensors cannot change the next load.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import torch
import torch.nn.functional as F  # noqa: N812 - the PyTorch convention
from PIL import Image, ImageDraw

from kc_desktop.core.data.classes import DIGIT_CLASSES, SHAPE_CLASSES
from kc_desktop.core.data.dataset import SourceImages

DIGITS_SIZE = 28
SHAPES_SIZE = 32
SHAPES_PER_CLASS = 600
SHAPES_SEED = 20_240_601
_SUPERSAMPLE = 4  # shapes are drawn 4x larger and shrunk, for smooth (antialiased) edges


def load_digits() -> SourceImages:
    """1,797 scikit-learn digits, 8x8 ink values 0..16 -> 28x28 uint8 0..255, 1 channel.

    White ink on black, like MNIST, so a model trained here reads MNIST-style drawings.
    """
    return _digits().copy()


def load_shapes() -> SourceImages:
    """3,000 synthetic 32x32 RGB images, 600 each of circle, square, triangle, star, cross."""
    return _shapes().copy()


@functools.cache
def _digits() -> SourceImages:
    from sklearn.datasets import load_digits as sklearn_digits  # slow import: only when used

    bunch = sklearn_digits()
    ink = torch.from_numpy(np.asarray(bunch.images, dtype=np.float32)).unsqueeze(1)
    scaled = ink * (255.0 / 16.0)
    upscaled = F.interpolate(
        scaled, size=(DIGITS_SIZE, DIGITS_SIZE), mode="bilinear", align_corners=False
    )
    images = upscaled.round().clamp(0, 255).to(torch.uint8)
    labels = torch.from_numpy(np.asarray(bunch.target, dtype=np.int64))
    return SourceImages(images, labels, list(DIGIT_CLASSES))


@functools.cache
def _shapes() -> SourceImages:
    """Draw the shapes set: same seed, same images, on every machine and every call.

    Each image: a background gradient between two random colours plus pixel noise, and one
    shape of random size, position, rotation and colour, its brightness pushed away from
    the background's so that every shape is visible.
    """
    rng = np.random.default_rng(SHAPES_SEED)
    count = SHAPES_PER_CLASS * len(SHAPE_CLASSES)
    labels = np.arange(count) % len(SHAPE_CLASSES)
    side = SHAPES_SIZE
    radius = rng.uniform(0.22, 0.42, count) * side
    centre = rng.uniform(0.0, 1.0, (count, 2)) * (side - 2 * radius[:, None]) + radius[:, None]
    angle = rng.uniform(0.0, 2 * math.pi, count)
    masks = np.stack(
        [
            _shape_mask(SHAPE_CLASSES[label], centre[i], radius[i], angle[i])
            for i, label in enumerate(labels)
        ]
    )
    background = _backgrounds(rng, count, side)
    colour = _contrasting_colours(rng, background.mean(axis=(1, 2), dtype=np.float64))
    alpha = masks[..., None]
    images = background + (colour[:, None, None, :] - background) * alpha
    images += rng.standard_normal(images.shape, dtype=np.float32) * 5.0
    pixels = np.rint(np.clip(images, 0, 255, out=images), out=images).astype(np.uint8)
    tensor = torch.from_numpy(pixels).permute(0, 3, 1, 2).contiguous()
    return SourceImages(tensor, torch.from_numpy(labels.astype(np.int64)), list(SHAPE_CLASSES))


def _shape_mask(kind: str, centre: np.ndarray, radius: float, angle: float) -> np.ndarray:
    """Coverage (0..1 float32, side x side) of one shape, drawn supersampled."""
    scale = _SUPERSAMPLE
    canvas = Image.new("L", (SHAPES_SIZE * scale, SHAPES_SIZE * scale), 0)
    draw = ImageDraw.Draw(canvas)
    cx, cy = centre * scale
    r = radius * scale
    if kind == "circle":
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=255)
    else:
        points = _outline(kind) * r
        cos, sin = math.cos(angle), math.sin(angle)
        xs = points[:, 0] * cos - points[:, 1] * sin + cx
        ys = points[:, 0] * sin + points[:, 1] * cos + cy
        draw.polygon(list(zip(xs.tolist(), ys.tolist(), strict=True)), fill=255)
    small = canvas.reduce(scale)
    return np.asarray(small, dtype=np.float32) / 255.0


@functools.cache
def _outline(kind: str) -> np.ndarray:
    """Polygon vertices of a shape of circumradius 1 around the origin, (K, 2)."""
    if kind == "square":
        turns = np.arange(4) / 4 + 1 / 8
        return np.stack([np.cos(2 * np.pi * turns), np.sin(2 * np.pi * turns)], axis=1)
    if kind == "triangle":
        turns = np.arange(3) / 3 - 1 / 4
        return np.stack([np.cos(2 * np.pi * turns), np.sin(2 * np.pi * turns)], axis=1)
    if kind == "star":
        turns = np.arange(10) / 10 - 1 / 4
        lengths = np.where(np.arange(10) % 2 == 0, 1.0, 0.42)
        return np.stack(
            [lengths * np.cos(2 * np.pi * turns), lengths * np.sin(2 * np.pi * turns)], axis=1
        )
    if kind == "cross":
        w = 0.32
        return np.array(
            [
                (w, 1), (w, w), (1, w), (1, -w), (w, -w), (w, -1),
                (-w, -1), (-w, -w), (-1, -w), (-1, w), (-w, w), (-w, 1),
            ],
            dtype=np.float64,
        )  # fmt: skip
    raise ValueError(f"Unknown shape {kind!r}.")


def _backgrounds(rng: np.random.Generator, count: int, side: int) -> np.ndarray:
    """(count, side, side, 3) float32 linear gradients between two nearby random colours."""
    start = rng.uniform(0, 255, (count, 3)).astype(np.float32)
    end = np.clip(start + rng.uniform(-90, 90, (count, 3)).astype(np.float32), 0, 255)
    direction = rng.uniform(0.0, 2 * math.pi, count).astype(np.float32)
    ys, xs = np.mgrid[0:side, 0:side].astype(np.float32) / (side - 1)
    along = np.cos(direction)[:, None, None] * xs + np.sin(direction)[:, None, None] * ys
    low = along.min(axis=(1, 2), keepdims=True)
    high = along.max(axis=(1, 2), keepdims=True)
    t = ((along - low) / np.maximum(high - low, 1e-6))[..., None]
    return start[:, None, None, :] + (end - start)[:, None, None, :] * t


def _contrasting_colours(rng: np.random.Generator, background: np.ndarray) -> np.ndarray:
    """Random colours whose luminance is at least ~90 levels from each background's."""
    luma_weights = np.array([0.299, 0.587, 0.114])
    colour = rng.uniform(0, 255, background.shape)
    bg_luma = background @ luma_weights
    luma = colour @ luma_weights
    brighter = bg_luma < 128
    target = np.where(brighter, np.minimum(255.0, bg_luma + 90), np.maximum(0.0, bg_luma - 90))
    lift = np.clip((target - luma) / np.maximum(255.0 - luma, 1e-6), 0.0, 1.0)
    dim = np.clip(target / np.maximum(luma, 1e-6), 0.0, 1.0)
    lifted = colour + (255.0 - colour) * lift[:, None]
    dimmed = colour * dim[:, None]
    return np.where(brighter[:, None], lifted, dimmed).astype(np.float32)
