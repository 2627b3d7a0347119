"""Median, min and max of repeated measurements, and the ratio of two medians."""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field


@dataclass
class Figure:
    """One measured quantity: every run's value, in `unit`."""

    name: str
    unit: str
    values: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def cells(self, digits: int = 0) -> list[str]:
        """Median, min, max; 'n/a' when every run failed (the log says why)."""
        if not self.values:
            return ["n/a"] * 3
        f = f"{{:.{digits}f}}"
        return [f.format(self.median), f.format(min(self.values)), f.format(max(self.values))]


def ratio(app: Figure, floor: Figure) -> float:
    return app.median / floor.median
