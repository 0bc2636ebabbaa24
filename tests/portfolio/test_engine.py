"""The engine: fast kernel vs plain reference, exact costs vs hand-worked examples, agreement with bt."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from thesis.errors import PortfolioError
from thesis.portfolio.engine import post_cost_value, run_backtest, simulate, simulate_reference


def test_cost_hand_worked_rebalance() -> None:
    # V = 100 in (60, 40) → 50/50 at 1 %: sells 60 − 0.5V', buys 0.5V' − 40, so traded = 20 exactly
    # and V' = 100 − 0.01 · 20 = 99.8 (check: 0.5 · 99.8 = 49.9; |49.9 − 60| + |49.9 − 40| = 20)
    assert post_cost_value(
        100.0, np.array([60.0, 40.0]), np.array([0.5, 0.5]), 0.01
    ) == pytest.approx(99.8, abs=1e-12)


def test_cost_hand_worked_from_cash() -> None:
    # all cash, buy 60 % + 30 % (10 % cash): V' = 100 − c · 0.9 V'  ⇒  V' = 100 / (1 + 0.9 c)
    c = 0.001
    got = post_cost_value(100.0, np.zeros(2), np.array([0.6, 0.3]), c)
    assert got == pytest.approx(100.0 / (1.0 + 0.9 * c), rel=1e-15)


def test_cost_full_liquidation_to_other_asset() -> None:
    # (100, 0) → (0, 1): sell 100, buy V'; V' = 100 − c(100 + V') ⇒ V' = 100(1 − c)/(1 + c)
    c = 0.002
    got = post_cost_value(100.0, np.array([100.0, 0.0]), np.array([0.0, 1.0]), c)
    assert got == pytest.approx(100.0 * (1 - c) / (1 + c), rel=1e-15)


@pytest.mark.parametrize("band", [0.0, 0.03])
@pytest.mark.parametrize("c", [0.0, 0.0005, 0.02])
def test_kernel_matches_reference(band: float, c: float) -> None:
    rng = np.random.default_rng(7)
    t_n, n = 700, 9
    p = 40 * np.exp(np.cumsum(rng.normal(0, 0.012, (t_n, n)), axis=0))
    p[:150, 4] = np.nan  # late starter
    p[300:310, 2] = np.nan  # a gap
    p[rng.random((t_n, n)) < 0.03] = np.nan  # holidays in one market
    rows = np.arange(0, t_n, 21)
    tg = rng.random((len(rows), n))
    tg[rows < 150, 4] = 0.0
    tg = tg / tg.sum(axis=1, keepdims=True) * 0.97
    fast = simulate(p, tg, rows, c, band)
    ref = simulate_reference(p, tg, rows, c, band)
    np.testing.assert_allclose(fast.equity, ref.equity, rtol=1e-12)
    np.testing.assert_allclose(fast.weights, ref.weights, atol=1e-12)
    np.testing.assert_allclose(fast.costs, ref.costs, atol=1e-12)
    np.testing.assert_array_equal(fast.trade_rows, ref.trade_rows)
    np.testing.assert_allclose(fast.trades, ref.trades, atol=1e-12)


def test_costs_satisfy_the_convention() -> None:
    rng = np.random.default_rng(1)
    p = 10 * np.exp(np.cumsum(rng.normal(0, 0.01, (300, 4)), axis=0))
    rows = np.array([0, 60, 120, 180, 240])
    tg = rng.dirichlet(np.ones(4), size=len(rows))
    c = 0.003
    out = simulate(p, tg, rows, c)
    for m, t in enumerate(out.trade_rows):
        vp = out.equity[t]
        v = vp + out.costs[t]
        # traded value = |w V' − h|, so cost = c Σ|trade| exactly
        assert out.costs[t] == pytest.approx(c * np.abs(out.trades[m]).sum(), rel=1e-12)
        assert vp == pytest.approx(v - c * np.abs(out.trades[m]).sum(), rel=1e-14)
        np.testing.assert_allclose(out.weights[t], tg[m], atol=1e-14)


def test_gap_carries_last_price_and_cash_earns_nothing() -> None:
    idx = pd.bdate_range("2024-01-01", periods=5)
    px = pd.DataFrame({"a": [100.0, 110.0, np.nan, 121.0, 121.0]}, index=idx)
    res = run_backtest(px, pd.DataFrame({"a": [0.5]}, index=idx[:1]))
    # half in a (+10 %, flat over the gap, +10 %), half cash at 0
    np.testing.assert_allclose(res.equity.to_numpy(), [1.0, 1.05, 1.05, 1.105, 1.105], rtol=1e-15)


def test_no_costs_agrees_with_bt(sp500_prices: pd.DataFrame) -> None:
    bt = pytest.importorskip("bt")
    px = sp500_prices.iloc[-900:, :8]
    per = px.index.to_period("M")
    dates = px.index[np.r_[True, per[1:] != per[:-1]]]
    rng = np.random.default_rng(3)
    w = pd.DataFrame(
        rng.dirichlet(np.ones(8), size=len(dates)) * 0.95, index=dates, columns=px.columns
    )
    strat = bt.Strategy(
        "s",
        [
            bt.algos.RunOnDate(*dates),
            bt.algos.SelectAll(),
            bt.algos.WeighTarget(w),
            bt.algos.Rebalance(),
        ],
    )
    ref = bt.run(
        bt.Backtest(strat, px, integer_positions=False, initial_capital=1.0, progress_bar=False)
    )
    theirs = ref.prices["s"].to_numpy()[1:] / 100.0  # bt prepends a day and starts at 100
    ours = run_backtest(px, w).equity.to_numpy()
    np.testing.assert_allclose(ours, theirs, rtol=1e-9)


def test_weight_before_first_price_is_an_error() -> None:
    idx = pd.bdate_range("2024-01-01", periods=4)
    px = pd.DataFrame({"a": [1.0, 1.0, 1.0, 1.0], "b": [np.nan, np.nan, 2.0, 2.0]}, index=idx)
    with pytest.raises(PortfolioError, match=r"'b'.*before its first price.*2024-01-03") as e:
        run_backtest(px, pd.DataFrame({"a": [0.5], "b": [0.5]}, index=idx[:1]))
    assert "zero weight" in str(e.value)


def test_leverage_is_rejected() -> None:
    idx = pd.bdate_range("2024-01-01", periods=3)
    px = pd.DataFrame({"a": [1.0, 1.0, 1.0]}, index=idx)
    with pytest.raises(PortfolioError, match="sum to at most 1"):
        run_backtest(px, pd.DataFrame({"a": [1.2]}, index=idx[:1]))
