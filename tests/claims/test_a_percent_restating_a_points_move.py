"""A move in points and its restatement in percent are one move ("the S&P 500 dropped 24.33
points, or -0.08%"). When the points fit a day and a period to their last digit, that day and
period are the percent's too: the percent is judged there, and contradicted by the data when it
does not fit. On 2020-11-20 the S&P 500 fell 24.33 points, −0.68%, to 3,557.54 (the article is of
Monday 2020-11-23, when it rose 0.56%)."""

from __future__ import annotations

import pytest
from claim_results import results

DAY = "2020-11-23"


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Stocks fell. The S&P 500 dropped 24.33 points, or -0.08%.", "contradicted"),
        ("Stocks fell. The S&P 500 dropped 24.33 points, or -0.68%.", "supported"),
        # the points do not fit: nothing pins the percent's day
        ("Stocks fell. The S&P 500 dropped 25.33 points, or -0.08%.", "unverifiable"),
        # a list paired "respectively" is not a restatement of the figure before it
        (
            "The Dow and S&P 500 dropped 66.80 and 24.33 points, or -0.24% and -0.08%, respectively.",
            "unverifiable",
        ),
    ],
)
def test_the_points_pin_the_percent(claims_store, text, verdict):
    got = [r for r in results(claims_store, text, DAY, "change") if "0.08%" in r.claim.quote
           or "0.68%" in r.claim.quote]  # fmt: skip
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]
    if verdict == "contradicted":
        assert "the -24.33 points it restates fit 2020-11-20" in got[0].evidence
