"""A move stated with both its levels, "X% (to L1 from L2)", "X% to L1 from L2": the article's own
arithmetic, L1 / L2 − 1, whatever its period ("since March 31"); the level it left, not a
forecast level stated earlier, is its base.

Closes by hand (S&P 500): 2023-03-31 4,109.31; 2023-07-06 4,411.59 (+7.36%).
"""

from __future__ import annotations

import pytest
from claim_results import results


@pytest.mark.parametrize(
    "text",
    [
        "Since March 31, the price of the S&P 500 has increased by 7.4% (to 4411.59 from 4109.31).",
        "Since March 31, the S&P 500 has risen 7.4% to 4411.59 from 4109.31.",
        "The S&P 500 could tumble to 4,000 by year-end. Since March 31, the S&P 500 has increased "
        "by 7.4% (to 4411.59 from 4109.31).",
    ],
)
def test_a_move_between_two_stated_levels_is_their_ratio(claims_store, text):
    got = results(claims_store, text, "2023-07-10", "upside")
    assert [r.verdict for r in got] == ["supported"], [r.evidence for r in got]
    assert "4,109.31 the article states" in got[0].evidence


def test_a_wrong_ratio_is_contradicted(claims_store):
    text = "Since March 31, the S&P 500 has increased by 9.4% (to 4411.59 from 4109.31)."
    got = results(claims_store, text, "2023-07-10", "upside")
    assert [r.verdict for r in got] == ["contradicted"], [r.evidence for r in got]
