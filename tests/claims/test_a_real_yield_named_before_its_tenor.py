""" "the real rate of return (yield minus inflation) on the 10-year T-note stood at -5.5%": a
qualifier of the noun a tenor's name hangs from ("on the 10-year") makes it another series than
the nominal yield (issue 8, round 83)."""

from __future__ import annotations

from claim_results import results, shown


def test_a_real_rate_on_the_tenor_is_not_its_yield(claims_store):
    text = ("The real rate of return (yield minus inflation) on the 10-year T-note stood at -5.5% "
            "on 6/29/22.")  # fmt: skip
    rs = results(claims_store, text, "2022-06-30")
    assert not [r for r in rs if r.claim.subject and r.claim.subject.key == "ust10y"], shown(rs)


def test_the_yield_on_the_tenor_is_still_its_yield(claims_store):
    rs = results(
        claims_store, "The yield on the 10-year T-note stood at 3.10% on 6/29/22.", "2022-06-30"
    )
    assert [(r.claim.subject.key, r.verdict) for r in rs] == [("ust10y", "supported")], shown(rs)
