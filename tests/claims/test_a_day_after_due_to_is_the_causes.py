""" "The CBOE Volatility Index jumped 6.5% to 17.17 due in part to the US Court of Appeals ... on
Friday ruling": a day after "due to", "thanks to" or "following" dates the other event, not the
figure before it (the VIX's Tuesday move was read on Friday and contradicted; issue 8, round 83);
a two-day range dates no single session ("lost 10.5 percent in the two trading sessions of 3–4
April")."""

from __future__ import annotations

import datetime as dt

from claim_results import results, shown

# 2025-09-02 (after Labor Day): VIX 17.17, its holiday row of 2025-09-01 16.12 (+6.51%);
# 2025-08-29 15.36


def test_the_day_of_the_cause_is_not_the_figures(claims_store):
    text = (
        "Stocks fell on Tuesday as yields rose. The CBOE Volatility Index jumped 6.5% to 17.17 due "
        "in part to the US Court of Appeals on Friday ruling most tariffs unlawful."
    )
    rs = [r for r in results(claims_store, text, "2025-09-02") if "17.17" in r.claim.quote]
    assert rs and all(r.claim.date == dt.date(2025, 9, 2) for r in rs), shown(rs)
    assert {r.verdict for r in rs} == {"supported"}, shown(rs)


def test_a_two_day_range_is_no_session(claims_store):
    text = "The S&P 500 lost 10.5 percent in the two trading sessions of 3–4 April."
    rs = results(claims_store, text, "2025-04", "change")
    assert [r.verdict for r in rs] == ["unverifiable"], shown(rs)
