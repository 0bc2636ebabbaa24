"""Release lags: a point-in-time read sees only what was public on as_of."""

from __future__ import annotations

import pandas as pd

from thesis.data.releases import RELEASE_LAG_DAYS, known_on, period_end


def _monthly(start: str, n: int) -> pd.Series:
    s = pd.Series(range(n), index=pd.date_range(start, periods=n, freq="MS"), dtype=float)
    s.attrs["source"] = "lineage"
    return s


def test_monthly_values_wait_for_month_end_plus_the_release_lag() -> None:
    cpi = _monthly("2025-08-01", 3)  # August, September, October
    lag = RELEASE_LAG_DAYS["cpi_u"]
    # October ends on the 31st; with the lag it is public on 15 November, not before
    assert list(known_on(cpi, "cpi_u", "monthly", pd.Timestamp("2025-11-14")).index.month) == [8, 9]
    assert list(known_on(cpi, "cpi_u", "monthly", pd.Timestamp("2025-11-15")).index.month) == [
        8,
        9,
        10,
    ]
    assert pd.Timestamp("2025-10-31") + pd.Timedelta(days=lag) == pd.Timestamp("2025-11-15")


def test_a_series_without_a_lag_needs_only_a_complete_month_and_daily_data_its_date() -> None:
    avg = _monthly("2025-10-01", 2)  # an average of October and of November
    got = known_on(avg, "sp500_monthly", "monthly", pd.Timestamp("2025-11-26"))
    assert list(got.index.month) == [10]  # November is not over on the 26th
    daily = pd.Series([1.0, 2.0], index=pd.to_datetime(["2025-11-25", "2025-11-26"]))
    assert len(known_on(daily, "sp500", "daily", pd.Timestamp("2025-11-26"))) == 2
    assert got.attrs["source"] == "lineage"


def test_period_ends() -> None:
    idx = pd.DatetimeIndex(["2025-01-01", "2025-04-01"])
    assert list(period_end(idx, "quarterly").strftime("%Y-%m-%d")) == ["2025-03-31", "2025-06-30"]
    assert list(period_end(idx, "annual").strftime("%Y-%m-%d")) == ["2025-12-31", "2025-12-31"]
    assert (period_end(idx, "daily") == idx).all()
