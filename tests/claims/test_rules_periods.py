"""The period a figure is over, and the month of a macro figure, bound by the words nearest it:

* a counted window ending on a day ("climbed 3.3 percent in the five days through Friday") is
  that window, not the day's move;
* of several calendar periods in a clause, the one nearest the number, after it first ("gains in
  2023 more than wiped out the 19% loss in 2022": the loss is 2022's);
* "closed out 2023 with a gain": a direction and a change over the year, read on its last session
  (an article of the year's last session speaks of a year that has ended);
* a macro figure's month is in its clause or right before it ("rule out a January cut ..., with
  CPI stuck at 2.7%": January is the cut's), and "the Fed's preferred inflation rate" is PCE.

sp500_daily_fred.csv: 2020-08-21 3397.16, 2020-08-27 3484.55, 2020-08-28 3508.01 (+3.26% over the
week, +0.67% on the day); 2021-12-31 4766.18, 2022-12-30 3839.50 (−19.44% in 2022), 2023-12-29
4769.83 (+24.23% in 2023).
"""

from __future__ import annotations

import pytest
from claim_results import results as _results


def _one(store, text: str, date: str, measure: str):
    got = [r for r in _results(store, text, date) if r.claim.measure == measure]
    assert len(got) == 1, [(r.claim.measure, r.claim.quote) for r in _results(store, text, date)]
    return got[0]


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("The S&P 500 index climbed 3.3 percent in the five days through Friday.", "supported"),
        ("The S&P 500 index climbed 0.7 percent in the five days through Friday.", "contradicted"),
    ],
)
def test_a_counted_window_through_a_day(claims_store, text, verdict):
    r = _one(claims_store, text, "2020-08-28", "change")
    assert r.claim.period.kind == "trailing" and r.verdict == verdict, r.evidence


def test_the_nearest_calendar_period_is_the_figures(claims_store):
    text = "The S&P 500's gains in 2023 more than wiped out the 19% loss in 2022."
    r = _one(claims_store, text, "2024-01-02", "change")
    assert r.claim.period.first.year == 2022 and r.verdict == "supported", r.evidence


def test_closed_out_a_year_with_a_gain(claims_store):
    text = "The S&P 500 closed out 2023 with a gain of more than 24%."
    assert _one(claims_store, text, "2023-12-29", "direction").verdict == "supported"
    assert _one(claims_store, text, "2023-12-29", "change").verdict == "supported"
    wrong = "The S&P 500 closed out 2023 with a loss."
    assert _one(claims_store, wrong, "2024-01-02", "direction").verdict == "contradicted"


def test_a_macro_figure_takes_no_month_from_another_clause(claims_store):
    text = (
        "While investors should not rule out a January cut completely, with CPI inflation stuck "
        "at 2.7% year-on-year, the Fed will be cautious."
    )
    r = _one(claims_store, text, "2024-12-18", "macro")
    assert "January" not in r.claim.bound.get("period", ""), r.claim.bound


def test_the_feds_preferred_inflation_rate_is_pce(claims_store):
    text = "The Fed's preferred inflation rate is stuck at 2.8% year-on-year."
    r = _one(claims_store, text, "2024-12-18", "macro")
    assert r.claim.subject.key == "pce" and r.verdict == "unverifiable"


# sp500_daily_fred.csv 2018-03-23 2588.26, 03-26 2658.55 (Monday's rally), 03-27 2612.62 (−1.73%);
# 2021-02-19 3906.71, 02-26 3811.15, 03-01 3901.82 (+2.38%); us_treasury_2y_10y_daily.csv 10-year
# 2021-02-25 1.54 (the highest since early 2020), 03-01 1.45.
def test_a_days_possessive_before_an_event_is_not_the_articles_session(claims_store):
    text = (
        "Tech stocks pull market sharply lower, erasing much of Monday's rally\n"
        "The Standard & Poor's 500 index fell 45.93 points, or 1.7%, to 2,612.62."
    )
    got = [r for r in _results(claims_store, text, "2018-03-27") if r.claim.measure != "other"]
    assert got and all(r.verdict == "supported" for r in got), [r.evidence for r in got]


def test_a_period_in_a_clause_after_the_comma_is_another_events(claims_store):
    text = "The S&P 500 climbed 2.4%, clawing back nearly all of its losses from last week."
    r = _one(claims_store, text, "2021-03-01", "change")
    assert r.claim.period.kind == "day" and r.verdict == "supported", r.evidence


def test_a_claim_in_a_sentence_that_names_another_time_reads_it_too(claims_store):
    text = (
        "The yield on the 10-year Treasury fell to 1.43% after reaching its highest level in "
        "more than a year last week."
    )
    r = _one(claims_store, text, "2021-03-01", "since")
    assert "date" in r.claim.loose and r.verdict == "supported", r.evidence


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        # 2021-09-03 4,535.43, 2021-09-02 4,536.95 (-0.03% on the day), 2021-08-27 4,509.37
        # (+0.58% over the week): the week after the second figure is that figure's, not a week
        # the first one closed out
        ("The S&P 500 finished 0.03% lower on Friday but marked a 0.6% gain for the week.",
         "supported", "supported"),
        ("The S&P 500 finished 0.3% lower on Friday but marked a 0.6% gain for the week.",
         "contradicted", "supported"),
    ],
)  # fmt: skip
def test_a_week_after_another_figure_is_that_figures(claims_store, text, first, second):
    got = [
        r.verdict for r in _results(claims_store, text, "2021-09-03") if r.claim.measure == "change"
    ]
    assert got == [first, second]
