""" "At week's end the S&P 500 Index increased 3.0% to close at 2,874.56", "By the end of the
week, the S&P 500 was up 3.0%": words that open the sentence or the move's clause with the end of
the week make the move the week's change, never the session's."""

from __future__ import annotations

import pytest
from claim_results import results

# S&P 500: 2020-04-09 close 2,789.82 (Good Friday 2020-04-10 a holiday), 2020-04-16 close
# 2,799.55, 2020-04-17 close 2,874.56: the week +3.04%, the session +2.68%
DAY = "2020-04-17"


def _change(store, text: str, day: str = DAY):
    got = results(store, text, day, "change")
    assert got, (text, [(r.claim.measure, r.claim.quote) for r in results(store, text, day)])
    return got[0]


@pytest.mark.parametrize(
    "text",
    [
        "At week's end the S&P 500 Index increased 3.0% to close at 2,874.56.",
        "At week\u2019s end the S&P 500 Index increased 3.0% to close at 2,874.56.",
        "By the end of the week, the S&P 500 was up 3.0% at 2,874.56.",
        "At the end of the week the S&P 500 rose 3.0%.",
        "By week's end, the S&P 500 had gained 3.0% to 2,874.56.",
        "For the week ended April 17, the S&P 500 Index increased 3.0% to close at 2,874.56.",
        "Stocks were mixed early on, but at week's end the S&P 500 had risen 3.0%.",
    ],
)
def test_the_move_is_the_weeks(claims_store, text):
    r = _change(claims_store, text)
    assert r.verdict == "supported", (r.claim.quote, r.evidence)
    assert r.claim.period is not None and r.claim.period.kind == "week", r.claim.period


@pytest.mark.parametrize(
    "text",
    [
        # a week's figure that is not the week's move stays contradicted
        "At week's end the S&P 500 Index increased 5.0% to close at 2,874.56.",
        "By the end of the week, the S&P 500 was down 3.0%.",
    ],
)
def test_a_wrong_weeks_move_is_contradicted(claims_store, text):
    r = _change(claims_store, text)
    assert r.verdict == "contradicted", (r.claim.quote, r.evidence)


@pytest.mark.parametrize(
    "text",
    [
        # the words in the middle of a clause name no move's week: the session's move
        "The Fed meets at the end of the week, and the S&P 500 rose 2.7% to 2,874.56 on Friday.",
        # a later clause with a day of its own keeps it
        "At week's end the S&P 500 was up 3.0%, after it rose 2.7% on Friday.",
    ],
)
def test_a_move_with_its_own_day_keeps_it(claims_store, text):
    got = [r for r in results(claims_store, text, DAY, "change") if "2.7%" in r.claim.quote]
    assert got, [(r.claim.measure, r.claim.quote) for r in results(claims_store, text, DAY)]
    assert got[0].claim.period is None or got[0].claim.period.kind != "week", got[0].claim.period
    assert got[0].verdict == "supported", (got[0].claim.quote, got[0].evidence)
