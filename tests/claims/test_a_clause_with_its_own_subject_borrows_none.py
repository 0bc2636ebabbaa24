""" "While the US dollar index was up by 0.2% to $90.38, investors pushed the 10-year Treasury
yield down to 1.033%": a clause that names its own subject (a noun phrase closed by a finite
verb) never borrows a name from another clause of the sentence; its number is its own subject's
(here one the checker does not know). A clause with no subject of its own ("Up 0.5%, the S&P
500 …", "While it was up 0.5%, …") still takes the main clause's name."""

from __future__ import annotations

import pytest
from claim_results import results

DAY = "2021-01-25"  # the 10-year yield closed at 1.05%, the S&P 500 rose 0.36% to 3,855.36


@pytest.mark.parametrize(
    "text",
    [
        "While the US dollar index was up by 0.2% to $90.38 at closing bell, investors flocked "
        "the 10-year US Treasury notes to push their yield down by 5.3% to 1.033%.",
        "As the dollar rose 0.9% on Monday, the 10-year Treasury yield slipped to 1.03%.",
        "While the Zorblax index was up 4.2% on Monday, the S&P 500 rose to 3,855.",
    ],
)
def test_the_clause_number_is_never_judged_on_another_clause_name(claims_store, text):
    got = results(claims_store, text, DAY)
    first = [r for r in got if r.claim.start < text.index(",")]
    assert first and all(r.verdict == "unverifiable" for r in first), [
        (r.claim.quote, r.verdict, r.evidence) for r in got
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Up 0.4% on Monday, the S&P 500 closed at 3,855.36.",
        "While it was up 0.4% on Monday, the S&P 500 still closed at 3,855.36.",
    ],
)
def test_a_clause_without_a_subject_of_its_own_takes_the_main_name(claims_store, text):
    got = results(claims_store, text, DAY, "change")
    assert [r.verdict for r in got] == ["supported"], [(r.claim.quote, r.evidence) for r in got]
