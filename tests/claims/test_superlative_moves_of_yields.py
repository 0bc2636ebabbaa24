"""A superlative move of a yield ("its biggest 2-day drop since 2008") compares moves in points of
percent (basis points), not in percent of the yield: a fall from 0.8% to 0.6% is 20 bp, not a 25 %
drop. "Since YEAR" is "the largest since some day in YEAR": a larger move after the year's end
contradicts it (a −12 bp fall on 2023-03-17 has dozens since 2009); the evidence names the last
larger move, in or before the year.

Data (2-year Treasury yield, DGS2): 2023-03-08 5.05, 03-10 4.60 (−45 bp in two days; the last
larger two-day fall −46 bp to 2008-09-29); 03-13 4.03 (−87 bp from 03-09), 03-15 3.93, 03-17 3.81.
"""

from __future__ import annotations

import pytest
from claim_results import results


@pytest.mark.parametrize(
    "text",
    [
        "The two-year Treasury yield posted its biggest 2-day drop since 2008.",
        "The 2-year Treasury yield had its largest two-day decline since 2008.",
    ],
)
def test_a_yields_largest_move_is_read_in_points(claims_store, text):
    got = results(claims_store, text, "2023-03-10", "since")
    assert got and all(r.verdict == "supported" for r in got), [r.evidence for r in got]
    assert all("2008-09-29" in r.evidence for r in got)


def test_a_larger_move_after_the_year_contradicts_it(claims_store):
    text = "The two-year Treasury yield posted its biggest 2-day drop since 2008."
    got = results(claims_store, text, "2023-03-17", "since")
    assert got and all(r.verdict == "contradicted" for r in got), [r.evidence for r in got]
    assert all("above it since 2008-12-31: 20" in r.evidence for r in got)
