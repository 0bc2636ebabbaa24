"""Valuation ranges: frames worked by hand, the defined real yield, no EPS assumption, bad input,
and the failures of issue 9 on the shared data (as of 2022-01-03 and the stale-EPS seed date)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from thesis.analysis.valuation import forecast_errors, valuation_ranges
from thesis.errors import AnalysisError, InsufficientDataError

PE_CYCLE = (14.0, 15.0, 16.0)
N = 480  # 1980-01 .. 2019-12


def _cycle_frame(n: int = N):
    """EPS grows exactly 10 % a year (monthly compounding), so the trailing CAGR is 10 % at every
    month; the P/E cycles 14, 15, 16; CPI flat and the yield constant (inflation 0, real yield 5)."""
    idx = pd.date_range("1980-01-01", periods=n, freq="MS", name="date")
    i = np.arange(n)
    eps = 10.0 * 1.1 ** (i / 12)
    pe = np.array([PE_CYCLE[k % 3] for k in i])
    return (
        pd.Series(pe * eps, index=idx, name="spx"),
        pd.Series(eps, index=idx, name="eps"),
        pd.Series(100.0, index=idx, name="cpi"),
        pd.Series(5.0, index=idx, name="gs10"),
    )


def test_central_case_and_width_by_hand():
    lvl, eps, cpi, yld = _cycle_frame()
    # as_of 2019-12-31: every month complete; horizon 13 months on (396 days / 365.25 → h = 13)
    r = valuation_ranges(
        lvl, eps, cpi, yld, subject="spx", as_of="2019-12-31", horizon="2021-01-31",
        eps_growth_pct=10, targets=[1000], thresholds=[200], level=400.0, eps_lag_days=0,
        cpi_lag_days=0,
    )  # fmt: skip
    tau = (pd.Timestamp("2021-01-31") - pd.Timestamp("2019-12-31")).days / 365.25
    assert r.years == pytest.approx(tau) and r.horizon_months == 13
    assert r.central == pytest.approx(400.0 * 1.1**tau)
    # at origin i the rule's central is L_i × 1.1^(13/12) and the outcome L_{i+13}, so the error is
    # ln(pe_{i+13} / pe_i) = ln(pe_{i+1} / pe_i): 15/14, 16/15 or 14/16 by i mod 3. Origins run
    # from month 120 (ten years of EPS for the CAGR) to month 466 (outcome month 479 = 2019-12).
    by_hand = np.array([math.log(PE_CYCLE[(i + 1) % 3] / PE_CYCLE[i % 3]) for i in range(120, 467)])
    assert len(r.errors) == len(by_hand) == 347
    assert r.errors.to_numpy() == pytest.approx(by_hand)
    q = {p: np.quantile(by_hand, p) for p in (0.10, 0.25, 0.75, 0.90)}
    rng = {x.case: x for x in r.ranges}
    assert (rng["bear"].low, rng["bear"].high) == pytest.approx(
        (r.central * math.exp(q[0.10]), r.central * math.exp(q[0.25]))
    )
    assert (rng["base"].low, rng["base"].high) == pytest.approx(
        (r.central * 14 / 16, r.central * 15 / 14)
    )
    assert rng["bull"].high == pytest.approx(r.central * math.exp(q[0.90]))
    # forward EPS from the end of 2019-12 to the horizon; P/E bands are the bounds over it
    assert r.eps_trailing_date == pd.Timestamp("2019-12-01") and r.eps_age_months == 0
    fwd = eps.iloc[-1] * 1.1 ** (
        (pd.Timestamp("2021-01-31") - pd.Timestamp("2019-12-31")).days / 365.25
    )
    assert r.eps_forward == pytest.approx(fwd)
    assert rng["base"].pe_low == pytest.approx(rng["base"].low / fwd)
    # per level: growth needed at the current multiple, negative for a level below the index
    imp = {x.level: x for x in r.implied}
    assert imp[1000].implied_eps_growth_pct == pytest.approx(((1000 / 400) ** (1 / tau) - 1) * 100)
    assert imp[200].implied_eps_growth_pct < 0
    assert imp[200].case == "below" and imp[1000].case == "above"
    assert imp[1000].implied_pe == pytest.approx(1000 / fwd)
    facts = {f.id: f for f in r.facts()}
    assert facts["spx.range.central"].value == pytest.approx(r.central)
    assert facts["spx.range.calibration.errors"].value == 347
    assert facts["spx.range_case.1000"].value == "above"
    assert facts["spx.eps_growth_basis"].value == "thesis"
    assert facts["spx.eps_growth_rule_pct"].value == pytest.approx(10.0)
    assert facts["spx.regime.real_yield_basis"].value == "cpi_yoy"
    assert facts["spx.regime.real_yield_pct"].value == pytest.approx(5.0)
    assert all(f.lineage == () for f in facts.values())
    assert all(not any(ch.isdigit() for ch in n) for n in r.notes)


def test_width_uses_only_the_latest_window_and_known_outcomes():
    lvl, eps, cpi, yld = _cycle_frame()
    kw = dict(subject="spx", eps_growth_pct=10, eps_lag_days=0, cpi_lag_days=0, min_errors=50)
    r = valuation_ranges(
        lvl, eps, cpi, yld, as_of="2019-12-31", horizon="2021-01-31", window_origins=100, **kw
    )
    assert len(r.errors) == 100 and r.errors.index[-1] == pd.Timestamp("2018-11-30")
    # as of mid-2010, origins up to 2009-05 have a known 13-month outcome (2010-06 is complete)
    r = valuation_ranges(
        lvl, eps, cpi, yld, as_of="2010-07-15", horizon="2011-08-15", level=400.0, **kw
    )
    assert r.errors.index[-1] == pd.Timestamp("2009-05-31")


def test_regime_sample_by_hand():
    """CPI flat until the last six months; the regime is the three months nearest the current
    (inflation 2 %, real yield 3 %): the two months at 2 % and the one at 3 %."""
    lvl, eps, cpi, yld = _cycle_frame()
    c = cpi.copy()
    c.iloc[-6:] = [102.0, 103.0, 100.5, 104.0, 105.0, 102.0]
    c.iloc[-18:-12] = 100.0
    r = valuation_ranges(
        lvl, eps, c, yld, subject="spx", as_of="2019-12-31", horizon="2020-12-31",
        eps_growth_pct=10, share=0.001, min_months=3, eps_lag_days=0, cpi_lag_days=0,
    )  # fmt: skip
    assert r.regime.date == pd.Timestamp("2019-12-01")
    assert r.regime.inflation_pct == pytest.approx(2.0)
    assert r.regime.real_yield_cpi_pct == pytest.approx(3.0)
    assert r.regime.months == 3
    chosen = r.to_frame().query("in_regime").index
    assert list(chosen) == [pd.Timestamp(d) for d in ("2019-07-01", "2019-08-01", "2019-12-01")]
    pe = r.to_frame().loc[chosen, "pe"].to_numpy()
    assert r.pe_quantiles[0.5] == pytest.approx(np.median(pe))


def _breakeven(values, start):
    idx = pd.bdate_range(start, periods=len(values))
    return pd.Series(values, index=idx, name="breakeven10y")


def test_real_yield_is_yield_minus_breakeven_where_the_store_has_it():
    lvl, eps, cpi, yld = _cycle_frame()
    c = cpi * np.exp(np.arange(N) * 0.004)  # about 4.9 % a year
    kw = dict(subject="spx", as_of="2019-12-31", horizon="2020-12-31", eps_growth_pct=5,
              eps_lag_days=0, cpi_lag_days=0)  # fmt: skip
    # daily breakeven through 2019-12: monthly average of December = (2.0 + 2.2) / 2
    days = pd.bdate_range("2019-11-01", "2019-12-31")
    dec = days.month == 12
    be = pd.Series(1.0, index=days)
    be[dec] = np.resize([2.0, 2.2], dec.sum())
    r = valuation_ranges(lvl, eps, c, yld, breakeven=be, **kw)
    dec = be[be.index.month == 12].mean()
    assert r.regime.real_yield_basis == "breakeven"
    assert r.regime.real_yield_date == pd.Timestamp("2019-12-01")
    assert r.regime.real_yield_pct == pytest.approx(5.0 - dec)
    assert r.regime.breakeven_pct == pytest.approx(dec)
    infl = (c.iloc[-1] / c.iloc[-13] - 1) * 100
    assert r.regime.real_yield_cpi_pct == pytest.approx(5.0 - infl)
    facts = {f.id: f for f in r.facts()}
    assert "breakeven" in facts["spx.regime.real_yield_pct"].method
    assert facts["spx.regime.breakeven_pct"].value == pytest.approx(dec)
    # a breakeven that ended half a year earlier is not used: CPI basis, said so
    old = _breakeven([2.0] * 60, "2019-03-01")
    r = valuation_ranges(lvl, eps, c, yld, breakeven=old, **kw)
    assert r.regime.real_yield_basis == "cpi_yoy"
    assert r.regime.real_yield_pct == pytest.approx(5.0 - infl)
    assert any("breakeven" in n for n in r.notes)
    assert "CPI" in {f.id: f for f in r.facts()}["spx.regime.real_yield_pct"].method


def test_no_eps_assumption_uses_the_no_foresight_rule():
    """Issue 9: a thesis without [earnings] crashed with a TypeError (float(None))."""
    lvl, eps, cpi, yld = _cycle_frame()
    r = valuation_ranges(
        lvl, eps, cpi, yld, subject="spx", as_of="2019-12-31", horizon="2020-12-31",
        eps_growth_pct=None, eps_lag_days=0,
    )  # fmt: skip
    assert r.eps_growth_basis == "trailing_cagr"
    assert r.eps_growth_pct == pytest.approx(10.0)  # the trailing ten-year CAGR
    facts = {f.id: f for f in r.facts()}
    assert facts["spx.eps_growth_basis"].value == "trailing_cagr"
    assert "no-foresight" in facts["spx.eps_growth_assumed_pct"].method
    assert any("states no earnings growth" in n for n in r.notes)
    # and when not even the rule can be computed, the error names the key and the fix
    short = [s.iloc[-100:] for s in (lvl, eps)]
    with pytest.raises(AnalysisError) as e:
        valuation_ranges(
            *short, cpi, yld, subject="spx", as_of="2019-12-31", horizon="2020-12-31",
            min_errors=10, eps_lag_days=0,
        )  # fmt: skip
    assert e.value.where == "earnings.eps_growth_pct" and "eps_growth_pct" in e.value.fix


def test_eps_counts_only_once_public():
    lvl, eps, cpi, yld = _cycle_frame()
    # with the default 90-day lag, on 2019-12-31 the last public EPS month is 2019-09
    r = valuation_ranges(
        lvl, eps, cpi, yld, subject="spx", as_of="2019-12-31", horizon="2020-12-31",
        eps_growth_pct=10,
    )  # fmt: skip
    assert r.eps_trailing_date == pd.Timestamp("2019-09-01") and r.eps_age_months == 3
    assert not r.eps_stale


def test_missing_eps_names_series_and_fix():
    lvl, eps, cpi, yld = _cycle_frame()
    late = eps[eps.index >= "2001-03-01"].rename("sp500_eps")
    with pytest.raises(AnalysisError, match=r"eps \(sp500_eps\): no EPS.*\n.*thesis data import"):
        valuation_ranges(
            lvl, late, cpi, yld, subject="spx", as_of="2001-01-20", horizon="2002-12-31",
            eps_growth_pct=5,
        )  # fmt: skip


def test_too_few_errors_says_how_many():
    lvl, eps, cpi, yld = _cycle_frame(200)
    with pytest.raises(InsufficientDataError, match=r"only \d+ past 12-month forecast errors"):
        valuation_ranges(
            lvl, eps, cpi, yld, subject="spx", as_of="1996-08-31", horizon="1997-08-31",
            eps_growth_pct=5,
        )  # fmt: skip


@pytest.mark.parametrize(
    ("kwargs", "where"),
    [
        ({"horizon": "2001-01-01"}, "horizon"),
        ({"eps_growth_pct": float("nan")}, "earnings.eps_growth_pct"),
        ({"eps_growth_pct": -100}, "earnings.eps_growth_pct"),
        ({"share": 0}, "share"),
        ({"bands": {"bear": (0.1, 0.2), "base": (0.25, 0.75), "bull": (0.75, 0.9)}}, "bands"),
        ({"targets": [-5]}, "targets"),
    ],
)
def test_bad_input_names_the_input(kwargs, where):
    lvl, eps, cpi, yld = _cycle_frame()
    args = dict(subject="spx", as_of="2019-12-31", horizon="2020-12-31", eps_growth_pct=5)
    with pytest.raises(AnalysisError) as e:
        valuation_ranges(lvl, eps, cpi, yld, **{**args, **kwargs})
    assert where in (e.value.where or "") and e.value.fix


def test_forecast_errors_no_lookahead():
    lvl, eps, *_ = _cycle_frame()
    a = forecast_errors(lvl, eps, horizon_months=12, as_of="2005-06-30")
    assert a.index[-1] == pd.Timestamp("2005-06-30")
    known = a.dropna(subset=["error"])
    assert known.index[-1] == pd.Timestamp("2004-06-30")
    bent = lvl.where(lvl.index <= "2005-06-30", lvl * 3)
    b = forecast_errors(bent, eps, horizon_months=12, as_of="2005-06-30")
    pd.testing.assert_frame_equal(a, b)


# ---------------------------------------------------------------------------- shared data
@pytest.fixture(scope="module")
def shiller(shared_data):
    def rd(f, c):
        return pd.read_csv(shared_data / f, parse_dates=["date"]).set_index("date")[c]

    sh = pd.read_csv(shared_data / "sp500_monthly_shiller.csv", parse_dates=["date"])
    sh = sh.set_index("date")
    fd = pd.read_csv(shared_data / "fred_daily_long.csv", parse_dates=["date"])
    daily = pd.read_csv(shared_data / "sp500_daily_fred.csv", parse_dates=["date"])
    return {
        "level": sh["sp500"],
        "eps": sh["earnings"].rename("sp500_eps"),
        "cpi": rd("us_cpi_monthly.csv", "cpi_u_index_1982_84_100"),
        "y": rd("us_treasury_10y_monthly.csv", "yield_10y_pct"),
        "be": fd[fd.series_id == "T10YIE"].set_index("date")["value"].rename("breakeven10y"),
        "close": daily.set_index("date")["close"],
    }


def test_issue_9_as_of_2022_01_03(shiller):
    """Issue 9: 'real ten-year yields stand at −5.25%', a base range of 1,883–3,697 against an
    index at 4,796, and 'needs earnings growth of 54.5% a year' for a level already passed."""
    d = shiller
    close = float(d["close"]["2022-01-03"])
    r = valuation_ranges(
        d["level"], d["eps"], d["cpi"], d["y"], breakeven=d["be"], subject="sp500",
        as_of="2022-01-03", horizon="2022-12-30", eps_growth_pct=None, thresholds=[4500],
        targets=[5200], level=close, level_date="2022-01-03",
    )  # fmt: skip
    # the real yield: December 2021 averages of the 10-year yield and the breakeven, by hand
    be_dec = d["be"]["2021-12-01":"2021-12-31"].mean()
    assert r.regime.real_yield_basis == "breakeven"
    assert r.regime.real_yield_pct == pytest.approx(d["y"]["2021-12-01"] - be_dec)
    assert -1.5 < r.regime.real_yield_pct < 0  # not −5.25 %
    # the ranges sit around the index, not two thousand points below it
    rng = {x.case: x for x in r.ranges}
    assert rng["base"].low < r.central < rng["base"].high
    assert rng["bear"].low < close < rng["bull"].high
    assert rng["base"].low > 0.9 * close
    # 4,500 was passed long before: the growth it needs at the current multiple is negative
    imp = {x.level: x for x in r.implied}
    assert imp[4500].implied_eps_growth_pct < 0
    assert imp[4500].implied_eps_growth_pct == pytest.approx(
        ((4500 / close) ** (1 / r.years) - 1) * 100
    )
    assert imp[5200].implied_eps_growth_pct > 0


def test_stale_eps_is_stated(shiller):
    d = shiller
    r = valuation_ranges(
        d["level"], d["eps"], d["cpi"], d["y"], breakeven=d["be"], subject="sp500",
        as_of="2025-11-26", horizon="2026-12-31", eps_growth_pct=14, targets=[7269],
        thresholds=[6900], level=6812.61,
    )  # fmt: skip
    assert r.eps_trailing == pytest.approx(181.17)  # Shiller earnings, 2023-06
    assert r.eps_trailing_date == pd.Timestamp("2023-06-01") and r.eps_age_months == 29
    facts = {f.id: f for f in r.facts()}
    assert facts["sp500.eps_stale"].value is True
    assert facts["sp500.eps_age_months"].value == 29
    assert any("stale" in n for n in r.notes)
    # the central case is the level grown at the thesis's rate, the P/E on EPS brought to as_of
    assert r.central == pytest.approx(6812.61 * 1.14**r.years)
    months = (pd.Timestamp("2025-11-26") - pd.Timestamp("2023-06-30")).days / 365.25
    assert r.pe_current == pytest.approx(6812.61 / (181.17 * 1.14**months))
    assert r.horizon_months == 13
    assert r.errors.index[-1] <= pd.Timestamp("2024-10-31")  # outcome month complete by as_of
    # September's CPI is the latest public on 2025-11-26 (October 2025 was never published)
    assert r.regime.date == pd.Timestamp("2025-09-01")
    qs = list(r.pe_quantiles.values())
    assert qs == sorted(qs) and 5 < qs[2] < 40
    cases = {x.case: x for x in r.ranges}
    assert cases["bear"].high == pytest.approx(cases["base"].low)
    assert cases["base"].high == pytest.approx(cases["bull"].low)
