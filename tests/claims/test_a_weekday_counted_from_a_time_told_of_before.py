""" "September 5th, the VIX closed 20% higher. Monday of the next week the S&P closed 1.08%
higher", "The following Monday, ...", "That Friday, ...": a weekday counted from a time the text
told of before, not from the article's date, is not placed on the article's calendar; "On
Friday, ..." and "analysts said that Friday ..." still are (issue 8, round 81)."""

from __future__ import annotations

import pytest
from claim_results import results, shown

DAY = "2017-10-27"  # a Friday: sp500 +0.81%; Monday 2017-10-23 -0.40%


@pytest.mark.parametrize(
    "text",
    [
        "On September 5th, the VIX jumped. Monday of the next week the S&P 500 closed 1.08% higher.",
        "On September 5th, the VIX jumped. The following Monday, the S&P 500 rose 1.08%.",
        "On September 5th, the VIX jumped. That Monday, the S&P 500 rose 1.08%.",
    ],
)
def test_a_relative_weekday_is_not_the_articles(claims_store, text):
    rs = results(claims_store, text, DAY, "change")
    rs = [r for r in rs if "1.08" in r.claim.quote]
    assert rs and all(r.verdict == "unverifiable" for r in rs), shown(rs)
    assert all(r.claim.date is None for r in rs), shown(rs)


def test_a_plain_weekday_is_the_articles(claims_store):
    rs = results(claims_store, "On Friday, the S&P 500 rose 0.8%.", DAY, "change")
    assert [r.verdict for r in rs] == ["supported"], shown(rs)
    rs = results(claims_store, "On Monday, the S&P 500 rose 1.08%.", DAY, "change")
    assert [r.verdict for r in rs] == ["contradicted"], shown(rs)
