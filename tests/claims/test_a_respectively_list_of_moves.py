""" "The Technology Select Sector SPDR (XLK), the Financials Select Sector SPDR (XLF) and the
Industrials Select Sector SPDR (XLI) advanced 1.3%, 1.1% and 0.9%, respectively": every figure of
a list that "respectively" closes takes the verb that leads the first (only the first was read as
a move; Zacks' daily template; issue 8, round 83)."""

from __future__ import annotations

from claim_results import results, shown

# 2025-07-03: XLK +1.32%, XLF +1.08%, XLI +0.85%


def test_each_figure_of_the_list_is_a_move(claims_store):
    text = (
        "The Technology Select Sector SPDR (XLK), the Financials Select Sector SPDR (XLF) and the "
        "Industrials Select Sector SPDR (XLI) advanced 1.3%, 1.1% and 0.9%, respectively."
    )
    rs = results(claims_store, text, "2025-07-03", "change")
    assert [(r.claim.subject.key, r.verdict) for r in rs] == [
        ("xlk", "supported"), ("xlf", "supported"), ("xli", "supported")], shown(rs)  # fmt: skip


def test_a_wrong_figure_of_the_list_is_not_supported(claims_store):
    # no period words: a session's move only assumed, so a misfit is not contradicted either
    text = (
        "The Technology Select Sector SPDR (XLK), the Financials Select Sector SPDR (XLF) and the "
        "Industrials Select Sector SPDR (XLI) advanced 1.3%, 2.1% and 0.9%, respectively."
    )
    rs = results(claims_store, text, "2025-07-03", "change")
    assert [r.verdict for r in rs] == ["supported", "unverifiable", "supported"], shown(rs)
