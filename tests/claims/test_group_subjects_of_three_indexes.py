"""A group of indexes as the subject ("all three indexes closed at all-time highs", "all three
major U.S. benchmark indices closed at record highs"). "All three major ..." names the Dow, the
S&P 500 and the Nasdaq: the S&P 500's part is judged both ways, as before. A bare "all three
indexes" names the three indexes named before, the S&P 500 most likely among them but not by
these words: its part supports the claim and never contradicts it (the others are not in the data).

S&P 500 by hand: 2017-02-09 close 2,307.87, above every earlier close (2,298.37 on 2017-01-25);
2018-12-18 to 12-24 four lower closes in a row; 2022-09-26 3,655.04, far below the record.
"""

from __future__ import annotations

import pytest
from claim_results import results


@pytest.mark.parametrize(
    "text",
    [
        "The Dow, S&P 500 and Nasdaq rose on Thursday. All three indexes closed at all-time highs.",
        "All three indexes closed at record highs on Thursday.",
        "All three major U.S. benchmark indices closed at record highs on Thursday.",
    ],
)
def test_a_group_record_the_sp500_made_is_supported(claims_store, text):
    got = results(claims_store, text, "2017-02-09", "record")
    assert len(got) == 1 and got[0].verdict == "supported", got[0].evidence


def test_a_group_streak_the_sp500_made_is_supported(claims_store):
    text = "All three indexes have fallen for four straight sessions."
    got = results(claims_store, text, "2018-12-24", "streak")
    assert len(got) == 1 and got[0].verdict == "supported", got[0].evidence


def test_a_bare_group_is_never_contradicted_by_the_sp500(claims_store):
    got = results(claims_store, "All three indexes closed at record highs on Monday.", "2022-09-26")
    assert got and all(r.verdict == "unverifiable" for r in got), [r.evidence for r in got]
    assert all("group" in r.claim.loose.get("subject", "") for r in got)


def test_the_three_major_indexes_are_still_judged_both_ways(claims_store):
    text = "All three major U.S. benchmark indices closed at record highs on Monday."
    got = results(claims_store, text, "2022-09-26", "record")
    assert len(got) == 1 and got[0].verdict == "contradicted", got[0].evidence
