"""The data a check reads: the store as it stood on the article's date, as plain lists.

:class:`Market` reads each series once per check through the store's pandas-free point-in-time
read (:meth:`thesis.data.db.Database.rows`, the same SQL as ``store.view(as_of).get``: nothing
dated after the article's date, and no figure published after it, by the release lag in the
series' catalog entry), and answers the few calendar questions the verdicts ask (the session on
or before a day, the session before it, the closes between two days). The arithmetic of a check
is a few hundred additions on one series at most, so plain lists and :mod:`bisect` serve; not
importing pandas and numpy keeps ``thesis check`` a fast command. A damaged or locked store raises
its :class:`~thesis.errors.StoreError`: a check never answers "no data" for a store it could not
read.
"""

from __future__ import annotations

import datetime as dt
import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from thesis.claims.chance import daily_sigma
from thesis.errors import DataError, SeriesNotFoundError, StoreError

if TYPE_CHECKING:
    from thesis.claims.subjects import Subject
    from thesis.data.db import Database
    from thesis.data.records import SeriesInfo

__all__ = ["Market", "Series"]


#: the days two feeds of one price must share before one may stand in for the other
FEED_OVERLAP = 250


@dataclass(frozen=True, slots=True)
class Series:
    """Dated values, oldest first (``dates`` sorted, one value per date)."""

    dates: list[dt.date]
    values: list[float]

    def __len__(self) -> int:
        return len(self.dates)

    @property
    def first(self) -> dt.date:
        return self.dates[0]

    @property
    def last(self) -> dt.date:
        return self.dates[-1]

    def items(self) -> Iterator[tuple[dt.date, float]]:
        return zip(self.dates, self.values, strict=True)

    def sl(self, i: int | None = None, j: int | None = None) -> Series:
        """Rows ``i`` to ``j`` (positions, as a Python slice)."""
        return Series(self.dates[i:j], self.values[i:j])

    def between(self, a: dt.date | None = None, b: dt.date | None = None) -> Series:
        """Rows dated from ``a`` to ``b``, both inclusive (``None``: open)."""
        i = 0 if a is None else bisect_left(self.dates, a)
        j = len(self.dates) if b is None else bisect_right(self.dates, b)
        return self.sl(i, j)

    def upto(self, d: dt.date) -> Series:
        return self.between(None, d)

    def before(self, d: dt.date) -> Series:
        """Rows dated strictly before ``d``."""
        return self.sl(0, bisect_left(self.dates, d))

    def argmax(self) -> int:
        """Position of the first largest value."""
        return max(range(len(self.values)), key=lambda i: (self.values[i], -i))

    def argmin(self) -> int:
        return min(range(len(self.values)), key=lambda i: (self.values[i], i))

    def where(self, keep: list[bool]) -> Series:
        pairs = [(d, v) for d, v, k in zip(self.dates, self.values, keep, strict=True) if k]
        return Series([d for d, _ in pairs], [v for _, v in pairs])


#: an index the store holds closes only for → the fund whose session range stands in for its own
_RANGE_PROXIES = {"sp500": "spy"}


class Market:
    """The store as of ``as_of`` (see the module docstring).

    Parameters
    ----------
    store
        The market data store (a :class:`~thesis.data.store.Store` or its pandas-free base
        :class:`~thesis.data.db.Database`), or ``None`` (every read then finds nothing).
    as_of
        The article's date (the last day of its window).
    """

    def __init__(self, store: Database | None, as_of: dt.date) -> None:
        self.store = store
        self.as_of = as_of
        self._cache: dict[str, Series | None] = {}
        self._ranges: dict[str, tuple[Series, Series] | None] = {}
        self._proxies: dict[str, tuple[Series, Series] | None] = {}
        self._later: dict[dt.date, Market] = {}
        self._sigma: dict[str, float | None] = {}
        self._gaps: dict[tuple[str, str, int], float | None] = {}
        #: the article's own session, once a close it states of that day pins it (set by
        #: :func:`thesis.claims.judge.article_session`): then the session before it is no longer a
        #: candidate day for the article's "now" figures
        self.session: dt.date | None = None

    def series(self, sid: str) -> Series | None:
        """``sid`` as known on ``as_of`` (NULLs dropped), or ``None``."""
        return self._field(sid, "value", sid)

    def opens(self, sid: str) -> Series | None:
        """The daily opens of ``sid`` as known on ``as_of``, or ``None`` when the store holds none
        (most index series are closes only)."""
        return self._field(sid, "open", f"{sid}:open")

    def _field(self, sid: str, field: str, key: str) -> Series | None:
        """One field of ``sid``'s rows as known on ``as_of``, read once and kept under ``key``."""
        if key in self._cache:
            return self._cache[key]
        s: Series | None = None
        if self.store is not None and self.store.has(sid):
            try:
                dates, values = self.store.rows(
                    sid, as_of=self.as_of, known_on=self.as_of, field=field
                )
            except (SeriesNotFoundError, DataError):
                dates, values = [], []
            s = Series(dates, values) if dates else None
        self._cache[key] = s
        return s

    def stock_sessions(self, sid: str) -> Series | None:
        """The sessions to read ``sid`` on when it has values on days the US stock market was
        closed (the VIX, computed in extended hours on exchange holidays): the S&P 500's
        sessions where the store holds them, ``sid``'s own dates before and after them."""
        key = f"{sid}:stock-sessions"
        if key not in self._cache:
            s, sp = self.series(sid), self.series("sp500")
            if s is None or sp is None:
                self._cache[key] = s
            else:
                a, b = sp.dates[0], sp.dates[-1]
                rows = [(d, v) for d, v in s.items() if d < a]
                rows += list(sp.items())
                rows += [(d, v) for d, v in s.items() if d > b]
                self._cache[key] = Series([d for d, _ in rows], [v for _, v in rows])
        return self._cache[key]

    def event_dates(self, kind: str) -> list[dt.date]:
        """The dates of the store's events of ``kind`` (the FOMC's decision days) known on
        ``as_of``: every one up to it, and after it only those scheduled (a meeting schedule is
        published ahead; an intermeeting action is not), or none."""
        if self.store is None:
            return []
        try:
            rows = self.store.event_dates(kind)
        except (StoreError, DataError):
            return []
        return sorted({d for d, subject in rows if d <= self.as_of or subject == "scheduled"})

    def sigma(self, sid: str) -> float | None:
        """The daily standard deviation of ``sid``'s changes in percent, as known on ``as_of``
        (:func:`thesis.claims.chance.daily_sigma`), or ``None``."""
        if sid not in self._sigma:
            s = self.series(sid)
            self._sigma[sid] = daily_sigma(s.values) if s is not None else None
        return self._sigma[sid]

    def session_range(self, sid: str, *, proxy: bool = False) -> tuple[Series, Series] | None:
        """The daily lows and highs of ``sid`` as known on ``as_of``, or ``None`` when the store
        holds none (most index series are closes only). With ``proxy``, an index's range read on
        its fund's (:data:`_RANGE_PROXIES`) when the store holds none of its own: good enough to
        block a contradiction, never to make one."""
        own = self._own_range(sid)
        if own is not None or not proxy or sid not in _RANGE_PROXIES:
            return own
        if sid not in self._proxies:
            self._proxies[sid] = self._proxy_range(sid, _RANGE_PROXIES[sid])
        return self._proxies[sid]

    def range_is_proxy(self, sid: str) -> bool:
        """Whether the session range of ``sid`` is read on a fund's (:data:`_RANGE_PROXIES`)."""
        return sid in _RANGE_PROXIES and self._own_range(sid) is None

    def _own_range(self, sid: str) -> tuple[Series, Series] | None:
        """The store's own daily lows and highs of ``sid`` (read once)."""
        if sid not in self._ranges:
            got: tuple[Series, Series] | None = None
            if self.store is not None and self.store.has(sid):
                lo = self.store.rows(sid, as_of=self.as_of, known_on=self.as_of, field="low")
                hi = self.store.rows(sid, as_of=self.as_of, known_on=self.as_of, field="high")
                if lo[0] and hi[0]:
                    got = Series(*lo), Series(*hi)
            self._ranges[sid] = got
        return self._ranges[sid]

    def _proxy_range(self, sid: str, etf: str) -> tuple[Series, Series] | None:
        """The session's range of an index the store holds closes only for, from its fund's: the
        fund's low and high as fractions of its close, applied to the index's close (a fund
        tracks its index within the session to a few hundredths of a percent)."""
        idx = self.series(sid)
        rng = self._own_range(etf)
        fund = self.series(etf)
        if idx is None or rng is None or fund is None:
            return None
        close = dict(fund.items())
        lows, highs = dict(rng[0].items()), dict(rng[1].items())
        days = [d for d, _ in idx.items() if d in close and d in lows and d in highs and close[d]]
        if not days:
            return None
        level = dict(idx.items())
        lo = [level[d] * lows[d] / close[d] for d in days]
        hi = [level[d] * highs[d] / close[d] for d in days]
        return Series(days, lo), Series(days, hi)

    def info(self, sid: str) -> SeriesInfo | None:
        """The catalog entry of ``sid``, or ``None`` when the store does not hold it."""
        if self.store is None or not self.store.has(sid):
            return None
        return self.store.info(sid)

    def frequency(self, sid: str) -> str:
        if self.store is None or not self.store.has(sid):
            return ""
        return self.store.info(sid).frequency

    def daily(self, subject: Subject) -> tuple[str, Series] | None:
        """The first daily series of ``subject`` with data on or before ``as_of``."""
        for sid in subject.series:
            if self.frequency(sid) == "daily":
                s = self.series(sid)
                if s is not None:
                    return sid, s
        return None

    def later_feed(self, subject: Subject, sid: str, day: dt.date) -> tuple[str, Series] | None:
        """Another daily series of ``subject`` that goes on past ``sid``'s last day to ``day``:
        a second feed of the same prices (the IEX file after the consolidated one ends), read
        only with the gap between the two (:meth:`feed_gap`); ``None`` when there is none."""
        for alt in subject.series:
            if alt == sid or self.frequency(alt) != "daily":
                continue
            s = self.series(alt)
            if s is not None and s.first <= day <= s.last + dt.timedelta(days=4):
                return alt, s
        return None

    def feed_gap(self, sid: str, feed: str, k: int) -> float | None:
        """The largest gap, in percentage points, between ``feed``'s and ``sid``'s changes over
        ``k`` sessions on the days both hold (their overlap; at least :data:`FEED_OVERLAP` of
        them), or ``None``: how far the second feed's changes may stray from the first's (a
        lower-quality feed, split and dividend adjusted, against closes that are not)."""
        key = (sid, feed, k)
        if key not in self._gaps:
            a, b = self.series(sid), self.series(feed)
            gap: float | None = None
            if a is not None and b is not None:
                first = dict(a.items())
                both = [(first[d], x) for d, x in b.items() if d in first]
                if len(both) >= FEED_OVERLAP + k:
                    gap = max(
                        abs((both[i][1] / both[i - k][1] - both[i][0] / both[i - k][0]) * 100)
                        for i in range(k, len(both))
                    )
            self._gaps[key] = gap
        return self._gaps[key]

    def any_series(self, subject: Subject) -> tuple[str, Series] | None:
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


# ---------------------------------------------------------------------------------- calendars
def iso(t: Any) -> str:
    return t.isoformat()[:10]


def on(s: Series, d: dt.date) -> float | None:
    """The value on day ``d`` exactly, or ``None`` (no session that day)."""
    i = bisect_left(s.dates, d)
    if i < len(s) and s.dates[i] == d:
        return s.values[i]
    return None


def on_or_before(s: Series, d: dt.date) -> tuple[dt.date, float] | None:
    i = bisect_right(s.dates, d)
    if i == 0:
        return None
    return s.dates[i - 1], s.values[i - 1]


def before(s: Series, d: dt.date) -> tuple[dt.date, float] | None:
    """The last value strictly before day ``d``."""
    i = bisect_left(s.dates, d)
    if i == 0:
        return None
    return s.dates[i - 1], s.values[i - 1]


def upto(s: Series, d: dt.date) -> Series:
    return s.upto(d)


def sessions_near(
    s: Series, day: dt.date, offsets: Iterable[int], *, strict: bool = False
) -> list[tuple[int, dt.date]]:
    """The dates of ``s`` ``offsets`` sessions away from its last date on or before ``day``
    (strictly before with ``strict``), with their offsets; offsets past either end are left out."""
    i = (bisect_left if strict else bisect_right)(s.dates, day) - 1
    if i < 0:
        return []
    return [(k, s.dates[i + k]) for k in offsets if 0 <= i + k < len(s.dates)]


def sessions_between(s: Series, a: dt.date, b: dt.date) -> list[dt.date]:
    """The sessions (dates of ``s``) from ``a`` to ``b`` inclusive."""
    return s.between(a, b).dates


def add_months(d: dt.date, n: int) -> dt.date:
    """``d`` moved by ``n`` calendar months (the day clamped to the month's length)."""
    y, m = divmod(d.year * 12 + d.month - 1 + n, 12)
    m += 1
    last = (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(y, m, min(d.day, last))


def looks_daily(s: Series) -> bool:
    if len(s) < 3:
        return False
    tail = s.dates[-30:]
    gaps = sorted((b - a).days for a, b in itertools.pairwise(tail))
    return gaps[len(gaps) // 2] <= 7
