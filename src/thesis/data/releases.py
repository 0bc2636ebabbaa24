"""When data become public: release lags, so that point-in-time reads see only published figures.

``Store.get(as_of=...)`` returns observations *dated* on or before ``as_of``. For a monthly
average, a macro release or an earnings figure that is not enough: October's CPI is dated
2025-10-01 but was published in mid-November. :func:`known_on` trims a series to what was public on
``as_of``; the pipeline applies it to every input it reads.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["RELEASE_LAG_DAYS", "known_on", "period_end"]
#: Days after the END of an observation's period before the figure is public, for series whose
#: value is published with a delay (typical release schedules; conservative where they vary).
#: An observation counts as known on ``as_of`` only when ``period end + lag <= as_of``, so that a
#: point-in-time analysis never uses, say, October's CPI on 20 October.
RELEASE_LAG_DAYS: dict[str, int] = {
    # BLS CPI: about two weeks after the month
    "cpi_u": 15,
    "cpi_u_sa": 15,
    "core_cpi": 15,
    "shiller_cpi": 15,
    "cpi_u_mom": 15,
    # BEA PCE prices: end of the following month
    "core_pce": 31,
    # BLS employment situation: first Friday of the following month
    "unrate": 7,
    "payems": 7,
    # Fed G.17 industrial production and H.6 money stock
    "indpro": 17,
    "m2": 25,
    # BEA GDP advance estimate: about a month after the quarter
    "gdp": 30,
    "gdp_real": 30,
    # S&P 500 earnings reach Shiller's data after the quarter's reports (about a quarter later)
    "sp500_eps": 90,
    "sp500_dividend": 90,
    "sp500_real_earnings": 90,
    "sp500_real_dividend": 90,
    # NBER dates recessions long after the fact (months to more than a year)
    "usrec": 365,
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


def known_on(s: pd.Series, series_id: str, frequency: str, as_of: pd.Timestamp) -> pd.Series:
    """The observations of ``s`` that were public on ``as_of``.

    A monthly (quarterly, annual) value describes its whole period, so it is known only once the
    period has ended, plus the series' release lag (:data:`RELEASE_LAG_DAYS`). Daily series are
    known on their date. Keeps ``s.attrs``.
    """
    lag = pd.Timedelta(days=RELEASE_LAG_DAYS.get(series_id, 0))
    keep = period_end(s.index, frequency) + lag <= pd.Timestamp(as_of)
    out = s[keep]
    out.attrs = dict(s.attrs)
    return out
