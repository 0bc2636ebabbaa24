""" "Prices for the benchmark 10-year U.S. Treasury fell sharply, raising yields to 2.53% from
Thursday's 2.55%": "yields" right before a level in a sentence that names one tenor are that
tenor's (support only), the note's price is no move of its yield, and the verb that pushes the
yields one way is checked against the two levels the clause states, the article's own arithmetic
(a machine-written wrap picked "raising" for a fall; issue 8, round 83)."""

from __future__ import annotations

from claim_results import results, shown

# 2019-05-02 10-year 2.55%, 2019-05-03 2.54%; 2024-04-09 4.36%, 2024-04-10 4.55%


def test_the_pushing_verb_against_the_stated_levels(claims_store):
    text = ("Prices for the benchmark 10-year U.S. Treasury fell sharply, raising yields to 2.53% "
            "from Thursday's 2.55%.")  # fmt: skip
    rs = results(claims_store, text, "2019-05-03")
    assert [r.verdict for r in rs if r.claim.measure == "own_direction"] == ["contradicted"], shown(
        rs
    )
    assert [r.verdict for r in rs if r.claim.measure == "yield" and "2.53" in r.claim.quote] == [
        "supported"], shown(rs)  # fmt: skip
    assert not [r for r in rs if r.claim.measure == "direction"], shown(rs)


def test_a_push_the_levels_agree_with(claims_store):
    text = "Prices for the 10-year Treasury dropped sharply, raising yields to 4.5% from Tuesday's 4.36%."
    rs = results(claims_store, text, "2024-04-10")
    assert [r.verdict for r in rs if r.claim.measure == "own_direction"] == ["supported"], shown(rs)


def test_generic_yields_with_two_tenors_are_nobodys(claims_store):
    text = "The 2-year and the 10-year Treasury notes rallied, lowering yields to 4.5%."
    rs = results(claims_store, text, "2024-04-10", "yield")
    assert not rs, shown(rs)
