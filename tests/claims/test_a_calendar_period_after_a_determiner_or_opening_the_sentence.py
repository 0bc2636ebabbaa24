"""A calendar period a move is stated over, in the forms the binding missed: a quarter or a
half-year after a determiner ("in the second quarter", "during the first half of 2024"), and a
month, quarter, half-year or year that opens the sentence as a fronted adverbial ("In May 2024
alone, the index advanced 4.8%", "In the second quarter, the S&P 500 rose 3.9%"). A half-year is
judged as a span of six calendar months. A yearless month, quarter or half in a sentence that
writes one other year is of that year ("the last time ... was in 1998, when the S&P 500 advanced
13.53% in the first quarter": the first quarter of 1998), not the latest such period before the
article's date; with two other years it is not judged."""

from __future__ import annotations

import pytest
from claim_results import results

DAY = "2024-07-01"  # Q2 2024: 5,254.35 → 5,460.48 (+3.92%); May: +4.80%; H1: +14.48%


def _moves(store, text: str, day: str = DAY) -> list:
    return results(store, text, day, measure="change")


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("The S&P 500 gained 3.9% in the second quarter.", "supported"),
        ("The S&P 500 gained 3.9% during the second quarter.", "supported"),
        ("The S&P 500 rose 14.5% in the first half of 2024.", "supported"),
        ("The S&P 500 rose 14.5% over the first half of the year.", "supported"),
        ("The S&P 500 rose 9.5% in the second quarter.", "contradicted"),
        ("The S&P 500 rose 20% in the first half of 2024.", "contradicted"),
    ],
)
def test_a_quarter_or_half_after_a_determiner_is_the_moves_period(claims_store, text, verdict):
    got = _moves(claims_store, text)
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("In May 2024 alone, the index advanced by approximately 4.8%.", "supported"),
        ("In the second quarter, the S&P 500 rose 3.9%.", "supported"),
        ("During 2023, the S&P 500 gained 24%.", "supported"),
        ("In just the fourth quarter of 2023, it was up more than 11%.", "supported"),
        ("In the first half of 2024, the S&P 500 rose 14.5%.", "supported"),
        ("In May 2024 alone, the S&P 500 advanced by 9.8%.", "contradicted"),
    ],
)
def test_a_period_that_opens_the_sentence_dates_its_first_move(claims_store, text, verdict):
    got = _moves(claims_store, "The S&P 500 is a US index. " + text)
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]


@pytest.mark.parametrize(
    "text",
    [
        # a later figure of the sentence keeps its own year
        "In 2023, the S&P 500 rose 24%, after a 19% loss in 2022.",
        # the period is not set off by a comma: not an opener
        "In May 2024 the index advanced by approximately 4.8% while rates rose.",
    ],
)
def test_an_opening_period_does_not_take_another_clauses_figure(claims_store, text):
    got = _moves(claims_store, text)
    assert all(r.verdict != "contradicted" for r in got), [
        (r.claim.quote, r.verdict, r.evidence) for r in got
    ]


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # the first quarter of 2019: 2,506.85 → 2,834.40, +13.07%
        (
            "The last time the index rose more in a first quarter was in 2019, when the S&P 500 "
            "advanced 13.1% in the first quarter.",
            "supported",
        ),
        # (13.53% is SPY's total return over that quarter: another reading, so 14.5% here)
        (
            "The last time the index rose more in a first quarter was in 2019, when the S&P 500 "
            "advanced 14.5% in the first quarter.",
            "contradicted",
        ),
        # March 2023: 3,970.15 → 4,109.31, +3.51%
        ("In 2023, a year of bank failures, the S&P 500 rose 3.5% in March.", "supported"),
        # a year after the period is a comparison's: March is the article's year (2024: +3.10%)
        ("The S&P 500 rose 3.1% in March, against 3.5% in March 2023.", "supported"),
        # two other years: which one is not said
        ("Between 2019 and 2021 the S&P 500 rose 13.1% in the first quarter.", "unverifiable"),
    ],
)
def test_a_yearless_period_takes_the_year_its_sentence_writes(claims_store, text, verdict):
    got = _moves(claims_store, text, "2024-04-01")
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]


def test_a_half_not_yet_over_is_not_judged(claims_store):
    got = _moves(claims_store, "The S&P 500 rose 10% in the second half of the year.")
    assert [r.verdict for r in got] == ["unverifiable"], [(r.claim.quote, r.evidence) for r in got]
