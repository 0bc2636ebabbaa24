"""A move whose sentence names no series ("Shares rose 16.4% on Thursday", "The finished 0.16
percent higher") is read on each series the article names, nearest first: supported where one gives
the figure to its last digit while a match by luck over the series tried stays under 2%
(`thesis.claims.chance`), never contradicted. A move stated with the close it ran to ("higher at
2,579.36") is read only on a series that closed there. Nvidia rose 16.40% on Thursday 2024-02-22
(−2.85% on the Wednesday); the S&P 500 rose 0.16% to 2,579.36 on 2017-11-01."""

from __future__ import annotations

import pytest
from claim_results import results

NVDA = "Nvidia rose 1.0% on Wednesday. "
SPX = "The S&P 500 is up 15% this year.\n\nTraders waited for the Fed.\n\n"


def _open(got):
    return [r for r in got if r.claim.missing == ["subject"]]


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Shares rose 16.4% on Thursday.", "supported"),
        # a day's move of 16% is far in a stock's tails: a whole figure is no match by luck here
        ("Shares rose 16% on Thursday.", "supported"),
        ("Shares rose 15.4% on Thursday.", "unverifiable"),
        # a hedged figure is not searched
        ("Shares rose about 16.4% on Thursday.", "unverifiable"),
    ],
)
def test_the_series_the_article_names(claims_store, text, verdict):
    got = _open(results(claims_store, NVDA + text, "2024-02-22", "change"))
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]
    if verdict == "supported":
        assert "read as Nvidia, which the article names" in got[0].evidence
        assert "a match by luck over the 1 series tried" in got[0].evidence


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("The finished 0.16 percent higher at 2,579.36.", "supported"),
        ("The finished 0.16 percent higher.", "supported"),
        # the S&P 500 did not close at 2,589.36: the move is not read on it
        ("The finished 0.16 percent higher at 2,589.36.", "unverifiable"),
    ],
)
def test_a_move_stated_with_its_close_needs_that_close(claims_store, text, verdict):
    got = _open(results(claims_store, SPX + text, "2017-11-01", "change"))
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]
