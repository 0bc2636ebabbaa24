"""A generic inflation word ("consumer prices", "inflation", "the inflation rate") after a
sentence of its paragraph, or words of its own sentence, that name another price measure (PCE,
core PCE, producer prices, import prices, wages) goes on about that measure, not about CPI:
"The PCE price index rose 0.4% in April. Year-over-year consumer prices were 4.4% higher"
(headline PCE, which the store does not hold; CPI-U was 4.93%). Bound there, and left
unjudged where the store has no such series; never contradicted by CPI. CPI or core CPI named
last, a new paragraph, or a turn ("meanwhile") keeps the CPI reading."""

from __future__ import annotations

import pytest
from claim_results import results

DAY = "2023-05-26"  # CPI-U April 2023: 4.93% year over year, 0.4% month over month


@pytest.mark.parametrize(
    "text",
    [
        "The Personal Consumption Expenditures Price Index, a key inflation index for the Fed, "
        "rose 0.4% in April. Year-over-year consumer prices were 4.4% higher in April.",
        "The PCE price index rose 0.4% in April. Consumer prices were 4.4% higher than a year earlier.",
        "The producer price index rose 0.2% in April. Inflation was 2.3% higher from a year earlier.",
        "Wages rose 0.5% in April. Consumer prices were 4.2% higher in April from a year earlier.",
        "Import prices rose 0.4% in April, and inflation was 4.2% from a year earlier.",
        # PCE by its words, misnamed, and a deflator
        "Core Personal Expenditure Price index data released Friday showed that inflation "
        "climbed 4.6% from a year ago in April.",
        "The PCE deflator rose 0.4% in April. Consumer prices were 4.2% higher than a year earlier.",
    ],
)
def test_the_generic_word_is_never_read_as_cpi(claims_store, text):
    got = results(claims_store, text, DAY)
    assert got and all(r.verdict != "contradicted" for r in got), [
        (r.claim.quote, r.verdict, r.evidence) for r in got
    ]
    assert not any("cpi_u" in (r.evidence or "") for r in got), [
        (r.claim.quote, r.evidence) for r in got
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Consumer prices were 4.2% higher in April from a year earlier.",
        "The CPI rose 0.4% in April. Consumer prices were 4.2% higher in April from a year earlier.",
        "Core CPI rose 0.4% in April. Consumer prices were 4.2% higher in April from a year earlier.",
        "The PCE price index rose 0.4% in April.\n\nConsumer prices were 4.2% higher in April "
        "from a year earlier.",
        "The PCE price index rose 0.4% in April. Consumer prices, meanwhile, were 4.2% higher in "
        "April from a year earlier.",
    ],
)
def test_cpi_named_last_or_no_other_measure_keeps_cpi(claims_store, text):
    got = [r for r in results(claims_store, text, DAY) if "4.2%" in r.claim.quote]
    assert [r.verdict for r in got] == ["contradicted"], [
        (r.claim.quote, r.verdict, r.evidence) for r in got
    ]
