"""A level with no measure the rules read and no day ("the S&P 500's last close at 5,969.34",
"S&P 500: Close 6,449.15") searched over the closes of the past five years, supported where one
gives it to the cent while a match by luck stays unlikely; a level its words make the session's
close ("closed at", "to close at") is not searched there. A signed percentage written right after
such a close ("Close 6,449.15, -0.31%") is that close's session's move (docs/claims.md, round 60).
The S&P 500 closed at 5,969.34 on 2024-11-22, 6,449.15 on 2025-08-18 (-0.01%) and 6,411.37 on
2025-08-19 (-0.59%)."""

from __future__ import annotations

import pytest
from claim_results import results


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("With the S&P 500's last close at 5,969.34, investors looked ahead.", "supported"),
        # one cent off: no close gives it
        ("With the S&P 500's last close at 5,969.35, investors looked ahead.", "unverifiable"),
        # a whole number matches some close by luck too often to be searched
        ("With the S&P 500's last close at 5,969, investors looked ahead.", "unverifiable"),
    ],
)
def test_a_close_of_the_past(claims_store, text, verdict):
    got = [r for r in results(claims_store, text, "2024-12-02") if "5,969" in r.claim.quote]
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]
    if verdict == "supported":
        assert "2024-11-22" in got[0].evidence and "past 5 years searched" in got[0].evidence


def test_a_session_close_is_not_searched_in_the_past(claims_store):
    (r,) = [r for r in results(claims_store, "The S&P 500 closed at 5,969.34.", "2024-12-02")]
    assert r.verdict == "contradicted", r.evidence


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("S&P 500: Close 6,449.15, -0.31%.", "contradicted"),
        ("S&P 500: Close 6,411.37, -0.59%.", "supported"),
        # no sign: no move written after the close
        ("S&P 500: Close 6,411.37, 0.59%.", "unverifiable"),
    ],
)
def test_a_move_written_after_a_found_close(claims_store, text, verdict):
    got = [r for r in results(claims_store, text, "2025-08-22") if "%" in r.claim.quote]
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]
