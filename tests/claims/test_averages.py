"""A series' average over a window its words state (claims/averages.py, round 76)."""

from __future__ import annotations

import pytest
from claim_results import results, shown

from thesis.claims.averages import average_band


def _average(rs: list) -> list:
    return [r for r in rs if r.claim.measure == "average"]


@pytest.mark.parametrize(
    ("text", "date", "verdict"),
    [
        # the VIX's mean close in 2017 was 11.09, in 2006Q4 11.04, from 1990 to 2018 about 19.4
        ("The VIX averaged just 11.1 in 2017, a record low.", "2018-01-05", "supported"),
        ("The VIX index average during 2017 came in at 11.1.", "2018-01-05", "supported"),
        ("The VIX averaged 13.5 in 2017.", "2018-01-05", "contradicted"),
        (
            "That distinction goes to the fourth quarter of 2006 when VIX averaged 11.03.",
            "2017-03-14",
            "supported",
        ),
        ("The VIX is well below its long-term average of around 20.", "2018-01-05", "supported"),
        ("The long-run VIX average is ~19–20.", "2026-02-13", "supported"),
        # the 20 years to 2025-08-28: 19.38
        (
            "The VIX closed at 14.4, well below the 20-year average of 21.",
            "2025-08-28",
            "contradicted",
        ),
        (
            "The VIX closed at 14.4, well below its 20-year average of 19.4.",
            "2025-08-28",
            "supported",
        ),
        # the 10-year yield's mean of daily closes over 2014-2023: 2.31%
        (
            "The 10-year yield at 3.88% stood 157 bps above its 2.31% average for the 10-year"
            " period.",
            "2023-12-29",
            "supported",
        ),
        ("The 10-year Treasury yield averaged 2.9% in 2018.", "2019-01-04", "supported"),
        ("The 10-year Treasury yield averaged 3.4% in 2018.", "2019-01-04", "contradicted"),
    ],
)
def test_an_average_over_a_stated_window_is_the_mean_of_its_closes(
    claims_store, text, date, verdict
):
    rs = results(claims_store, text, date)
    got = _average(rs)
    assert got and got[0].verdict == verdict, shown(rs)


@pytest.mark.parametrize(
    "text",
    [
        # no window: a daily figure, a return, a moving average, an analysts' average, a name
        "The VIX averaged 1.5 points a day.",
        "The S&P 500 has an average annual return of 10% over the long term.",
        "The S&P 500 closed above its 200-day moving average of 4,100.",
        "The average year-end target of 7,555 implies about 9% upside.",
        "The Dow Jones Industrial Average rose 0.5% to 24,000 in 2017.",
        "On average, the VIX rises 20% in a sell-off.",
    ],
)
def test_no_average_claim_without_a_window_or_of_another_measure(claims_store, text):
    rs = results(claims_store, text, "2018-01-05")
    assert not _average(rs), shown(rs)


def test_an_average_window_after_the_article_is_not_judged(claims_store):
    rs = results(claims_store, "The VIX averaged 15 in 2019.", "2018-06-01")
    got = _average(rs)
    assert got and got[0].verdict == "unverifiable", shown(rs)


def test_the_band_of_an_average():
    b = average_band(11.1, 11.1, 1, "=", 0.0)
    assert b.verdict(11.09) is True and b.verdict(11.2) is None and b.verdict(12.0) is False
    # "around 20": ± 1; a long-run slack of 3% widens it
    assert average_band(20, 20, 0, "~", 0.0).verdict(19.2) is True
    assert average_band(20, 20, 0, "=", 0.03).verdict(19.4) is True
    # a bound: "more than 20" is no rounded figure
    b = average_band(20, 20, 0, ">", 0.0)
    assert b.verdict(25.0) is True and b.verdict(18.0) is False
