""" "ended down by 0.4% Tuesday, ending a fifth consecutive day of losses": an ordinal counts the
day itself, so the run goes on through it; only a count of a run ("snapping a five-day losing
streak") is one the day broke (read as broken, and contradicted; issue 8, round 83)."""

from __future__ import annotations

from claim_results import results, shown

# 2022-06-08 .. 2022-06-14: five sessions down in a row; 2022-06-15 up 1.46%


def test_an_ordinal_run_goes_on_through_the_day(claims_store):
    text = "The S&P 500 ended down by 0.4% Tuesday, ending a fifth consecutive day of losses."
    rs = [r for r in results(claims_store, text, "2022-06-14") if r.claim.rule == "streak"]
    assert [r.verdict for r in rs] == ["supported"], shown(rs)


def test_a_count_of_a_run_is_one_the_day_broke(claims_store):
    text = "The S&P 500 rose 1.5% on Wednesday, snapping a five-day losing streak."
    rs = [r for r in results(claims_store, text, "2022-06-15") if r.claim.rule == "streak"]
    assert [r.verdict for r in rs] == ["supported"], shown(rs)


def test_a_fed_decision_dated_by_its_meetings_range(claims_store):
    text = "The Fed raised rates by 75 basis points at its June 14-15, 2022 meeting."
    rs = [r for r in results(claims_store, text, "2022-06-20") if r.claim.rule == "fed"]
    assert [r.verdict for r in rs] == ["supported"], shown(rs)
    assert "2022-06-15" in rs[0].evidence, shown(rs)
