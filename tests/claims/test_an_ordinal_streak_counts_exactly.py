""" "The S&P 500 rose for a fourth straight day" on the seventh day of a run: an ordinal names the
day's place in the run, so a longer run contradicts it (a cardinal, "up four days in a row", is
not contradicted by a longer run). A writer may take a flat session (a move under 0.05%) for no
gain, so the run counted after such a session is read as well (issue 8, round 80)."""

from __future__ import annotations

import pytest
from claim_results import results, shown

# 2025-09-25 .. 2025-10-06: seven sessions up in a row; 2025-10-03 +0.01% (flat)
DAY = "2025-10-06"


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("On Monday the S&P 500 rose for a fourth straight day.", "contradicted"),
        ("On Monday the S&P 500 rose for a seventh straight day.", "supported"),
        # a cardinal: a longer run holds four days in a row
        ("On Monday the S&P 500 was up for four consecutive sessions.", "unverifiable"),
    ],
)
def test_an_ordinal_is_the_days_place_in_the_run(claims_store, text, verdict):
    rs = results(claims_store, text, DAY, "streak")
    assert [r.verdict for r in rs] == [verdict], shown(rs)
