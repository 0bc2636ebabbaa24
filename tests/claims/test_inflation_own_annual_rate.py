"""Inflation's own rate: "an annual inflation rate of 3%", "a year-over-year rate of 9.1% in June
2022", "the year-over-year rate slowed to 8.3%". "Rate" led by "annual", "annualized",
"year-over-year" or "inflation" is the inflation figure's own rate, not another series named
between (a mortgage rate, an interest rate stays foreign). "An annualized rate" (or "an annual
rate") is bound to inflation too and left unjudged: a month's change compounded may be meant.

CPI-U (NSA) year over year by hand: June 2022 +9.06%; August 2022 +8.26%; August 2024 +2.53%.
"""

from __future__ import annotations

import pytest
from claim_results import results


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Inflation in the U.S. ran at a year-over-year rate of 9.1% in June 2022.", "2024-09-20"),
        ("The latest CPI data indicated an annual inflation rate of 2.5%.", "2024-09-18"),
        (
            "The August CPI rose 0.1%, though the year-over-year rate slowed to 8.3% in August.",
            "2022-09-14",
        ),
    ],
)
def test_inflation_at_its_own_annual_rate_is_judged(claims_store, text, day):
    got = [r for r in results(claims_store, text, day, "macro") if r.claim.stated_value != 0.1]
    assert len(got) == 1 and got[0].verdict == "supported", [r.evidence for r in got]


def test_an_annualized_rate_is_bound_but_not_judged(claims_store):
    # "annualized" may be a month's change compounded over a year: no series gives it
    text = "Inflation in the U.S. peaked at an annualized rate of 9.1% in June 2022."
    got = results(claims_store, text, "2024-09-20", "macro")
    assert len(got) == 1 and got[0].verdict == "unverifiable", [r.evidence for r in got]
    assert got[0].claim.subject is not None and got[0].claim.subject.key == "cpi"


def test_inflation_at_a_rate_the_data_do_not_give_is_not_supported(claims_store):
    text = "Inflation in the U.S. ran at a year-over-year rate of 5.1% in June 2022."
    got = results(claims_store, text, "2024-09-20", "macro")
    assert len(got) == 1 and got[0].verdict != "supported", [r.evidence for r in got]


@pytest.mark.parametrize(
    "text",
    [
        "Inflation cooled, while the mortgage rate rose to 7.1%.",
        "Inflation eased, and the interest rate on savings held at 4.5%.",
    ],
)
def test_another_rate_is_not_inflation(claims_store, text):
    got = results(claims_store, text, "2024-09-20", "macro")
    assert got == [], [(r.claim.quote, r.evidence) for r in got]
