"""Classes added in round 75 (the first sight of heldout136-139):

- "inflation rose 6.3% in 12 months, excluding volatile energy and food prices": a headline
  inflation name whose clause leaves out food and energy is the core measure;
- "the S&P 500's worst one-day loss of 2019: closing down 2.98%": a year after a superlative of
  shorter moves is the ranking's scope, not the period of the figure beside it;
- "Four days later, ... The S&P 500 surged up 1.88% to finish the week down only a modest 0.46%"
  in a review of a month: a week's close in a paragraph that tells of other days is only assumed
  to be the week before the article's date;
- "declined by approximately 3.00% for the week, breaking a six-day winning streak": a streak
  broken in a week's story broke on a session the words do not name;
- "registered 57 record closing highs": a count of records is no record of the day;
- "two consecutive years of 25% or greater gains": a year's gain may be its total return;
- "reached a staggering 60.13, marking its highest closing since 2020": the superlative is the
  stated level's, and a close it makes of a level that was not the close is not supported;
- "Wednesday (July 30)": a weekday with its date in brackets is judged against the calendar;
- "jumped to 38.57 from Friday's close of 23.39", "up from its previous close of 23.73 on
  Friday": a day that dates a base is not the session the opening reports;
- "The 5 year and 10 year ... yielding 1.07% and 1.56%, respectively": figures paired with names
  the checker cannot all see bind none;
- "The information technology area of the S&P 500": a part of an index is not the index;
- "a 0.75% increase, with expectations to hit 6,000": a level in the next clause is no end of
  the move;
- "As of September 2, 2025, the VIX stood at 19.81": a fronted "as of" dates a level;
- "up 24.1% year-over-year" on a daily series: over the trailing year, support-only.
"""

from __future__ import annotations

from claim_results import quoted, results, shown


def test_excluding_food_and_energy_names_the_core_measure(claims_store):
    # October 2022: CPI 7.75% over a year, core CPI 6.30%
    for text in (
        "Overall October's numbers show that inflation rose 6.3% in 12 months, excluding volatile"
        " energy and food prices.",
        "Consumer prices excluding food and energy rose 6.3% from a year earlier.",
    ):
        rs = results(claims_store, text, "2022-11-10")
        got = quoted(rs, "6.3%")
        assert got and got[0].verdict == "supported", shown(rs)
        assert got[0].claim.subject.key == "core_cpi", shown(rs)
    # another clause's figure: the headline name keeps its own
    rs = results(
        claims_store,
        "The CPI rose 7.7% in October from a year earlier, while prices excluding food and energy"
        " rose 6.3%.",
        "2022-11-10",
    )
    got = quoted(rs, "7.7%")
    assert got and got[0].verdict == "supported" and got[0].claim.subject.key == "cpi", shown(rs)


def test_a_year_that_scopes_a_superlative_of_shorter_moves_is_no_period_of_a_figure(
    claims_store,
):
    # 2019-08-05: -2.98% on the day, +13.48% on the year
    text = "Speculation led to the S&P 500's worst one-day loss of 2019: closing down 2.98%."
    rs = results(claims_store, text, "2019-08-05")
    got = quoted(rs, "2.98%")
    assert got and got[0].verdict == "supported", shown(rs)
    assert got[0].claim.period is None or got[0].claim.period.kind == "day", shown(rs)
    # a year the figure is over still is its period
    rs = results(claims_store, "The S&P 500 rose 13.5% in 2019 so far.", "2019-08-05")
    got = quoted(rs, "13.5%")
    assert got and got[0].verdict == "supported", shown(rs)


def test_a_weeks_close_in_a_paragraph_of_other_days_is_only_assumed(claims_store):
    # the week to 2019-08-09: -0.46%; the week to 2019-08-30 (before the article's date): +2.79%
    text = (
        "On August 5th it seemed the sky was falling. The S&P 500 closed down 2.98%. But these"
        " worries turned out to be short-lived. Four days later, the Chinese government"
        " backpedaled. The S&P 500 surged up 1.88% to finish the week down only a modest 0.46%."
    )
    rs = results(claims_store, text, "2019-09-03")
    got = quoted(rs, "0.46%")
    assert got and all(r.verdict == "unverifiable" for r in got), shown(rs)
    assert "tells of other days" in got[0].evidence, shown(rs)
    # a weekly wrap: the week just ended is the week, and may contradict
    rs = results(claims_store, "The S&P 500 finished the week down 0.46%.", "2019-08-30")
    got = quoted(rs, "0.46%")
    assert got and got[0].verdict == "contradicted", shown(rs)


def test_a_streak_broken_in_a_weeks_story_broke_on_an_unnamed_session(claims_store):
    # up 2025-05-12..19, down 2025-05-20 (the article is of Friday 2025-05-23)
    text = (
        "The S&P 500 declined by approximately 3.00% for the week, breaking a six-day winning"
        " streak."
    )
    rs = results(claims_store, text, "2025-05-23")
    got = quoted(rs, "six-day winning streak")
    assert got and got[0].verdict == "unverifiable", shown(rs)
    # without the week, the streak is the day's and may contradict
    rs = results(
        claims_store, "The S&P 500 fell on Friday, breaking a six-day winning streak.", "2025-05-23"
    )
    got = quoted(rs, "six-day winning streak")
    assert got and got[0].verdict == "contradicted", shown(rs)


def test_a_superlative_of_closes_at_a_level_that_was_not_the_close(claims_store):
    # the VIX closed at 46.98 on 2025-04-07 (its session high: 60.13)
    text = "On April 7, 2025, the VIX reached a staggering 60.13, marking its highest closing since 2020."
    rs = results(claims_store, text, "2025-04-10")
    got = quoted(rs, "highest closing since 2020")
    assert got and got[0].verdict == "unverifiable", shown(rs)
    assert "makes 60.13 its close" in got[0].evidence, shown(rs)
    # the close stated: supported
    text = "On April 7, 2025, the VIX closed at 46.98, marking its highest closing since 2020."
    rs = results(claims_store, text, "2025-04-10")
    got = quoted(rs, "highest closing since 2020")
    assert got and got[0].verdict == "supported", shown(rs)


def test_a_count_of_records_is_no_record_of_the_day(claims_store):
    # 57 record closes in 2024, the last on 2024-12-06; 2024-12-31 was no record
    text = (
        "For the entire year, the S&P 500 registered 57 record closing highs, or an average of"
        " about once per week."
    )
    rs = results(claims_store, text, "2024-12-31")
    assert not [r for r in rs if r.verdict == "contradicted"], shown(rs)
    assert any(r.claim.measure == "record_count" and r.verdict == "supported" for r in rs), shown(
        rs
    )


def test_years_of_gains_may_be_total_returns(claims_store):
    # 2023 +24.23%, 2024 +23.31% in price; about +26% and +25% with dividends
    text = "The S&P 500 posted two consecutive years of 25% or greater gains."
    rs = results(claims_store, text, "2024-12-31")
    got = quoted(rs, "25% or greater")
    assert got and got[0].verdict == "unverifiable", shown(rs)
    # beyond what dividends explain: contradicted
    text = "The S&P 500 posted two consecutive years of 30% or greater gains."
    rs = results(claims_store, text, "2024-12-31")
    got = quoted(rs, "30% or greater")
    assert got and got[0].verdict == "contradicted", shown(rs)


def test_a_macro_extreme_whose_figure_fits_no_latest_month_is_of_an_earlier_one(claims_store):
    # CPI: 9.06% over a year in June 2022, the highest since 1981; 7.1% in November 2022
    text = (
        "Inflation, which briefly rose above 9% in the US – a 40-year high – hurt economic"
        " growth, even as consumers continued to spend."
    )
    rs = results(claims_store, text, "2022-12-30")
    got = quoted(rs, "40-year high")
    assert got and got[0].verdict == "supported", shown(rs)
    assert "2022-06" in got[0].evidence, shown(rs)
    # with no figure, the latest release is read (an episode within the year: not judged)
    rs = results(claims_store, "Inflation is at a 40-year high.", "2022-12-30")
    assert not [r for r in rs if r.verdict == "contradicted"], shown(rs)


def test_a_base_the_figure_moved_from_is_not_the_extremes_figure(claims_store):
    # CPI over a year: December 2024 2.89%, January 2025 3.00% (the highest since May 2024)
    text = (
        "The Commerce Department said its headline Consumer Price Index for January was pegged at"
        " an annual rate of 3%, accelerating from the 2.9% pace recorded in December and the"
        " fastest level since May."
    )
    rs = results(claims_store, text, "2025-02-12")
    got = quoted(rs, "fastest level since May")
    assert got and got[0].verdict == "supported", shown(rs)
    assert "2025-01" in got[0].evidence, shown(rs)


def test_a_weekday_with_its_date_in_brackets_is_judged_against_the_calendar(claims_store):
    # 2019-07-30 was a Tuesday; 2019-07-31 a Wednesday
    text = (
        "Weeks of speculation were put to rest Wednesday (July 30) when the Federal Reserve"
        " announced a quarter-percent interest rate cut."
    )
    rs = results(claims_store, text, "2019-07-31")
    got = quoted(rs, "Wednesday (July 30)")
    assert got and got[0].verdict == "contradicted", shown(rs)
    rs = results(
        claims_store, "Stocks fell Wednesday (July 31) after the Fed cut rates.", "2019-07-31"
    )
    assert [r.verdict for r in rs if r.claim.measure == "weekday"] == ["supported"], shown(rs)


def test_a_day_that_dates_a_base_is_not_the_session_the_opening_reports(claims_store):
    # the VIX: 23.39 on Friday 2024-08-02, 38.57 on Monday 2024-08-05 (session high 65.73)
    for text, needle in (
        ("The VIX jumped to 38.57 from Friday's close of 23.39.", "38.57"),
        ("The VIX closed at 38.57, up from Friday's close of 23.39.", "38.57"),
        (
            "The VIX surged to a high of 65.73, up from its previous close of 23.73 on Friday.",
            "65.73",
        ),
    ):
        rs = results(claims_store, text, "2024-08-05")
        got = quoted(rs, needle)
        assert got and not [r for r in got if r.verdict == "contradicted"], shown(rs)
        assert any(r.verdict == "supported" for r in got), shown(rs)
    # a day after a move's own base ("from 4,940 on Friday", no level noun) still dates the move
    rs = results(claims_store, "The VIX rose 9% to 25.5 from 23.39 on Friday.", "2024-08-05")
    got = quoted(rs, "25.5")
    dated = [r for r in got if r.claim.date is not None]
    assert dated and all(str(r.claim.date) == "2024-08-02" for r in dated), shown(rs)


def test_figures_paired_respectively_with_a_name_the_checker_cannot_see(claims_store):
    # the 10-year closed at 1.46% on 2016-06-27 (1.57% on 06-24); no 5-year series
    text = (
        "Interest rates moved lower again this week following the Brexit vote. The 5 year and 10"
        " year U.S. Treasury Notes are now yielding 1.07% and 1.56%, respectively."
    )
    rs = results(claims_store, text, "2016-06-27")
    assert not [r for r in rs if r.verdict == "contradicted"], shown(rs)
    got = quoted(rs, "1.07%")
    assert got and all(
        r.claim.subject is None or r.claim.subject.key != "ust10y"
        for r in got
        if "1.07" in r.evidence
    ), shown(rs)


def test_a_part_of_an_index_is_not_the_index(claims_store):
    # 2024-01-19: the S&P 500 +1.23%
    text = "The information technology area of the S&P 500 index went up by 2.4% on Friday."
    rs = results(claims_store, text, "2024-01-19")
    got = quoted(rs, "2.4%")
    assert got and all(r.verdict == "unverifiable" for r in got), shown(rs)


def test_a_level_in_the_next_clause_is_no_end_of_a_move(claims_store):
    # 2024-11-07: the S&P 500 closed at 5,973.10, +0.74%
    text = (
        "Meanwhile, the S&P 500 reached a new high of 5,984, marking a bullish gap with a 0.75%"
        " increase, with expectations to hit 6,000 by the end of the week."
    )
    rs = results(claims_store, text, "2024-11-07")
    assert not [r for r in rs if r.verdict == "contradicted"], shown(rs)
    assert not [r for r in rs if r.claim.measure == "upside"], shown(rs)
    # in one clause the arithmetic is the article's own ("a 5% rise to 6,000")
    rs = results(claims_store, "The S&P 500 needs a 0.45% increase to hit 6,000.", "2024-11-07")
    assert [r for r in rs if r.claim.measure == "upside"], shown(rs)


def test_a_fronted_as_of_dates_a_level_stood_at(claims_store):
    # the VIX on 2025-09-02: close 17.17, session high 19.38
    text = "As of September 2, 2025, the VIX stood at 19.81, a 13.92% jump from the prior day."
    rs = results(claims_store, text, "2025-09-02")
    got = quoted(rs, "stood at 19.81")
    assert got and got[0].verdict == "contradicted", shown(rs)
    # "stood" with no day of its own stays a level of another time
    rs = results(claims_store, "The VIX stood at 19.81 in the spring.", "2025-09-02")
    assert not [r for r in rs if r.verdict == "contradicted"], shown(rs)


def test_year_over_year_on_a_daily_series_is_the_trailing_year(claims_store):
    # the S&P 500: 2024-01-19 4,839.81; 2023-01-19 3,898.85 (+24.1%)
    rs = results(
        claims_store, "On January 19, 2024, the S&P 500 was up 24.1% year-over-year.", "2024-01-19"
    )
    got = quoted(rs, "24.1%")
    assert got and got[0].verdict == "supported", shown(rs)
    assert got[0].claim.period.kind == "trailing", shown(rs)
    rs = results(
        claims_store, "On January 19, 2024, the S&P 500 was up 1.2% year-over-year.", "2024-01-19"
    )
    got = quoted(rs, "1.2%")
    # support-only: the words are a company's or the economy's as often ("its data center
    # segment rose 427% year-over-year"), and a price a year before is a convention
    assert got and got[0].verdict == "unverifiable", shown(rs)
    assert "trailing year" in got[0].evidence, shown(rs)
    # "from the previous year" is the last calendar year's gain, not a trailing window
    rs = results(
        claims_store, "The S&P 500 posted a 24.2% gain from the previous year.", "2024-12-31"
    )
    got = quoted(rs, "24.2%")
    assert got and got[0].verdict == "supported", shown(rs)


def test_an_upside_to_a_target_the_sentence_before_states(claims_store):
    # the article's own arithmetic: 7,000 / 6,617 − 1 = +5.79%
    lead = "In line with this, the firm reiterated a 7,000 target for the benchmark this year. "
    rs = results(
        claims_store,
        lead + "Such a target implies a 5.8% increase from the index’s 6,617 close.",
        "2025-11-19",
    )
    got = [r for r in rs if r.claim.measure == "upside"]
    assert got and got[0].verdict == "supported" and "7,000" in got[0].evidence, shown(rs)
    rs = results(
        claims_store,
        lead + "Such a target implies a 9% increase from the index’s 6,617 close.",
        "2025-11-19",
    )
    got = [r for r in rs if r.claim.measure == "upside"]
    assert got and got[0].verdict == "contradicted", shown(rs)
    # two levels before: which one the target is, the words do not say
    two = "UBS sees 6,400 while the firm reiterated a 7,000 target. "
    rs = results(
        claims_store,
        two + "Such a target implies a 9% increase from the index’s 6,617 close.",
        "2025-11-19",
    )
    assert not [r for r in rs if r.claim.measure == "upside"], shown(rs)
