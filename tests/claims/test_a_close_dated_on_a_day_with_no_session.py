""" "On January 6, 2024, the S&P 500 closed at 4,839.81" (a Saturday): the date is contradicted as
a claim of its own, once; the close it dates is not read on the session before as well (the day,
not necessarily the level, is wrong), so one error is reported once (issue 8, round 81)."""

from __future__ import annotations

from claim_results import results, shown

DAY = "2024-01-31"  # 4,839.81 is the close of 2024-01-19; 2024-01-05 closed at 4,697.24


def test_the_date_is_contradicted_and_the_close_is_not_read_elsewhere(claims_store):
    rs = results(claims_store, "On January 6, 2024, the S&P 500 closed at 4,839.81.", DAY)
    days = [r for r in rs if r.claim.measure == "session_day"]
    closes = [r for r in rs if r.claim.measure == "close"]
    assert [r.verdict for r in days] == ["contradicted"], shown(rs)
    assert [r.verdict for r in closes] == ["unverifiable"], shown(rs)


def test_a_close_on_a_session_is_judged(claims_store):
    rs = results(claims_store, "On January 5, 2024, the S&P 500 closed at 4,839.81.", DAY, "close")
    assert [r.verdict for r in rs] == ["contradicted"], shown(rs)
