"""Market data: the store, canonical records, providers and calendars.

The rest of the system asks :class:`Store` for data as of a date and never cares where it came from.
The names below are imported lazily, so that the light read path (:mod:`thesis.data.db`, used by
``thesis check``) does not pull in pandas through this package.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_LAZY = {
    "DocumentBatch": "thesis.data.records",
    "EventBatch": "thesis.data.records",
    "IngestReport": "thesis.data.records",
    "SecurityBatch": "thesis.data.records",
    "SeriesBatch": "thesis.data.records",
    "SeriesInfo": "thesis.data.records",
    "Observation": "thesis.data.store",
    "Store": "thesis.data.store",
    "default_home": "thesis.data.db",
    "default_store_path": "thesis.data.db",
}

__all__ = [
    "DocumentBatch",
    "EventBatch",
    "IngestReport",
    "Observation",
    "SecurityBatch",
    "SeriesBatch",
    "SeriesInfo",
    "Store",
    "default_home",
    "default_store_path",
]

if TYPE_CHECKING:
    from thesis.data.db import default_home, default_store_path
    from thesis.data.records import (
        DocumentBatch,
        EventBatch,
        IngestReport,
        SecurityBatch,
        SeriesBatch,
        SeriesInfo,
    )
    from thesis.data.store import Observation, Store


def __getattr__(name: str) -> Any:
    mod = _LAZY.get(name)
    if mod is None:
        raise AttributeError(f"module 'thesis.data' has no attribute {name!r}")
    return getattr(import_module(mod), name)
