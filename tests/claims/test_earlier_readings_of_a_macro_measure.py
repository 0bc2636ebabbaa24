""" "Increased to 6.3% in August from 5.9% a month earlier": the figure after "from" (or "after")
is the same measure's earlier reading, a month (or a year) before the month the sentence names;
"a month earlier" says when, not that it is a month-over-month change.

Data by hand (core CPI, not seasonally adjusted, year over year): 2022-07 5.90%, 2022-08 6.29%.
"""

from __future__ import annotations

import pytest
from claim_results import results


@pytest.mark.parametrize(
    "text",
    [
        "Core inflation, which excludes food and energy prices, increased to 6.3% in August from "
        "5.9% a month earlier.",
        "Core CPI rose to 6.3% in August, up from 5.9% a month ago.",
    ],
)
def test_an_earlier_reading_is_the_measure_a_month_before(claims_store, text):
    got = results(claims_store, text, "2022-09-13", "macro")
    assert [r.verdict for r in got] == ["supported", "supported"], [r.evidence for r in got]
    assert "2022-07 yoy" in got[1].evidence


def test_a_wrong_earlier_reading_is_never_read_as_a_monthly_change(claims_store):
    text = "Core CPI increased to 6.3% in August from 4.2% a month earlier."
    got = results(claims_store, text, "2022-09-13", "macro")
    assert got[1].verdict != "supported" and "2022-07" in got[1].evidence, [r.evidence for r in got]


def test_a_change_from_a_month_earlier_is_still_monthly(claims_store):
    text = "Core CPI rose 0.6% in August from a month earlier."
    got = results(claims_store, text, "2022-09-13", "macro")
    assert got and "mom" in got[0].evidence and "yoy" not in got[0].evidence, [
        r.evidence for r in got
    ]
