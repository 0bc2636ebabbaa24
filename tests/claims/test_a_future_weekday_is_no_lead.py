""" "U.S. markets will be closed on Monday for Labor Day": a weekday under a future tense is the
one ahead, so it neither dates the opening's session (the figures of a Friday's wrap were read on
the Monday before) nor any claim with no day of its own (`text.dates._future_before`; issue 8,
round 82)."""

from __future__ import annotations

from claim_results import results, shown

TEXT = (
    "The S&P 500 and Nasdaq registered weekly gains, while U.S. stocks closed mostly higher on "
    "Friday. U.S. markets will be closed on Monday for Labor Day.\n"
    "Here's how the stock indexes performed:\n"
    "- The S&P 500 (SPX) increased by 8.11 points, or 0.2%, finishing at 4,515.77.\n"
)


def test_the_wraps_figures_are_fridays(claims_store):
    # 2023-09-01 (Friday): +8.11 points to 4,515.77; Monday 2023-08-28 closed at 4,433.31
    rs = [r for r in results(claims_store, TEXT, "2023-09-01") if r.claim.rule == "move"]
    assert rs and all(r.verdict == "supported" for r in rs), shown(rs)
    assert all(r.claim.date.isoformat() == "2023-09-01" for r in rs), shown(rs)


def test_the_closure_is_the_monday_ahead(claims_store):
    rs = [r for r in results(claims_store, TEXT, "2023-09-01") if r.claim.rule == "closure"]
    assert [r.verdict for r in rs] == ["supported"], shown(rs)
    assert "2023-09-04" in rs[0].evidence, shown(rs)
