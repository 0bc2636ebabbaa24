""" "Stocks just finished a third week of advances, lifting the S&P 500 above 3,000 for the first
time since July" in a Monday's story: a first crossing the article's day alone dates may have come
on any session of the week before; those sessions are readings that block a contradiction, never
support one (issue 8, round 81)."""

from __future__ import annotations

from claim_results import results, shown

DAY = "2019-09-16"  # sp500 first closed above 3,000 since July on 2019-09-11 (3,000.93)

TEXT = (
    "Stocks just finished a third week of advances, lifting the S&P 500 above 3,000 for the first "
    "time since July."
)


def test_a_crossing_earlier_in_the_week_is_not_contradicted(claims_store):
    rs = results(claims_store, TEXT, DAY, "first_cross")
    assert rs and all(r.verdict == "unverifiable" for r in rs), shown(rs)


def test_a_crossing_its_words_date_is_judged_on_that_day(claims_store):
    text = "On Friday, the S&P 500 closed above 3,000 for the first time since July."
    rs = results(claims_store, text, DAY, "first_cross")
    assert rs and all(r.verdict == "contradicted" for r in rs), shown(rs)
