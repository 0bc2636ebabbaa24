""" "The SandP 500 dropped 85.74 points": a spun or badly encoded copy's spelling of the S&P 500
("SandP 500", "S&amp;P 500") names the index, and its 500 is part of the name, no figure (issue 8,
round 82)."""

from __future__ import annotations

from claim_results import results, shown


def test_a_spun_copys_spelling_of_the_sp500(claims_store):
    # "SandP 500" (a spinner's "S&P"): the index, and its 500 no figure (2022-01-18: -85.74 points)
    text = "To close at 4,577.11, the SandP 500 dropped 85.74 points, or 1.84 percent."
    rs = results(claims_store, text, "2022-01-18")
    assert not [r for r in rs if r.claim.measure == "other"], shown(rs)
    got = [r for r in rs if r.claim.measure in ("change", "points_change")]
    assert [(r.verdict, r.claim.subject.key) for r in got] == [("supported", "sp500")] * 2, shown(
        rs
    )
