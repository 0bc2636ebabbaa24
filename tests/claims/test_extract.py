"""Extraction: number spans, subjects (with coreference), dates (explicit and relative)."""

from __future__ import annotations

import datetime as dt

from thesis.claims import extract_claims
from thesis.text import split_sentences
from thesis.text import find_dates

D = dt.date(2025, 12, 19)  # a Friday


def _by_measure(text: str, date: dt.date = D):
    return {c.measure: c for c in extract_claims(text, date)}


def test_quotes_are_exact_substrings():
    text = "As of November 26, 2025, the index closed at 6,812.61, just 1.3% below the 6,900 threshold."
    for c in extract_claims(text, D):
        assert text[c.start : c.end] == c.quote


def test_distance_and_level_with_thousands_separators():
    cs = _by_measure(
        "As of November 26, 2025, the S&P 500 closed at 6,812.61, just 1.3% below the 6,900 threshold."
    )
    assert cs["close"].stated_value == 6812.61 and cs["close"].date == dt.date(2025, 11, 26)
    assert (
        cs["distance"].level == 6900.0
        and cs["distance"].stated_value == -1.3
        and cs["distance"].decimals == 1
    )


def test_upside_percent_word_and_hedge():
    cs = _by_measure("The S&P 500 ended at 6,000. Analysts see about 5 percent upside to 6,300.")
    up = cs["upside"]
    assert up.stated_value == 5.0 and up.level == 6300.0 and up.hedge == "about"


def test_coreference_the_benchmark_refers_to_last_index():
    cs = extract_claims(
        "The Dow Jones Industrial Average fell. The benchmark dropped 1.2% on Monday.", D
    )
    ch = next(c for c in cs if c.measure == "change")
    assert ch.subject.key == "dow" and ch.date == dt.date(2025, 12, 15) and ch.period == "day"


def test_dow_jones_newswires_is_not_the_dow():
    cs = extract_claims("Source: Dow Jones Newswires. The S&P 500 rose 0.5% today.", D)
    assert [c.subject.key for c in cs if c.measure == "change"] == ["sp500"]


def test_yields_take_the_nearest_subject():
    cs = extract_claims("Yields rose, with the 10-year at 4.15% and the 2-year near 3.47%.", D)
    got = {c.subject.key: c.stated_value for c in cs if c.measure == "yield"}
    assert got == {"ust10y": 4.15, "ust2y": 3.47}


def test_periods_ytd_week_ndays():
    cs = extract_claims(
        "The S&P 500 is up 16.4% year-to-date. It gained 2% this week. It rose 153.37 points over the last four trading days.",
        D,
    )
    periods = [(c.measure, c.period) for c in cs if c.measure in ("change", "points_change")]
    assert periods == [("change", "ytd"), ("change", "week"), ("points_change", "ndays")]


def test_relative_and_explicit_dates():
    spans = find_dates(
        "On Monday, and on Thursday's release; Nov. 26 and Wednesday, Dec. 24, 2025; 2025-01-20.", D
    )
    got = [(s.text, s.date) for s in spans]
    assert ("Monday", dt.date(2025, 12, 15)) in got
    assert ("Thursday's", dt.date(2025, 12, 18)) in got
    assert ("Nov. 26", dt.date(2025, 11, 26)) in got
    assert ("Wednesday, Dec. 24, 2025", dt.date(2025, 12, 24)) in got
    assert ("2025-01-20", dt.date(2025, 1, 20)) in got


def test_sentence_split_keeps_abbreviations():
    text = "Off 0.39% from its high hit Monday, Jan. 12, 2026. The U.S. economy grew."
    assert len(split_sentences(text)) == 2


def test_forecasts_and_company_figures_are_other_or_forecast():
    cs = extract_claims(
        "Hyperscalers are investing $520 billion in 2026. S&P 500 earnings are expected to grow by 14%.",
        D,
    )
    assert all(c.kind == "other" for c in cs) and len(cs) == 2


def test_records_ranks_streaks():
    text = "The S&P 500 closed out 2025 at a record-shattering 6,845.50. --Fourth highest close in history\n--Up for four consecutive trading days"
    ms = [c.measure for c in extract_claims(text, dt.date(2026, 1, 26))]
    assert {"close", "record", "rank", "streak"} <= set(ms)


def test_times_and_years_are_not_claims():
    cs = extract_claims("January 26, 2026 16:14 ET (21:14 GMT). In 2025 the market was busy.", D)
    assert cs == []
