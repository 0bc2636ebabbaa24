"""Market data: the store, canonical records, providers and calendars.

The rest of the system asks :class:`Store` for data as of a date and never cares where it came from.
"""

from thesis.data.records import (
    DocumentBatch,
    EventBatch,
    IngestReport,
    SecurityBatch,
    SeriesBatch,
    SeriesInfo,
)
from thesis.data.store import Observation, Store, default_home, default_store_path

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
