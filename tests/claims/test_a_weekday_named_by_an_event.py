""" "crossed 6,000 for the first time the Monday after election day", "the Friday before
Thanksgiving": a weekday that "the" names by the event it follows or precedes is not the
article's week's weekday; the calendar of the article's date cannot place it, so its claim is
unverifiable. "On Monday after a report showed ..." is still that Monday (issue 8, round 80)."""

from __future__ import annotations

from claim_results import results, shown


def test_a_first_crossing_on_an_events_weekday_is_not_dated(claims_store):
    # the first close above 6,000 was on 2024-11-11, not a Monday of December
    text = "The S&P 500 crossed 6,000 for the first time the Monday after election day."
    rs = results(claims_store, text, "2024-12", "first_cross")
    assert [r.verdict for r in rs] == ["unverifiable"], shown(rs)


def test_a_move_on_an_events_weekday_is_not_dated(claims_store):
    text = "The S&P 500 fell 1.8% the Monday after the election."
    rs = results(claims_store, text, "2025-10-07", "change")
    assert rs and all(r.verdict == "unverifiable" for r in rs), shown(rs)


def test_on_a_weekday_after_a_report_is_that_weekday(claims_store):
    # 2025-10-06 (Monday): +0.36%
    rs = results(
        claims_store, "The S&P 500 fell 1.8% on Monday after a report.", "2025-10-07", "change"
    )
    assert [r.verdict for r in rs] == ["contradicted"], shown(rs)
