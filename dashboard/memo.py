"""Remember results of pure functions of read-only inputs: built figures, query results.

A rerun mostly redraws what it drew before, and building a Plotly figure costs tens of
milliseconds of validation. Results are shared by every session: treat them as read-only,
like the Dataset (Streamlit copies a figure before sending it).

Why not st.cache_data / st.cache_resource: both hash a DataFrame argument's content on every
call. Most frames here are the same objects rerun after rerun (results of other memoized
queries), so hashing them again cost a third of a page's script time (profiled). Here a frame's
content digest is computed once per object and kept until the object is freed; a Dataset, too
big to hash, counts by identity, and every result keyed by it is dropped when it is freed.
"""
from __future__ import annotations

import functools
import hashlib
import threading
import weakref
from collections import OrderedDict

import pandas as pd

_LOCK = threading.RLock()  # re-entrant: a finalizer may run while this thread holds it
_CACHES: list[OrderedDict] = []
_DIGESTS: dict[int, tuple] = {}  # id of a live frame -> its content digest
_DATASET_KEYS: dict[int, set[tuple[int, object]]] = {}  # id of a live Dataset -> (cache index, key) using it


def memoized(size: int = 256):
    """Decorator: a bounded least-recently-used memo keyed by the arguments' content (a Dataset's identity)."""
    def decorate(function):
        cache: OrderedDict = OrderedDict()
        _CACHES.append(cache)
        index = len(_CACHES) - 1

        @functools.wraps(function)
        def call(*args, **kwargs):
            datasets: list = []
            key = _key((args, kwargs), datasets)
            with _LOCK:
                if key in cache:
                    cache.move_to_end(key)
                    return cache[key][0]
            result = function(*args, **kwargs)
            with _LOCK:
                if all(id(ds) in _DATASET_KEYS for ds in datasets):  # still alive and watched
                    cache[key] = result, [id(ds) for ds in datasets]
                    for ds in datasets:
                        _DATASET_KEYS[id(ds)].add((index, key))
                    while len(cache) > size:
                        old, (_, dataset_ids) = cache.popitem(last=False)
                        for dataset_id in dataset_ids:
                            _DATASET_KEYS.get(dataset_id, set()).discard((index, old))
            return result

        return call
    return decorate


def _key(value, datasets: list):
    """A hashable stand-in for an argument: frames by content, a Dataset by identity."""
    from dashboard.data import Dataset

    if isinstance(value, Dataset):
        _watch_dataset(value)
        datasets.append(value)
        return "Dataset", id(value)
    if isinstance(value, (pd.DataFrame, pd.Series)):
        return _digest(value)
    if isinstance(value, dict):
        return tuple((k, _key(v, datasets)) for k, v in sorted(value.items()))
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return type(value).__name__, tuple(_key(v, datasets) for v in items)
    return value


def _digest(frame: pd.DataFrame | pd.Series) -> tuple:
    """The frame's content digest, computed once per object (frames are treated as read-only)."""
    with _LOCK:
        known = _DIGESTS.get(id(frame))
    if known is not None:
        return known
    digest = hashlib.blake2b(pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes(), digest_size=16)
    is_frame = isinstance(frame, pd.DataFrame)
    columns = tuple(map(str, frame.columns)) if is_frame else frame.name
    dtypes = tuple(map(str, frame.dtypes)) if is_frame else str(frame.dtype)
    known = type(frame).__name__, columns, dtypes, frame.shape, digest.hexdigest()
    with _LOCK:
        _DIGESTS[id(frame)] = known
    weakref.finalize(frame, _DIGESTS.pop, id(frame), None)  # runs before the id can be reused
    return known


def _watch_dataset(ds) -> None:
    with _LOCK:
        if id(ds) in _DATASET_KEYS:
            return
        _DATASET_KEYS[id(ds)] = set()
    weakref.finalize(ds, _forget_dataset, id(ds))


def _forget_dataset(dataset_id: int) -> None:
    with _LOCK:
        for index, key in _DATASET_KEYS.pop(dataset_id, ()):
            _CACHES[index].pop(key, None)
