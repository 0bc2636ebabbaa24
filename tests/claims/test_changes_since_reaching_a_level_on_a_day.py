""" "The S&P 500 fell nearly 10% to about 5,578 since reaching a peak of 6,144 on Feb. 19": a
change since reaching a level on a day is the change since that day, or, when the sentence
states the level left and the level reached, the article's own arithmetic between them; never
one session's move.

Closes by hand: S&P 500 2025-02-19 6,144.15; 2025-03-13 5,521.52 (−10.13% since); one session
on 2025-03-13 −1.39%; 5,578 / 6,144 − 1 = −9.21%.
"""

from __future__ import annotations

from claim_results import results

DAY = "2025-03-13"


def test_a_change_between_the_two_stated_levels(claims_store):
    text = "The S&P 500 fell nearly 10% to about 5,578 since reaching a peak of 6,144 on Feb. 19."
    got = results(claims_store, text, DAY)
    moves = [r for r in got if r.claim.unit == "pct"]
    assert [r.verdict for r in moves] == ["supported"], [r.evidence for r in moves]
    assert all(r.verdict != "contradicted" for r in got), [r.evidence for r in got]


def test_a_change_since_reaching_a_record_on_a_day(claims_store):
    got = results(
        claims_store, "The S&P 500 fell 10.1% since hitting a record on Feb. 19.", DAY, "change"
    )
    assert [r.verdict for r in got] == ["supported"], [r.evidence for r in got]


def test_a_wrong_change_since_the_day_is_contradicted(claims_store):
    got = results(
        claims_store, "The S&P 500 fell 3% since hitting a record on Feb. 19.", DAY, "change"
    )
    assert [r.verdict for r in got] == ["contradicted"], [r.evidence for r in got]


def test_since_reaching_a_level_without_a_day_is_not_one_session(claims_store):
    got = results(claims_store, "The S&P 500 fell 1.4% since reaching its peak last month.", DAY)
    assert all(r.verdict != "supported" or r.claim.measure != "change" for r in got)
    assert all(r.verdict != "contradicted" for r in got), [r.evidence for r in got]


def test_since_reaching_its_peak_last_month_is_from_that_months_highest_close(claims_store):
    # February 2025's highest close: 6,144.15 on 2025-02-19, never the month's first day
    got = results(claims_store, "The S&P 500 fell 10% since reaching its peak last month.", DAY)
    moves = [r for r in got if r.claim.measure == "change"]
    assert [r.verdict for r in moves] == ["supported"], [r.evidence for r in got]
    assert "2025-02-19" in moves[0].evidence
