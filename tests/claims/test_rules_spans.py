"""Round 9: a contradiction only from a fully bound period (``thesis.claims.spans``).

* span words the rule did not consume ("over the last decade", "over two years", "in recent
  years", "a three-year rally") leave a change supported at most, for every rule that reads a
  change or a level: never judged on a narrower default period (the session, the year named);
* two dates joined ("from 2022 through the end of 2023", "between March and June 2023") are the
  period itself, judged from the close before the first date to the last close of the second;
* "since the end of 2022" starts at that year's last close, not at the start of its last months.

sp500_daily_fred.csv: 2021-12-31 4766.18, 2022-12-30 3839.50, 2023-06-30 4450.38, 2023-12-28
4783.35, 2023-12-29 4769.83 (−0.28% on the day, +24.23% in 2023, +0.08% over 2022–2023);
us_treasury_2y_10y_daily.csv 10-year 2023-12-28 3.84, 2023-12-29 3.88.
"""

from __future__ import annotations

import pytest
from claim_results import results

DATE = "2023-12-29"


def _results(store, text: str, date: str = DATE):
    return results(store, text, date)


def _measure(store, text: str, measure: str, date: str = DATE):
    got = [r for r in _results(store, text, date) if r.claim.measure == measure]
    assert len(got) == 1, [(r.claim.measure, r.claim.quote) for r in _results(store, text, date)]
    return got[0]


# (rule class, measure, a sentence whose frame is fully bound and wrong, the same claim with
# span words the rule does not read)
CASES = [
    (
        "noun_move",
        "change",
        "The S&P 500 delivered a 40% gain in 2023.",
        "The S&P 500 delivered a 40% gain in 2023 over the last decade.",
    ),
    (
        "move with its close",
        "change",
        "The S&P 500 rose 5% to 4,769.83.",
        "The S&P 500 rose 5% in recent years to 4,769.83.",
    ),
    (
        "points move with its close",
        "points_change",
        "The S&P 500 gained 300 points to 4,769.83.",
        "The S&P 500 gained 300 points over three years to 4,769.83.",
    ),
    (
        "yield move with its level",
        "yield_change",
        "The 10-year yield fell 40 basis points to 3.88%.",
        "The 10-year yield fell 40 basis points over two years to 3.88%.",
    ),
    (
        "a named year",
        "change",
        "The S&P 500 climbed 40% in 2023.",
        "The S&P 500 climbed 40% in 2023 and over the past decades.",
    ),
]


@pytest.mark.parametrize(("rule", "measure", "bound", "span"), CASES, ids=[c[0] for c in CASES])
def test_unconsumed_span_words_never_contradict(claims_store, rule, measure, bound, span):
    assert _measure(claims_store, bound, measure).verdict == "contradicted"
    got = [r for r in _results(claims_store, span) if r.claim.measure == measure]
    assert all(r.verdict != "contradicted" for r in got), [(r.claim.quote, r.evidence) for r in got]
    for r in got:
        assert "period" in r.claim.loose or r.claim.missing or r.claim.assumed, r.claim


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("The S&P 500 posted a 0.1% rise from 2022 through the end of 2023.", "supported"),
        ("The S&P 500 posted a 24% rise from 2022 through the end of 2023.", "contradicted"),
        ("The S&P 500 notched a 7.2% gain between July and December 2023.", "supported"),
        ("The S&P 500 notched a 17% gain between July and December 2023.", "contradicted"),
    ],
)
def test_two_dates_joined_are_the_period(claims_store, text, verdict):
    r = _measure(claims_store, text, "change")
    assert r.claim.period.kind == "span" and r.verdict == verdict, r.evidence


def test_a_span_the_data_do_not_cover_is_not_judged(claims_store):
    r = _measure(claims_store, "The S&P 500 posted a 90% rise from 1900 through 1950.", "change")
    assert r.verdict == "unverifiable", r.evidence


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("The S&P 500 is up 24.2% since the end of 2022.", "supported"),
        ("The S&P 500 is up 60% since the end of 2022.", "contradicted"),
    ],
)
def test_since_the_end_of_a_year_starts_at_its_last_close(claims_store, text, verdict):
    r = _measure(claims_store, text, "change")
    assert r.verdict == verdict and "2022-12-30" in r.evidence, r.evidence


def test_a_span_of_another_figure_is_not_the_claims(claims_store):
    # the decade is the 150%'s: the day's move stays bound (and wrong)
    text = "The S&P 500 fell 3% to 4,769.83, after a 150% gain over the last decade."
    r = next(r for r in _results(claims_store, text) if r.claim.quote.endswith("4,769.83"))
    assert r.claim.measure == "change" and "period" not in r.claim.loose, r.claim.loose
