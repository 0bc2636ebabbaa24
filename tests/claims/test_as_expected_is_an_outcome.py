""" "As expected the Federal Reserve left interest rates unchanged": "as" before an expectation's
participle says the outcome matched it, so the clause states what happened, not a forecast
(read as a forecast before; issue 8, round 83)."""

from __future__ import annotations

import pytest
from claim_results import results, shown


@pytest.mark.parametrize(
    "text",
    [
        "As expected the Federal Reserve left interest rates unchanged at today's meeting.",
        "As widely anticipated, the Federal Reserve left interest rates unchanged on Wednesday.",
    ],
)
def test_as_expected_states_the_decision(claims_store, text):
    rs = [r for r in results(claims_store, text, "2018-01-31") if r.claim.rule == "fed_hold"]
    assert [r.verdict for r in rs] == ["supported"], shown(rs)


def test_an_expectation_is_still_a_forecast(claims_store):
    text = "The S&P 500 is expected to rise 2% next year, as analysts expect."
    rs = results(claims_store, text, "2018-01-31")
    assert rs and all("forecast" in r.claim.qualifiers for r in rs), shown(rs)
