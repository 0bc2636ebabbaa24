"""Extraction: each rule class on its own example sentences, and the binding of every slot.

No store is needed: these tests read frames (subject, measure, period, date, value, comparator),
not verdicts.
"""

from __future__ import annotations

import datetime as dt

import pytest

from thesis.claims import extract_claims
from thesis.claims.extract import extract
from thesis.text import find_dates, split_sentences

D = dt.date(2025, 12, 19)  # a Friday


def _one(text: str, measure: str, date: dt.date = D, **kw):
    hits = [c for c in extract_claims(text, date, **kw) if c.measure == measure]
    assert len(hits) == 1, [(c.measure, c.quote) for c in extract_claims(text, date, **kw)]
    return hits[0]


def test_quotes_are_exact_substrings():
    text = "As of November 26, 2025, the index closed at 6,812.61, just 1.3% below the 6,900 threshold."
    for c in extract_claims(text, D):
        assert text[c.start : c.end] == c.quote


# ------------------------------------------------------------------------------------ rules
@pytest.mark.parametrize(
    ("text", "measure", "subject", "value", "period"),
    [
        # move: a change with its direction word, the period bound by its words
        ("The S&P 500 rose 0.5% to 6,812.61.", "change", "sp500", 0.5, "day"),
        ("The S&P 500 is up 16.4% year-to-date.", "change", "sp500", 16.4, "ytd"),
        ("The S&P 500 fell 1.2% this week.", "change", "sp500", -1.2, "week"),
        ("The S&P 500 rose 2.26% over the last four trading days.", "change", "sp500", 2.26, "trailing"),
        ("The S&P 500 rose 15.60% from 52 weeks ago.", "change", "sp500", 15.6, "ago"),
        ("The S&P 500 rose 0.9% in November.", "change", "sp500", 0.9, "month"),
        ("The S&P 500 gained 23% in 2024.", "change", "sp500", 23.0, "year"),
        ("The S&P 500 is up 22.56% since Wednesday, April 2, 2025.", "change", "sp500", 22.56, "since"),
        ("The S&P 500 ended 5.91 higher to 2,862.96.", "points_change", "sp500", 5.91, "day"),
        # noun_move: a move named by a noun
        ("The S&P 500 posted a 16.4% price return for the year.", "change", "sp500", 16.4, "year"),
        ("Thursday's 1.2% drop in the S&P 500 was steep.", "change", "sp500", -1.2, "day"),
    ],
)  # fmt: skip
def test_changes(text, measure, subject, value, period):
    c = _one(text, measure)
    assert c.subject.key == subject and c.stated_value == pytest.approx(value)
    assert c.period is not None and c.period.kind == period, c.period


@pytest.mark.parametrize(
    ("text", "value", "date"),
    [
        ("The S&P 500 closed at 6,812.61 on Wednesday.", 6812.61, dt.date(2025, 12, 17)),
        ("The S&P 500 ended November at 6,849.09.", 6849.09, dt.date(2025, 11, 30)),
        ("The S&P 500 closed out 2025 at a record 6,845.50.", 6845.50, dt.date(2025, 12, 31)),
        ("S&P 500 Close: 6,909.79, a new high.", 6909.79, D),
        ("Stocks fell toward its Sept. 6 close of 3,908.", 3908.0, dt.date(2025, 9, 6)),
    ],
)
def test_closes(text, value, date):
    c = _one(text, "close", dt.date(2026, 1, 2) if "2025 at" in text else D)
    assert c.stated_value == value and c.date == date


def test_a_reference_close_is_not_the_close_now():
    cs = extract_claims(
        "The S&P 500 is off 0.39% from its record close of 6977.27 hit Monday, Jan. 12, 2026.", D
    )
    assert not [c for c in cs if c.measure == "close"]
    d = next(c for c in cs if c.measure == "distance")
    assert d.level == 6977.27 and d.stated_value == -0.39 and d.date == D
    # a level named as the record, as of its day (test_rules_record_levels.py)
    ext = next(c for c in cs if c.measure == "record_level")
    assert ext.date == dt.date(2026, 1, 12) and ext.level == 6977.27 and ext.extra["closing"]


@pytest.mark.parametrize(
    ("text", "measure", "value", "level", "base"),
    [
        ("The S&P 500 closed at 6,812.61, just 1.3% below the 6,900 threshold.", "distance", -1.3, 6900, 6812.61),
        ("The S&P 500 closed at 6,901.00. A target of 7,269 implies 5.3% upside.", "upside", 5.3, 7269, 6901.0),
        ("The S&P 500 closed at 6,901.00. It would need to rally 9% to reach 7,500.", "upside", 9.0, 7500, 6901.0),
        ("The S&P 500 closed at 6,796.86. A 10% fall would take it near 6,117.", "upside", -10.0, 6117, 6796.86),
        ("Nvidia's target of $275 implies a potential 45% increase from its current price of $187.", "upside", 45.0, 275, 187),
    ],
)  # fmt: skip
def test_the_articles_own_arithmetic(text, measure, value, level, base):
    c = _one(text, measure)
    assert c.stated_value == pytest.approx(value) and c.level == level and c.base == base


def test_hedges_set_the_comparator():
    assert _one("The S&P 500 is up about 15% year-to-date.", "change").comparator == "~"
    assert _one("The S&P 500 is up more than 16% this year.", "change").comparator == ">="
    assert _one("Last week the S&P 500 fell nearly 2%.", "change").comparator == "<~"


@pytest.mark.parametrize(
    ("text", "measure", "extra"),
    [
        ("The S&P 500 notched a fresh record high on Friday.", "record", {}),
        ("The S&P 500 was up for four consecutive trading days.", "streak", {"n": 4, "unit": "session"}),
        ("The S&P 500 posted its fourth straight session in red.", "streak", {"n": 4}),
        ("The S&P 500 had its third consecutive year of double-digit gains.", "annual_streak", {"n": 3, "threshold": 10.0}),
        ("The S&P 500 logged its fourth highest close in history.", "rank", {"rank": 4, "window": "all"}),
        ("The S&P 500 posted its highest closing value since Tuesday, Jan. 13, 2026.", "since", {"sup": "highest"}),
        ("The S&P 500 surpassed 4,000 points on Thursday for the first time.", "first_cross", {"date_stated": True}),
        ("The S&P 500 hit its annual closing low on April 8.", "extreme", {"extreme": "min", "window": "year"}),
        ("The S&P 500's ascent toward the 6,900 level continued.", "toward", {}),
        ("U.S. stocks closed lower on Friday.", "direction", {"proxy": True}),
    ],
)  # fmt: skip
def test_word_claims(text, measure, extra):
    c = _one(text, measure, dt.date(2026, 1, 26))
    for k, v in extra.items():
        assert c.extra.get(k) == v, (k, c.extra)


@pytest.mark.parametrize(
    ("text", "measure", "subject", "value"),
    [
        ("Yields rose, with the 10-year at 4.15%.", "yield", "ust10y", 4.15),
        ("The 10-year Treasury yield fell 3 basis points to 4.01%.", "yield_change", "ust10y", -3.0),
        ("The 10-year yield rose 0.088 percentage point today.", "yield_change", "ust10y", 8.8),
        ("The two-year yield was off 0.651 percentage point from its 52-week high of 4.231%.", "yield_distance", "ust2y", -65.1),
        ("The consumer price index rose 2.7% year over year.", "macro", "cpi", 2.7),
        ("Core CPI rose 0.4% month over month.", "macro", "core_cpi", 0.4),
        ("The unemployment rate rose to 5.9%.", "macro", "unrate", 5.9),
        ("The Fed cut its benchmark rate by 25 basis points.", "fed_move", "fedfunds", -25.0),
    ],
)  # fmt: skip
def test_rates(text, measure, subject, value):
    c = _one(text, measure)
    assert c.subject.key == subject and c.stated_value == pytest.approx(value)


def test_macro_reading_follows_the_nearest_period_words():
    cs = [
        c
        for c in extract_claims(
            "Core prices rose 0.4% month over month and 3.9% from a year ago.", D
        )
        if c.measure == "macro"
    ]
    assert [c.extra["transform"] for c in cs] == ["mom", "yoy"]
    (c,) = [c for c in extract_claims("The core CPI rose 0.6 percent.", D) if c.measure == "macro"]
    assert c.extra["transform"] == "any" and "period" in c.assumed  # no words: either reading


# ------------------------------------------------------------------------------------ binding
def test_coreference_the_benchmark_and_pronouns():
    cs = extract_claims(
        "The Dow Jones Industrial Average fell. The benchmark dropped 1.2% on Monday.", D
    )
    ch = next(c for c in cs if c.measure == "change")
    assert ch.subject.key == "dow" and ch.date == dt.date(2025, 12, 15) and ch.period.kind == "day"
    cs = extract_claims("The S&P 500 rose. It closed at 6,834.50 on Friday.", D)
    assert next(c for c in cs if c.measure == "close").subject.key == "sp500"


def test_a_list_item_takes_its_headers_subject_and_day():
    text = "The S&P 500 Index is up 0.50% today to 6950.23\n--Up 2.26% over the last four trading days\n--Month-to-date it is up 1.53%"
    cs = [c for c in extract_claims(text, dt.date(2026, 1, 26)) if c.measure == "change"]
    assert [c.subject.key for c in cs] == ["sp500"] * 3
    assert [c.period.kind for c in cs] == ["day", "trailing", "mtd"]


def test_names_that_are_not_the_index():
    cs = extract_claims("Source: Dow Jones Newswires. The S&P 500 rose 0.5% today.", D)
    assert [c.subject.key for c in cs if c.measure == "change"] == ["sp500"]
    cs = extract_claims("The S&P 500 rose 1%, while the Zorblax index fell 3.1%.", D)
    z = next(c for c in cs if "3.1" in c.quote)
    assert z.subject is None and "subject" in z.missing
    cs = extract_claims("S&P 500 earnings rose 14% last quarter.", D)
    assert all(c.measure != "change" or c.subject is None for c in cs)


def test_unbound_slots_are_missing_or_assumed():
    c = _one("Shares rose 2.1% to $45.", "change")
    assert "subject" in c.missing
    c = _one("The S&P 500 rose 0.4%.", "change")
    assert c.assumed == ["period"]  # no period words: the session is only assumed
    c = _one("Stocks rose 0.4% on Friday.", "change")
    assert "subject" in c.assumed  # "stocks": the S&P 500 only as a proxy


def test_qualifiers():
    assert (
        "intraday"
        in _one("The S&P 500 rose as much as 1.2% earlier in the session.", "change").qualifiers
    )
    assert (
        "forecast"
        in _one("Strategists expect the S&P 500 to rise 12% next year.", "change").qualifiers
    )
    cs = extract_claims("At 2:30 p.m., the S&P 500 was up 0.4%.", D)
    assert "intraday" in next(c for c in cs if c.measure == "change").qualifiers


def test_the_lead_sentence_sets_the_session():
    text = "U.S. stocks closed lower on Friday. The S&P 500 declined 0.2% to 4,319.94."
    cs = extract_claims(text, dt.date(2021, 7, 5))  # published the Monday after
    close = next(c for c in cs if c.measure == "close")
    assert close.date == dt.date(2021, 7, 2) and not close.extra.get("article_date")


def test_a_month_dated_article_gives_a_window():
    c = _one(
        "The S&P 500 closed at 6,812.61.",
        "close",
        dt.date(2025, 12, 31),
        window=(dt.date(2025, 12, 1), dt.date(2025, 12, 31)),
    )
    assert c.window == (dt.date(2025, 12, 1), dt.date(2025, 12, 31)) and c.extra["article_date"]


def test_relative_and_explicit_dates():
    got = {
        (s.text, s.first)
        for s in find_dates(
            "On Monday, and on Thursday's release; Nov. 26 and Wednesday, Dec. 24, 2025; 2025-01-20.",
            D,
        )
    }
    assert ("Monday", dt.date(2025, 12, 15)) in got
    assert ("Thursday's", dt.date(2025, 12, 18)) in got
    assert ("Nov. 26", dt.date(2025, 11, 26)) in got
    assert ("Wednesday, Dec. 24, 2025", dt.date(2025, 12, 24)) in got
    assert ("2025-01-20", dt.date(2025, 1, 20)) in got


def test_sentence_split_keeps_abbreviations():
    assert (
        len(
            split_sentences(
                "Off 0.39% from its high hit Monday, Jan. 12, 2026. The U.S. economy grew."
            )
        )
        == 2
    )


def test_forecasts_and_company_figures_are_other_or_forecast():
    cs = extract_claims(
        "Hyperscalers are investing $520 billion in 2026. S&P 500 earnings are expected to grow by 14%.",
        D,
    )
    assert cs and all(
        c.kind == "other" or "forecast" in c.qualifiers or c.subject is None for c in cs
    )


def test_times_and_years_are_not_claims():
    assert (
        extract_claims("January 26, 2026 16:14 ET (21:14 GMT). In 2025 the market was busy.", D)
        == []
    )


def test_caps_are_stated():
    text = "The S&P 500 rose 1.2% today. " * 500
    ex = extract(text, D)
    assert len(ex.claims) <= 400 and any("only the first" in w for w in ex.warnings)


@pytest.mark.parametrize(
    ("text", "date", "measure", "extra"),
    [
        ("The S&P 500 closed at 6,909.79, its 38th record high of 2025.", dt.date(2025, 12, 23),
         "record_count", {"n": 38, "year": 2025}),
        ("The S&P posted a record closing high for the 50th time this year.", dt.date(2021, 8, 24),
         "record_count", {"n": 50, "year": 2021}),
        ("S&P 500 scores best day in 3 weeks", dt.date(2023, 10, 5), "since", {"what": "gain", "n": 1}),
        ("The VIX logged its highest closing level in five years.", dt.date(2025, 4, 7), "since", {"what": "level"}),
    ],
)  # fmt: skip
def test_counts_and_spans_of_time(text, date, measure, extra):
    c = _one(text, measure, date)
    for k, v in extra.items():
        assert c.extra.get(k) == v, (k, c.extra)


def test_compounds_and_days_named_by_their_period():
    c = _one(
        "The S&P 500 closed out 2025 at a record-shattering 6,845.50.",
        "record",
        dt.date(2026, 1, 1),
    )
    assert c.date == dt.date(2025, 12, 31)
    c = _one("The S&P 500 notched an all-time closing high Friday.", "record", dt.date(2025, 6, 27))
    assert c.date == dt.date(2025, 6, 27)
    c = _one("On the final trading day of 2024, the broad market index slipped 0.43% to 5,881.63.", "change",
             dt.date(2025, 1, 2), window=(dt.date(2025, 1, 2), dt.date(2025, 1, 2)))  # fmt: skip
    assert c.date == dt.date(2024, 12, 31) and c.period.kind == "day"


def test_respectively_maps_figures_to_names_in_order():
    text = "The S&P 500 rose 1%. Alphabet and Microsoft added 2.1% and 3.9%, respectively, on Thursday."
    got = {c.stated_value: c.subject.key for c in extract_claims(text, D) if c.measure == "change"}
    assert got[2.1] == "googl" and got[3.9] == "msft"
