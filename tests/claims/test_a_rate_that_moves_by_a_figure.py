"""A rate that "declined/rose/fell by X" moves by points: X is a change of the level, never the
level; in "dropping from 5.2% to 4.8%" the first figure is the reading before the second's (the
month before the latest release when no month is named), not the current one.

Data by hand (fred_macro_long.csv, UNRATE, latest vintage): 2021-08 5.2 or 5.1 as revised,
2021-09 4.7 (the month's change −0.4 pp); the September report came out on 2021-10-08. The
store holds revised figures: first prints are judged within the revision band.
"""

from __future__ import annotations

import pytest
from claim_results import results

DAY = "2021-10-08"


def _by_value(store, text: str) -> dict[float, object]:
    return {abs(float(r.claim.stated_value)): r for r in results(store, text, DAY, "macro")}


@pytest.mark.parametrize(
    "text",
    [
        "During September, the national unemployment rate declined by 0.4%, dropping from 5.2% "
        "to 4.8%.",
        "The unemployment rate fell 0.4% in September.",
    ],
)
def test_a_move_by_a_figure_is_a_change_of_the_rate(claims_store, text):
    r = _by_value(claims_store, text)[0.4]
    assert r.verdict == "supported", r.evidence
    assert "level_change" in r.evidence, r.evidence


def test_a_wrong_move_of_the_rate_is_contradicted(claims_store):
    r = _by_value(claims_store, "The unemployment rate fell by 1.5% in September.")[1.5]
    assert r.verdict == "contradicted", r.evidence


def test_the_from_figure_is_the_reading_before(claims_store):
    text = "The unemployment rate dropped from 5.2% to 4.8%."
    got = _by_value(claims_store, text)
    assert got[5.2].verdict != "contradicted" and "2021-08" in got[5.2].evidence, got[5.2].evidence
    wrong = _by_value(claims_store, "The unemployment rate dropped from 6.9% to 4.8%.")[6.9]
    assert wrong.verdict == "contradicted" and "2021-08" in wrong.evidence, wrong.evidence


def test_a_rate_that_falls_to_a_figure_is_a_level(claims_store):
    r = _by_value(claims_store, "The unemployment rate fell to 0.4% in September.")[0.4]
    assert r.verdict == "contradicted" and "level =" in r.evidence, r.evidence
