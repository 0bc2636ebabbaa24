""" "The bank's strategists now see the US stock index ending the year at 5,600, up from the 5,200
level they had forecast in February. The new target implies a roughly 3% gain in the gauge from
Friday's close.": the upside to a level the sentence before forecasts (not the one it moved
"from"), from the close the words name, else the article's day (the article's own arithmetic
with the data's close; it was read as a forecast move; issue 8, round 83)."""

from __future__ import annotations

import pytest
from claim_results import results, shown

# 2024-06-14 (Friday) S&P 500 5,431.60: 5,600 is +3.10%

BEFORE = (
    "Strategists at Goldman Sachs raised their year-end target for the S&P 500 Index for the "
    "third time. The bank's strategists now see the US stock index ending the year at 5,600, up "
    "from the 5,200 level they had forecast in February. "
)


@pytest.mark.parametrize(
    ("words", "verdict"),
    [
        ("The new target implies a roughly 3% gain in the gauge from Friday's close.", "supported"),
        ("The new target implies a 3.1% gain in the gauge from Friday's close.", "supported"),
        # "the gauge" is a back-reference: a misfit is not contradicted
        ("The new target implies a 17.1% gain in the gauge from Friday's close.", "unverifiable"),
    ],
)
def test_the_upside_to_the_forecast_level(claims_store, words, verdict):
    rs = results(claims_store, BEFORE + words, "2024-06-17", "upside")
    assert [r.verdict for r in rs] == [verdict], shown(rs)
