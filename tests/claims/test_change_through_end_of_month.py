"""A change "through", "by" or "as of the end of" a month or quarter is the change from the start
of the year to that period's end, not that period's own change ("the S&P's more than 20% gain
through September was the best first nine-month performance since 1997").

Data: S&P 500 2023-12-29 4,769.83; 2024-06-28 5,460.48 (+14.48%); 2024-08-30 5,648.40;
2024-09-30 5,762.48 (+20.81% on the year, +2.02% on the month).
"""

from __future__ import annotations

import pytest
from claim_results import results


@pytest.mark.parametrize(
    "text",
    [
        "Gains were strong, as the S&P 500's more than 20% gain through September was the best "
        "since 1997.",
        "The S&P 500 rose 20.8% through the end of September.",
        "The S&P 500 was up 14% as of the end of June.",
        "The S&P 500 rose 14.5% through June.",
    ],
)
def test_a_change_through_a_month_is_the_year_to_its_end(claims_store, text):
    got = results(claims_store, text, "2024-11-08", "change")
    assert got and all(r.verdict == "supported" for r in got), [r.evidence for r in got]
    assert all("last close before 2024-01-01" in r.evidence for r in got)


def test_a_month_on_its_own_is_still_that_months_change(claims_store):
    got = results(claims_store, "The S&P 500 rose 2% in September.", "2024-11-08", "change")
    assert got and all(r.verdict == "supported" for r in got), [r.evidence for r in got]
    assert "last close of the prior month 2024-08-30" in got[0].evidence


def test_a_wrong_change_through_a_month_is_contradicted(claims_store):
    got = results(claims_store, "The S&P 500 rose 2% through September.", "2024-11-08", "change")
    assert got and all(r.verdict == "contradicted" for r in got), [r.evidence for r in got]
