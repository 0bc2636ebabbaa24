""" "was up by 0.2%", "down by 5.3%", "rose 2%", "gained 1.5%": a percent right after change words
is a change, never a Treasury yield's level; a level is placed by a preposition ("rose to
1.05%", "was at 1.05%")."""

from __future__ import annotations

import pytest
from claim_results import results

DAY = "2021-01-25"  # the 10-year Treasury yield closed at 1.05%


@pytest.mark.parametrize(
    "text",
    [
        "The 10-year Treasury yield was up by 0.2% on Monday.",
        "The 10-year Treasury yield was down by 5.3% on Monday.",
        "The 10-year Treasury yield rose 2% on Monday.",
        "The 10-year Treasury yield fell 4.5% on Monday.",
        "The 10-year Treasury yield was up 0.2% on Monday.",
        "The 10-year Treasury yield gained 1.5% on Monday.",
    ],
)
def test_a_change_is_never_read_as_the_yield_level(claims_store, text):
    got = results(claims_store, text, DAY, "yield")
    assert got == [], [(r.claim.quote, r.verdict, r.evidence) for r in got]


@pytest.mark.parametrize(
    "text",
    [
        "The 10-year Treasury yield rose to 1.05% on Monday.",
        "The 10-year Treasury yield was at 1.05% on Monday.",
        "The 10-year Treasury yield fell by 5.3% to 1.05% on Monday.",
    ],
)
def test_a_level_placed_by_a_preposition_is_still_read(claims_store, text):
    got = results(claims_store, text, DAY, "yield")
    assert [(r.claim.stated_value, r.verdict) for r in got] == [(1.05, "supported")], [
        (r.claim.quote, r.evidence) for r in got
    ]


def test_a_wrong_level_is_still_contradicted(claims_store):
    got = results(claims_store, "The 10-year Treasury yield rose to 1.45% on Monday.", DAY, "yield")
    assert [r.verdict for r in got] == ["contradicted"], [r.evidence for r in got]
