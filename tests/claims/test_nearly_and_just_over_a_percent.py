"""A one-sided hedge on a percent ("nearly 80%", "just over 19%") is supported within the
labelling convention's 1 pp on its side of the figure (half the figure below 2%); it is
contradicted only beyond a quarter of the figure and a margin, so a figure between is close to
the stated one but outside its tolerance: not judged."""

from __future__ import annotations

import pytest
from claim_results import results

from thesis.claims.tolerance import pct_band


@pytest.mark.parametrize(
    ("stated", "comparator", "computed", "verdict"),
    [
        (80.0, "<~", 79.6, True),
        (80.0, "<~", 78.3, None),
        (80.0, "<~", 60.0, None),
        (80.0, "<~", 51.0, False),
        (80.0, "<~", 81.0, None),
        (80.0, "<~", 89.0, False),
        (19.0, ">~", 19.8, True),
        (19.0, ">~", 21.0, None),
        (19.0, ">~", 27.0, False),
        (2.0, "<~", 1.0, True),
        (1.0, "<~", 0.5, True),
        (-2.0, "<~", -1.0, True),
        (-80.0, "<~", -78.0, None),
    ],
)
def test_the_supported_band_is_the_conventions(stated, comparator, computed, verdict):
    assert pct_band(stated, 0, comparator, "nearly").verdict(computed) is verdict


def test_nearly_eighty_for_seventy_eight_is_not_supported(claims_store):
    # sp500 2022-12-15 3,895.75 → 2025-12-15 6,816.51: +74.97%, 2025-12-12: about the same
    got = results(claims_store, "The S&P 500 is up nearly 80% over the past three years.",
                  "2025-12-15", measure="change")  # fmt: skip
    assert [r.verdict for r in got] == ["unverifiable"], [(r.claim.quote, r.evidence) for r in got]


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # 2024-08-05 close 38.57 → 2024-08-13 close 18.12: −53.0%; "approximately 50%" may be
        # rounded to ten: outside its ±1 pp, but not a contradiction
        ("The VIX has plummeted by approximately 50% since August 5.", "unverifiable"),
        ("The VIX has plummeted by approximately 53% since August 5.", "supported"),
        ("The VIX has plummeted by approximately 80% since August 5.", "contradicted"),
    ],
)
def test_a_hedged_round_figure_may_be_rounded_to_its_place(claims_store, text, verdict):
    got = [r for r in results(claims_store, text, "2024-08-13") if r.claim.measure == "change"]
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]
