"""A contradiction another simple statistic of the same subject explains is ``unverifiable``
(``thesis.claims.explained``): the stated figure is, within its own tolerance, the same
measure on a neighbouring session, another to-date period ending on the claim's day, the
macro series' adjacent month or other transform, or the ratio of two levels the sentence
states. The evidence names that statistic; a figure no alternative matches stays contradicted.

Data by hand (S&P 500 closes): 2023-12-29 4,769.83; 2024-03-28 5,254.35; 2024-06-14 5,431.60;
2024-06-17 5,473.23; 2024-06-18 5,487.03 (year to date +15.04%, quarter to date +4.43%,
2024-06-17's move +0.77%, 2024-06-18's +0.25%). Core CPI, not seasonally adjusted, year over
year: 2022-07 5.90%, 2022-08 6.29%; month over month 2022-08 0.51%.
"""

from __future__ import annotations

import pytest
from claim_results import results

DAY = "2024-06-18"


def _one(store, text: str, date: str, measure: str):
    got = results(store, text, date, measure)
    assert len(got) == 1, [(r.claim.quote, r.verdict) for r in got]
    return got[0]


def test_a_move_no_neighbouring_session_fits_is_contradicted(claims_store):
    r = _one(claims_store, "The S&P 500 rose 6.9% on Tuesday.", DAY, "change")
    assert r.verdict == "contradicted", r.evidence


def test_a_move_of_the_session_before_is_no_alternative(claims_store):
    # a day's move on the neighbouring session was dropped as an alternative (round 25)
    r = _one(claims_store, "The S&P 500 rose 0.77% on Tuesday.", DAY, "change")
    assert r.verdict == "contradicted", r.evidence


def test_a_whole_figure_is_never_explained(claims_store):
    # "15%" (14.5 to 15.5) fits too many nearby statistics to name one
    r = _one(claims_store, "The S&P 500 is up 15% so far this quarter.", DAY, "change")
    assert r.verdict == "contradicted", r.evidence


def test_a_quarter_to_date_figure_that_is_the_year_to_date_is_not_contradicted(claims_store):
    r = _one(claims_store, "The S&P 500 is up 15.0% so far this quarter.", DAY, "change")
    assert r.verdict == "unverifiable", r.evidence
    assert "the stated +15.0% is the S&P 500's year-to-date change to the close of 2024-06-18" in (
        r.evidence
    )


def test_a_to_date_figure_no_period_fits_is_contradicted(claims_store):
    r = _one(claims_store, "The S&P 500 is up 25.0% so far this quarter.", DAY, "change")
    assert r.verdict == "contradicted", r.evidence


def test_a_macro_figure_of_the_month_before_is_not_contradicted(claims_store):
    r = _one(claims_store, "Core CPI rose 5.9% year over year in August.", "2022-09-13", "macro")
    assert r.verdict == "unverifiable", r.evidence
    assert "core CPI yoy reading of 2022-07 (the previous month)" in r.evidence


def test_a_macro_figure_of_the_other_transform_is_not_contradicted(claims_store):
    r = _one(claims_store, "Core CPI rose 6.3% month over month in August.", "2022-09-13", "macro")
    assert r.verdict == "unverifiable", r.evidence
    assert "yoy reading of 2022-08 (the other transform of month)" in r.evidence


def test_a_macro_figure_no_nearby_reading_fits_is_contradicted(claims_store):
    r = _one(claims_store, "Core CPI rose 4.2% year over year in August.", "2022-09-13", "macro")
    assert r.verdict == "contradicted", r.evidence


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 rose 2.3% on Tuesday, with the index at 5,115 against 5,000 a week ago.",
        "The S&P 500 rose 2.3% on Tuesday, with the index at 5,000 against 5,115 a week ago.",
    ],
)
def test_a_move_that_is_the_ratio_of_two_stated_levels_is_not_contradicted(claims_store, text):
    r = _one(claims_store, text, DAY, "change")
    assert r.verdict == "unverifiable", r.evidence
    assert "two levels its own sentence states" in r.evidence


def test_a_move_no_ratio_of_the_stated_levels_fits_is_contradicted(claims_store):
    text = "The S&P 500 rose 1.5% on Tuesday, with the index at 5,115 against 5,000 a week ago."
    r = _one(claims_store, text, DAY, "change")
    assert r.verdict == "contradicted", r.evidence


def test_a_level_on_a_neighbouring_session_stays_contradicted(claims_store):
    # the close of another session is no alternative: a close stated on the wrong day is wrong
    r = _one(claims_store, "The S&P 500 closed at 5,473.23 on Tuesday.", DAY, "close")
    assert r.verdict == "contradicted", r.evidence


def test_a_month_just_ended_may_be_its_total_return(claims_store):
    # "a monthly gain" in a review published on 2022-06-02 is May's: price +0.005%, total return
    # (SPY with dividends) +0.23%; neither reading contradicts "0.2%", 3.2% fits none
    got = results(
        claims_store, "The S&P 500 eked out a monthly gain of 0.2%.", "2022-06-02", "change"
    )
    assert [r.verdict for r in got] == ["unverifiable"], [(r.claim.quote, r.evidence) for r in got]
    assert "May 2022" in got[0].evidence or "2022-05-31" in got[0].evidence
    got = results(
        claims_store, "The S&P 500 eked out a monthly gain of 3.2%.", "2022-06-02", "change"
    )
    assert [r.verdict for r in got] == ["contradicted"], [(r.claim.quote, r.evidence) for r in got]


def test_a_figure_to_date_at_the_end_of_the_quarter_before(claims_store):
    # a quarterly commentary dated 2021-10-08: "up 15.9% YTD" is the total return to 2021-09-30
    # (SPY with dividends +15.90%; the price change to 10-08 is +16.91%); 19.9% fits nothing
    text = "Quarterly Market Commentary. The S&P 500 is up 15.9% YTD."
    got = results(claims_store, text, "2021-10-08", "change")
    assert [r.verdict for r in got] == ["unverifiable"], [(r.claim.quote, r.evidence) for r in got]
    assert "the quarter before" in got[0].evidence
    got = results(claims_store, text.replace("15.9%", "19.9%"), "2021-10-08", "change")
    assert [r.verdict for r in got] == ["contradicted"], [(r.claim.quote, r.evidence) for r in got]
