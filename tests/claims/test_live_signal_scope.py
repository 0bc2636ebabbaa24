"""What makes a story "live" (written while the session is open) and what does not.

A live story's figures for the day are intraday, so the close never contradicts them (it supports
one it gives to the last digit: `test_an_intraday_figure_the_close_gives.py`). But
"on track for its best month" is about an unfinished month, "was last up" in a sentence about
after-hours trading is about a closed session, and a headline that reports the close ("Stocks
close higher") makes "in afternoon trading" a moment of a finished session.

Data: S&P 500 closes 2024-05-14 5,246.68, 2024-05-15 5,308.15 (+1.17%).
"""

from __future__ import annotations

import pytest

from thesis.claims import check_text, parse_article

DAY = "2024-05-15"
BODY = "The S&P 500 rose 1.17% to 5,308.15 on Wednesday."


def _verdicts(store, text: str, figure: str = "1.17%") -> list[tuple[str, list[str]]]:
    res = check_text(parse_article(text.encode(), "t.txt"), store, date=DAY).results
    got = [(r.verdict, r.claim.qualifiers) for r in res if figure in r.claim.quote]
    assert got, [r.claim.quote for r in res]
    return got


@pytest.mark.parametrize(
    "text",
    [
        f"Stocks close higher as inflation cools\n\n{BODY} In afternoon trading the index was up as"
        " much as 1.3%.",
        f"Wall Street ends sharply higher after CPI\n\n{BODY} In late trading it had added more.",
        f"{BODY} The index is on track for its best month since November.",
        f"{BODY} It is on pace for a 10% gain in 2024.",
        f"{BODY} In after-hours trading, Cisco was last up 5%.",
    ],
)
def test_a_figure_of_a_closed_session_is_judged(claims_store, text):
    for verdict, qualifiers in _verdicts(claims_store, text):
        assert "intraday" not in qualifiers
        assert verdict == "supported"


@pytest.mark.parametrize(
    "text",
    [
        # no closing headline: "in afternoon trading" still marks a story filed mid-session
        f"Inflation cools\n\n{BODY} In afternoon trading the index was up as much as 1.3%.",
        # the headline's close is an earlier session's
        "Stocks rally after the S&P 500 closed at a record on Friday\n\nThe S&P 500 was last up"
        " 1.17% at 5,308.15.",
        # "on track to close" is about the session that is still open, and so is a day's move
        # that the month only scopes
        f"{BODY} The index is on track to close at a record.",
        f"{BODY} The index is on track for its biggest jump of the month.",
        f"{BODY} The index is on pace for its best one-day gain of the year.",
        # a headline that only says what may happen at the close
        f"Stocks could close at a record\n\n{BODY} In afternoon trading it was up 1.3%.",
    ],
)
def test_a_story_filed_mid_session_stays_live(claims_store, text):
    # the close (+1.17% to 5,308.15) would contradict +1.6% to 5,330.15, and supports +1.17% to
    # 5,308.15 to the last digit
    live = text.replace("1.17%", "1.6%").replace("5,308.15", "5,330.15")
    for verdict, qualifiers in _verdicts(claims_store, live, "1.6%"):
        assert "intraday" in qualifiers
        assert verdict == "unverifiable"
    got = _verdicts(claims_store, text)
    assert all("intraday" in qualifiers for _, qualifiers in got)
    assert "supported" in {v for v, _ in got} and "contradicted" not in {v for v, _ in got}
