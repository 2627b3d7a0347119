"""Remember results of pure functions of immutable inputs: built figures, query results.

A rerun mostly redraws what it drew before, and building a Plotly figure costs tens of
milliseconds of validation. Results are shared by every session: treat them as read-only,
like the Dataset (Streamlit copies a figure before sending it).
"""
from __future__ import annotations

import functools
import hashlib
import threading
import weakref
from collections import OrderedDict

import pandas as pd

_CACHES: list[OrderedDict] = []
_LOCK = threading.Lock()
_WATCHED: set[int] = set()  # ids of datasets (and large tables) whose end is being watched
HASHED_ROWS = 20_000  # larger frames (a dataset's own tables) are told apart by identity


def memoized(size: int = 256):
    """Decorator: a bounded least-recently-used memo keyed by the arguments' content."""
    def decorate(function):
        cache: OrderedDict = OrderedDict()
        _CACHES.append(cache)

        @functools.wraps(function)
        def call(*args, **kwargs):
            key = fingerprint((args, kwargs))
            with _LOCK:
                if key in cache:
                    cache.move_to_end(key)
                    return cache[key]
            result = function(*args, **kwargs)
            with _LOCK:
                cache[key] = result
                while len(cache) > size:
                    cache.popitem(last=False)
            return result

        return call
    return decorate


def fingerprint(value):
    """A hashable stand-in for an argument: frames by content, a Dataset by identity."""
    from dashboard.data import Dataset

    if isinstance(value, Dataset) or (isinstance(value, (pd.DataFrame, pd.Series)) and len(value) > HASHED_ROWS):
        # A dataset's tables are immutable; hashing a million rows per rerun would cost more than it saves.
        _forget_when_gone(value)
        return "Dataset", id(value)
    if isinstance(value, (pd.DataFrame, pd.Series)):
        digest = hashlib.blake2b(pd.util.hash_pandas_object(value, index=True).to_numpy().tobytes(), digest_size=16)
        frame = isinstance(value, pd.DataFrame)
        columns = tuple(map(str, value.columns)) if frame else value.name
        dtypes = tuple(map(str, value.dtypes)) if frame else str(value.dtype)
        return type(value).__name__, columns, dtypes, value.shape, digest.hexdigest()
    if isinstance(value, dict):
        return tuple((k, fingerprint(v)) for k, v in sorted(value.items()))
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return type(value).__name__, tuple(fingerprint(v) for v in items)
    return value


def _forget_when_gone(ds) -> None:
    # An id can be reused after its object is freed: drop every result keyed by it first.
    if id(ds) in _WATCHED:
        return
    _WATCHED.add(id(ds))
    weakref.finalize(ds, _forget, id(ds))


def _forget(dataset_id: int) -> None:
    with _LOCK:
        _WATCHED.discard(dataset_id)
        for cache in _CACHES:
            for key in [k for k in cache if ("Dataset", dataset_id) in _flatten(k)]:
                del cache[key]


def _flatten(key):
    if isinstance(key, tuple):
        for item in key:
            yield item
            yield from _flatten(item)
