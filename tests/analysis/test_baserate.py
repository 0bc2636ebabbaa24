"""Base rates: window moves against a plain loop, a series counted by hand, yields in pp, the
logistic base rate against statsmodels, no lookahead, bad input, and the seed date."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from thesis import ids
from thesis.analysis.baserate import LogisticBaseRate, base_rates, window_moves
from thesis.errors import AnalysisError, InsufficientDataError


def test_window_moves_match_a_plain_loop():
    g = np.random.default_rng(1)
    x = np.cumsum(g.normal(0, 1, 300))
    for h in (1, 5, 37):
        mx, mn, end = window_moves(x, h)
        assert len(mx) == 300 - h
        for s in (0, 17, 300 - h - 1):
            w = x[s + 1 : s + h + 1] - x[s]
            assert mx[s] == pytest.approx(w.max())
            assert mn[s] == pytest.approx(w.min())
            assert end[s] == pytest.approx(w[-1])


def _daily(values, end="2024-06-28", name="spx"):
    idx = pd.bdate_range(end=end, periods=len(values))
    return pd.Series(values, index=idx, name=name, dtype=float)


def test_counted_by_hand():
    # 8 closes; windows of 2 sessions starting at closes 0..5 (the last ends on as_of)
    s = _daily([100, 110, 99, 105, 120, 100, 98, 100])
    r = base_rates(
        s, subject="spx", as_of=s.index[-1], horizon=s.index[-1] + pd.Timedelta(days=30),
        horizon_steps=2, thresholds=[105, 95], min_windows=1, conditional=False,
    )  # fmt: skip
    # from S_0 = 100: 105 asks for ln(1.05) up, 95 for ln(0.95) down. Windows (start: next two):
    # 100: 110, 99   max +10.0%, end −1.0%   touch up yes; close ≥ no
    # 110: 99, 105   max  −4.5%, min −10.0%  touch down yes (−10 % ≤ −5.1 %)
    # 99: 105, 120   max +21.2%, end +21.2%  touch up yes; close ≥ yes
    # 105: 120, 100  max +14.3%, end −4.8%   touch up yes
    # 120: 100, 98   min −18.3%, end −18.3%  touch down yes; close ≤ yes
    # 100: 98, 100   max −2.0%,  end 0.0%    neither
    t = r.to_frame()
    assert r.n_windows == 6 and r.horizon_steps == 2
    assert t.loc[105, "p_touch"] == pytest.approx(3 / 6)
    assert t.loc[105, "p_close_above"] == pytest.approx(1 / 6)
    assert t.loc[95, "direction"] == "down"
    assert t.loc[95, "p_touch"] == pytest.approx(2 / 6)
    assert t.loc[95, "p_close_below"] == pytest.approx(1 / 6)
    assert t.loc[105, "move"] == pytest.approx(math.log(1.05))
    facts = {f.id: f for f in r.facts()}
    assert facts[ids.p_event("spx", "touch", 105, "baserate")].value == pytest.approx(0.5)
    assert facts["spx.baserate.windows"].value == 6
    assert facts["spx.baserate.independent_windows"].value == 3.0
    assert "non-overlapping" in facts[ids.p_event("spx", "touch", 105, "baserate")].method


def test_yields_move_in_percentage_points_and_drawdowns():
    y = _daily([4.0, 4.5, 3.9, 4.2, 5.1, 4.0, 3.8, 4.0], name="ust10y")
    r = base_rates(
        y, subject="ust10y", as_of=y.index[-1], horizon=y.index[-1] + pd.Timedelta(days=10),
        horizon_steps=2, thresholds=[4.5], subject_kind="yield", min_windows=1, conditional=False,
    )  # fmt: skip
    t = r.to_frame()
    assert t.loc[4.5, "move"] == pytest.approx(0.5)
    # windows (pp): 4.0→[4.5, 3.9] +0.5 yes; 4.5→ no; 3.9→[4.2, 5.1] +1.2 yes; 4.2→[5.1, 4.0] +0.9
    # yes; 5.1→ no; 4.0→[3.8, 4.0] no
    assert t.loc[4.5, "p_touch"] == pytest.approx(3 / 6)
    p = _daily([100, 95, 80, 100, 100, 91, 100, 100])
    r = base_rates(p, subject="spx", as_of=p.index[-1], horizon=p.index[-1] + pd.Timedelta(days=5),
                   horizon_steps=2, drawdowns_pct=[10], min_windows=1, conditional=False)  # fmt: skip
    # falls of 10 % or more within two sessions: from 100 (→80), from 95 (→80), from 100 (→91 is
    # −9 %: no): 2 of 6
    assert r.drawdowns[10.0][0] == pytest.approx(2 / 6)
    with pytest.raises(AnalysisError, match="drawdown"):
        base_rates(y, subject="ust10y", as_of=y.index[-1], horizon="2030-01-01", horizon_steps=2,
                   subject_kind="yield", drawdowns_pct=[10], min_windows=1)  # fmt: skip


def test_logistic_matches_statsmodels_without_penalty():
    import statsmodels.api as sm

    g = np.random.default_rng(4)
    X = g.normal(size=(2000, 2))
    y = (g.random(2000) < 1 / (1 + np.exp(-(0.3 + 1.2 * X[:, 0] - 0.7 * X[:, 1])))).astype(float)
    m = LogisticBaseRate(ridge=0.0).fit(X, y)
    ref = sm.Logit(y, sm.add_constant(X)).fit(disp=0)
    Xt = g.normal(size=(50, 2))
    assert m.predict(Xt) == pytest.approx(ref.predict(sm.add_constant(Xt)), abs=1e-6)
    # a large penalty pulls every prediction to the base rate
    big = LogisticBaseRate(ridge=1e9).fit(X, y)
    assert big.predict(Xt) == pytest.approx(np.full(50, y.mean()), abs=1e-4)


def _walk(n=2000, seed=9):
    g = np.random.default_rng(seed)
    vol = np.where((np.arange(n) // 250) % 2 == 0, 0.006, 0.02)  # calm and stormy years
    return _daily(100 * np.exp(np.cumsum(g.normal(0.0002, vol))), end="2025-06-30")


def test_no_lookahead_and_conditioning():
    s = _walk()
    as_of = s.index[-300]
    kw = dict(subject="spx", as_of=as_of, horizon=as_of + pd.Timedelta(days=91),
              thresholds=[float(s[as_of]) * 1.05, float(s[as_of]) * 0.95], min_windows=100)  # fmt: skip
    a = base_rates(s, **kw)
    b = base_rates(s.where(s.index <= as_of, 1.0), **kw)
    pd.testing.assert_frame_equal(a.to_frame(), b.to_frame())
    # windows end by as_of: the last one starts h sessions before it
    assert a.last_window == s.index[s.index.get_loc(as_of) - a.horizon_steps]
    # the conditioned rates exist and are probabilities
    t = a.to_frame()
    assert t["p_touch_cond"].between(0, 1).all()
    facts = {f.id: f for f in a.facts()}
    assert any(i.endswith(".conditional") for i in facts)


def test_monthly_series_counts_complete_months():
    idx = pd.date_range("1990-01-01", "2020-12-01", freq="MS")
    s = pd.Series(100 * 1.005 ** np.arange(len(idx)), index=idx, name="m")
    r = base_rates(s, subject="m", as_of="2020-12-15", horizon="2021-12-31", thresholds=[200])
    assert r.step == "month" and r.horizon_steps == 12
    assert r.value_date == pd.Timestamp("2020-11-01")  # December is not complete on the 15th
    # +0.5 % a month: every 12-month window rises 6.2 %; 200 is far above 100 × 1.005^370
    assert r.to_frame().loc[200, "p_touch"] == 0.0


def test_bad_input():
    s = _walk(400)
    with pytest.raises(InsufficientDataError, match="at least 252"):
        base_rates(
            s, subject="spx", as_of=s.index[-1], horizon=s.index[-1] + pd.Timedelta(days=365)
        )
    with pytest.raises(AnalysisError, match="not after"):
        base_rates(s, subject="spx", as_of=s.index[-1], horizon="2000-01-01")
    with pytest.raises(AnalysisError) as e:
        base_rates(s, subject="spx", as_of=s.index[-1], horizon="2026-06-01", targets=[-3],
                   min_windows=10)  # fmt: skip
    assert e.value.where == "targets"


def test_seed_date_on_shared_data(shared_data):
    sh = pd.read_csv(shared_data / "sp500_monthly_shiller.csv", parse_dates=["date"])
    s = sh.set_index("date")["sp500"].rename("sp500_monthly")
    r = base_rates(s, subject="sp500", as_of="2025-11-26", horizon="2026-12-31",
                   thresholds=[6900, 5500], targets=[7269], drawdowns_pct=[10])  # fmt: skip
    assert r.horizon_steps == 13 and r.value_date == pd.Timestamp("2025-10-01")
    t = r.to_frame()
    # by hand from the CSV: the share of 13-month windows whose end rose at least ln(7269 / S_0)
    x = np.log(s[s.index <= "2025-10-01"].to_numpy())
    need = math.log(7269) - x[-1]
    assert t.loc[7269, "p_close_above"] == pytest.approx(np.mean(x[13:] - x[:-13] >= need))
    assert 0.3 < t.loc[7269, "p_close_above"] < 0.7
    assert t.loc[6900, "p_touch"] >= t.loc[7269, "p_touch"]
