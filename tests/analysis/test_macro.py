"""Macro turning points: each rule on a hand-made series, what followed by hand, release lags and
no lookahead, the state now, and the known events on the shared data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from thesis.analysis.macro import macro_cycles, macro_events, sahm_indicator
from thesis.errors import AnalysisError

MS = pd.Timestamp


def _monthly(values, start="2000-01-01", name=None):
    idx = pd.date_range(start, periods=len(values), freq="MS", name="date")
    return pd.Series(values, index=idx, name=name, dtype=float)


def test_sahm_rule_by_hand():
    # 24 months at 4.0, then +0.2 a month for 6 months, back to 4.0 for 6 months and a second
    # rise: the indicator = 3-month average − lowest 3-month average of the prior 12 months
    vals = [4.0] * 24 + [4.2, 4.4, 4.6, 4.8, 5.0, 5.2] + [4.0] * 6 + [4.3, 4.6, 4.9] + [4.9] * 3
    un = _monthly(vals, name="unrate")
    ind = sahm_indicator(un)
    # 2002-02: avg(4.0, 4.2, 4.4) − 4.0 = 0.2; 2002-03: avg(4.2, 4.4, 4.6) − 4.0 = 0.4;
    # 2002-04: avg(4.4, 4.6, 4.8) − 4.0 = 0.6 → the first month at or above 0.5
    assert ind[pd.Period("2002-03", "M")] == pytest.approx(0.4)
    assert ind[pd.Period("2002-04", "M")] == pytest.approx(0.6)
    ev = macro_events(unemployment=un)
    # the second rise triggers in 2003-03, within 12 months of the last triggered month (2002-07):
    # it does not re-arm
    assert ind[pd.Period("2003-03", "M")] == pytest.approx(0.6)
    assert ev["period"].tolist() == [MS("2002-04-01")]
    assert ev["public"].iloc[0] == MS("2002-04-30") + pd.Timedelta(days=7)
    assert ev["value"].iloc[0] == pytest.approx(0.6)
    # with more room the second rise is a new event
    vals2 = vals[:30] + [4.0] * 24 + [4.3, 4.6, 4.9, 4.9]  # the second rise in 2004-07..09
    ev2 = macro_events(unemployment=_monthly(vals2))
    assert ev2["period"].tolist() == [MS("2002-04-01"), MS("2004-09-01")]


def test_payroll_gdp_and_curve_rules_by_hand():
    # payrolls: six rises, then a fall (event), a fall (no: no growth before), six rises, a fall
    pay = _monthly(np.cumsum([100, 5, 5, 5, 5, 5, 5, -3, -3, 5, 5, 5, 5, 5, 5, -1, 2]))
    ev = macro_events(payrolls=pay)
    assert ev["period"].tolist() == [MS("2000-08-01"), MS("2001-04-01")]
    assert ev["value"].tolist() == [-3.0, -1.0]
    # GDP (quarterly): growth, fall (event), fall, growth, fall (event)
    q = pd.date_range("2000-01-01", periods=6, freq="QS")
    gdp = pd.Series([100, 101, 100, 99, 100, 99.5], index=q)
    ev = macro_events(gdp=gdp)
    assert ev["period"].tolist() == [MS("2000-07-01"), MS("2001-04-01")]
    assert ev["public"].tolist() == [MS("2000-09-30") + pd.Timedelta(days=30),
                                     MS("2001-06-30") + pd.Timedelta(days=30)]  # fmt: skip
    assert ev["value"].iloc[0] == pytest.approx(-100 / 101)
    # curve: 10 sessions positive, 2 inverted (event), 3 positive, 1 inverted (no: < rearm),
    # 10 positive, 1 inverted (event)
    days = pd.bdate_range("2020-01-01", periods=27)
    sp = pd.Series([0.5] * 10 + [-0.1, -0.2] + [0.1] * 3 + [-0.1] + [0.2] * 10 + [-0.3], index=days)
    ev = macro_events(curve=sp, curve_rearm_sessions=10)
    assert ev["period"].tolist() == [days[10], days[26]]
    assert (ev["public"] == ev["period"]).all()


def _subject(n=120, name="spx"):
    return _monthly(100 * 1.01 ** np.arange(n), name=name)  # +1 % a month


def test_what_followed_by_hand_and_incomplete_windows():
    un = _monthly([4.0] * 24 + [4.2, 4.4, 4.6, 4.8, 5.0, 5.2] + [5.2] * 60, name="unrate")
    r = macro_cycles(_subject(), as_of="2003-01-31", unemployment=un)
    t = r.to_frame()
    assert t["period"].tolist() == [MS("2002-04-01")]
    # public 2002-05-07: the last complete month then is April; +3 months → July
    for h in (3, 6):
        assert t[f"spx_ret_{h}m"].iloc[0] == pytest.approx((1.01**h - 1) * 100)
    assert pd.isna(t["spx_ret_12m"].iloc[0])  # ends 2003-05-07, after as_of
    assert r.incomplete[("unemployment", "spx_ret_12m")] == 1
    assert r.stats[("unemployment", "spx_ret_3m", "n")] == 1
    assert r.stats[("unemployment", "spx_ret_12m", "n")] == 0
    facts = {f.id: f for f in r.facts()}
    assert facts["macro.unemployment.events"].value == 1
    assert facts["macro.unemployment.event.2002-04-01.spx_ret_3m"].unit == "pct"
    assert facts["macro.unemployment.after.spx_ret_12m.incomplete"].value == 1
    assert facts["macro.unemployment.after.spx_ret_3m.n"].value == 1
    assert facts["macro.unemployment.now.rising"].value is True
    assert facts["macro.unemployment.now.sahm_pp"].unit == "pp"
    assert not any("sp500" in i for i in facts)


def test_yield_subject_in_percentage_points():
    y = _monthly(3.0 + 0.05 * np.arange(120), name="ust10y")
    un = _monthly([4.0] * 24 + [4.2, 4.4, 4.6, 4.8, 5.0, 5.2] + [5.2] * 60)
    r = macro_cycles(y, as_of="2009-12-31", subject_kind="yield", unemployment=un)
    t = r.to_frame()
    assert t["ust10y_chg_12m"].iloc[0] == pytest.approx(0.60)
    facts = {f.id: f for f in r.facts()}
    assert facts["macro.unemployment.after.ust10y_chg_12m.median"].unit == "pp"


def test_release_lag_and_no_lookahead():
    un = _monthly([4.0] * 24 + [4.2, 4.4, 4.6, 4.8, 5.0, 5.2] + [5.2] * 60)
    # April 2002's figure is public on 2002-05-07
    before = macro_cycles(_subject(), as_of="2002-05-06", unemployment=un)
    assert before.to_frame().empty
    assert before.now["unemployment"]["month"][0] == "2002-03-01"
    after = macro_cycles(_subject(), as_of="2002-05-07", unemployment=un)
    assert after.to_frame()["period"].tolist() == [MS("2002-04-01")]
    # rewriting everything after as_of changes nothing
    bent = un.where(un.index <= "2002-04-01", 2.0)
    again = macro_cycles(_subject(), as_of="2002-05-07", unemployment=bent)
    pd.testing.assert_frame_equal(after.to_frame(), again.to_frame())


def test_curve_state_now_and_spread_from_two_yields():
    days = pd.bdate_range("2019-01-01", periods=300)
    ten = pd.Series(2.0, index=days, name="ust10y")
    two = pd.Series(1.5, index=days, name="ust2y")
    two.iloc[280:] = 2.3  # inverted from session 280 on
    r = macro_cycles(_subject(name="spx"), as_of=days[-1], ust10y=ten, ust2y=two)
    now = r.now["curve"]
    assert now["inverted"][0] is True
    assert now["spread_pp"][0] == pytest.approx(-0.3)
    assert now["inverted_since"][0] == str(days[280].date())
    assert r.to_frame()["period"].tolist() == [days[280]]
    # the published spread wins where it has a value
    curve = pd.Series(0.4, index=days[-5:], name="ust10y2y")
    r2 = macro_cycles(_subject(), as_of=days[-1], curve=curve, ust10y=ten, ust2y=two)
    assert r2.now["curve"]["inverted"][0] is False


def test_bad_input():
    with pytest.raises(AnalysisError, match="no macro indicator"):
        macro_cycles(_subject(), as_of="2005-01-01")
    with pytest.raises(AnalysisError, match="subject_kind"):
        macro_cycles(_subject(), as_of="2005-01-01", subject_kind="bond", unemployment=_subject())
    with pytest.raises(AnalysisError, match="subject"):
        macro_cycles(_subject().rename(None), as_of="2005-01-01", unemployment=_subject())


def test_known_events_on_shared_data(shared_data):
    m = pd.read_csv(shared_data / "fred_macro_long.csv", parse_dates=["date"])
    d = pd.read_csv(shared_data / "fred_daily_long.csv", parse_dates=["date"])

    def macro_s(sid):
        return m[m.series_id == sid].set_index("date")["value"].rename(sid.lower())

    spx = pd.read_csv(shared_data / "sp500_monthly_shiller.csv", parse_dates=["date"])
    spx = spx.set_index("date")["sp500"].rename("sp500")
    r = macro_cycles(
        spx, as_of="2025-11-26", unemployment=macro_s("UNRATE"), payrolls=macro_s("PAYEMS"),
        gdp=macro_s("GDPC1"),
        curve=d[d.series_id == "T10Y2Y"].set_index("date")["value"].rename("ust10y2y"),
    )  # fmt: skip
    t = r.to_frame()
    ev = {k: set(g["period"]) for k, g in t.groupby("indicator")}
    assert {MS("2008-02-01"), MS("2020-04-01"), MS("2024-07-01")} <= ev["unemployment"]
    assert {MS("2020-03-01"), MS("2007-07-01")} <= ev["payrolls"]
    assert {MS("2008-07-01"), MS("2020-01-01")} <= ev["gdp"]
    assert {MS("2019-08-27"), MS("2022-04-01")} <= ev["curve"]
    assert not r.now["curve"]["inverted"][0]
    # the statistics use exactly the complete windows
    for ind in ("unemployment", "payrolls", "gdp", "curve"):
        n = r.stats[(ind, "sp500_ret_12m", "n")]
        inc = r.incomplete.get((ind, "sp500_ret_12m"), 0)
        assert n + inc == len(ev[ind])
