"""A first close beyond a level since a date: "closed below 5,000 for the first time since April
2024", "For the first time since March 2024, the S&P 500 closed under 5,000", "the first time it
has closed above the 6,000 mark since February 21".

Supported when the day's close is on that side of the level and the last close on that side
before it lies in the anchor's period; contradicted when a close after the anchor was already on
that side, or the last one is more than a month before the anchor. An event anchor ("since the
pandemic") is not read, nor a level that is not the series' ("RSI above 70").

Data: S&P 500 2024-04-19 4,967.23 (the last close below 5,000 before 2025-04-08, 4,982.77);
2025-02-21 6,013.13, 2025-06-06 6,000.36 (none above 6,000 between). VIX 2024-12-13 13.81 (the
last close below 14 before 2025-12-24, 13.47).
"""

from __future__ import annotations

import pytest

from thesis.claims import check_text, parse_article


def _first(store, text: str, date: str):
    res = check_text(parse_article(text.encode(), "t.txt"), store, date=date).results
    return [r for r in res if r.claim.measure == "first_cross"]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("The S&P 500 closed below 5,000 for the first time since April 2024.", "2025-04-08"),
        ("For the first time since April 19, 2024, the S&P 500 closed below 5,000.", "2025-04-08"),
        (
            "The S&P 500 ended at 6,000.36, the first time the S&P 500 has closed above the 6,000"
            " mark since February 21.",
            "2025-06-06",
        ),
        ("The VIX closed below 14 for the first time since December 2024.", "2025-12-24"),
    ],
)
def test_a_first_cross_since_a_date_is_supported(claims_store, text, date):
    got = _first(claims_store, text, date)
    assert got and all(r.verdict == "supported" for r in got), [r.evidence for r in got]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # closes below 5,000 in April 2024 came after the anchor
        ("For the first time since March 2024, the S&P 500 closed under 5,000.", "2025-04-08"),
        ("The S&P 500 fell below 5,000 for the first time since January 2023.", "2025-04-08"),
        # the last close below 14 was in December 2024, long before June 2025
        ("The VIX closed below 14 for the first time since June 2025.", "2025-12-24"),
    ],
)
def test_a_wrong_anchor_is_contradicted(claims_store, text, date):
    got = _first(claims_store, text, date)
    assert got and all(r.verdict == "contradicted" for r in got), [r.evidence for r in got]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("The S&P 500 closed below 5,000 for the first time since the pandemic.", "2025-04-08"),
        ("The S&P 500's RSI rose above 70 for the first time since January.", "2025-04-08"),
    ],
)
def test_no_first_cross_without_a_dated_anchor_and_a_level_of_the_series(claims_store, text, date):
    res = check_text(parse_article(text.encode(), "t.txt"), claims_store, date=date).results
    assert all(r.verdict != "contradicted" for r in res), [r.evidence for r in res]
    assert not [r for r in res if r.claim.measure == "first_cross"]
