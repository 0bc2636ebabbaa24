""" "On December 31, 2017, the S&P 500 closed at 2673" (a Sunday): a month's last day is the "as
of" date of the period's close, read on its last session, not a day with no session to
contradict (issue 8, round 83)."""

from __future__ import annotations

from claim_results import results, shown

# 2017-12-29 (Friday), the year's last session: 2,673.61; 2024-01-06 a Saturday


def test_a_month_end_on_a_weekend_reads_the_last_session(claims_store):
    rs = results(claims_store, "On December 31, 2017, the S&P 500 closed at 2673.", "2018-01-05")
    assert [(r.claim.measure, r.verdict) for r in rs] == [("close", "supported")], shown(rs)


def test_another_weekend_day_is_still_no_session(claims_store):
    rs = results(claims_store, "On January 6, 2024, the S&P 500 closed at 4,697.24.", "2024-01-10")
    assert "contradicted" in [r.verdict for r in rs if r.claim.rule == "closed_day"], shown(rs)
