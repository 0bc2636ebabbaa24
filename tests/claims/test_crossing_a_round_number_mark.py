"""Crossing a round-number mark: "surpassing the 6,600 mark for the first time in history",
"cracked the 5,300-level for the first time", "This marked the first time the broad market index
ended a trading session above 5,300". With "for the (very) first time" it is a first crossing
(the ``first_cross`` measure), in any of the crossing verb's forms; without closing words it may
have been intraday, so a later first close does not contradict it. "For the first time in nearly
a year" is the first since then: the last close on that side lies in the span's window. A
crossing placed relative to another event ("a day earlier"), a level after "the first time in
four years", a first close below after "marked the first time", and a mark only neared abstain."""

from __future__ import annotations

import pytest
from claim_results import results


@pytest.mark.parametrize(
    ("text", "date", "verdict"),
    [
        # first S&P 500 close at or above 6,600: Monday 2025-09-15 (6,615.28)
        (
            "The S&P 500 index closed up 0.5%, surpassing the 6,600 mark for the first time in "
            "history.",
            "2025-09-15",
            "supported",
        ),
        # first close at or above 5,300: Wednesday 2024-05-15 (5,308.15)
        (
            "The S&P 500 gained 1.2% on Wednesday and cracked the 5,300-level for the first time.",
            "2024-05-15",
            "supported",
        ),
        (
            "The S&P 500 closed at 5,308.15. This marked the first time the broad market index "
            "ended a trading session above 5,300.",
            "2024-05-15",
            "supported",
        ),
        # first close at or above 5,700: Thursday 2024-09-19 (5,713.64)
        (
            "The S&P 500 rose 1.7% and finished trading above 5,700 for the very first time.",
            "2024-09-19",
            "supported",
        ),
        # Friday 2025-09-12 closed at 6,584.29: the first close above 6,600 came on Monday
        (
            "Friday marked the first time the S&P 500 closed above 6,600.",
            "2025-09-15",
            "contradicted",
        ),
        # no closing words: an intraday crossing on Friday is not ruled out
        (
            "On Friday the S&P 500 was crossing the 6,600 mark for the first time.",
            "2025-09-15",
            "unverifiable",
        ),
    ],
)
def test_a_first_crossing_of_a_mark(claims_store, text, date, verdict):
    got = results(claims_store, text, date, measure="first_cross")
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # the day of the crossing is stated relative to another event the text does not read
        (
            "Although the S&P 500 exceeded the 5,000 mark for the first time a day earlier, it "
            "failed to keep it.",
            "2024-02-09",
        ),
        # not the first time ever, and the level after the span: not read
        ("It was the first time in four years the S&P 500 closed above 5,000.", "2024-02-09"),
        # a mark neared, not crossed
        ("The S&P 500 is nearing the 7,000 mark.", "2025-10-08"),
        # a first close below a mark is not read as a crossing above it
        ("It was the first time the S&P 500 closed below 5,000.", "2025-04-04"),
    ],
)
def test_a_crossing_the_words_do_not_bind_abstains(claims_store, text, date):
    got = results(claims_store, text, date, measure="first_cross")
    assert got == [], [(r.claim.quote, r.evidence) for r in got]


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # 2025-04-08 closed at 4,982.77; the last close below 5,000 before it: 2024-04-19
        ("The S&P 500 closed below 5,000 for the first time in nearly a year.", "supported"),
        ("The S&P 500 closed below 5,000 for the first time in three years.", "contradicted"),
    ],
)
def test_a_first_crossing_in_a_span_is_the_first_since_then(claims_store, text, verdict):
    got = results(claims_store, text, "2025-04-08", measure="first_cross")
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]
