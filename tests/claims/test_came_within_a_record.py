""" "Came within X% of its all-time closing high": the nearest the index got, at some moment of
the session (often intraday), so closes cannot rule it out; and the record words after "within X%
of" name the distance's level, never a record set that day."""

from __future__ import annotations

import pytest
from claim_results import results

DAY = "2020-08-11"  # close 3,333.69, 1.55% below the record close of 3,386.15 (2020-02-19)


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 came within 0.2% of its all-time closing high on Tuesday.",
        "The S&P 500 got within 0.5% of its record close on Tuesday.",
    ],
)
def test_came_within_is_not_judged_on_the_close(claims_store, text):
    got = results(claims_store, text, DAY)
    assert got and all(r.verdict == "unverifiable" for r in got), [
        (r.claim.quote, r.verdict, r.evidence) for r in got
    ]
    assert not [r for r in got if r.claim.measure == "record"]


def test_within_x_of_its_record_is_no_record(claims_store):
    got = results(
        claims_store, "The S&P 500 closed within 1% of its all-time high on Tuesday.", DAY
    )
    assert not [r for r in got if r.claim.measure == "record"], [
        (r.claim.quote, r.verdict, r.evidence) for r in got
    ]


def test_a_distance_closed_below_the_record_is_judged(claims_store):
    got = results(
        claims_store, "The S&P 500 closed 1.6% below its all-time closing high on Tuesday.", DAY
    )
    assert [r.verdict for r in got if r.claim.measure == "distance"] == ["supported"]
