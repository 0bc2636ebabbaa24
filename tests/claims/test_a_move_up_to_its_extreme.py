""" "The S&P fell up to 19% in April": "up to" right after a move's verb is the move at its
extreme, as "as much as" is, and its "up" is no direction (read before as a rise of 19% over the
year the next clause closes out; issue 8, round 83)."""

from __future__ import annotations

import pytest
from claim_results import results, shown

# 2025: S&P 500 record close 6,144.15 on 2025-02-19, low close 4,982.77 on 2025-04-08 (-18.90%);
# April's close-to-close change -0.76%; the year +16.39%


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 fell up to 19% in April amid tariff announcements.",
        "The S&P 500 fell up to 19% in April but ended the year with a 16% advance.",
        "The S&P 500 fell as much as 19% in April.",
    ],
)
def test_a_fall_up_to_a_figure_is_its_extreme(claims_store, text):
    rs = results(claims_store, text, "2026-01-05", "change")
    first = rs[0]
    assert first.verdict == "supported", shown(rs)
    assert first.claim.direction == -1 and first.claim.stated_value == -19, shown(rs)
    assert "extreme in April" in first.evidence, shown(rs)


def test_a_far_off_extreme_is_never_contradicted_by_closes(claims_store):
    rs = results(claims_store, "The S&P 500 fell up to 30% in April.", "2026-01-05", "change")
    assert [r.verdict for r in rs] == ["unverifiable"], shown(rs)


@pytest.mark.parametrize(
    "text",
    [
        "Yields climbed, with the 10-year up to 4.5% by Friday.",
        "The VIX spiked up to 18% intraday on Wednesday.",
    ],
)
def test_up_to_without_a_move_verb_or_on_a_rate_is_no_extreme(claims_store, text):
    rs = results(claims_store, text, "2026-01-16")
    assert not [r for r in rs if r.claim.hedge == "up to" and r.claim.measure == "change"], shown(
        rs
    )
    assert "contradicted" not in [r.verdict for r in rs], shown(rs)
