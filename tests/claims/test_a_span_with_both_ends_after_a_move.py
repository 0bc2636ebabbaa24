""" "rose 1.4 percent between Friday, May 19, and Friday, May 26", "rose 78% from 2023 through
the end of 2025", "down 33.79% from February 19 through March 23": two dates joined after a move
are its span, from the close of the first day (a day inside the span was read as the session's
move; "from 2023" as a distance from a level of 2,023; issue 8, round 83). A figure written to a
hundredth over a month or more may be the total return, so the price return does not contradict
it alone."""

from __future__ import annotations

import pytest
from claim_results import results, shown

# 2017-05-19 2,381.73 -> 2017-05-26 2,415.82 (+1.43%); 2022-12-30 3,839.50 -> 2025-12-31
# 6,845.50 (+78.29%); 2020-02-19 3,386.15 -> 2020-03-23 2,237.40 (-33.92%; SPY with dividends
# -33.72%)


@pytest.mark.parametrize(
    ("text", "date", "verdict"),
    [
        ("The S&P 500 rose 1.4 percent between Friday, May 19, and Friday, May 26.", "2017-05-30", "supported"),
        ("The S&P 500 rose 3.4 percent between Friday, May 19, and Friday, May 26.", "2017-05-30", "contradicted"),
        ("The S&P 500 rose 78% from 2023 through the end of 2025.", "2026-01-05", "supported"),
        ("The S&P 500 Index was down 33.79% from February 19 through March 23.", "2020-03-31", "unverifiable"),
        ("The S&P 500 Index was down 35.79% from February 19 through March 23.", "2020-03-31", "contradicted"),
    ],
)  # fmt: skip
def test_a_move_over_a_stated_span(claims_store, text, date, verdict):
    rs = results(claims_store, text, date, "change")
    assert [r.verdict for r in rs] == [verdict], shown(rs)
    assert rs[0].claim.period is not None and rs[0].claim.period.kind == "span", shown(rs)


def test_a_distance_from_a_level_is_still_one(claims_store):
    rs = results(
        claims_store, "The S&P 500 closed 5% from its record high on Friday.", "2025-04-04"
    )
    assert not [r for r in rs if r.claim.measure == "change"], shown(rs)
