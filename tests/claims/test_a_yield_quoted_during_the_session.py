"""A yield quoted during the session ("The yield on the 10-year Treasury note rose 3 basis points
to 4.23%" in a story written before the close) is supported within the quote's own band of the
close (0.05 pp, under 5 bp for a change), never contradicted, and never when its words make it
the session's extreme (was unverifiable as intraday; issue 8, round 83)."""

from __future__ import annotations

from claim_results import results, shown

# 2024-10-23: 10-year 4.24% close (4.20% the day before); 2019-08-27: 1.49%

LIVE = "Stocks fell in midday trading Wednesday. "


def _ust10y(rs: list) -> list[tuple[str, str]]:
    """(measure, verdict) of the 10-year yield's claims, sorted."""
    return sorted(
        (r.claim.measure, r.verdict)
        for r in rs
        if r.claim.subject and r.claim.subject.key == "ust10y"
    )


def test_a_live_quote_near_the_close_is_supported(claims_store):
    text = LIVE + "The yield on the 10-year Treasury note rose 3 basis points to 4.23%."
    rs = results(claims_store, text, "2024-10-23")
    assert _ust10y(rs) == [("yield", "supported"), ("yield_change", "supported")], shown(rs)


def test_a_live_quote_far_from_the_close_is_not_contradicted(claims_store):
    text = LIVE + "The yield on the 10-year Treasury note rose 20 basis points to 4.45%."
    rs = results(claims_store, text, "2024-10-23")
    assert [r.verdict for r in rs if r.claim.measure in ("yield", "yield_change")] == [
        "unverifiable", "unverifiable"], shown(rs)  # fmt: skip


def test_a_session_extreme_is_not_read_on_the_close(claims_store):
    text = "Treasury yields slid in morning trading Tuesday. The 10-year yield briefly dropped to 1.468%."
    rs = results(claims_store, text, "2019-08-27", "yield")
    assert [r.verdict for r in rs] == ["unverifiable"], shown(rs)


def test_a_t_note_is_the_tenors_treasury(claims_store):
    text = "Today's 10-year T-note yield increased by 6 basis points to 4.06%."
    rs = results(claims_store, text, "2025-09-12")
    assert _ust10y(rs) == [("yield", "supported"), ("yield_change", "supported")], shown(rs)
