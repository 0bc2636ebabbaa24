""" "ended Tuesday's session down 0.36%, but closed out 2024 with gains of 23.31% on the year": a
year, month or quarter across a comma and a coordinating conjunction (", but", ", and", "; yet",
", while") belongs to that next clause and its figure, never to the move before it, which keeps
its own session (issue 8, round 36)."""

from __future__ import annotations

import pytest
from claim_results import results

# S&P 500: 2024-12-31 close 5,881.63, 2024-12-30 5,906.94 (−0.43%); 2024 +23.31%,
# December 2024 −2.50%, Q4 2024 +2.07%
DAY = "2024-12-31"


def _changes(store, text: str) -> list:
    return [r for r in results(store, text, DAY) if r.claim.measure == "change"]


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 ended Tuesday's session down 0.43%, but closed out 2024 with gains of "
        "23.31% on the year.",
        "The S&P 500 ended Tuesday's session down 0.43%, but closed out December with a loss "
        "of 2.5%.",
        "The S&P 500 slipped 0.43% on Tuesday, and ended the fourth quarter with a gain of 2.1%.",
        "The S&P 500 fell 0.43% on Tuesday; yet in 2024 it gained 23.31%.",
    ],
)
def test_the_move_keeps_its_session(claims_store, text):
    got = _changes(claims_store, text)
    assert got, text
    first = min(got, key=lambda r: r.claim.start)
    assert first.verdict == "supported", (first.claim.quote, first.evidence)
    assert "previous close 2024-12-30" in first.evidence, first.evidence
    # the next clause's figure keeps the period it names
    assert all(r.verdict == "supported" for r in got), [(r.claim.quote, r.evidence) for r in got]


def test_a_wrong_session_figure_still_contradicts(claims_store):
    got = _changes(
        claims_store,
        "The S&P 500 ended Tuesday's session down 1.5%, but closed out 2024 with gains of "
        "23.31% on the year.",
    )
    first = min(got, key=lambda r: r.claim.start)
    assert first.verdict == "contradicted", (first.claim.quote, first.evidence)
    assert "previous close 2024-12-30" in first.evidence, first.evidence


def test_a_year_right_after_the_figure_is_still_its_own(claims_store):
    got = _changes(claims_store, "The S&P 500 rose 23.31% in 2024, and fell 0.43% on Tuesday.")
    assert [r.verdict for r in got] == ["supported", "supported"], [
        (r.claim.quote, r.evidence) for r in got
    ]
    assert "last close of the prior year" in got[0].evidence, got[0].evidence
