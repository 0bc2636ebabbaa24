"""Subjects named in the plural or by description: "10-year Treasury yields climbed to 3.08%"
(the plural of a tenor's yield is that yield; "Treasury yields" alone names none) and the wire
descriptions of the VIX ("Wall Street's most watched gauge of investor anxiety").

Closes by hand (us_treasury_2y_10y_daily.csv, vix_daily.csv): 2018-05-15 10-year 3.08%, 2-year
2.58% (2.55% the day before); VIX 2025-04-07 46.98, no higher close since 2024-09-24 back to
the eight months before.
"""

from __future__ import annotations

import pytest
from claim_results import results as _results

from thesis.claims.subjects import SubjectFinder
from thesis.text import tokenize


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("10-year Treasury yields climbed to 3.08%.", "ust10y"),
        ("Two-year yields rose 3 basis points.", "ust2y"),
        ("30-year bond yields fell.", "ust30y"),
        ("The volatility gauge jumped.", "vix"),
        ("Wall Street's most watched gauge of investor anxiety jumped.", "vix"),
    ],
)
def test_named_in_the_plural_or_by_description(text, key):
    keys = [m.subject.key for m in SubjectFinder().find(tokenize(text)) if m.subject is not None]
    assert key in keys, keys


def test_treasury_yields_alone_name_no_series():
    found = [
        m for m in SubjectFinder().find(tokenize("Treasury yields climbed to 4%.")) if m.subject
    ]
    assert all(m.subject.kind != "yield" for m in found)


def test_a_plural_yield_is_judged(claims_store):
    text = "Stocks fell on Tuesday as investors watched 10-year Treasury yields climb to 3.08%."
    (r,) = [r for r in _results(claims_store, text, "2018-05-15") if r.claim.measure == "yield"]
    assert r.verdict == "supported", r.evidence
    text = "Two-year yields rose 3 basis points on Tuesday."
    (r,) = [
        r for r in _results(claims_store, text, "2018-05-15") if r.claim.measure == "yield_change"
    ]
    assert r.verdict == "supported", r.evidence


def test_a_described_vix_is_judged(claims_store):
    text = "Wall Street's most watched gauge of investor anxiety jumped to a new eight-month high on Monday."
    (r,) = [r for r in _results(claims_store, text, "2025-04-07") if r.claim.measure == "since"]
    assert r.claim.subject.key == "vix"
    assert r.verdict == "supported", r.evidence
