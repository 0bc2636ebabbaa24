""" "The S&P 500 closed sharply lower, down 0.9%": an adverb of degree between the closing verb
and the move ("sharply", "slightly", "broadly") does not push the verb out of the four words that
bind the move to the session (`binding.bind_period`; issue 8, round 82)."""

from __future__ import annotations

import pytest
from claim_results import results, shown

# 2025-09-02 (Tuesday after Labor Day): the S&P 500 -0.69% (6,460.26 -> 6,415.54)


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("The S&P 500 closed sharply lower, down 0.9%.", "contradicted"),
        ("The S&P 500 closed slightly lower, down 0.7%.", "supported"),
        ("The S&P 500 closed lower, down 0.9%.", "contradicted"),
        # no closing verb: the period is only assumed
        ("The S&P 500 was sharply lower, down 0.9%.", "unverifiable"),
    ],
)
def test_a_closing_verb_past_an_adverb(claims_store, text, verdict):
    rs = results(claims_store, text, "2025-09-02", "change")
    assert [r.verdict for r in rs] == [verdict], shown(rs)


def test_another_clauses_move_keeps_its_own_period(claims_store):
    rs = results(
        claims_store, "Stocks closed sharply lower, and the VIX rose 5%.", "2025-09-02", "change"
    )
    assert [r.verdict for r in rs] == ["unverifiable"], shown(rs)
