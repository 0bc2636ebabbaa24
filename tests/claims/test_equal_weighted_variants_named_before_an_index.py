""" "The equal-weighted version of the S&P 500 was up +0.24% on the day": an equal-weighting
qualifier before an index's name ("the equal-weight(ed) S&P 500", "the equally weighted measure
of the S&P 500") or after it in lower case ("the S&P 500 equal-weight index") names another index
of the family, not the index; its subject is unknown. "The cap-weighted S&P 500" is the index
itself (it is weighted by market capitalisation).

Closes by hand: S&P 500 2026-02-05 one session −1.23%.
"""

from __future__ import annotations

import pytest
from claim_results import results

DAY = "2026-02-06"


@pytest.mark.parametrize(
    "text",
    [
        "On the other hand, the equal-weighted version of the S&P 500 was up +0.24% on Thursday.",
        "The equal-weighted S&P 500 fell 2% on Thursday.",
        "The equal weight S&P 500 fell 2% on Thursday.",
        "The equally weighted measure of the S&P 500 fell 2% on Thursday.",
        "The S&P 500 equal-weight index fell 2% on Thursday.",
    ],
)
def test_an_equal_weighted_variant_is_an_unknown_subject(claims_store, text):
    got = results(claims_store, text, DAY, "change")
    assert len(got) == 1, [(r.claim.quote, r.verdict) for r in got]
    assert got[0].verdict == "unverifiable", got[0].evidence
    assert got[0].claim.subject is None


@pytest.mark.parametrize(
    "text",
    [
        "The cap-weighted S&P 500 fell 1.23% on Thursday.",
        "The version of the S&P 500 that traders watch fell 1.23% on Thursday.",
    ],
)
def test_the_index_itself_is_still_read(claims_store, text):
    got = results(claims_store, text, DAY, "change")
    assert [r.verdict for r in got] == ["supported"], [r.evidence for r in got]
    assert got[0].claim.subject is not None and got[0].claim.subject.key == "sp500"
