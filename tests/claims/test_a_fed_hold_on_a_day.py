""" "The Federal Reserve kept interest rates unchanged on Wednesday": a decision that left the
policy rate where it was is a move of 0 bp on the decision day the words bind, judged as any
Fed move on the effective rate (`fed_decisions._holds`; issue 8, round 82). A run of holds is a
count (rule_fed_count's), an expected hold a forecast, another policy rate not the Fed's."""

from __future__ import annotations

import pytest
from claim_results import results, shown


@pytest.mark.parametrize(
    ("text", "date", "verdict"),
    [
        ("The Federal Reserve kept interest rates unchanged on Wednesday.", "2024-06-12", "supported"),
        ("The Fed decided to keep interest rates steady on Wednesday.", "2025-03-19", "supported"),
        ("The Federal Reserve left its benchmark rate unchanged on Wednesday.", "2024-06-12", "supported"),
        # 2024-09-18: a half-point cut
        ("The Federal Reserve kept interest rates unchanged on Wednesday.", "2024-09-18", "contradicted"),
    ],
)  # fmt: skip
def test_a_hold_on_the_decision_day(claims_store, text, date, verdict):
    rs = [r for r in results(claims_store, text, date) if r.claim.rule == "fed_hold"]
    assert [r.verdict for r in rs] == [verdict], shown(rs)


@pytest.mark.parametrize(
    "text",
    [
        "The Fed is expected to keep rates unchanged on Wednesday.",
        "The Fed kept rates unchanged on Wednesday for the third straight meeting.",
        "The Bank of England kept interest rates unchanged on Wednesday.",
        "The Fed kept the discount rate unchanged on Wednesday.",
        "Stocks held steady on Wednesday as the Fed met.",
    ],
)
def test_not_a_hold_of_its_own(claims_store, text):
    rs = [r for r in results(claims_store, text, "2024-09-18") if r.claim.rule == "fed_hold"]
    assert rs == [], shown(rs)
