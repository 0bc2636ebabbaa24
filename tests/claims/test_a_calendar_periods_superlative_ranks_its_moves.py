""" "$SPY Actually the best May since at least 2009, best month since November 2023": "the
best/worst May (Monday, first quarter) since ..." ranks that period's change among like
periods, not the level; it is not read as the level's rank, while "best month since" is the
rank of monthly changes (SPY +6.15% in May 2025, the best since November 2023's +8.92%)
(issue 8, round 34)."""

from __future__ import annotations

import pytest
from claim_results import results

DAY = "2025-05-30"


@pytest.mark.parametrize(
    "text",
    [
        "SPY had the best May since at least 2009.",
        "The S&P 500 had its worst April since 1970.",
        "The S&P 500 had its best Monday since March.",
    ],
)
def test_a_calendar_periods_superlative_is_not_the_levels_rank(claims_store, text):
    got = results(claims_store, text, DAY, "since")
    levels = [r for r in got if r.claim.extra.get("what") == "level"]
    assert not levels, [(r.claim.quote, r.verdict, r.evidence) for r in levels]
    assert all(r.verdict != "contradicted" for r in got)


def test_best_month_since_is_still_read(claims_store):
    got = results(claims_store, "SPY had its best month since November 2023.", DAY, "since")
    assert [r.verdict for r in got] == ["supported"], [(r.claim.quote, r.evidence) for r in got]
