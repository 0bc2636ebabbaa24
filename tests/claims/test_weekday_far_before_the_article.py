"""A bare weekday five or six days before a day-dated article ("American stocks finished
Wednesday" in a story dated Tuesday) is more often a wrong weekday or a date a day off than a
story about a session most of a week old: it may support the figures it dates, never contradict
them, and the article's own date (and the session before it) is read as well. Four days back (a
Monday story about Thursday after a holiday Friday) is still a plain day.

Data: S&P 500 2017-11-21 2,599.03; 2017-11-22 2,597.08; 2017-11-27 2,601.42; 2017-11-28
2,627.04 (+25.62 points, +0.98%).
"""

from __future__ import annotations

import datetime as dt

import pytest
from claim_results import results

from thesis.claims.weekdays import far_weekday_reading
from thesis.text.dates import find_dates

_WRAP = (
    "American stocks finished Wednesday with gains as the Senate moved on taxes. "
    "All three indices rose. The S&P 500 added 25.62 points or one percent to {level}."
)


def test_figures_of_the_articles_own_date_are_supported(claims_store):
    got = [r for r in results(claims_store, _WRAP.format(level="2627.04"), "2017-11-28")
           if "2627.04" in r.claim.quote]  # fmt: skip
    assert got and all(r.verdict == "supported" for r in got), [r.evidence for r in got]


def test_figures_that_fit_no_day_are_not_contradicted(claims_store):
    got = [r for r in results(claims_store, _WRAP.format(level="2727.04"), "2017-11-28")
           if "2727.04" in r.claim.quote and r.claim.measure == "close"]  # fmt: skip
    assert got and all(r.verdict == "unverifiable" for r in got), [r.evidence for r in got]
    assert "falls 6 days before the article's date" in got[0].evidence


def _weekday(text, ref):
    return next(d for d in find_dates(text, ref) if d.kind == "weekday")


@pytest.mark.parametrize(
    ("text", "ref", "far"),
    [
        ("stocks rose Thursday", dt.date(2017, 11, 27), False),  # Monday after a holiday Friday
        ("stocks rose Friday", dt.date(2017, 11, 28), False),  # Tuesday after a holiday Monday
        ("stocks rose Thursday", dt.date(2017, 11, 28), True),  # five days back
        ("stocks rose Wednesday", dt.date(2017, 11, 28), True),  # six days back
        ("stocks rose Tuesday", dt.date(2017, 11, 28), False),  # the article's own day
    ],
)
def test_only_a_weekday_five_or_six_days_back_is_doubtful(text, ref, far):
    assert (far_weekday_reading(_weekday(text, ref), ref) is not None) is far


def test_a_far_weekday_reads_the_articles_date_and_the_session_before():
    tue = dt.date(2017, 11, 28)
    got = far_weekday_reading(_weekday("stocks rose Wednesday", tue), tue)
    assert got is not None and got[1] == (tue, dt.date(2017, 11, 27))
    mon = dt.date(2017, 11, 27)
    got = far_weekday_reading(_weekday("stocks rose Tuesday", mon), mon)
    assert got is not None and got[1] == (mon, dt.date(2017, 11, 24))  # Friday, over the weekend
