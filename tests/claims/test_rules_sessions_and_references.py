"""Session extremes and notes, total returns, "its", "since" dates and sector counts across
years (the classes of docs/claims.md's round 6), each on its own example sentences.

Closes by hand (sp500_daily_fred.csv, vix_daily.csv, etf_daily_spy_iwm_tlt_gld.csv):
S&P 500 2019-12-31 3,230.78, 2020-12-31 3,756.07 (+16.26% for 2020); SPY adjusted close
2019-12-31 -> 2020-12-31 +18.33%.
"""

from __future__ import annotations

import pytest
from claim_results import results as _results


@pytest.mark.parametrize(
    "text",
    [
        "The benchmark S&P 500 index finished with a gain of 16.3% for the year, or a total return of about 18.4%, including dividends.",
        "The S&P 500 finished 2020 up 16.3%, or 18.3% including dividends.",
    ],
)  # fmt: skip
def test_a_total_return_named_before_its_figure_is_not_the_price_change(claims_store, text):
    """ "or a total return of about 18.4%": the figure is a total return (SPY's adjusted close as
    the proxy), never the index's price change (16.26%), which would contradict it."""
    got = _results(claims_store, text, "2020-12-31", "change")
    assert all(r.verdict != "contradicted" for r in got), [r.evidence for r in got]
    tr = [r for r in got if r.claim.stated_value in (18.4, 18.3)]
    assert all(r.claim.subject.series == ("spy_tr",) for r in tr), [r.claim for r in tr]


# ---------------------------------------------------------------- the session's high and low
# vix_daily.csv: 2010-08-10 close 22.37, 2010-08-11 high 26.10; sp500_daily_fred.csv:
# 2025-12-23 6,909.79, 2025-12-24 (Wednesday) 6,932.05 (+0.32%).


@pytest.mark.parametrize(
    ("text", "date", "verdicts"),
    [
        # the store holds the VIX's highs: read on them
        ("The Vix rose as much as 17% to 26.10 in the first half of Wednesday's session.", "2010-08-11",
         {"change": "supported", "close": "supported"}),
        # the pair disagrees with the previous close (26.10 / 22.37 − 1 = +16.7%)
        ("The Vix rose as much as 30% to 26.10 in the first half of Wednesday's session.", "2010-08-11",
         {"change": "contradicted", "close": "supported"}),
        # before the open the day's range does not hold it, but the previous close is its base
        ("The Vix jumped as much as 30% to 26.10 before trading opened Wednesday.", "2010-08-11",
         {"change": "contradicted", "close": "unverifiable"}),
        ("The Vix jumped as much as 17% to 26.10 before trading opened Wednesday.", "2010-08-11",
         {"change": "unverifiable", "close": "unverifiable"}),
        # closes only: a session's high is at least its close
        ("During the session on Wednesday, the S&P 500 climbed as much as 1.2%, breaking the "
         "psychological 6,000 mark to touch a high of 6,050.", "2025-12-24",
         {"change": "unverifiable", "session_extreme": "contradicted"}),
        # a largest gain short of the close's is what a story written mid-session says: judged
        # only when the article states the close too
        ("On Wednesday the S&P 500 climbed as much as 0.1%.", "2025-12-26", {"change": "unverifiable"}),
        ("On Wednesday the S&P 500 climbed as much as 0.6%.", "2025-12-26", {"change": "unverifiable"}),
        ("The S&P 500 hit an intraday high of 6,945.77 on Wednesday.", "2025-12-26",
         {"session_extreme": "unverifiable"}),
        ("The S&P 500 hit an intraday low of 6,945.77 on Wednesday.", "2025-12-26",
         {"session_extreme": "contradicted"}),
    ],
)  # fmt: skip
def test_a_session_extreme_is_bounded_by_the_close(claims_store, text, date, verdicts):
    got = {r.claim.measure: r for r in _results(claims_store, text, date)}
    for measure, verdict in verdicts.items():
        assert measure in got, (measure, list(got))
        assert got[measure].verdict == verdict, (measure, got[measure].evidence)


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 set a 52-week high of 6,932.05 on Wednesday.",
        "The S&P 500 hit a record high of 6,050 on Wednesday.",
        "In a live update, the S&P 500 climbed as much as 0.1% this afternoon.",
    ],
)
def test_only_the_session_s_own_extreme_is_bounded(claims_store, text):
    """A record or a 52-week high is not the session's; an article written during the session
    (its close not yet known) is not bounded by the close."""
    got = _results(claims_store, text, "2025-12-24")
    assert all(r.claim.measure != "session_extreme" for r in got), [r.claim for r in got]
    assert all(r.verdict != "contradicted" for r in got), [r.evidence for r in got]


# ------------------------------------------ a "since" date, "its" in apposition, a possessive
# vix_daily.csv: 2025-04-08 close 52.33; the last close above it before then 2020-04-01 57.06
# (and 2020-03 closes up to 82.69); 2025-04-07 close 46.98.


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # the only series of the sentence; "March 2020" starts the stretch, it dates nothing
        ("The CBOE Volatility Index (VIX)—Wall Street’s fear gauge—jumped to 52.33, its highest "
         "close since March 2020.", "contradicted"),
        ("The CBOE Volatility Index (VIX)—Wall Street’s fear gauge—jumped to 52.33, its highest "
         "close since April 1, 2020.", "supported"),
        # two series: "its" may be either
        ("The S&P 500 fell while the VIX jumped to 52.33, its highest close since March 2020.",
         "unverifiable"),
    ],
)  # fmt: skip
def test_its_in_apposition_to_the_sentence_s_only_series(claims_store, text, verdict):
    (r,) = _results(claims_store, text, "2025-04-08", "since")
    assert r.verdict == verdict, r.evidence


def test_a_since_date_is_not_another_time_of_the_figure(claims_store):
    """ "The 10-year yield just hit 4.51%, its highest since October 2007": the month starts the
    stretch; the level is of the article's day, not of October 2007."""
    text = "The 10-year yield just hit 4.51%, its highest since October 2007."
    got = _results(claims_store, text, "2023-09-25")
    assert all("date" not in r.claim.missing for r in got), [r.evidence for r in got]
    assert {r.claim.measure for r in got} >= {"yield", "since"}


def test_a_sector_count_compared_across_years_is_not_read_on_the_session(claims_store):
    """ "for the first time since 2021, all 11 sectors ... finished in positive territory": the
    comparison is across years, so the session's count (0 of 11 on 2025-12-31) does not
    contradict it; the session stays a reading that may support it."""
    text = (
        "For the first time since 2021, all 11 sectors of the S&P 500 finished in positive "
        "territory."
    )
    (r,) = _results(claims_store, text, "2026-01-01", "sector_count")
    assert r.verdict == "unverifiable" and "a year" in r.evidence, r.evidence


# ------------------------------------------------------------------------- "on a high note"
# sp500_daily_fred.csv: 2025-12-30 6,896.24 -> 2025-12-31 (Wednesday) 6,845.50 (-0.74%)


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("The S&P 500 concluded the final trading session of 2025 on a high note.", "contradicted"),
        ("The S&P 500 ended on a sour note on Wednesday.", "supported"),
        ("The S&P 500 closed on a positive note on Wednesday.", "contradicted"),
    ],
)
def test_a_closing_verb_on_a_note_is_the_session_s_direction(claims_store, text, verdict):
    (r,) = _results(claims_store, text, "2025-12-31", "direction")
    assert r.verdict == verdict, r.evidence


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 ended the year on a high note.",
        "The S&P 500 struck a high note on Wednesday.",
        "The S&P 500 concluded its best year since 2021.",
    ],
)
def test_a_note_of_another_period_or_without_a_closing_verb_is_not_the_session(claims_store, text):
    assert _results(claims_store, text, "2025-12-31", "direction") == []


# vix_daily.csv 2022-01-21 close 28.85; 2022-01-24 high 38.94 (+34.97%), close 29.90 (+3.64%)
@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # short of the day's high: an earlier moment of the session, not judged
        ("The VIX surged as much as 31% on Monday.", "unverifiable"),
        # beyond the day's high: wrong at any moment
        ("The VIX surged as much as 40% on Monday.", "contradicted"),
        ("The VIX surged as much as 35% on Monday.", "supported"),
        # the article states the day's close: the day's high is final
        ("The VIX surged as much as 31% on Monday. The VIX closed up 3.6% on Monday.", "contradicted"),
    ],
)  # fmt: skip
def test_a_session_high_short_of_the_days_is_judged_only_with_the_close(
    claims_store, text, verdict
):
    (r,) = [
        r
        for r in _results(claims_store, text, "2022-01-24", "change")
        if r.claim.extra.get("session_extreme")
    ]
    assert r.verdict == verdict, r.evidence


def test_a_largest_gain_short_of_the_close_is_judged_when_the_close_is_stated(claims_store):
    """sp500 2025-12-24 (Wednesday) closed +0.32%: a largest gain of 0.1% is then wrong."""
    text = "On Wednesday the S&P 500 climbed as much as 0.1%. It closed up 0.3% on Wednesday."
    (r,) = [
        r
        for r in _results(claims_store, text, "2025-12-26", "change")
        if r.claim.extra.get("session_extreme")
    ]
    assert r.verdict == "contradicted", r.evidence
