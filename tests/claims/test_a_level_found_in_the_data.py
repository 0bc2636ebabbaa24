"""A level whose words leave a slot open is supported where a close matches it to its last digit
while a match by luck over the closes tried stays under 2% (`thesis.claims.chance`: a close is
taken as drawn within ±2.5% of the series' level), and never contradicted; a round mark ("above
6,000") is a threshold, not a close. A close with no series in its sentence
("As of Wednesday's market close at 2927.25") is read on each series the article names, on its
day; a level after a bound series with no measure the rules read ("up from last week's close of
5,277.51", "S&P 500: Close 6,449.15") on the days its sentence names (a span's last session), else on
the article's sessions and, for a figure to the cent, the closes of the past five years. The S&P 500 closed at 2,927.25 on Wednesday 2019-04-24, at 5,277.51 on Friday
2024-05-31 (5,352.96 on Thursday 2024-06-06) and at 6,449.15 on 2025-08-18."""

from __future__ import annotations

import pytest
from claim_results import results

OPENING = "The S&P 500 rose 0.5%. "


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("As of Wednesday's market close at 2927.25, investors were cautious.", "supported"),
        # another figure, or a day whose close is another: not contradicted (the series is open)
        ("As of Wednesday's market close at 2937.25, investors were cautious.", "unverifiable"),
        ("As of Tuesday's market close at 2927.25, investors were cautious.", "unverifiable"),
        # a figure to the tens: a match by luck is too likely (10 of the band's 146 points)
        ("As of Wednesday's market close at 2,930, investors were cautious.", "unverifiable"),
    ],
)
def test_a_close_with_no_series_is_read_on_the_articles(claims_store, text, verdict):
    got = results(claims_store, OPENING + text, "2019-04-25", "close")
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]
    assert got[0].claim.missing == ["subject"]
    if verdict == "supported":
        assert "sp500 2019-04-24 close 2,927.25" in got[0].evidence


@pytest.mark.parametrize(
    ("text", "day", "verdict"),
    [
        ("The S&P 500 rose, up from last week's close of 5,277.51.", "2024-06-07", "supported"),
        ("S&P 500: Close 6,449.15", "2025-08-18", "supported"),
        ("The S&P 500 rose, up from last week's close of 5,283.40.", "2024-06-07", "unverifiable"),
        # the day the words name closed elsewhere: the level is not searched on other days
        ("The S&P 500 rose, up from Thursday's close of 5,277.51.", "2024-06-07", "unverifiable"),
        # no day named: the article's sessions, then (a figure to the cent) the closes of the
        # past five years (tests/claims/test_a_close_the_sentence_does_not_date.py)
        ("S&P 500: Close 6,449.15", "2025-08-22", "supported"),
        ("S&P 500: Close 6,449", "2025-08-22", "unverifiable"),
        # a forecast is no close
        ("The S&P 500 will test 5,277.51 next week.", "2024-06-07", "unverifiable"),
    ],
)
def test_a_level_with_no_measure_is_read_as_a_close(claims_store, text, day, verdict):
    got = results(claims_store, text, day, "other")
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]
