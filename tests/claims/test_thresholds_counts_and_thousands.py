"""Five classes behind false alarms at first sight of two fresh held-out sets (docs/claims.md,
round 56), each stated for its class:

* a move's threshold written with its sign or a trailing plus ("gained +10% or more", "20%+
  returns") is a threshold, not a move;
* a streak the clause says happened N times ("three straight years of 20%+ returns only twice")
  is a count in history, not the streak that ends now; a count in another clause ("..., a feat
  that has happened five times") leaves it the current streak;
* a level written "5.670" in a machine-translated text is 5,670 when that is near the series'
  close and the decimal reading is far from it;
* a level stated as a close ("With the S&P 500's last close at 5,969.34, these projections imply
  a return of 9.75%") is where an upside runs from, never its target;
* "rose 0.6 per cent to end the week at 2,651.50" may be the last session's move (read too);
* an evaluative superlative of inflation ("the worst inflation since the early 1980s") is the
  highest reading, and one of an episode ("the worst period since") compares episodes, not the
  latest release.

S&P 500: +14.48% in the first half of 2024 (to 5,460.48); closes 2024-09-17 5,634.58, 2017-12-08
2,651.50 (+0.55% on the day, +0.35% on the week). CPI-U: 8.3% year over year in April 2022, 8.5% in
March 2022, the highest since the early 1980s.
"""

from __future__ import annotations

import pytest
from claim_results import results


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("In years when it gained +10% or more in the first half, stocks rose.", "2024-07-31"),
        ("The S&P 500 has achieved three straight years of 20%+ returns only twice.", "2024-07-31"),
        ("The S&P 500 hit its new intraday high of 5.670 on Tuesday.", "2024-09-17"),
        (
            "Goldman Sachs forecasts 6,500. With the S&P 500's last close at 5,969.34, these "
            "projections imply a potential return of approximately 9.75% by 2025.",
            "2025-05-22",
        ),
        (
            "The Fed waited too long on an inflation problem that turned into the worst period "
            "since the early 1980s.",
            "2022-05-17",
        ),
    ],
)
def test_no_false_alarm(claims_store, text, day):
    got = results(claims_store, text, day)
    assert got, text
    assert "contradicted" not in {r.verdict for r in got}, [
        (r.claim.quote, r.evidence) for r in got
    ]


def test_the_thousands_reading_is_said(claims_store):
    got = results(
        claims_store, "The S&P 500 hit its new intraday high of 5.670 on Tuesday.", "2024-09-17"
    )
    assert "5.670 read as 5,670" in got[0].evidence


def test_a_count_in_another_clause_leaves_the_streak(claims_store):
    text = (
        "The S&P 500 has delivered its third consecutive year of double-digit gains, a feat so "
        "rare it has only happened five times since the 1940s."
    )
    got = results(claims_store, text, "2025-12-31", "annual_streak")
    assert got and "count" not in got[0].claim.qualifiers, [
        (r.claim.quote, r.evidence) for r in got
    ]


def test_a_move_to_end_the_week_may_be_the_last_sessions(claims_store):
    got = results(
        claims_store,
        "The S&P 500 rose 0.6 per cent to end the week at 2,651.50.",
        "2017-12-08",
        "change",
    )
    assert [r.verdict for r in got] == ["supported"], [r.evidence for r in got]
    # the week's change (+0.35%) alone would not fit; "for the week" names only the week
    got = results(
        claims_store,
        "The S&P 500 rose 0.6 per cent for the week to 2,651.50.",
        "2017-12-08",
        "change",
    )
    assert [r.verdict for r in got] != ["supported"], [r.evidence for r in got]


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        (
            "Consumer prices rose 8.5% in March, the worst inflation since the early 1980s.",
            "supported",
        ),
        ("Consumer prices rose 8.5% in March, the best reading since 2021.", "contradicted"),
    ],
)
def test_an_evaluative_superlative_of_inflation(claims_store, text, verdict):
    got = results(claims_store, text, "2022-04-14", "since")
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]


def test_a_comparisons_base_period_is_not_the_claims(claims_store):
    """ "closed out the week at 6,966.28, a new record high and 1.6% higher than it ended the
    previous trading week": the previous week is the comparison's base; the record and the move
    are this week's (2026-01-09: a record close, +1.57% on the week)."""
    text = (
        "The first full trading week of January 2026 was an exciting one for the S&P 500, which "
        "closed out the week at 6,966.28, a new record high and 1.6% higher than it ended the "
        "previous trading week."
    )
    got = results(claims_store, text, "2026-01-09")
    assert {r.verdict for r in got} == {"supported"}, [(r.claim.quote, r.evidence) for r in got]


def test_a_move_to_a_session_peak_is_intraday(claims_store):
    text = "The S&P 500 gained 0.3% to trade at a session peak of 7,002.28 Wednesday."
    got = results(claims_store, text, "2026-01-28", "change")
    assert got and all("intraday" in r.claim.qualifiers for r in got), [r.evidence for r in got]
    assert "contradicted" not in {r.verdict for r in got}
