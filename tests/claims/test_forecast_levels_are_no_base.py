"""A forecast, target or hypothetical level ("could tumble to 4,000 by year-end") is never the base
of a later figure's arithmetic ("a target of 4823.78, representing a 9.3% increase"): the base
is a level the article states as a fact, else the subject's close.

Closes by hand (S&P 500): 2023-07-06 4,411.59; 2023-07-07 4,398.95; 2023-07-10 4,409.53.
"""

from __future__ import annotations

import pytest
from claim_results import results

TARGET = (
    "The target price projection for the S&P 500 index is 4823.78, representing a 9.3% increase."
)


@pytest.mark.parametrize(
    "before",
    [
        "Citigroup strategists said the S&P 500 index could tumble to 4,000 by year-end. ",
        "Some strategists expect the S&P 500 to end the year at 4,000. ",
        "If the S&P 500 falls to 4,000, buyers may step in. ",
    ],
)
def test_a_forecast_level_is_no_base(claims_store, before):
    got = results(claims_store, before + TARGET, "2023-07-10", "upside")
    assert got and all(r.verdict != "contradicted" for r in got), [r.evidence for r in got]
    assert all("4,000.00" not in r.evidence for r in got), [r.evidence for r in got]


def test_a_stated_close_is_still_the_base(claims_store):
    text = "The S&P 500 closed at 4,411.59 on Thursday. " + TARGET
    got = results(claims_store, text, "2023-07-07", "upside")
    assert [r.verdict for r in got] == ["supported"], [r.evidence for r in got]
    assert "4,411.59 the article states" in got[0].evidence
