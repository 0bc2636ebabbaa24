"""An ordinal count of record closes in a named month or year is a claim on the count: "the 11th
record close of December 2024", "its second record close of December", "its second record close
this month", "its 38th record close of the year", "its 57th record close in 2024". The count is of
the closes of that month (or year) up to the claim's day that topped every earlier close. A month
or year over by the article's date, with no day of the sentence's own, is counted to its end (the
count is final); a day the sentence names ("on March 28, 2024") counts to that day.

Data: S&P 500 record closes in December 2024: 4 (Dec. 2, 3, 4, 6); in 2024: 57 (the last on
Dec. 6), 22 up to 2024-03-28; in December 2025 up to 2025-12-23: 2; in 2025 up to then: 38.
"""

from __future__ import annotations

import pytest
from claim_results import results

DAY = "2025-12-23"


def _count(store, text: str, date: str = DAY):
    got = results(store, text, date, "record_count")
    assert len(got) == 1, [r.claim.quote for r in got]
    return got[0]


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("The S&P 500's record close marks the 11th record close of December 2024.", "contradicted"),
        ("The S&P 500's record close marks the fourth record close of December 2024.", "supported"),
        ("The S&P 500 notched its second record close of December.", "supported"),
        ("The S&P 500 notched its fifth record close of December.", "contradicted"),
        ("The S&P 500 notched its second record close this month.", "supported"),
        ("The S&P 500 notched its 38th record close of the year.", "supported"),
        ("The S&P 500 set its 57th record close in 2024.", "supported"),
        ("The S&P 500 set its 60th record close in 2024.", "contradicted"),
    ],
)  # fmt: skip
def test_a_count_of_record_closes_in_a_named_period_is_judged(claims_store, text, verdict):
    r = _count(claims_store, text)
    assert r.verdict == verdict, r.evidence


def test_a_day_the_sentence_names_bounds_the_count(claims_store):
    r = _count(claims_store, "The S&P 500 set its 22nd record close of 2024 on March 28, 2024.")
    assert r.verdict == "supported" and "up to 2024-03-28" in r.evidence, r.evidence


def test_the_count_of_a_month_is_the_months_only(claims_store):
    r = _count(claims_store, "The S&P 500 set its fourth record close of December 2024.")
    assert "2024-12" in r.evidence and ": 4 " in r.evidence, r.evidence
