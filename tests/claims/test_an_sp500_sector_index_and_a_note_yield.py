""" "The S&P 500 utilities index rose 1.2%": a sector's name between the S&P 500's and "index" is
the sector's index (its SPDR fund the proxy), and the S&P 500 named before it is no subject of
its own; "the two-year note yield", "the 10-year bond yielded" name the tenor's Treasury yield
without "Treasury" (both were unknown subjects; issue 8, round 83)."""

from __future__ import annotations

import pytest
from claim_results import results, shown

# 2023-09-13: XLU +1.20%, S&P 500 +0.12%; 2018-10-05: 2-year 2.88%; 2024-02-23: 10-year 4.26%


def test_the_sp500s_sector_index(claims_store):
    text = "The S&P 500 utilities index rose 1.2% on Wednesday."
    rs = results(claims_store, text, "2023-09-13", "change")
    assert [(r.claim.subject.key, r.verdict) for r in rs] == [("sector_utilities", "supported")], (
        shown(rs)
    )


def test_the_sp500_alone_is_still_itself(claims_store):
    rs = results(claims_store, "The S&P 500 index rose 0.1% on Wednesday.", "2023-09-13", "change")
    assert [(r.claim.subject.key, r.verdict) for r in rs] == [("sp500", "supported")], shown(rs)


@pytest.mark.parametrize(
    ("text", "date", "key"),
    [
        ("The two-year note yield advanced to 2.897 percent.", "2018-10-05", "ust2y"),
        ("The 10-year bond yielded 4.26% on Friday.", "2024-02-23", "ust10y"),
    ],
)
def test_a_tenors_note_or_bond_yield(claims_store, text, date, key):
    rs = results(claims_store, text, date, "yield")
    assert [(r.claim.subject.key, r.verdict) for r in rs] == [(key, "supported")], shown(rs)
