"""A level placed by a verb with no preposition ("currently trading near 6,932", "The S&P 500
reached 6,143.70", "the index was valued at 6,929", "with its closing value being 6,978.03"):
the level of a moment of the session, which a close may support and never contradicts; only
"closing value" states the close itself.

Closes by hand (S&P 500): 2025-06-26 (Thursday) 6,141.02; 2025-12-24 6,932.05; 2025-12-26
(Friday) 6,929.94.
"""

from __future__ import annotations

import pytest
from claim_results import results


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("The S&P 500 reached 6,141 on Thursday, just short of its record.", "2025-06-26"),
        ("The S&P 500 is hovering near a milestone, currently trading near 6,932.", "2025-12-24"),
        ("The S&P 500 is currently trading around 6,932 points.", "2025-12-24"),
        ("At the close of Friday's session, the S&P 500 was valued at 6,930.", "2025-12-26"),
    ],
)
def test_a_placed_level_is_supported_by_the_close(claims_store, text, day):
    got = results(claims_store, text, day, "close")
    assert len(got) == 1 and got[0].verdict == "supported", [r.evidence for r in got]


def test_a_placed_level_the_close_does_not_give_is_never_contradicted(claims_store):
    got = results(claims_store, "The S&P 500 reached 6,500 on Thursday.", "2025-06-26", "close")
    assert len(got) == 1 and got[0].verdict == "unverifiable", [r.evidence for r in got]


def test_a_closing_value_is_the_close(claims_store):
    ok = "The S&P 500 ended the week higher, with its closing value being 6,929.94."
    got = results(claims_store, ok, "2025-12-26", "close")
    assert len(got) == 1 and got[0].verdict == "supported", [r.evidence for r in got]
    bad = "The S&P 500 ended the week higher, with its closing value being 6,500.12."
    got = results(claims_store, bad, "2025-12-26", "close")
    # the close of the day, off by 6.6%; "its" is a back-reference, so not contradicted
    assert len(got) == 1 and got[0].verdict == "unverifiable", [r.evidence for r in got]
    assert "6,929.94" in got[0].evidence and "back-reference" in got[0].evidence


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500's target level is 8,000.",
        "Nvidia shares reached 70 million traded on Friday.",
        "The S&P 500 reached 6,500 by the end of next year, strategists expect.",
    ],
)
def test_no_level_without_a_placing_verb_and_a_level_word(claims_store, text):
    got = results(claims_store, text, "2025-12-26", "close")
    assert all(r.verdict != "supported" and r.verdict != "contradicted" for r in got), [
        (r.claim.quote, r.verdict) for r in got
    ]
