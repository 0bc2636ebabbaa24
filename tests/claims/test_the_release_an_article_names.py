""" "The CPI report for January showed headline inflation rising 3% year-over-year. On a
month-over-month basis, CPI rose 0.4%": on the day a release comes out (CPI between the 10th and
the 15th, before the catalog's lag), a figure that names no month may be the new release's or the
one before; another figure of the same release (the indicator or its core) whose words name one of
those months pins it for the figures that name none (`judge._release_named`; issue 8, round 82)."""

from __future__ import annotations

from claim_results import results, shown

# CPI-U SA month over month: 2024-12 +0.36%, 2025-01 +0.47% (published 2025-02-12); y/y Jan 3.0%
LEAD = "The Consumer Price Index report for January showed headline inflation rising 3% year-over-year."


def test_the_month_named_in_the_lead_is_the_releases(claims_store):
    text = f"{LEAD} On a month-over-month basis, CPI rose 0.4%."
    rs = [r for r in results(claims_store, text, "2025-02-12", "macro") if "0.4%" in r.claim.quote]
    assert [r.verdict for r in rs] == ["unverifiable"], shown(rs)  # 0.47: within a revision
    assert "2025-01 mom" in rs[0].evidence, shown(rs)
    text = f"{LEAD} On a month-over-month basis, CPI rose 0.9%."
    rs = [r for r in results(claims_store, text, "2025-02-12", "macro") if "0.9%" in r.claim.quote]
    assert [r.verdict for r in rs] == ["contradicted"], shown(rs)
    assert "2024-12" not in rs[0].evidence, shown(rs)


def test_without_a_named_month_both_releases_are_readings(claims_store):
    # December's +0.36% supports "0.4%" when nothing in the article says which release it is
    rs = results(claims_store, "On a month-over-month basis, CPI rose 0.4%.", "2025-02-12", "macro")
    assert [r.verdict for r in rs] == ["supported"], shown(rs)
    assert "2024-12 mom" in rs[0].evidence, shown(rs)


def test_two_months_named_pin_neither(claims_store):
    text = (
        "Consumer prices rose 0.4% in December, and the report for January showed inflation "
        "rising 3% year-over-year. On a month-over-month basis, the CPI rose 0.4% last month."
    )
    rs = [r for r in results(claims_store, text, "2025-02-12", "macro") if r.claim.start > 100]
    assert [r.verdict for r in rs] == ["supported"], shown(rs)


def test_an_older_month_named_pins_nothing(claims_store):
    # 2024-11-13 (October's release day): "September's 0.2%" names the month the lag already reads
    text = (
        "Inflation increased by 0.2% for the month, matching September's 0.2% rise. Before "
        "seasonal adjustment, the year-over-year inflation rate grew by 2.6%."
    )
    rs = [r for r in results(claims_store, text, "2024-11-13", "macro") if "2.6%" in r.claim.quote]
    assert [r.verdict for r in rs] == ["supported"], shown(rs)
    assert "2024-10" in rs[0].evidence, shown(rs)
