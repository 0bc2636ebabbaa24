"""A signed figure in a parenthesis after its words: "Year-to-date, the S&P 500 remained positive
(9.23%)". The words name the move and its period; the sign is the figure's or the words'. A
parenthesis after a figure (another measure of it), words that name no move ("in correction
mode"), and words and a figure of opposite signs give no claim."""

from __future__ import annotations

import pytest
from claim_results import results

# S&P 500 2023-10-31 4,193.80 / 2022-12-30 3,839.50 - 1 = +9.23%


@pytest.mark.parametrize(
    "text",
    [
        "Year-to-date, the S&P 500 remained positive (9.23%), but the index was down this month.",
        "Year-to-date, the S&P 500 stayed positive (+9.23%).",
    ],
)
def test_a_parenthesised_figure_is_its_words_move(claims_store, text):
    got = results(claims_store, text, "2023-10-31", measure="change")
    assert [r.verdict for r in got] == ["supported"], [(r.claim.quote, r.evidence) for r in got]


@pytest.mark.parametrize(
    "text",
    [
        # the words and the figure disagree on the sign
        "Year-to-date, the S&P 500 remained positive (-9.23%).",
        # no move named: a drawdown from a high, not the period's change
        "Year-to-date, the S&P 500 was in correction mode (-10.28%).",
        # a parenthesis after a figure: another measure of it (a total return?)
        "Year-to-date, the S&P 500 return was 9.23% (10.69%).",
        # no period in the words
        "The S&P 500 remained positive (9.23%).",
    ],
)
def test_a_parenthesis_the_words_do_not_bind_gives_no_move(claims_store, text):
    got = results(claims_store, text, "2023-10-31", measure="change")
    assert all("(" not in r.claim.quote for r in got), [(r.claim.quote, r.evidence) for r in got]
    assert all(r.verdict != "contradicted" for r in got)
