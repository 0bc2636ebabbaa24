""" "Its 27th new record since June" counts the record closes from the start of that month (or
from the day: "since June 27") to the claim's day, not the records within the month.

Record closes of the S&P 500 by hand (sp500_daily_fred.csv, a close above every earlier one)
from 2025-06-01 to 2025-10-02: 27 (2025-06-27, 06-30, 07-02, 07-03, 07-10, ..., 10-01, 10-02);
from 2025-07-01: 25; in June 2025 alone: 2.
"""

from __future__ import annotations

import pytest
from claim_results import results

DAY = "2025-10-02"


def _one(store, text: str, day: str = DAY):
    got = results(store, text, day, "record_count")
    assert len(got) == 1, [(r.claim.quote, r.verdict) for r in got]
    return got[0]


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 just notched its 27th new record since June.",
        "The S&P 500 closed at its 27th record high since June 27.",
        "The S&P 500 set its 25th record close since July.",
    ],
)
def test_a_count_since_a_month_or_a_day_runs_to_the_claims_day(claims_store, text):
    r = _one(claims_store, text)
    assert r.verdict == "supported", r.evidence


def test_a_wrong_count_since_a_month_is_contradicted(claims_store):
    r = _one(claims_store, "The S&P 500 just notched its 35th new record since June.")
    assert r.verdict == "contradicted", r.evidence
    assert "2025-06-01 to 2025-10-02" in r.evidence, r.evidence


def test_a_count_of_a_month_still_counts_within_it(claims_store):
    r = _one(claims_store, "The S&P 500 set its second record close of June 2025.")
    assert r.verdict == "supported", r.evidence
