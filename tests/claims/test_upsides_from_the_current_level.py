"""An upside "another X% to L" is measured from the current level (stated in the sentence, "From
its current level at around 5,440", or the subject's close of the article's session), never from
the start of the period whose end the target names ("to finish the year at 5,600").

Closes by hand (S&P 500): 2023-12-29 4,769.83; 2024-06-14 5,431.60; 2024-06-17 5,473.23.
"""

from __future__ import annotations

import pytest
from claim_results import results


@pytest.mark.parametrize(
    "text",
    [
        "From its current level at around 5,440, the S&P 500 would have to rise another 2.9% to "
        "finish the year at 5,600.",
        "From 5,440 now, the S&P 500 would need to climb 2.9% to reach 5,600 by year-end.",
        "The S&P 500 would have to rise 2.9% to 5,600 from 5,440.",
    ],
)
def test_an_upside_from_a_stated_current_level(claims_store, text):
    got = results(claims_store, text, "2024-06-18", "upside")
    assert [r.verdict for r in got] == ["supported"], [r.evidence for r in got]
    assert "5,440.00 the article states" in got[0].evidence


def test_an_upside_to_a_period_end_is_read_from_the_session_not_the_period_start(claims_store):
    # 5,600 / 5,473.23 − 1 = +2.32% (Monday), / 5,431.60 = +3.10% (Friday); from the year's
    # start it would be +17.40%
    text = "Stocks rose on Monday. The S&P 500 would have to rise another 2.3% to finish the year at 5,600."
    got = results(claims_store, text, "2024-06-18", "upside")
    assert [r.verdict for r in got] == ["supported"], [r.evidence for r in got]
    assert "2023-12-29" not in got[0].evidence


def test_a_move_that_happened_is_not_an_upside(claims_store):
    text = "The S&P 500 has increased by 7.4% to 4411.59 since March 31."
    got = results(claims_store, text, "2023-07-10", "upside")
    assert got == [], [(r.claim.quote, r.evidence) for r in got]
