"""A day carried from the sentence before (``binding._carried_day``): a sentence that names no
time of its own, whose paragraph's previous sentence names exactly one day (not another event's,
not the start of a period), is read on that day rather than on the article's session. Measured
on dev (round 8): a strict variant changed no verdict, so the carried day is support-only.

Closes by hand (sp500_daily_fred.csv): 2024-03-15 (Friday) 5,117.09; 2024-03-18 (Monday)
5,149.42; 2024-03-14 5,150.48.
"""

from __future__ import annotations

import pytest

from thesis.claims import check_text, parse_article

OPENING = "Stocks rose on Monday as chipmakers rallied.\n"


def _close(store, text: str, date: str = "2024-03-18"):
    rep = check_text(parse_article(text.encode(), "t.txt"), store, date=date)
    return [r for r in rep.results if r.claim.measure == "close"]


def test_the_day_of_the_sentence_before_is_carried(claims_store):
    text = OPENING + "The S&P 500 slid 0.65% on Friday. The S&P 500 closed at 5,117.09."
    *_, r = _close(claims_store, text)
    assert str(r.claim.date) == "2024-03-15"
    assert "carried from the sentence before" in r.claim.bound["date"]
    assert r.verdict == "supported", r.evidence


def test_a_carried_day_does_not_contradict(claims_store):
    text = OPENING + "The S&P 500 slid 0.65% on Friday. The S&P 500 closed at 5,000.00."
    *_, r = _close(claims_store, text)
    assert str(r.claim.date) == "2024-03-15"
    assert r.verdict == "unverifiable", r.evidence
    assert "date" in r.claim.loose


@pytest.mark.parametrize(
    "before",
    [
        "The S&P 500 slid on Thursday and again on Friday.",  # two days: which one is not said
        "After a record on Friday, traders turned cautious.",  # another event's day
        "The S&P 500 has gained 8% since Friday, Jan. 5.",  # a day that starts a period
        "The S&P 500 slid 0.65% on Friday.\n",  # another paragraph
    ],
)
def test_no_day_is_carried(claims_store, before):
    text = OPENING + before + " The S&P 500 closed at 5,117.09."
    *_, r = _close(claims_store, text)
    assert "carried" not in r.claim.bound.get("date", "")


def test_a_time_of_its_own_is_kept(claims_store):
    text = OPENING + "The S&P 500 slid 0.65% on Friday. In February the S&P 500 closed at 5,096.27."
    *_, r = _close(claims_store, text)
    assert "carried" not in r.claim.bound.get("date", "")
