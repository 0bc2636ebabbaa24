"""Walk-forward calibration of the valuation ranges: a frame worked by hand, no look-ahead, bad
input, and a run over the Shiller history."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from thesis.analysis.range_calibration import calibrate_ranges
from thesis.analysis.valuation import valuation_ranges
from thesis.errors import AnalysisError, InsufficientDataError
from thesis.facts import Source

N_MONTHS = 192  # 2000-01 .. 2015-12
PE_CYCLE = (14.0, 15.0, 16.0)


def _hand_frame(n: int = N_MONTHS):
    """EPS grows exactly 10 % a year (monthly compounding); P/E cycles 14, 15, 16; CPI flat and the
    yield constant, so every month is in the same regime (inflation 0, real yield 5 %).

    Months 187 and 190 get P/E 40 and 5: they are only ever outcomes, never in a regime sample
    (the last origin is month 178, and each origin sees months up to itself)."""
    idx = pd.date_range("2000-01-01", periods=n, freq="MS", name="date")
    i = np.arange(n)
    eps = 10.0 * 1.1 ** (i / 12)
    pe = np.array([PE_CYCLE[k % 3] for k in i])
    if n > 190:
        pe[187], pe[190] = 40.0, 5.0
    level = pd.Series(pe * eps, index=idx, name="spx")
    return (
        level,
        pd.Series(eps, index=idx, name="eps"),
        pd.Series(100.0, index=idx, name="cpi"),
        pd.Series(5.0, index=idx, name="gs10"),
    )


def test_hand_frame_bins_by_hand():
    lvl, eps, cpi, yld = _hand_frame()
    # origins every 3 months from month 121 (2010-02): their horizon months (i + 12) have P/E 15
    r = calibrate_ranges(
        lvl, eps, cpi, yld, subject="spx", horizon_months=12, start="2010-02-01", step_months=3,
        share=1.0,
    )  # fmt: skip
    sc = r.to_frame()
    assert r.start == pd.Timestamp("2010-02-28") and r.end == pd.Timestamp("2014-11-30")
    assert r.n == 20  # months 121, 124, …, 178
    # the 10-year CAGR of a series growing 10 % a year is 10 %
    assert sc["eps_growth_pct"].to_numpy() == pytest.approx(np.full(20, 10.0))
    # first origin by hand: EPS month 2010-02 = month 121; forward 365 days (2010-02-28..2011-02-28)
    eps0 = 10.0 * 1.1 ** (121 / 12)
    fwd = eps0 * 1.1 ** (365 / 365.25)
    row = sc.iloc[0]
    assert row["eps_forward"] == pytest.approx(fwd)
    # the regime sample holds about a third each of 14, 15, 16: q10 = q25 = 14, q75 = q90 = 16
    assert (row["bear_low"], row["bear_high"]) == pytest.approx((14 * fwd, 14 * fwd))
    assert (row["base_low"], row["base_high"]) == pytest.approx((14 * fwd, 16 * fwd))
    assert (row["bull_low"], row["bull_high"]) == pytest.approx((16 * fwd, 16 * fwd))
    assert row["outcome"] == pytest.approx(15 * 10.0 * 1.1 ** (133 / 12))
    # 18 outcomes at P/E 15 (base), month 187 at P/E 40 (above), month 190 at P/E 5 (below)
    assert sc.loc["2014-08-31", "bin"] == "above"
    assert sc.loc["2014-11-30", "bin"] == "below"
    assert (sc["bin"] == "base").sum() == 18
    tab = r.shares()
    assert tab.loc["base", "share"] == pytest.approx(0.9)
    assert tab.loc["inside", "share"] == pytest.approx(0.9)
    assert tab.loc["below", "share"] == tab.loc["above", "share"] == pytest.approx(0.05)
    assert tab["nominal"].to_dict() == pytest.approx(
        {"below": 0.10, "bear": 0.15, "base": 0.50, "bull": 0.15, "above": 0.10, "inside": 0.80}
    )
    # PIT of the first origin: the sample is months 12..121 (110 months with YoY inflation);
    # P/E 14 or 15 (outcome P/E is 15 × 1.1^(1 − 365/365.25), a hair above 15) in 74 of them
    assert row["pit"] == pytest.approx(74 / 110)
    assert sc.loc["2014-08-31", "pit"] == 1.0 and sc.loc["2014-11-30", "pit"] == 0.0
    facts = {f.id: f for f in r.facts()}
    assert facts["calibration.ranges.share_base.12m"].value == pytest.approx(0.9)
    assert facts["calibration.ranges.share_base.12m"].unit == "probability"
    assert facts["calibration.ranges.n.12m"].value == 20
    assert facts["calibration.ranges.n.12m"].unit == "count"
    assert facts["calibration.ranges.start"].value == "2010-02-28"
    assert facts["calibration.ranges.end"].unit == "date"
    assert all(f.lineage == () for f in facts.values())  # hand-made data carry no Source
    assert "base" in r.summary() and "90.0%" in r.summary()


def test_growth_zero_and_constant():
    lvl, eps, cpi, yld = _hand_frame()
    z = calibrate_ranges(
        lvl, eps, cpi, yld, subject="spx", growth="zero", start="2010-02-01", step_months=3,
        share=1.0,
    ).to_frame()  # fmt: skip
    assert (z["eps_forward"] == z["eps_trailing"]).all()
    # forward EPS lags a 10 %-a-year series, so every P/E-15 outcome is 15 × 1.1 = 16.5 > q90 = 16
    assert z["outcome_pe"].iloc[:18].to_numpy() == pytest.approx(np.full(18, 16.5))
    assert (z["bin"].iloc[:18] == "above").all()
    c = calibrate_ranges(
        lvl, eps, cpi, yld, subject="spx", growth=10, start="2010-02-01", step_months=3, share=1.0
    ).to_frame()
    assert c["eps_growth_pct"].eq(10.0).all()
    # origins need no CAGR look-back now, only min_months = 60 regime months (months 12..71)
    assert calibrate_ranges(lvl, eps, cpi, yld, subject="spx", growth="zero").start == (
        pd.Timestamp("2005-12-31")
    )


def test_matches_valuation_ranges_at_an_origin():
    lvl, eps, cpi, yld = _hand_frame()
    sc = calibrate_ranges(lvl, eps, cpi, yld, subject="spx", start="2012-05-01").to_frame()
    row = sc.loc["2012-05-31"]
    g = ((10.0 * 1.1 ** (148 / 12)) / (10.0 * 1.1 ** (28 / 12))) ** 0.1 * 100 - 100
    v = valuation_ranges(
        lvl, eps, cpi, yld, subject="spx", as_of="2012-05-31", horizon="2013-05-31",
        eps_growth_pct=g,
    )  # fmt: skip
    rng = {x.case: x for x in v.ranges}
    for case in ("bear", "base", "bull"):
        assert row[f"{case}_low"] == pytest.approx(rng[case].low)
        assert row[f"{case}_high"] == pytest.approx(rng[case].high)
    assert row["regime_months"] == v.regime.months


def _random_frame(n: int, seed: int = 7):
    g = np.random.default_rng(seed)
    idx = pd.date_range("1950-01-01", periods=n, freq="MS", name="date")
    eps = 5 * np.exp(np.cumsum(g.normal(0.004, 0.02, n)))
    pe = 15 * np.exp(np.cumsum(g.normal(0, 0.04, n)))
    cpi = 50 * np.exp(np.cumsum(g.normal(0.003, 0.004, n)))
    yld = 4 + np.cumsum(g.normal(0, 0.2, n))
    return tuple(pd.Series(v, index=idx) for v in (pe * eps, eps, cpi, yld))


RANGE_COLS = ["eps_forward", "eps_growth_pct", "bear_low", "base_low", "base_high", "bull_high"]


def test_no_lookahead():
    full = _random_frame(300)
    short = [s.iloc[:240] for s in full]
    a = calibrate_ranges(*short, subject="x", growth_years=5).to_frame()
    b = calibrate_ranges(*full, subject="x", growth_years=5).to_frame()
    assert len(b) == len(a) + 60
    # appending 60 months changes nothing about the origins the short data could score
    pd.testing.assert_frame_equal(a, b.loc[a.index])
    # rewriting everything after 1965-12 leaves the ranges of origins up to 1965-12 unchanged
    cut = pd.Timestamp("1965-12-31")
    bent = [s.where(s.index <= cut, s * 1.7) for s in full]
    c = calibrate_ranges(*bent, subject="x", growth_years=5).to_frame()
    early = b.index[b.index <= cut]
    assert len(early) > 50
    pd.testing.assert_frame_equal(b.loc[early, RANGE_COLS], c.loc[early, RANGE_COLS])
    assert not np.allclose(b.loc[early, "outcome"], c.loc[early, "outcome"])  # outcomes did move


def test_too_little_history():
    short = [s.iloc[:100] for s in _random_frame(300)]  # 100 months: the 10-year CAGR needs 121
    with pytest.raises(InsufficientDataError) as e:
        calibrate_ranges(*short, subject="x")
    msg = str(e.value)
    assert "121 monthly EPS values" in msg and "min_months=60" in msg and "12 months after" in msg
    assert "Fix:" in msg and "longer monthly history" in msg


@pytest.mark.parametrize(
    ("kwargs", "where"),
    [
        ({"growth": "consensus"}, "growth"),
        ({"growth": float("nan")}, "growth"),
        ({"horizon_months": 0}, "horizon_months"),
        ({"bands": {"bear": (0.1, 0.2), "base": (0.25, 0.75), "bull": (0.75, 0.9)}}, "bands"),
        ({"bands": {"low": (0.1, 0.25)}}, "bands"),
    ],
)
def test_bad_arguments(kwargs, where):
    with pytest.raises(AnalysisError) as e:
        calibrate_ranges(*_random_frame(300), subject="x", **kwargs)
    assert e.value.where is not None and where in e.value.where and e.value.fix


def test_shiller_history(shared_data: Path):
    df = pd.read_csv(shared_data / "sp500_monthly_shiller.csv", parse_dates=["date"])
    df = df.set_index("date")
    src = Source("sp500_monthly_shiller", "csv", "1871-01-01", "2026-06-01", "test")
    cols = {}
    for c in ("sp500", "earnings", "cpi", "long_rate_gs10"):
        s = df[c].astype("float64")
        s.attrs["source"] = src
        cols[c] = s
    # every 12th origin keeps the test quick; the first origin needs 10 years of EPS (1871-01 on)
    r = calibrate_ranges(
        cols["sp500"], cols["earnings"], cols["cpi"], cols["long_rate_gs10"],
        subject="sp500", step_months=12,
    )  # fmt: skip
    assert r.start == pd.Timestamp("1881-01-31")
    assert r.end == pd.Timestamp("2023-01-31")  # Shiller EPS ends 2023-06
    assert r.n == 143
    sc = r.to_frame()
    e = df["earnings"]
    g = ((e[pd.Timestamp("1950-01-01")] / e[pd.Timestamp("1940-01-01")]) ** 0.1 - 1) * 100
    assert sc.loc["1950-01-31", "eps_growth_pct"] == pytest.approx(g)
    assert sc.loc["1950-01-31", "outcome"] == df.loc[pd.Timestamp("1951-01-01"), "sp500"]
    tab = r.shares()
    assert tab.loc[["below", "bear", "base", "bull", "above"], "share"].sum() == pytest.approx(1)
    assert tab.loc["inside", "share"] == pytest.approx(
        1 - tab.loc[["below", "above"], "share"].sum()
    )
    assert ((sc["pit"] >= 0) & (sc["pit"] <= 1)).all()
    # a PIT below 0.10 means an outcome below q10: below the bear range (up to float ties)
    assert (sc.loc[sc["pit"] < 0.09, "bin"] == "below").all()
    facts = {f.id: f for f in r.facts()}
    assert set(facts) >= {
        *(f"calibration.ranges.share_{k}.12m" for k in ("below", "bear", "base", "bull", "above")),
        "calibration.ranges.share_inside.12m",
        "calibration.ranges.n.12m",
        "calibration.ranges.start",
        "calibration.ranges.end",
    }
    assert all(f.lineage == (src,) for f in facts.values())
