""" "Over the past six days, the S&P 500 has been winning, rising 0.97% to finish the day at
5,608.25": words right after a move's figure that name the session ("to finish the day", "on the
session", "for the day") are its period, whatever stretch the sentence opened with (issue 8,
round 81)."""

from __future__ import annotations

import pytest
from claim_results import results, shown

DAY = "2024-08-19"  # sp500 5,608.25, +0.97% on the day, +4.94% over the week


@pytest.mark.parametrize(
    "text",
    [
        "Over the past six days, the S&P 500 has been winning, rising 0.97% to finish the day.",
        "The S&P 500 has gained all week, adding 0.97% on the session.",
        "Over the past week, the S&P 500 was up 0.97% for the day.",
    ],
)
def test_the_sessions_move(claims_store, text):
    rs = [r for r in results(claims_store, text, DAY, "change") if "0.97" in r.claim.quote]
    assert [r.verdict for r in rs] == ["supported"], shown(rs)
    assert rs[0].claim.period is not None and rs[0].claim.period.kind == "day", shown(rs)


def test_a_stretch_without_session_words_is_the_stretch(claims_store):
    text = "Over the past six days, the S&P 500 has been winning, rising 0.97%."
    rs = [r for r in results(claims_store, text, DAY, "change") if "0.97" in r.claim.quote]
    assert rs and all(r.verdict != "supported" for r in rs), shown(rs)
