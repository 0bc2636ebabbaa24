"""Counts of record closes: "The S&P 500 has recorded over 50 all-time highs", "As of Thursday,
the benchmark index posted 70 record closes", "The S&P 500 made 24 new highs", "set 70 all-time
highs" (``rules._record_times``, ``rules._record_times_claim``): the closes above every earlier
close in the year the sentence names (before the count after "in"/"during", or after it after
"throughout"/"during"/"in"/"for", with no "since"/"than" between), or "this year", or, when no
period is named, the year of the bound day to that day, only assumed (supports only). A class or a
condition ("every year with over 45 all-time highs", "if it sets 10 more") is not a tally.

Data: S&P 500 2021 record closes up to 2021-12-30: 70 (the last on 2021-12-29); 2024 up to
2024-11-20: 51; 2017 up to 2017-06-30: 24.
"""

from __future__ import annotations

import pytest
from claim_results import results


def _count(store, text: str, date: str):
    got = results(store, text, date, "record_count")
    assert len(got) == 1, [r.claim.quote for r in got]
    return got[0]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("The S&P 500 has recorded over 50 all-time highs this year.", "2024-11-20"),
        (
            "The S&P 500 has recorded over 50 all-time highs and added nearly $6 trillion in "
            "market value throughout 2024.",
            "2024-11-20",
        ),
        (
            "As of Thursday, the benchmark S&P 500 posted 70 record closes, or the second "
            "highest ever.",
            "2022-01-03",
        ),
        ("The S&P 500 made 24 new highs, the most since 1998.", "2017-06-30"),
        ("Along the way, the S&P 500 set 70 all-time highs.", "2021-12-30"),
        ("The S&P 500 notched more than 50 new record highs in 2024.", "2024-11-20"),
    ],
)
def test_a_count_of_record_closes_is_read(claims_store, text, date):
    r = _count(claims_store, text, date)
    assert r.verdict == "supported", r.evidence


def test_an_assumed_period_never_contradicts(claims_store):
    r = _count(claims_store, "The S&P 500 set 20 all-time highs.", "2021-12-30")
    assert r.verdict == "unverifiable", r.evidence


def test_a_named_year_of_closes_contradicts(claims_store):
    r = _count(claims_store, "The S&P 500 posted 30 record closes in 2021.", "2022-01-03")
    assert r.verdict == "contradicted", r.evidence


@pytest.mark.parametrize(
    "text",
    [
        "Every year since 2000 with over 45 all-time highs has been followed by a red year.",
        "A year with over 45 all-time highs is rare for the S&P 500.",
    ],
)
def test_a_class_or_a_condition_is_no_tally(claims_store, text):
    assert results(claims_store, text, "2024-11-20", "record_count") == []
