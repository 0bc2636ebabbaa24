"""Two different figures for the same subject, measure, day and period in one clause cannot both
be that period's ("After a volatile week, the S&P 500 closes 1.73% higher and 0.77% in the black
on Friday": 1.73% is the week's): neither is contradicted on that reading; a figure that fits is
still supported (``thesis.claims.twofigures``).

Closes by hand (sp500_daily_fred.csv): S&P 500 2020-07-24 3,215.63, 2020-07-30 3,246.22,
2020-07-31 (Friday) 3,271.12: the day +0.77%, the week +1.73%.
"""

from __future__ import annotations

import pytest
from claim_results import results

DAY = "2020-07-31"


def _by_value(store, text: str) -> dict[float, object]:
    return {r.claim.stated_value: r for r in results(store, text, DAY, "change")}


@pytest.mark.parametrize(
    "text",
    [
        "After a volatile week, the S&P 500 closes 1.73% higher and 0.77% in the black on Friday.",
        "The S&P 500 rose 1.73% and 0.77% on Friday.",
    ],
)
def test_neither_of_two_figures_for_one_period_is_contradicted(claims_store, text):
    got = _by_value(claims_store, text)
    assert got[1.73].verdict == "unverifiable", got[1.73].evidence
    assert "another figure" in got[1.73].evidence, got[1.73].evidence
    assert got[0.77].verdict == "supported", got[0.77].evidence


def test_one_figure_alone_is_still_contradicted(claims_store):
    got = _by_value(claims_store, "The S&P 500 rose 1.73% on Friday.")
    assert got[1.73].verdict == "contradicted", got[1.73].evidence


def test_figures_of_two_subjects_are_each_judged(claims_store):
    text = "The S&P 500 rose 1.73% on Friday, while the Dow gained 0.44%."
    got = _by_value(claims_store, text)
    assert got[1.73].verdict == "contradicted", got[1.73].evidence
