"""The S&P 500's sectors (round 5): a sector named ("Energy rose 1.37 percent", "the Utilities
Sector fell 0.77%") is read on its Select Sector SPDR ETF as a proxy (to a tenth of a point, never
contradicted); the capped technology, communication services and materials ETFs are no proxy; and
how many of the eleven sectors rose or fell ("Eight of the 11 primary S&P 500 sectors ended in
red") is the count of the ETFs that moved that way, a move within 0.1 pp of zero either way.

Moves by hand from sector_etf_daily_adjclose.csv: 2022-05-11 XLE +1.34%, XLU +0.72%, XLB +0.05%,
XLRE -0.14% ... XLY -3.59% (eight down, XLB flat); 2024-02-22 XLU -0.77%; 2025-08-22 ten up from
XLU +0.54% to XLY +3.04%, XLP 0.00%; 2024-12-31 -> 2025-06-30 nine up, XLV -2.02%, XLY -2.65%.
"""

from __future__ import annotations

import pytest
from claim_results import results

from thesis.claims import check_text, parse_article


def _results(store, text: str, date: str, measure: str):
    return results(store, text, date, measure)


@pytest.mark.parametrize(
    ("date", "text", "series", "verdict"),
    [
        ("2022-05-11", "Energy rose 1.37 percent, the best-performing group.", "xle", "supported"),
        ("2024-02-22", "On the downside, the Utilities Sector fell 0.77%.", "xlu", "supported"),
        # the ETF moved 1.34%: a proxy never contradicts
        (
            "2022-05-11",
            "Energy rose 2.5 percent, the best-performing group.",
            "xle",
            "unverifiable",
        ),
        # XLK is capped: no proxy for the technology sector
        ("2022-05-11", "Technology stocks fell 3.15 percent.", None, "unverifiable"),
    ],
)
def test_a_sector_is_read_on_its_etf(claims_store, date, text, series, verdict):
    (r,) = _results(claims_store, text, date, "change")
    assert r.verdict == verdict, r.evidence
    assert r.claim.subject is not None and r.claim.subject.kind == "sector"
    assert (r.claim.subject.series[:1] or (None,))[0] == series


def test_respectively_pairs_sectors_with_their_figures(claims_store):
    text = (
        "Eight of the 11 primary S&P 500 sectors ended in red, with consumer discretionary and "
        "technology down 3.57 percent and 3.3 percent, respectively."
    )
    moves = _results(claims_store, text, "2022-05-11", "change")
    by_value = {r.claim.stated_value: r for r in moves}
    assert by_value[-3.57].claim.subject.series == ("xly",)
    assert by_value[-3.57].verdict == "supported", by_value[-3.57].evidence
    assert by_value[-3.3].verdict == "unverifiable"  # technology: no proxy


def test_food_and_energy_is_not_the_energy_sector(claims_store):
    text = "Core CPI, which excludes food and energy, rose 0.3% in January."
    rep = check_text(parse_article(text.encode(), "t.txt"), claims_store, date="2024-02-22")
    assert all(r.claim.subject is None or r.claim.subject.kind != "sector" for r in rep.results)


@pytest.mark.parametrize(
    ("date", "text", "verdict"),
    [
        ("2022-05-11", "Eight of the 11 primary S&P 500 sectors ended in red.", "supported"),
        (
            "2022-05-11",
            "Three of the 11 S&P 500 sectors ended in red on Wednesday.",
            "contradicted",
        ),
        ("2025-08-22", "All but one of the S&P 500’s 11 sectors advanced.", "supported"),
        # one off the ETFs' count (8 to 9 down): an ETF may part from its sector index
        ("2022-05-11", "Ten of the 11 S&P 500 sectors ended in red on Wednesday.", "unverifiable"),
        ("2025-06-30", "Nine of 11 large-cap sectors are positive YTD.", "supported"),
        (
            "2021-05-12",
            "Energy was the only one of the 11 industry sectors to finish in the green.",
            "supported",
        ),
    ],
)
def test_how_many_sectors_moved(claims_store, date, text, verdict):
    (r,) = _results(claims_store, text, date, "sector_count")
    assert r.verdict == verdict, r.evidence


def test_a_sector_count_without_period_words_or_closing_verb_is_not_contradicted(claims_store):
    (r,) = _results(
        claims_store, "Three of the 11 S&P 500 sectors are lower.", "2022-05-11", "sector_count"
    )
    assert r.verdict == "unverifiable", r.evidence
