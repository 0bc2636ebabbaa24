""" "has fallen 20% from its February 19 peak", "tanked 1.6%", "had sunk 8%": every form of a move
verb that says its direction alone is read as a move ("fallen", "sunk", "tanked", "nosedived",
"crashed", "leapt", "rocketed"...); "edged" is read only with its particle ("edged up", "edged
lower"), which says the direction (issue 8, round 36)."""

from __future__ import annotations

import pytest
from claim_results import results

# S&P 500: 2025-04-08 close 4,982.77, 2025-04-07 5,062.25 (−1.57%);
# 2025-04-09 5,456.90 (+9.52%)
DOWN = "2025-04-08"
UP = "2025-04-09"


def _changes(store, text: str, day: str) -> list:
    return [r for r in results(store, text, day) if r.claim.measure == "change"]


@pytest.mark.parametrize(
    ("text", "day", "verdict"),
    [
        ("On Tuesday the S&P 500 tanked 1.6%.", DOWN, "supported"),
        ("On Tuesday the S&P 500 nosedived 1.57%.", DOWN, "supported"),
        ("On Tuesday the S&P 500 crashed 1.6%.", DOWN, "supported"),
        ("The S&P 500 had fallen 1.57% by Tuesday's close.", DOWN, "supported"),
        ("By Tuesday's close the S&P 500 had sunk 1.6%.", DOWN, "supported"),
        ("On Tuesday the S&P 500 tanked 3.5%.", DOWN, "contradicted"),
        ("The S&P 500 rocketed 9.5% on Wednesday.", UP, "supported"),
        ("The S&P 500 leapt 9.52% on Wednesday.", UP, "supported"),
        ("The S&P 500 skyrocketed 5% on Wednesday.", UP, "contradicted"),
        ("The S&P 500 edged up 9.5% on Wednesday.", UP, "supported"),
    ],
)
def test_a_move_verb_form_is_read(claims_store, text, day, verdict):
    got = _changes(claims_store, text, day)
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]
    assert "previous close" in got[0].evidence, got[0].evidence


def test_a_fall_from_a_dated_peak(claims_store):
    # S&P 500 2025-02-19 close 6,144.15 → 2025-04-08 4,982.77: −18.90%; a fall from an intraday
    # peak is at least as deep, so a shallower stated fall contradicts
    got = _changes(claims_store, "The S&P 500 has fallen 15% from its February 19 peak.", DOWN)
    assert [r.verdict for r in got] == ["contradicted"], [(r.claim.quote, r.evidence) for r in got]
    assert "2025-02-19" in got[0].evidence, got[0].evidence
    got = _changes(claims_store, "The S&P 500 has fallen 18.9% from its February 19 peak.", DOWN)
    assert [r.verdict for r in got] == ["supported"], [(r.claim.quote, r.evidence) for r in got]


def test_edged_alone_says_no_direction(claims_store):
    # "edged" without its particle is no direction word: no signed move is checked
    got = _changes(claims_store, "The S&P 500 edged 1.6% on Tuesday.", DOWN)
    assert all(r.verdict != "contradicted" for r in got), [(r.claim.quote, r.evidence) for r in got]
