""" "The yield on the 10-year Treasury note tumbled to 1.48% from 1.54% late Monday" (the AP's
way): the day after a starting level ("from 1.54% late Monday") is that level's, not the day of
the level moved to, which is the day the story speaks of; nor does it make the paragraph a story
of other days for the sentences after it (issue 8, round 81)."""

from __future__ import annotations

from claim_results import results, shown

DAY = "2019-08-27"  # ust10y 1.54% on Monday 2019-08-26, 1.49% on Tuesday 2019-08-27

TEXT = "Stocks fell on Tuesday. The yield on the 10-year Treasury note tumbled to {} from 1.54% late Monday."


def _to_level(claims_store, level: str) -> list:
    rs = results(claims_store, TEXT.format(level), DAY, "yield")
    return [r for r in rs if r.claim.quote.rstrip().endswith(level)]


def test_the_level_moved_to_is_the_storys_day(claims_store):
    rs = _to_level(claims_store, "1.48%")
    assert [r.verdict for r in rs] == ["supported"], shown(rs)
    assert "2019-08-27" in rs[0].evidence, shown(rs)


def test_a_level_moved_to_that_no_candidate_day_fits_is_contradicted(claims_store):
    rs = _to_level(claims_store, "0.98%")
    assert [r.verdict for r in rs] == ["contradicted"], shown(rs)


def test_the_starting_level_is_its_days(claims_store):
    rs = results(claims_store, TEXT.format("1.48%"), DAY, "yield")
    rs = [r for r in rs if "from 1.5" in r.claim.quote]
    assert rs and all(r.verdict == "supported" and r.claim.date is not None for r in rs), shown(rs)
    assert {str(r.claim.date) for r in rs} == {"2019-08-26"}, shown(rs)


def test_the_next_sentence_is_still_the_storys_day(claims_store):
    text = (
        "The S&P 500 had its biggest gain in two years Wednesday after the Fed's decision.\n\n"
        "Bond yields fell. The yield on the 2-year Treasury dropped to 2.64% from 2.78% late "
        "Tuesday. The yield on the 10-year Treasury fell to 2.93% from 2.96%."
    )
    rs = [r for r in results(claims_store, text, "2022-05-05", "yield") if "2.93" in r.claim.quote]
    assert [r.verdict for r in rs] == ["supported"], shown(rs)
    assert "2022-05-04" in rs[0].evidence, shown(rs)
