"""A verb and its "by X%" apart: "Year to date, the S&P 500 has risen on a virtually uninterrupted
path by more than 16%". An adverbial of a few plain words between the verb and "by" (opening with
a preposition or an -ly adverb; no figure, no clause turn, no second verb of direction)."""

from __future__ import annotations

import pytest
from claim_results import results

# S&P 500 2019-04-24 2,927.25 / 2018-12-31 2,506.85 - 1 = +16.77%


@pytest.mark.parametrize(
    "text",
    [
        "Year to date, the S&P 500 has risen on a virtually uninterrupted path by more than 16%.",
        "Year to date, the S&P 500 has climbed steadily through the spring by about 17%.",
    ],
)
def test_a_verb_apart_from_its_by_figure_states_the_move(claims_store, text):
    got = results(claims_store, text, "2019-04-24", measure="change")
    assert [r.verdict for r in got] == ["supported"], [(r.claim.quote, r.evidence) for r in got]


@pytest.mark.parametrize(
    "text",
    [
        # a clause turn between the verb and "by": the figure is another clause's
        "Year to date, the S&P 500 has risen and its earnings beat estimates by 16%.",
        # an adverbial that opens with neither a preposition nor an -ly adverb
        "Year to date, the S&P 500 has risen earnings estimates by 16%.",
    ],
)
def test_words_that_are_no_adverbial_give_no_move(claims_store, text):
    got = results(claims_store, text, "2019-04-24", measure="change")
    assert all(r.verdict == "unverifiable" for r in got), [(r.claim.quote, r.evidence) for r in got]
