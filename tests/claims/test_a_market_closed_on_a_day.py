""" "U.S. markets were closed Thursday in observance of Independence Day", "the bond market was
closed Monday for Columbus Day", "the NYSE and Nasdaq will be closed on Wednesday": a market
stated closed on a day, judged on the store's calendar of the market (the S&P 500's closes, the
10-year yield's for bonds), or the NYSE's published calendar for a day after the store's data
as of the article. A weekday read from the tense only supports; a written date may contradict
(issue 8, round 80)."""

from __future__ import annotations

import pytest
from claim_results import results, shown


@pytest.mark.parametrize(
    ("text", "date", "verdict", "day"),
    [
        ("US markets were closed Thursday in observance of Independence Day.", "2024-07-05",
         "supported", "2024-07-04"),
        # the bond market closes on Columbus Day, the stock market does not
        ("The U.S. bond market was closed Monday for Columbus Day.", "2024-10-15", "supported",
         "2024-10-14"),
        # a future day: the next Wednesday, on the NYSE's calendar (the store is read as of the
        # article's date)
        ("The New York Stock Exchange and Nasdaq will be closed on Wednesday.", "2024-12-23",
         "supported", "2024-12-25"),
        # a date without its year in a story of December 1: the coming December 25
        ("Stock markets will remain closed on Wednesday, December 25, for Christmas.",
         "2024-12-01", "supported", "2024-12-25"),
        # a written date the market traded on
        ("The market was closed on Tuesday, December 23, 2025.", "2025-12-26", "contradicted",
         "2025-12-23"),
        # a weekday the market traded on: read from the tense only, so not contradicted
        ("U.S. markets were closed Tuesday for the holiday.", "2025-10-08", "unverifiable",
         "2025-10-07"),
    ],
)  # fmt: skip
def test_a_market_closed_on_a_day(claims_store, text, date, verdict, day):
    rs = results(claims_store, text, date, "closure")
    assert [r.verdict for r in rs] == [verdict], shown(rs)
    assert day in rs[0].evidence, shown(rs)


@pytest.mark.parametrize(
    "text",
    [
        "Stocks closed higher on Monday.",
        "Markets closed early on Friday.",
        "The market was closed at a record on Tuesday.",
    ],
)
def test_a_close_is_no_closure(claims_store, text):
    assert results(claims_store, text, "2025-10-08", "closure") == []
