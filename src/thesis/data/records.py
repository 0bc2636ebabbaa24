"""What providers hand to the store: typed batches of canonical records.

Providers parse raw payloads into these (pure code); :meth:`thesis.data.store.Store.ingest` writes
them in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

__all__ = [
    "FREQUENCIES",
    "KINDS",
    "OHLCV_COLUMNS",
    "Batch",
    "DocumentBatch",
    "EventBatch",
    "SecurityBatch",
    "SeriesBatch",
    "SeriesInfo",
]

KINDS = ("price", "yield", "index", "rate", "event", "factor", "macro", "ratio", "fundamental")
FREQUENCIES = ("daily", "weekly", "monthly", "quarterly", "annual", "event")
#: columns an observation may carry besides ``value`` (the series' main value, e.g. the close)
OHLCV_COLUMNS = ("open", "high", "low", "volume", "adj_close")


@dataclass(frozen=True, slots=True)
class SeriesInfo:
    """Catalog entry of one series.

    ``unit`` is free text with the unit of ``value`` ("points", "USD", "% p.a.", "index 1982-84=100",
    "% per month"). ``origin`` names the file, URL or package loader the data came from.
    """

    id: str
    name: str
    unit: str
    frequency: Literal["daily", "weekly", "monthly", "quarterly", "annual", "event"]
    kind: str
    provider: str
    provider_id: str
    origin: str = ""
    license: str = ""
    description: str = ""
    #: True when ``value`` already includes dividends (adjusted close); ``adj_close`` may also hold it
    total_return: bool = False
    #: days after the END of an observation's period before its figure is public (CPI: about 15);
    #: a point-in-time read counts an observation as known on ``as_of`` only when
    #: ``period end + release_lag_days <= as_of``, unless the row states its own release date
    release_lag_days: int = 0

    def __post_init__(self) -> None:
        if self.frequency not in FREQUENCIES:
            raise ValueError(
                f"series {self.id!r}: frequency {self.frequency!r} not in {FREQUENCIES}"
            )
        if self.kind not in KINDS:
            raise ValueError(f"series {self.id!r}: kind {self.kind!r} not in {KINDS}")
        if self.release_lag_days < 0:
            raise ValueError(f"series {self.id!r}: release_lag_days must be >= 0")
        if not self.id or not self.id.replace("_", "").isalnum() or self.id != self.id.lower():
            raise ValueError(f"series id {self.id!r} must be lower-case letters, digits and '_'")


@dataclass(frozen=True)
class SeriesBatch:
    """Observations of one series.

    ``frame`` has a ``date`` column (datetime64 or ISO strings), a ``value`` column (float) and any
    of :data:`OHLCV_COLUMNS`. An optional ``released`` column gives the day each row's figure was
    published (a filing date, say); it overrides the series' ``release_lag_days`` for that row. An optional ``line`` column gives the source line of each row, used only
    in error messages. ``where`` names the input (a file path or URL).
    """

    info: SeriesInfo
    frame: pd.DataFrame
    where: str = ""


@dataclass(frozen=True)
class EventBatch:
    """Dated events: FOMC meetings and decisions, CPI releases, earnings dates.

    ``frame`` columns: ``date``, ``kind`` (e.g. ``fomc_meeting``, ``fomc_decision``), ``subject``,
    optional ``value`` (float), optional ``detail`` (text/JSON), optional ``line``.
    """

    frame: pd.DataFrame
    provider: str
    where: str = ""


@dataclass(frozen=True)
class SecurityBatch:
    """Reference data for securities (constituents, sectors, fundamentals snapshot).

    ``frame`` must have ``symbol``; other columns are kept as a JSON ``detail`` per symbol, together
    with ``name``, ``sector`` and ``as_of`` when present.
    """

    frame: pd.DataFrame
    provider: str
    universe: str
    where: str = ""


@dataclass(frozen=True)
class DocumentBatch:
    """Article texts: ``frame`` columns ``id``, ``date``, ``title``, ``url``, ``text``."""

    frame: pd.DataFrame
    provider: str
    where: str = ""


Batch = SeriesBatch | EventBatch | SecurityBatch | DocumentBatch


@dataclass
class IngestReport:
    """What one ingest changed."""

    ingest_id: int = 0
    series_new_rows: dict[str, int] = field(default_factory=dict)
    series_rows: dict[str, int] = field(default_factory=dict)
    events_new: int = 0
    securities: int = 0
    documents: int = 0

    @property
    def new_rows(self) -> int:
        return sum(self.series_new_rows.values())
