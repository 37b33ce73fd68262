"""Class names of the built-in datasets, in label order (shared by specs and loaders).

Kept apart from the loaders so that listing datasets imports neither torch nor numpy.
"""

from __future__ import annotations

DIGIT_CLASSES = tuple(str(digit) for digit in range(10))
SHAPE_CLASSES = ("circle", "square", "triangle", "star", "cross")
FASHION_CLASSES = (
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
)  # fmt: skip
CIFAR10_CLASSES = (
    "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck",
)  # fmt: skip
