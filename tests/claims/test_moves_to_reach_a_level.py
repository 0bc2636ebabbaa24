"""A move made "to reach" a level ("gained 1.4% to reach 3,380.35 points"): the change and the
close it reached, as "rose 1.4% to 3,380.35" is read. Only a target's words (a modal, a need,
"could", an expectation) make "to reach" an upside ("would need to rally 9% to reach 7,500").

Closes by hand (S&P 500): 2020-08-11 3,333.69; 2020-08-12 3,380.35 (+1.40%).
"""

from __future__ import annotations

import pytest
from claim_results import results

DAY = "2020-08-12"


@pytest.mark.parametrize(
    "text",
    [
        "At the end of trading Wednesday, the S&P 500 gained 1.4% to reach 3,380.35 points.",
        "The S&P 500 rose 1.4% on Wednesday to reach 3,380.35.",
        "The S&P 500 climbed 46.66 points to reach 3,380.35 on Wednesday.",
    ],
)
def test_a_move_to_reach_a_level_is_the_move_and_its_close(claims_store, text):
    got = results(claims_store, text, DAY)
    measures = {r.claim.measure: r.verdict for r in got}
    assert measures.get("close") == "supported", [r.evidence for r in got]
    assert measures.get("change", measures.get("points_change")) == "supported"


def test_a_close_the_data_do_not_give_is_contradicted(claims_store):
    got = results(claims_store, "The S&P 500 rose 1.4% on Wednesday to reach 3,500.", DAY, "close")
    assert len(got) == 1 and got[0].verdict == "contradicted", got[0].evidence


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 would need to rally 9% to reach 3,650.",
        "The S&P 500 must climb 5% to reach 3,500.",
    ],
)
def test_a_needed_rise_to_reach_a_level_is_still_an_upside(claims_store, text):
    got = results(claims_store, text, DAY)
    assert [r.claim.measure for r in got] == ["upside"], [r.claim.measure for r in got]


def test_a_possible_move_to_reach_a_level_is_never_judged(claims_store):
    got = results(claims_store, "The S&P 500 could gain 5% to reach 3,500.", DAY)
    assert got and all(r.verdict == "unverifiable" for r in got), [r.evidence for r in got]
