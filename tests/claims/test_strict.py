"""Strict binding for ``contradicted`` (docs/claims.md, "Strict binding"): a claim is contradicted
only when its own words bind it — the nearest explicit subject, a unit that fits it, a stated
measure, no role word, the clause's own date — and no nearby plausible reading fits the data.

Each class has its own example sentences. The frames are read without a store; the verdicts use
the session's store of ../shared/data. Values by hand from sp500_daily_fred.csv (2021-05-11
4152.10, 2021-05-12 4063.04; 2025-11-20 6538.76, 11-21 6602.99, 11-24 6705.12, 11-25 6765.88, 11-26
6812.61), us_cpi_monthly.csv and fred_macro_long.csv (CPI-U NSA 2022-04 y/y 8.26%; CPIAUCSL
2021-04 m/m 0.67%, CPI-U NSA 2021-04 m/m 0.82%; core CPI 2022-04 y/y 6.16%), fred_daily_long.csv
(DGS10 2024-12-31 4.58, 2025-12-30 4.14).
"""

from __future__ import annotations

import datetime as dt

import pytest

from thesis.claims import check_text, extract_claims, parse_article
from thesis.claims.subjects import SubjectFinder, companies
from thesis.text.tokens import tokenize


def _check(store, text: str, date: str):
    return check_text(parse_article(text.encode(), "t.txt"), store, date=date).results


def _verdicts(store, text: str, date: str) -> dict[str, str]:
    return {r.claim.quote: r.verdict for r in _check(store, text, date)}


def _one(store, text: str, date: str, needle: str):
    hits = [r for r in _check(store, text, date) if needle in r.claim.quote]
    assert hits, [(r.claim.measure, r.claim.quote) for r in _check(store, text, date)]
    return hits[0]


# ------------------------------------------------------------------ (a) the subject: named, nearest
def test_a_company_alias_does_not_shadow_an_index():
    """ "Nasdaq, Inc." in the store's reference data: a bare "Nasdaq" is still the index."""
    finder = SubjectFinder(companies([("NDAQ", "Nasdaq, Inc."), ("ETSY", "Etsy, Inc.")]))
    found = finder.find(tokenize("Despite the Nasdaq’s seventh consecutive weekly gain"))
    assert [m.subject.key for m in found if m.subject] == ["nasdaq"]


@pytest.mark.parametrize(
    "text",
    ["ETSY Inc. (ETSY) tumbled 8.44%", "Acme Corp. fell 3%", "Etsy (ETSY) fell 3%",
     "Acme (NYSE: ACME) fell 3%"],
)  # fmt: skip
def test_an_unknown_company_is_a_subject(text):
    found = SubjectFinder().find(tokenize(text))
    assert found and found[0].unknown and found[0].subject is None


def test_a_known_ticker_in_brackets_names_its_fund():
    found = SubjectFinder().find(tokenize("Utilities Select Sector SPDR (XLU) gained 0.9%"))
    assert [m.subject.key for m in found if m.subject] == ["xlu"]


def test_a_nearer_company_takes_the_number(claims_store):
    # the S&P 500 after the number is a modifier ("the worst performing S&P 500 stock")
    text = "ETSY Inc. (ETSY) tumbled 8.44% to close at $70.62 as the worst performing S&P 500 stock on Thursday."
    assert set(_verdicts(claims_store, text, "2024-02-22").values()) == {"unverifiable"}


def test_a_back_reference_supports_but_never_contradicts(claims_store):
    # the article names another series: "the index" may be either, so it only supports
    head = "The S&P 500 closed at 6,602.99 on Friday while Nvidia fell. "
    wrong = _one(claims_store, head + "The index rose 5% on the day.", "2025-11-21", "5%")
    assert wrong.verdict == "unverifiable" and "back-reference" in wrong.evidence
    right = _one(claims_store, head + "The index rose 0.98% on the day.", "2025-11-21", "0.98%")
    assert right.verdict == "supported"
    named = _one(claims_store, head + "The S&P 500 rose 5% on the day.", "2025-11-21", "5%")
    assert named.verdict == "contradicted"
    # the article's only series: the back-reference can point nowhere else (round 60)
    sole = "The S&P 500 closed at 6,602.99 on Friday. The index rose 5% on the day."
    assert _one(claims_store, sole, "2025-11-21", "5%").verdict == "contradicted"


def test_a_name_in_a_list_or_an_aside_does_not_bind_strictly():
    # a relative clause between commas describes the subject: the names inside it are not the
    # figure's (round 70; before it, Microsoft bound loosely)
    text = "The Nasdaq Composite, which counts giants such as Apple and Microsoft, settled up 1.3 percent."
    c = next(c for c in extract_claims(text, dt.date(2020, 12, 1)) if c.measure == "change")
    assert c.subject is not None and c.subject.key == "nasdaq" and "subject" not in c.loose
    text = (
        "The Nasdaq Composite, led by giants such as Apple and Microsoft, settled up 1.3 percent."
    )
    c = next(c for c in extract_claims(text, dt.date(2020, 12, 1)) if c.measure == "change")
    assert c.subject is None or c.subject.key == "nasdaq" or "subject" in c.loose
    text = "Apple and Microsoft rose 5% on Tuesday."
    c = next(c for c in extract_claims(text, dt.date(2020, 12, 1)) if c.measure == "change")
    assert "one of a list" in c.loose["subject"]


def test_another_asset_between_the_name_and_the_number():
    text = "The S&P 500 was little changed while the dollar fell 5% on Tuesday."
    c = next(c for c in extract_claims(text, dt.date(2020, 12, 1)) if c.stated_value == -5)
    assert c.subject is None or "subject" in c.loose
    text = "The S&P 500 was little changed while oil fell 5% on Tuesday."
    c = next(c for c in extract_claims(text, dt.date(2020, 12, 1)) if c.stated_value == -5)
    assert c.subject is not None and c.subject.key == "oil"


def test_a_fronted_clause_takes_the_main_clause_subject():
    # "After ending May at 2.74%, the 10-year yield ...": the opening clause's subject
    c = next(
        c
        for c in extract_claims(
            "After ending May at 2.74%, the 10-year yield has rocketed higher.",
            dt.date(2022, 6, 14),
        )
        if c.measure == "yield"
    )
    assert c.subject.key == "ust10y" and "subject" not in c.loose


# ------------------------------------------------------------------------ (b) the unit fits
def test_a_dollar_amount_is_not_an_index_level(claims_store):
    dollars = _one(
        claims_store, "The S&P 500 closed at $6,700.00 on Friday.", "2025-11-21", "6,700"
    )
    assert dollars.verdict == "unverifiable" and "dollar amount" in dollars.evidence
    points = _one(claims_store, "The S&P 500 closed at 6,700.00 on Friday.", "2025-11-21", "6,700")
    assert points.verdict == "contradicted"


# ---------------------------------------------------------------------- (c) the measure is stated
@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("The S&P 500 closed at a record high on Friday.", "contradicted"),  # 6602.99 < 6890.89
        ("The S&P 500 hit a record high on Friday.", "unverifiable"),  # may be intraday
    ],
)
def test_a_record_is_contradicted_only_as_a_close(claims_store, text, verdict):
    assert _one(claims_store, text, "2025-11-21", "record").verdict == verdict


def test_a_gain_over_an_uncounted_stretch(claims_store):
    text = "The S&P 500 rose 21.8% in 15 weeks, the biggest advance over such a stretch since Aug. 28, 2020."
    r = _one(claims_store, text, "2024-02-09", "such a stretch")
    assert r.verdict == "unverifiable" and "count the stretch" in r.evidence


@pytest.mark.parametrize(
    ("date", "text", "needle", "verdict"),
    [
        # "over last year": year over year (8.26%), not the month's 0.39%
        ("2022-05-11", "The CPI rose 8.3% in April over last year, down from March's 8.5% increase.",
         "8.3%", "supported"),
        # "from April 2021": twelve months to April 2022 (core 6.16%), not April 2021's own month
        ("2022-05-13", "The core CPI increased 0.6 percent from a month earlier and 6.2 percent "
         "from April 2021.", "6.2", "supported"),
        # March is the 0.6%'s month; April's 0.8% fits the unadjusted series (0.82%) though not
        # the seasonally adjusted one (0.67%): a sibling reading, not a contradiction
        ("2021-05-12", "The consumer price index increased 0.8% from the prior month after a 0.6% "
         "gain in March.", "0.8%", "unverifiable"),
        # the December figure was not in the store: the older November 4.6% does not contradict
        ("2026-01-09", "A December jobs report showed the economy added 50,000 jobs, while the "
         "unemployment rate dipped to 4.4%.", "4.4%", "unverifiable"),
    ],
)  # fmt: skip
def test_macro_readings(claims_store, date, text, needle, verdict):
    r = _one(claims_store, text, date, needle)
    assert r.verdict == verdict, r.evidence


def test_a_month_another_figure_owns():
    text = (
        "The consumer price index increased 0.8% from the prior month after a 0.6% gain in March."
    )
    c = next(c for c in extract_claims(text, dt.date(2021, 5, 12)) if c.stated_value == 0.8)
    assert c.period is not None and c.period.first is None  # not March: the latest release


# ------------------------------------------------------------------------------ (d) role words
def test_a_starting_value_is_not_the_level_now(claims_store):
    results = _check(
        claims_store, "The 10-year Treasury yield fell from 4.57% to 4.12% in 2025.", "2025-12-31"
    )
    start = next(r for r in results if r.claim.stated_value == 4.57)
    assert start.verdict != "contradicted" and "role word" in start.evidence


def test_figures_expected_by_economists(claims_store):
    text = ("August CPI jumped 0.3% month-to-month, or 5.3% from a year earlier, below the 0.4% "
            "increase and 5.4% annual gain expected respectively by economists.")  # fmt: skip
    got = _verdicts(claims_store, text, "2021-09-14")
    assert "contradicted" not in got.values()
    c = next(c for c in extract_claims(text, dt.date(2021, 9, 14)) if c.stated_value == 0.4)
    assert "role" in c.loose or "forecast" in c.qualifiers


# ---------------------------------------------------------------------- (e) the clause's own date
def test_a_date_of_another_clause_does_not_carry(claims_store):
    text = "The S&P 500 last stood there on January 26, although the S&P 500 ended the day at 2,862.96."
    assert _one(claims_store, text, "2018-08-21", "2,862.96").verdict == "supported"
    text = "After closing at a record high on Friday, the S&P 500 dropped 2.14%."
    assert _one(claims_store, text, "2021-05-12", "2.14%").verdict == "supported"


def test_a_date_carries_to_an_apposition_and_from_an_opening_phrase(claims_store):
    got = _one(
        claims_store,
        "The S&P 500 closed at 6,650.12 on Friday, a rise of 1.9%.",
        "2025-11-24",
        "1.9%",
    )
    assert got.verdict == "contradicted"  # Friday 2025-11-21: +0.98%
    got = _one(claims_store, "On Friday, the S&P 500 rose 1.9%.", "2025-11-24", "1.9%")
    assert got.verdict == "contradicted"


def test_a_period_from_another_clause():
    text = "The S&P 500 dropped 2.4 percent in the five-day period and closed Friday at 4,024."
    c = next(c for c in extract_claims(text, dt.date(2022, 5, 13)) if c.stated_value == -2.4)
    assert c.period is not None and (c.period.kind, c.period.n, c.period.unit) == (
        "trailing",
        5,
        "session",
    )


# ----------------------------------------------------------------------------- (f) sanity gate
def test_a_figure_of_an_older_session(claims_store):
    # dated only by the article (2025-11-26): 6,705.12 is the close of 11-24, two sessions back
    r = _one(claims_store, "The S&P 500 closed at 6,705.12.", "2025-11-26", "6,705.12")
    assert r.verdict == "unverifiable" and "2025-11-24" in r.evidence
    r = _one(claims_store, "The S&P 500 closed at 6,600.00.", "2025-11-26", "6,600")
    assert r.verdict == "contradicted"


def test_a_weekend_anchor_is_a_calendar_error(claims_store):
    text = "The S&P 500 posted its largest one-day percentage decline since Aug. 28, 2011."
    r = _one(claims_store, text, "2020-02-27", "since Aug. 28, 2011")
    assert r.verdict == "contradicted" and "Sunday" in r.evidence


def test_a_live_article_on_track(claims_store):
    text = "The VIX was on track for its biggest jump of the month. The S&P 500 fell 1% to 2,746."
    assert "contradicted" not in _verdicts(claims_store, text, "2018-06-19").values()


def test_a_live_article_in_recent_trade(claims_store):
    # written during the session: "was at 25.73, up 24%, in recent trade"; the S&P 500 closed
    # -0.15% on 2018-12-06, but its "down 2.3%" was an intraday figure
    text = (
        "The CBOE Volatility Index was at 25.73, up 24%, in recent trade. Meanwhile, on Thursday, "
        "the S&P 500 index was down 2.3% at 2,639."
    )
    assert "contradicted" not in _verdicts(claims_store, text, "2018-12-06").values()
    # a Sunday's "today" is no open session: a figure of it is not intraday
    c = next(
        c
        for c in extract_claims(
            "Stocks were on pace for gains. Today the S&P 500 is up 5% on the year.",
            dt.date(2025, 6, 29),
        )
        if c.measure == "change"
    )
    assert "intraday" not in c.qualifiers


@pytest.mark.parametrize(
    "text",
    [
        "The real 10-year yield stands at 1.11%.",
        "The inflation-adjusted 10-year Treasury yield stands at 1.11%.",
        "The 10-year TIPS yield stands at 1.11%.",
        "Real ten-year yields stand at 1.11%.",
    ],
)
def test_a_real_yield_is_not_the_nominal_one(claims_store, text):
    # the nominal 10-year closed at 2.90% on 2018-06-22: a real yield is another series
    assert "contradicted" not in _verdicts(claims_store, text, "2018-06-22").values()
    found = SubjectFinder().find(tokenize(text))
    assert not any(m.subject is not None and m.subject.key == "ust10y" for m in found)


def test_a_growth_rate_is_not_the_day_s_move(claims_store):
    text = "The S&P 500 closed at 2,754.88 on 22 June 2018, with earnings growth of -0.6% a year."
    assert "contradicted" not in _verdicts(claims_store, text, "2018-06-22").values()
