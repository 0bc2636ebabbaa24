"""A day range written with a dash ("April 3-4", "3–4 April 2025", "Sept. 19-20") is one span of
both days, not the day next to the month (read before as April 3 alone, or April 4 alone, so
that a two-day fall was judged as one session's; issue 8, round 83)."""

from __future__ import annotations

import datetime as dt

import pytest

from thesis.text.dates import find_dates

REF = dt.date(2025, 4, 30)


@pytest.mark.parametrize(
    ("text", "written", "first", "last"),
    [
        ("in the two trading sessions of 3–4 April, the index", "3–4 April", 3, 4),
        ("on April 3-4, stocks fell", "April 3-4", 3, 4),
        ("on 3-4 April 2025", "3-4 April 2025", 3, 4),
        ("the April 8–10 stretch", "April 8–10", 8, 10),
    ],
)
def test_a_day_range_is_one_span(text, written, first, last):
    got = [(d.text, d.kind, d.first, d.last) for d in find_dates(text, REF)]
    assert got == [(written, "span", dt.date(2025, 4, first), dt.date(2025, 4, last))]


@pytest.mark.parametrize(
    "text",
    [
        "on April 3 - 4.5% lower",
        "April 3-4%",
        "from April 3 to April 4",
        "April 4-3",
        "Friday, April 4-5",
    ],
)
def test_no_range_without_two_days_joined_by_a_dash(text):
    assert all(d.kind == "day" for d in find_dates(text, REF))


def test_a_range_takes_the_year_written_after_it():
    got = [
        (d.text, d.first, d.last, d.explicit_year)
        for d in find_dates("the June 14-15, 2022 FOMC meeting", REF)
    ]
    assert got == [("June 14-15, 2022", dt.date(2022, 6, 14), dt.date(2022, 6, 15), True)]
