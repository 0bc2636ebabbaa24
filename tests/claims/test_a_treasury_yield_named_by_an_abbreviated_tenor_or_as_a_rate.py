""" "the 10-year U.S. Treasury rate fell 9bps to 0.64%", "the 10-yr note yield closed the year
unchanged at 3.88%", "The 2-yr note yield declined 17 basis points": a Treasury yield named by its
tenor abbreviated ("10-yr") or as the tenor's Treasury "rate" is that tenor's yield, read as
"the 10-year Treasury yield" is."""

from __future__ import annotations

import pytest
from claim_results import results

from thesis.claims.subjects import builtin_finder
from thesis.text.tokens import tokenize

# 10-year yield: 2020-04-16 0.61%, 2020-04-17 0.65% (the session +4 bp); 2-year 2020-04-17 0.20%
DAY = "2020-04-17"


def find_subjects(text: str) -> list:
    return [m.subject for m in builtin_finder().find(tokenize(text))]


def _yield_claims(store, text: str):
    got = [
        r for r in results(store, text, DAY) if r.claim.subject and r.claim.subject.kind == "yield"
    ]
    assert got, (
        text,
        [(r.claim.measure, r.claim.quote, r.evidence) for r in results(store, text, DAY)],
    )
    return got


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("the 10-yr note yield", "ust10y"),
        ("the 10-yr Treasury yield", "ust10y"),
        ("the 10-year U.S. Treasury rate", "ust10y"),
        ("the 10-year Treasury rate", "ust10y"),
        ("the 2-yr note yield", "ust2y"),
        ("the two-year Treasury rate", "ust2y"),
        ("the 30-yr Treasury yield", "ust30y"),
    ],
)
def test_the_name_is_the_tenors_yield(name, key):
    found = find_subjects(f"On Friday {name} fell.")
    assert [s.key for s in found] == [key], found


@pytest.mark.parametrize(
    "text",
    [
        "On Friday, the 10-year U.S. Treasury rate fell to 0.64%.",
        "On Friday, the 10-yr note yield was at 0.65%.",
        "On Friday, the 2-yr note yield fell to 0.20%.",
        "On Friday, the 10-year Treasury rate rose 4 basis points to 0.65%.",
    ],
)
def test_a_level_or_move_so_named_is_judged(claims_store, text):
    for r in _yield_claims(claims_store, text):
        assert r.verdict == "supported", (r.claim.quote, r.evidence)


@pytest.mark.parametrize(
    "text",
    [
        # a wrong level of the tenor so named stays wrong
        "On Friday, the 10-yr note yield fell to 1.64%.",
        "On Friday, the 10-year U.S. Treasury rate rose to 2.65%.",
    ],
)
def test_a_wrong_level_is_contradicted(claims_store, text):
    assert any(r.verdict == "contradicted" for r in _yield_claims(claims_store, text))


@pytest.mark.parametrize(
    "text",
    [
        # no tenor, no series: "rates" and "the Treasury rate" alone name none
        "On Friday, Treasury rates fell to 0.64%.",
        "On Friday, the Treasury rate fell to 0.64%.",
        # a rate that is not a yield
        "On Friday, the 10-year mortgage rate fell to 3.3%.",
    ],
)
def test_a_rate_without_its_tenor_names_no_yield(text):
    assert [s.key for s in find_subjects(text) if s.kind == "yield"] == [], find_subjects(text)
