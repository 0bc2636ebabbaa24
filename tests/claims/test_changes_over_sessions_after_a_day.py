""" "In the four trading days following April 2, the S&P 500 fell 12.1%": the change over the N
sessions after the day (its close to the N-th close after it), never one session's move. An
event that is not a date ("Liberation Day") leaves the period unknown: never contradicted.

Closes by hand: S&P 500 2025-04-02 5,670.97; 2025-04-08 4,982.77 (−12.14%); 2025-04-08 one
session −1.57%.
"""

from __future__ import annotations

import pytest
from claim_results import results

DAY = "2025-04-10"


@pytest.mark.parametrize(
    "text",
    [
        "In the four trading days following April 2, the S&P 500 fell 12.1%.",
        "The S&P 500 fell 12.1% in the four sessions after April 2.",
        "The S&P 500 fell 12.1% over the four trading days following April 2.",
    ],
)
def test_the_change_over_the_sessions_after_a_day(claims_store, text):
    got = results(claims_store, text, DAY, "change")
    assert len(got) == 1, [(r.claim.quote, r.verdict) for r in got]
    assert got[0].verdict == "supported", got[0].evidence


def test_a_wrong_change_over_the_sessions_is_contradicted(claims_store):
    got = results(
        claims_store, "The S&P 500 fell 5% in the four sessions after April 2.", DAY, "change"
    )
    assert [r.verdict for r in got] == ["contradicted"], [r.evidence for r in got]


@pytest.mark.parametrize(
    "text",
    [
        "In the four trading days following Liberation Day, the S&P 500 Index fell another -12.1% "
        "reaching a bottom on April 8.",
        "In the three days after the tariff announcement, the S&P 500 fell 10%.",
    ],
)
def test_sessions_after_an_event_that_is_no_date_are_not_one_session(claims_store, text):
    got = results(claims_store, text, DAY, "change")
    assert got and all(r.verdict == "unverifiable" for r in got), [r.evidence for r in got]
