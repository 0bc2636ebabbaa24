""" "Apple gave up 1.2%" is a fall (the "up" of "gave up" read as "down"); "regained",
"recouped" are rises and "shaved" a fall; "recouped 50% of its losses" is a share of a fall, no
move of its own (issue 8, round 81)."""

from __future__ import annotations

import pytest
from claim_results import results, shown

DAY = "2023-12-13"  # sp500 4,707.09, +1.37% on the day


@pytest.mark.parametrize(
    ("verb", "sign"),
    [("gave up", -1), ("giving up", -1), ("shaved", -1), ("regained", 1), ("recouped", 1)],
)
def test_the_direction_of_the_verb(claims_store, verb, sign):
    rs = results(claims_store, f"On Wednesday, the S&P 500 {verb} 1.37%.", DAY, "change")
    assert rs and all(r.claim.direction == sign for r in rs), shown(rs)
    assert all(r.verdict == ("supported" if sign > 0 else "contradicted") for r in rs), shown(rs)


def test_a_share_of_losses_recouped_is_no_move(claims_store):
    rs = results(claims_store, "On Wednesday, the S&P 500 recouped 50% of its losses.", DAY)
    assert not [r for r in rs if r.verdict == "contradicted"], shown(rs)
