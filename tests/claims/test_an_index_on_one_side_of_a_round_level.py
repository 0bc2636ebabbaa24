""" "reaching a historic close above 5,200", "The S&P 500 surpassed 6,750", "the Dow surpassed
40,000 in 2024": an index on one side of a round level, on a day or in a named period
(``thesis.claims.thresholds``). The close on that side supports it; the close on the other side
contradicts it when the words say it was a close, or, without closing words, only when the close
is far from the level (the session's range may have crossed it). A return ("back above 4,000")
needs a close on the other side in the three months before."""

from __future__ import annotations

import pytest
from claim_results import results

WED = "2024-03-20"  # S&P 500 close 5,224.62; VIX 13.04


def _verdicts(store, text: str, day: str) -> list[str]:
    got = results(store, text, day, "threshold")
    assert got, f"no threshold claim in {text!r}"
    return [r.verdict for r in got]


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 closed above 5,200 on Wednesday.",
        "The S&P 500 rose 0.9% on Wednesday, reaching a historic close above 5,200.",
        "The S&P 500 surpassed 5,200 on Wednesday.",
        "The VIX closed below 20 on Wednesday.",
    ],
)
def test_a_close_on_that_side_supports_it(claims_store, text):
    assert _verdicts(claims_store, text, WED) == ["supported"]


def test_a_mark_with_no_day_is_read_on_the_articles_sessions(claims_store):
    # 2024-06-07: 5,346.99
    text = "With the S&P 500 now above 5,300, traders relaxed."
    assert _verdicts(claims_store, text, "2024-06-07") == ["supported"]


def test_closing_words_on_the_other_side_contradict_it(claims_store):
    assert _verdicts(claims_store, "The S&P 500 closed below 5,200 on Wednesday.", WED) == [
        "contradicted"
    ]


def test_without_closing_words_a_near_close_is_not_judged(claims_store):
    # 0.5% below the level: the session's high may have topped it
    got = results(claims_store, "The S&P 500 topped 5,250 on Wednesday.", WED, "threshold")
    assert [r.verdict for r in got] == ["unverifiable"]
    assert "range may have crossed" in got[0].evidence


def test_without_closing_words_a_far_close_contradicts_it(claims_store):
    assert _verdicts(claims_store, "The S&P 500 topped 5,400 on Wednesday.", WED) == [
        "contradicted"
    ]


def test_a_named_month_is_searched_for_a_close_on_that_side(claims_store):
    day = "2024-03-31"
    assert _verdicts(claims_store, "The S&P 500 surpassed 5,000 in February 2024.", day) == [
        "supported"
    ]
    # January 2024's highest close was 4,927.93
    assert _verdicts(claims_store, "The S&P 500 closed above 5,200 in January 2024.", day) == [
        "contradicted"
    ]


def test_a_return_needs_the_other_side_in_the_months_before(claims_store):
    # 2022-11-30: 4,080.11, after October's closes below 4,000
    assert _verdicts(
        claims_store, "The S&P 500 moved back above 4,000 on Wednesday.", "2022-11-30"
    ) == ["supported"]
    # 2024-03-08: above 4,000 for more than a year
    assert _verdicts(
        claims_store, "The S&P 500 moved back above 4,000 on Friday.", "2024-03-08"
    ) == ["unverifiable"]


@pytest.mark.parametrize(
    "text",
    [
        "A close below 3,837.25 marks a bear market for the S&P 500.",  # a computed level
        "The S&P 500 closed 4% above 5,000 on Wednesday.",  # a distance
        "The S&P 500 closed above 5,000 for the first time on Friday.",  # a first crossing
        "Apple shares closed above 170 on Wednesday.",  # a share's price (adjusted in the store)
    ],
)
def test_other_figures_are_not_read_as_a_side_of_a_level(claims_store, text):
    assert results(claims_store, text, WED, "threshold") == []


@pytest.mark.parametrize(
    "text",
    [
        "The VIX had closed below 13 only 9 times.",  # a count of occasions
        "The S&P 500 is not trading above 5,300.",
        "Analysts expect the S&P 500 to close above 5,500 by June.",
    ],
)
def test_counts_negations_and_forecasts_are_not_judged(claims_store, text):
    assert _verdicts(claims_store, text, WED) == ["unverifiable"]
