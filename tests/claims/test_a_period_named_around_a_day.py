"""Periods named around a day (docs/claims.md, round 60).

- "In the week ended Feb. 23", "during the trading week ending on Friday": the week that ends on
  the day named, never that day's session. A longer unit the rules do not read between the figure
  and the day ("in the fortnight ending Feb. 23") leaves the period open.
- "For the year", "for the month" with no year or month named, early in the unit (January, the
  first week of a month): the unit just ended is as literal a reading as the one under way.
- "A 25% return" of an index: a price or a total return, both read.

The S&P 500 rose 1.66% in the week to 2024-02-23 (0.03% that Friday), 23.31% in 2024 (24.9% with
dividends, on SPY's adjusted close) and fell 2.50% in December 2024."""

from __future__ import annotations

import pytest
from claim_results import results


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("The S&P 500 rose 1.66% in the week ended Feb. 23.", "supported"),
        ("The S&P 500 rose over 1.6% during the trading week ending on Friday, 23 February, 2024.",
         "supported"),
        ("The S&P 500 fell 1.66% in the week ended Feb. 23.", "contradicted"),
        ("The S&P 500 rose 1.66% in the fortnight ending Feb. 23.", "unverifiable"),
        # a day with no longer unit before it: still the session's move
        ("The S&P 500 rose 0.03% on Friday, Feb. 23.", "supported"),
        ("The S&P 500 rose 1.66% on Friday, Feb. 23.", "contradicted"),
    ],
)  # fmt: skip
def test_a_week_that_ends_on_a_day(claims_store, text, verdict):
    got = results(claims_store, text, "2024-02-24", "change")
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]


@pytest.mark.parametrize(
    ("text", "date", "verdict"),
    [
        ("The S&P 500 posted a 23.3% gain for the year.", "2025-01-06", "supported"),
        ("The S&P 500 posted a 2.5% loss for the month.", "2025-01-06", "supported"),
        ("The S&P 500 posted a 9% loss for the month.", "2025-01-06", "contradicted"),
        # mid-year: the year to date only
        ("The S&P 500 posted a 23.3% gain for the year.", "2024-06-28", "contradicted"),
    ],
)
def test_a_period_just_ended(claims_store, text, date, verdict):
    got = results(claims_store, text, date, "change")
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]
    if verdict == "supported" and date.startswith("2025-01"):
        assert "just ended" in got[0].evidence


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("The S&P 500 posted a 25% return for the year.", "supported"),
        ("The S&P 500 posted a 23.3% return for the year.", "supported"),
        # a "gain" is the index's own move: the total return does not support it, but it is a
        # reading that blocks a contradiction (thesis.claims.explained), of the year just ended
        # as of the current one (price +23.31%, with dividends +24.89%)
        ("The S&P 500 posted a 24.9% gain for the year.", "unverifiable"),
        ("The S&P 500 posted a 31% return for the year.", "contradicted"),
    ],
)
def test_a_return_is_a_price_or_a_total_return(claims_store, text, verdict):
    got = results(claims_store, text, "2025-01-06", "change")
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]


@pytest.mark.parametrize(
    ("text", "date", "verdict"),
    [
        # "in N days", "over N trading sessions": the last N sessions to the day
        ("The S&P 500 fell 10.5% over two trading sessions.", "2025-04-04", "supported"),
        ("The S&P 500 surged 2.6% in five days.", "2025-05-16", "contradicted"),
        ("The S&P 500 surged 5.3% in just five trading days.", "2025-05-16", "supported"),
        # the span a superlative ranks over is no period of the move
        ("The S&P 500 rose 0.7% on Friday, its biggest gain in two weeks.", "2025-05-16", "supported"),
        # a month's change named by its adjective
        ("The S&P 500 closed with a monthly gain of 7%.", "2025-05-16", "supported"),
        ("The S&P 500 closed with a monthly gain of 9%.", "2025-05-16", "contradicted"),
    ],
)  # fmt: skip
def test_a_span_of_sessions_or_a_unit_by_its_adjective(claims_store, text, date, verdict):
    got = results(claims_store, text, date, "change")
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]
