""" "The nine-day CBOE Short-Term Volatility Index (:VXST) soared 48.18 percent", "the oil
volatility index", "the Nasdaq Volatility Index (VXN)": another of Cboe's volatility indexes, named
by a qualifier right before the name or by its ticker in brackets after it, is not the VIX (the
store holds none of them); "falling oil prices push VIX" is still the VIX (issue 8, round 80)."""

from __future__ import annotations

import pytest
from claim_results import results, shown

DAY = "2014-10-09"  # the VIX closed at 18.76 (+24.16%)


@pytest.mark.parametrize(
    "text",
    [
        "The nine-day CBOE Short-Term Volatility Index (:VXST) soared 48.18 percent to 21.62.",
        "The nine-day CBOE Short-Term Volatility Index soared 48.18 percent to 21.62.",
        "The Nasdaq Volatility Index (VXN) rose 10% to 30.1.",
        "The oil volatility index was up almost 2% to 36.23.",
    ],
)
def test_another_volatility_index_is_no_vix(claims_store, text):
    rs = [r for r in results(claims_store, text, DAY) if r.claim.measure in ("change", "close")]
    assert rs and all(r.claim.subject is None for r in rs), shown(rs)
    assert all(r.verdict == "unverifiable" for r in rs), shown(rs)


def test_the_vix_with_its_own_ticker_is_the_vix(claims_store):
    rs = results(
        claims_store, "The CBOE Volatility Index (VIX) soared 24% to 18.76.", DAY, "change"
    )
    assert [r.verdict for r in rs] == ["supported"], shown(rs)
    rs = results(
        claims_store, "Falling oil prices pushed the VIX up 24% on Thursday.", DAY, "change"
    )
    assert rs and rs[0].claim.subject is not None and rs[0].claim.subject.key == "vix", shown(rs)
