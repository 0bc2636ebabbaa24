"""Dates, periods and the article's own date, resolved against the date a text was written."""

from __future__ import annotations

import datetime as dt

import pytest

from thesis.text import ArticleDate, find_dates, find_periods, parse_article_date

REF = dt.date(2026, 1, 26)  # a Monday


@pytest.mark.parametrize(
    ("text", "kind", "first", "last"),
    [
        ("on November 26, 2025", "day", dt.date(2025, 11, 26), dt.date(2025, 11, 26)),
        ("hit Monday, Jan. 12, 2026", "day", dt.date(2026, 1, 12), dt.date(2026, 1, 12)),
        ("since 2025-04-02", "day", dt.date(2025, 4, 2), dt.date(2025, 4, 2)),
        # a US numeric date, month first, with its year
        ("its 4.33% close on 11/30/23", "day", dt.date(2023, 11, 30), dt.date(2023, 11, 30)),
        ("a high of 4,796.56 on 1/3/2022", "day", dt.date(2022, 1, 3), dt.date(2022, 1, 3)),
        ("on Dec. 24", "day", dt.date(2025, 12, 24), dt.date(2025, 12, 24)),  # no year: the latest
        ("in November", "month", dt.date(2025, 11, 1), dt.date(2025, 11, 30)),
        ("in January", "month", dt.date(2026, 1, 1), dt.date(2026, 1, 31)),  # the month running
        ("November 2024", "month", dt.date(2024, 11, 1), dt.date(2024, 11, 30)),
        ("in Q3 2025", "quarter", dt.date(2025, 7, 1), dt.date(2025, 9, 30)),
        ("the third quarter", "quarter", dt.date(2025, 7, 1), dt.date(2025, 9, 30)),
        ("the fourth quarter of 2024", "quarter", dt.date(2024, 10, 1), dt.date(2024, 12, 31)),
        # a half-year: with its year, "of the year"/"of this year" (the reference's), or none
        # (the latest begun by the reference date)
        ("the first half of 2024", "half", dt.date(2024, 1, 1), dt.date(2024, 6, 30)),
        ("in the second half of this year", "half", dt.date(2026, 7, 1), dt.date(2026, 12, 31)),
        ("in the first half of the year", "half", dt.date(2026, 1, 1), dt.date(2026, 6, 30)),
        ("the second half", "half", dt.date(2025, 7, 1), dt.date(2025, 12, 31)),
        ("in H1 2025", "half", dt.date(2025, 1, 1), dt.date(2025, 6, 30)),
        ("in 2024", "year", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        ("on Thursday", "weekday", dt.date(2026, 1, 22), dt.date(2026, 1, 22)),
        ("Friday's session", "weekday", dt.date(2026, 1, 23), dt.date(2026, 1, 23)),
        ("today", "relative", REF, REF),
        ("last week", "span", dt.date(2026, 1, 19), dt.date(2026, 1, 25)),
        ("this month", "span", dt.date(2026, 1, 1), REF),
    ],
)
def test_dates(text, kind, first, last):
    (d,) = find_dates(text, REF)
    assert (d.kind, d.first, d.last) == (kind, first, last)
    assert text[d.start : d.end] == d.text


@pytest.mark.parametrize(
    ("text", "first"),
    [
        # a day of the month alone: this month's, or the month before's when it is still to come
        ("closed at 5,026.61 on the 22nd (local time)", dt.date(2026, 1, 22)),
        ("On the 9th, the index fell", dt.date(2026, 1, 9)),
        ("since the 30th", dt.date(2025, 12, 30)),
        ("over the two months until the 9th of last month", dt.date(2025, 12, 9)),
        ("on the 2nd of this month", dt.date(2026, 1, 2)),
    ],
)
def test_a_day_of_the_month_alone(text, first):
    (d,) = find_dates(text, REF)
    assert (d.kind, d.first, d.last) == ("day", first, first)


@pytest.mark.parametrize(
    "text",
    ["its 3rd straight gain", "on the 10th day of declines", "in the 21st century",
     "on the 3rd-quarter call", "the 22nd"],
)  # fmt: skip
def test_an_ordinal_that_counts_is_no_day(text):
    assert find_dates(text, REF) == []


def test_weekday_is_kept_for_the_calendar_check():
    (d,) = find_dates("Monday, Jan 20, 2025", REF)
    assert d.weekday == 0 and d.first == dt.date(2025, 1, 20)


def test_modifiers_narrow_the_span():
    (d,) = find_dates("since early 2021", REF)
    assert d.modifier == "early" and d.last < dt.date(2021, 6, 1)
    (d,) = find_dates("in mid-March", REF)
    assert d.modifier == "mid" and dt.date(2025, 3, 5) < d.first < d.last < dt.date(2025, 3, 28)


def test_may_the_verb_is_no_month():
    assert find_dates("Rates may fall.", REF) == []


def test_no_reference_date_leaves_relative_words_out():
    assert [d.kind for d in find_dates("on Monday, Nov. 26, 2025 and today", None)] == ["day"]


@pytest.mark.parametrize(
    ("text", "kind", "n", "unit"),
    [
        ("up 16.4% year-to-date", "ytd", None, None),
        ("so far this year", "ytd", None, None),
        ("month-to-date", "mtd", None, None),
        ("for the week", "week", None, None),
        ("notched a 5% weekly gain", "week", None, None),
        ("a weekly percentage loss of 2%", "week", None, None),
        ("last week", "last_week", None, None),
        ("over the last four trading days", "trailing", 4, "session"),
        ("over the past twelve months", "trailing", 12, "month"),
        ("in the past 3 weeks", "trailing", 3, "week"),
        ("from 52 weeks ago", "ago", 52, "week"),
        ("from a year earlier", "ago", 1, "year"),
        ("year over year", "yoy", None, None),
        ("month-on-month", "mom", None, None),
        ("annualized", "annualized", None, None),
        ("in a matter of weeks", "swing", None, None),
        ("the latest two-year stretch", "trailing", 2, "year"),
    ],
)
def test_periods(text, kind, n, unit):
    (p,) = find_periods(text)
    assert (p.kind, p.n, p.unit) == (kind, n, unit)


def test_since_takes_the_whole_date():
    text = "up 22.56% since Wednesday, April 2, 2025, and more"
    (p,) = find_periods(text, dates=find_dates(text, REF))
    assert p.kind == "since" and p.anchor == "Wednesday, April 2, 2025"
    (p,) = find_periods("since the April low")
    assert p.anchor == "the April low"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('2026-01-26 (stated: "January 26, 2026 16:14 ET")', ArticleDate(REF, REF)),
        (
            "2025-12 (inferred: written after the close)",
            ArticleDate(dt.date(2025, 12, 1), dt.date(2025, 12, 31)),
        ),
        ("January 26, 2026", ArticleDate(REF, REF)),
        ("December 2025", ArticleDate(dt.date(2025, 12, 1), dt.date(2025, 12, 31))),
        ("unknown", None),
        ("2025-13-40", None),
    ],
)
def test_article_dates(value, expected):
    assert parse_article_date(value) == expected


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("2025 (year from the URL only)", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        ("2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
    ],
)
def test_a_year_alone_is_a_window(value, first, last):
    d = parse_article_date(value)
    assert d is not None and (d.first, d.last) == (first, last) and d.is_window


@pytest.mark.parametrize("value", ["2025/12/09", "2025.5", "1500 points"])
def test_other_numbers_are_no_header_date(value):
    assert parse_article_date(value) is None


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("since the 1980s", dt.date(1980, 1, 1), dt.date(1989, 12, 31)),
        ("since the early 1980s", dt.date(1980, 1, 1), dt.date(1983, 5, 1)),
        ("in the late 1990s.", dt.date(1996, 9, 1), dt.date(1999, 12, 31)),
        # a year, not a decade
        ("in 1980, stocks fell", dt.date(1980, 1, 1), dt.date(1980, 12, 31)),
    ],
)
def test_a_decade(text, first, last):
    got = [d for d in find_dates(text, dt.date(2022, 5, 17)) if d.kind == "year"]
    assert [(d.first, d.last) for d in got] == [(first, last)]


@pytest.mark.parametrize(
    ("text", "first", "weekday"),
    [
        ("As of Tuesday, January 11,2022 the US", dt.date(2022, 1, 11), 1),
        ("Oct. 5,2019.", dt.date(2019, 10, 5), None),
    ],
)
def test_a_year_right_after_the_comma(text, first, weekday):
    """ "January 11,2022" (no space after the comma) is a day with its year, not a day and a
    thousands group; "Nov 1,234 points" stays a number."""
    (d,) = find_dates(text, REF)
    assert (d.kind, d.first, d.weekday) == ("day", first, weekday)
    assert not [d for d in find_dates("Nov 1,234 points", REF) if d.kind == "day"]


@pytest.mark.parametrize(
    "text", ["a 1/2 point move", "3/4/5", "1/3/22/5", "x.com/1/3/22", "1.5/3/22"]
)
def test_a_fraction_or_a_path_is_no_numeric_date(text):
    assert not [d for d in find_dates(text, REF) if d.kind == "day"]


def test_from_a_weekday_is_a_change_since_its_close():
    (p,) = [p for p in find_periods("The index was down 0.11% from Thursday.") if p.kind == "since"]
    assert p.anchor == "Thursday"


@pytest.mark.parametrize(
    ("text", "ref", "day"),
    [
        ("On Christmas Eve, the S&P was down 14.8% on the month.", "2019-01-02", "2018-12-24"),
        ("a shortened Black Friday trading session", "2024-11-30", "2024-11-29"),
        ("a shortened Black Friday trading session", "2018-12-01", "2018-11-23"),
        # the latest one on or before the article's date
        ("stocks rallied on Christmas Eve", "2024-12-20", "2023-12-24"),
        ("Christmas Eve 2018 marked the low", "2024-12-20", "2018-12-24"),
    ],
)
def test_holiday_trading_days(text, ref, day):
    got = [d for d in find_dates(text, dt.date.fromisoformat(ref)) if d.kind == "day"]
    assert [d.first for d in got] == [dt.date.fromisoformat(day)]


@pytest.mark.parametrize(
    "text",
    [
        'U.S. stocks experienced a "Black Friday" as the S&P 500 dropped 2.71%',
        "the Black Friday selloff in tech stocks",  # in October: a bad Friday's name
    ],
)
def test_black_friday_months_later_is_a_nickname(text):
    assert not [d for d in find_dates(text, dt.date(2025, 10, 10)) if d.kind == "day"]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("U.S. markets will be closed on Monday for Labor Day.", "2023-09-04"),
        ("Nvidia is set to report on Wednesday.", "2023-09-06"),
        ("The Fed will announce its decision Friday.", "2023-09-01"),  # the article's own day
        ("Stocks fell on Monday.", "2023-08-28"),
        ("Shares that were sold on Monday will recover.", "2023-08-28"),
        ("After it fell on Monday, the index will rebound.", "2023-08-28"),
    ],
)
def test_a_future_tense_names_the_weekday_ahead(text, day):
    # 2023-09-01 is a Friday
    got = [d.first for d in find_dates(text, dt.date(2023, 9, 1)) if d.kind == "weekday"]
    assert got == [dt.date.fromisoformat(day)]


def test_a_holiday_season_is_not_a_day():
    assert not [
        d for d in find_dates("Black Friday sales rose", dt.date(2024, 12, 2)) if d.kind == "day"
    ]


def test_last_weekday_is_before_the_reference_day():
    # 2022-01-03 is a Monday: "last Monday" is 2021-12-27, "Monday" the day itself
    assert [d.first for d in find_dates("Monday's fall", dt.date(2022, 1, 3))] == [
        dt.date(2022, 1, 3)
    ]
    lasts = [d.first for d in find_dates("last Monday's 1.4% rally", dt.date(2022, 1, 3))]
    assert lasts == [dt.date(2021, 12, 27)]
    # on a Wednesday, "last Monday" is the Monday of its week
    assert [d.first for d in find_dates("last Monday", dt.date(2022, 1, 5))] == [
        dt.date(2022, 1, 3)
    ]
