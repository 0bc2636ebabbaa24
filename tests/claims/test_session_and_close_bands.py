"""The grey zone of a session's move and of a close written to the cent (docs/claims.md, round
60). A session's move has no dividends and no other base to excuse a difference: beyond half a
unit of its last digit, only a preliminary close (0.03 pp) does, and on the side of a larger move
a figure cut rather than rounded (+0.89% written "0.8%"). A close written to the cent with words
that say it was a close is contradicted beyond one level band, not two. On 2019-01-30 the S&P 500
rose 1.555%; on 2024-03-20, 0.89%; on 2024-01-09 it fell 0.148%; on 2025-11-12 it closed at
6,850.92."""

from __future__ import annotations

import pytest
from claim_results import results


@pytest.mark.parametrize(
    ("text", "date", "verdict"),
    [
        ("The S&P 500 rose 1.48 percent on Wednesday.", "2019-01-30", "contradicted"),
        # the figure cut to its last digit: not an error a reader can prove
        ("The S&P 500 rose 1.5 percent on Wednesday.", "2019-01-30", "unverifiable"),
        ("The S&P 500 climbed 0.8% on Wednesday.", "2024-03-21", "unverifiable"),
        ("The S&P 500 climbed 0.7% on Wednesday.", "2024-03-21", "contradicted"),
        ("The S&P 500 climbed 0.89% on Wednesday.", "2024-03-21", "supported"),
        # a preliminary close may move a session's change by a few hundredths
        ("The S&P 500 declined 0.2% on Tuesday.", "2024-01-09", "unverifiable"),
        # a hedge keeps the wider band
        ("The S&P 500 rose about 1.48 percent on Wednesday.", "2019-01-30", "supported"),
    ],
)
def test_a_sessions_move_to_a_decimal(claims_store, text, date, verdict):
    got = results(claims_store, text, date, "change")
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("The S&P 500 edged higher to close at 6,860.92 on Wednesday.", "contradicted"),
        ("The S&P 500 edged higher to close at 6,855.92 on Wednesday.", "unverifiable"),
        ("The S&P 500 edged higher to close at 6,850.92 on Wednesday.", "supported"),
        # no words of a close: the wider grey zone of a level seen at any time
        ("The S&P 500 was at 6,860.92 on Wednesday.", "unverifiable"),
    ],
)
def test_a_close_to_the_cent(claims_store, text, verdict):
    got = results(claims_store, text, "2025-11-12", "close")
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # 2025: +16.39% on the index's closes, +17.7% with dividends (SPY's adjusted close)
        ("The S&P 500 rose 16% in 2025.", "supported"),
        # a whole percent beyond its rounding on both readings
        ("The S&P 500 rose 17% in 2025.", "contradicted"),
        # the total return is a reading that keeps it from a contradiction, never one that supports
        ("The S&P 500 rose 18% in 2025.", "unverifiable"),
        ("The S&P 500 rose 20% in 2025.", "contradicted"),
        # a bound: "a minimum ... gain of 15%"
        ("The S&P 500 posted a minimum full-year gain of 15% in 2025.", "supported"),
    ],
)
def test_a_whole_percent_over_a_year(claims_store, text, verdict):
    got = results(claims_store, text, "2026-01-02", "change")
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # "at" after a paired figure names the close, as "to" does
        ("The S&P 500 fell 34.9 points, or 1.2 percent, at 2,882.70.", "supported"),
        ("The S&P 500 fell 34.9 points, or 1.2 percent, at 2,982.70.", "contradicted"),
        # after a state ("was down"), a moment of the session: no close
        ("The S&P 500 was down 34.9 points, or 1.2 percent, at 2,982.70.", None),
    ],
)
def test_a_level_at_the_end_of_a_paired_move(claims_store, text, verdict):
    got = results(claims_store, text, "2019-08-12", "close")
    assert [r.verdict for r in got] == ([verdict] if verdict else []), [
        (r.claim.quote, r.evidence) for r in got
    ]


def test_a_move_with_no_close_words_in_a_story_that_states_no_close(claims_store):
    # Reuters' mid-session copy on the Fed's day (2024-09-18: the S&P 500 traded as high as about
    # 5,689 before closing at 5,618.26): the index's range, read on SPY's, holds the figures
    text = "The S&P 500 gained 29.06 points, or 0.52%, to 5,663.64 after the Fed cut rates."
    got = results(claims_store, text, "2024-09-18")
    assert got and all(r.verdict != "contradicted" for r in got), [
        (r.claim.quote, r.evidence) for r in got
    ]
    assert any("within the session's range" in r.evidence for r in got)


def test_a_trailing_year_from_the_next_sessions_close(claims_store):
    # Nvidia 2024-01-08 522.53; 2023-01-06 148.59, 2023-01-09 156.28: "235%" is the year from
    # the next session's close (+234.4%), a reading that blocks a contradiction
    got = results(
        claims_store,
        "In the past 12 months, Nvidia's stock has gained 235%.",
        "2024-01-09",
        "change",
    )
    assert [r.verdict for r in got] == ["unverifiable"], [(r.claim.quote, r.evidence) for r in got]
    got = results(
        claims_store,
        "In the past 12 months, Nvidia's stock has gained 300%.",
        "2024-01-09",
        "change",
    )
    assert [r.verdict for r in got] == ["contradicted"], [(r.claim.quote, r.evidence) for r in got]


def test_a_gain_to_reach_the_days_close_is_no_upside(claims_store):
    got = results(
        claims_store, "The S&P 500 followed with a 0.6% gain to reach 6,263.26.", "2025-07-09"
    )
    assert got and all(r.verdict != "contradicted" for r in got), [
        (r.claim.quote, r.evidence) for r in got
    ]
