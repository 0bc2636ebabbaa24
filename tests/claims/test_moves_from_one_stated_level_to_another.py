""" "In 2022, the index saw a slight increase from 3,917.49 to 3,912.38", "rose 2% from 4,000 to
4,080": a move stated between two levels the sentence gives, in the "from A to B" order, is the
article's own arithmetic. Its direction (and its percent, when stated) must agree with B / A − 1;
it reads no series, so it needs no subject. A direction its own levels agree with may contradict,
never support: the levels are claims of their own (issue 8, round 33)."""

from __future__ import annotations

import pytest
from claim_results import results

DAY = "2023-11-01"


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("In 2022, the index saw a slight increase from 3,917.49 to 3,912.38.", "contradicted"),
        ("In 2021, the rise was from 4,667.39 to 4,674.77.", "unverifiable"),
        ("The stock fell from 120 to 100 in a month.", "unverifiable"),
        ("The index climbed from 4,100 to 3,977 over the quarter.", "contradicted"),
        ("The index slid from 3,977 to 4,100 over the quarter.", "contradicted"),
    ],
)
def test_a_direction_between_two_stated_levels(claims_store, text, verdict):
    got = results(claims_store, text, DAY, "upside")
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("The S&P 500 rose 2% from 4,000 to 4,080 last week.", "supported"),
        ("It rose 5% from 4,000 to 4,080 last week.", "contradicted"),
        ("The index fell 3% from 4,100 to 3,977.", "supported"),
        ("The index fell 1% from 4,100 to 3,977.", "contradicted"),
    ],
)
def test_a_percent_between_two_stated_levels(claims_store, text, verdict):
    got = results(claims_store, text, DAY, "upside")
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]


@pytest.mark.parametrize(
    "text",
    [
        "Analysts expect the index to rise from 4,000 to 4,500 next year.",
        "The index could climb from 4,000 to 4,500 if rates fall.",
    ],
)
def test_a_move_still_to_come_is_not_judged(claims_store, text):
    got = results(claims_store, text, DAY, "upside")
    assert all(r.verdict == "unverifiable" for r in got), [(r.claim.quote, r.evidence) for r in got]


def test_a_range_with_no_move_word_is_no_move(claims_store):
    got = results(claims_store, "Forecasts range from 4,000 to 4,500.", DAY, "upside")
    assert got == []
