"""A year, month or quarter right before the noun of a close names that period's close
(``rules._period_before_close_noun``): "2019's closing level of 3,234", "the 2019 close of",
"March's close of", "its first quarter close of" are the last session of the period, not the
article's day. A period not over by the article's date (its own month or year) has no close yet:
the date slot stays unbound and the figure is not judged.

Data: S&P 500 closes 2019-12-31 3,230.78; 2020-03-31 2,584.59; 2020-06-08 3,232.39.
"""

from __future__ import annotations

import pytest
from claim_results import results

DAY = "2020-06-08"


def _closes(store, text: str):
    got = results(store, text, DAY, "close")
    assert got, "no close was read"
    return got


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("The S&P 500 inches closer to 2019's closing level of 3,231.", "2019-12-31"),
        ("The S&P 500 is near the 2019 close of 3,231.", "2019-12-31"),
        ("The S&P 500 is back above its 2019 closing level of 3,230.78.", "2019-12-31"),
        ("The S&P 500 is above March's close of 2,585.", "2020-03-31"),
        ("The S&P 500 is above March’s close of 2,584.59.", "2020-03-31"),
        ("The S&P 500 topped its first quarter close of 2,584.59.", "2020-03-31"),
    ],
)
def test_a_named_periods_close_is_read_on_its_last_session(claims_store, text, day):
    for r in _closes(claims_store, text):
        assert r.verdict == "supported", r.evidence
        assert str(r.claim.date) == day, (r.claim.date, r.evidence)


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 is near the 2019 close of 3,250.",
        "The S&P 500 is above March's close of 2,650.",
    ],
)
def test_a_wrong_period_close_is_contradicted_on_that_session(claims_store, text):
    for r in _closes(claims_store, text):
        assert r.verdict == "contradicted", r.evidence


@pytest.mark.parametrize(
    "text",
    [
        # the article's own month and year have not closed: neither its close nor "now"
        "The S&P 500 is above June's close of 3,100.",
        "The S&P 500 topped its 2020 close of 2,584.59.",
    ],
)
def test_a_period_not_over_is_not_judged(claims_store, text):
    for r in _closes(claims_store, text):
        assert r.verdict == "unverifiable", r.evidence


def test_the_articles_own_close_is_still_read_on_its_day(claims_store):
    # a close with no period before its noun: the article's day, as before
    for r in _closes(claims_store, "The S&P 500 closed at 3,232.39 on Monday."):
        assert r.verdict == "supported" and str(r.claim.date) == DAY, r.evidence
