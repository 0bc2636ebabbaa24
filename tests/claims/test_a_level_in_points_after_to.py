""" "The index climbed to 6,739 points": a figure in points after "to" or "at" is the level
reached, never the size of the move (read before as a rise of 6,739 points; issue 8, round 82)."""

from __future__ import annotations

import pytest
from claim_results import results, shown

# 2025-10-24: the S&P 500 closed at 6,791.69, +53.25 points from 6,738.44


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 climbed to 6,739 points on Friday.",
        "The S&P 500 finished at 6,791.69 points on Friday.",
        "The S&P 500 rose to 6,791.69 points on Friday.",
    ],
)
def test_a_figure_in_points_after_to_is_no_move(claims_store, text):
    rs = results(claims_store, text, "2025-10-24")
    assert not [r for r in rs if r.claim.measure == "points_change"], shown(rs)
    assert [r.claim.measure for r in rs] == ["close"], shown(rs)


def test_the_move_before_the_level_is_still_read(claims_store):
    rs = results(
        claims_store, "The S&P 500 climbed 53.25 points to 6,791.69 on Friday.", "2025-10-24"
    )
    assert sorted((r.claim.measure, r.verdict) for r in rs) == [
        ("close", "supported"), ("points_change", "supported")], shown(rs)  # fmt: skip


def test_a_figure_an_amount_verb_brings_is_the_move(claims_store):
    text = "The S&P 500 rose 0.79%, translating to 53.25 points, on Friday."
    rs = results(claims_store, text, "2025-10-24", "points_change")
    assert [r.verdict for r in rs] == ["supported"], shown(rs)
