""" "U.S. stocks were higher and Treasury yields declined Wednesday following the Fed's final
policy decision of the year": a move verb without a figure is read for each series the sentence
moves (one claim a series), and the period words of the event after the move ("following ... of
the year") are the event's, not the move's; "fell this week after a strong month" is still a
week's (issue 8, round 81)."""

from __future__ import annotations

from claim_results import results, shown

DAY = "2019-12-11"  # sp500 +0.29%, ust10y 1.85% -> 1.79%


def test_each_series_moved_is_read(claims_store):
    text = (
        "U.S. stocks were higher and Treasury yields declined Wednesday following the Federal "
        "Reserve's final monetary policy decision of the year."
    )
    rs = results(claims_store, text, DAY, "direction")
    got = {(r.claim.subject.key, r.verdict) for r in rs if r.claim.subject is not None}
    assert got == {("market", "supported"), ("ust10y", "supported")}, shown(rs)


def test_a_period_before_the_event_is_the_moves(claims_store):
    rs = results(claims_store, "The S&P 500 fell this week after a strong month.", "2019-12-13")
    assert not [r for r in rs if r.claim.measure == "direction"], shown(rs)
