""" "The S&P 500 peaked at 6,144 on February 19", "the VIX hit 19.80 on Thursday": a level a
subject peaked at (hit, touched) on a day named right after it is read as that day's close,
loosely: the close supports it, a level the close does not fit may be the session's high, so it
is never contradicted. Without a day right after the level nothing is read.

Closes by hand: S&P 500 2025-02-19 6,144.15; VIX 2025-03-20 19.80.
"""

from __future__ import annotations

import pytest
from claim_results import results

DAY = "2025-03-20"  # a Thursday


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 peaked at 6,144 on February 19.",
        "The S&P 500 hit 6,144.15 on Feb. 19 before its slide.",
        "The fear gauge hit 19.80 on Thursday.",
    ],
)
def test_a_peak_on_a_named_day_is_that_days_close(claims_store, text):
    got = results(claims_store, text, DAY, "close")
    assert len(got) == 1, [(r.claim.quote, r.verdict) for r in got]
    assert got[0].verdict == "supported", got[0].evidence


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 peaked at 6,300 on February 19.",
        "The fear gauge hit 24.5 on Thursday.",
    ],
)
def test_a_peak_the_close_does_not_fit_is_never_contradicted(claims_store, text):
    got = results(claims_store, text, DAY, "close")
    assert len(got) == 1, [(r.claim.quote, r.verdict) for r in got]
    assert got[0].verdict == "unverifiable", got[0].evidence


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 peaked at 6,144 in February.",
        "The S&P 500 peaked at 6,144 after the Fed spoke.",
    ],
)
def test_a_peak_without_a_named_day_reads_nothing(claims_store, text):
    assert results(claims_store, text, DAY, "close") == []
