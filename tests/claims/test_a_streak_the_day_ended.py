""" "The S&P 500 rallied on Wednesday to snap a five-session losing skid ... The five-session
losing streak for the S&P 500 was its longest since early January": a streak the day
snapped, ended, broke or halted is counted up to the session before (five down sessions to
2022-06-14; 2022-06-15 was up 1.46%). A contradiction must survive that reading
(issue 8, round 34)."""

from __future__ import annotations

import pytest
from claim_results import results

DAY = "2022-06-15"


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 rallied on Wednesday. The five-session losing streak for the S&P 500 was "
        "notable.",
        "The S&P 500 rose on Wednesday, and its five-session losing streak is over.",
    ],
)
def test_a_streak_ended_by_the_day_is_not_contradicted(claims_store, text):
    got = results(claims_store, text, DAY, "streak")
    assert got, "no streak claim read"
    assert all(r.verdict != "contradicted" for r in got), [(r.claim.quote, r.evidence) for r in got]


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("The S&P 500 snapped a five-session losing streak on Wednesday.", "supported"),
        ("The S&P 500 halted a five-session losing streak on Wednesday.", "supported"),
        ("The S&P 500 snapped a seven-session losing streak on Wednesday.", "contradicted"),
        # a count that fits neither reading is still contradicted
        ("The S&P 500 extended its three-session losing streak on Wednesday.", "contradicted"),
    ],
)
def test_snap_words_and_other_counts(claims_store, text, verdict):
    got = results(claims_store, text, DAY, "streak")
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]
