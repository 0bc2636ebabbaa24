"""Trading calendars (XNYS via exchange_calendars) and FOMC dates (from the store's events)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import pandas as pd

from thesis._types import DateLike
from thesis.errors import DataError

if TYPE_CHECKING:
    from thesis.data.store import Store

__all__ = ["fomc_dates", "is_session", "next_session", "sessions_between", "xnys"]


@lru_cache(maxsize=1)
def xnys() -> Any:
    """The New York Stock Exchange calendar (exchange_calendars' XNYS), loaded once."""
    import exchange_calendars as xcals

    # exchange_calendars covers the last twenty years unless told otherwise; theses may look at
    # any date a daily series in the store covers (the ten-year yield from 1962)
    return xcals.get_calendar("XNYS", start="1960-01-04")


def _bounds() -> tuple[pd.Timestamp, pd.Timestamp]:
    cal = xnys()
    return pd.Timestamp(cal.first_session), pd.Timestamp(cal.last_session)


def sessions_between(
    start: DateLike, end: DateLike, *, include_start: bool = False
) -> pd.DatetimeIndex:
    """XNYS sessions in ``(start, end]`` (``[start, end]`` with ``include_start``).

    Raises :class:`~thesis.errors.DataError` when the range leaves what the calendar covers.
    """
    s, e = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    first, last = _bounds()
    if e > last or s < first:
        raise DataError(
            f"dates {s.date()}..{e.date()} fall outside the XNYS calendar ({first.date()}..{last.date()})",
            where="exchange_calendars XNYS",
            fix="choose a horizon within the calendar, or upgrade exchange_calendars for later years",
        )
    if e < s:
        return pd.DatetimeIndex([], name="session")
    sessions = xnys().sessions_in_range(s, e)
    idx = pd.DatetimeIndex(sessions).tz_localize(None)
    if not include_start:
        idx = idx[idx > s]
    return idx.rename("session")


def is_session(day: DateLike) -> bool:
    return bool(xnys().is_session(pd.Timestamp(day).normalize()))


def next_session(day: DateLike) -> pd.Timestamp:
    """The first session strictly after ``day``."""
    d = pd.Timestamp(day).normalize()
    return pd.Timestamp(
        xnys().date_to_session(d + dt.timedelta(days=1), direction="next")
    ).tz_localize(None)


def fomc_dates(
    store: Store, start: DateLike | None = None, end: DateLike | None = None
) -> pd.DatetimeIndex:
    """FOMC decision dates (scheduled and unscheduled) from the store's ``fomc_meeting`` events."""
    ev = store.events("fomc_meeting", start=start, end=end)
    return pd.DatetimeIndex(ev["date"]).unique().rename("fomc")
