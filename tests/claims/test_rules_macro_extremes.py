"""Records and N-year/N-month extremes of macro series: "a 30-year high" of inflation, "the
highest since 1990", "the lowest unemployment rate in 15 years", "a record low". Read on the
month the sentence's own figure is of (or the months that figure fits), against every month
since the anchor (a record: the series' whole history, confirmed only when the store holds it
all); CPI and core CPI year over year, the unemployment rate as a level, payrolls as a month's
change; a month beyond the current one by more than the series' revision band contradicts.
A yield's record is over its daily closes.

By hand from us_cpi_monthly.csv (CPI-U NSA, year over year): 2008-07 5.60%, 1991-01 5.65%,
2021-06 5.39%, 2021-07 5.37%, 2022-05 8.58%, 2022-06 9.06%, 1920-06 23.7%. core_cpi (SA) year
over year: 2022-03 6.5%, 2022-06 5.9%. unrate: 2019-09 3.5% (lowest since 1980 in the store;
the store starts in 1980, the series in 1948), 2020-03 4.4%, 2020-04 14.8%. ust10y: 2020-03-09
0.54, 2020-08-04 0.52 (its lowest close since 1962), 2020-08-10 0.59.
"""

from __future__ import annotations

import pytest

from thesis.claims import check_text, parse_article


def _extreme(store, text: str, date: str):
    rep = check_text(parse_article(text.encode(), "t.txt"), store, date=date)
    (r,) = [r for r in rep.results if r.claim.measure == "since"]
    return r


@pytest.mark.parametrize(
    ("date", "text", "verdict"),
    [
        # June 2021's 5.4% was last beaten in July 2008: a 13-year high, not a 30-year one
        ("2021-07-13", "Consumer prices were up 5.4% from a year earlier, a 30-year high.",
         "contradicted"),
        ("2021-07-13", "Consumer prices were up 5.4% from a year earlier, a 13-year high.",
         "supported"),
        ("2021-07-13", "Consumer prices rose 5.4% from a year earlier, the highest since 2008.",
         "supported"),
        ("2021-07-13", "Consumer prices rose 5.4% from a year earlier, the highest since 1990.",
         "contradicted"),
        ("2021-07-13",
         "Consumer prices rose 5.4% from a year earlier, the highest inflation rate in 30 years.",
         "contradicted"),
        ("2022-06-13",
         "Friday's data showed the consumer-price index shooting to a fresh 40-year high of 8.6% "
         "year-over-year.", "supported"),
        # core CPI peaked at 6.5% in March 2022: June's 5.9% was no 40-year high (beyond 0.3 pp)
        ("2022-07-13", "Core CPI rose 5.9% from a year earlier, a 40-year high.", "contradicted"),
        ("2022-07-13", "Inflation hit a record high of 9.1% in June.", "contradicted"),
        ("2019-10-04", "The unemployment rate fell to 3.5%, a 20-year low.", "supported"),
        ("2019-10-04",
         "The jobless rate fell to 3.5% in September, the lowest unemployment rate in 15 years.",
         "supported"),
        ("2020-06-05", "The unemployment rate fell to 13.3%, a four-month low.", "contradicted"),
        # the store's unemployment rate starts in 1980, the series in 1948
        ("2019-10-04", "The unemployment rate fell to 3.5%, a record low.", "unverifiable"),
        ("2019-10-04", "The unemployment rate fell to 3.5%, the lowest since 1969.", "unverifiable"),
    ],
)  # fmt: skip
def test_extremes_of_macro_series(claims_store, date, text, verdict):
    r = _extreme(claims_store, text, date)
    assert r.claim.subject is not None and r.claim.subject.kind in ("inflation", "labor")
    assert r.verdict == verdict, r.evidence


def test_the_extreme_is_about_the_month_of_its_figure(claims_store):
    """On 12 August 2021 (July's CPI came out on the 11th; the catalog's lag says the 15th) the
    figure and its extreme are July's, the month just released."""
    text = "Consumer prices were up 5.4% from a year earlier, a 13-year high."
    rep = check_text(parse_article(text.encode(), "t.txt"), claims_store, date="2021-08-12")
    by = {r.claim.measure: r for r in rep.results}
    assert by["macro"].verdict == "supported" and "2021-07" in by["macro"].evidence
    assert by["since"].verdict == "supported" and "2021-07" in by["since"].evidence


def test_a_revision_band_keeps_a_near_miss_unjudged(claims_store):
    """The unemployment rate is revised (±0.2): 3.8% in February 2019 was beaten by 3.7% in
    late 2018, within the band, so "a 10-year low" is not contradicted on that alone."""
    r = _extreme(claims_store, "The jobless rate fell to 3.8%, a 10-year low.", "2019-03-08")
    assert r.verdict == "unverifiable", r.evidence


@pytest.mark.parametrize(
    ("date", "text", "verdict"),
    [
        ("2020-08-04", "The 10-year Treasury yield closed at a record low of 0.52% on Tuesday.",
         "supported"),
        ("2020-08-10", "The 10-year yield closed at a record low of 0.59% on Monday.",
         "contradicted"),
        # beaten by 0.03 pp: within the gap between two sources' closing yields
        ("2020-08-05", "The 10-year yield closed at a record low of 0.55% on Wednesday.",
         "unverifiable"),
        # not said to be a close: an intraday record is another reading
        ("2020-08-10", "The 10-year yield hit a record low of 0.59% on Monday.", "unverifiable"),
    ],
)  # fmt: skip
def test_a_yield_record_is_over_daily_closes(claims_store, date, text, verdict):
    r = _extreme(claims_store, text, date)
    assert r.verdict == verdict, r.evidence
