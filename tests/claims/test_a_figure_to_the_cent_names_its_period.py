""" "For the year:  The S&P 500 is up 39.33 points, or 0.9%." under a table heading repeated by
mistake over the week's figures: a points figure stated to the cent that another period's change
(the session's, the week's, or to date, on the claim's session or the one before) gives exactly
is that period's; the claim is not contradicted, nor is the percent beside it. A figure within
the judge's band but not to the cent names nothing (issue 8, round 81)."""

from __future__ import annotations

from claim_results import results, shown

DAY = "2023-12-12"  # sp500 4,643.70; 2023-12-08 4,604.37 (week: +39.33); 2022-12-30 3,839.50

TABLE = (
    "On Tuesday:\n\nThe S&P 500 rose 21.26 points, or 0.5%, to 4,643.70\n\nFor the year:\n\n{}\n"
)


def _year_rows(claims_store, row: str) -> list:
    rs = results(claims_store, TABLE.format(row), DAY)
    return [
        r for r in rs if r.claim.quote in row and r.claim.measure in ("change", "points_change")
    ]


def test_the_weeks_change_to_the_cent_is_not_contradicted(claims_store):
    rs = _year_rows(claims_store, "The S&P 500 is up 39.33 points, or 0.9%.")
    assert {r.claim.measure for r in rs} == {"change", "points_change"}, shown(rs)
    assert all(r.verdict == "unverifiable" for r in rs), shown(rs)
    assert all("over the week" in r.evidence for r in rs), shown(rs)


def test_a_figure_no_period_gives_is_contradicted(claims_store):
    rs = _year_rows(claims_store, "The S&P 500 is up 12.34 points, or 0.3%.")
    pts = [r for r in rs if r.claim.measure == "points_change"]
    assert [r.verdict for r in pts] == ["contradicted"], shown(rs)


def test_the_years_own_figures_are_supported(claims_store):
    rs = _year_rows(claims_store, "The S&P 500 is up 804.20 points, or 20.9%.")
    assert rs and all(r.verdict == "supported" for r in rs), shown(rs)


def test_a_figure_within_another_periods_band_but_not_to_the_cent_is_contradicted(claims_store):
    # 2025-08-12: +72.31 points on the day; +56.31 over the week (within a band of a share of
    # the level of 57.48, not to the cent)
    rs = results(claims_store, "The S&P 500 gained 57.48 points on Tuesday.", "2025-08-12")
    rs = [r for r in rs if r.claim.measure == "points_change"]
    assert [r.verdict for r in rs] == ["contradicted"], shown(rs)
