""" "Nvidia's stock remains up 40% over the past month": where a trailing span of months starts is
a writer's choice one session either way (the close a month before, the next session's, the one
before it, which counts the month-ago day's own session). When those readings lie on both sides
of the figure, a base between them (a price during the session, another count of the month)
gives it: not contradicted. A figure outside them all still is (issue 8, round 82)."""

from __future__ import annotations

import pytest
from claim_results import results, shown

# NVDA (IEX feed) 2024-06-20 130.75; from 2024-05-20 94.73 +38.02%, from 2024-05-21 +37.16%,
# from 2024-05-17 +41.43%


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Nvidia's stock remains up 38% over the past month.", "supported"),
        ("Nvidia's stock remains up 40% over the past month.", "unverifiable"),
        ("Nvidia's stock remains up 45% over the past month.", "contradicted"),
        ("Nvidia's stock remains up 30% over the past month.", "contradicted"),
    ],
)
def test_a_trailing_month_between_its_bases(claims_store, text, verdict):
    rs = results(claims_store, text, "2024-06-20", "change")
    assert [r.verdict for r in rs] == [verdict], shown(rs)
    if verdict == "unverifiable":
        assert "either way" in rs[0].evidence, shown(rs)
    if verdict == "contradicted":
        assert "from the close of the session before (2024-05-17)" in rs[0].evidence, shown(rs)
