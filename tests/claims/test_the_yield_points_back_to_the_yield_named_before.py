""" "The 10-year Treasury yield fell to 3.64%. Month-to-date the yield is down 0.28 percentage
point": "the yield" points back to the yield named last (within its sentence and the four before,
else the article's only yield), support-only like every back-reference; "the yield curve", "the
yield on ..." point back to nothing (issue 8, round 81)."""

from __future__ import annotations

from claim_results import results, shown

DAY = "2023-03-14"  # the 10-year closed at 3.64%, 3.92% on 2023-02-28

NAMED = "The 10-year Treasury yield fell to 3.64% on Tuesday. "


def test_the_yield_is_the_yield_named_before(claims_store):
    rs = results(
        claims_store, NAMED + "Month-to-date the yield is down 0.28 percentage point.", DAY
    )
    rs = [r for r in rs if "Month-to-date" in r.claim.quote]
    assert [r.verdict for r in rs] == ["supported"], shown(rs)
    assert rs[0].claim.subject is not None and rs[0].claim.subject.key == "ust10y", shown(rs)


def test_a_back_reference_to_a_yield_supports_only(claims_store):
    rs = results(claims_store, NAMED + "Month-to-date the yield is up 0.50 percentage point.", DAY)
    rs = [r for r in rs if "Month-to-date" in r.claim.quote]
    assert rs and rs[0].claim.subject is not None and rs[0].claim.subject.key == "ust10y", shown(rs)
    assert [r.verdict for r in rs] == ["unverifiable"], shown(rs)


def test_the_last_yield_named_is_the_one(claims_store):
    text = (
        "The 2-year Treasury yield rose on Tuesday, while the 10-year Treasury yield fell to "
        "3.64%. The yield is down 0.28 percentage point month to date."
    )
    rs = [r for r in results(claims_store, text, DAY) if "The yield" in r.claim.quote]
    assert rs and all(r.claim.subject is not None for r in rs), shown(rs)
    assert {r.claim.subject.key for r in rs} == {"ust10y"}, shown(rs)


def test_the_yield_curve_is_no_back_reference(claims_store):
    text = NAMED + "The yield curve is inverted by 0.6 percentage point."
    rs = [r for r in results(claims_store, text, DAY) if "curve" in r.claim.quote]
    assert rs and all(r.claim.subject is None or r.claim.subject.key != "ust10y" for r in rs), (
        shown(rs)
    )


def test_no_yield_named_before_binds_nothing(claims_store):
    rs = results(claims_store, "Month-to-date the yield is down 0.28 percentage point.", DAY)
    assert rs and all(r.claim.subject is None for r in rs), shown(rs)
    assert all(r.verdict == "unverifiable" for r in rs), shown(rs)
