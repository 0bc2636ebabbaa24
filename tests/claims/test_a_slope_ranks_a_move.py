""" "its steepest driblet since May 2022" (a machine-spun "drop"): "steepest" ranks a move, never
a level, whatever its noun; "sharpest" with no move word is not read (the noun unknown, the
superlative was read as the lowest close, and contradicted; issue 8, round 83)."""

from __future__ import annotations

from claim_results import results, shown

# 2022-09-13: AMZN -7.06%, the largest daily drop since 2022-05-18 (-7.16%)


def test_steepest_ranks_the_days_drop(claims_store):
    text = "Amazon shares fell 7.1% on Tuesday, its steepest driblet since May 2022."
    rs = [r for r in results(claims_store, text, "2022-09-13") if r.claim.measure == "since"]
    assert [r.verdict for r in rs] == ["supported"], shown(rs)
    assert rs[0].claim.extra["what"] == "drop", shown(rs)


def test_sharpest_without_a_move_word_is_not_read(claims_store):
    text = "Amazon shares fell 7.1% on Tuesday, its sharpest driblet since May 2022."
    rs = [r for r in results(claims_store, text, "2022-09-13") if r.claim.measure == "since"]
    assert not rs, shown(rs)
