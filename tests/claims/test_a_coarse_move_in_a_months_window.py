""" "VIX fell 3%" in a review dated only to a month: of twenty candidate sessions one or two fit a
coarse figure by luck (the chance summed over the window's sessions is far above
``thesis.claims.chance.LIMIT``), so a fit on some session of the window supports nothing; a figure
to two decimals, or a session the words name, still does (issue 8, round 81)."""

from __future__ import annotations

from claim_results import results, shown

MONTH = "2025-05"  # VIX 2025-05-30: 18.57, -3.18% on the day


def test_a_coarse_move_fitting_some_session_is_not_supported(claims_store):
    rs = results(claims_store, "VIX fell 3%.", MONTH, "change")
    assert rs and all(r.verdict == "unverifiable" for r in rs), shown(rs)
    assert any("by luck" in r.evidence for r in rs), shown(rs)


def test_a_move_to_two_decimals_is_supported(claims_store):
    rs = results(claims_store, "VIX fell 3.18%.", MONTH, "change")
    assert [r.verdict for r in rs] == ["supported"], shown(rs)


def test_a_named_session_is_supported(claims_store):
    rs = results(claims_store, "On May 30 the VIX fell 3%.", MONTH, "change")
    assert [r.verdict for r in rs] == ["supported"], shown(rs)
