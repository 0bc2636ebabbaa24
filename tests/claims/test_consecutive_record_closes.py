"""Consecutive record closes ("three consecutive record-high closes", "new records for three
straight days", "two closing highs in a row"): the sessions in a row, ending at the day, each
closing above every earlier close. Exactly the count is supported, fewer contradicted, more not
judged; words that do not say a close ("new records") are never contradicted.

Closes by hand (S&P 500): 2025-09-16 6,606.76 (record), 09-17 6,600.35, 09-18 6,631.96 (record),
09-19 6,664.36 (record), 09-22 6,693.75 (record): three record closes in a row to 09-22;
2025-09-30 6,688.46, 10-01 6,711.20 (record), 10-02 6,715.35 (record): two in a row to 10-02.
"""

from __future__ import annotations

import datetime as dt

import pytest
from claim_results import results

from thesis.claims import extract_claims


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Equities celebrated with three consecutive record-high closes on Monday.", "2025-09-22"),
        ("The S&P 500 hit new records for three straight days on Monday.", "2025-09-22"),
        ("The S&P 500 set record closes for a third consecutive session on Monday.", "2025-09-22"),
        ("The gains marked two closing highs in a row for the S&P 500 on Thursday.", "2025-10-02"),
        ("The S&P 500 notched its second straight record close on Thursday.", "2025-10-02"),
    ],
)
def test_the_stated_run_of_record_closes_is_supported(claims_store, text, date):
    got = results(claims_store, text, date, "record_streak")
    assert got and all(r.verdict == "supported" for r in got), [r.evidence for r in got]


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 notched its fourth straight record close on Monday.",
        "The S&P 500 posted five record closes in a row on Monday.",
    ],
)
def test_a_longer_run_than_the_closes_make_is_contradicted(claims_store, text):
    got = results(claims_store, text, "2025-09-22", "record_streak")
    assert got and all(r.verdict == "contradicted" for r in got), [r.evidence for r in got]


def test_records_not_said_to_be_closes_are_never_contradicted(claims_store):
    got = results(
        claims_store,
        "The S&P 500 hit new records for four straight days on Monday.",
        "2025-09-22",
        "record_streak",
    )
    assert len(got) == 1 and got[0].verdict == "unverifiable"
    assert "measure" in got[0].claim.loose


def test_a_shorter_count_than_the_run_is_not_judged(claims_store):
    got = results(
        claims_store,
        "The S&P 500 notched its second straight record close on Monday.",
        "2025-09-22",
        "record_streak",
    )
    assert len(got) == 1 and got[0].verdict == "unverifiable", got[0].evidence


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("The S&P 500 posted three consecutive record-high closes.", 3),
        ("The S&P 500 closed at record highs for a second straight day.", 2),
        ("The S&P 500 set two closing highs in a row.", 2),
    ],
)
def test_frames(text, n):
    cs = [c for c in extract_claims(text, dt.date(2025, 9, 22)) if c.measure == "record_streak"]
    assert len(cs) == 1 and cs[0].extra["n"] == n


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 rose for three straight days.",  # no record word
        "The S&P 500 set a record close for the first time in a month.",  # no run
        "The S&P 500 rose for three straight days after its record close.",  # the record is not counted
    ],
)
def test_not_a_run_of_records(text):
    assert not [
        c for c in extract_claims(text, dt.date(2025, 9, 22)) if c.measure == "record_streak"
    ]
