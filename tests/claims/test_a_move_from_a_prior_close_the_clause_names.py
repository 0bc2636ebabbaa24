""" "down 0.06% from last Friday's close", "by more than 5% since last Friday", "rose 1.7% from
its previous week's close": the close a move is measured from, named relative to the article's
day by the clause itself. "last <weekday>" is read only where it names one day (a weekday
article, the weekday on or after the article's in the week)."""

from __future__ import annotations

import pytest
from claim_results import results

# S&P 500: 2022-06-03 close 4,108.54, 2022-06-09 4,017.82, 2022-06-10 3,900.86 (week −5.05%),
# 2022-06-13 3,749.63 (−3.88% from Friday 2022-06-10)
FRIDAY = "2022-06-10"
MONDAY = "2022-06-13"
LEAD_FRIDAY = "Stocks fell on Friday. "
LEAD_MONDAY = "Stocks fell on Monday. "


def _change(store, text: str, day: str):
    got = results(store, text, day, "change")
    assert got, (text, [(r.claim.measure, r.claim.quote) for r in results(store, text, day)])
    return got[-1]


@pytest.mark.parametrize(
    ("text", "day", "base"),
    [
        (LEAD_FRIDAY + "The S&P 500 fell by more than 5% since last Friday.", FRIDAY, "2022-06-03"),
        (
            LEAD_FRIDAY + "The S&P 500 was down 5.05% from last Friday's close.",
            FRIDAY,
            "2022-06-03",
        ),
        (
            LEAD_FRIDAY + "The S&P 500 fell 5.1% from its previous week's close.",
            FRIDAY,
            "2022-06-03",
        ),
        (LEAD_FRIDAY + "The S&P 500 fell 5.1% from the prior week's close.", FRIDAY, "2022-06-03"),
        (LEAD_MONDAY + "The S&P 500 fell 3.9% from last Friday's close.", MONDAY, "2022-06-10"),
    ],
)
def test_the_move_is_from_that_close(claims_store, text, day, base):
    r = _change(claims_store, text, day)
    assert r.verdict == "supported", (r.claim.quote, r.evidence)
    assert base in r.evidence, r.evidence


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (LEAD_FRIDAY + "The S&P 500 fell 9% from its previous week's close.", FRIDAY),
        (LEAD_MONDAY + "The S&P 500 fell 5.9% from last Friday's close.", MONDAY),
    ],
)
def test_a_wrong_move_from_that_close_is_contradicted(claims_store, text, day):
    r = _change(claims_store, text, day)
    assert r.verdict == "contradicted", (r.claim.quote, r.evidence)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # Saturday: "last Friday" may be yesterday or the Friday before
        ("Stocks fell this week. The S&P 500 fell 9% from last Friday's close.", "2022-06-11"),
        # a high, not a close
        (LEAD_FRIDAY + "The S&P 500 fell 9% from last Friday's high.", FRIDAY),
    ],
)
def test_words_that_name_no_one_close_are_not_judged(claims_store, text, day):
    for r in results(claims_store, text, day):
        assert r.verdict != "contradicted", (r.claim.quote, r.evidence)


def test_last_weekday_before_the_articles_in_its_week_is_not_read(claims_store):
    # Thursday 2022-06-09: "last Monday" may be this week's (06-06) or the one before; the
    # prior-close reading is not made (the since-period of the text layer's Monday stays)
    text = "Stocks fell on Thursday. The S&P 500 fell 2.51% since last Monday."
    r = _change(claims_store, text, "2022-06-09")
    assert "2022-05-30" not in r.evidence and "2022-06-02" not in r.evidence, r.evidence
