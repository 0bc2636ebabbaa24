"""A hedged level ("about", "approximately", "nearly") is widened by one unit of the precision it
is written with, within 0.05–0.5 %: "about 7,000" leaves room, "approximately 6,912" does not.

Closes by hand (sp500_daily_fred.csv): 2025-12-24 (Wednesday) 6,932.05, 2025-12-23 6,909.79; 2025-06-06 (Friday) 6,000.36.
"""

from __future__ import annotations

import pytest

from thesis.claims import check_text, parse_article
from thesis.claims.tolerance import level_band


def _close(store, text: str, date: str):
    rep = check_text(parse_article(text.encode(), "t.txt"), store, date=date)
    (r,) = [r for r in rep.results if r.claim.measure == "close"]
    return r


@pytest.mark.parametrize(
    ("unit", "stated", "support_pct"),
    [
        (1.0, 6912.0, 0.05),  # to the point: only the preliminary band
        (10.0, 6910.0, 10 / 6910 * 100),  # to ten points: ten points either way
        (100.0, 6900.0, 0.5),  # to the hundred: a unit is 1.4 %, capped
        (1000.0, 7000.0, 0.5),  # to the thousand: capped at 0.5 %
        (0.0, 6912.0, 0.5),  # precision unknown: the old band
    ],
)
def test_the_band_follows_the_stated_precision(unit, stated, support_pct):
    band = level_band(stated, "~", "about", unit=unit)
    assert band.hi == pytest.approx(support_pct) and band.lo == pytest.approx(-support_pct)
    assert band.c_hi > band.hi  # a grey zone stays between support and contradiction


@pytest.mark.parametrize(
    ("date", "text", "verdict"),
    [
        # 6,932.05: 0.29 % above a level written to the point
        ("2025-12-24", "The S&P 500 closed on Wednesday at approximately 6,912.", "contradicted"),
        ("2025-12-24", "The S&P 500 closed on Wednesday at approximately 6,930.", "supported"),
        # written to the hundred: 6,932 is within a unit of "about 6,900"
        ("2025-12-24", "The S&P 500 closed on Wednesday at about 6,900.", "supported"),
        ("2025-06-07", "The S&P 500 closed on Friday at roughly 6,000.", "supported"),
        # written to ten points, 40 points off: a wrong close, not a rounding
        ("2025-06-07", "The S&P 500 closed on Friday at roughly 6,040.", "contradicted"),
        ("2025-06-07", "The S&P 500 closed on Friday at roughly 6,010.", "supported"),
    ],
)
def test_hedged_closes(claims_store, date, text, verdict):
    r = _close(claims_store, text, date)
    assert r.verdict == verdict, r.evidence
