""" "The drop left the large-cap benchmark 12% below its record close of 3,386.15": "the large-cap
benchmark" (index, gauge) points back to the S&P 500, as "the broader benchmark" does (its
subject was not stated; issue 8, round 83)."""

from __future__ import annotations

from claim_results import results, shown

# 2020-02-27: S&P 500 2,978.76, -12.03% from the 2020-02-19 record close 3,386.15


def test_the_large_cap_benchmark(claims_store):
    text = ("The S&P 500 fell 4.4%. The drop left the large-cap benchmark 12% below its record "
            "close of 3,386.15 set on Feb. 19.")  # fmt: skip
    rs = results(claims_store, text, "2020-02-27", "distance")
    assert [(r.claim.subject.key, r.verdict) for r in rs] == [("sp500", "supported")], shown(rs)
