""" "U.S. stocks tumbled the most in 12 weeks": "the most" after a move verb ranks the move over a
span after "in" as it did over one after "since" (no claim was read; issue 8, round 83)."""

from __future__ import annotations

import pytest
from claim_results import results, shown

# 2020-06-11: S&P 500 -5.89%, the largest fall since 2020-03-16 (-11.98%)


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("U.S. stocks tumbled the most in 12 weeks on Thursday.", "supported"),
        # a bigger fall within the year: not contradicted, the words do not say over how many days
        ("The S&P 500 tumbled the most in a year on Thursday.", "unverifiable"),
    ],
)
def test_the_most_in_a_span(claims_store, text, verdict):
    rs = results(claims_store, text, "2020-06-11", "since")
    assert [r.verdict for r in rs] == [verdict], shown(rs)
