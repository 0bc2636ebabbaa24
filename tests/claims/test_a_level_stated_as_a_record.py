"""A level stated as a record ("ended 2025 at a record high of 6,845.50", "closed at a record
5,026.61") is two claims: the close and the record. Where the close half is supported (its level is
the bound series' close on the bound day, which confirms a back-reference's subject), the record
half is judged too: a close below an earlier one contradicts it."""

from __future__ import annotations

import pytest
from claim_results import results

# sp500 closes: 2025-12-24 6,932.05 (the highest of 2025), 2025-12-31 6,845.50


@pytest.mark.parametrize(
    ("text", "date", "close", "record"),
    [
        ("The S&P 500 rose in 2025. The index ended 2025 at a record high of 6,845.50.",
         "2026-01-02", "supported", "contradicted"),
        ("The S&P 500 rose on Wednesday. The index closed at a record high of 6,932.05.",
         "2025-12-24", "supported", "supported"),
    ],
)  # fmt: skip
def test_the_record_half_is_judged_where_the_close_half_is(claims_store, text, date, close, record):
    got = {r.claim.measure: r for r in results(claims_store, text, date)}
    assert got["close"].verdict == close, got["close"].evidence
    assert got["record"].verdict == record, got["record"].evidence


def test_a_back_referenced_record_whose_level_is_wrong_stays_unjudged(claims_store):
    # the level is not the close: nothing confirms what "the index" is (the article names two
    # series), so the record is not contradicted on a guessed subject
    text = "The S&P 500 rose and Nvidia fell in 2025. The index ended 2025 at a record high of 7,145.50."
    got = {r.claim.measure: r for r in results(claims_store, text, "2026-01-02")}
    assert got["close"].verdict == "unverifiable", got["close"].evidence
    assert got["record"].verdict == "unverifiable", got["record"].evidence
