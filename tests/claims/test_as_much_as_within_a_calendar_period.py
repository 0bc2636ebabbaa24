"""A move's extreme within a calendar period ("fell as much as 19% in April", spun "as a lot as",
"by as much as", "as much as ... at one point") is the depth of the move at its worst, not the
period's close-to-close change (April 2025: -0.76%). It is read from the highest close of the
period or of the months before it to the period's lowest close (6,144.15 on 2025-02-19 to
4,982.77 on 2025-04-08: -18.90%) and supported where that fits; otherwise it is not judged (a
session's low may go beyond any close), never contradicted. Spun hedges found in machine-reworded
pages ("greater than", "a minimum of") read as "more than", "at least"."""

from __future__ import annotations

import pytest
from claim_results import results

MONTH = "2026-01"


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 fell as a lot as 19% in April as President Donald Trump rolled out tariffs.",
        "The S&P 500 fell as much as 19% in April 2025.",
        "The S&P 500 fell by as much as 19% in April 2025.",
        "The S&P 500 fell as much as 19% at one point in April.",
    ],
)
def test_the_move_at_its_extreme_in_the_period(claims_store, text):
    got = results(claims_store, text, MONTH, "change")
    assert [r.verdict for r in got] == ["supported"], [(r.claim.quote, r.evidence) for r in got]
    assert "2025-04-08" in got[0].evidence and "2025-02-19" in got[0].evidence


@pytest.mark.parametrize("figure", ["12", "30"])
def test_a_depth_the_closes_do_not_give_is_not_judged(claims_store, figure):
    got = results(claims_store, f"The S&P 500 fell as much as {figure}% in April 2025.", MONTH)
    assert [r.verdict for r in got] == ["unverifiable"], [r.evidence for r in got]


def test_the_period_change_without_the_hedge_is_still_judged(claims_store):
    got = results(claims_store, "The S&P 500 fell 19% in April 2025.", MONTH, "change")
    assert [r.verdict for r in got] == ["contradicted"], [r.evidence for r in got]


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("The S&P 500 has gained greater than 16% in 2025.", "supported"),
        ("The S&P 500 gained a minimum of 15% in 2025.", "supported"),
        ("The S&P 500 gained a minimum of 25% in 2025.", "contradicted"),
    ],
)
def test_spun_one_sided_hedges(claims_store, text, verdict):
    got = results(claims_store, text, MONTH, "change")
    assert [r.verdict for r in got] == [verdict], [r.evidence for r in got]
    assert got[0].claim.comparator == ">="
