"""Spec validation (messages name the key and the fix) and allocation rules."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from thesis.errors import SpecError
from thesis.portfolio.allocation import build_schedule, clip_to_bounds, rebalance_dates, weigh
from thesis.portfolio.spec import PortfolioSpec, parse_portfolio


def _table(**over: object) -> dict:
    t = {
        "sleeves": {
            "large": {"instruments": ["spy_tr"], "budget": 0.6},
            "defensive": {"instruments": ["tlt_tr", "gld_tr"], "budget": 0.4},
        }
    }
    t.update(over)
    return t


def test_budgets_not_summing_say_by_how_much() -> None:
    t = _table()
    t["sleeves"]["defensive"]["budget"] = 0.3
    with pytest.raises(SpecError, match=r"sum to 0\.9, 0\.1 short of 1") as e:
        parse_portfolio(t)
    assert "sleeves.*.budget" in str(e.value) and "Fix:" in str(e.value)


def test_fixed_weights_not_summing() -> None:
    t = _table()
    t["sleeves"]["defensive"].update(method="fixed", weights={"tlt_tr": 0.7, "gld_tr": 0.5})
    with pytest.raises(
        SpecError, match=r"portfolio\.sleeves\.defensive: weights sum to 1\.2, 0\.2 over 1"
    ):
        parse_portfolio(t)


def test_negative_budget_names_the_key() -> None:
    t = _table()
    t["sleeves"]["defensive"]["budget"] = -0.4
    with pytest.raises(
        SpecError, match=r"portfolio\.sleeves\.defensive\.budget: budget -0\.4 is negative"
    ):
        parse_portfolio(t)


def test_unknown_key_is_rejected() -> None:
    with pytest.raises(SpecError, match=r"portfolio\.rebalence: unknown key"):
        parse_portfolio(_table(rebalence={"frequency": "monthly"}))


def test_model_validate_is_the_contract() -> None:
    spec = PortfolioSpec.model_validate(_table(across="inverse_vol"))
    assert spec.instruments == ["spy_tr", "tlt_tr", "gld_tr"] and spec.needs_estimation
    assert {s.name for s in spec.stress.all()} >= {
        "covid",
        "ai_capex_disappointment",
        "flight_to_safety",
    }


def test_rebalance_dates_first_session_of_month_and_quarter() -> None:
    idx = pd.bdate_range("2024-01-03", "2024-07-05")
    m = rebalance_dates(idx, "monthly")
    assert list(m.strftime("%m-%d")) == [
        "01-03",
        "02-01",
        "03-01",
        "04-01",
        "05-01",
        "06-03",
        "07-01",
    ]
    assert list(rebalance_dates(idx, "quarterly").strftime("%m-%d")) == ["01-03", "04-01", "07-01"]


def test_inverse_vol_closed_form() -> None:
    rng = np.random.default_rng(0)
    x = pd.DataFrame(rng.normal(0, [0.01, 0.02, 0.04], (500, 3)))
    w, note = weigh(x, "inverse_vol")
    inv = 1 / x.std(ddof=1).to_numpy()
    np.testing.assert_allclose(w, inv / inv.sum(), rtol=1e-12)
    assert note is None


def test_clip_to_bounds() -> None:
    w = clip_to_bounds(np.array([0.7, 0.2, 0.1]), 0.0, 0.5)
    np.testing.assert_allclose(w, [0.5, 0.5 * 2 / 3, 0.5 / 3])


def test_erc_equalises_risk_contributions(sp500_prices: pd.DataFrame) -> None:
    x = sp500_prices.loc["2021", ["KO", "AMD", "XOM", "PG"]].pct_change().dropna()
    w, note = weigh(x, "erc")
    cov = np.cov(x.to_numpy(), rowvar=False)
    rc = w * (cov @ w)
    assert note is None
    np.testing.assert_allclose(rc / rc.sum(), 0.25, atol=1e-4)


def test_max_sharpe_all_negative_explains_and_falls_back(sp500_prices: pd.DataFrame) -> None:
    # 2022 was a falling year for these three: every mean daily return is below zero
    x = sp500_prices.loc["2022", ["AMD", "HD", "MSFT"]].pct_change().dropna()
    assert (x.mean() < 0).all()
    w, note = weigh(x, "max_sharpe")
    assert (
        note is not None and "no portfolio has a positive Sharpe" in note and "min_variance" in note
    )
    assert w.sum() == pytest.approx(1.0) and (w >= -1e-9).all()


def test_optimiser_failure_falls_back_and_says_so(sp500_prices: pd.DataFrame) -> None:
    x = sp500_prices.loc["2021", ["KO", "AMD", "XOM", "PG"]].pct_change().dropna()
    w, note = weigh(x, "min_variance", solver_params={"max_iter": 1})
    assert note is not None and "min_variance failed" in note and "fell back to inverse_vol" in note
    inv = 1 / x.std(ddof=1).to_numpy()
    np.testing.assert_allclose(w, inv / inv.sum(), rtol=1e-12)


def test_schedule_is_look_ahead_free_and_enters_late_starters(sp500_prices: pd.DataFrame) -> None:
    px = sp500_prices.loc["2018":"2020", ["KO", "PG", "XOM"]].copy()
    px.loc[:"2019-06-30", "XOM"] = np.nan  # XOM "starts" in July 2019
    spec = parse_portfolio(
        {
            "sleeves": {
                "a": {"instruments": ["KO", "PG"], "budget": 0.5, "method": "inverse_vol"},
                "b": {"instruments": ["XOM"], "budget": 0.5},
            },
            "estimation": {"sessions": 60},
        }
    )
    sessions = px.loc["2019-01-01":].index
    sch = build_schedule(px, spec, sessions)
    first_x = sch.targets.index[sch.targets["XOM"] > 0][0]
    # 60 returns need 61 prices: XOM's first price is 2019-07-01
    assert first_x == pd.Timestamp("2019-10-01")
    assert any("XOM entered on 2019-10-01" in n for n in sch.notes)
    assert any("sleeve 'b' had no entered instrument" in n for n in sch.notes)
    before = sch.targets.loc[:"2019-09-30"]
    np.testing.assert_allclose(before[["KO", "PG"]].sum(axis=1), 1.0)
    # the weights on a date equal inverse vol on the 60 returns ending the session before
    d = pd.Timestamp("2020-03-02")
    p = px.index.get_loc(d)
    win = px[["KO", "PG"]].pct_change().iloc[p - 60 : p]
    inv = 1 / win.std(ddof=1).to_numpy()
    np.testing.assert_allclose(sch.targets.loc[d, ["KO", "PG"]], 0.5 * inv / inv.sum(), rtol=1e-12)
