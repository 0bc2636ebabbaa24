"""A streak of sessions named by "in a row" or by the move's noun ("the fifth day in a row",
"its fifth straight drop", "has fallen for four straight sessions"): the run of up or down closes
ending at the day, exactly. A move noun with no unit word ("its third consecutive gain") is read
as sessions, a reading the words do not state: supported by a daily run, never contradicted.

Closes by hand (S&P 500): 2022-09-16 3,873.33, 09-19 3,899.89, 09-20 3,855.93, 09-21 3,789.93,
09-22 3,757.99, 09-23 3,693.23, 09-26 3,655.04 (five down in a row to 09-26, none up);
2019-07-25 3,003.67, 07-26 3,025.86, 07-29 3,020.97, 07-30 3,013.18, 07-31 2,980.38, 08-01
2,953.56, 08-02 2,932.05 (five down in a row to 08-02).
"""

from __future__ import annotations

import datetime as dt

import pytest
from claim_results import results

from thesis.claims import extract_claims


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("The S&P 500 fell for the fifth day in a row.", "2022-09-26"),
        ("The S&P 500 dropped for five sessions in a row on Monday.", "2022-09-26"),
        ("The latest losses marked the fifth straight drop for the S&P 500.", "2019-08-02"),
        ("The S&P 500 has fallen for five straight sessions.", "2022-09-26"),
    ],
)
def test_a_run_of_sessions_in_a_row_is_supported(claims_store, text, date):
    got = results(claims_store, text, date, "streak")
    assert got and all(r.verdict == "supported" for r in got), [r.evidence for r in got]


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 rose for the third session in a row on Monday.",
        "The S&P 500 fell for the seventh day in a row on Monday.",
    ],
)
def test_a_run_the_closes_do_not_make_is_contradicted(claims_store, text):
    got = results(claims_store, text, "2022-09-26", "streak")
    assert got and all(r.verdict == "contradicted" for r in got), [r.evidence for r in got]


def test_a_move_noun_without_a_unit_is_read_as_sessions_but_never_contradicted(claims_store):
    got = results(
        claims_store, "The S&P 500 posted its third consecutive gain.", "2022-09-26", "streak"
    )
    assert len(got) == 1 and got[0].verdict == "unverifiable"
    assert "unit" in got[0].claim.loose
    ok = results(
        claims_store, "The S&P 500 posted its fifth straight decline.", "2022-09-26", "streak"
    )
    assert len(ok) == 1 and ok[0].verdict == "supported", ok[0].evidence


@pytest.mark.parametrize(
    ("text", "n", "unit", "direction"),
    [
        ("The S&P 500 fell for the fifth day in a row.", 5, "session", -1),
        ("The S&P 500 rose for three weeks in a row.", 3, "week", 1),
        ("The S&P 500 notched its fourth straight gain.", 4, "session", 1),
    ],
)
def test_frames(text, n, unit, direction):
    cs = [c for c in extract_claims(text, dt.date(2022, 9, 26)) if c.measure == "streak"]
    assert len(cs) == 1
    assert (cs[0].extra["n"], cs[0].extra["unit"], cs[0].direction) == (n, unit, direction)


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 set two closing highs in a row.",  # records, not moves
        "The S&P 500 rose and fell for the fifth day in a row.",  # no one direction
        "The S&P 500 posted its third straight annual gain.",  # a year's, not a session's
    ],
)
def test_not_a_streak_of_moves(text):
    assert not [c for c in extract_claims(text, dt.date(2022, 9, 26)) if c.measure == "streak"]
