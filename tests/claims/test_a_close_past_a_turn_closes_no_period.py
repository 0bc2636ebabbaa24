""" "fell 2% in April but ended the year with a 16% advance": a close verb after a word that turns
to another event ("but", "before", "then") closes out no period for the figure before it (the
year's close was read as the 2%'s period; issue 8, round 83)."""

from __future__ import annotations

from claim_results import results, shown


def test_the_figure_before_but_keeps_its_own_period(claims_store):
    text = "The S&P 500 slipped 0.8% in April but ended the year with a 16% advance."
    rs = results(claims_store, text, "2026-01-05", "change")
    assert rs[0].claim.period is not None and rs[0].claim.period.text == "April", shown(rs)
    assert rs[0].verdict == "supported", shown(rs)  # April 2025: -0.76%


def test_a_close_verb_after_the_figure_still_closes_its_period(claims_store):
    # 2025: +16.39% to 6,845.50 on 2025-12-31
    text = "The S&P 500 rose 16.4% to end the year at 6,845.50."
    rs = results(claims_store, text, "2026-01-02", "change")
    assert rs[0].claim.period is not None and rs[0].claim.period.kind == "year", shown(rs)
    assert rs[0].verdict == "supported", shown(rs)
