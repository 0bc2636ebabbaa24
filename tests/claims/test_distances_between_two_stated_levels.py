""" "L1, which was X% above L2": the distance is between the two stated figures (the article's own
arithmetic, L1 / L2 − 1), not between the subject's close and L2.

Closes by hand (S&P 500): 2023-07-06 4,411.59; 2024-07-11 5,584.54.
"""

from __future__ import annotations

import pytest
from claim_results import results


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("On July 11, the bottom-up target price for the S&P 500 was 6,006.66, which was 7.6% above "
         "the closing price of 5,584.54.", "2024-07-12"),
        ("On July 6, the bottom-up target price for the S&P 500 was 4823.78, which was 9.3% above "
         "the closing price of 4411.59.", "2023-07-10"),
        ("Strategists' year-end target for the S&P 500 is 4,000, which is 9.3% below the level "
         "of 4,411.59.", "2023-07-10"),
    ],
)  # fmt: skip
def test_the_distance_between_the_two_stated_levels(claims_store, text, date):
    got = results(claims_store, text, date, "distance")
    assert [r.verdict for r in got] == ["supported"], [r.evidence for r in got]
    assert "the article states" in got[0].evidence


def test_a_wrong_distance_between_them_is_contradicted(claims_store):
    text = (
        "On July 11, the bottom-up target price for the S&P 500 was 6,006.66, which was 9.6% "
        "above the closing price of 5,584.54."
    )
    got = results(claims_store, text, "2024-07-12", "distance")
    assert [r.verdict for r in got] == ["contradicted"], [r.evidence for r in got]


def test_a_distance_with_no_level_before_is_still_from_the_close(claims_store):
    text = "On July 11, the S&P 500 closed 7.6% above the 5,190 level."
    got = results(claims_store, text, "2024-07-12", "distance")
    assert got and "the article states" not in got[0].evidence, [r.evidence for r in got]
