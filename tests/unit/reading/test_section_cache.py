"""The sections' cache: a budget in packed bytes, least recently used out first, keyed on the dataset's version."""
import random

import pandas as pd

from dashboard.reading import section_cache
from dashboard.reading.section_cache import cached, footprint


def test_the_cache_never_holds_more_than_its_budget_and_drops_the_least_recently_used(monkeypatch):
    entries = section_cache.LRUCache(maxsize=10_000, getsizeof=lambda entry: entry[1])
    monkeypatch.setattr(section_cache, "_entries", entries)
    made = []

    @cached
    def block(area: str) -> bytes:
        made.append(area)
        return random.Random(area).randbytes(1_000)  # about 1 kB each, packed too: random bytes do not shrink

    for area in "abcdefghijklmnop":
        block(area)
        assert entries.currsize <= 10_000
    assert 5 <= len(entries) < 16
    block("p")
    assert made.count("p") == 1  # the newest is still there
    block("a")
    assert made.count("a") == 2  # the oldest went first


def test_a_value_larger_than_the_budget_is_served_but_not_kept(monkeypatch):
    monkeypatch.setattr(section_cache, "_entries", section_cache.LRUCache(maxsize=100, getsizeof=lambda e: e[1]))

    @cached
    def huge() -> bytes:
        return random.Random(0).randbytes(1_000)

    assert huge() == random.Random(0).randbytes(1_000) and len(section_cache._entries) == 0


def test_each_caller_gets_its_own_copy_of_a_frame(monkeypatch):
    monkeypatch.setattr(section_cache, "_entries", section_cache.LRUCache(maxsize=10**6, getsizeof=lambda e: e[1]))

    @cached
    def table() -> pd.DataFrame:
        return pd.DataFrame({"value": [1, 2]})

    mine = table()
    mine.loc[0, "value"] = 99  # one page changes its copy
    assert table()["value"].tolist() == [1, 2]


def test_a_new_version_of_the_dataset_is_a_new_entry(dataset, monkeypatch):
    monkeypatch.setattr(section_cache, "_entries", section_cache.LRUCache(maxsize=10**6, getsizeof=lambda e: e[1]))
    made = []

    @cached
    def block(ds, area):
        made.append(ds.version)
        return area

    block(dataset, "330902"), block(dataset, "330902")
    newer = dataset.__class__(**{**dataset.__dict__, "version": dataset.version + "-next"})
    block(newer, "330902")
    assert made == [dataset.version, dataset.version + "-next"]


def test_a_footprint_counts_what_a_section_holds():
    small, large = ("a", ("b", "c")), ("a" * 10_000, ("b", "c"))
    assert footprint(large) - footprint(small) >= 9_999
    assert footprint(pd.DataFrame({"x": ["长" * 100] * 10})) > 1_000


def test_an_entry_is_kept_packed_and_counted_by_its_packed_size(monkeypatch):
    entries = section_cache.LRUCache(maxsize=10**6, getsizeof=lambda e: e[1])
    monkeypatch.setattr(section_cache, "_entries", entries)
    monkeypatch.setattr(section_cache, "_counts", {"hits": 0, "misses": 0})
    rows = tuple(("synthetic-source", "第一季度立案 12 件", f"fact-{n}") for n in range(2_000))  # a data table repeats itself

    @cached
    def block(area: str) -> tuple:
        return rows

    assert block("330902") == rows and block("330902") == rows
    assert entries.currsize < footprint(rows) / 10  # held in a tenth of its size as objects, or less
    assert section_cache.report()["cache_hit_rate"] == 0.5  # one miss, then one hit
