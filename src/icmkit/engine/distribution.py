"""How a set of values is spread: percentiles and a histogram, in exact decimals."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

PERCENTILES: tuple[int, ...] = (10, 25, 50, 75, 90)
"""The percentiles every distribution reports."""

QUARTER_EDGES: tuple[Decimal, ...] = tuple(Decimal(n) / 4 for n in range(1, 9))
"""Histogram edges every 25% up to 200%: below 25%, 25% to 50%, ..., 200% and above."""


def percentile(ordered: Sequence[Decimal], p: int) -> Decimal:
    """The ``p``-th percentile of ``ordered`` (ascending, not empty), interpolated between
    the two nearest ranks as spreadsheets' ``PERCENTILE.INC`` does."""
    rank = Decimal(len(ordered) - 1) * p / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True)
class Bin:
    """Values in ``[low, high)``; ``low`` None is "below ``high``", ``high`` None "and above"."""

    low: Decimal | None
    high: Decimal | None
    count: int


@dataclass(frozen=True)
class Distribution:
    count: int
    mean: Decimal
    percentiles: dict[int, Decimal]
    bins: list[Bin]
    low: Decimal
    high: Decimal


def distribution(
    values: Sequence[Decimal], edges: Sequence[Decimal] = QUARTER_EDGES
) -> Distribution | None:
    """Percentiles, mean, extremes and a histogram on ``edges`` (None without values)."""
    if not values:
        return None
    ordered = sorted(values)
    bounds: list[Decimal | None] = [None, *edges, None]
    bins: list[Bin] = []
    for low, high in itertools.pairwise(bounds):
        count = sum(1 for v in ordered if (low is None or v >= low) and (high is None or v < high))
        bins.append(Bin(low, high, count))
    return Distribution(
        len(ordered),
        sum(ordered, Decimal(0)) / len(ordered),
        {p: percentile(ordered, p) for p in PERCENTILES},
        bins,
        ordered[0],
        ordered[-1],
    )
