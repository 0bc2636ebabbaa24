""" "The Russell 2000 rose 0.7% on Friday" with no Russell closes in the store: the fund that
tracks the index (IWM; SPY for the S&P 500 before the store's daily closes) confirms a session's
percent move that its own move fits as stated, and never refutes one (a fund's move differs from
its index's by dividends, fees and its closing print; `judge._on_its_fund`; issue 8, round 82)."""

from __future__ import annotations

import pytest
from claim_results import results, shown

# IWM 2024-11-08 (Friday): 236.38 -> 238.12, +0.74%


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("The Russell 2000 rose 0.7% on Friday.", "supported"),
        ("The small-cap Russell 2000 index rose 0.74% on Friday.", "supported"),
        ("The Russell 2000 rose 1.2% on Friday.", "unverifiable"),  # never refuted by the fund
        ("The Russell 2000 jumped 5% on Friday.", "unverifiable"),
        ("The Russell 2000 has gained 10% this year.", "unverifiable"),  # a session's move only
    ],
)
def test_the_russell_on_iwm(claims_store, text, verdict):
    rs = results(claims_store, text, "2024-11-08", "change")
    assert [r.verdict for r in rs] == [verdict], shown(rs)
    if verdict == "supported":
        assert "IWM, the fund that tracks the Russell 2000" in rs[0].evidence, shown(rs)
