"""A level named as the all-time high ("just shy of its all-time high of 4797", "about to
challenge its all-time high of 3,390"): the record close up to the day, as "its record high of"
is read. A high is not said to be a close (the intraday high may be meant): supported, never
contradicted; "all-time closing high" is the close, judged both ways.

Record closes by hand (S&P 500): 4,796.56 on 2022-01-03 (still the record in December 2023);
3,389.78 on 2020-08-18.
"""

from __future__ import annotations

import pytest
from claim_results import results


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("The S&P 500 came close, just shy of its all-time high of 4797.", "2023-12-22"),
        ("The S&P 500 is about to challenge its all-time high of 3,390.", "2020-08-20"),
        ("The S&P 500 sits below its all-time closing high of 4,796.56.", "2023-12-22"),
    ],
)
def test_an_all_time_high_of_a_level_is_the_record(claims_store, text, day):
    got = results(claims_store, text, day, "record_level")
    assert len(got) == 1 and got[0].verdict == "supported", [r.evidence for r in got]


def test_an_all_time_high_the_closes_do_not_give_is_not_contradicted(claims_store):
    text = "The S&P 500 sits below its all-time high of 4,818.62."  # the intraday high
    got = results(claims_store, text, "2023-12-22", "record_level")
    assert len(got) == 1 and got[0].verdict == "unverifiable", [r.evidence for r in got]


def test_an_all_time_closing_high_the_closes_do_not_give_is_contradicted(claims_store):
    text = "The S&P 500 sits below its all-time closing high of 4,500."
    got = results(claims_store, text, "2023-12-22", "record_level")
    assert len(got) == 1 and got[0].verdict == "contradicted", [r.evidence for r in got]


@pytest.mark.parametrize(
    "text",
    [
        "The VIX fell to its all-time low of 9.14.",
        "The S&P 500 is 5% below its all-time of 4,796.56.",
    ],
)
def test_no_record_level_from_a_low_or_a_count(claims_store, text):
    assert results(claims_store, text, "2023-12-22", "record_level") == []
