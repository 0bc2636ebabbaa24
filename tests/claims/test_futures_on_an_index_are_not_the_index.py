""" "S&P 500 Index contracts slumped 4.3%", "E-mini S&P 500 futures fell", "the E-mini S&P 500":
a futures contract on an index is another instrument than the index (it trades overnight and
runs ahead of the close), so its moves are an unknown subject's, never judged on the index's
closes. The index itself, named without a contract word, is read as before."""

from __future__ import annotations

import pytest
from claim_results import results

DAY = "2016-06-24"  # the S&P 500 closed at 2,037.41, down 3.59% from 2,113.32


@pytest.mark.parametrize(
    "text",
    [
        "S&P 500 Index contracts slumped 4.3% on June 24th, 2016.",
        "S&P 500 futures fell 4.3% on Friday.",
        "S&P 500 index futures slid 4.3% on Friday.",
        "The E-mini S&P 500 fell 4.3% on Friday.",
        "S&P 500 e-minis dropped 4.3% on Friday.",
    ],
)
def test_a_contract_on_the_index_is_never_judged_on_its_closes(claims_store, text):
    got = results(claims_store, text, DAY)
    assert all(r.verdict != "contradicted" for r in got), [
        (r.claim.quote, r.verdict, r.evidence) for r in got
    ]
    assert all(r.claim.subject is None for r in got if r.claim.measure == "change")


@pytest.mark.parametrize(
    "text",
    ["The S&P 500 Index fell 3.6% on Friday.", "The S&P 500 slumped 3.6% on June 24th, 2016."],
)
def test_the_index_itself_is_still_read(claims_store, text):
    got = results(claims_store, text, DAY, "change")
    assert [r.verdict for r in got] == ["supported"], [(r.claim.quote, r.evidence) for r in got]


def test_a_wrong_move_of_the_index_itself_is_still_contradicted(claims_store):
    got = results(claims_store, "The S&P 500 Index slumped 6.3% on Friday.", DAY, "change")
    assert [r.verdict for r in got] == ["contradicted"]
