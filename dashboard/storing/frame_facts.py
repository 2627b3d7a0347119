"""The package store's facts: held in memory, answering the `Facts` questions (kernel/model.py)."""
from __future__ import annotations

from functools import cached_property

import numpy as np
import pandas as pd


class FrameFacts:
    """The facts in memory (the package store), answering the questions `queries.py` asks of facts.

    Those five methods are all any page asks; `database.SqlFacts` answers the same ones in SQL, so a
    database store never holds every fact in a replica's memory. Results come in no set order:
    callers sort.
    """

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame

    @cached_property
    def _region_rows(self) -> dict[str, np.ndarray]:
        # One pass per dataset; then a district's facts cost what that district holds (profiled: at
        # national scale each region filter scanned a million rows, 50-100 ms, several per rerun).
        return self.frame.groupby("region", sort=False, observed=True).indices

    def rows(self, regions=None, indicators=None, in_sectors: bool = False) -> pd.DataFrame:
        """The facts of `regions` (codes) and/or `indicators` (ids), only those naming a sector if
        `in_sectors`; all of them without any."""
        facts = self.frame
        if regions is not None:  # regions first, through the index: a million rows are never scanned
            found = [self._region_rows[code] for code in dict.fromkeys(regions) if code in self._region_rows]
            facts = facts.iloc[np.sort(np.concatenate(found)) if found else np.empty(0, dtype=np.intp)]
        if indicators is not None:
            facts = facts[facts["indicator"].isin(list(indicators))]
        return facts[facts["sector"] != ""] if in_sectors else facts

    def by_id(self, fact_id: str) -> pd.DataFrame:
        return self.frame[self.frame["fact_id"] == fact_id]

    def values(self, column: str) -> list:
        """The distinct values of one column. Pass these, not the column, to `isin`: pandas turns an
        Arrow-backed column into a list of Python strings first (profiled: 7 s and ~300 MB for a
        million facts, on the first visit to each page)."""
        return self.frame[column].unique().tolist()

    def count(self) -> int:
        return len(self.frame)

    def counts(self, regions=None) -> pd.DataFrame:
        """How many facts each (indicator, region) has, of `regions` or all: columns indicator, region, n."""
        facts = self.rows(regions)[["indicator", "region"]]
        counts = facts.groupby(["indicator", "region"], observed=True).size().reset_index(name="n")
        return counts.astype({"indicator": str, "region": str})
