"""A tenor's Treasury yield named with the country and the instrument ("the two-year U.S.
Treasury note yield", "the 10-year US Treasury bond yield", "the 30-year Treasury bond"), and the
yield's own verb ("the benchmark 10-year Treasury note yielded 3.926%"), are that tenor's yield.

Closes by hand (the store's daily Treasury series): 2-year 2023-03-14 4.20%; 10-year 2023-03-13
3.55%.
"""

from __future__ import annotations

import pytest
from claim_results import results

DAY = "2023-03-14"  # a Tuesday


def _one(store, text: str):
    got = results(store, text, DAY, "yield")
    assert len(got) == 1, [(r.claim.quote, r.verdict) for r in got]
    return got[0]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("The two-year U.S. Treasury note yield was at 4.2% on Tuesday.", "ust2y"),
        ("The 2-year US Treasury yield stood at 4.2% on Tuesday.", "ust2y"),
        ("The two-year Treasury note yield was 4.2% on Tuesday.", "ust2y"),
        ("The benchmark 10-year Treasury note yielded 3.55% on Monday.", "ust10y"),
        ("The 10-year U.S. Treasury note yield was at 3.55% on Monday.", "ust10y"),
    ],
)
def test_a_named_tenor_is_its_yield(claims_store, text, key):
    r = _one(claims_store, text)
    assert r.claim.subject.key == key
    assert r.verdict == "supported", r.evidence


@pytest.mark.parametrize(
    "text",
    [
        "The two-year U.S. Treasury note yield was at 3.8% on Tuesday.",
        "The benchmark 10-year Treasury note yielded 3.926% on Monday.",
    ],
)
def test_a_wrong_level_of_a_named_tenor_is_contradicted(claims_store, text):
    assert _one(claims_store, text).verdict == "contradicted"


def test_yielded_without_a_named_tenor_reads_no_yield(claims_store):
    text = "They yielded 1.022 percent and 1.476 percent in when-issued trading, respectively."
    assert results(claims_store, text, DAY, "yield") == []
