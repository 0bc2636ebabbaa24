""" "hit an intraday low of 4,835, marking a peak-to-trough decline of 21%, it managed to recover
slightly to close at 5,062": a percentage in an appositive ("marking", "representing", "a",
"which marked") right after a level is the move to that level, never one to a level in a later
clause."""

from __future__ import annotations

import pytest
from claim_results import results

# S&P 500: 2025-02-19 close 6,144.15; 2025-04-07 close 5,062.25 (6,144 → 4,835: −21.3%;
# 6,144 → 5,062: −17.6%)
DAY = "2025-04-07"
PEAK = "The S&P 500 peaked at 6,144 on February 19. "


@pytest.mark.parametrize(
    "text",
    [
        PEAK + "While the S&P 500 hit an intraday low of 4,835, marking a peak-to-trough decline "
        "of 21%, it managed to recover slightly to close at 5,062.",
        PEAK + "The S&P 500 fell to 4,835, a decline of 21%, and then recovered to close at 5,062.",
        PEAK + "The S&P 500 sank to 4,835, which marked a 21% drop, before it rallied to 5,062.",
        PEAK + "The S&P 500 touched 4,835, representing a 21% decline, then rebounded to 5,062.",
    ],
)
def test_the_appositive_is_the_levels_move(claims_store, text):
    rs = results(claims_store, text, DAY)
    assert not [r for r in rs if r.verdict == "contradicted"], [
        (r.claim.quote, r.evidence) for r in rs
    ]
    up = [r for r in rs if r.claim.measure == "upside"]
    assert up, [(r.claim.measure, r.claim.quote) for r in rs]
    assert up[0].claim.level == 4835.0 and up[0].claim.base == 6144.0, up[0].claim
    assert "5,062" not in up[0].claim.quote


def test_a_wrong_appositive_move_is_contradicted(claims_store):
    text = (
        PEAK + "The S&P 500 fell to 4,835, a decline of 12%, and then recovered to close at 5,062."
    )
    up = [r for r in results(claims_store, text, DAY) if r.claim.measure == "upside"]
    assert up and up[0].verdict == "contradicted", [(r.claim.quote, r.evidence) for r in up]


def test_no_stated_base_no_arithmetic(claims_store):
    # the level's own close is no base for its move: the session's move, left unjudged
    text = "The S&P 500 closed at 5,062, a drop of 2%, before rising to 5,100 in late trading."
    rs = results(claims_store, text, DAY)
    assert not [r for r in rs if r.claim.measure == "upside"], [(r.claim.quote) for r in rs]
    assert not [r for r in rs if r.verdict == "contradicted"], [(r.claim.quote) for r in rs]
