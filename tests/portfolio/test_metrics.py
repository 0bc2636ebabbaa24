"""Metrics agree with empyrical-reloaded on real returns; drawdown dates on a hand-made path."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from thesis.portfolio import metrics as M

empyrical = pytest.importorskip("empyrical")


@pytest.fixture(scope="module")
def rets(sp500_prices: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    px = sp500_prices.loc["2015":"2022", ["AAPL", "JNJ", "XOM"]]
    r = px.pct_change().dropna()
    port = r.mean(axis=1).rename("p")
    bench = r["XOM"].rename("b")
    return port, bench


def test_against_empyrical(rets: tuple[pd.Series, pd.Series]) -> None:
    r, b = rets
    tol = {"rel": 1e-10}
    assert M.cagr(r) == pytest.approx(empyrical.annual_return(r), **tol)
    assert M.annual_volatility(r) == pytest.approx(empyrical.annual_volatility(r), **tol)
    assert M.sharpe(r) == pytest.approx(empyrical.sharpe_ratio(r), **tol)
    assert M.sharpe(r, 0.0001) == pytest.approx(empyrical.sharpe_ratio(r, risk_free=0.0001), **tol)
    assert M.sortino(r) == pytest.approx(empyrical.sortino_ratio(r), **tol)
    assert M.max_drawdown(r)[0] == pytest.approx(empyrical.max_drawdown(r), **tol)
    assert M.calmar(r) == pytest.approx(empyrical.calmar_ratio(r), **tol)
    assert M.beta(r, b) == pytest.approx(empyrical.beta(r, b), **tol)
    assert M.worst_month(r)[0] == pytest.approx(
        empyrical.aggregate_returns(r, "monthly").min(), **tol
    )
    # tracking error via empyrical's (non-annualised) excess Sharpe: mean(a) / std(a)
    active = r - b
    te = active.mean() / empyrical.excess_sharpe(r, b) * np.sqrt(252)
    assert M.tracking_error(r, b) == pytest.approx(te, **tol)
    assert M.correlation(r, b) == pytest.approx(np.corrcoef(r, b)[0, 1], **tol)
    assert M.hit_rate(r) == pytest.approx((r > 0).sum() / len(r), **tol)


def test_drawdown_dates_hand_made() -> None:
    idx = pd.bdate_range("2024-01-01", periods=6)
    # equity 1 → 1.1 → 1.21 → 0.968 → 0.8712 → 1.3
    r = pd.Series([0.1, 0.1, -0.2, -0.1, 1.3 / 0.8712 - 1, 0.0], index=idx)
    mdd, peak, trough = M.max_drawdown(r)
    assert mdd == pytest.approx(0.8712 / 1.21 - 1, rel=1e-12)
    assert peak == idx[1] and trough == idx[3]


def test_performance_turnover_skips_initial_buy() -> None:
    idx = pd.bdate_range("2024-01-01", periods=504)
    r = pd.Series(0.0, index=idx)
    to = pd.Series(0.0, index=idx)
    to.iloc[[0, 100, 300]] = [0.5, 0.1, 0.3]
    perf = M.performance(r, turnover=to)
    assert perf.turnover_ann == pytest.approx(0.4 / 2.0)
