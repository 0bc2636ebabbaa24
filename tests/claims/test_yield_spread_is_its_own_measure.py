"""A spread between two Treasury yields ("10Y/2Y", "the 2s10s spread", "the gap between the
10-year and 2-year yields") is its own measure: the difference of the two daily yields (the
store's ``ust10y2y``, T10Y2Y), never either yield's level. Its day is judged only when its own
words state it; a spread dated by the article alone may support, never contradict.

Data: 2025-09-04 DGS10 4.17, DGS2 3.59, T10Y2Y 0.58; 2025-09-05 T10Y2Y 0.59.
"""

from __future__ import annotations

import pytest
from claim_results import results

from thesis.claims.spreads import SPREAD_KEY, spread_aliases


def _spread(store, text, date="2025-09-05"):
    got = [r for r in results(store, text, date) if r.claim.subject is not None]
    return [r for r in got if r.claim.subject.key == SPREAD_KEY], got


@pytest.mark.parametrize(
    "text",
    [
        "U.S. Treasury yield curve inversion (10Y/2Y at 0.58%) signals recession risk.",
        "The 2s10s spread stood at 0.58% on Thursday.",
        "The gap between the 10-year and 2-year yields was 0.58% on Thursday.",
        "The spread between the two-year and 10-year Treasury yields was 0.58% on Thursday.",
    ],
)
def test_a_spread_is_read_as_the_difference_of_the_two_yields(claims_store, text):
    spread, every = _spread(claims_store, text)
    assert spread and all(r.verdict == "supported" for r in spread), [r.evidence for r in every]
    assert all(r.verdict != "contradicted" for r in every), [r.evidence for r in every]


@pytest.mark.parametrize(
    "text",
    [
        "U.S. Treasury yield curve inversion (10Y/2Y at 1.64%) signals recession risk.",
        "Stocks rose on Thursday. The 10s2s spread was 1.64%.",
    ],
)
def test_a_spread_whose_day_is_not_stated_never_contradicts(claims_store, text):
    spread, every = _spread(claims_store, text)
    assert spread, [r.evidence for r in every]
    assert all(r.verdict == "unverifiable" for r in spread), [r.evidence for r in spread]
    assert any("spread's day is not stated" in r.evidence for r in spread)


def test_a_spread_on_a_stated_day_is_contradicted(claims_store):
    text = "The gap between the 10-year and 2-year yields widened to 1.30% on Thursday."
    spread, every = _spread(claims_store, text)
    assert spread and all(r.verdict == "contradicted" for r in spread), [r.evidence for r in every]
    assert "ust10y2y 2025-09-04" in spread[0].evidence


def test_a_single_tenor_is_still_that_yield(claims_store):
    got = results(claims_store, "The 10-year yield was at 4.17% on Thursday.", "2025-09-05")
    assert got and all(r.claim.subject.key == "ust10y" for r in got)
    assert all(r.verdict == "supported" for r in got), [r.evidence for r in got]


def test_the_names_cover_either_order_and_no_single_tenor():
    names = {a.lower() for a in spread_aliases()}
    assert {"10y/2y", "2s10s spread", "gap between the 10-year and 2-year yields"} <= names
    assert "spread between the 2-year and 10-year treasury yields" in names
    assert not names & {"10y", "2y", "10-year", "2-year", "10-year yield"}
