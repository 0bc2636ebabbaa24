""" "The VIX rocketed 31.65%, closing at 21.63" when the store holds 21.66: a volatility index is
quoted from its 4:00 p.m. print, Cboe's 4:15 p.m. settlement or a mark before them, so its close
holds within a few cents; and a move in percent that is the change from the previous close to
that stated print is the story's arithmetic, not a wrong figure. Far from both, they are
contradicted (issue 8, round 81)."""

from __future__ import annotations

from claim_results import results, shown

DAY = "2025-10-10"  # the VIX closed at 21.66 (16.43 the day before: +31.83%)


def test_a_close_a_few_cents_off_holds(claims_store):
    rs = results(claims_store, "On Friday the VIX closed at 21.63.", DAY, "close")
    assert [r.verdict for r in rs] == ["supported"], shown(rs)


def test_a_close_far_off_is_contradicted(claims_store):
    rs = results(claims_store, "On Friday the VIX closed at 21.20.", DAY, "close")
    assert [r.verdict for r in rs] == ["contradicted"], shown(rs)


def test_a_move_to_the_stated_print_is_not_contradicted(claims_store):
    text = "On Friday the VIX rocketed 31.65%, closing at 21.63."
    rs = results(claims_store, text, DAY, "change")
    assert rs and all(r.verdict == "unverifiable" for r in rs), shown(rs)
    assert any("preliminary print" in r.evidence for r in rs), shown(rs)


def test_a_move_neither_close_gives_is_contradicted(claims_store):
    text = "On Friday the VIX rocketed 25.65%, closing at 21.63."
    rs = results(claims_store, text, DAY, "change")
    assert [r.verdict for r in rs] == ["contradicted"], shown(rs)
