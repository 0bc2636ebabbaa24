"""A move and a close joined by "and" in one clause with one subject ("rose by 0.1% and closed at
2,730.13 points", "fell 0.7% and ended the day at 2,711.45") are one session's, as "rose 0.1% to
close at 2,730.13" is: the move's period is the close's session, not an assumed one. On Tuesday
2018-05-15 the S&P 500 closed at 2,711.45, down 0.68% from 2,730.13."""

from __future__ import annotations

import pytest
from claim_results import results

DAY = "2018-05-15"


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("The S&P 500 rose by 0.1% and closed at 2,730.13 points on Tuesday.", "contradicted"),
        # no day named: the session before the article's fits both figures (Monday, +0.09%)
        ("The S&P 500 rose by 0.1% and closed at 2,730.13 points.", "supported"),
        ("The S&P 500 fell 0.7% and ended the day at 2,711.45.", "supported"),
        ("The S&P 500 fell 0.7 percent and finished at 2,711.45 on Tuesday.", "supported"),
    ],
)
def test_the_move_is_the_closes_session(claims_store, text, verdict):
    got = results(claims_store, text, DAY, "change")
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]
    assert "period" not in got[0].claim.assumed
    if "Tuesday" not in text:
        assert got[0].claim.bound.get("period") == "a closing verb"


def test_another_subjects_close_binds_nothing(claims_store):
    got = results(claims_store, "The S&P 500 rose by 0.1% and Apple closed at 188.", DAY, "change")
    assert got and all("period" in r.claim.assumed for r in got), [r.claim.bound for r in got]
