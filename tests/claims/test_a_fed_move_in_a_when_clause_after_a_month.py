""" "since July 2023, when the central bank last hiked interest rates by 25 basis points": a month
before "when" dates the Fed decision the clause tells of (read as the article's own decision, a
50 bp cut, and contradicted; issue 8, round 83)."""

from __future__ import annotations

from claim_results import results, shown

# 2023-07-26: +25 bp; 2024-09-18: -50 bp


def test_the_months_decision(claims_store):
    text = (
        "The Fed cut rates by 50 basis points on Wednesday. Borrowing costs had been parked at "
        "their highest levels in over two decades since July 2023, when the central bank last "
        "hiked interest rates by 25 basis points to between 5.25% and 5.50%."
    )
    rs = [r for r in results(claims_store, text, "2024-09-18") if r.claim.rule == "fed"]
    assert [r.verdict for r in rs] == ["supported"] * len(rs) and len(rs) >= 2, shown(rs)
    assert any("2023-07-26" in r.evidence for r in rs), shown(rs)
