"""A change in index points is the difference of two levels: the day's close, which a wire story
may state before the final print (within the level band, 0.05 % of it), and the previous close,
final by then. So a points change accepts that level band, as the level it ends at does; a
change off by more than three times the band is still contradicted.

Data: S&P 500 2024-04-09 close 5,209.91, 2024-04-10 5,160.64 (−49.27 points; 0.05 % of the level
is 2.58 points); 2018-09-25 2,915.56, 2018-09-26 2,905.97 (−9.59).
"""

from __future__ import annotations

import pytest
from claim_results import results

from thesis.claims.tolerance import points_band


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("The S&P 500 slumped 48.21 points to 5,161.70 on Wednesday.", "2024-04-10"),
        ("The S&P 500 fell 50.3 points on Wednesday.", "2024-04-10"),
        ("The S&P 500 slipped 9 points, or 0.3 percent, to 2,905.", "2018-09-26"),
    ],
)
def test_a_points_change_to_a_preliminary_close_is_supported(claims_store, text, date):
    got = results(claims_store, text, date, "points_change")
    assert got and all(r.verdict == "supported" for r in got), [r.evidence for r in got]


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 slumped 38.21 points on Wednesday.",
        "The S&P 500 fell 60 points on Wednesday.",
        "The S&P 500 rose 49.27 points on Wednesday.",
    ],
)
def test_a_points_change_beyond_the_level_band_is_contradicted(claims_store, text):
    got = results(claims_store, text, "2024-04-10", "points_change")
    assert got and all(r.verdict == "contradicted" for r in got), [r.evidence for r in got]


def test_the_band_scales_with_the_level_and_keeps_the_stated_precision():
    at_5000 = points_band(-48.21, 2, "=", 5160.64)
    assert at_5000.verdict(-49.27) is True
    assert at_5000.verdict(-56.0) is False
    small = points_band(2.3, 1, "=", 15.0)  # a VIX move: its precision, not the level, rules
    assert small.verdict(2.34) is True and small.verdict(2.5) is not True
