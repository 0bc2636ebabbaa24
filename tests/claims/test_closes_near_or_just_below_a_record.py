"""A close stated near or just below its record, with no number ("just below its all-time
high", "just shy of an all-time peak", "still near all-time highs"): the ``near_record`` rule,
judged against the highest earlier close (within 5% supports; a record close contradicts
"below"; a close further below, or any close for "near", is never contradicted).

Closes by hand (S&P 500): 2025-12-24 6,932.05 (a record); 2025-12-26 6,929.94 (-0.03% from it);
2025-04-08 4,982.77 (about 19% below the record of 2025-02-19, 6,144.15).
"""

from __future__ import annotations

import pytest
from claim_results import results

from thesis.claims.near_record import near_record_at


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 is currently just below its all-time high.",
        "On Friday the S&P 500 finished just shy of an all-time peak.",
        "The S&P 500 finished barely changed but still near all-time highs.",
        "The S&P 500 closed Friday near record highs.",
        "The S&P 500 ended the day close to its all-time high.",
    ],
)
def test_a_close_just_below_its_record_is_supported(claims_store, text):
    got = results(claims_store, text, "2025-12-26", "record")
    assert len(got) == 1 and got[0].verdict == "supported", [r.evidence for r in got]
    assert got[0].claim.rule == "near_record"


def test_a_record_close_is_not_below_its_record(claims_store):
    text = "The S&P 500 closed just below its all-time high on Wednesday."
    got = results(claims_store, text, "2025-12-24")
    got = [r for r in got if r.claim.rule == "near_record"]
    assert len(got) == 1 and got[0].verdict == "contradicted", [r.evidence for r in got]


def test_a_record_close_is_near_its_record(claims_store):
    got = results(claims_store, "The S&P 500 closed near all-time highs.", "2025-12-24", "record")
    assert len(got) == 1 and got[0].verdict == "supported", [r.evidence for r in got]


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 closed just below its all-time high.",
        "The S&P 500 finished near record highs.",
    ],
)
def test_a_close_far_below_its_record_is_never_contradicted(claims_store, text):
    got = [r for r in results(claims_store, text, "2025-04-08") if r.claim.rule == "near_record"]
    assert len(got) == 1 and got[0].verdict == "unverifiable", [r.evidence for r in got]


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 closed 5% below its all-time high.",  # a distance: the distance rule's
        "The S&P 500 closed 40 points below its all-time high.",
        "The S&P 500 fell far below its record high.",  # "far" sets no nearness
        "The S&P 500 ends shy of record high.",  # a missed record: rule_record's
        "The S&P 500 is below its record close of 6,977.27.",  # a stated level
        "The 10-year yield is near record highs.",  # not an index, stock or fund
    ],
)
def test_other_phrasings_are_not_read_as_near_a_record(claims_store, text):
    got = results(claims_store, text, "2025-12-26")
    assert not [r for r in got if r.claim.rule == "near_record"], [r.claim.quote for r in got]


def test_a_possible_approach_to_a_record_is_never_judged(claims_store):
    got = results(
        claims_store, "The S&P 500 could rise to near record highs next year.", "2025-12-26"
    )
    got = [r for r in got if r.claim.rule == "near_record"]
    assert got and all(r.verdict == "unverifiable" for r in got), [r.evidence for r in got]


def test_the_position_word_decides_the_reading():
    words = ["just", "below", "its", "all-time", "high"]
    assert near_record_at(words, 3) == "below"
    assert near_record_at(["still", "near", "all-time", "highs"], 2) == "near"
    assert near_record_at(["shy", "of", "an", "all-time", "peak"], 3) == "below"
    assert near_record_at(["shy", "of", "an", "all-time", "high"], 3) is None
    assert near_record_at(["well", "below", "its", "all-time", "high"], 3) is None
