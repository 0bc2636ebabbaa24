"""A count of occurrences ("closed at 11 or higher on just three occasions", "closed below 10 on
20 days", "Closed At A Record 30 Times") or of records ("37 record highs", "Record Highs 37
Times", "record closes: 37"), or a threshold ("at 10 or lower"), is not a level or a record on
the article's day: never judged as one. A plain close on the day stays judged.

Data: VIX 2017-11-06 close 9.40; S&P 500 2017-09-26 2,496.84 (below 2,508.24 on 2017-09-20).
"""

from __future__ import annotations

import pytest

from thesis.claims import check_text, parse_article

LEVELS = ("close", "record", "since", "extreme", "first_cross", "yield")


def _levels(store, text: str, date: str):
    res = check_text(parse_article(text.encode(), "t.txt"), store, date=date).results
    return [r for r in res if r.claim.measure in LEVELS]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("The VIX ended at 11 or higher on just three occasions last month.", "2017-11-06"),
        ("Before this year, the VIX closed at 10.5 or lower only eleven times.", "2017-11-06"),
        ("The VIX closed at 12 on 40 days this year.", "2017-11-06"),
        ("The S&P 500 has notched 37 record highs this year.", "2017-09-26"),
        ("The S&P 500 Closed At A Record 30 Times This Year", "2017-09-26"),
        ("S&P 500 Sets New Record Highs 41 Times In 2017", "2017-09-26"),
    ],
)
def test_a_count_is_not_a_level_on_the_day(claims_store, text, date):
    got = _levels(claims_store, text, date)
    assert all(r.verdict != "contradicted" for r in got), [r.evidence for r in got]


def test_the_evidence_says_it_is_a_count(claims_store):
    got = _levels(claims_store, "S&P 500 Sets New Record Highs 41 Times In 2017", "2017-09-26")
    assert got and all("count of occurrences" in r.evidence for r in got), [r.evidence for r in got]


@pytest.mark.parametrize(
    ("text", "date", "verdict"),
    [
        ("The VIX closed at 10.50 on Monday.", "2017-11-06", "contradicted"),
        # a count of sessions over a period is not a count of occurrences of the level
        ("The S&P 500 closed at 2,496.84 on Tuesday, up in two of the past five sessions.",
         "2017-09-26", "supported"),
    ],
)  # fmt: skip
def test_a_close_on_the_day_is_still_judged(claims_store, text, date, verdict):
    got = [r for r in _levels(claims_store, text, date) if r.claim.measure == "close"]
    assert got and all(r.verdict == verdict for r in got), [r.evidence for r in got]
