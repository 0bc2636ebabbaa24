"""Valuation ranges: a tiny frame worked by hand, bad input, and a sanity run on shared data."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from thesis.analysis.valuation import valuation_ranges
from thesis.errors import AnalysisError, InsufficientDataError


def _tiny():
    """18 months, 2000-01 .. 2001-06. CPI flat in 2000, so YoY inflation in 2001 is CPI − 100."""
    idx = pd.date_range("2000-01-01", "2001-06-01", freq="MS")
    cpi = pd.Series(
        [100.0] * 12 + [102.0, 103.0, 100.5, 104.0, 105.0, 102.0], index=idx, name="cpi"
    )
    yld = pd.Series(5.0, index=idx, name="gs10")
    eps = pd.Series(10.0, index=idx, name="eps")
    lvl = pd.Series(
        [100.0] * 12 + [150.0, 160.0, 170.0, 180.0, 190.0, 200.0], index=idx, name="spx"
    )
    return lvl, eps, cpi, yld


def test_tiny_frame_by_hand():
    lvl, eps, cpi, yld = _tiny()
    r = valuation_ranges(
        lvl,
        eps,
        cpi,
        yld,
        subject="spx",
        as_of="2001-07-15",
        horizon="2003-06-30",
        eps_growth_pct=10,
        targets=[400],
        thresholds=[190],
        min_months=3,
        share=0.2,
    )
    # 2001 months: inflation 2, 3, 0.5, 4, 5, 2 %; real yield = 5 − inflation; current = 2001-06
    assert r.regime.date == pd.Timestamp("2001-06-01")
    assert r.regime.inflation_pct == pytest.approx(2.0)
    assert r.regime.real_yield_pct == pytest.approx(3.0)
    assert r.regime.candidates == 6
    # real yield and inflation move one-for-one, so distance ∝ |inflation − 2|: Jan 0, Jun 0, Feb 1
    assert r.regime.months == 3
    assert list(r.to_frame().query("in_regime").index.month) == [1, 2, 6]
    # P/E of Jan, Feb, Jun = 15, 16, 20; type-7 quantiles by hand
    expect_q = {0.10: 15.2, 0.25: 15.5, 0.50: 16.0, 0.75: 18.0, 0.90: 19.2}
    for q, v in expect_q.items():
        assert r.pe_quantiles[q] == pytest.approx(v)
    assert r.eps_trailing == 10.0 and r.eps_trailing_date == pd.Timestamp("2001-06-01")
    assert r.eps_age_months == 1
    years = 730 / 365.25  # 2001-06-30 .. 2003-06-30
    assert r.eps_years == pytest.approx(years)
    fwd = 10 * 1.1**years
    assert r.eps_forward == pytest.approx(fwd)
    assert r.pe_trailing == pytest.approx(20.0)  # June level 200 / EPS 10
    rng = {x.case: x for x in r.ranges}
    assert (rng["bear"].low, rng["bear"].high) == pytest.approx((fwd * 15.2, fwd * 15.5))
    assert (rng["base"].low, rng["base"].high) == pytest.approx((fwd * 15.5, fwd * 18.0))
    assert (rng["bull"].low, rng["bull"].high) == pytest.approx((fwd * 18.0, fwd * 19.2))
    assert rng["base"].conditions()["sample_months"] == 3
    imp = {x.level: x for x in r.implied}
    assert imp[400].implied_pe == pytest.approx(400 / fwd)
    assert imp[400].implied_eps == pytest.approx(25.0)  # 400 / median P/E 16
    assert imp[400].implied_eps_growth_pct == pytest.approx((2.5 ** (1 / years) - 1) * 100)
    assert imp[400].pe_share_above == 0.0
    assert imp[190].pe_share_above == pytest.approx(2 / 3)  # 190 / 12.1 ≈ 15.7: 16 and 20 are above
    facts = {f.id: f for f in r.facts()}
    assert facts["spx.range.bull.high"].value == pytest.approx(fwd * 19.2)
    assert facts["spx.pe_regime_q50"].value == pytest.approx(16.0)
    assert facts["spx.pe_share_above.190"].unit == "probability"
    assert facts["spx.eps_age_months"].unit == "months"
    assert all(f.lineage == () for f in facts.values())
    assert all(not any(ch.isdigit() for ch in n) for n in r.notes)


def test_complete_months_only():
    lvl, eps, cpi, yld = _tiny()
    # mid-June: June is not complete, so the regime is May's and the EPS is May's
    r = valuation_ranges(
        lvl,
        eps,
        cpi,
        yld,
        subject="spx",
        as_of="2001-06-15",
        horizon="2002-12-31",
        eps_growth_pct=5,
        min_months=3,
    )
    assert r.regime.date == pd.Timestamp("2001-05-01")
    assert r.regime.inflation_pct == pytest.approx(5.0)
    assert r.eps_trailing_date == pd.Timestamp("2001-05-01")
    assert r.regime.candidates == 5


def test_missing_eps_names_series_and_fix():
    lvl, eps, cpi, yld = _tiny()
    late = eps[eps.index >= "2001-03-01"].rename("sp500_eps")
    with pytest.raises(AnalysisError, match=r"eps \(sp500_eps\): no EPS.*\n.*thesis data import"):
        valuation_ranges(
            lvl,
            late,
            cpi,
            yld,
            subject="spx",
            as_of="2001-01-20",
            horizon="2002-12-31",
            eps_growth_pct=5,
            min_months=3,
        )


def test_too_few_months():
    lvl, eps, cpi, yld = _tiny()
    with pytest.raises(InsufficientDataError, match=r"only 6 months.*at least 60"):
        valuation_ranges(
            lvl,
            eps,
            cpi,
            yld,
            subject="spx",
            as_of="2001-07-15",
            horizon="2002-12-31",
            eps_growth_pct=5,
        )


def test_horizon_before_as_of():
    lvl, eps, cpi, yld = _tiny()
    with pytest.raises(AnalysisError, match=r"horizon.*not after as_of"):
        valuation_ranges(
            lvl,
            eps,
            cpi,
            yld,
            subject="spx",
            as_of="2001-07-15",
            horizon="2001-01-01",
            eps_growth_pct=5,
            min_months=3,
        )


def test_shared_data_sanity(shared_data):
    sh = pd.read_csv(shared_data / "sp500_monthly_shiller.csv", parse_dates=["date"]).set_index(
        "date"
    )
    cpi = pd.read_csv(shared_data / "us_cpi_monthly.csv", parse_dates=["date"]).set_index("date")
    cpi = cpi["cpi_u_index_1982_84_100"]
    y = pd.read_csv(shared_data / "us_treasury_10y_monthly.csv", parse_dates=["date"]).set_index(
        "date"
    )
    y = y["yield_10y_pct"]
    r = valuation_ranges(
        sh["sp500"],
        sh["earnings"].rename("sp500_eps"),
        cpi,
        y,
        subject="sp500",
        as_of="2025-11-26",
        horizon="2026-12-31",
        eps_growth_pct=14,
        targets=[7269],
        thresholds=[6900],
        level=6812.61,
    )
    assert r.eps_trailing == pytest.approx(181.17)  # Shiller earnings, 2023-06
    assert r.eps_trailing_date == pd.Timestamp("2023-06-01") and r.eps_age_months == 29
    assert any("stale" in n for n in r.notes)
    years = (pd.Timestamp("2026-12-31") - pd.Timestamp("2023-06-30")).days / 365.25
    assert r.eps_forward == pytest.approx(181.17 * 1.14**years)
    # October 2025 CPI was never published: the regime is September's, from the CSVs by hand
    assert r.regime.date == pd.Timestamp("2025-09-01")
    infl = (cpi["2025-09-01"] / cpi["2024-09-01"] - 1) * 100
    assert r.regime.inflation_pct == pytest.approx(infl)
    assert r.regime.real_yield_pct == pytest.approx(y["2025-09-01"] - infl)
    n = r.regime.candidates
    assert r.regime.months == max(60, math.ceil(0.2 * n))
    qs = list(r.pe_quantiles.values())
    assert qs == sorted(qs) and 5 < qs[2] < 40
    cases = {x.case: x for x in r.ranges}
    assert cases["bear"].high == pytest.approx(cases["base"].low)
    assert cases["base"].high == pytest.approx(cases["bull"].low)
    imp = {x.level: x for x in r.implied}
    assert imp[7269].implied_pe == pytest.approx(7269 / r.eps_forward)
    assert 0 <= imp[7269].pe_share_above <= imp[6900].pe_share_above <= 1
    ids = {f.id for f in r.facts()}
    for need in (
        "sp500.eps_trailing",
        "sp500.regime.months",
        "sp500.range.base.low",
        "sp500.implied_eps_growth_pct.7269",
        "sp500.pe_share_above.6900",
    ):
        assert need in ids
