""" "the 2-year Treasury note falling to its lowest close since 2022 at 3.575%": a year after
"since" in a rank phrase ("its lowest close since 2022", "highest since 2007") is where the rank
starts, never the level's date; the level is the article's day's (2-year 3.57% on 2024-09-13,
4.41% on 2022-12-30) (issue 8, round 34)."""

from __future__ import annotations

import pytest
from claim_results import results

DAY = "2024-09-13"


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("The yield on the 2-year Treasury note fell to its lowest close since 2022 at 3.575%.",
         "supported"),
        ("The 2-year yield ended at its lowest close since 2022 at 3.57%.", "supported"),
        ("The 2-year yield fell to its lowest close since 2022 at 4.41%.", "contradicted"),
    ],
)  # fmt: skip
def test_the_level_is_the_days(claims_store, text, verdict):
    got = results(claims_store, text, DAY, "yield")
    assert got, "no yield claim read"
    assert {r.verdict for r in got} == {verdict}, [(r.claim.quote, r.evidence) for r in got]


def test_a_year_closed_out_still_dates_the_close(claims_store):
    # "closed out 2022 at": the year's last session (4.41%), not the article's day
    got = results(claims_store, "The 2-year yield closed out 2022 at 4.41%.", DAY, "yield")
    assert [r.verdict for r in got] == ["supported"], [(r.claim.quote, r.evidence) for r in got]
