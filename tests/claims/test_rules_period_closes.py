"""The close of a week, a month, a quarter or a year ("closed out the week at", "ended the month
up 2%", "closed at L for the week"): the last session of the period the words name, else of the
last one that had ended by the article's date (see :mod:`thesis.claims.closes`), and a change over
that period.

Closes by hand from sp500_daily_fred.csv: 2025-12-31 6845.50; 2026-01-02 6858.47 (Friday);
2026-01-09 6966.28 (Friday: +1.57% on the week); 2026-01-12 6977.27 (Monday); 2023-02-03 4136.48,
2023-02-10 4090.46 (−1.11% on the week).
"""

from __future__ import annotations

import datetime as dt

import pytest

from thesis.claims import check_text, parse_article
from thesis.claims.closes import _week_of_month, period_close
from thesis.text.dates import find_dates, find_periods, parse_article_date
from thesis.text.tokens import tokenize

WEEK = (
    "As expected, the first full trading week of January 2026 was an exciting one for the S&P 500, "
    "which closed out the week at {level}, a new record high."
)


def _check(store, text: str, date: str):
    return check_text(parse_article(text.encode(), "t.txt"), store, date=date).results


def _one(store, text: str, date: str, measure: str):
    got = [r for r in _check(store, text, date) if r.claim.measure == measure]
    assert len(got) == 1, [(r.claim.measure, r.claim.quote) for r in _check(store, text, date)]
    return got[0]


@pytest.mark.parametrize(
    ("level", "verdict"), [("6,966.28", "supported"), ("6,900.00", "contradicted")]
)
def test_a_week_close_named_by_its_week_is_read_on_its_friday(claims_store, level, verdict):
    """An article of Monday 2026-01-12 (close 6977.27) about the week to Friday 2026-01-09."""
    r = _one(claims_store, WEEK.format(level=level), "2026-01-12", "close")
    assert r.claim.date == dt.date(2026, 1, 9) and r.verdict == verdict, r.evidence
    rec = _one(claims_store, WEEK.format(level=level), "2026-01-12", "record")
    assert rec.claim.date == dt.date(2026, 1, 9) and rec.verdict == "supported"


@pytest.mark.parametrize(
    ("text", "date", "verdict"),
    [
        ("The S&P 500 closed out the week at 6,966.28.", "2026-01-12", "supported"),  # Monday
        ("The S&P 500 ended the week up 1.6%.", "2026-01-12", "supported"),
        ("The S&P 500 ended the week up 3.6%.", "2026-01-12", "contradicted"),
        ("The S&P 500 closed at 6,966.28 for the week.", "2026-01-13", "supported"),
        # a Friday article: this Friday's close, or the previous one (written before the close)
        ("The S&P 500 closed out the week at 6,858.47.", "2026-01-09", "supported"),
        ("The S&P 500 closed out the week at 6,966.28.", "2026-01-09", "supported"),
        ("The S&P 500 closed out the week at 6,700.00.", "2026-01-09", "contradicted"),
        ("The S&P 500 closed out the month at 6,845.50.", "2026-01-05", "supported"),
        ("The S&P 500 closed out the month at 6,977.27.", "2026-01-12", "contradicted"),
    ],
)
def test_period_closes(claims_store, text, date, verdict):
    got = [r for r in _check(claims_store, text, date) if r.claim.measure in ("close", "change")]
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]


def test_for_the_week_in_a_midweek_article_may_be_the_week_before(claims_store):
    """ "Rose 1.6% for the week" in an article of Wednesday 2026-01-14: the week to date, or the
    week to Friday 2026-01-09 (+1.57%): one reading fits."""
    r = _one(claims_store, "The S&P 500 rose 1.6% for the week.", "2026-01-14", "change")
    assert r.verdict == "supported", r.evidence


def test_a_month_dated_article_reads_every_week_of_its_month(claims_store):
    text = "# date: 2023-02 (mixes days from 2023-02-09 to 2023-02-15)\nThe S&P 500 ended the week 1.1% lower."
    rep = check_text(parse_article(text.encode(), "t.txt"), claims_store)
    got = [r for r in rep.results if r.claim.measure == "change"]
    assert [r.verdict for r in got] == ["supported"], [r.evidence for r in got]


def test_a_month_first_header_date_is_the_month():
    d = parse_article_date("2023-02 (mixes days from 2023-02-09 to 2023-02-15)")
    assert (d.first, d.last) == (dt.date(2023, 2, 1), dt.date(2023, 2, 28))
    assert parse_article_date("2023-02-09 (from URL)").first == dt.date(2023, 2, 9)


@pytest.mark.parametrize(
    ("month", "n", "full", "friday"),
    [
        ((2026, 1), 1, True, dt.date(2026, 1, 9)),  # Jan 1 is a Thursday: the first full week
        ((2026, 1), 1, False, dt.date(2026, 1, 2)),
        ((2026, 1), -1, True, dt.date(2026, 1, 30)),
        ((2025, 11), 2, True, dt.date(2025, 11, 14)),
    ],
)
def test_week_of_month(month, n, full, friday):
    first = dt.date(*month, 1)
    last = dt.date(month[0] + month[1] // 12, month[1] % 12 + 1, 1) - dt.timedelta(days=1)
    assert _week_of_month(first, last, n, full=full)[1] == friday


@pytest.mark.parametrize(
    ("text", "day", "unit"),
    [
        ("the index closed out the week at 6,966", dt.date(2026, 1, 9), "week"),
        ("the index finished last week at 6,966", dt.date(2026, 1, 9), "week"),
        ("the index ended the week of Jan. 5 at 6,966", dt.date(2026, 1, 9), "week"),
        ("the index wrapped up the month of December at 6,845", dt.date(2025, 12, 31), "month"),
        ("the index closed out the quarter at 6,845", dt.date(2025, 12, 31), "quarter"),
        ("the index closed at 6,966 for the week", dt.date(2026, 1, 9), "week"),
        ("the index rose to 6,966 for the week", None, None),  # no close verb: not a close
        ("the index closed at 6,966 on Friday", None, None),
    ],
)
def test_period_close(text, day, unit):
    ref = dt.date(2026, 1, 12)
    toks = tokenize(text)
    dates = find_dates(text, ref, tokens=toks)
    pc = period_close(
        toks, dates, find_periods(text, tokens=toks, dates=dates), (ref, ref), len(text)
    )
    assert (pc.day.first if pc else None, pc.unit if pc else None) == (day, unit)
