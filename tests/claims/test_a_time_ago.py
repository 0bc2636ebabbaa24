""" "Just four weeks ago, the VIX was at a three-year low": a claim placed a stated time before the
article's date is read on the days around that time (a week ±3 days, a month ±5, a day ±1), and
only supports: the words place its day roughly. A date in the claim's own clause is its own
("Less than three weeks ago, when the S&P 500 hit its record high on Feb. 19") (issue 8, round 80)."""

from __future__ import annotations

from claim_results import results, shown


def test_a_time_ago_is_a_window_that_only_supports(claims_store):
    # 2010-04-22, four weeks before 2010-05-20: the VIX closed at 16.32, far below 2010-05-20's 45.79
    rs = results(
        claims_store, "Just four weeks ago, the VIX closed at 16.32.", "2010-05-20", "close"
    )
    assert [r.verdict for r in rs] == ["supported"], shown(rs)
    rs = results(
        claims_store, "Just four weeks ago, the VIX closed at 30.32.", "2010-05-20", "close"
    )
    assert [r.verdict for r in rs] == ["unverifiable"], shown(rs)


def test_a_date_in_the_claims_clause_is_its_own(claims_store):
    text = (
        "Less than three weeks ago, when the S&P 500 hit its most recent record high on Feb. 19, "
        "the VIX was in the low teens."
    )
    rs = results(claims_store, text, "2020-03-09", "record")
    assert rs and "2020-02-19" in rs[0].evidence, shown(rs)
