"""Figures with a move's words that are not a move: "made up about 25% of the index's value",
"takes up 7% of the budget" (a share of a whole: "up" after make/take is no rise), and "has
gained 15% or more in the first half 13 other times", "a move of 1% or more" (a threshold, not a
period's change). Neither is judged as a change; a move streak ("absent one-day gains of 1% or
more since Dec. 7") keeps its threshold."""

from __future__ import annotations

import pytest
from claim_results import results

DAY = "2024-07-01"


@pytest.mark.parametrize(
    "text",
    [
        "The seven companies made up about 25% of the S&P 500's value throughout the first half.",
        "Nvidia, making up about 8 percent of the S&P 500, rose in the first half of 2024.",
        "Tech stocks take up 30% of the S&P 500 in 2024.",
    ],
)
def test_made_up_or_taken_up_is_a_share_not_a_rise(claims_store, text):
    got = results(claims_store, text, DAY, measure="change")
    assert got == [], [(r.claim.quote, r.verdict, r.evidence) for r in got]


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 has gained 15% or more in the first half of the year 13 other times.",
        "The S&P 500 did not have a single move, up or down, of 1% or more in 2017.",
        "The S&P 500 fell 2 percent or more in the first quarter in five of the last ten years.",
    ],
)
def test_a_moves_threshold_is_not_judged_as_a_change(claims_store, text):
    got = results(claims_store, text, DAY, measure="change")
    assert got and all(r.verdict == "unverifiable" for r in got), [
        (r.claim.quote, r.verdict, r.evidence) for r in got
    ]
    assert all("count" in r.claim.qualifiers for r in got)


def test_a_streak_keeps_its_threshold(claims_store):
    text = "The S&P 500 had been absent one-day gains of 1% or more since Dec. 7, 2016."
    got = results(claims_store, text, "2017-02-28", measure="move_streak")
    assert [r.verdict for r in got] == ["supported"], [(r.claim.quote, r.evidence) for r in got]
