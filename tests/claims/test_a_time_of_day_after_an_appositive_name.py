"""A time of day that qualifies the session ("in Monday afternoon trading", "in early Monday
trade", "in late-morning trading", "by midday Monday", "at the open") makes a move intraday,
also when the claim opens on an appositive name ("Wall Street's main barometer, the S&P 500,
fell 1.2% in Monday afternoon trading"): the name's clause ends at its comma, and the time of
day stands in the verb's clause. Daily closes cannot settle it (the 2025-04-07 close-to-close
change was -0.23%). "in Monday's session", "by the close", "to Monday's close" are the close:
judged as before."""

from __future__ import annotations

import pytest
from claim_results import results

DAY = "2025-04-07"  # S&P 500 close 5,062.25 after 5,074.08 (-0.23%)


@pytest.mark.parametrize(
    "text",
    [
        "Wall Street's main health barometer, the S&P 500, fell 1.2% in Monday afternoon trading.",
        "The benchmark, the S&P 500, fell 1.2% in early Monday trade.",
        "The index, the S&P 500, fell 1.2% in late-morning trading.",
        "The broad index, the S&P 500, fell 1.2% by midday Monday.",
        "The broad index, the S&P 500, fell 1.2% at the open.",
        "The S&P 500 fell 1.2% in afternoon trading on Monday.",
    ],
)
def test_a_time_of_day_in_the_verbs_clause_makes_the_move_intraday(claims_store, text):
    got = results(claims_store, text, DAY, "change")
    assert got and all(r.verdict == "unverifiable" for r in got), [
        (r.claim.quote, r.verdict, r.evidence) for r in got
    ]
    assert all("intraday" in r.claim.qualifiers for r in got)


@pytest.mark.parametrize(
    "text",
    [
        "The index, the S&P 500, fell 1.2% in Monday's session.",
        "The index, the S&P 500, fell 1.2% by the close on Monday.",
        "The index, the S&P 500, fell 1.2% to Monday's close.",
    ],
)
def test_the_session_or_its_close_is_still_judged(claims_store, text):
    got = results(claims_store, text, DAY, "change")
    assert [r.verdict for r in got] == ["contradicted"], [(r.claim.quote, r.evidence) for r in got]


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 index fell 25 points, or 1 percent, to 2,704 as of 3:30 p.m.",
        "The S&P 500 index fell 1 percent to 2,704 at 3:30 p.m. Eastern time.",
        # a page cut short after the time's first letter
        "KEEPING SCORE: The S&P 500 index fell 25 points, or 1 percent, to 2,704 as of 3:30 p.",
    ],
)
def test_a_clock_time_after_the_level_makes_it_intraday(claims_store, text):
    # the close of 2018-05-15 was 2,711.45 (−0.68%): a 3:30 p.m. level is not a close
    got = results(claims_store, text, "2018-05-15")
    assert got and all(r.verdict == "unverifiable" for r in got), [
        (r.claim.quote, r.verdict, r.evidence) for r in got
    ]
    assert all("intraday" in r.claim.qualifiers for r in got)
