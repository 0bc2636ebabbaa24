"""One-sided hedges are bounds, not rounding bands: "more than X", "over X", "above X", "at
least X" need the actual at X or beyond, give or take only the difference between a preliminary
and a final close (``tolerance.PRELIMINARY_PCT``, 0.01 pp for a percent change); "less than",
"under", "below" mirror them. Symmetric hedges ("about", "nearly", "roughly") keep their bands.
A change "since" an event the words place only within a week ("late last week") starts on any
weekday of that week.

By hand from sp500_daily_fred.csv: 2024-05-15 (a Wednesday) 5,246.68 -> 5,308.15, +1.1716%
(+61.47 points); 2024-10-23 (a Wednesday) -0.919%; 2025-04-02 5,670.97 -> 2025-04-08 4,982.77,
-12.14% (from 2025-03-31, 5,611.85: -11.21%).
"""

from __future__ import annotations

import math

import pytest

from thesis.claims import check_text, parse_article
from thesis.claims.tolerance import PRELIMINARY_PCT, pct_band, points_band


def _verdict(store, text: str, date: str, measure: str = "change") -> str:
    rep = check_text(parse_article(text.encode(), "t.txt"), store, date=date)
    (r,) = [r for r in rep.results if r.claim.measure == measure]
    return r.verdict


@pytest.mark.parametrize(
    ("words", "verdict"),
    [
        ("gained more than 1.2%", "contradicted"),  # +1.17: half a unit of 1.2 no longer saves it
        ("gained over 1.2%", "contradicted"),
        ("gained at least 1.2%", "contradicted"),
        ("gained more than 1.1%", "supported"),
        ("gained over 1%", "supported"),
        ("gained at least 1.18%", "supported"),  # 1.1716: within the preliminary band
        ("gained less than 1.2%", "supported"),
        ("gained less than 1.1%", "contradicted"),
        ("gained under 1.1%", "contradicted"),
        # symmetric hedges and plain figures keep their rounding bands
        ("gained about 1.2%", "supported"),
        ("gained nearly 1.2%", "supported"),
        ("gained roughly 1.2%", "supported"),
        ("gained 1.2%", "supported"),
    ],
)
def test_a_one_sided_hedge_is_a_bound(claims_store, words, verdict):
    text = f"The S&P 500 {words} on Wednesday."
    assert _verdict(claims_store, text, "2024-05-15") == verdict


@pytest.mark.parametrize(
    ("words", "verdict"),
    [("fell more than 0.9%", "supported"), ("fell more than 1%", "contradicted")],
)
def test_a_bound_on_a_fall_mirrors(claims_store, words, verdict):
    text = f"The S&P 500 {words} on Wednesday."
    assert _verdict(claims_store, text, "2024-10-23") == verdict


@pytest.mark.parametrize(
    ("points", "verdict"), [("more than 60", "supported"), ("more than 63", "contradicted")]
)
def test_a_bound_on_points(claims_store, points, verdict):
    text = f"The S&P 500 gained {points} points on Wednesday."
    assert _verdict(claims_store, text, "2024-05-15", "points_change") == verdict


def test_bands_of_bounds():
    b = pct_band(1.2, 1, ">=", "more than")
    assert b.lo == pytest.approx(1.2 - PRELIMINARY_PCT) and math.isinf(b.hi)
    assert b.c_lo == b.lo  # no grey zone: below the bound is contradicted
    assert b.verdict(1.17) is False and b.verdict(1.195) is True
    neg = pct_band(-1.5, 1, ">=", "more than")  # "fell more than 1.5%"
    assert neg.verdict(-1.65) is True and neg.verdict(-1.45) is False
    under = pct_band(1.0, 0, "<=", "less than")
    assert under.verdict(0.7) is True and under.verdict(1.05) is False
    # a bound on points allows 0.01 % of the level (a preliminary close), not half a point
    p = points_band(400, 0, ">=", 5000.0, "more than")
    assert p.verdict(399.6) is True and p.verdict(399.0) is False
    # the rounding band of a plain figure is unchanged
    assert pct_band(1.2, 1, "=").verdict(1.17) is True


def test_since_an_event_within_a_week_starts_on_any_day_of_it(claims_store):
    """ "Since Trump announced sweeping global tariffs late last week": from Wednesday 2 April
    2025's close the fall is 12.14%, from the week's first close 11.21%."""
    text = (
        "Since Trump announced sweeping global tariffs late last week, the S&P 500 has dropped "
        "more than 12%."
    )
    assert _verdict(claims_store, text, "2025-04-08") == "supported"
    text = text.replace("12%", "15%")
    assert _verdict(claims_store, text, "2025-04-08") == "contradicted"
