""" "The 10-year yield rose to 3.49%. That marks a high not seen since April 2011.": a sentence
that opens "That marks", "This was" ranks what the sentence before reported, whose subject it
borrows as a back-reference (support only; no claim was read; issue 8, round 83)."""

from __future__ import annotations

from claim_results import results, shown

# 2022-06-14: 10-year 3.49%, the highest close since 2011-04-14 (3.51%)


def test_that_marks_a_high(claims_store):
    text = "The 10-year yield rose to 3.49%. That marks a high not seen since April 2011."
    rs = results(claims_store, text, "2022-06-14", "since")
    assert [(r.claim.subject.key, r.verdict) for r in rs] == [("ust10y", "supported")], shown(rs)


def test_a_wrong_rank_through_that_is_not_contradicted(claims_store):
    text = "The 10-year yield rose to 3.49%. That marks a high not seen since April 2001."
    rs = results(claims_store, text, "2022-06-14", "since")
    assert [r.verdict for r in rs] == ["unverifiable"], shown(rs)
