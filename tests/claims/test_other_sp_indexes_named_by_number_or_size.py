""" "the S&P 400 gained 14.4% in 2023, erasing the 14.5% drop in 2022": "S&P 400", "S&P 600",
"S&P 100", "S&P 1500", "S&P MidCap 400", "S&P SmallCap 600", "S&P/TSX" name other indexes
(unknown unless the store holds them), never the S&P 500; "the S&P" alone stays the S&P 500
(issue 8, round 34)."""

from __future__ import annotations

import pytest
from claim_results import results

DAY = "2024-01-31"  # S&P 500: +24.23% in 2023, -19.44% in 2022


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 400 mid-cap benchmark recorded solid returns: the S&P 400 gained 14.4% in 2023, "
        "erasing the 14.5% drop in 2022.",
        "The S&P MidCap 400 gained 14.4% in 2023.",
        "The S&P SmallCap 600 rose 14.4% in 2023.",
        "The S&P Mid-Cap 400 gained 14.4% in 2023.",
        "The S&P 600 closed 2023 up 14.4%.",
        "The S&P 100 gained 14.4% in 2023.",
        "The S&P Composite 1500 gained 14.4% in 2023.",
        "The S&P/TSX composite index gained 14.4% in 2023.",
    ],
)
def test_another_sp_index_is_not_the_sp500(claims_store, text):
    got = results(claims_store, text, DAY)
    wrong = [r for r in got if r.claim.subject is not None and r.claim.subject.key == "sp500"]
    assert not wrong, [(r.claim.quote, r.verdict, r.evidence) for r in wrong]
    assert all(r.verdict != "contradicted" for r in got)


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("The S&P gained 24.2% in 2023.", "supported"),
        ("The S&P gained 14.4% in 2023.", "contradicted"),
        ("The S&P 500 gained 24.2% in 2023.", "supported"),
        ("The S&P 500 gained 14.4% in 2023.", "contradicted"),
    ],
)
def test_the_sp_alone_is_still_the_sp500(claims_store, text, verdict):
    got = results(claims_store, text, DAY, "change")
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]
