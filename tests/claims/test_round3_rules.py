"""Round-3 rule classes, each on its own example sentences: "up N of the past M weeks" (a count of
up sessions or weeks) and a record missed ("ends shy of record high").

Closes by hand from sp500_daily_fred.csv: weeks ending 2022-09-30 3585.62, 10-07 3639.66, 10-14
3583.07, 10-21 3752.75, 10-28 3901.06 (up, down, up, up); sessions 10-20 3665.78, 10-21 3752.75,
10-24 3797.34, 10-25 3859.11, 10-26 3830.60, 10-27 3807.30, 10-28 3901.06 (4 of 6 up); record
close 6890.89 on 2025-10-28, 2025-12-10 6886.68.
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


@pytest.mark.parametrize(
    ("date", "text", "verdict"),
    [
        ("2025-12-10", "The S&P 500 ends shy of record high.", "supported"),
        (
            "2025-12-10",
            "The S&P 500 index narrowly missed a fresh record close Wednesday.",
            "supported",
        ),
        # 2025-10-28 was a record close (6890.89 above every earlier close)
        (
            "2025-10-28",
            "The S&P 500 closed just short of a record high on Tuesday.",
            "contradicted",
        ),
    ],
)
def test_a_missed_record(claims_store, date, text, verdict):
    r = _verdict(claims_store, text, date, "record")
    assert r.claim.extra.get("missed") and r.verdict == verdict, r.evidence


# Weekly closes by hand from sp500_daily_fred.csv: 2022-03-11 4204.31, 03-25 4543.06 (two weeks
# +338.75 points); 2020-10-30 3269.96, 11-13 3585.15 (+9.64%); 2022-10-14 3583.07, 10-28 3901.06
# (+317.99 points, +8.87%), no two-week gain between that reaches them.
@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("The S&P 500 posted its largest two-week point gain since the week ending March 25, 2022.",
         "supported"),
        ("The S&P 500 posted its largest two-week percentage gain since the week ending Nov. 13, 2020.",
         "supported"),
    ],
)  # fmt: skip
def test_a_superlative_over_weeks_since_a_week(claims_store, text, verdict):
    r = _verdict(claims_store, text, "2022-10-28", "since")
    assert r.claim.extra["unit"] == "week" and r.claim.extra["n"] == 2
    assert r.verdict == verdict, r.evidence


def test_a_pronoun_that_points_to_its_own_clause_binds():
    c = next(
        c
        for c in extract_claims(
            "The S&P 500 notched its largest four-day gain since Wednesday, Dec. 24, 2025.",
            dt.date(2026, 1, 13),
        )
        if c.measure == "since"
    )
    assert c.subject.key == "sp500" and "subject" not in c.loose
    c = next(
        c
        for c in extract_claims(
            "The S&P 500 closed at 6,900. Its largest four-day gain since Dec. 24, 2025 came then.",
            dt.date(2026, 1, 13),
        )
        if c.measure == "since"
    )
    assert "subject" in c.loose  # "Its" in another sentence: a back-reference


# Weekly closes by hand: 2020-06-26 3009.05 → 07-02 3130.01 (+4.02%, a four-day week); 10-02
# 3348.44 → 10-09 3477.13 (+3.84%); no calendar week between gained more than 3.84% (rolling
# five-session windows did: a week is read as a calendar week); the week to 2020-04-09 gained 12.1%
# and the weeks to 2020-06-05 (+4.91%) and 07-02 came after it.
@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("The S&P 500 closed its best trading week since the week of July 2, 2020.", "supported"),
        (
            "The S&P 500 closed its best trading week since the week of April 9, 2020.",
            "contradicted",
        ),
    ],
)
def test_best_week_since_the_week_of(claims_store, text, verdict):
    r = _verdict(claims_store, text, "2020-10-09", "since")
    assert r.claim.extra["unit"] == "week" and r.verdict == verdict, r.evidence
