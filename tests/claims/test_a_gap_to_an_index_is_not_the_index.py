""" "with its valuation gap to the S&P 500 at a six-year low": a gap, spread, ratio or premium
to (over, versus) an index is not the index; its subject is unknown."""

from __future__ import annotations

import pytest
from claim_results import results


@pytest.mark.parametrize(
    "text",
    [
        "The Nasdaq 100 trades at a forward P/E of 26, with its valuation gap to the S&P 500 at a "
        "six-year low.",
        "Tech's premium over the S&P 500 rose 2% on Thursday.",
        "The spread versus the S&P 500 fell 3% on Thursday.",
    ],
)
def test_a_gap_to_the_index_is_never_judged_on_the_index(claims_store, text):
    got = results(claims_store, text, "2025-12-31")
    assert all(r.verdict == "unverifiable" for r in got), [(r.claim.quote, r.evidence) for r in got]


def test_the_index_itself_is_still_read(claims_store):
    got = results(claims_store, "The S&P 500 fell 1.23% on Thursday.", "2026-02-06", "change")
    assert [r.verdict for r in got] == ["supported"], [r.evidence for r in got]
