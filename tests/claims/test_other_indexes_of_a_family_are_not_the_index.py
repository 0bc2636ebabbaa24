""" "The S&P 500 Software & Services Index fell 4.6% on Thursday": an index's name followed by
industry or sector words closed by "Index", or by a style word ("Growth", "Value", "Equal
Weight"), names another index of the family, not the index; its subject is unknown. A known name
("S&P 500 Volatility Index", the VIX's) and "S&P 500 Index" itself stay as they were.

Closes by hand: S&P 500 2026-02-05 one session −1.23%.
"""

from __future__ import annotations

import pytest
from claim_results import results

DAY = "2026-02-06"


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 Software & Services Index (SPLRCIS) fell 4.6% on Thursday.",
        "The S&P 500 Growth index fell 2% on Thursday.",
        "The S&P 500 Equal Weight fell 2% on Thursday.",
        "The Russell 2000 Value Index fell 2% on Thursday.",
    ],
)
def test_another_index_of_the_family_is_an_unknown_subject(claims_store, text):
    got = results(claims_store, text, DAY, "change")
    assert len(got) == 1, [(r.claim.quote, r.verdict) for r in got]
    assert got[0].verdict == "unverifiable", got[0].evidence
    assert got[0].claim.subject is None


@pytest.mark.parametrize(
    "text", ["The S&P 500 Index fell 1.23% on Thursday.", "The S&P 500 fell 1.2% on Thursday."]
)
def test_the_index_itself_is_still_read(claims_store, text):
    got = results(claims_store, text, DAY, "change")
    assert [r.verdict for r in got] == ["supported"], [r.evidence for r in got]


def test_the_sp500s_sector_index_is_the_sector(claims_store):
    # round 83: a sector's name between the S&P 500's and "index" is that sector (its SPDR fund
    # stands in, support only), no longer an unknown member of the family
    got = results(claims_store, "The S&P 500 Energy Index fell 2% on Thursday.", DAY, "change")
    assert [r.claim.subject.key for r in got] == ["sector_energy"], [
        (r.claim.quote, r.verdict) for r in got
    ]
    assert got[0].verdict != "contradicted", got[0].evidence
