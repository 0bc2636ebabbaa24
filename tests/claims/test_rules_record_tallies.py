"""A cardinal count of record closes over a named year: "has closed at a new record high 37 times
so far during 2017", "closed at a peak 57 times this year", "nearly 40 record closing highs in
2025". The count is of the closes of that year, up to the article's day, that topped every
earlier close; a hedge widens it ("nearly": up to a tenth fewer). Contradicted only beyond the
band by more than two records and a tenth, when the words say closes. No year named: not read.

Data: S&P 500 record closes in 2017 up to 2017-09-25: 37 (the last on 2017-09-20); in 2025 up to
2025-12-26: 39. The daily history starts 2016-02-12, above every earlier monthly average by 2017.
"""

from __future__ import annotations

import pytest

from thesis.claims import check_text, parse_article


def _tallies(store, text: str, date: str):
    res = check_text(parse_article(text.encode(), "t.txt"), store, date=date).results
    return [r for r in res if r.claim.measure == "record_count"]


@pytest.mark.parametrize(
    ("text", "date", "verdict"),
    [
        ("So far during 2017 the S&P 500 has set 37 record closes.", "2017-09-25", "supported"),
        ("The S&P 500 closed at a record high 37 times in 2017 through Monday.", "2017-09-25", "supported"),
        ("The benchmark S&P 500 has closed at a peak 39 times this year.", "2025-12-26", "supported"),
        ("The S&P 500 has logged almost 40 record closing highs this year.", "2025-12-26", "supported"),
        ("The S&P 500 has closed at a record 25 times so far in 2017.", "2017-09-25", "contradicted"),
        # near the count but outside it: a writer may count a tie or the session in progress
        ("The S&P 500 has closed at a record 35 times so far in 2017.", "2017-09-25", "unverifiable"),
        # records "hit" may be intraday: never contradicted
        ("The S&P 500 has hit a record high 25 times so far in 2017.", "2017-09-25", "unverifiable"),
    ],
)  # fmt: skip
def test_a_count_of_record_closes(claims_store, text, date, verdict):
    got = _tallies(claims_store, text, date)
    assert len(got) == 1, [r.claim.quote for r in got]
    assert got[0].verdict == verdict, got[0].evidence


@pytest.mark.parametrize(
    "text",
    [
        "After a year that saw 40 record closing highs, the S&P 500 paused.",  # which year?
        "The S&P 500 has closed at a record 25 times.",
        "The VIX closed below 10 on 34 days in 2017.",  # a count of a threshold, not of records
    ],
)
def test_without_a_named_year_or_records_it_is_not_read(claims_store, text):
    assert _tallies(claims_store, text, "2017-12-29") == []
