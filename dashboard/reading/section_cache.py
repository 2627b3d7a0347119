"""The sections' cache: one per process, shared by every session, least recently used out first, and held
to a budget in bytes (QINGLIAN_SECTION_CACHE_MB) rather than a number of entries.

Why not Streamlit's own `st.cache_resource(max_entries=…)`: it counts entries and knows no sizes, and at
national scale one area's section is a hundred times another's (a province's chart against a county's),
so a count low enough for the largest wastes the cache on small areas, and one high enough for the small
ones let a replica grow past 300 MB after a few hundred views (#32). cachetools' `LRUCache` takes a
`getsizeof`, so its `maxsize` is the budget in bytes. Entries are keyed, as Streamlit's were, on the
dataset's version (`Dataset.version`) and the call's plain arguments.

Each entry is kept packed: pickled, then Zstandard level 1 (Arrow's codec: pandas has loaded it
already). A section is text, tuples of text and Plotly JSON, and repeats itself (a source's id on every
row of its data table), so it packs to about a twentieth of what it takes as Python objects (measured
at national scale, #32: 38.6 MB of sections in 2.1 MB with zlib), and the budget counts packed bytes.
Unpacking gives each caller its own copy (a frame a page changes never reaches another session): well
under a millisecond for a section; 2.3 ms for the largest, /data's table of a city and its counties
(2,880 rows: 1.0 MB pickled, 77 kB packed; zlib took 3.3 ms to unpack it and 6.3 ms to pack it, Zstandard
3.2 ms to pack).
"""
from __future__ import annotations

import pickle
import sys
import threading
from dataclasses import fields, is_dataclass
from functools import wraps

import pandas as pd
import pyarrow as pa
from cachetools import LRUCache
from cachetools.keys import hashkey

from dashboard.kernel.model import Dataset
from dashboard.kernel.settings import section_cache_bytes


def footprint(value) -> int:
    """About how many bytes `value` holds: strings and frames as Python stores them, containers and
    dataclasses as the sum of what they hold. A section is text, tuples of text and Plotly JSON."""
    if isinstance(value, (str, bytes)):
        return sys.getsizeof(value)
    if isinstance(value, (pd.DataFrame, pd.Series)):
        return int(value.memory_usage(deep=True).sum()) if isinstance(value, pd.DataFrame) \
            else int(value.memory_usage(deep=True))
    if is_dataclass(value) and not isinstance(value, type):
        return sys.getsizeof(value) + sum(footprint(getattr(value, f.name)) for f in fields(value))
    if isinstance(value, (tuple, list, set, frozenset)):
        return sys.getsizeof(value) + sum(footprint(item) for item in value)
    if isinstance(value, dict):
        return sys.getsizeof(value) + sum(footprint(k) + footprint(v) for k, v in value.items())
    return sys.getsizeof(value)


_CODEC = pa.Codec("zstd", compression_level=1)


def pack(value) -> tuple[int, bytes]:
    """(pickled size, packed bytes): Arrow's codec is told the size to unpack to."""
    pickled = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return len(pickled), _CODEC.compress(pickled, asbytes=True)


def unpack(packed: tuple[int, bytes]):
    size, data = packed  # only ever what pack() made in this process
    return pickle.loads(_CODEC.decompress(data, decompressed_size=size, asbytes=True))


_MISSING = object()
_entries = LRUCache(maxsize=section_cache_bytes(), getsizeof=lambda entry: entry[1])
_lock = threading.Lock()
_counts = {"hits": 0, "misses": 0}


def _key(name: str, args: tuple, kwargs: dict):
    plain = tuple(a.version if isinstance(a, Dataset) else a for a in args)
    return hashkey(name, *plain, **{k: v.version if isinstance(v, Dataset) else v for k, v in kwargs.items()})


def cached(function):
    """Cache `function`'s results within the process's budget, packed. Every caller gets its own copy.
    Two sessions asking for the same new entry at once may both compute it: the lock is held only to
    read and write the cache, never while a section is made or unpacked."""
    name = f"{function.__module__}.{function.__qualname__}"

    @wraps(function)
    def wrapper(*args, **kwargs):
        key = _key(name, args, kwargs)
        with _lock:
            found = _entries.get(key, _MISSING)
            _counts["misses" if found is _MISSING else "hits"] += 1
        if found is not _MISSING:
            return unpack(found[0])
        value = function(*args, **kwargs)
        packed = pack(value)
        size = sys.getsizeof(packed[1]) + footprint(key)
        with _lock:
            if size <= _entries.maxsize:  # larger than the whole budget: served, not kept
                _entries[key] = (packed, size)
        return value

    return wrapper


def report() -> dict:
    """What the cache holds now and how often it answered (benchmarks.stores prints it beside the
    replica's memory)."""
    with _lock:
        asked = _counts["hits"] + _counts["misses"]
        return {"cache_mb": round(_entries.currsize / 2**20, 1), "cache_entries": len(_entries),
                "cache_budget_mb": round(_entries.maxsize / 2**20, 1), "cache_hits": _counts["hits"],
                "cache_hit_rate": round(_counts["hits"] / asked, 3) if asked else 0.0, "cache_asked": asked}


def clear() -> None:
    with _lock:
        _entries.clear()
        _counts.update(hits=0, misses=0)
