""" "topping the previous record of 2,190.15" in November 2016, when the store's S&P 500 closes
start that February: the fund that tracks the index (SPY, daily since 1993) shows the older record
lies below this history's, so a record close of this history is a record (both were unverifiable
as "too short to call a record"); where the fund's older record is higher, nothing changes
(issue 8, round 83)."""

from __future__ import annotations

from claim_results import results, shown

# 2016-08-15 2,190.15 (the highest close since 2016-02-12); 2016-11-21 2,198.18; SPY's May 2015
# record close is 2.4% below its August 2016 one. 2016-06-08 2,119.12 is below May 2015's 2,130.82.


def test_a_record_the_fund_places_in_the_history(claims_store):
    text = "The S&P 500 closed at a record 2,198.18, topping the previous record of 2,190.15."
    rs = [
        r
        for r in results(claims_store, text, "2016-11-21")
        if r.claim.measure in ("record", "record_level")
    ]
    assert sorted(r.verdict for r in rs) == ["supported", "supported"], shown(rs)


def test_an_older_record_the_fund_shows_leaves_it_open(claims_store):
    rs = results(claims_store, "The S&P 500 closed at a record 2,119.12.", "2016-06-08", "record")
    assert [r.verdict for r in rs] == ["unverifiable"], shown(rs)
