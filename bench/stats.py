"""The one percentile definition every benchmark reports with.

Standard library only, so the load driver and the tests use it without Django.
"""

from __future__ import annotations

import math


def percentile(values, share: float) -> float:
    """Nearest-rank percentile: the smallest observed value with at least `share`
    (0..1) of all values at or below it, i.e. sorted(values)[ceil(share * n) - 1].

    Nearest rank rather than linear interpolation: every figure is a time that a
    request really took, and p99 of a short run is its slowest requests, not a value
    invented between two of them. NaN when there are no values.
    """
    ordered = sorted(values)
    if not ordered:
        return math.nan
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def median(values) -> float:
    """The nearest-rank 50th percentile (for an even count: the lower middle value),
    so medians and p95s in one table come from the same definition."""
    return percentile(values, 0.5)
