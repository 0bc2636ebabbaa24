""" "This past Monday, the VIX had a one day gain of 11.03% from $9.97 to $11.0" at the very end
of a stored excerpt: a text that stops on a digit inside a claim's words, with no closing
punctuation, may have lost the figure's last digits; the claim is not contradicted. With a full
stop it is (issue 8, round 81)."""

from __future__ import annotations

from claim_results import results, shown

DAY = "2017-10-27"  # the VIX: 9.97 on 2017-10-20, 11.07 on 2017-10-23

TEXT = "This past Monday, the VIX had a one day gain of 11.03% from 9.97 to 11.0"


def test_a_figure_the_text_stops_on_is_not_contradicted(claims_store):
    rs = [r for r in results(claims_store, TEXT, DAY) if r.claim.quote.endswith("11.0")]
    assert rs and all(r.verdict == "unverifiable" for r in rs), shown(rs)
    assert any("stops right after its figure" in r.evidence for r in rs), shown(rs)


def test_the_same_words_with_a_full_stop_are_judged(claims_store):
    rs = [r for r in results(claims_store, TEXT + ".", DAY) if r.claim.quote.endswith("11.0")]
    assert any(r.verdict == "contradicted" for r in rs), shown(rs)
