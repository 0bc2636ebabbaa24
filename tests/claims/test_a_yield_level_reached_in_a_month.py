""" "The 10-year U.S. Treasury yield peaked at 4.73% in April, dipped to 3.61% in September": a
yield level with a month after it is the month's highest (lowest) close, or for a level merely
reached any close of the month, within the yield band; support only (a session's extreme may lie
beyond its closes). It was read on the article's date (issue 8, round 83)."""

from __future__ import annotations

import pytest
from claim_results import results, shown

# 10-year closes 2024-04: 4.31% .. 4.70%; 2024-09: 3.63% .. 3.84%


@pytest.mark.parametrize(
    ("words", "verdict"),
    [
        ("peaked at 4.73% in April", "supported"),
        ("dipped to 3.61% in September", "supported"),
        ("rose to 4.5% in April", "supported"),
        ("peaked at 5.73% in April", "unverifiable"),
        ("dipped to 2.61% in September", "unverifiable"),
    ],
)
def test_a_level_in_a_month(claims_store, words, verdict):
    rs = results(claims_store, f"The 10-year Treasury yield {words}.", "2025-01-03", "yield")
    assert [r.verdict for r in rs] == [verdict], shown(rs)
    assert rs[0].claim.extra.get("in_month"), shown(rs)
