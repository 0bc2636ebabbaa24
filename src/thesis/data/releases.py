"""When data become public: publication lags, so that point-in-time reads see only published figures.

``Store.get(as_of=...)`` returns observations *dated* on or before ``as_of``. For a monthly
average, a macro release or an earnings figure that is not enough: October's CPI is dated
2025-10-01 but was published in mid-November. Each series' catalog entry carries the lag of the
release it comes from (``SeriesInfo.release_lag_days``, set by the provider from
:data:`PUBLICATION_LAG_DAYS`); a row may also carry its own release date (a filing date).
:meth:`thesis.data.store.Store.view` applies both; :func:`known_on` is the same rule for a series
already in memory.
"""

from __future__ import annotations

import pandas as pd

from thesis._types import DateLike

__all__ = ["PUBLICATION_LAG_DAYS", "known_on", "period_end"]

#: Days after the END of an observation's period before a release is public (typical schedules;
#: conservative where they vary). Providers copy these into the catalog entries of the series
#: that come from each release; a user's own import may state another lag.
PUBLICATION_LAG_DAYS: dict[str, int] = {
    "bls_cpi": 15,  # BLS CPI: about two weeks after the month
    "bea_pce": 31,  # BEA personal income and outlays: end of the following month
    "bls_employment": 7,  # BLS employment situation: first Friday of the following month
    "fed_g17": 17,  # Fed G.17 industrial production
    "fed_h6": 25,  # Fed H.6 money stock
    "bea_gdp": 30,  # BEA GDP advance estimate: about a month after the quarter
    "sp_earnings": 90,  # S&P 500 earnings reach Shiller's data about a quarter later
    "nber": 365,  # NBER dates recessions months to more than a year after the fact
}


def period_end(index: pd.DatetimeIndex, frequency: str) -> pd.DatetimeIndex:
    """The last day each observation describes (its date for daily data and events)."""
    if frequency == "monthly":
        return index + pd.offsets.MonthEnd(0)
    if frequency == "quarterly":
        return index + pd.offsets.QuarterEnd(0)
    if frequency == "annual":
        return index + pd.offsets.YearEnd(0)
    if frequency == "weekly":
        return index + pd.Timedelta(days=6)
    return index


def known_on(s: pd.Series, frequency: str, lag_days: int, as_of: DateLike) -> pd.Series:
    """The observations of ``s`` that were public on ``as_of``.

    A monthly (quarterly, annual) value describes its whole period, so it is known only once the
    period has ended, plus the release lag in days. Daily series are known on their date (plus any
    lag). Keeps ``s.attrs``.
    """
    index = pd.DatetimeIndex(s.index)
    keep = period_end(index, frequency) + pd.Timedelta(days=int(lag_days)) <= pd.Timestamp(as_of)
    out = s[keep]
    out.attrs = dict(s.attrs)
    return out
