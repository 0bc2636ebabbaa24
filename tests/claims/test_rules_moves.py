"""A move and the close it reached: "rose 0.5% to 6,812.61", and after a closing verb "closed up
1.1 percent at 3,660" (the "at" names the close as "to" does); a level written rounded ("3,660",
to ten points) accepts half that unit.

sp500_daily_fred.csv: 2020-11-30 3621.63, 2020-12-01 3662.45 (+1.13%).
"""

from __future__ import annotations

import pytest
from claim_results import results

from thesis.claims import check_text, parse_article


def _results(store, text: str):
    return results(store, text, "2020-12-01")


@pytest.mark.parametrize(
    ("text", "close"),
    [
        ("The S&P 500 closed up 1.1 percent at 3,660 on Tuesday.", "supported"),
        ("The S&P 500 ended up 1.1% at 3,662.45.", "supported"),
        ("The S&P 500 closed up 1.1 percent at 3,700 on Tuesday.", "contradicted"),
        ("The S&P 500 finished 1.1% higher at 3,662.45.", "supported"),
    ],
)
def test_closed_up_x_at_level(claims_store, text, close):
    got = {r.claim.measure: r for r in _results(claims_store, text)}
    assert got["change"].verdict == "supported", got["change"].evidence
    assert got["close"].verdict == close, got["close"].evidence


def test_at_without_a_closing_verb_is_no_close(claims_store):
    got = [r for r in _results(claims_store, "The S&P 500 rose 1.1% at one point.")]
    assert not [r for r in got if r.claim.measure == "close"]


def test_within_a_distance_is_no_move(claims_store):
    """ "Rose 0.5% Friday to climb within 0.7% of its all-time high reached in July" (2024-09-13):
    the 0.7% is a distance to the record, not a move over July."""
    rep = check_text(
        parse_article(
            b"The S&P 500 rose 0.5% Friday to climb within 0.7% of its all-time high reached in July.",
            "t.txt",
        ),
        claims_store,
        date="2024-09-13",
    )
    moves = [r for r in rep.results if r.claim.measure == "change"]
    assert [r.claim.stated_value for r in moves] == [0.5]
    assert moves[0].verdict == "supported", moves[0].evidence
