""" "June 8th when it first crossed the 20% rally threshold": "crossed/reached/hit/topped the N%
(rally/gain/mark/threshold/level)" is a cumulative move from a base (the October 2022 low)
reaching a threshold, never one session's change (+0.62% on 2023-06-08). The base is seldom in
the clause, so no session's change is read from it (issue 8, round 33)."""

from __future__ import annotations

import pytest
from claim_results import results

DAY = "2023-07-05"  # S&P 500 2023-06-08: +0.62% on the day, +20.04% from the 2022-10-12 low


@pytest.mark.parametrize(
    "text",
    [
        "The S&P entered a new bull market on June 8th when it first crossed the 20% rally "
        "threshold.",
        "The S&P 500 topped the 20% gain mark on June 8.",
        "The S&P 500 hit the 20% level on June 8, confirming a bull market.",
        "On June 8 the S&P 500 reached the 20% threshold from its October low.",
    ],
)
def test_a_crossed_threshold_is_no_sessions_change(claims_store, text):
    got = results(claims_store, text, DAY)
    moves = [r for r in got if r.claim.measure in ("change", "points_change")]
    assert not moves, [(r.claim.quote, r.verdict, r.evidence) for r in moves]


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # a session's move with its own noun is still read
        ("The S&P 500 posted a 0.6% gain on June 8.", "supported"),
        ("The S&P 500 posted a 3% gain on June 8.", "contradicted"),
        ("The S&P 500 rose 0.6% on June 8.", "supported"),
    ],
)
def test_a_sessions_move_is_still_read(claims_store, text, verdict):
    got = results(claims_store, text, DAY, "change")
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]
