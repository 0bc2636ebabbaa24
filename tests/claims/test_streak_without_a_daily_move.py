"""A streak statement ("had been absent one-day gains of 1% or more since Dec. 7", "no
single-day decline of 0.5% or more since Jan. 3") is the absence of a daily move beyond a
threshold since a day, not the change since that day: judged as a streak (``move_streak``), never
as the change. The pluperfect ("had been absent") ends the streak before the session the
sentence reports, whose own move broke it.

Data: S&P 500 2016-12-07 2,241.35; the largest daily gain from 2016-12-08 to 2017-02-28 is
+0.85% (2017-01-03, 55 sessions); 2017-03-01 +1.37%; the largest daily drop from 2017-01-04 to
2017-03-01 is −0.60% (2017-01-30).
"""

from __future__ import annotations

import pytest
from claim_results import results


@pytest.mark.parametrize(
    "text",
    [
        "Both the Dow and the S&P had been absent one-day gains of 1% or more since Dec. 7, a "
        "total of 55 trading days.",
        "The S&P 500 had been without single-day gains of 1% or more since Dec. 7.",
        "The S&P 500 has had no one-day decline of 1% or more since Jan. 3.",
    ],
)
def test_a_streak_is_judged_as_a_streak(claims_store, text):
    every = results(claims_store, text, "2017-03-01")
    got = [r for r in every if r.claim.measure == "move_streak"]
    assert got and all(r.verdict == "supported" for r in got), [r.evidence for r in every]
    assert not [r for r in every if r.claim.measure == "change"], [r.evidence for r in every]


def test_a_streak_a_move_broke_is_contradicted_and_names_it(claims_store):
    text = "The S&P 500 has had no one-day decline of 0.5% or more since Jan. 3."
    got = [r for r in results(claims_store, text, "2017-03-01") if r.claim.measure == "move_streak"]
    assert got and all(r.verdict == "contradicted" for r in got), [r.evidence for r in got]
    assert "0.60% on 2017-01-30" in got[0].evidence


def test_the_pluperfect_ends_before_the_reported_session(claims_store):
    # the day's own +1.37% broke the streak; "has been absent" on 2017-03-01 alone would not hold
    text = "On Wednesday, the S&P 500 had been absent one-day gains of 1% or more since Dec. 7."
    got = [r for r in results(claims_store, text, "2017-03-01") if r.claim.measure == "move_streak"]
    assert got and got[0].verdict == "supported", [r.evidence for r in got]
    assert "up to 2017-02-28" in got[0].evidence


def test_a_change_since_a_day_is_still_a_change(claims_store):
    got = results(claims_store, "The S&P 500 has gained 6.9% since Dec. 7.", "2017-03-01")
    assert got and all(r.claim.measure == "change" for r in got)
