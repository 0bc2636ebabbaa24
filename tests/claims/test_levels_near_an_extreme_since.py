""" "The yield is hanging around its lowest point since July", "the S&P 500 closed near its
highest level since January": a level near the extreme, not at it. Supported when the day is the
extreme, never contradicted (the words do not say how near).

S&P 500 closes by hand: 2025-04-08 4,982.77, below the February closes (6,037.88 on 02-04);
2025-07-03 6,279.35, above every close since the end of February.
"""

from __future__ import annotations

import pytest
from claim_results import results


def _one(store, text: str, day: str):
    got = results(store, text, day, "since")
    assert len(got) == 1, [(r.claim.quote, r.verdict) for r in got]
    return got[0]


def test_at_the_extreme_a_wrong_level_is_contradicted(claims_store):
    text = "The S&P 500 closed at its highest level since January on Tuesday."
    assert _one(claims_store, text, "2025-04-08").verdict == "contradicted"


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 closed near its highest level since January on Tuesday.",
        "The S&P 500 is hovering around its highest level since January.",
    ],
)
def test_near_the_extreme_is_never_contradicted(claims_store, text):
    r = _one(claims_store, text, "2025-04-08")
    assert r.verdict == "unverifiable", r.evidence


def test_near_the_extreme_still_supports_a_day_at_it(claims_store):
    text = "The S&P 500 closed near its highest level since February on Thursday."
    r = _one(claims_store, text, "2025-07-03")
    assert r.verdict == "supported", r.evidence
