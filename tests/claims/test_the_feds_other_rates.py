""" "The Fed on Aug. 17 lowered the discount rate by a half-point": the discount rate (the prime
rate, interest on reserves...) is not the federal funds rate, whose data cannot settle it; a move
of the federal funds rate in the same words is still judged (issue 8, round 81)."""

from __future__ import annotations

import pytest
from claim_results import results, shown

DAY = "2007-09-19"  # the Fed cut its funds target 50 bp on 2007-09-18; the discount rate on 08-17


@pytest.mark.parametrize(
    "text",
    [
        "The Fed on Aug. 17 lowered the discount rate by a half-point.",
        "After the Fed decision, banks lowered the prime rate by a half-point.",
    ],
)
def test_another_rate_is_not_the_funds_rate(claims_store, text):
    rs = results(claims_store, text, DAY)
    assert not [r for r in rs if r.claim.measure == "fed_move"], shown(rs)


def test_the_funds_rate_is_judged(claims_store):
    text = "On Tuesday the Fed lowered the federal funds rate by a half-point."
    rs = results(claims_store, text, DAY, "fed_move")
    assert rs and rs[0].verdict == "supported", shown(rs)
