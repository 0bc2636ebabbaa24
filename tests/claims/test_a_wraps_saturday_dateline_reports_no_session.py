""" "10:3730/01/2021, Saturday" under a wrap's headline: a weekend day among the opening's words
is no session the article reports, so it does not date the figures (a Friday's close was read on
the Saturday and contradicted by the calendar; issue 8, round 83)."""

from __future__ import annotations

from claim_results import results, shown

# 2021-01-29 (Friday): S&P 500 3,714.24, -1.93%


def test_a_saturday_in_the_opening_pins_nothing(claims_store):
    text = (
        "US stocks down 2% with new COVID-19 variant risks\n\nNews Service\n10:3730/01/2021, "
        "Saturday\n\nUS stocks closed lower to end the last trading day of January.\n"
        "The Dow Jones fell 620 points, or 2%, to 29,982, while the SP 500 declined 73, or 1.9%, "
        "to end at 3,714."
    )
    rs = [r for r in results(claims_store, text, "2021-01-30") if "3,714" in r.claim.quote]
    assert rs and {r.verdict for r in rs} == {"supported"}, shown(rs)
    assert not [r for r in results(claims_store, text, "2021-01-30") if r.verdict == "contradicted"]
