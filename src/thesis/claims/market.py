"""The data a check reads: the store as it stood on the article's date, through ``store.view``.

:class:`Market` is a thin layer over :class:`thesis.data.view.StoreView`: it picks the series
for a subject (daily first), caches each series once per check, and answers the few calendar
questions the verdicts ask (the session on or before a day, the session before it, the last
session of a month or year). Every read goes through the view, so nothing dated after the
article's date, and no figure published after it (a release lag from the series' catalog entry),
is ever used. A damaged or locked store raises its :class:`~thesis.errors.StoreError`: a check
never answers "no data" for a store it could not read.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from thesis.errors import DataError, SeriesNotFoundError

if TYPE_CHECKING:
    from thesis.claims.subjects import Subject
    from thesis.data.store import Store
    from thesis.data.view import StoreView

__all__ = ["Market"]


class Market:
    """The store as of ``as_of`` (see the module docstring).

    Parameters
    ----------
    store
        The market data store, or ``None`` (every read then finds nothing).
    as_of
        The article's date (the last day of its window).
    """

    def __init__(self, store: Store | None, as_of: dt.date) -> None:
        self.store = store
        self.as_of = as_of
        self.view: StoreView | None = store.view(as_of) if store is not None else None
        self._cache: dict[str, pd.Series | None] = {}
        self._later: dict[dt.date, Market] = {}

    def series(self, sid: str) -> pd.Series | None:
        """``sid`` as known on ``as_of`` (values only, NaNs dropped), or ``None``."""
        if sid in self._cache:
            return self._cache[sid]
        s: pd.Series | None = None
        if self.view is not None and self.view.has(sid):
            try:
                got = self.view.get(sid)
            except (SeriesNotFoundError, DataError):
                got = None
            if isinstance(got, pd.Series):
                got = got.dropna()
                s = got if len(got) else None
        self._cache[sid] = s
        return s

    def frequency(self, sid: str) -> str:
        if self.view is None or not self.view.has(sid):
            return ""
        return self.view.info(sid).frequency

    def daily(self, subject: Subject) -> tuple[str, pd.Series] | None:
        """The first daily series of ``subject`` with data on or before ``as_of``."""
        for sid in subject.series:
            if self.frequency(sid) in ("daily",):
                s = self.series(sid)
                if s is not None:
                    return sid, s
        return None

    def any_series(self, subject: Subject) -> tuple[str, pd.Series] | None:
        for sid in subject.series:
            s = self.series(sid)
            if s is not None:
                return sid, s
        return None

    def later(self, as_of: dt.date) -> Market:
        """The store as of a later date, for a figure the article names that the catalog's
        release lag says came out after the article's date (the article shows it had)."""
        if as_of <= self.as_of:
            return self
        if as_of not in self._later:
            self._later[as_of] = Market(self.store, as_of)
        return self._later[as_of]

    def events(self, kind: str) -> pd.DataFrame | None:
        if self.view is None:
            return None
        return self.view.events(kind)


# ---------------------------------------------------------------------------------- calendars
def ts(d: Any) -> pd.Timestamp:
    return pd.Timestamp(d)


def iso(t: Any) -> str:
    return pd.Timestamp(t).date().isoformat()


def on(s: pd.Series, d: dt.date) -> float | None:
    """The value on day ``d`` exactly, or ``None`` (no session that day)."""
    t = ts(d)
    i = s.index.searchsorted(t)
    if i < len(s) and s.index[i] == t:
        return float(s.iloc[i])
    return None


def on_or_before(s: pd.Series, d: dt.date) -> tuple[pd.Timestamp, float] | None:
    i = s.index.searchsorted(ts(d), side="right")
    if i == 0:
        return None
    return s.index[i - 1], float(s.iloc[i - 1])


def before(s: pd.Series, d: Any) -> tuple[pd.Timestamp, float] | None:
    """The last value strictly before day ``d``."""
    i = s.index.searchsorted(ts(d), side="left")
    if i == 0:
        return None
    return s.index[i - 1], float(s.iloc[i - 1])


def upto(s: pd.Series, d: Any) -> pd.Series:
    return s.iloc[: s.index.searchsorted(ts(d), side="right")]


def sessions_between(s: pd.Series, a: dt.date, b: dt.date) -> list[dt.date]:
    """The sessions (index days) from ``a`` to ``b`` inclusive."""
    lo = s.index.searchsorted(ts(a), side="left")
    hi = s.index.searchsorted(ts(b), side="right")
    return [t.date() for t in s.index[lo:hi]]


def looks_daily(s: pd.Series) -> bool:
    if len(s) < 3:
        return False
    gaps = np.diff(s.index.values[-30:]).astype("timedelta64[D]").astype(int)
    return bool(np.median(gaps) <= 7)
