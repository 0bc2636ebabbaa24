""" "The S&P 500 dropped more than 50 points": a hedge that bounds a fall in points bounds its
size, as it does a percentage's (the band was read on the signed figure, so -65.52 contradicted
"more than 50" and supported "more than 80"; issue 8, round 83)."""

from __future__ import annotations

import pytest
from claim_results import results, shown

# 2018-12-24: the S&P 500 fell 65.52 points (-2.71%) to 2,351.10


@pytest.mark.parametrize(
    ("words", "verdict"),
    [
        ("dropped more than 50 points", "supported"),
        ("dropped more than 80 points", "contradicted"),
        ("dropped less than 80 points", "supported"),
        ("dropped less than 50 points", "contradicted"),
        ("dropped nearly 66 points", "supported"),
        ("dropped more than 2%", "supported"),
    ],
)
def test_a_bound_on_the_size_of_a_fall(claims_store, words, verdict):
    rs = results(claims_store, f"The S&P 500 {words} on Monday.", "2018-12-24")
    assert [r.verdict for r in rs] == [verdict], shown(rs)


def test_a_bound_on_a_rise_in_points_is_unchanged(claims_store):
    # 2018-12-26: +116.60 points (+4.96%)
    rs = results(claims_store, "The S&P 500 rose more than 100 points on Wednesday.", "2018-12-26")
    assert [r.verdict for r in rs] == ["supported"], shown(rs)
