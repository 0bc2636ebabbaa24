""" "The broad index of large-cap stocks fell 0.49% to settle at 4,538.43": the subject is only a
market noun (read as the S&P 500, support-only), but the close stated with the move is the S&P
500's close on the day, so the data confirm the subject and the move is judged as a named one's
(as a record level's record half is, by its level half). A close that fits nothing confirms
nothing (issue 8, round 80)."""

from __future__ import annotations

from claim_results import results, shown

DAY = "2021-12-03"  # S&P 500: 4,577.10 -> 4,538.43 (-0.84%)


def _move(store, text):
    return results(store, text, DAY, "change")


def test_a_fitting_close_confirms_the_subject(claims_store):
    rs = _move(claims_store, "Large-cap stocks fell 0.49% to settle at 4,538.43 on Friday.")
    assert [r.verdict for r in rs] == ["contradicted"], shown(rs)
    rs = _move(claims_store, "Large-cap stocks fell 0.84% to settle at 4,538.43 on Friday.")
    assert [r.verdict for r in rs] == ["supported"], shown(rs)


def test_a_close_that_fits_nothing_confirms_nothing(claims_store):
    rs = _move(claims_store, "Large-cap stocks fell 0.49% to settle at 4,500.12 on Friday.")
    assert [r.verdict for r in rs] == ["unverifiable"], shown(rs)
