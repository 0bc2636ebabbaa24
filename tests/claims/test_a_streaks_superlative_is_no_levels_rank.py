""" "The five-session losing streak for the S&P 500 was its longest since early January":
"its longest/biggest/best/worst since" after a streak or move noun ranks that streak or move,
not the level (the index was far below its January closes). Such a rank is not read as the
level's (issue 8, round 34)."""

from __future__ import annotations

import pytest
from claim_results import results

DAY = "2022-06-15"


@pytest.mark.parametrize(
    "text",
    [
        "The five-session losing streak for the S&P 500 was its longest since early January.",
        "The S&P 500's slide this week was its worst since early January.",
        "The selloff in the S&P 500 on Monday was the biggest since January.",
    ],
)
def test_a_runs_superlative_is_not_the_levels_rank(claims_store, text):
    got = results(claims_store, text, DAY, "since")
    levels = [r for r in got if r.claim.extra.get("what") == "level"]
    assert not levels, [(r.claim.quote, r.verdict, r.evidence) for r in levels]


def test_a_levels_superlative_is_still_read(claims_store):
    # "its lowest close since": the level's rank, as before
    got = results(claims_store, "The S&P 500 closed at its highest since January on Wednesday.",
                  DAY, "since")  # fmt: skip
    assert [r.verdict for r in got] == ["contradicted"], [(r.claim.quote, r.evidence) for r in got]
