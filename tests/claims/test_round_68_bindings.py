"""Bindings added in round 68 (heldout64-67's first sight), each a class of phrasing:

- "declining 26.83 points from the previous session": a relative day after "from", "than" or
  "over" is the base of a comparison, not the day the sentence's figures are of;
- "The S&P 500 reversed its previous momentum, closing down 0.39%": "its" in the clause of the
  sentence's only series points to that series;
- "gained 24% for the year after losing 20% in 2022": a year named past another figure is that
  figure's, not the year "for the year" means;
- "the S&P 500's tech index", "the S&P 500 energy index": another index than the name's;
- "a median annual gain of 13%": a statistic over years, like an average;
- "down 26.83 points from the previous session": the session's move, its period stated;
- "since January of 2022": one month (the text layer reads "Month of YYYY");
- "surprised expectations by decelerating to 8.3%", "a worse-than-expected report", "by the end
  of trading on Tuesday": an outcome compared with a forecast, a session that ended: no forecast;
- "Stocks got a lift from data that showed U.S. manufacturing expanded at the fastest pace": a
  noun of the economy after a market's name makes the figure the economy's;
- "concluded the day at 4,839.81, representing a gain of over 1 percent": a level a session ended
  at is a close, the percent its move (never an upside to it).
"""

from __future__ import annotations

from claim_results import results

XMAS_EVE = "2025-12-24"  # S&P 500 closes: 2025-12-23 6,909.79, 2025-12-24 6,932.05 (both up)


def test_a_relative_day_after_from_is_a_base_not_the_day(claims_store):
    text = (
        "The S&P 500 reversed course, closing down 0.39% at 6,903.11 points, declining 26.83 "
        "points from the previous session."
    )
    got = [r for r in results(claims_store, text, XMAS_EVE, "change") if "0.39%" in r.claim.quote]
    assert [r.verdict for r in got] == ["contradicted"], [(r.claim.quote, r.evidence) for r in got]


def test_its_in_the_clause_of_the_only_series_binds_that_series(claims_store):
    text = "The S&P 500 reversed its previous momentum, closing down 0.39% at 6,903.11 points."
    got = [r for r in results(claims_store, text, XMAS_EVE, "change") if "0.39%" in r.claim.quote]
    assert [r.verdict for r in got] == ["contradicted"], [(r.claim.quote, r.evidence) for r in got]
    assert got[0].claim.subject is not None and got[0].claim.subject.key == "sp500"


def test_its_in_another_clause_stays_a_back_reference(claims_store):
    # "its" after the first clause: the clause's own name is not there, the reference stays loose
    text = (
        "The yield on the benchmark 10-year Treasury slumped to 2.782%, down from about 2.830% "
        "before the Fed's announcement and its lowest level since May."
    )
    got = results(claims_store, text, "2018-12-19", "since")
    assert got and all(r.verdict != "contradicted" for r in got), [
        (r.claim.quote, r.evidence) for r in got
    ]


def test_a_year_past_another_figure_is_that_figures(claims_store):
    text = "The S&P 500 Index (SPX) gained 24% for the year after losing close to 20% in 2022."
    got = [r for r in results(claims_store, text, "2024-01-04", "change") if "24%" in r.claim.quote]
    assert [r.verdict for r in got] == ["supported"], [(r.claim.quote, r.evidence) for r in got]
    assert "2023-12-29" in got[0].evidence


def test_a_year_before_the_claims_own_figure_is_still_its_year(claims_store):
    got = results(
        claims_store, "For 2023, the S&P 500 gained 24% for the year.", "2024-03-01", "change"
    )
    assert [r.verdict for r in got] == ["supported"], [(r.claim.quote, r.evidence) for r in got]


def test_an_index_of_a_sector_is_not_the_named_index(claims_store):
    for text in (
        "The S&P 500's tech index dropped 0.9% on Wednesday.",
        "The S&P 500 energy index dropped 0.9% on Wednesday.",
    ):
        got = results(claims_store, text, "2025-12-31", "change")
        assert got and all(r.verdict == "unverifiable" for r in got), [
            (r.claim.quote, r.evidence) for r in got
        ]
    # the name's own index, in its usual words, is still the S&P 500 (-0.74% that day)
    for text in (
        "The S&P 500 index dropped 0.74% on Wednesday.",
        "The S&P 500 benchmark index dropped 0.74% on Wednesday.",
    ):
        got = results(claims_store, text, "2025-12-31", "change")
        assert [r.verdict for r in got] == ["supported"], [(r.claim.quote, r.evidence) for r in got]


def test_a_median_annual_gain_is_a_statistic(claims_store):
    text = "The S&P 500 historically posts a median annual gain of 13%."
    got = results(claims_store, text, "2025-01-31", "change")
    assert got and all("average" in r.claim.qualifiers for r in got)
    assert all(r.verdict == "unverifiable" for r in got)


def test_a_move_from_the_previous_session_is_the_sessions(claims_store):
    # 2025-12-24: +22.26 points, +0.32% (the period is the words', never assumed)
    got = results(
        claims_store, "The S&P 500 fell 26.83 points from the previous session.", XMAS_EVE
    )
    assert [r.verdict for r in got] == ["contradicted"], [(r.claim.quote, r.evidence) for r in got]
    for text in (
        "The S&P 500 rose 0.32% from the prior trading day.",
        "The S&P 500 rose 0.32% from the previous close.",
    ):
        got = results(claims_store, text, XMAS_EVE)
        assert [r.verdict for r in got] == ["supported"], [(r.claim.quote, r.evidence) for r in got]
        assert "period" not in got[0].claim.assumed


def test_a_month_of_a_year_is_one_month(claims_store):
    # 2023-06-13: 4,369.01; closes above it as late as 2022-04-21: not the highest since January
    text = "The S&P 500 rose to its highest level since January of 2022."
    got = results(claims_store, text, "2023-06-13", "since")
    assert [r.verdict for r in got] == ["contradicted"], [(r.claim.quote, r.evidence) for r in got]


def test_an_outcome_compared_with_expectations_is_no_forecast(claims_store):
    day = "2022-09-13"  # CPI 2022-08: 8.26% year over year; S&P 500 -4.32%
    for text in (
        "However, inflation surprised expectations by decelerating to 8.3% year-over-year.",
        "The stock market had its worst day since June 2020 following a worse-than-expected CPI report.",
        "The sell-off knocked the benchmark S&P 500 down by 4.3% by the end of trading on Tuesday.",
    ):
        got = results(claims_store, text, day)
        assert got and all("forecast" not in r.claim.qualifiers for r in got), text
        assert [r.verdict for r in got] == ["supported"], [(r.claim.quote, r.evidence) for r in got]


def test_a_figure_named_as_the_forecast_stays_one(claims_store):
    for text in (
        "The increase was more significant than the predicted 0.4% growth.",
        "CPI rose 3.1%, slightly above the 3.0% forecast.",
        "Wall Street had expected inflation to decrease to 8.1% in August.",
        "Strategists see the S&P 500 up 5% by the end of the year.",
    ):
        got = [
            r
            for r in results(claims_store, text, "2022-09-13")
            if r.claim.stated_value in (0.4, 3.0, 8.1, 5.0)
        ]
        assert got and all("forecast" in r.claim.qualifiers for r in got), text


def test_a_noun_of_the_economy_after_a_market_name_is_the_economys(claims_store):
    text = (
        "Stocks also were getting a lift from data that showed U.S. manufacturing in August "
        "expanded at the fastest pace since late 2018 and topped economists' estimates."
    )
    got = results(claims_store, text, "2020-09-01")
    assert all(r.verdict == "unverifiable" for r in got), [(r.claim.quote, r.evidence) for r in got]
    # a report named after the move is no subject of it
    got = results(claims_store, "Stocks rose 1% after a strong manufacturing report.", "2020-09-01")
    assert [r.verdict for r in got] == ["supported"], [(r.claim.quote, r.evidence) for r in got]


def test_a_level_a_session_ended_at_is_a_close_not_a_target(claims_store):
    # 2024-01-19: 4,839.81, +1.23%; on another day the percent is the move, never an upside to it
    text = "The S&P 500 concluded the day at 4,839.81, representing a gain of over 1 percent."
    got = results(claims_store, text, "2024-01-19")
    assert all(r.claim.measure != "upside" for r in got), [
        (r.claim.quote, r.claim.measure) for r in got
    ]
    assert all(r.verdict == "supported" for r in got), [(r.claim.quote, r.evidence) for r in got]
    got = results(claims_store, text, "2025-12-30")
    assert all(r.claim.measure != "upside" for r in got)
