""" "driven by a 2.5% increase in Nvidia shares", "a 2% drop in Financials": the subject named
right after "in" that follows a move's noun is what moved, whatever the sentence named before
(the move was read on the sentence's earlier subject; issue 8, round 83)."""

from __future__ import annotations

from claim_results import results, shown

# 2024-07-09: NVDA (IEX) +2.50%, S&P 500 +0.07%


def test_the_subject_after_in(claims_store):
    text = "The S&P 500 edged up on Tuesday, driven by a 2.5% increase in Nvidia shares."
    rs = results(claims_store, text, "2024-07-09", "change")
    assert [(r.claim.subject.key, r.verdict) for r in rs] == [("nvda", "supported")], shown(rs)
