"""Counts of up or down sessions or weeks ("up three of the past four weeks", "up four of the
past six trading days"): the count among the last ones, exactly.

Closes by hand from sp500_daily_fred.csv: weeks ending 2022-09-30 3585.62, 10-07 3639.66, 10-14
3583.07, 10-21 3752.75, 10-28 3901.06 (up, down, up, up); sessions 10-20 3665.78, 10-21 3752.75,
10-24 3797.34, 10-25 3859.11, 10-26 3830.60, 10-27 3807.30, 10-28 3901.06 (4 of 6 up).
"""

from __future__ import annotations

import datetime as dt

import pytest

from thesis.claims import check_text, extract_claims, parse_article


def _verdict(store, text: str, date: str, measure: str):
    rep = check_text(parse_article(text.encode(), "t.txt"), store, date=date)
    hits = [r for r in rep.results if r.claim.measure == measure]
    assert len(hits) == 1, [(r.claim.measure, r.claim.quote) for r in rep.results]
    return hits[0]


@pytest.mark.parametrize(
    ("text", "n", "of", "unit", "direction"),
    [
        ("--Up three of the past four weeks", 3, 4, "week", 1),
        ("The S&P 500 is up four of the past six trading days.", 4, 6, "session", 1),
        ("The 10-year yield is down two of the last three sessions.", 2, 3, "session", -1),
    ],
)
def test_count_of_frames(text, n, of, unit, direction):
    cs = [
        c
        for c in extract_claims("The S&P 500 fell.\n" + text, dt.date(2022, 10, 28))
        if c.measure == "count_of"
    ]
    assert len(cs) == 1
    c = cs[0]
    assert (c.extra["n"], c.extra["of"], c.extra["unit"], c.direction) == (n, of, unit, direction)


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("The S&P 500 is up three of the past four weeks.", "supported"),
        ("The S&P 500 is up four of the past six trading days.", "supported"),
        ("The S&P 500 is up four of the past four weeks.", "contradicted"),
        ("The S&P 500 is up two of the past six trading days.", "contradicted"),
    ],
)
def test_count_of_verdicts(claims_store, text, verdict):
    assert _verdict(claims_store, text, "2022-10-28", "count_of").verdict == verdict


def test_a_count_under_a_header_is_never_contradicted(claims_store):
    text = "S&P 500 closing stats:\n--Up one of the past four weeks"
    r = _verdict(claims_store, text, "2022-10-28", "count_of")
    assert r.verdict == "unverifiable" and "header" in r.evidence
