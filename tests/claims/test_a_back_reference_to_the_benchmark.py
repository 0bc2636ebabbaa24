""" "The wider market index jumped 0.85%": a description of the benchmark ("the broader market
index", "the wider index", "the broader benchmark") points back to the index the article named
last, support-only like every back-reference (issue 8, round 82)."""

from __future__ import annotations

import pytest
from claim_results import results, shown

# 2024-06-12: the S&P 500 +0.85% (5,375.32 -> 5,421.03)


@pytest.mark.parametrize(
    "name",
    [
        "The wider market index",
        "The broader market index",
        "The wider index",
        "The broader benchmark",
    ],
)
def test_the_benchmark_described(claims_store, name):
    text = f"The S&P 500 closed at a record. {name} jumped 0.85%."
    rs = results(claims_store, text, "2024-06-12", "change")
    assert [(r.verdict, r.claim.subject.key) for r in rs] == [("supported", "sp500")], shown(rs)
    rs = results(
        claims_store, f"The S&P 500 closed at a record. {name} jumped 2.5%.", "2024-06-12", "change"
    )
    assert [r.verdict for r in rs] == ["unverifiable"], shown(
        rs
    )  # a back-reference never contradicts
