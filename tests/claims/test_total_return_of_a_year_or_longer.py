"""A calendar-year (or longer) change of an index whose words do not say "price" has the total
return (dividends reinvested) as another reading: "the S&P 500 plunged 18% in 2022" in an article
that quotes total returns. The reading can block a contradiction, never support one
(``thesis.claims.explained``).

Closes by hand (sp500_daily_fred.csv, etf_daily_spy_iwm_tlt_gld.csv): S&P 500 2019-12-31
3,230.78, 2020-12-31 3,756.07 (+16.26% for 2020); SPY adjusted close over 2020 +18.33%.
"""

from __future__ import annotations

import pytest
from claim_results import results

DAY = "2021-01-15"


def _one(store, text: str):
    got = results(store, text, DAY, "change")
    assert len(got) == 1, [(r.claim.quote, r.verdict) for r in got]
    return got[0]


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 gained 18% in 2020.",
        "The S&P 500 finished 2020 with a gain of 18%.",
    ],
)
def test_a_figure_the_total_return_fits_is_not_contradicted(claims_store, text):
    r = _one(claims_store, text)
    assert r.verdict == "unverifiable", r.evidence
    assert "total return" in r.evidence, r.evidence


def test_returned_is_a_price_or_a_total_return_as_a_return_is(claims_store):
    # round 76: the verb, as the noun "a 18.3% return", reads the total return literally
    r = _one(claims_store, "In 2020, the S&P 500 returned 18.3%.")
    assert r.verdict == "supported", r.evidence
    assert "total return" in r.evidence, r.evidence


def test_the_words_price_leave_only_the_price_reading(claims_store):
    r = _one(claims_store, "The S&P 500 price index gained 18% in 2020.")
    assert r.verdict == "contradicted", r.evidence


def test_a_figure_neither_reading_fits_stays_contradicted(claims_store):
    r = _one(claims_store, "The S&P 500 gained 25% in 2020.")
    assert r.verdict == "contradicted", r.evidence


def test_the_price_change_still_supports(claims_store):
    r = _one(claims_store, "The S&P 500 gained 16.3% in 2020.")
    assert r.verdict == "supported", r.evidence
