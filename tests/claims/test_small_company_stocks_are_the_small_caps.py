""" "Smaller-company stocks dropped 44.18 points, or 2.9 per cent, to 1,463.79", "A measure of
small-company stocks fell into a bear market": a size word before a market noun names the small
caps' market, the Russell 2000 (its fund, IWM, confirms a move), never the S&P 500 the bare noun
stands for; a mid-cap segment is a series the store lacks. Such a described subject is no
antecedent of "the index" (issue 8, round 83)."""

from __future__ import annotations

from claim_results import results, shown

# 2013-05-14: IWM +1.28%, SPY +1.03%; 2018-12-17: S&P 500 -13.1% from its record (no bear market)


def test_small_company_stocks_are_the_russell_2000(claims_store):
    rs = results(claims_store, "Small-company stocks were up 1.3% on Tuesday.", "2013-05-14")
    assert [(r.claim.subject.key, r.verdict) for r in rs] == [("russell2000", "supported")], shown(
        rs
    )


def test_a_bear_market_of_small_caps_is_not_the_sp500s(claims_store):
    text = "A measure of small-company stocks fell into a bear market."
    rs = results(claims_store, text, "2018-12-17")
    assert "contradicted" not in [r.verdict for r in rs], shown(rs)
    assert all(r.claim.subject is None or r.claim.subject.key != "sp500" for r in rs), shown(rs)


def test_mid_cap_stocks_are_unknown(claims_store):
    rs = results(claims_store, "Mid-cap stocks fell 2% on Monday.", "2018-12-17")
    assert [r.verdict for r in rs] == ["unverifiable"], shown(rs)
    assert all(r.claim.subject is None for r in rs), shown(rs)


def test_the_index_points_past_a_described_segment(claims_store):
    text = (
        "The S&P 500's ascent reflects a re-rating of small-cap equities. As of November 26, 2025, "
        "the index closed at 6,812.61."
    )
    rs = [r for r in results(claims_store, text, "2025-11-28") if "6,812.61" in r.claim.quote]
    assert [(r.claim.subject.key, r.verdict) for r in rs] == [("sp500", "supported")], shown(rs)
