"""A Fed decision's move and target range (claims/fed_decisions.py, round 77)."""

from __future__ import annotations

import datetime as dt

import pytest
from claim_results import results, shown

from thesis.claims.fed_decisions import _solve, decision_levels
from thesis.claims.market import Market


def _fed(rs: list) -> list:
    return [r for r in rs if r.claim.measure in ("fed_move", "fed_range")]


@pytest.mark.parametrize(
    ("text", "date", "verdict"),
    [
        # the daily effective rate: 1.58% → 2.33% the day after 2022-07-27
        ("The Fed raised rates by 75 basis points on Wednesday.", "2022-07-28", "supported"),
        (
            "The Fed raised rates by half a percentage point on Wednesday.",
            "2022-07-28",
            "contradicted",
        ),
        ("The Federal Reserve delivered a 75 basis point rate hike.", "2022-07-28", "supported"),
        (
            "The Federal Reserve announced a rate hike of three quarters of a percentage point.",
            "2022-07-28",
            "supported",
        ),
        (
            "The Fed lifted its benchmark rate by three-quarters of a point.",
            "2022-07-28",
            "supported",
        ),
        # 2020-03-03: an intermeeting cut of 50 bp, on a Tuesday
        (
            "The Fed cut its benchmark interest rate by a half-percentage point on Tuesday.",
            "2020-03-04",
            "supported",
        ),
        ("The Fed cut rates by a quarter point on Tuesday.", "2020-03-04", "contradicted"),
        # after the daily file ends (2023-03-22): the levels solved from the monthly averages
        (
            "The Federal Reserve lowered interest rates by 50 basis points on Wednesday.",
            "2024-09-19",
            "supported",
        ),
        (
            "The Fed cut rates by a quarter percentage point on Wednesday.",
            "2024-12-19",
            "supported",
        ),
        ("The Fed cut rates by 50 basis points on Wednesday.", "2024-12-19", "contradicted"),
        (
            "The Fed delivered a quarter-point rate cut, its first since December.",
            "2025-09-18",
            "supported",
        ),
        # the sum of the moves since a stated date
        (
            "The Fed has raised rates by 525 basis points since March 2022.",
            "2023-09-20",
            "supported",
        ),
        (
            "The Fed has raised rates by 425 basis points since March 2022.",
            "2023-09-20",
            "contradicted",
        ),
    ],
)
def test_a_move_is_the_change_in_the_effective_rate_at_the_decision(
    claims_store, text, date, verdict
):
    rs = results(claims_store, text, date)
    got = _fed(rs)
    assert got and got[0].verdict == verdict, shown(rs)


@pytest.mark.parametrize(
    ("text", "date", "verdict"),
    [
        (
            "The Fed raised the target range for the federal funds rate to 2.25% to 2.5% on "
            "Wednesday.",
            "2022-07-28",
            "supported",
        ),
        (
            "The Fed raised the target range for the federal funds rate to 2.5% to 2.75% on "
            "Wednesday.",
            "2022-07-28",
            "contradicted",
        ),
        (
            "The Fed held interest rates steady at 5.25% to 5.50% on Wednesday.",
            "2024-03-21",
            "supported",
        ),
        (
            "The Fed cut rates on Wednesday, bringing the federal funds rate down to a range of "
            "4.00% to 4.25%.",
            "2025-09-18",
            "supported",
        ),
        # "from": the range before the decision
        (
            "The Fed cut its target range from 4.75%-5% to 4.5%-4.75% on Thursday.",
            "2024-11-08",
            "supported",
        ),
        # "pushing ... to": the decision's result, not a wish ("pushed for")
        (
            "The Fed raised rates by 75 basis points, pushing the fed funds target rate to "
            "between 3.0% and 3.25%.",
            "2022-09-21",
            "supported",
        ),
        # "a range of X and Y percent": one range
        (
            "The Fed cut the federal funds rate by half a point, lowering it to a range of 4.75 "
            "and 5.00 percent.",
            "2024-09-18",
            "supported",
        ),
        (
            "The Fed cut the federal funds rate by half a point, lowering it to a range of 4.50 "
            "and 4.75 percent.",
            "2024-09-18",
            "contradicted",
        ),
    ],
)
def test_a_range_holds_the_effective_rate_after_the_decision(claims_store, text, date, verdict):
    rs = results(claims_store, text, date)
    got = [r for r in _fed(rs) if r.claim.measure == "fed_range"]
    assert got and all(r.verdict == verdict for r in got), shown(rs)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # a count of decisions, not one
        ("The Fed raised rates four times, including three 75 basis point hikes.", "2022-12-01"),
        # another series' move in a sentence on the Fed
        ("After the Fed decision, the 2-year yield posted a 12 basis point rise.", "2024-12-19"),
        ("The Fed's decision lifted the 2-year yield by 12 basis points.", "2024-12-19"),
        # another central bank
        (
            "The Bank of England cut rates by 25 basis points, a day after the Fed held.",
            "2024-11-08",
        ),
        # a forecast
        ("The Fed is expected to cut rates by 50 basis points next week.", "2024-12-11"),
        # a sum of moves with no start
        ("The Fed has cut rates by a total of 100 basis points.", "2024-12-19"),
        # a wish
        ("Bullard pushed for a cut to between 3.0% and 3.25%.", "2022-09-21"),
    ],
)
def test_what_is_not_one_fed_decision_is_not_judged_as_one(claims_store, text, date):
    rs = results(claims_store, text, date)
    assert not [r for r in _fed(rs) if r.verdict != "unverifiable"], shown(rs)


def test_a_move_with_no_date_is_not_contradicted_past_the_articles_week(claims_store):
    """An article a month after a decision may speak of an older one: support only."""
    rs = results(claims_store, "The Fed cut rates by 50 basis points.", "2024-10-20")
    got = _fed(rs)
    assert got and got[0].verdict == "supported", shown(rs)  # 2024-09-18, within seven weeks
    rs = results(claims_store, "The Fed cut rates by 75 basis points.", "2024-10-20")
    assert _fed(rs) and _fed(rs)[0].verdict == "unverifiable", shown(rs)


def test_the_monthly_solution_matches_the_daily_rate_where_both_exist(claims_store):
    """The levels solved from the monthly averages alone agree with the daily rate's three-day
    means within 2 bp (2022, when both files cover the decisions)."""
    m = Market(claims_store, dt.date(2022, 12, 31))
    decisions = m.event_dates("fomc_meeting")
    from thesis.claims import fed_decisions as fd

    for day in (dt.date(2022, 6, 15), dt.date(2022, 9, 21), dt.date(2022, 11, 2)):
        daily = fd._daily_levels(m, day, None, None)
        monthly = fd._monthly_levels(_NoDaily(m), day, decisions)
        assert daily is not None and monthly is not None
        assert abs(daily.after - monthly.after) < 0.02 and abs(daily.move - monthly.move) < 2


class _NoDaily:
    """A market view without the daily effective rate (only the monthly averages)."""

    def __init__(self, m: Market) -> None:
        self.m = m

    def later(self, as_of: dt.date) -> _NoDaily:
        return _NoDaily(self.m.later(as_of))

    def series(self, sid: str):
        return None if sid == "fedfunds_daily" else self.m.series(sid)


def test_no_decision_after_the_stores_data_is_judged(claims_store):
    """2025-12-10 is past the monthly averages (to 2025-11): not judged, and it says so."""
    m = Market(claims_store, dt.date(2025, 12, 11))
    assert decision_levels(m, dt.date(2025, 12, 10), m.event_dates("fomc_meeting")) == []


def test_the_solver_finds_an_exact_solution_and_refuses_a_singular_system():
    assert _solve([[2.0, 1.0], [1.0, 3.0]], [3.0, 5.0]) == pytest.approx([0.8, 1.4])
    assert _solve([[1.0, 1.0], [1.0, 1.0]], [1.0, 1.0]) is None


@pytest.mark.parametrize(
    ("text", "date", "verdict"),
    [
        # the cut before 2025-09-17 was 2024-12-18; the one before 2024-09-18 was 2020-03-15
        (
            "The Fed cut rates by 25 basis points on Wednesday. This marks the Fed's first rate cut "
            "since December 2024.",
            "2025-09-18",
            "supported",
        ),
        (
            "The Fed cut rates on Wednesday, its first rate cut since September 2024.",
            "2025-09-18",
            "contradicted",
        ),
        (
            "The Federal Reserve announced its first rate cut since March 2020 on Wednesday.",
            "2024-09-19",
            "supported",
        ),
        # the hike before 2022-03-16 was 2018-12-19 (the daily rate; the target file is a meeting late)
        (
            "The Federal Reserve announced its first interest rate hike since 2018.",
            "2022-03-17",
            "supported",
        ),
        # the cut before 2019-07-31 was 2008-12-16
        (
            "The Fed cut rates for the first time since 2008 on Wednesday.",
            "2019-08-01",
            "supported",
        ),
        (
            "The Fed cut rates for the first time since 2015 on Wednesday.",
            "2019-08-01",
            "contradicted",
        ),
        # a month named earlier in the sentence dates the decision
        (
            "The Fed first cut in September, its first cut since December 2024.",
            "2025-12-11",
            "supported",
        ),
    ],
)
def test_the_first_move_since_a_date(claims_store, text, date, verdict):
    rs = results(claims_store, text, date)
    got = [r for r in rs if r.claim.measure == "fed_first_since"]
    assert got and got[0].verdict == verdict, shown(rs)


def test_another_series_first_rise_since_is_no_fed_decision(claims_store):
    rs = results(
        claims_store,
        "After the Fed decision, Treasury yields increased for the first time since 2018.",
        "2022-03-17",
    )
    assert not [r for r in rs if r.claim.measure == "fed_first_since"], shown(rs)


@pytest.mark.parametrize(
    ("text", "date", "verdict"),
    [
        # the range after the 2024-12-18 cut was 4.25%-4.50%; 4.50%-4.75% was the one it left
        (
            "The Fed cut rates by a quarter point on Wednesday, bringing the federal funds rate to a "
            "range of 4.5% - 4.75%.",
            "2024-12-19",
            "contradicted",
        ),
        (
            "The Fed cut rates by a quarter point on Wednesday, bringing the federal funds rate to a "
            "range of 4.25% - 4.5%.",
            "2024-12-19",
            "supported",
        ),
        # a verb of the other direction: an earlier decision's range, the one the cut left
        # (2.40% before it), read for support only
        (
            "After raising the benchmark federal funds rate up to the 2.25%-2.5% range over the "
            "course of nine hikes since 2015, the Fed cut rates on Wednesday.",
            "2019-07-31",
            "supported",
        ),
        (
            "The Fed cut rates on Wednesday. The last increase came in December, to put rates at "
            "the current 2.75% to 3% range.",
            "2019-07-31",
            "unverifiable",
        ),
    ],
)
def test_a_range_the_decision_brought_the_rate_to(claims_store, text, date, verdict):
    rs = results(claims_store, text, date)
    got = [r for r in rs if r.claim.measure == "fed_range"]
    assert got and got[0].verdict == verdict, shown(rs)


def test_a_future_meeting_day_with_no_decision_near_is_not_contradicted(claims_store):
    """The March 17-18, 2020 meeting gave way to the March 15 action after the article."""
    rs = results(
        claims_store, "The Fed's next decision is at its March 17-18 meeting.", "2020-03-03"
    )
    got = [r for r in rs if r.claim.measure == "fed_meeting"]
    assert got and got[0].verdict == "unverifiable", shown(rs)


def test_an_inflation_range_is_no_fed_funds_range(claims_store):
    rs = results(
        claims_store,
        "The Fed raised rates on Wednesday. Where the CPI readings get closer to the Fed's 2.0% to "
        "2.5% targeted range is in the annual readings.",
        "2016-12-15",
    )
    assert not [r for r in rs if r.claim.measure == "fed_range"], shown(rs)


def test_a_two_day_meeting_decides_on_its_last_day(claims_store):
    rs = results(
        claims_store,
        "The Federal Reserve raised the Federal Funds rate by 75 basis points to a new range of "
        "1.5% to 1.75% during the June 14-15, 2022 FOMC meeting.",
        "2022-06-15",
    )
    got = [r for r in rs if r.claim.measure in ("fed_move", "fed_range")]
    assert len(got) == 2 and all(r.verdict == "supported" for r in got), shown(rs)


@pytest.mark.parametrize(
    ("text", "date", "verdict"),
    [
        # 2018: hikes on 03-21, 06-13, 09-26, 12-19 (the daily effective rate)
        (
            "The Fed raised interest rates four times in 2018 to near 2.5%.",
            "2018-12-20",
            "supported",
        ),
        ("The Fed raised interest rates three times in 2018.", "2018-12-20", "contradicted"),
        # 2019: cuts on 07-31, 09-18, 10-30
        (
            "The Federal Reserve cut interest rates three times this year.",
            "2019-12-31",
            "supported",
        ),
        ("The Fed has cut rates three times since July.", "2019-12-12", "supported"),
        # 2022: hikes on 03-16, 05-04, 06-15, 07-27 (the January meeting held)
        (
            "The Fed has decided to raise interest rates four times in a row.",
            "2022-07-28",
            "supported",
        ),
    ],
)
def test_a_count_of_decisions(claims_store, text, date, verdict):
    rs = results(claims_store, text, date)
    got = [r for r in rs if r.claim.measure == "fed_count"]
    assert got and got[0].verdict == verdict, shown(rs)


@pytest.mark.parametrize(
    ("text", "date", "verdict"),
    [
        # 2025: holds on 01-29, 03-19, 05-07, 06-18, 07-30 after the cut of 2024-12-18
        (
            "The Federal Reserve held interest rates steady for a fifth straight meeting on "
            "Wednesday.",
            "2025-07-30",
            "supported",
        ),
        (
            "The Fed left rates unchanged for the fourth consecutive meeting on Wednesday.",
            "2025-07-30",
            "contradicted",
        ),
        (
            "The Fed kept its benchmark rate on hold for a fifth straight time.",
            "2025-07-30",
            "supported",
        ),
        # 2022: 75 bp hikes on 06-15, 07-27, 09-21, 11-02 (a 50 bp hike on 05-04 before them)
        (
            "The Fed raised rates on Wednesday, its fourth straight 75 bp hike.",
            "2022-11-02",
            "supported",
        ),
        (
            "The Fed raised rates on Wednesday, its fifth consecutive three-quarter-point "
            "increase.",
            "2022-11-02",
            "contradicted",
        ),
        ("The Fed has cut rates at three meetings in a row.", "2024-12-18", "supported"),
        (
            "The Fed raised rates again on Wednesday, three straight hikes.",
            "2022-06-15",
            "supported",
        ),
    ],
)
def test_a_run_of_holds_or_of_moves_of_one_size(claims_store, text, date, verdict):
    rs = results(claims_store, text, date)
    got = [r for r in rs if r.claim.measure == "fed_count"]
    assert got and got[0].verdict == verdict, shown(rs)


@pytest.mark.parametrize(
    ("text", "date", "verdict"),
    [
        ("It was the Fed's sixth rate increase this year.", "2022-11-02", "supported"),
        (
            "The Fed raised rates on Wednesday, its seventh hike of 2022.",
            "2022-11-02",
            "contradicted",
        ),
        (
            "The Fed raised rates on Wednesday, its 11th hike since March 2022.",
            "2023-07-26",
            "supported",
        ),
        ("The Fed cut rates for the third time this year on Wednesday.", "2019-10-30", "supported"),
        (
            "The Federal Reserve raised rates for the third time this year on Wednesday.",
            "2018-12-19",
            "contradicted",
        ),
        # "since" may count the named time's decision or not: "the second since 2006" is the
        # second after the hikes of 2006
        (
            "The Fed raised rates for the second time since 2006 on Wednesday.",
            "2016-12-14",
            "supported",
        ),
        ("The Fed has cut twice since July.", "2019-10-30", "supported"),
    ],
)
def test_an_ordinal_decision_in_a_period(claims_store, text, date, verdict):
    rs = results(claims_store, text, date)
    got = [r for r in rs if r.claim.measure == "fed_count"]
    assert got and got[0].verdict == verdict, shown(rs)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # the first-since rule reads these
        ("The Fed cut rates on Wednesday, its first cut since March 2020.", "2024-09-18"),
        # an expectation, and another series' move
        ("Markets expect the Fed's third straight hold in March.", "2025-01-30"),
        ("The 10-year yield posted its third straight increase this week.", "2025-01-30"),
        # a run of another verb's ("fell"), after the decision's verb
        ("The Fed cut rates and the S&P 500 fell for 10 straight sessions.", "2024-12-18"),
    ],
)
def test_what_is_no_count_of_decisions(claims_store, text, date):
    rs = results(claims_store, text, date)
    assert not [r for r in rs if r.claim.measure == "fed_count"], shown(rs)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("The Fed may raise rates a total of four times this year.", "2018-03-22"),
        ("The Fed has signaled it will raise rates twice more this year.", "2018-01-10"),
        ("The Fed raised rates four times.", "2018-12-20"),  # no period to count in
    ],
)
def test_a_count_that_is_a_forecast_or_has_no_period_is_not_read(claims_store, text, date):
    rs = results(claims_store, text, date)
    assert not [r for r in rs if r.claim.measure == "fed_count"], shown(rs)
