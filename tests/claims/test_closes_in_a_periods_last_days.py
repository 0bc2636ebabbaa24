"""A period "closed" in the article's own last days of it: on Dec. 24 "capped a year of gains",
"closed out the year up 17%" may mean the year to date as well as the last year that ended. The
figure can be supported by either reading and is never contradicted by the earlier year alone.
Earlier in the period the last year that ended is the only reading, as before.

Closes by hand (S&P 500): 2023-12-29 4,769.83, 2024-12-31 5,881.63 (+23.3% in 2024), 2025-12-24
6,932.05 (+17.9% in 2025 to date).
"""

from __future__ import annotations

from claim_results import results

_CAPPED = (
    "On December 24, 2025, the S&P 500 closed at 6,932.05. These milestones cap a year of "
    "extraordinary volatility, marking a total annual gain of approximately {x}% for the S&P 500."
)


def test_a_year_capped_in_its_last_days_is_not_contradicted_by_the_year_before(claims_store):
    got = [
        r
        for r in results(claims_store, _CAPPED.format(x=17), "2025-12-25")
        if "17%" in r.claim.quote
    ]
    assert got and all(r.verdict != "contradicted" for r in got), [r.evidence for r in got]
    # read as the year to date ("a total annual gain"), or the year it closes out, which had not
    # ended
    assert any(
        "year to date may be meant" in r.evidence or r.verdict == "supported" for r in got
    ), [r.evidence for r in got]


def test_the_year_before_still_supports_it(claims_store):
    got = [
        r
        for r in results(claims_store, _CAPPED.format(x=23), "2025-12-25")
        if "23%" in r.claim.quote
    ]
    assert got and all(r.verdict == "supported" for r in got), [r.evidence for r in got]


def test_after_the_new_year_the_year_that_ended_is_judged(claims_store):
    text = "The S&P 500 closed out the year with a gain of 17%."
    got = results(claims_store, text, "2025-01-02")
    assert any(r.verdict == "contradicted" for r in got), [(r.verdict, r.evidence) for r in got]
