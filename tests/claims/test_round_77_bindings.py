"""Round 77's binding classes: a day whose weekday is wrong, a level moved from, a guessed
article date read on both of its sessions."""

from __future__ import annotations

import pytest
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


def test_a_yearless_day_placed_by_of_last_year_is_in_that_year(claims_store):
    """ "On December 18 of last year" in a story of 2025-12-18 is 2024-12-18 (VIX +74% to 27.62)."""
    rs = results(
        claims_store,
        "On December 18 of last year, the VIX experienced its second-largest percentage jump in "
        "history, surging 74% to close at 27.62.",
        "2025-12-18",
    )
    got = [r for r in rs if r.claim.measure in ("change", "close")]
    assert got and all(r.verdict == "supported" for r in got), shown(rs)


def test_of_a_year_dates_the_text_layer_mention():
    import datetime as dt

    from thesis.text.dates import find_dates

    got = find_dates("In March of last year the index fell.", dt.date(2025, 12, 18))
    assert [(d.text, d.first) for d in got] == [("March of last year", dt.date(2024, 3, 1))]


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # the 10-year yield: 4.59% on 2023-09-29, 3.88% on 2023-12-29 (−71 bp); the S&P 500 +11.24%
        ("The 10-year yield is 69.2 bps lower than the end of the third quarter.", "supported"),
        (
            "The 10-year yield has fallen 69 basis points since the end of the third quarter.",
            "supported",
        ),
        ("The S&P 500 is 11% higher than the end of the third quarter.", "supported"),
        ("The S&P 500 is up 11% since the end of September.", "supported"),
        ("The S&P 500 is up 15% since the end of September.", "contradicted"),
    ],
)
def test_the_end_of_a_period_is_its_last_close(claims_store, text, verdict):
    rs = results(claims_store, text, "2023-12-29")
    got = [r for r in rs if r.claim.measure in ("change", "yield_change")]
    assert got and got[0].verdict == verdict, shown(rs)


def test_a_move_either_way_is_a_threshold_not_a_move(claims_store):
    rs = results(
        claims_store,
        "The S&P 500 rose or fell by at least 1% on twice as many days in 2020 as in 2019.",
        "2020-12-31",
    )
    got = [r for r in rs if r.claim.measure == "change"]
    assert got and all(r.verdict == "unverifiable" for r in got), shown(rs)
    assert "count" in got[0].claim.qualifiers


def test_a_fridays_last_week_may_be_the_week_just_ended(claims_store):
    """A weekly recap dated Friday 2023-05-19: +1.65% that week, −0.29% the week before."""
    rs = results(claims_store, "The S&P 500 index rose 1.6% last week.", "2023-05-19")
    got = [r for r in rs if r.claim.measure == "change"]
    assert got and got[0].verdict == "supported", shown(rs)
    rs = results(claims_store, "The S&P 500 index rose 4% last week.", "2023-05-19")
    got = [r for r in rs if r.claim.measure == "change"]
    assert got and got[0].verdict == "contradicted", shown(rs)


def test_a_win_streak_is_a_run_of_gains(claims_store):
    rs = results(
        claims_store, "The S&P 500 had its 4-day win streak snapped on Friday.", "2025-01-24"
    )
    assert not [r for r in rs if r.verdict == "contradicted"], shown(rs)


def test_a_week_that_ends_on_a_holiday_thursday_is_over(claims_store):
    """Good Friday 2023-04-07: the week to Thursday broke a run of three weekly gains."""
    text = "The S&P 500 lost 0.1% for the week ended Thursday, breaking a {n}-week win streak."
    rs = results(claims_store, text.format(n=3), "2023-04-08")
    got = [r for r in rs if r.claim.measure == "streak"]
    assert got and got[0].verdict == "supported", shown(rs)
    rs = results(claims_store, text.format(n=5), "2023-04-08")
    got = [r for r in rs if r.claim.measure == "streak"]
    assert got and got[0].verdict == "contradicted", shown(rs)


@pytest.mark.parametrize(
    ("text", "date", "verdict"),
    [
        # the VIX's session high on 2020-03-18 was 85.47 (close 76.45); on 2020-03-16 83.56
        ("The VIX peaked on March 18 at 85.47.", "2020-03-20", "supported"),
        ("The VIX topped out at 83.56 on Monday.", "2020-03-20", "supported"),
        # a peak above the session's high: never contradicted (the day may be misnamed)
        ("The VIX peaked on March 18 at 88.47.", "2020-03-20", "unverifiable"),
    ],
)
def test_a_peak_on_a_day_is_read_on_its_high(claims_store, text, date, verdict):
    rs = results(claims_store, text, date)
    got = [r for r in rs if r.claim.rule == "peak_on_day"]
    assert got and got[0].verdict == verdict, shown(rs)


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # 2020-03-23 2,237.40 → 2020-08-18 3,389.78: +51.5%
        ("The S&P 500 closed at 3,389.78, up 52% from its low point on March 23.", "supported"),
        ("The S&P 500 is up 40% from its low of March 23.", "contradicted"),
    ],
)
def test_a_low_named_before_its_day_is_the_base(claims_store, text, verdict):
    rs = results(claims_store, text, "2020-08-18")
    got = [r for r in rs if r.claim.measure == "change"]
    assert got and got[0].verdict == verdict, shown(rs)


def test_a_move_after_a_level_it_is_measured_from_is_not_that_sessions(claims_store):
    """ "IWM at 252.70 versus 252.08 (+0.25%)": 252.08 is the close before (2025-12-23)."""
    rs = results(
        claims_store,
        "Broad ETFs posted incremental gains: IWM at 252.70 versus 252.08 (+0.25%).",
        "2025-12-24",
    )
    assert not [r for r in rs if r.verdict == "contradicted"], shown(rs)


def test_a_non_breaking_hyphen_is_a_hyphen(claims_store):
    text = "The S&P 500 closed at 6,840.20, roughly 1.2% below the 52\u2011week high of 6,920.34."
    rs = results(claims_store, text, "2025-10-31")
    assert not [r for r in rs if r.verdict == "contradicted"], shown(rs)
    assert all(r.claim.quote in text for r in rs)


def test_a_low_priced_series_move_allows_a_cent_on_either_close(claims_store):
    """VIX 16.37 → 15.79 (−3.54%); "fell -3.42% to 15.80" is a cent off on each close."""
    rs = results(claims_store, "The Volatility Index fell -3.42% to 15.80.", "2025-10-27")
    assert not [r for r in rs if r.verdict == "contradicted"], shown(rs)
    rs = results(claims_store, "The Volatility Index fell 4.42% to 15.80.", "2025-10-27")
    assert [r for r in rs if r.verdict == "contradicted"], shown(rs)


def test_a_macro_figure_for_a_later_year_is_a_forecast(claims_store):
    rs = results(
        claims_store,
        "The Fed expects unemployment to fall from the current 4.1% to 3.8% this year, declining "
        "further in 2019 to 3.6%.",
        "2018-03-21",
    )
    assert not [r for r in rs if r.verdict == "contradicted"], shown(rs)


def test_days_counted_from_a_day_another_clause_names(claims_store):
    text = ("After reaching an all-time high on February 19, the S&P 500 declined {n}% in just 33 "
            "days as the coronavirus pandemic drove a dramatic sell-off.")  # fmt: skip
    rs = results(claims_store, text.format(n=34), "2020-08-18")  # 2020-02-19 → 03-23: −33.9%
    got = [r for r in rs if r.claim.measure == "change"]
    assert got and got[0].verdict == "supported", shown(rs)


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # SPY's highest close to 2025-08-22: 645.31; its highest high: 646.50
        ("Friday's rally brought SPY closer to its 52-week high of $646.19.", "supported"),
        ("Friday's rally brought SPY closer to its 52-week high of $656.19.", "contradicted"),
        ("Friday's rally brought SPY closer to its 52-week high of $640.19.", "contradicted"),
    ],
)
def test_an_extreme_not_called_a_close_may_be_the_sessions(claims_store, text, verdict):
    rs = results(claims_store, text, "2025-08-22")
    got = [r for r in rs if r.claim.measure == "extreme"]
    assert got and got[0].verdict == verdict, shown(rs)


def test_a_recap_of_several_days_under_dated_lines(claims_store):
    """Each "August 18, 2025 (Monday)" line heads the lines below it (VIX 14.99, then 15.57)."""
    text = (
        "August 18, 2025 (Monday)\nIndices Breakdown:\nVolatility Analysis: The VIX closed at "
        "14.99, reflecting low anxiety.\nAugust 19, 2025 (Tuesday)\nVolatility Analysis: The VIX "
        "closed at 15.57.\n"
    )
    rs = results(claims_store, text, "2025-08-22")
    got = [r for r in rs if r.claim.measure == "close"]
    assert len(got) == 2 and all(r.verdict == "supported" for r in got), shown(rs)


def test_a_figure_restating_a_hypothetical_clause_shares_its_mood(claims_store):
    rs = results(
        claims_store,
        "The S&P 500 would need to close above 3,248.87 on Dec. 31 in order to beat 2013's 29.6% "
        "advance, or a 1.8% rise from Tuesday's close, according to Dow Jones Market Data.",
        "2019-12-18",
    )
    assert not [r for r in rs if r.verdict == "contradicted"], shown(rs)
