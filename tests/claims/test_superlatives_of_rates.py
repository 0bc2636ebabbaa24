"""A "N-year high" (or low) after a rate's figure is a second claim, about the figure: the
highest (lowest) since N years before the figure's period. It is judged for macro rates and
yields alike, and it is a ``rate`` claim in the label taxonomy (``rules._extreme_kind``), as its
figure is: "the Consumer Price Index is up 5.4%, a 30-year high" holds two rate claims, the 5.4%
(right) and the 30-year high (wrong: 5.6% in July 2008). When the figure follows the superlative
("September's 50-year low of 3.5%"), the figure's own claim is the rate claim and the superlative
stays a ``level``.

Data: CPI-U year over year 2021-07 5.37%, 2008-07 5.60%; 10-year yield 2018-10-05 3.23%, last
higher 2011-05-04 (3.25%), 3.6% in October 2002.
"""

from __future__ import annotations

import pytest
from claim_results import results


def _since(store, text: str, date: str):
    got = results(store, text, date, "since")
    assert len(got) == 1, [r.claim.quote for r in got]
    return got[0]


@pytest.mark.parametrize(
    ("text", "date", "verdict"),
    [
        ("Year over year the Consumer Price Index is up 5.4%, a 30-year high.", "2021-08-11",
         "contradicted"),
        ("Year over year the Consumer Price Index is up 5.4%, a 13-year high.", "2021-08-11",
         "supported"),
        ("The Consumer Price Index rose 5.4% from a year earlier, a 20-year high.", "2021-08-11",
         "contradicted"),
        ("The 10-year Treasury yield rose to 3.22%, a seven-year high.", "2018-10-05",
         "supported"),
        ("The 10-year Treasury yield rose to 3.22%, a 20-year high.", "2018-10-05",
         "contradicted"),
    ],
)  # fmt: skip
def test_an_extreme_after_a_rates_figure_is_a_rate_claim_of_its_own(claims_store, text, date,
                                                                    verdict):  # fmt: skip
    r = _since(claims_store, text, date)
    assert r.claim.kind == "rate", r.claim.kind
    assert r.verdict == verdict, r.evidence
    figures = [x for x in results(claims_store, text, date) if x.claim.measure != "since"]
    assert figures and all(x.verdict == "supported" for x in figures), [x.evidence for x in figures]


def test_a_figure_after_the_extreme_is_the_rate_claim(claims_store):
    text = "The unemployment rate rose from September's 50-year low of 3.5%."
    r = _since(claims_store, text, "2019-11-01")
    assert r.claim.kind == "level"
    figure = [x for x in results(claims_store, text, "2019-11-01") if x.claim.measure == "macro"]
    assert [x.claim.kind for x in figure] == ["rate"]


def test_an_index_extreme_stays_a_level(claims_store):
    r = _since(claims_store, "The S&P 500 closed at 5,026.61, a two-year high.", "2024-02-09")
    assert r.claim.kind == "level"
