"""Round 77's binding classes: a day whose weekday is wrong, a level moved from, a guessed
article date read on both of its sessions."""

from __future__ import annotations

from claim_results import quoted, results, shown


def test_a_figure_on_a_day_whose_stated_weekday_is_wrong_is_not_contradicted(claims_store):
    """ "Friday, June 5, 2024" was a Wednesday: the day or the weekday is wrong, so the move is
    not judged on either; the date itself is contradicted by the calendar."""
    rs = results(
        claims_store,
        "The S&P 500 Index gained 0.5% on Friday, June 5, 2024, closing at 5,567.19.",
        "2024-07-08",
    )
    moves = [r for r in rs if r.claim.measure in ("change", "close")]
    assert moves and all(r.verdict == "unverifiable" for r in moves), shown(rs)
    assert "names a weekday" in moves[0].evidence
    weekday = [r for r in rs if r.claim.measure == "weekday"]
    assert weekday and weekday[0].verdict == "contradicted", shown(rs)


def test_a_figure_on_a_day_with_its_own_weekday_is_still_judged(claims_store):
    rs = results(
        claims_store, "The S&P 500 Index gained 0.5% on Wednesday, June 5, 2024.", "2024-07-08"
    )
    got = [r for r in rs if r.claim.measure == "change"]
    assert got and got[0].verdict == "contradicted", shown(rs)  # +1.18% that day


def test_the_level_a_close_moved_from_is_another_sessions(claims_store):
    """A weekly recap dated the Monday after: "last Friday's" close is the week before's."""
    rs = results(
        claims_store,
        "The S&P 500 ended the week at 4,682.85, down from last Friday's closing level of "
        "4,697.53.",
        "2021-11-15",
    )
    got = quoted(rs, "4,697.53")
    assert got and got[0].verdict == "unverifiable", shown(rs)
    assert "moves from" in got[0].evidence
    assert quoted(rs, "4,682.85")[0].verdict == "supported"


def test_a_level_moved_from_with_no_close_moved_to_is_judged(claims_store):
    rs = results(
        claims_store, "The S&P 500 fell from Friday's closing level of 4,750.00.", "2021-11-15"
    )
    got = [r for r in rs if r.claim.measure == "close"]
    assert got and got[0].verdict == "contradicted", shown(rs)  # 2021-11-12: 4,682.85


def test_a_guessed_article_date_is_read_on_both_of_its_sessions(claims_store):
    """A quarter-to-date move in a paragraph that tells of another day: the article's date is
    a guess, so the session before it is read too (2022-12-21: +8.17%; 2022-12-22: +6.60%)."""
    rs = results(
        claims_store,
        "The S&P 500 could tumble more than 16% from Wednesday's close to 3,250. The Fed has "
        "raised its benchmark interest rate. While rallying 8% in the fourth quarter so far, the "
        "S&P 500 is still on track for a loss in 2022.",
        "2022-12-22",
    )
    got = quoted(rs, "rallying 8%")
    assert got and got[0].verdict == "supported", shown(rs)
