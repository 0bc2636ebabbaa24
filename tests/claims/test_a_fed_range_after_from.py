""" "cut its rate to a range of 4.75% to 5.00% from 5.25% to 5.50%": a range after "from" that
follows the new one is the range the decision left (judged as the range after it before, and
contradicted; issue 8, round 83)."""

from __future__ import annotations

import pytest
from claim_results import results, shown

# 2024-09-18: the Fed cut 50 bp; effective rate 5.33% before, 4.83% after


@pytest.mark.parametrize(
    "text",
    [
        "The Fed slashed its overnight lending rate to a range of 4.75% to 5.00% from 5.25% to "
        "5.50% on Wednesday.",
        "The Fed cut rates by half a point on Wednesday, from 5.25%-5.5% to 4.75%-5%.",
    ],
)
def test_both_ranges_of_a_decision(claims_store, text):
    rs = results(claims_store, text, "2024-09-19", "fed_range")
    assert [(r.claim.extra["side"], r.verdict) for r in rs] in (
        [("to", "supported"), ("before", "supported")],
        [("before", "supported"), ("after", "supported")],
        [("before", "supported"), ("to", "supported")],
    ), shown(rs)


def test_the_old_range_as_the_new_one_is_still_contradicted(claims_store):
    text = "The Fed slashed its overnight lending rate to a range of 5.25% to 5.50% on Wednesday."
    rs = results(claims_store, text, "2024-09-19", "fed_range")
    assert [r.verdict for r in rs] == ["contradicted"], shown(rs)
