""" "The S&P 500 has returned 37.7% the last 50 trading days": fifty days counted with both ends
run from the close of the first of them, one session less than from the close before it; that
reading blocks a contradiction (issue 8, round 81)."""

from __future__ import annotations

from claim_results import results, shown

DAY = "2020-06-02"  # sp500 3,080.82; 2020-03-23 2,237.40 (49 sessions back: +37.70%)


def test_one_session_less_is_a_reading(claims_store):
    rs = results(claims_store, "The S&P 500 has gained 37.7% over the last 50 trading days.", DAY)
    rs = [r for r in rs if r.claim.measure == "change"]
    assert rs and all(r.verdict != "contradicted" for r in rs), shown(rs)


def test_a_figure_neither_count_gives_is_contradicted(claims_store):
    rs = results(claims_store, "The S&P 500 has gained 12.7% over the last 50 trading days.", DAY)
    rs = [r for r in rs if r.claim.measure == "change"]
    assert [r.verdict for r in rs] == ["contradicted"], shown(rs)
