"""Per-stock features: the vectorised path against plain pandas, and hand-worked values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thesis.screen.features import (
    NUMERIC_FEATURES,
    compute_features,
    features_reference,
    stale_sessions,
)


def sessions(start: str, end: str) -> pd.DatetimeIndex:
    from thesis.data.calendars import sessions_between

    return sessions_between(start, end, include_start=True)


def _universe(
    seed: int, n: int = 8, gaps: bool = True
) -> tuple[pd.DataFrame, pd.Series, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    days = sessions("2021-01-04", "2025-11-26")
    ri = rng.normal(0.0003, 0.01, len(days))
    idx = pd.Series(4000 * np.exp(np.cumsum(ri)), index=days)
    cols = {}
    for j in range(n):
        r = 1.1 * ri + rng.normal(0, 0.015, len(days))
        s = pd.Series(30 * np.exp(np.cumsum(r)), index=days)
        # different starts and ends, and holes (sparse trading)
        lo, hi = rng.integers(0, 300), rng.integers(len(days) - 400, len(days) + 1)
        s.iloc[:lo] = np.nan
        s.iloc[hi:] = np.nan
        if gaps:
            s[rng.random(len(days)) < 0.05] = np.nan
        cols[f"S{j}"] = s
    prices = pd.DataFrame(cols)
    dv = prices * rng.integers(1_000, 5_000, prices.shape)
    dv.iloc[-200:, :2] = np.nan  # volumes that end before the prices
    return prices, idx, dv


@pytest.mark.parametrize("as_of", ["2025-11-26", "2024-06-28", "2022-03-01"])
def test_vectorised_agrees_with_pandas(as_of: str) -> None:
    prices, idx, dv = _universe(1)
    basket = ["S0", "S1", "S2"]
    f = compute_features(prices, idx, as_of, basket=basket, dollar_volume=dv)
    r = features_reference(prices, idx, as_of, basket=basket, dollar_volume=dv)
    cols = list(r.columns)
    assert (f[cols].isna() == r[cols].isna()).all().all()
    np.testing.assert_allclose(f[cols].to_numpy(float), r[cols].to_numpy(float), rtol=1e-10,
                               atol=1e-10, equal_nan=True)  # fmt: skip


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(1, 6))
def test_vectorised_agrees_on_random_universes(seed: int, n: int) -> None:
    prices, idx, dv = _universe(seed, n)
    f = compute_features(prices, idx, "2025-06-30", basket=["S0"], dollar_volume=dv)
    r = features_reference(prices, idx, "2025-06-30", basket=["S0"], dollar_volume=dv)
    np.testing.assert_allclose(f[r.columns].to_numpy(float), r.to_numpy(float), rtol=1e-9,
                               atol=1e-9, equal_nan=True)  # fmt: skip
    # correlations are correlations, drawdowns are falls
    c = f["corr_index"].dropna()
    assert ((c >= -1 - 1e-12) & (c <= 1 + 1e-12)).all()
    assert (f["max_dd"].dropna() <= 0).all()


def test_hand_worked_momentum_beta_and_drawdown() -> None:
    days = sessions("2024-01-02", "2025-01-31")
    n = len(days)
    ri = np.where(np.arange(n) % 2 == 0, 0.01, -0.008)  # an index that zig-zags
    idx = pd.Series(100 * np.exp(np.cumsum(ri)), index=days)
    # a stock with exactly twice the index's log returns: beta 2, correlation 1
    twice = pd.Series(10 * np.exp(np.cumsum(2 * ri)), index=days)
    # a stock that rises to 120, falls to 90, ends at 100: drawdown -25 %
    path = np.concatenate([np.linspace(100, 120, n // 3), np.linspace(120, 90, n // 3)])
    path = np.concatenate([path, np.linspace(90, 100, n - len(path))])
    dd = pd.Series(path, index=days)
    f = compute_features(pd.DataFrame({"TW": twice, "DD": dd}), idx, "2025-01-31")
    assert f.loc["TW", "beta"] == pytest.approx(2.0)
    assert f.loc["TW", "corr_index"] == pytest.approx(1.0)
    # 6-month change: last close against the last close on or before 2024-07-31
    back = twice.loc[:"2024-07-31"].iloc[-1]
    assert f.loc["TW", "mom_6m"] == pytest.approx((twice.iloc[-1] / back - 1) * 100)
    i_back = idx.loc[:"2024-07-31"].iloc[-1]
    assert f.loc["TW", "index.mom_6m"] == pytest.approx((idx.iloc[-1] / i_back - 1) * 100)
    w = dd.loc[dd.index > pd.Timestamp("2024-01-31")]
    assert f.loc["DD", "max_dd"] == pytest.approx((90 / w.loc[: w.idxmax()].max() - 1) * 100)
    # the volatility of ±1 %/-0.8 % alternating returns, annualised
    r = np.log(idx).diff().loc["2024-02-01":]
    assert f.loc["TW", "index.vol"] == pytest.approx(r.std() * np.sqrt(252) * 100)


def test_basket_member_is_compared_without_itself() -> None:
    days = sessions("2024-01-02", "2025-01-31")
    rng = np.random.default_rng(3)
    a = rng.normal(0, 0.01, len(days))
    b = rng.normal(0, 0.01, len(days))
    px = pd.DataFrame(
        {
            "A": 10 * np.exp(np.cumsum(a)),
            "B": 10 * np.exp(np.cumsum(b)),
            "C": 10 * np.exp(np.cumsum(a)),
        },
        index=days,
    )
    idx = pd.Series(100 * np.exp(np.cumsum(rng.normal(0, 0.01, len(days)))), index=days)
    f = compute_features(px, idx, "2025-01-31", basket=["A", "B"])
    # A's basket is B alone (independent); C's basket is A and B, and C moves with A
    assert abs(f.loc["A", "corr_theme"]) < 0.2
    assert f.loc["C", "corr_theme"] == pytest.approx(
        np.corrcoef(a[1:][-250:], ((a + b) / 2)[1:][-250:])[0, 1], abs=0.05
    )


def test_stale_and_missing_tickers() -> None:
    days = sessions("2023-01-03", "2025-11-26")
    idx = pd.Series(np.linspace(100, 130, len(days)), index=days)
    s = pd.Series(np.linspace(10, 20, len(days)), index=days)
    old = s.loc[:"2025-04-04"]
    px = pd.DataFrame({"NOW": s, "OLD": old, "NONE": np.nan})
    f = compute_features(px, idx, "2025-11-26", stale_limit=5)
    assert f.loc["NOW", "stale_sessions"] == 0 and not f.loc["NOW", "stale"]
    assert f.loc["OLD", "last_date"] == pd.Timestamp("2025-04-04")
    assert f.loc["OLD", "stale"] and f.loc["OLD", "stale_sessions"] == 163
    assert (
        not f.loc["NONE", "has_prices"]
        and f.loc["NONE", NUMERIC_FEATURES[0]] != f.loc["NONE", NUMERIC_FEATURES[0]]
    )  # NaN
    # OLD's momentum ends at its own last close and the index is measured over the same window
    back = idx.loc[:"2024-10-04"].iloc[-1]
    assert f.loc["OLD", "index.mom_6m"] == pytest.approx((idx.loc["2025-04-04"] / back - 1) * 100)


def test_stale_sessions_counts_xnys_sessions() -> None:
    # Thanksgiving 2025-11-27 is not a session; 2025-11-28 is
    out = stale_sessions(pd.DatetimeIndex(["2025-11-26", "2025-11-25", "2025-11-21"]), "2025-11-28")
    assert list(out) == [1, 2, 4]
