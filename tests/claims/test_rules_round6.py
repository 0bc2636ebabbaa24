"""Round 6 classes (contradicted recall that generalises, and its precision), each on its own
example sentences.

Closes by hand (sp500_daily_fred.csv, vix_daily.csv, etf_daily_spy_iwm_tlt_gld.csv):
S&P 500 2019-12-31 3,230.78, 2020-12-31 3,756.07 (+16.26% for 2020); SPY adjusted close
2019-12-31 -> 2020-12-31 +18.33%.
"""

from __future__ import annotations

import pytest

from thesis.claims import check_text, parse_article


def _results(store, text: str, date: str, measure: str | None = None):
    rep = check_text(parse_article(text.encode(), "t.txt"), store, date=date)
    return [r for r in rep.results if measure is None or r.claim.measure == measure]


@pytest.mark.parametrize(
    "text",
    [
        "The benchmark S&P 500 index finished with a gain of 16.3% for the year, or a total return of about 18.4%, including dividends.",
        "The S&P 500 finished 2020 up 16.3%, or 18.3% including dividends.",
    ],
)  # fmt: skip
def test_a_total_return_named_before_its_figure_is_not_the_price_change(claims_store, text):
    """"or a total return of about 18.4%": the figure is a total return (SPY's adjusted close as
    the proxy), never the index's price change (16.26%), which would contradict it."""
    got = _results(claims_store, text, "2020-12-31", "change")
    assert all(r.verdict != "contradicted" for r in got), [r.evidence for r in got]
    tr = [r for r in got if r.claim.stated_value in (18.4, 18.3)]
    assert all(r.claim.subject.series == ("spy_tr",) for r in tr), [r.claim for r in tr]
