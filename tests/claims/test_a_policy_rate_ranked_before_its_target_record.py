""" "The Fed cut the federal funds rate to 2.5%, its lowest level since 1962": the target's
record starts in 1982, and the effective rate's daily swings cannot rank a target that far back:
unverifiable. A rank within the target's record is judged (issue 8, round 81)."""

from __future__ import annotations

from claim_results import results, shown


def test_a_rank_before_the_target_record_is_not_judged(claims_store):
    text = "The Fed cut the federal funds rate to 2.5%, its lowest level since 1962."
    rs = results(claims_store, text, "2001-10-02", "since")
    assert rs and all(r.verdict == "unverifiable" for r in rs), shown(rs)
    assert any("record starts in 1982" in r.evidence for r in rs), shown(rs)
