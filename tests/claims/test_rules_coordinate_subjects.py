"""Round 9: a number binds the series named in its own clause, never the subject of the next
coordinate clause ("…, with X surging 9.9 basis points to 4.49% and the two-year rate 11.3
basis points higher at 4.04%": 4.49% is X's, whatever X is); a bare tenor followed by a move verb
("the 10-year surging") is that yield.

us_treasury_2y_10y_daily.csv: 2023-12-28 10-year 3.84, 2-year 4.26; 2023-12-29 10-year 3.88,
2-year 4.23.
"""

from __future__ import annotations

import pytest
from claim_results import results

DATE = "2023-12-29"


def _results(store, text: str, date: str = DATE):
    return results(store, text, date)


@pytest.mark.parametrize(
    "text",
    [
        "Yields rose, with German bunds surging 9.9 basis points to 2.49% and the two-year rate "
        "11.3 basis points higher at 4.23%.",
        "Bond yields climbed as gilts jumped to 4.9% while the two-year yield held at 4.23%.",
        "Mortgage rates fell to 6.6%, but the 2-year yield was little changed at 4.23%.",
    ],
)
def test_a_name_after_a_coordinator_is_not_the_numbers(claims_store, text):
    for r in _results(claims_store, text):
        if r.claim.subject is not None and r.claim.subject.key == "ust2y":
            assert "4.23" in r.claim.quote or "basis" in r.claim.quote, r.claim.quote
            assert r.verdict != "contradicted", r.evidence


def test_the_fronted_figure_still_takes_the_name_after_it(claims_store):
    text = "Up 4 basis points on the day, the 10-year yield ended at 3.88%."
    got = [r for r in _results(claims_store, text) if r.claim.measure == "yield"]
    assert got and got[0].claim.subject.key == "ust10y" and got[0].verdict == "supported"


@pytest.mark.parametrize(
    ("text", "key", "verdict"),
    [
        ("Treasury yields rose, with the 10-year climbing 4 basis points to 3.88% and the "
         "two-year rate 3 basis points lower at 4.23%.", "ust10y", "supported"),
        ("Treasury yields rose, with the 10-year surging 4 basis points to 4.88% and the "
         "two-year rate 3 basis points lower at 4.23%.", "ust10y", "contradicted"),
    ],
)  # fmt: skip
def test_a_bare_tenor_before_a_move_verb_is_the_yield(claims_store, text, key, verdict):
    got = [r for r in _results(claims_store, text) if r.claim.measure == "yield"]
    first = min(got, key=lambda r: r.claim.start)
    assert first.claim.subject.key == key and first.verdict == verdict, first.evidence
