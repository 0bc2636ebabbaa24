"""A move whose words state no period ("The S&P 500 added 16.3%") is read, for support only, on
the calendar periods that end on the article's day: the week, month, quarter and year to date, the
past year, the last full month and year. It is supported where one of them gives the stated figure
to its last digit while the chance of such a match by luck over the periods tried stays under 2%
(`thesis.claims.chance`): "added 16%" or "gained 7%" fit some period by luck too often. A hedged
figure, or a move stated with its close, is not searched, and a search never contradicts. On 2020-12-31 the S&P 500 closed at
3,756.07 (+16.26% on the year, +0.64% on the day); on 2022-04-14 at 4,392.59 (−2.13% on the
holiday week, −1.21% on the day); on 2020-08-31 at 3,500.31 (+7.01% in August)."""

from __future__ import annotations

import pytest
from claim_results import results


@pytest.mark.parametrize(
    ("text", "day", "verdict", "read_as"),
    [
        ("The S&P 500 added 16.3%.", "2020-12-31", "supported", "the year to date"),
        ("The S&P 500 is down 2.13%.", "2022-04-14", "supported", "the week to date"),
        ("The S&P 500 gained 7.01%.", "2020-08-31", "supported", "the month to date"),
        # no period of the seven gives it: not contradicted either (the period is only assumed)
        ("The S&P 500 added 16.8%.", "2020-12-31", "unverifiable", ""),
        # whole figures: one of seven periods fits such a figure by luck too often (August 2020
        # gave +7.01%, the year 2020 +16.26%)
        ("The S&P 500 gained 7%.", "2020-08-31", "unverifiable", ""),
        ("The S&P 500 added 16%.", "2020-12-31", "unverifiable", ""),
        # a one-sided hedge is not searched
        ("The S&P 500 is down more than 2.13%.", "2022-04-14", "unverifiable", ""),
    ],
)
def test_a_calendar_period_that_fits_supports(claims_store, text, day, verdict, read_as):
    got = results(claims_store, text, day, "change")
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]
    assert "period" in got[0].claim.assumed
    if read_as:
        assert f"read as {read_as}" in got[0].evidence
        assert "a match by luck over the 7 periods tried" in got[0].evidence


def test_points_are_searched_too(claims_store):
    got = results(claims_store, "The S&P 500 is down 866.29 points.", "2022-09-19", "points_change")
    assert [r.verdict for r in got] == ["supported"], [r.evidence for r in got]
    assert "read as the year to date" in got[0].evidence


def test_a_move_stated_with_its_close_is_that_sessions(claims_store):
    """ "closed at 4,392.59, down 2.13%": the close pins the session, so the week that gives the
    figure is not a reading of the move."""
    got = results(
        claims_store, "The S&P 500 closed at 4,392.59, down 2.13%.", "2022-04-14", "change"
    )
    assert [r.verdict for r in got] == ["unverifiable"], [r.evidence for r in got]
    assert "read as" not in got[0].evidence


@pytest.mark.parametrize(
    ("text", "day", "verdict"),
    [
        # a noun of a move with no period the rules bind ("missing", not assumed): searched too
        ("Trade fears knocked the S&P 500 into a 6.6% dive.", "2019-05-31", "supported"),
        ("Trade fears knocked the S&P 500 into a 6.1% dive.", "2019-05-31", "unverifiable"),
        (
            "The S&P 500 is building on the 24.2% gain from the previous year.",
            "2024-12-31",
            "supported",
        ),
    ],
)
def test_a_move_with_no_period_bound_is_searched_too(claims_store, text, day, verdict):
    got = results(claims_store, text, day, "change")
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]
    assert got[0].claim.missing == ["period"]
    if verdict == "supported":
        assert "the words state no period, and this calendar period fits" in got[0].evidence
    else:
        assert "its period is not stated" in got[0].evidence
