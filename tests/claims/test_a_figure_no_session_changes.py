""" "A report released Tuesday morning showed that inflation decelerated to only 3.1%": the
intraday qualifier a live story or a time of day nearby puts on a figure does not bear on one no
session's prices change (a release's figure, a Fed decision, a count: `judge._NEVER_INTRADAY`;
issue 8, round 82). A price move in the session stays intraday."""

from __future__ import annotations

import pytest
from claim_results import results, shown

LIVE = "Stocks were last down 1.2% on Wall Street. "


@pytest.mark.parametrize(
    ("text", "date", "measure", "verdict"),
    [
        # CPI-U y/y January 2024 3.09% (released 2024-02-13)
        (LIVE + "A report released Tuesday morning showed that inflation decelerated to only 3.1% in "
         "January.", "2024-02-13", "macro", "supported"),
        # 2023: the S&P 500 +24.23%
        (LIVE + "A report released Tuesday morning showed that inflation decelerated to 3.5% year over year in "
         "January.", "2024-02-13", "macro", "contradicted"),
        # a figure of the session stays intraday
        (LIVE + "The S&P 500 was 0.5% lower in early trading.", "2024-02-13", "change", "unverifiable"),
    ],
)  # fmt: skip
def test_the_live_storys_figures_of_closed_periods(claims_store, text, date, measure, verdict):
    rs = [r for r in results(claims_store, text, date, measure) if r.claim.start > len(LIVE)]
    assert [r.verdict for r in rs] == [verdict], shown(rs)
