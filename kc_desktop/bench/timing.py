"""Repetition helpers shared by the benchmark groups: interleaved runs, medians, device sync."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence


def interleave(repeats: int, variants: dict[str, Callable[[], float]]) -> dict[str, list[float]]:
    """Run every variant once per round, ``repeats`` rounds: A B C A B C A B C.

    Interleaving (rather than A A A B B B) spreads a burst of load from another process over
    all variants, so the ratio of their medians stays fair on a shared machine.
    """
    results: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(repeats):
        for name, measure in variants.items():
            results[name].append(float(measure()))
    return results


def warm_up(variants: dict[str, Callable[[], float]]) -> dict[str, float]:
    """Run every variant once before the measured rounds and return those first figures.

    The first run in a process pays one-off costs (thread pools, the allocator, kernel
    selection, page faults of fresh tensors): mlp ran at a third of its steady speed in its
    first repetition. Measured rounds start warm; the first-run figures are reported apart.
    """
    return {name: float(measure()) for name, measure in variants.items()}


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def ratio_of_medians(numerator: Sequence[float], denominator: Sequence[float]) -> float:
    """median(numerator) / median(denominator): the form every figure takes."""
    return median(numerator) / median(denominator)


def percentile(values: Sequence[float], share: float) -> float:
    """The ``share`` (0-1) percentile by linear interpolation (numpy's default method)."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("No values to take a percentile of.")
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)
