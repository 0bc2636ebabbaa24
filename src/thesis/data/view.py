"""The store as it stood on one date: the one point-in-time read every analysis goes through.

``Store.get(as_of=...)`` returns observations *dated* on or before ``as_of``. That is not what was
known then: October's CPI is dated 2025-10-01 but was published in mid-November, a quarter's
revenue is known on its filing date. A :class:`StoreView` answers only with figures that were
public on its ``as_of`` (each series' ``release_lag_days`` from its catalog entry, or a row's own
release date), and records the lineage of every read, so that the pipeline, the portfolio
backtest, the claim checker and the screener share one notion of "known on a date".

>>> view = store.view("2025-11-26")                    # doctest: +SKIP
>>> cpi = view.get("cpi_u")                             # CPI up to September 2025  # doctest: +SKIP
>>> view.sources["cpi_u"].end                           # doctest: +SKIP
'2025-09-01'
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, overload

import pandas as pd

from thesis._types import DateLike
from thesis.errors import DataError, SeriesNotFoundError
from thesis.facts import Source

if TYPE_CHECKING:
    from collections.abc import Sequence

    from thesis.data.records import SeriesInfo
    from thesis.data.store import Observation, Store

__all__ = ["SCHEDULED_EVENT_KINDS", "StoreView"]

#: event kinds whose dates are announced ahead (the FOMC publishes its meeting calendar a year or
#: more in advance; statistical agencies their release calendars; companies their earnings dates),
#: so that a view may list those after its ``as_of``; other events (decisions, filings, releases
#: with their values) are known only once they happen
SCHEDULED_EVENT_KINDS = frozenset({"fomc_meeting", "release", "earnings"})


class StoreView:
    """Read-only access to what the store knew on ``as_of``.

    Parameters
    ----------
    store
        The market data store (any object with the read API of :class:`~thesis.data.store.Store`,
        such as a snapshot on a worker).
    as_of
        The analysis date; anything ``pandas.Timestamp`` accepts.

    Attributes
    ----------
    sources
        Lineage of every series read through this view (series id → :class:`~thesis.facts.Source`
        of the window actually returned), for the run manifest.
    """

    def __init__(self, store: Store, as_of: DateLike) -> None:
        ts = pd.Timestamp(as_of)
        if pd.isna(ts):
            raise DataError(f"as_of {as_of!r} is not a date", fix="pass a date such as 2025-11-26")
        self.store = store
        self.as_of = ts.normalize()
        self.sources: dict[str, Source] = {}

    def __repr__(self) -> str:
        return f"StoreView({self.store!r}, as_of={self.as_of.date()})"

    @property
    def date(self) -> dt.date:
        """``as_of`` as a :class:`datetime.date`."""
        return self.as_of.date()

    # ---------------------------------------------------------------- catalog
    def has(self, series: str) -> bool:
        return self.store.has(series)

    def info(self, series: str) -> SeriesInfo:
        """The catalog entry; unknown ids raise :class:`~thesis.errors.SeriesNotFoundError`."""
        return self.store.info(series)

    def series_ids(self) -> list[str]:
        return self.store.series_ids()

    # ---------------------------------------------------------------- observations
    @overload
    def get(
        self,
        series: str,
        start: DateLike | None = ...,
        *,
        fields: None = ...,
        record: bool = ...,
    ) -> pd.Series: ...

    @overload
    def get(
        self,
        series: str,
        start: DateLike | None = ...,
        *,
        fields: Sequence[str],
        record: bool = ...,
    ) -> pd.DataFrame: ...

    def get(
        self,
        series: str,
        start: DateLike | None = None,
        *,
        fields: Sequence[str] | None = None,
        record: bool = True,
    ) -> pd.Series | pd.DataFrame:
        """The observations of ``series`` public on ``as_of`` (from ``start`` when given).

        Raises :class:`~thesis.errors.SeriesNotFoundError` for an unknown id and
        :class:`~thesis.errors.DataError` when nothing of the series was public yet. The lineage of
        the window returned is in ``.attrs["source"]`` and, with ``record``, in :attr:`sources`.
        """
        out = self.store.get(series, start, as_of=self.as_of, known_on=self.as_of, fields=fields)
        if len(out) == 0:
            info = self.store.info(series)
            lag = (
                f" plus its release lag of {info.release_lag_days} days"
                if info.release_lag_days
                else ""
            )
            raise DataError(
                f"series {series!r} has no figure public on {self.as_of.date()}"
                + (f" from {pd.Timestamp(start).date()}" if start is not None else "")
                + f" (a {info.frequency} figure counts once its period has ended{lag})",
                where=f"series {series}",
                fix="choose a later as_of, or import history that starts earlier",
            )
        if record:
            self.use(out)
        return out

    def maybe(self, series: str | None, start: DateLike | None = None) -> pd.Series | None:
        """Like :meth:`get`, but ``None`` when the id is empty, unknown or has nothing public yet."""
        if not series:
            return None
        try:
            out = self.get(series, start)
        except (SeriesNotFoundError, DataError):
            return None
        return out

    def latest(self, series: str) -> Observation:
        """The last observation of ``series`` public on ``as_of``."""
        from thesis.data.store import Observation

        s = self.get(series, record=False)
        return Observation(pd.Timestamp(s.index[-1]), float(s.iloc[-1]))

    def use(self, s: pd.Series | pd.DataFrame) -> pd.Series | pd.DataFrame:
        """Record the lineage of data an analysis uses (reads through :meth:`get` do it already)."""
        src = s.attrs.get("source")
        if isinstance(src, Source):
            self.sources[src.series] = src
        return s

    # ---------------------------------------------------------------- events and reference data
    def events(self, kind: str | None = None, start: DateLike | None = None) -> pd.DataFrame:
        """Events that had happened by ``as_of`` (``date``, ``kind``, ``subject``, ``value``, ``detail``)."""
        return self.store.events(kind, start=start, as_of=self.as_of)

    def schedule(self, kind: str | None = None, end: DateLike | None = None) -> pd.DataFrame:
        """Events announced ahead that fall after ``as_of`` (up to ``end``), e.g. FOMC meetings.

        Only kinds in :data:`SCHEDULED_EVENT_KINDS` are listed: a decision's outcome or a release's
        value is not known before its day.
        """
        kinds = [kind] if kind is not None else sorted(SCHEDULED_EVENT_KINDS)
        frames = [
            self.store.events(k, start=self.as_of + pd.Timedelta(days=1), end=end)
            for k in kinds
            if k in SCHEDULED_EVENT_KINDS
        ]
        if not frames:
            return self.store.events(kind, start=self.as_of, end=self.as_of).iloc[0:0]
        return pd.concat(frames, ignore_index=True).sort_values("date", kind="stable")

    def securities(self, universe: str | None = None) -> pd.DataFrame:
        """Reference data per symbol (constituents, sectors). The rows are the snapshot the store
        holds (column ``as_of``); callers that use a snapshot taken after this view's date must say
        so (survivorship)."""
        return self.store.securities(universe)
