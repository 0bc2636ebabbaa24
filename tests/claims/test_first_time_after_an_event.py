"""A "first time" crossing introduced by "after", "since" or "following" is an event before the
day the sentence speaks of ("edging higher Tuesday after the S&P 500 closed above 6,600 for the
first time"): the day named before that word is the sentence's, not the crossing's. With its own
day unstated the crossing is judged support-only: supported when it falls in the week before the
sentence's day, else unverifiable, never contradicted. A day named inside the event's clause
("after it closed above 6,600 on Monday for the first time") is the crossing's own, judged as before.

Data: the S&P 500's first close above 6,600 was Monday 2025-09-15 (6,615.28); above 6,000,
2024-11-11.
"""

from __future__ import annotations

import pytest
from claim_results import results

DAY = "2025-09-16"


def _first(store, text: str, date: str = DAY):
    return results(store, text, date, "first_cross")


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (
            "The U.S. stock market is edging higher Tuesday after the S&P 500 closed above 6,600 "
            "for the first time ever.",
            DAY,
        ),
        ("Stocks rose after the S&P 500 closed above 6,600 for the first time.", DAY),
        (
            "Stocks climbed on Wednesday following the S&P 500 closing above 6,600 for the "
            "first time.",
            "2025-09-17",
        ),
    ],
)
def test_a_crossing_after_which_the_day_follows_is_supported(claims_store, text, date):
    got = _first(claims_store, text, date)
    assert got and all(r.verdict == "supported" for r in got), [r.evidence for r in got]


@pytest.mark.parametrize(
    "text",
    [
        "Stocks edged higher Tuesday after the S&P 500 closed above 6,000 for the first time.",
        "Stocks edged higher Tuesday since the S&P 500 topped 6,000 for the first time.",
    ],
)
def test_an_earlier_crossing_of_unstated_day_is_never_contradicted(claims_store, text):
    got = _first(claims_store, text)
    assert got and all(r.verdict == "unverifiable" for r in got), [r.evidence for r in got]


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        (
            "Stocks rose Tuesday after the S&P 500 closed above 6,600 on Monday for the first "
            "time.",
            "supported",
        ),
        (
            "Stocks rose Tuesday after the S&P 500 closed above 6,600 on Friday for the first "
            "time.",
            "contradicted",
        ),
        ("The S&P 500 closed above 6,600 for the first time on Tuesday.", "contradicted"),
    ],
)
def test_a_crossing_with_its_own_day_is_judged_on_it(claims_store, text, verdict):
    got = _first(claims_store, text)
    assert got and all(r.verdict == verdict for r in got), [r.evidence for r in got]
