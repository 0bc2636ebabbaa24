"""A level stated with a direction or a verb of standing: "The VIX Volatility Index was lower at
27.98", "VIX steady at 16.5", "The S&P 500 also secured a new record close at 6,901", "to finish
the day at a new high of 6,901", "ended Thursday's abbreviated session at 6,279.35", "4.5% from
Tuesday's close at 4,109". The level is the close of the bound day (a record too when the words
say so); without closing words it may be a moment of the session, so a close supports it and
never contradicts it. A move's figure before the direction ("rose 1% higher at") keeps it a move."""

from __future__ import annotations

import pytest
from claim_results import results


@pytest.mark.parametrize(
    ("text", "date", "verdict"),
    [
        # VIX closes: 2020-05-08 27.98, 2020-10-23 27.55, 2025-10-08 16.30
        ("The VIX Volatility Index was lower at 27.98.", "2020-05-08", "supported"),
        # not the close, but "was lower at" may be a moment of the session: not contradicted
        ("The VIX Volatility Index was lower at 27.50.", "2020-10-23", "unverifiable"),
        ("VIX steady at 16.3", "2025-10-08", "supported"),
        ("VIX steady at 16.5", "2025-10-08", "unverifiable"),
        # S&P 500 closes: 2025-12-11 6,901.00 (a record), 2025-07-03 6,279.35, 2023-04-11 4,108.94
        ("The S&P 500 also secured a new record close at 6,901.", "2025-12-11", "supported"),
        ("The S&P 500 also secured a new record close at 6,950.", "2025-12-11", "contradicted"),
        (
            "The S&P 500 added 14.32 points, or 0.2%, to finish the day at a new high of 6,901.",
            "2025-12-11",
            "supported",
        ),
        (
            "The S&P 500 ended Thursday's abbreviated session at 6,279.35.",
            "2025-07-03",
            "supported",
        ),
        ("The S&P 500 is just 4.5% from Tuesday's close at 4,109.", "2023-04-12", "supported"),
        ("The S&P 500 was little changed at 2,929.80.", "2020-05-08", "supported"),
    ],
)
def test_a_level_with_a_direction_is_the_days_close(claims_store, text, date, verdict):
    got = results(claims_store, text, date, measure="close")
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]


def test_a_new_high_after_a_closing_verb_is_a_record(claims_store):
    text = "The S&P 500 added 14.32 points, or 0.2%, to finish the day at a new high of 6,901."
    got = results(claims_store, text, "2025-12-11", measure="record")
    assert [r.verdict for r in got] == ["supported"], [(r.claim.quote, r.evidence) for r in got]


def test_a_move_before_the_direction_is_not_a_stated_level(claims_store):
    # a move's figure before the direction: a move made, not a level stated
    got = results(claims_store, "The S&P 500 rose 1% higher at 2,929.80.", "2020-05-08")
    assert [r.claim.measure for r in got if r.claim.measure in ("close", "record")] == [], [
        (r.claim.quote, r.evidence) for r in got
    ]


def test_a_high_without_new_is_no_record(claims_store):
    text = "The S&P 500 closed the day at a high of 2,929.80."
    got = results(claims_store, text, "2020-05-08", measure="record")
    assert got == [], [(r.claim.quote, r.evidence) for r in got]
