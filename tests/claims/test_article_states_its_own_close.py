"""An article that states its own day's close was written after that close: the session before it
is no longer a candidate day for its "now" figures (``judge.article_session``). A level, a record
close or a first close beyond a level, bound to the article's date ("fell 3% to close at
5,186.33", "closed at 5,186.33 on Monday", "closed above 6,000 for the first time"), pins the
session when the day's close fits it and the session before's does not; a stated close that fits
the session before (a story of the day before) pins nothing.

Data: S&P 500 closes 2024-08-02 5,346.56 (year to date +12.09 %), 2024-08-05 5,186.33 (+8.73 %);
2024-11-08 5,995.54, 2024-11-11 6,001.35 (its first close above 6,000; +25.82 % year to date).
"""

from __future__ import annotations

import pytest
from claim_results import results


def _ytd(store, text: str, date: str):
    got = [r for r in results(store, text, date, "change") if "12.1%" in r.claim.quote
           or "25.7%" in r.claim.quote]  # fmt: skip
    assert got, "the year-to-date figure was not read"
    return got


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (
            "The S&P 500 fell 3% to close at 5,186.33. The S&P 500 is up 12.1% year to date.",
            "2024-08-05",
        ),
        (
            "The S&P 500 closed at 5,186.33 on Monday, its worst day in two years.\n\n"
            "The S&P 500 is up 12.1% year to date.",
            "2024-08-05",
        ),
        (
            "The S&P 500 closed above 6,000 for the first time.\n\n"
            "The S&P 500 has gained 25.7% year to date.",
            "2024-11-11",
        ),
    ],
)
def test_a_stated_close_of_the_day_drops_the_session_before(claims_store, text, date):
    for r in _ytd(claims_store, text, date):
        assert r.verdict != "supported", r.evidence
        assert "candidate days" not in r.evidence, r.evidence


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # no close of the day is stated: an article published before the close may report the
        # session before
        ("The S&P 500 is up 12.1% year to date.", "2024-08-05"),
        # the stated close is the session before's: a story of that day, nothing pinned
        ("The S&P 500 closed at 5,346.56. The S&P 500 is up 12.1% year to date.", "2024-08-05"),
        # a level both sessions fit does not say which one the article reports
        ("The S&P 500 closed above 5,000. The S&P 500 is up 12.1% year to date.", "2024-08-05"),
    ],
)
def test_without_a_close_of_the_day_both_sessions_stay_candidates(claims_store, text, date):
    for r in _ytd(claims_store, text, date):
        assert r.verdict == "supported", r.evidence
        assert "2024-08-02" in r.evidence, r.evidence


def test_the_pinned_session_is_the_articles_not_a_later_one(claims_store):
    # dated Saturday: Friday's close pins Friday; the year-to-date figure of Friday holds
    text = "The S&P 500 closed at 5,346.56 on Friday.\n\nThe S&P 500 is up 12.1% year to date."
    for r in _ytd(claims_store, text, "2024-08-03"):
        assert r.verdict == "supported", r.evidence
