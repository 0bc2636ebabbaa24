""" "Microsoft was down 1.85% for the day" after the consolidated closes end (2024-03-08): the IEX
feed's closing prints differ from the consolidated close the article quotes, so its change
supports a stated one within its largest gap to the consolidated feed, up to a quarter point
(`judge.FEED_SUPPORT_MAX`; issue 8, round 82), and contradicts only beyond that gap."""

from __future__ import annotations

import pytest
from claim_results import results, shown

# MSFT on IEX 2024-08-30 415.33 -> 2024-09-03 408.03: -1.76%


@pytest.mark.parametrize(
    ("text", "supported"),
    [
        ("Microsoft (MSFT) was down 1.85% for the day.", True),
        ("Microsoft (MSFT) was down 1.76% for the day.", True),
        ("Microsoft (MSFT) was down 2.2% for the day.", False),
    ],
)
def test_a_stock_move_on_the_iex_feed(claims_store, text, supported):
    rs = results(claims_store, text, "2024-09-03", "change")
    assert rs and (rs[0].verdict == "supported") is supported, shown(rs)
    assert "msft_iex" in rs[0].evidence, shown(rs)
