""" "Stocks rallied on Wednesday. The S&P 500 had been off 19% from an earlier record": a past
perfect in a claim dated only by the article (or the session its opening reports) tells of a
time before it, on a day the words do not name: the claim may be supported, never contradicted
(issue 8, round 80)."""

from __future__ import annotations

from claim_results import results, shown

TEXT = "Stocks rallied on Wednesday. The S&P 500 {} off 19% from an earlier record."


def test_a_past_perfect_only_supports(claims_store):
    # 2025-04-09 closed 11.19% below the record (6,144.15); 2025-04-08 18.90% below
    rs = results(claims_store, TEXT.format("had been"), "2025-04-09", "distance")
    assert [r.verdict for r in rs] == ["unverifiable"], shown(rs)
    assert "only assumed" in rs[0].evidence


def test_a_simple_past_is_the_days(claims_store):
    rs = results(claims_store, TEXT.format("was"), "2025-04-09", "distance")
    assert [r.verdict for r in rs] == ["contradicted"], shown(rs)
