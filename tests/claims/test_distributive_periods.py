"""A figure said of each part of a period ("gained over 20% in each of the past two years", "in
both of the last two sessions", "in every one of the past five years") is not the change over the
whole period: it is never judged as that change, and says why.

Closes by hand (S&P 500): 2023-12-29 4,769.83, 2024-12-31 5,881.63 (+23.3% in 2024), 2025-12-31
6,845.50 (+16.4% in 2025); the two years together +43.5%, which would "support" a gain of over
20% read as one change.
"""

from __future__ import annotations

import pytest
from claim_results import results


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 has gained over 20% in each of the past two years.",
        "The S&P 500 rose more than 20% in both of the last two years.",
        "The S&P 500 gained 20% in every one of the past two years.",
    ],
)
def test_a_figure_for_each_part_is_not_the_change_over_the_whole(claims_store, text):
    got = [r for r in results(claims_store, text, "2026-01-30") if "20%" in r.claim.quote]
    assert got, "no claim for the figure"
    assert all(r.verdict == "unverifiable" for r in got), [(r.verdict, r.evidence) for r in got]
    assert all("each part" in r.evidence for r in got), [r.evidence for r in got]


def test_the_change_over_the_whole_period_is_still_judged(claims_store):
    got = results(claims_store, "The S&P 500 has gained 15% over the past two years.", "2026-01-30")
    assert any(r.verdict == "contradicted" for r in got), [(r.verdict, r.evidence) for r in got]
