"""Classes added in round 69 (heldout68-71's first sight, each a phrasing or a story's moment):

- "U.S. stocks traded higher on Tuesday" as a story's lead, with no closing verb anywhere in it:
  the story was written during the session, so its figures for the day are intraday
  ("S&P 500 on Tuesday rose 0.6 percent to 2872.99");
- "In currency markets, the U.S dollar closed lower": "markets" after the name of another market
  is not the stock market;
- "a little more than 3 points higher than the record close set in February": a gap to another
  level, not a move over the month that level is dated by;
- "compared to the previous market day, when the VIX closed at 23.43": the figure is of a day
  named only relative to another, which no date names;
- "In terms of inflation components, food prices were up 11.2%": a component's figure, not CPI's;
- "closed near 4714", "finished around 4,714": a close with a hedge in place of "at";
- "The VIX fell from 26.42 to 23.43 on Friday": B is the session's close, read for support only;
- "gained 60.76 points to finish at 6,765.88, representing a solid 0.9 percent advance": a move in
  points is no target, "to finish at" a close;
- "At 12:00 p.m. ET, ..." in a story with no closing verb: a live story;
- "which had previously reached a 16-year high": an extreme in the past perfect is before the
  sentence's day;
- "The VIX, which measures the market's expectations of future volatility based on S&P 500 index
  options, closed at 23.57": a relative clause between commas describes the subject (its names
  and its words of expectation are not the figure's);
- "investors have likely took profits after the index rose by more than 20% last year": a clause
  of a past event after a speculation states a fact;
- "tumbled about 2 percent on Friday, trading around 3,800": where it is trading, in the clause
  after a move, makes the move the session's so far;
- "..., while average hourly earnings climbed 15 cents, or 0.5%": a clause after "while" that names
  its own subject (a noun no series is) is not the earlier name's;
- "The S&P 500 fell 1% last week" in a Sunday column: the trading week just ended is a reading;
- "Meta reported that its profits surged by 69%": the noun after "its" is the figure's subject;
- "since the same time last year": a year back, not since January 1;
- "Inflation is at a 40-year high" with no figure of its own: the high set within the year before
  is a reading; "June's 40-year high of 9.1%": the month in the possessive is the high's;
- "a 942 point gain, from the January 2nd open": a base that is an opening price;
- "U.S. market indexes began down", "a decline on Friday morning" as the lead of a story with no
  closing verb: a live story.
"""

from __future__ import annotations

from claim_results import results


def test_a_trading_lead_with_no_close_is_a_live_story(claims_store):
    # 2018-08-21: close 2,862.96 (+0.21%); the session's high was above 2,872.99
    text = (
        "U.S. stocks traded higher on Tuesday, pushing the S&P 500 to an all-time high.\n\n"
        "S&P 500 on Tuesday rose 0.6 percent to 2872.99, its highest level ever."
    )
    got = [r for r in results(claims_store, text, "2018-08-21") if "2872.99" in r.claim.quote]
    assert got and all(r.verdict != "contradicted" for r in got), [
        (r.claim.quote, r.evidence) for r in got
    ]
    # a day before the story's is no session it may be written during
    got = [r for r in results(claims_store, text, "2018-08-22") if "2872.99" in r.claim.quote]
    assert any(r.verdict == "contradicted" for r in got), [(r.claim.quote, r.evidence) for r in got]


def test_another_markets_name_is_not_the_stock_market(claims_store):
    text = "In currency markets, the U.S dollar (USD) closed lower against most major currencies."
    got = results(claims_store, text, "2023-10-10")
    assert all(r.verdict != "contradicted" for r in got), [(r.claim.quote, r.evidence) for r in got]
    got = results(claims_store, "Markets rose 0.5% on Tuesday.", "2023-10-10")
    assert [r.verdict for r in got] == ["supported"]


def test_a_gap_to_another_level_is_no_move(claims_store):
    day = "2020-08-18"  # close 3,389.78, +0.23%; the February record close 3,386.15
    for text in (
        "The S&P closed Tuesday at 3389.78, a little more than 3 points higher than the record "
        "close set in February.",
        "The S&P closed Tuesday at 3389.78, 0.1% higher than its February record close.",
    ):
        got = results(claims_store, text, day)
        assert all(r.claim.measure not in ("change", "points_change") for r in got), text
        assert all(r.verdict != "contradicted" for r in got), [
            (r.claim.quote, r.evidence) for r in got
        ]


def test_a_when_clause_after_a_relative_day_has_no_date(claims_store):
    text = (
        "The VIX stands at 20.52 as of November 24, 2025. This reflects a notable decline of "
        "12.42 percent compared to the previous market day, when the VIX closed at 23.43."
    )
    got = [r for r in results(claims_store, text, "2025-11-24") if "23.43" in r.claim.quote]
    assert got and all(r.verdict == "unverifiable" for r in got), [
        (r.claim.quote, r.evidence) for r in got
    ]
    assert all("date" in r.claim.missing for r in got)


def test_a_components_figure_is_not_the_index(claims_store):
    day = "2022-10-13"  # CPI 2022-09: 8.20% year over year
    text = "In terms of inflation components, food prices were up 11.2% from last year."
    got = results(claims_store, text, day)
    assert got and all(r.verdict == "unverifiable" for r in got), [
        (r.claim.quote, r.evidence) for r in got
    ]
    got = results(claims_store, "Inflation rose 8.2% from last year.", day)
    assert [r.verdict for r in got] == ["supported"]


def test_a_close_with_a_hedge_in_place_of_at(claims_store):
    day = "2023-12-15"  # S&P 500 close 4,719.19
    got = results(claims_store, "The S&P 500 closed near 4,720 on Friday.", day, "close")
    assert [r.verdict for r in got] == ["supported"], [(r.claim.quote, r.evidence) for r in got]
    got = results(claims_store, "The S&P 500 finished around 4,714 on Friday.", day, "close")
    assert got and got[0].claim.comparator != "=" and got[0].verdict != "contradicted"
    # the noun "a close near" stays a reference, not the session's close
    assert results(claims_store, "The S&P 500 closed near its record.", day, "close") == []


def test_from_a_to_b_on_a_session_reads_b_as_its_close_for_support(claims_store):
    day = "2025-11-21"  # VIX closes: 2025-11-20 26.42, 2025-11-21 23.43
    got = results(claims_store, "The VIX fell from 26.42 to 23.43 on Friday.", day, "close")
    assert [r.verdict for r in got] == ["supported"], [(r.claim.quote, r.evidence) for r in got]
    # B may be reached during the session: another B is never contradicted
    got = results(claims_store, "The VIX fell from 26.42 to 23.81 on Friday.", day, "close")
    assert got and all(r.verdict == "unverifiable" for r in got)
    # a period named in the sentence dates B by the period's words: no session close read here
    got = results(claims_store, "The S&P 500 rose from 5,000 to 6,000 in 2024.", day, "close")
    assert got == []


def test_a_move_in_points_is_no_target_and_to_finish_at_is_a_close(claims_store):
    text = "The S&P 500 gained 60.76 points to finish at 6,765.88, representing a solid 0.9 percent advance."
    got = results(claims_store, text, "2025-11-25")  # +60.76 to 6,765.88, +0.91%
    assert all(r.claim.measure != "upside" for r in got), [
        (r.claim.quote, r.claim.measure) for r in got
    ]
    assert all(r.verdict != "contradicted" for r in got), [(r.claim.quote, r.evidence) for r in got]


def test_a_session_time_in_a_story_with_no_close_makes_it_live(claims_store):
    text = (
        "At 12:00 p.m. ET, the Dow Jones Industrial Average showed a rise of 267.48 points. The "
        "S&P 500 recorded an increase of 47.13 points, or 1.09%, landing at 4,382.79."
    )
    got = results(claims_store, text, "2023-10-10")  # closed +22.58, +0.52%, at 4,358.24
    assert got and all(r.verdict == "unverifiable" for r in got), [
        (r.claim.quote, r.evidence) for r in got
    ]
    # the same story once it states the close is read on the close
    closed = text + " The S&P 500 closed at 4,358.24."
    got = results(claims_store, closed, "2023-10-10", "close")
    assert "supported" in [r.verdict for r in got]


def test_an_extreme_in_the_past_perfect_is_before_the_sentences_day(claims_store):
    text = (
        "The 10-year Treasury bond yield, which had previously reached a 16-year high, "
        "experienced its most significant single-day drop in nearly seven months on Tuesday."
    )
    got = [r for r in results(claims_store, text, "2023-10-10") if "16-year" in r.claim.quote]
    assert got and all(r.verdict == "unverifiable" for r in got), [
        (r.claim.quote, r.evidence) for r in got
    ]


def test_a_relative_clause_between_commas_describes_the_subject(claims_store):
    # 2024-08-02: VIX close 23.39; "expectations" in the aside is no forecast of the figure
    text = (
        "The VIX, which measures the market's expectations of future volatility based on "
        "S&P 500 index options, closed at 23.57 on Friday."
    )
    got = results(claims_store, text, "2024-08-02", "close")
    assert [r.verdict for r in got] == ["contradicted"], [(r.claim.quote, r.evidence) for r in got]
    assert got[0].claim.subject is not None and got[0].claim.subject.key == "vix"


def test_a_past_clause_after_a_speculation_states_a_fact(claims_store):
    text = (
        "Many investors have likely took their profits after the S&P 500 rose by more than 20% "
        "last year."
    )
    got = results(claims_store, text, "2018-04-25", "change")  # 2017: +19.42%
    assert got and all("forecast" not in r.claim.qualifiers for r in got)
    got = results(
        claims_store,
        "Stocks are expected to rise after the Fed cuts rates by 25 basis points.",
        "2018-04-25",
    )
    assert got and all(r.verdict == "unverifiable" for r in got)


def test_a_move_followed_by_where_it_is_trading_is_intraday(claims_store):
    # 2022-05-20: the S&P 500 fell about 2% during the session and closed up 0.01%
    text = (
        "The S&P 500, which market analysts consider is the best measurement of the overall U.S. "
        "stock market, tumbled about 2 percent on Friday, trading around 3,800."
    )
    got = results(claims_store, text, "2022-05-20", "change")
    assert got and all("intraday" in r.claim.qualifiers for r in got)
    assert all(r.verdict == "unverifiable" for r in got)


def test_a_clause_after_while_with_a_subject_of_its_own(claims_store):
    text = (
        "The unemployment rate ticked down to 3.5%, matching the lowest level since the late "
        "1960s, while average hourly earnings climbed 15 cents, or 0.5%, to $32.27."
    )
    got = results(claims_store, text, "2022-08-05")
    assert all(r.verdict != "contradicted" for r in got), [(r.claim.quote, r.evidence) for r in got]
    assert "supported" in [r.verdict for r in got if "3.5%" in r.claim.quote]


def test_a_weekends_last_week_may_be_the_week_just_ended(claims_store):
    # week to Friday 2026-01-02: -1.03%; the week before it, to 2025-12-26: +1.40%
    got = results(claims_store, "The S&P500 ($SPX) fell 1% last week.", "2026-01-04", "change")
    assert [r.verdict for r in got] == ["supported"], [(r.claim.quote, r.evidence) for r in got]
    got = results(claims_store, "The S&P 500 rose 1.4% last week.", "2026-01-03", "change")
    assert [r.verdict for r in got] == ["supported"]
    got = results(claims_store, "The S&P 500 rose 5% last week.", "2026-01-03", "change")
    assert [r.verdict for r in got] == ["contradicted"]


def test_a_noun_after_its_is_the_figures_subject(claims_store):
    got = results(
        claims_store, "Meta reported Thursday that its profits surged by 69%.", "2024-02-29"
    )
    assert got and all(r.verdict == "unverifiable" for r in got), [
        (r.claim.quote, r.evidence) for r in got
    ]


def test_since_the_same_time_last_year_is_a_year_back(claims_store):
    got = results(
        claims_store,
        "The S&P 500 has risen 28% since the same time last year.",
        "2024-02-29",
        "change",
    )
    assert [r.verdict for r in got] == ["supported"], [(r.claim.quote, r.evidence) for r in got]
    assert "1 year earlier" in got[0].evidence


def test_a_macro_high_with_no_figure_may_speak_of_the_episode(claims_store):
    # CPI 2022-09: 8.2%; the 40-year high, 9.1%, was June's
    got = results(claims_store, "Inflation is at a 40-year high.", "2022-10-31")
    assert got and all(r.verdict == "unverifiable" for r in got), [
        (r.claim.quote, r.evidence) for r in got
    ]
    # with a figure of its own (or a month), the high is that figure's
    got = results(claims_store, "Inflation in September hit a 40-year high of 8.2%.", "2022-10-13")
    assert "contradicted" in [r.verdict for r in got]
    text = (
        "September's CPI came in at 8.2%, down from August's 8.3% and June's 40-year high of 9.1%."
    )
    got = [r for r in results(claims_store, text, "2022-10-13") if "40-year" in r.claim.quote]
    assert [r.verdict for r in got] == ["supported"], [(r.claim.quote, r.evidence) for r in got]


def test_a_gain_from_an_open_is_not_a_close_to_close_change(claims_store):
    text = (
        "During 2025, the $SPX netted a 942 point gain, from the January 2nd open to the December "
        "31st close, for a gain of 16%."
    )
    got = [r for r in results(claims_store, text, "2026-01-04") if "942" in r.claim.quote]
    assert got and all(r.verdict == "unverifiable" for r in got), [
        (r.claim.quote, r.evidence) for r in got
    ]


def test_a_lead_that_reports_the_open_or_the_morning_makes_a_live_story(claims_store):
    for text, day in (
        (
            "U.S. market indexes began down as inflation data revealed price pressures.\n\n"
            "S&P 500 fell 2.1% Tuesday. The Nasdaq Composite fell 2.8%.",
            "2022-09-13",  # closed -4.32%
        ),
        (
            "Wall Street's major indices experienced a decline on Friday morning.\n\n"
            "The S&P 500 fell by 0.50% to 6,469.70 units.",
            "2025-09-05",  # closed -0.32% at 6,481.50
        ),
    ):
        got = [
            r
            for r in results(claims_store, text, day)
            if r.claim.subject and r.claim.subject.key == "sp500"
        ]
        assert got and all(r.verdict == "unverifiable" for r in got), [
            (r.claim.quote, r.evidence) for r in got
        ]
