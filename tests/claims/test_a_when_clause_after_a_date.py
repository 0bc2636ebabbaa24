""" "its highest level since Feb. 9, when the VIX hit a high of 41.06": a "when" clause right
after a day tells what happened on that day, so its figures are that day's (a session's high,
a close, a move), never the article's day's."""

from __future__ import annotations

import pytest
from claim_results import results

# VIX: 2018-02-09 high 41.06, 2018-12-24 high 36.10; S&P 500: 2018-12-04 close 2,700.06
# (−3.24% from 2,790.37), 2018-12-24 close 2,351.10 (−2.71%)
DAY = "2018-12-24"


def _one(store, text: str, figure: str):
    got = [r for r in results(store, text, DAY) if figure in r.claim.quote]
    assert got, (text, [r.claim.quote for r in results(store, text, DAY)])
    return got[0]


@pytest.mark.parametrize(
    ("text", "figure", "day"),
    [
        (
            "The CBOE Volatility Index VIX hit a high so far today of 36.10, its highest level "
            "since Feb. 9, when the VIX hit a high of 41.06.",
            "41.06",
            "2018-02-09",
        ),
        (
            "The S&P 500 closed down 2.71% Monday, its worst day since Dec. 4, when the S&P 500 "
            "lost 3.24%.",
            "3.24%",
            "2018-12-04",
        ),
        (
            "The S&P 500 is at its lowest since Dec. 4, when it closed at 2,700.06.",
            "2,700.06",
            "2018-12-04",
        ),
    ],
)
def test_the_figure_is_of_the_day_before_when(claims_store, text, figure, day):
    r = _one(claims_store, text, figure)
    assert r.verdict == "supported", (r.claim.quote, r.evidence)
    assert day in r.evidence, r.evidence


def test_a_wrong_figure_of_that_day_still_contradicts(claims_store):
    r = _one(
        claims_store,
        "The CBOE Volatility Index VIX hit a high so far today of 36.10, its highest level "
        "since Feb. 9, when the VIX hit a high of 45.20.",
        "45.20",
    )
    assert r.verdict == "contradicted", (r.claim.quote, r.evidence)
    assert "2018-02-09" in r.evidence, r.evidence


def test_a_figure_after_the_when_clause_ends_keeps_its_own_day(claims_store):
    r = _one(
        claims_store,
        "The VIX is at its highest level since Feb. 9, when it spiked, and the S&P 500 lost 2.71% "
        "on Monday.",
        "2.71%",
    )
    assert r.verdict == "supported", (r.claim.quote, r.evidence)
    assert "2018-12-24" in r.evidence, r.evidence
