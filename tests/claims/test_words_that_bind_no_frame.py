"""Words that look like a frame's slot and are not (docs/claims.md, round 60).

- The month or year a "since" reaches back to is never a figure's period ("Amazon fell 24% for
  the month, its biggest drop since November 2008"; "The CPI rose 0.9% last month, the sharpest
  gain since April").
- A byline's date with its time stamp ("Written by A. Saleh June 16, 2023 | 01:54 pm") is when
  the page was written, not the session its opening reports.
- A name after a comparison ("gold has climbed almost 100% compared to about 67% for the S&P
  500") is the other side's.
- A share of occasions ("an annual gain 71% of the time") is no move.
- A record's value ("the S&P 500's record close stands at 4,796.56", "its all-time high still
  stands at 4,818.62") is no claim that the day set a record or closed there.
- A day after "through", "ended" or a span's noun ends a span ("its 22.03% plunge through the
  interval that ended Nov. 20, 2008"), never that day's session.
"""

from __future__ import annotations

import pytest
from claim_results import results


def test_a_since_anchor_is_no_period(claims_store):
    text = (
        "Amazon fell 24% for the month, its biggest one-month percentage drop since November 2008."
    )
    (r,) = results(claims_store, text, "2022-04-29", "change")
    assert r.verdict == "supported" and "2022-03-31" in r.evidence, r.evidence


def test_a_since_anchor_is_no_macro_figures_month(claims_store):
    text = "The CPI rose 0.9% last month, the sharpest gain since April."
    got = results(claims_store, text, "2023-11-15")
    assert got and all(r.verdict != "supported" for r in got), [
        (r.claim.quote, r.evidence) for r in got
    ]
    assert all("(2023-04)" not in r.evidence for r in got), [r.evidence for r in got]


def test_a_byline_date_is_no_session(claims_store):
    text = (
        "Written by Athik Saleh June 16, 2023 | 01:54 pm 2 min read\n\n"
        "Microsoft's shares closed at a new record high\n\n"
        "On Thursday, the tech giant's shares closed at a new record high."
    )
    got = results(claims_store, text, "2023-06-16", "record")
    assert got and all(r.verdict == "supported" for r in got), [
        (r.claim.quote, r.evidence) for r in got
    ]


def test_a_name_after_a_comparison_is_the_other_sides(claims_store):
    text = "Since the start of 2023, gold has climbed almost 100% compared to about 67% for the S&P 500."
    got = [r for r in results(claims_store, text, "2025-09-05") if "100%" in r.claim.quote]
    assert got and all(r.verdict != "contradicted" for r in got), [
        (r.claim.quote, r.evidence) for r in got
    ]
    assert all(r.claim.subject is None or r.claim.subject.key != "sp500" for r in got)


@pytest.mark.parametrize(
    "text",
    [
        "Since 1929, the S&P 500 has posted an annual gain 71% of the time following a positive January.",
        "The S&P 500 rose in 86% of cases.",
    ],
)
def test_a_share_of_occasions_is_no_move(claims_store, text):
    got = results(claims_store, text, "2025-01-03")
    assert got and all(r.verdict != "contradicted" for r in got), [
        (r.claim.quote, r.evidence) for r in got
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500's record close stands at 4,796.56.",
        "The S&P 500's all-time high still stands at 4,818.62 from Tuesday, January 4, 2022.",
    ],
)
def test_a_records_value_is_no_record_set_that_day(claims_store, text):
    got = results(claims_store, text, "2023-12-29")
    assert got and all(r.verdict != "contradicted" for r in got), [
        (r.claim.quote, r.evidence) for r in got
    ]


def test_a_day_that_ends_a_span_is_not_its_session(claims_store):
    text = (
        "That loss was the worst five-day decline for Amazon since its 22.03% plunge through the "
        "interval that ended Nov. 20, 2008."
    )
    got = [r for r in results(claims_store, text, "2022-11-01") if "22.03" in r.claim.quote]
    assert got and all(r.verdict != "contradicted" for r in got), [
        (r.claim.quote, r.evidence) for r in got
    ]


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # 4 p.m. in New York (21:00 GMT) is the close: the figure is the close's
        ("At 4:00 p.m. ET (21:00 GMT), the S&P 500 was down 2% to close at 4,987.76.", "contradicted"),
        ("At 4:00 p.m. ET (21:00 GMT), the S&P 500 was down 1.6% to close at 4,982.77.", "supported"),
    ],
)  # fmt: skip
def test_a_time_at_the_close_is_not_intraday(claims_store, text, verdict):
    got = [r for r in results(claims_store, text, "2025-04-08") if r.claim.measure == "close"]
    assert got and got[0].verdict == verdict, [(r.claim.quote, r.evidence) for r in got]


def test_a_time_of_the_session_is_intraday(claims_store):
    got = results(claims_store, "At 2:30 p.m. ET, the S&P 500 was down 2%.", "2025-04-08", "change")
    assert [r.verdict for r in got] == ["unverifiable"] and "intraday" in got[0].evidence


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # the article's only series: "the index" can point nowhere else
        ("The S&P 500 had a strong year. The index returned 26.9% in 2024.", "contradicted"),
        ("The S&P 500 had a strong year. The index returned 23.3% in 2024.", "supported"),
        # another series named: the back-reference stays loose
        ("The S&P 500 and the VIX moved. The index returned 26.9% in 2024.", "unverifiable"),
        # a name the checker does not know may be the one meant
        ("The S&P 500 and the FTSE 100 moved. The index returned 26.9% in 2024.", "unverifiable"),
    ],
)
def test_a_back_reference_to_the_only_series(claims_store, text, verdict):
    got = [
        r
        for r in results(claims_store, text, "2025-01-15", "change")
        if "26.9" in r.claim.quote or "23.3" in r.claim.quote
    ]
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]


def test_a_sentence_about_a_total_return_is_not_contradicted_by_closes(claims_store):
    text = "Again, on a total return basis, the S&P 500 gained eight consecutive months."
    got = results(claims_store, text, "2017-07-10")
    assert got and all(r.verdict != "contradicted" for r in got), [
        (r.claim.quote, r.evidence) for r in got
    ]


def test_as_of_a_day_is_no_sessions_move(claims_store):
    got = results(
        claims_store,
        "The S&P 500 is already up over 11% as of October 10, 2025.",
        "2025-10-10",
        "change",
    )
    assert [r.verdict for r in got] == ["unverifiable"], [(r.claim.quote, r.evidence) for r in got]


def test_a_close_stated_in_a_story_written_during_the_session(claims_store):
    # a live story ("was last up", no close in its lead): its figures for the day are intraday,
    # except one whose words say it closed, which the close may support and never contradicts
    live = (
        "Stocks rose in afternoon trading. The S&P 500 was last up 0.5% on the day. Investors "
        "weighed earnings. Bond yields were steady. Oil was flat.\n\n"
    )
    got = results(
        claims_store, live + "The S&P 500 ended the day 0.2% higher.", "2025-02-18", "change"
    )
    ended = [r for r in got if "ended" in r.claim.quote]
    assert [r.verdict for r in ended] == ["supported"], [(r.claim.quote, r.evidence) for r in got]
    got = results(
        claims_store, live + "The S&P 500 ended the day 3% higher.", "2025-02-18", "change"
    )
    assert got and all(r.verdict != "contradicted" for r in got), [
        (r.claim.quote, r.evidence) for r in got
    ]


def test_a_component_of_a_price_index_is_not_the_index(claims_store):
    text = "The rise in rents in this CPI report was the highest since August 1990."
    got = results(claims_store, text, "2022-11-30")
    assert got and all(r.verdict != "contradicted" for r in got), [
        (r.claim.quote, r.evidence) for r in got
    ]
    # the component's words make the subject loose (the evidence may give another reason first:
    # the high lies within the year before, round 70)
    assert any("component" in str(r.claim.loose) for r in got)


def test_minutes_after_an_announcement_are_intraday(claims_store):
    text = "The benchmark S&P was up 0.6% on the day within about minutes of the announcement."
    got = results(claims_store, text, "2024-09-18", "change")
    assert [r.verdict for r in got] == ["unverifiable"] and "intraday" in got[0].evidence


def test_stocks_named_after_the_figure_are_only_assumed(claims_store):
    text = "The S&P 500 rose 24% in 2023. 4.5% of that came in December, a small fraction compared to the 12.8% return seen in small cap stocks."
    got = [r for r in results(claims_store, text, "2024-01-31") if "12.8" in r.claim.quote]
    assert got and all(r.verdict != "contradicted" for r in got), [
        (r.claim.quote, r.evidence) for r in got
    ]


def test_a_month_with_its_possessive_after_since_dates_the_figure(claims_store):
    text = (
        "Consumer prices rose 6.5% in December from a year earlier. It was also the smallest "
        "gain since December 2021's 7% annual jump in prices."
    )
    got = [r for r in results(claims_store, text, "2023-01-12") if r.claim.quote == "7%"]
    assert [r.verdict for r in got] == ["supported"] and "2021-12" in got[0].evidence


def test_an_ordinal_count_ranks_over_its_span(claims_store):
    # "its fifth loss in the last six days": the span of the count, not the move's period
    text = "The S&P 500 tumbled 1.5 per cent for its fifth loss in the last six days."
    got = [r for r in results(claims_store, text, "2023-09-26", "change") if "1.5" in r.claim.quote]
    assert [r.verdict for r in got] == ["supported"], [(r.claim.quote, r.evidence) for r in got]


def test_a_shares_dollar_move_before_a_split_is_not_contradicted(claims_store):
    # Amazon split 20:1 in 2022: the store's prices are adjusted, so "58.63 points" in 2020 (a
    # $2,391.89 share) cannot be compared
    text = "Amazon (AMZN) jumped around 58.63 points on Wednesday, and the stock saw the intraday high of $2,391.89."
    got = results(claims_store, text, "2020-04-29")
    assert got and all(r.verdict != "contradicted" for r in got), [
        (r.claim.quote, r.evidence) for r in got
    ]
