""" "Core CPI rose 3.0% year over year, matching both forecasts and September's reading": a month
named after a comparing word ("matching", "in line with", "the same as", "than") is the other
reading's, not the figure's own month (issue 8, round 82)."""

from __future__ import annotations

import pytest
from claim_results import results, shown

# core CPI y/y: 2025-09 3.03%, 2025-11 2.62% (released 2025-12-18; no October 2025 release)
LEAD = (
    "The Consumer Price Index rose 2.7% year-over-year in November 2025, the BLS reported Thursday."
)


@pytest.mark.parametrize(
    ("tail", "verdict"),
    [
        ("core CPI rose 3.0% year over year, matching both forecasts and September's reading.", "contradicted"),
        ("core CPI rose 2.6% year over year, in line with September's pace.", "supported"),
        ("core CPI rose 3.0% year over year in September.", "supported"),
    ],
)  # fmt: skip
def test_a_compared_month_is_not_the_figures(claims_store, tail, verdict):
    rs = [r for r in results(claims_store, f"{LEAD} {tail}", "2025-12-18", "macro")
          if r.claim.subject.key == "core_cpi"]  # fmt: skip
    assert [r.verdict for r in rs] == [verdict], shown(rs)


def test_a_from_figures_month_is_still_its_own(claims_store):
    text = "The CPI rose 2.7% year-over-year in November, down from 3.0% in September."
    rs = [r for r in results(claims_store, text, "2025-12-18", "macro") if "3.0%" in r.claim.quote]
    assert rs and all(r.verdict == "supported" for r in rs), shown(rs)
