""" "the largest one-day VIX decline since its 25.9% dive on June 15, 2006": the day written right
after a move's noun is the move's own, even inside a "since" phrase whose date starts a period
for the sentence's other claims (issue 8, round 80)."""

from __future__ import annotations

from claim_results import quoted, results, shown

TEXT = "The VIX fell 23%, the largest one-day VIX decline since its {}% dive on June 15, 2006."


def test_the_day_after_a_move_noun_is_its_own(claims_store):
    # 2006-06-15: the VIX fell 25.91% (21.46 -> 15.90)
    rs = quoted(results(claims_store, TEXT.format("25.9"), "2007-09-18", "change"), "dive")
    assert [r.verdict for r in rs] == ["supported"], shown(rs)
    assert "2006-06-15" in rs[0].evidence


def test_a_wrong_size_on_that_day_is_not_supported(claims_store):
    rs = quoted(results(claims_store, TEXT.format("32.9"), "2007-09-18", "change"), "dive")
    assert rs and rs[0].verdict != "supported", shown(rs)
    assert "2006-06-15" in rs[0].evidence
