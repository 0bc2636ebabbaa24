"""A chart's axis labels ("June 28" over "July 1" over "July 2" over "5,440") are dated lines that
head no line of text: only a dated line followed by text heads a recap's figures (a page's chart
widget dated the story's "rose 2.1 percent" to July 1; issue 8, round 83)."""

from __future__ import annotations

from claim_results import results, shown

CHART = "S&P 500\n\nJune 28\nJuly 1\nJuly 2\n5,440\n5,460\n5,480\n\nSource: FactSet\n\n"


def test_axis_labels_do_not_date_the_story(claims_store):
    text = (
        CHART + "Stocks rallied on Thursday. The S&P 500 rose 2.1 percent, its best day in a year."
    )
    rs = results(claims_store, text, "2024-02-22", "change")
    assert rs[0].claim.date is not None and rs[0].claim.date.isoformat() == "2024-02-22", shown(rs)
    assert rs[0].verdict == "supported", shown(rs)  # +2.11% on 2024-02-22


def test_a_recaps_dated_lines_still_head_their_figures(claims_store):
    text = (
        "August 18, 2025 (Monday)\nThe S&P 500 slipped 0.01% to 6,449.15.\n\n"
        "August 19, 2025 (Tuesday)\nThe S&P 500 fell 0.59% to 6,411.37.\n"
    )
    rs = results(claims_store, text, "2025-08-22", "change")
    days = sorted(r.claim.date.isoformat() for r in rs if r.claim.date is not None)
    assert days == ["2025-08-18", "2025-08-19"], shown(rs)
