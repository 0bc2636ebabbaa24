"""A week's change named by its adjective ("notched a 5% weekly gain", "posted a weekly loss of
2%") is measured over the week, as "for the week" is, with the same readings: an article written
from Monday to Thursday may mean the week before."""

from __future__ import annotations

import pytest
from claim_results import results


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # the week to Friday 2025-05-16: 5,659.91 → 5,958.38, +5.27%
        ("The S&P 500 notched a 5.3% weekly gain.", "supported"),
        ("The S&P 500 posted a weekly gain of 5.3%.", "supported"),
        ("The S&P 500 notched a 9% weekly gain.", "contradicted"),
    ],
)
def test_a_weekly_move_is_the_weeks_change(claims_store, text, verdict):
    got = results(claims_store, text, "2025-05-16", measure="change")
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]


def test_a_monday_articles_weekly_move_may_be_the_week_before(claims_store):
    # Monday 2025-05-19: the week before is +5.27%, the week to date is one session
    got = results(claims_store, "The S&P 500 notched a 5.3% weekly gain.", "2025-05-19")
    assert [r.verdict for r in got] == ["supported"], [(r.claim.quote, r.evidence) for r in got]
