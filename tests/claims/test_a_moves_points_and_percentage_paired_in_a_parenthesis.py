""" "closed at 5,087.03, up 105.23 points (2.11%)", "gained 105.23 points (2.11%) to 5,087.03",
"rose 2.11% (105.23 points) to 5,087.03": a parenthesis right after a move's points (or its
percentage) that holds only the other figure restates the same move, as ", or 2.11%," does: the
percentage is that move's, bound to its subject and day, and the level after it is the close."""

from __future__ import annotations

import pytest
from claim_results import results

from thesis.claims.document import parenthesised_pair
from thesis.text.numbers import find_quantities

# S&P 500: 2024-02-21 close 4,981.80, 2024-02-22 close 5,087.03 (+105.23 points, +2.11%)
DAY = "2024-02-22"


def _pct(store, text: str):
    got = [r for r in results(store, text, DAY, "change") if r.claim.unit == "pct"]
    assert got, (
        text,
        [(r.claim.measure, r.claim.quote, r.evidence) for r in results(store, text, DAY)],
    )
    return got[0]


@pytest.mark.parametrize(
    "text",
    [
        "On Thursday the S&P 500 closed at 5,087.03, up 105.23 points (2.11%).",
        "On Thursday the S&P 500 gained 105.23 points (2.11%) to 5,087.03.",
        "On Thursday the S&P 500 gained 105.23 points (+2.11%) to 5,087.03.",
        "On Thursday the S&P 500 rose 2.11% (105.23 points) to 5,087.03.",
        "On Thursday the S&P 500 rose 2.11% (+105.23 pts) to 5,087.03.",
    ],
)
def test_the_percentage_is_the_moves(claims_store, text):
    r = _pct(claims_store, text)
    assert r.verdict == "supported", (r.claim.quote, r.evidence)
    assert r.claim.subject is not None and r.claim.subject.key == "sp500"
    for r in results(claims_store, text, DAY):
        assert r.verdict != "contradicted", (r.claim.quote, r.evidence)


@pytest.mark.parametrize(
    "text",
    [
        "On Thursday the S&P 500 gained 105.23 points (2.11%) to 5,087.03.",
        "On Thursday the S&P 500 rose 2.11% (105.23 points) to 5,087.03.",
    ],
)
def test_the_level_after_the_parenthesis_is_the_close(claims_store, text):
    got = [r for r in results(claims_store, text, DAY) if r.claim.measure == "close"]
    assert got and got[0].verdict == "supported", [(r.claim.measure, r.claim.quote) for r in got]


def test_a_wrong_percentage_is_never_supported(claims_store):
    r = _pct(claims_store, "On Thursday the S&P 500 gained 105.23 points (3.11%) to 5,087.03.")
    assert r.verdict != "supported", (r.claim.quote, r.evidence)


@pytest.mark.parametrize(
    ("text", "paired"),
    [
        ("up 105.23 points (2.11%)", True),
        ("up 105.23 points ( 2.11% )", True),
        ("rose 2.11% (105.23 points)", True),
        # a parenthesis that holds more pairs nothing
        ("up 105.23 points (2.11%, its best day since May)", False),
        ("up 105.23 points (about 2.11%)", False),
        # two percentages, or two points figures, are no such pair
        ("up 2.11% (1.5% last week)", False),
        ("up 105.23 points, or 2.11%", False),
    ],
)
def test_the_pair_is_a_parenthesis_of_one_figure(text, paired):
    qs = find_quantities(text)
    assert len(qs) >= 2, qs
    assert parenthesised_pair(text, qs[0], qs[1]) is paired, qs


def test_a_parenthesis_with_words_of_its_own_is_no_pair(claims_store):
    # "(to 4411.59 from 4109.31)": a level with its own base, stated for another day than the
    # article's; the parenthesis is not skipped to read the level as the move's close that day
    text = "Since March 31, the S&P 500 has increased by 7.4% (to 4411.59 from 4109.31)."
    got = [r for r in results(claims_store, text, "2023-07-10") if r.claim.measure == "close"]
    assert got == [], [(r.claim.quote, r.evidence) for r in got]
