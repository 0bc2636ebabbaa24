"""What providers hand to the store: typed batches of canonical records.

Providers parse raw payloads into these (pure code); :meth:`thesis.data.store.Store.ingest` writes
them in one transaction.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if (
    TYPE_CHECKING
):  # annotations only: the store's light read path (thesis.data.db) stays pandas-free
    import pandas as pd

from thesis.errors import IngestError, nearest

__all__ = [
    "ALLOW",
    "FREQUENCIES",
    "HARD_LIMIT",
    "KINDS",
    "MAGNITUDE_LIMITS",
    "OHLCV_COLUMNS",
    "POSITIVE_KINDS",
    "VOLUME_LIMIT",
    "Batch",
    "DocumentBatch",
    "EventBatch",
    "Frequency",
    "SecurityBatch",
    "SeriesBatch",
    "SeriesInfo",
    "frequency_of",
    "parse_allow",
]

KINDS = ("price", "yield", "index", "rate", "event", "factor", "macro", "ratio", "fundamental")
Frequency = Literal["daily", "weekly", "monthly", "quarterly", "annual", "event"]
FREQUENCIES: tuple[Frequency, ...] = ("daily", "weekly", "monthly", "quarterly", "annual", "event")
#: columns an observation may carry besides ``value`` (the series' main value, e.g. the close)
OHLCV_COLUMNS = ("open", "high", "low", "volume", "adj_close")

# ---------------------------------------------------------------------------- plausible values
# What the store accepts without being told otherwise (``Store.ingest(allow=...)``, ``thesis data
# import --allow``). The limits are wide on purpose: they catch unit and parsing errors (a yield of
# 5000 %, an index level of 1e308), not unusual markets. A value past them is refused naming its
# file:line, or stored with a note in the catalog when the user allows it.

#: kinds whose values (and open/high/low/adj_close) are above zero: a price or an index level of
#: zero or below is an error in the data (volume may be zero, never negative)
POSITIVE_KINDS = frozenset({"price", "index"})

#: the largest absolute value a series of each kind may hold, in the series' own unit:
#: prices and index levels up to 1e9 (Berkshire A trades near 7e5 USD, the Nikkei near 4e4
#: points); yields and rates in percent up to 1,000 (Greek 2-year yields passed 200 % in 2012,
#: Zimbabwe's policy rate reached 200 % in 2022); factor returns in percent per period up to 1,000;
#: ratios (P/E, CAPE) up to 1e6; macro aggregates, fundamentals and event values up to 1e18
#: (GDP in the units of any currency)
MAGNITUDE_LIMITS: dict[str, float] = {
    "price": 1e9,
    "index": 1e9,
    "yield": 1e3,
    "rate": 1e3,
    "factor": 1e3,
    "ratio": 1e6,
    "macro": 1e18,
    "fundamental": 1e18,
    "event": 1e18,
}
#: traded volume in shares or contracts per period (SPY trades about 1e8 a day)
VOLUME_LIMIT = 1e13
#: beyond this no value is stored even when allowed: arithmetic on such a series (variances,
#: compounding over thousands of paths) overflows float64's 1.8e308 and crashes the analyses
HARD_LIMIT = 1e30
#: what ``allow`` may name: ``nonpositive`` (zero or negative prices and index levels, negative
#: volume) and ``magnitude`` (values past MAGNITUDE_LIMITS, still within HARD_LIMIT)
ALLOW = ("nonpositive", "magnitude")


@dataclass(frozen=True, slots=True)
class SeriesInfo:
    """Catalog entry of one series.

    ``unit`` is free text with the unit of ``value`` ("points", "USD", "% p.a.", "index 1982-84=100",
    "% per month"). ``origin`` names the file, URL or package loader the data came from.
    """

    id: str
    name: str
    unit: str
    frequency: Frequency
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
    #: what the store noted about the data (values accepted with ``allow``); set by the store
    note: str = ""

    def __post_init__(self) -> None:
        if self.frequency not in FREQUENCIES:  # the type is a promise; the data are checked
            raise ValueError(
                f"series {self.id!r}: frequency {self.frequency!r} not in {FREQUENCIES}"
            )
        if self.kind not in KINDS:
            raise ValueError(f"series {self.id!r}: kind {self.kind!r} not in {KINDS}")
        if self.release_lag_days < 0:
            raise ValueError(f"series {self.id!r}: release_lag_days must be >= 0")
        if not self.id or not self.id.replace("_", "").isalnum() or self.id != self.id.lower():
            raise ValueError(f"series id {self.id!r} must be lower-case letters, digits and '_'")


def frequency_of(value: str, series: str) -> Frequency:
    """``value`` as a :data:`Frequency`; the error :class:`SeriesInfo` raises for any other."""
    for f in FREQUENCIES:
        if value == f:
            return f
    raise ValueError(f"series {series!r}: frequency {value!r} not in {FREQUENCIES}")


@dataclass(frozen=True)
class SeriesBatch:
    """Observations of one series.

    ``frame`` has a ``date`` column (datetime64 or ISO strings), a ``value`` column (float) and any
    of :data:`OHLCV_COLUMNS`. An optional ``released`` column gives the day each row's figure was
    published (a filing date, say); it overrides the series' ``release_lag_days`` for that row.
    An optional ``line`` column gives the source line of each row, used only in error messages.
    ``where`` names the input (a file path or URL). A ``fill_only`` batch only adds dates the store
    does not hold yet for the series (a secondary source that extends a primary one; where the two
    disagree the primary wins), and leaves the series' catalog entry as it is.
    """

    info: SeriesInfo
    frame: pd.DataFrame
    where: str = ""
    fill_only: bool = False


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
    #: what the store noted: values accepted because the caller allowed them
    notes: list[str] = field(default_factory=list)

    @property
    def new_rows(self) -> int:
        return sum(self.series_new_rows.values())

    @property
    def changed(self) -> int:
        """Everything this ingest added or changed: rows, events, securities, documents."""
        return self.new_rows + self.events_new + self.securities + self.documents


def parse_allow(allow: str | Collection[str]) -> frozenset[str]:
    """``"nonpositive,magnitude"`` or a collection of names → a checked set of :data:`ALLOW` names.

    Raises
    ------
    IngestError
        For a name that is not in :data:`ALLOW` (with the nearest one).
    """
    if isinstance(allow, str):
        allow = [a for a in allow.split(",") if a.strip()]
    out = frozenset(a.strip().lower() for a in allow)
    bad = sorted(out - set(ALLOW))
    if bad:
        hint = nearest(bad[0], ALLOW)
        raise IngestError(
            f"unknown check {bad[0]!r} to allow"
            + (f"; did you mean {', '.join(hint)}?" if hint else ""),
            where="allow",
            fix=f"allow some of {', '.join(ALLOW)} (e.g. --allow nonpositive,magnitude)",
        )
    return out
