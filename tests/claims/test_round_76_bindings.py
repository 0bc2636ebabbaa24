"""Classes added in round 76 (besides a series' average, tests/claims/test_averages.py):

- "The VIX opened at 18.29": a session's opening level, read on the store's opens where it
  holds them (claims/opens.py);
- "fluctuated between a high of 20.31 and a low of 18.05": a session's range, read as its high
  and its low;
- "the VIX closed at 14.4" for 14.43: a level is held to the precision it is written with;
- "to shut at 30.02", "to finish trading at $138.07": a spun story's words for the close.
"""

from __future__ import annotations

import pytest
from claim_results import quoted, results, shown


# 2025-01-10: the VIX opened at 18.29, ranged 18.05 to 20.31 and closed at 19.54
@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("The VIX opened at 18.29, slightly above the previous close.", "supported"),
        ("The VIX opened higher at about 18.3 on Friday.", "supported"),
        ("The VIX opened at 19.6 on Friday.", "contradicted"),
    ],
)
def test_a_session_open_is_read_on_the_stores_opens(claims_store, text, verdict):
    rs = results(claims_store, text, "2025-01-10", "session_open")
    assert rs and rs[0].verdict == verdict, shown(rs)


def test_no_open_is_judged_where_the_store_holds_closes_only(claims_store):
    # the S&P 500's FRED series has no opens; a period's first level is another measure
    rs = results(claims_store, "The S&P 500 opened at 5,820 on Friday.", "2025-01-10")
    got = [r for r in rs if r.claim.measure == "session_open"]
    assert got and got[0].verdict == "unverifiable", shown(rs)
    rs = results(claims_store, "The S&P 500 opened 2025 at 5,900.", "2025-01-10")
    assert not [r for r in rs if r.claim.measure == "session_open"], shown(rs)


def test_a_range_between_a_high_and_a_low_is_the_sessions(claims_store):
    text = "The VIX fluctuated between a high of 20.31 and a low of 18.05 on Friday."
    rs = results(claims_store, text, "2025-01-10", "session_extreme")
    assert [r.verdict for r in rs] == ["supported", "supported"], shown(rs)
    text = "The VIX fluctuated between a high of 22.5 and a low of 18.05 on Friday."
    rs = results(claims_store, text, "2025-01-10", "session_extreme")
    assert [r.verdict for r in rs] == ["contradicted", "supported"], shown(rs)


def test_a_level_is_held_to_the_precision_it_is_written_with(claims_store):
    # 2025-08-28: the VIX closed at 14.43
    rs = results(claims_store, "The VIX closed at 14.4 on Thursday.", "2025-08-28")
    got = quoted(rs, "14.4")
    assert got and got[0].verdict == "supported", shown(rs)
    rs = results(claims_store, "The VIX closed at 14.6 on Thursday.", "2025-08-28")
    got = quoted(rs, "14.6")
    assert got and got[0].verdict == "contradicted", shown(rs)


@pytest.mark.parametrize(
    "text",
    [
        "The VIX jumped 24% to shut at 39.62 on Thursday.",
        "Microsoft shares fell 2.5% to finish trading at $166.27 on Thursday.",
    ],
)
def test_a_spun_storys_words_for_the_close(claims_store, text):
    rs = results(claims_store, text, "2020-03-05", "close")
    assert rs and rs[0].verdict == "supported", shown(rs)


def test_a_close_word_used_as_a_noun_states_no_period_close(claims_store):
    # 2023-09-29: the S&P 500 was up 11.68% in 2023 to date (2022 lost 19.44%)
    text = (
        "At the end of the month the S&P 500 had dropped 4.9% but is still up 11.7% for the year."
    )
    rs = results(claims_store, text, "2023-09-29")
    got = quoted(rs, "11.7%")
    assert got and got[0].verdict == "supported", shown(rs)


def test_the_year_a_close_ends_is_the_one_year_its_sentence_named(claims_store):
    # 2018: +5.62% in January, -6.24% on the year
    text = (
        "A pertinent example occurred in 2018, when the S&P 500 enjoyed a strong start with a 5.6%"
        " gain in January, only to close the year down by 6.2%."
    )
    rs = results(claims_store, text, "2026-02-02")
    got = quoted(rs, "6.2%")
    assert got and got[0].verdict == "supported", shown(rs)


@pytest.mark.parametrize(
    "text",
    [
        # a range's bounds are no move; a figure before a noun of something else is that noun's
        "In about half of those years, the S&P 500's returns in January have fallen somewhere"
        " between 0% and 5%.",
        "The S&P 500's 2025 decline was exacerbated by 125% tariffs on Chinese imports.",
    ],
)
def test_no_move_is_read_from_a_range_or_another_nouns_figure(claims_store, text):
    rs = results(claims_store, text, "2025-04-26")
    assert not [r for r in rs if r.verdict == "contradicted"], shown(rs)
    assert not [r for r in rs if r.claim.measure == "change"], shown(rs)


def test_its_after_a_clause_with_a_subject_of_its_own_is_not_the_name_before(claims_store):
    # 2021-03-22: the VIX's lowest close since February 2020; the S&P 500 was near a record
    text = (
        "Major US stock market indexes closed higher Monday as volatility fell to its lowest level"
        " in over a year."
    )
    rs = results(claims_store, text, "2021-03-22")
    assert not [r for r in rs if r.verdict == "contradicted"], shown(rs)


def test_a_sectors_change_over_months_on_its_fund_allows_drift_and_dividends(claims_store):
    # 2018 to 2018-12-24: XLF's total return -18.6%; the Financials sector's price return -20.1%
    text = "Financials down 26.09% from its January peak (down 20.14% in 2018 so far)."
    rs = results(claims_store, text, "2018-12-24")
    got = quoted(rs, "20.14%")
    assert got and got[0].verdict != "contradicted", shown(rs)


def test_a_weeks_change_of_a_day_inside_it_runs_to_the_weeks_end(claims_store):
    # Alphabet: 2023-10-20 close 135.60 (prior week), 2023-10-24 138.81, 2023-10-27 122.17
    text = "Alphabet's results last Tuesday saw its shares drop almost 10% for the week."
    rs = results(claims_store, text, "2023-10-30")
    got = quoted(rs, "10%")
    assert got and got[0].verdict == "supported", shown(rs)


def test_a_peak_named_by_part_of_a_month_is_that_stretchs_extreme(claims_store):
    # 2023-10-31 close 4,193.80; the late-July peak 4,588.96 (2023-07-31); the record 4,796.56
    rs = results(claims_store, "The S&P 500 is 8.6% below its late July peak.", "2023-10-31")
    got = quoted(rs, "8.6%")
    assert got and got[0].verdict == "supported", shown(rs)
    assert "2023-07-31" in got[0].evidence, shown(rs)


def test_a_story_that_runs_up_to_the_articles_session_dates_the_figure_after_it(claims_store):
    # Saturday 2025-04-26; the 2025-04-25 close 5,525.21 is 10.07% below the February record
    text = (
        "The S&P 500 tumbled to 4,982.77 on April 8 before rallying to 5,525 by April 25. This"
        " partial recovery, however, still leaves the index 7.2% below its February peak."
    )
    rs = results(claims_store, text, "2025-04-26")
    got = quoted(rs, "7.2%")
    assert got and got[0].verdict == "contradicted", shown(rs)
    # a story that stops days before the article's date still only assumes "now"
    text = (
        "The S&P 500 tumbled to 4,982.77 on April 8 before rallying on April 9. This partial"
        " recovery, however, still leaves the index 7.2% below its February peak."
    )
    rs = results(claims_store, text, "2025-04-26")
    got = quoted(rs, "7.2%")
    assert got and got[0].verdict == "unverifiable", shown(rs)


def test_a_month_named_in_a_closing_reports_lead_does_not_make_it_live(claims_store):
    # 2022-12-13: the S&P 500 closed up 0.73%; "in early trade" tells of a moment of a finished
    # session, as the lead's "closed higher Tuesday" says
    text = (
        "U.S. stocks closed higher Tuesday in a choppy session, after a gauge of consumer prices"
        " showed inflation continued to retreat from its June peak. The Dow rose about 105 points,"
        " after initially climbing about 700 points in early trade. The S&P 500 index gained 0.7%."
    )
    rs = results(claims_store, text, "2022-12-13")
    got = quoted(rs, "0.7%")
    assert got and got[0].verdict == "supported", shown(rs)


def test_a_table_header_weekday_far_before_the_article_is_read_with_its_date(claims_store):
    # Monday 2022-03-07: the S&P 500 fell 127.78 points, or 2.95%, to 4,201.09; the
    # Tuesday before (2022-03-01) it closed at 4,306.26
    text = "On Tuesday:\n\nThe S&P 500 fell 127.78 points, or 3%, to 4,201.09.\n"
    rs = results(claims_store, text, "2022-03-07")
    assert rs and all(r.verdict == "supported" for r in quoted(rs, "127.78")), shown(rs)


def test_a_figure_after_a_comparisons_object_is_the_subjects(claims_store):
    # the Nasdaq 100 (no data) gained over 100% from its 2022 low; the S&P 500 about 69%
    text = "The Nasdaq 100 has outperformed the S&P 500, gaining over 100% from the 2022 lows."
    rs = results(claims_store, text, "2024-12-13")
    assert not [r for r in rs if r.verdict == "contradicted"], shown(rs)
    # a relative clause after the comma is the object's
    text = "Nvidia outperformed the S&P 500, which gained 20% in 2024."
    rs = results(claims_store, text, "2024-12-13")
    got = quoted(rs, "20%")
    assert got and got[0].claim.subject.key == "sp500", shown(rs)


@pytest.mark.parametrize(
    "text",
    [
        "These patterns show that market shocks can rapidly push the VIX above 40+ levels.",
        "  • Bearish Scenario: strong growth and Fed rate cuts push VIX below 15.",
    ],
)
def test_what_can_happen_and_a_scenario_are_not_claims_of_fact(claims_store, text):
    rs = results(claims_store, text, "2025-03-07")
    assert rs and all(r.verdict == "unverifiable" for r in rs), shown(rs)


def test_through_a_month_to_a_day_is_a_span(claims_store):
    # 2021-12-31 4,766.18 to 2022-06-30 3,785.38: -20.58%
    text = "The S&P 500 fell 20.6% through January to June 30, 2022."
    rs = results(claims_store, text, "2022-06-30")
    got = quoted(rs, "20.6%")
    assert got and got[0].verdict == "supported", shown(rs)


def test_returned_admits_a_total_return(claims_store):
    # 2025 to 2025-12-26: +17.82% in price, +19.17% with dividends (SPY's adjusted close)
    rs = results(claims_store, "The S&P 500 had returned more than 19% for the year.", "2025-12-26")
    got = quoted(rs, "19%")
    assert got and got[0].verdict == "supported", shown(rs)
    rs = results(claims_store, "The S&P 500 had returned 25% for the year.", "2025-12-26")
    got = quoted(rs, "25%")
    assert got and got[0].verdict == "contradicted", shown(rs)


def test_moves_shorter_than_the_period_they_are_counted_in_are_no_change_of_it(claims_store):
    # August 2019: -1.81% on the month, with one-day falls of 2.98%, 2.93% and 2.59%
    text = "The S&P 500 had three separate one-day declines of over 2.50% in August."
    rs = results(claims_store, text, "2019-09-30")
    assert not [r for r in rs if r.verdict == "contradicted"], shown(rs)


def test_levels_during_market_hours_are_intraday(claims_store):
    text = "The VIX jumped from 17 to 37 during market hours, then over 50 after hours."
    rs = results(claims_store, text, "2018-02-06")
    assert rs and all(r.verdict == "unverifiable" for r in rs), shown(rs)


def test_a_price_quoted_against_another_currency_has_no_direction_of_its_own(claims_store):
    text = "The dollar fell to $1.2738 from $1.2514 against the pound Sterling."
    rs = results(claims_store, text, "2024-06-03")
    assert not [r for r in rs if r.verdict == "contradicted"], shown(rs)


def test_a_whole_period_the_words_do_not_place_is_not_the_session(claims_store):
    # an explainer of 2025 about 2017: "the entire year" is 2017's, not the session's
    rs = results(claims_store, "The S&P barely moved down 1% the entire year.", "2025-10-16")
    got = quoted(rs, "1%")
    assert got and got[0].verdict == "unverifiable" and "entire year" in got[0].evidence, shown(rs)
