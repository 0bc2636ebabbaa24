"""An ordinal tally of the last few sessions or weeks ("its ninth gain in the last ten
sessions", "its fourth positive week in the last five"): how many of the last M units up to the
day moved that way, the latest included. Exactly the count, the latest a move that way: supported;
another count: contradicted; no unit in the words ("the fifth negative return in the last six"):
no claim.

S&P 500 sessions by hand: 2024-08-07 to 08-21 up every session but 08-20 (9 of the 10 to 08-21,
the last a gain). Weeks to Friday 2024-07-05: up, up, up, down (06-28), up: 4 of 5.
"""

from __future__ import annotations

import datetime as dt

import pytest
from claim_results import results

from thesis.claims import extract_claims
from thesis.claims.tallies import tally_at
from thesis.text.tokens import tokenize


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("its ninth gain in the last ten sessions", (9, 10, "session", 1)),
        ("its sixth winning day in the last seven sessions", (6, 7, "session", 1)),
        ("its fourth positive week in the last five", (4, 5, "week", 1)),
        ("the third losing week of the past four", (3, 4, "week", -1)),
        ("its seventh weekly gain in the past nine", (7, 9, "week", 1)),
        ("its fifth decline over the past eight trading days", (5, 8, "session", -1)),
    ],
)
def test_tally_phrases(text, want):
    toks = tokenize(text)
    got = next(t for i in range(len(toks)) if (t := tally_at(toks, i)) is not None)
    assert got[:4] == want


@pytest.mark.parametrize(
    "text",
    [
        "the fifth negative return in the last six",  # no unit
        "its fourth positive week in the last five sessions",  # two units
        "its eleventh gain in the last ten sessions",  # more than the window
        "the second quarter in the last five years",  # no direction
    ],
)
def test_no_tally_without_a_bound_unit_and_direction(text):
    toks = tokenize(text)
    assert all(tally_at(toks, i) is None for i in range(len(toks)))


def test_the_tally_frame(claims_store):
    cs = [
        c
        for c in extract_claims(
            "The S&P 500 rose 0.4%, its ninth gain in the last ten sessions.", dt.date(2024, 8, 21)
        )
        if c.measure == "count_of"
    ]
    assert len(cs) == 1
    assert (cs[0].extra["n"], cs[0].extra["of"], cs[0].extra["unit"], cs[0].direction) == (
        9,
        10,
        "session",
        1,
    )


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("The S&P 500 notched its ninth gain in the last ten sessions.", "2024-08-21"),
        ("The S&P 500 is coming off its fourth positive week in the last five.", "2024-07-08"),
    ],
)
def test_a_tally_the_closes_make_is_supported(claims_store, text, date):
    got = results(claims_store, text, date, "count_of")
    assert len(got) == 1 and got[0].verdict == "supported", got[0].evidence


def test_a_tally_the_closes_do_not_make_is_contradicted(claims_store):
    text = "The S&P 500 notched its second gain in the last ten sessions on Wednesday."
    got = results(claims_store, text, "2024-08-21", "count_of")
    assert len(got) == 1 and got[0].verdict == "contradicted", got[0].evidence


def test_a_back_referenced_tally_is_never_contradicted(claims_store):
    text = "The S&P 500 rose on Wednesday. It was its second gain in the last ten sessions."
    got = results(claims_store, text, "2024-08-21", "count_of")
    assert len(got) == 1 and got[0].verdict == "unverifiable", got[0].evidence
