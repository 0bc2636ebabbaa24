"""A weekday written with its date, and a session dated on a day no market traded
(docs/claims.md, round 60): the calendar settles both with no data. "Tuesday, 6 January 2025" (a
Monday) is contradicted; a weekday that agrees with its date is supported (round 82). A date without its year
is judged only near a day-dated article (the year nearest its date is sure only there). "On
January 6, 2024, the S&P 500 closed at 4,839.81" (a Saturday) gives a date claim contradicted by
the calendar; the figure keeps its own verdict."""

from __future__ import annotations

import pytest
from claim_results import results


@pytest.mark.parametrize(
    ("text", "date", "verdict", "found"),
    [
        ("Nvidia's chief spoke on Tuesday, 6 January 2025.", "2026-01-12", "contradicted",
         "2025-01-06 is a Monday"),
        ("The report came on Friday, 9 January 2025.", "2026-01-12", "contradicted",
         "2025-01-09 is a Thursday"),
        # the year nearest a day-dated article, a few days before it
        ("Stocks fell on Thursday, Jan. 9.", "2026-01-12", "contradicted", "2026-01-09 is a Friday"),
        # agreeing dates: supported
        ("Stocks rose on Friday, Jan. 9.", "2026-01-12", "supported", "2026-01-09 is a Friday"),
        ("Nvidia's chief spoke on Tuesday, 6 January 2026.", "2026-01-12", "supported",
         "2026-01-06 is a Tuesday"),
        # a date without its year far from the article's date, or an article dated to a month
        ("Stocks fell on Thursday, Jan. 9.", "2026-06-30", None, None),
        ("Stocks fell on Thursday, Jan. 9.", "2026-01", None, None),
    ],
)  # fmt: skip
def test_a_weekday_with_its_date(claims_store, text, date, verdict, found):
    got = results(claims_store, text, date, "weekday")
    assert [r.verdict for r in got] == ([verdict] if verdict else []), [
        (r.claim.quote, r.evidence) for r in got
    ]
    assert all(found in r.evidence for r in got)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("On January 6, 2024, the S&P 500 closed at 4,839.81.", "2024-01-06 (Saturday, a weekend)"),
        ("The S&P 500 rose 1% on December 25, 2023.", "2023-12-25 (Monday, a market holiday)"),
        # a trading day, a period's move or a figure to date: no such claim
        ("The S&P 500 closed at 4,697.24 on January 5, 2024.", None),
        ("The S&P 500 has gained about 25% year-to-date, as of December 10, 2023.", None),
    ],
)
def test_a_session_on_a_day_no_market_traded(claims_store, text, found):
    got = results(claims_store, text, "2024-01-19", "session_day")
    assert [r.verdict for r in got] == (["contradicted"] if found else []), [
        (r.claim.quote, r.evidence) for r in got
    ]
    if found:
        assert found in got[0].evidence
