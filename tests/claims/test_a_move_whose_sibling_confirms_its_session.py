""" "S&P 500 — gained 57.48 points (+1.1%) to 5,696.21": no period words, so the session is only
assumed for each move (support-only); but the percent in the same words fits the session, so the
data confirm the session for the points, which are then judged as the session's (contradicted:
+72.31). A figure no session can make ("lower at roughly 6,918 points") confirms nothing
(issue 8, round 80)."""

from __future__ import annotations

from claim_results import results, shown

DAY = "2025-08-12"  # S&P 500: 6,373.45 -> 6,445.76 (+72.31, +1.13%)


def test_a_fitting_percent_confirms_the_session_for_the_points(claims_store):
    rs = results(
        claims_store,
        "- S&P 500 — gained 57.48 points (+1.1%) to 6,445.76, a new record close.",
        DAY,
    )
    got = {r.claim.measure: r.verdict for r in rs if r.claim.measure in ("change", "points_change")}
    assert got == {"change": "supported", "points_change": "contradicted"}, shown(rs)


def test_a_percent_that_fits_nothing_confirms_nothing(claims_store):
    rs = results(
        claims_store,
        "- S&P 500 — gained 57.48 points (+3.1%) to 6,445.76, a new record close.",
        DAY,
    )
    got = [r for r in rs if r.claim.measure == "points_change"]
    assert got and got[0].verdict == "unverifiable", shown(rs)
