"""The memo behind queries and figures: same content hits, other content misses, nothing outlives its Dataset."""
import gc

import pandas as pd

from dashboard import memo
from dashboard.data import Dataset, facts_for, read_package
from tests.conftest import PACKAGE


def counting():
    calls = []

    @memo.memoized(size=4)
    def total(frame: pd.DataFrame, scale: int = 1) -> float:
        calls.append(1)
        return float(frame["value"].sum()) * scale

    return total, calls


def test_equal_content_hits_and_other_content_misses():
    total, calls = counting()
    frame = pd.DataFrame({"value": [1.0, 2.0]})
    assert total(frame) == 3.0 and total(frame) == 3.0
    assert total(pd.DataFrame({"value": [1.0, 2.0]})) == 3.0  # another object, same content: a hit
    assert len(calls) == 1
    assert total(pd.DataFrame({"value": [1.0, 5.0]})) == 6.0  # other content: computed
    assert total(frame, scale=2) == 6.0  # other arguments: computed
    assert len(calls) == 3


def test_a_freed_frame_never_lends_its_digest_to_a_new_one():
    total, _ = counting()
    before = len(memo._DIGESTS)
    for value in range(200):  # ids of freed frames get reused; each new frame must still count by content
        assert total(pd.DataFrame({"value": [float(value)]})) == float(value)
        gc.collect() if value % 50 == 0 else None
    gc.collect()
    assert len(memo._DIGESTS) <= before + 1  # digests of freed frames are gone (the last frame may linger)


def test_the_cache_is_bounded():
    total, calls = counting()
    frames = [pd.DataFrame({"value": [float(v)]}) for v in range(6)]
    for frame in frames:
        total(frame)
    total(frames[0])  # evicted by the four after it
    assert len(calls) == 7


def test_results_keyed_by_a_dataset_go_with_it():
    ds = read_package(PACKAGE)
    first = facts_for(ds, indicators=["cases_filed"])
    assert facts_for(ds, indicators=["cases_filed"]) is first  # the same result object: a hit
    dataset_id = id(ds)
    assert memo._DATASET_KEYS[dataset_id]
    del ds, first
    gc.collect()
    assert dataset_id not in memo._DATASET_KEYS
    assert not any(f"('Dataset', {dataset_id})" in str(key) for cache in memo._CACHES for key in cache)


def test_two_datasets_with_other_content_give_their_own_answers(tmp_path):
    ds = read_package(PACKAGE)
    other = Dataset(**{name: getattr(ds, name) for name in ("events", "indicators", "regions", "sectors", "sources")},
                    facts=ds.facts[ds.facts["indicator"] != "cases_filed"])
    assert len(facts_for(ds, indicators=["cases_filed"])) > 0
    assert len(facts_for(other, indicators=["cases_filed"])) == 0
