"""VIX-implied risk-neutral odds: the closed forms against a Monte Carlo reference, the term
structure of volatility, the AR(1) fit, no lookahead, bad input and the seed date."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from thesis import ids
from thesis.analysis.implied import (
    implied_probabilities,
    term_volatility,
    vix_dynamics,
)
from thesis.errors import AnalysisError, InsufficientDataError


def _inputs(n=1500, seed=3, end="2025-06-30"):
    g = np.random.default_rng(seed)
    days = pd.bdate_range(end=end, periods=n)
    px = pd.Series(4000 * np.exp(np.cumsum(g.normal(0.0003, 0.01, n))), index=days, name="spx")
    # an AR(1) variance around 0.04 (VIX 20) with b = 0.98
    v = np.empty(n)
    v[0] = 0.04
    for t in range(1, n):
        v[t] = 0.04 * 0.02 + 0.98 * v[t - 1] + g.normal(0, 0.002)
    vix = pd.Series(100 * np.sqrt(np.clip(v, 1e-4, None)), index=days, name="vxspx")
    return px, vix


def test_closed_forms_match_a_monte_carlo_reference():
    px, vix = _inputs()
    s0 = float(px.iloc[-1])
    levels = [s0 * 1.08, s0 * 0.9]
    r = implied_probabilities(
        px, vix, subject="spx", as_of=px.index[-1], horizon="2026-06-30",
        thresholds=levels, rate=4.0, dividend_yield_pct=1.5,
    )  # fmt: skip
    # the law the closed forms describe, simulated at daily closes with plain numpy
    n = r.horizon_sessions
    total_var = (r.term_vol_pct / 100) ** 2 * r.horizon_years
    mu = ((4.0 - 1.5) / 100 * r.horizon_years - total_var / 2) / n
    sd = math.sqrt(total_var / n)
    g = np.random.default_rng(11)
    paths = 40_000
    x = np.zeros(paths)
    hi = np.full(paths, -np.inf)
    lo = np.full(paths, np.inf)
    for _ in range(n):
        x += mu + sd * g.standard_normal(paths)
        np.maximum(hi, x, out=hi)
        np.minimum(lo, x, out=lo)
    by_level = {x_.level: x_ for x_ in r.levels}
    for L in levels:
        b = math.log(L / s0)
        mc_touch = float(np.mean(hi >= b) if b > 0 else np.mean(lo <= b))
        mc_above = float(np.mean(x >= b))
        se = math.sqrt(0.25 / paths)
        got = by_level[L]
        assert got.p_close_above == pytest.approx(mc_above, abs=4 * se)
        assert got.p_close_below == pytest.approx(1 - mc_above, abs=4 * se)
        # the daily-close correction is an approximation of order 1e-3
        assert got.p_touch == pytest.approx(mc_touch, abs=4 * se + 0.004)
    # quantiles of the lognormal law
    med = s0 * math.exp(mu * n)
    assert r.quantiles[0.5] == pytest.approx(med)
    assert np.quantile(s0 * np.exp(x), 0.05) == pytest.approx(r.quantiles[0.05], rel=0.01)


def test_term_structure_of_volatility():
    theta, kappa = 0.04, 6.0
    v30 = 0.09  # VIX 30 against a long-run 20
    assert term_volatility(v30, theta, kappa, 30 / 365) == pytest.approx(v30)
    assert term_volatility(v30, theta, kappa, 50.0) == pytest.approx(theta, rel=0.01)
    mids = [term_volatility(v30, theta, kappa, t) for t in (0.25, 0.5, 1.0, 2.0)]
    assert mids == sorted(mids, reverse=True)
    # without mean reversion the term variance is the 30-day one
    assert term_volatility(v30, theta, 1e-9, 2.0) == pytest.approx(v30)
    # by hand: v0 from the 30-day average, then the one-year average
    a30 = (1 - math.exp(-kappa * 30 / 365)) / (kappa * 30 / 365)
    v0 = theta + (v30 - theta) / a30
    a1 = (1 - math.exp(-kappa)) / kappa
    assert term_volatility(v30, theta, kappa, 1.0) == pytest.approx(theta + (v0 - theta) * a1)


def test_ar1_fit_recovers_known_parameters():
    g = np.random.default_rng(5)
    n, b, theta = 20_000, 0.97, 0.04
    v = np.empty(n)
    v[0] = theta
    for t in range(1, n):
        v[t] = theta * (1 - b) + b * v[t - 1] + g.normal(0, 0.001)
    th, kappa = vix_dynamics(100 * np.sqrt(v))
    assert th == pytest.approx(theta, rel=0.05)
    assert kappa == pytest.approx(-252 * math.log(b), rel=0.15)
    assert vix_dynamics(np.full(300, 20.0)) == pytest.approx((0.04, -252 * math.log(0.9999)))


def test_facts_say_risk_neutral_and_no_lookahead():
    px, vix = _inputs()
    as_of = px.index[-200]
    kw = dict(subject="spx", as_of=as_of, horizon=as_of + pd.Timedelta(days=365),
              thresholds=[float(px.iloc[-200]) * 1.1])  # fmt: skip
    a = implied_probabilities(px, vix, **kw)
    b = implied_probabilities(px, vix.where(vix.index <= as_of, 80.0), **kw)
    pd.testing.assert_frame_equal(a.to_frame(), b.to_frame())
    facts = {f.id: f for f in a.facts()}
    L = float(px.iloc[-200]) * 1.1
    assert facts[ids.p_event("spx", "touch", L, "implied")].value == a.levels[0].p_touch
    assert all("risk-neutral" in f.method for f in facts.values() if f.id.startswith("spx.p_"))
    assert facts["spx.implied.mu_ann_pct"].value == 0.0  # no rate given: zero, said so
    assert any("zero" in n for n in a.notes)
    assert facts["spx.implied.vol_index_level"].unit == "points"
    assert facts["spx.horizon_q50.implied"].unit == "points"


def test_bad_input():
    px, vix = _inputs()
    with pytest.raises(InsufficientDataError, match="at least 252"):
        implied_probabilities(px, vix.iloc[:100], subject="spx", as_of=vix.index[99],
                              horizon="2026-01-01")  # fmt: skip
    with pytest.raises(AnalysisError, match="not after as_of"):
        implied_probabilities(px, vix, subject="spx", as_of=px.index[-1], horizon="2020-01-01")
    with pytest.raises(AnalysisError) as e:
        implied_probabilities(px, vix, subject="spx", as_of=px.index[-1], horizon="2026-06-30",
                              targets=[-1])  # fmt: skip
    assert e.value.where == "targets"


def test_seed_date_on_shared_data(shared_data):
    sp = pd.read_csv(shared_data / "sp500_daily_fred.csv", parse_dates=["date"])
    vx = pd.read_csv(shared_data / "vix_daily.csv", parse_dates=["date"])
    r = implied_probabilities(
        sp.set_index("date")["close"].rename("sp500"), vx.set_index("date")["close"].rename("vix"),
        subject="sp500", as_of="2025-11-26", horizon="2026-12-31", thresholds=[6900, 5500],
        targets=[7269, 8000],
    )  # fmt: skip
    assert r.level == pytest.approx(6812.61) and r.vix_date == pd.Timestamp("2025-11-26")
    assert 10 < r.long_run_vol_pct < 30 and 0 < r.half_life_months < 12
    t = r.to_frame()
    up = t[t["direction"] == "up"]
    assert (np.diff(up["p_touch"]) < 0).all() and (np.diff(up["p_close_above"]) < 0).all()
    assert (t["p_touch"] >= t[["p_close_above", "p_close_below"]].min(axis=1)).all()
    assert t.loc[5500, "direction"] == "down"
    assert t.loc[5500, "p_touch"] >= t.loc[5500, "p_close_below"]
