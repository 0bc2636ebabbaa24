"""Round 9: an average, annualised or compound rate is another measure than a change
(``thesis.claims.spans.measure_word``): "an average annual return of 10%", "a 9% CAGR", "gained
10% a year" are not judged against one period's change; names and transforms that only look like
one ("the Dow Jones Industrial Average", a "moving average", "6.3% annually" of a price index,
"from a year ago") are read as before.

sp500_daily_fred.csv: 2022-12-30 3839.50, 2023-12-28 4783.35, 2023-12-29 4769.83 (+24.23% in
2023, −0.28% on the day).
"""

from __future__ import annotations

import pytest
from claim_results import results

DATE = "2023-12-29"


def _results(store, text: str, date: str = DATE):
    return results(store, text, date)


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 has delivered an average annual return of 40% in 2023.",
        "The S&P 500 gained 40% a year from 2021 through 2023.",
        "The S&P 500 rose 40% per year in 2023.",
        "The S&P 500 posted a compound annual gain of 40% in 2023.",
        "The S&P 500 advanced 40% a year on average in 2023.",
    ],
)
def test_an_average_rate_is_not_a_change(claims_store, text):
    got = [r for r in _results(claims_store, text) if r.claim.measure in ("change", "close")]
    assert got, [(r.claim.measure, r.claim.quote) for r in _results(claims_store, text)]
    for r in got:
        assert r.verdict == "unverifiable" and "average" in r.claim.qualifiers, r.evidence


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # the same claims without the average words: judged
        ("The S&P 500 posted an annual gain of 40% in 2023.", "contradicted"),
        ("The S&P 500 rose 40% in 2023.", "contradicted"),
        ("The S&P 500 rose 24.2% in 2023.", "supported"),
        # an index named "Average" and a figure "from a year ago" are not average rates
        (
            "The Dow Jones Industrial Average rose 0.1% while the S&P 500 rose 24.2% in 2023.",
            "supported",
        ),
        ("The S&P 500 is up 60% from a year ago.", "contradicted"),
    ],
)
def test_words_that_only_look_like_an_average(claims_store, text, verdict):
    got = [r for r in _results(claims_store, text) if r.claim.subject is not None
           and r.claim.subject.key == "sp500" and r.claim.measure == "change"]  # fmt: skip
    assert len(got) == 1 and got[0].verdict == verdict, [(r.claim.quote, r.evidence) for r in got]
    assert "average" not in got[0].claim.qualifiers


def test_a_macro_figures_annual_rate_is_its_transform(claims_store):
    text = "Core inflation increased by 0.3% or 6.3% annually."
    got = [r for r in _results(claims_store, text, "2022-11-10") if r.claim.measure == "macro"]
    assert got and all("average" not in r.claim.qualifiers for r in got)
    assert any(r.verdict == "supported" for r in got), [r.evidence for r in got]
