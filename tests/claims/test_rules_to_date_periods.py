"""A move over a to-date period stated with the words of that period ("is down 12% so far this
month", "this week's 3% drop"): the span the words name ("this month") is the claim's own period,
which runs up to the claim's day, so it names no *other* time and leaves the day bound. The move is
the day's close over the last close of the prior month (year, week), as of the article's day; a
sentence that names another time as well ("after a rout last week") still reads that time and is
never contradicted.

Data: sp500 2020-02-28 2,954.22, 2020-03-20 2,304.92 (month to date −21.98 %).
"""

from __future__ import annotations

import pytest

from thesis.claims import check_text, parse_article


def _mtd(store, text: str, date: str = "2020-03-20"):
    res = check_text(parse_article(text.encode(), "t.txt"), store, date=date).results
    got = [r for r in res if r.claim.period is not None and r.claim.period.kind == "mtd"]
    assert len(got) == 1, [(r.claim.quote, r.claim.period) for r in res]
    return got[0]


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 is down 22% so far this month.",
        "The S&P 500 has shed nearly 22% so far this month, the worst stretch since 2008.",
    ],
)
def test_a_to_date_move_in_its_own_words_is_supported(claims_store, text):
    r = _mtd(claims_store, text)
    assert r.verdict == "supported", r.evidence
    assert "2020-02-28" in r.evidence and not r.claim.loose, r.claim.loose


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 is down 12% so far this month.",
        "The S&P 500 has lost 12% so far this month as the virus spread.",
    ],
)
def test_its_own_period_names_no_other_time(claims_store, text):
    r = _mtd(claims_store, text)
    assert "date" not in r.claim.loose, r.claim.loose
    assert r.verdict == "contradicted", r.evidence


def test_another_time_in_the_sentence_still_loosens_the_day(claims_store):
    r = _mtd(claims_store, "The S&P 500 is down 12% so far this month after a rout last week.")
    assert r.verdict == "unverifiable", r.evidence
    assert "last week" in r.claim.loose.get("date", ""), r.claim.loose


def test_the_read_stops_at_the_articles_day(claims_store):
    # a week earlier the month was down less (no lookahead: the later closes are not read)
    r = _mtd(claims_store, "The S&P 500 is down 22% so far this month.", date="2020-03-13")
    assert "2020-03-20" not in r.evidence and r.verdict != "supported", r.evidence


# a move named by a noun with the period's words between ("its 17.3% year-to-date gain"): the
# period is the move's, the noun names it. Data: sp500 2018-12-31 2,506.85, 2019-06-28 2,941.76
# (year to date +17.35 %).
@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("The S&P 500's 17.3% year-to-date gain is about average for a June.", "supported"),
        ("Analysts said the S&P 500's current 17.3% year to date return looks stretched.", "supported"),
        ("The S&P 500's 11% year-to-date gain is about average for a June.", "contradicted"),
    ],
)  # fmt: skip
def test_a_period_between_the_figure_and_its_noun(claims_store, text, verdict):
    res = check_text(parse_article(text.encode(), "t.txt"), claims_store, date="2019-06-28").results
    got = [r for r in res if r.claim.period is not None and r.claim.period.kind == "ytd"]
    assert len(got) == 1, [(r.claim.quote, r.claim.measure) for r in res]
    assert got[0].claim.measure == "change" and got[0].verdict == verdict, got[0].evidence
