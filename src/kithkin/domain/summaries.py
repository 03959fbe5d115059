"""Small summaries shown on a person's page: energy trend and ledger balance."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

#: How many of the latest rated moments count as "recent" for the trend.
TREND_WINDOW = 5
#: A change in mean energy at least this big counts as rising or falling.
TREND_STEP = 0.5
#: How many points the sparkline keeps.
SPARK_POINTS = 12
#: How many of the latest rated moments the trend ever looks at.
TREND_HISTORY = max(SPARK_POINTS, 2 * TREND_WINDOW)


@dataclass(frozen=True)
class EnergyTrend:
    """How moments with a person have been leaving you, oldest point first."""

    points: list[int]
    recent_mean: float | None
    earlier_mean: float | None
    direction: str  # "rising", "falling", "steady" or "unknown"


def energy_trend(rated: Sequence[tuple[date, int]]) -> EnergyTrend:
    """Trend of moment energy.

    recent = mean of the last ``TREND_WINDOW`` energies, earlier = mean of the window
    before it; direction is rising/falling when they differ by ``TREND_STEP`` or more.
    """
    ordered = [e for _, e in sorted(rated, key=lambda t: t[0])]
    if not ordered:
        return EnergyTrend([], None, None, "unknown")
    recent = ordered[-TREND_WINDOW:]
    earlier = ordered[-2 * TREND_WINDOW : -TREND_WINDOW]
    r = sum(recent) / len(recent)
    if not earlier:
        return EnergyTrend(ordered[-SPARK_POINTS:], r, None, "unknown")
    e = sum(earlier) / len(earlier)
    direction = "steady"
    if r - e >= TREND_STEP:
        direction = "rising"
    elif e - r >= TREND_STEP:
        direction = "falling"
    return EnergyTrend(ordered[-SPARK_POINTS:], r, e, direction)


@dataclass(frozen=True)
class Balance:
    """What went each way between you and a person (sizes: small 1, medium 2, large 3)."""

    gave_count: int
    gave_size: int
    received_count: int
    received_size: int

    @classmethod
    def of(cls, entries: Iterable[tuple[str, int]]) -> Balance:
        """The balance of (direction, size) ledger entries ("gave" or "received")."""
        counts = {"gave": [0, 0], "received": [0, 0]}
        for direction, size in entries:
            counts[direction][0] += 1
            counts[direction][1] += size
        return cls(*counts["gave"], *counts["received"])

    @property
    def net(self) -> int:
        """Received minus given, by size: negative means you have given more."""
        return self.received_size - self.gave_size

    def words(self) -> str:
        """The balance in plain words."""
        if not self.gave_count and not self.received_count:
            return "nothing exchanged yet"
        if abs(self.net) <= 1:
            return "roughly even"
        return "you have given more" if self.net < 0 else "they have given more"


SPARK = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[int], low: int = -2, high: int = 2) -> str:
    """Values drawn as block characters between ``low`` and ``high``."""
    span = high - low
    return "".join(
        SPARK[round((min(max(v, low), high) - low) / span * (len(SPARK) - 1))] for v in values
    )
