"""The chance model behind the searches (`thesis.claims.chance`): a change over n sessions as a
normal draw with the series' daily deviation times √n, a level as a draw within ±2.5% of the
close."""

from __future__ import annotations

import datetime as dt

import pytest

from thesis.claims.chance import (
    daily_sigma,
    half_unit,
    level_chance,
    move_chance,
    sessions_in,
)
from thesis.claims.frames import PeriodSpec


def test_half_unit_is_half_the_last_digit():
    assert half_unit(0) == pytest.approx(0.5)
    assert half_unit(2) == pytest.approx(0.005)


def test_a_move_is_likelier_near_zero_and_over_short_periods():
    near, far = move_chance(1.0, 1, 0.2, 0.05), move_chance(1.0, 1, 3.0, 0.05)
    assert near > far > 0
    # the same figure is a likelier draw from a year's law than from a day's when it is large
    assert move_chance(1.0, 252, 15.0, 0.5) > move_chance(1.0, 1, 15.0, 0.5)
    # a finer figure halves the chance
    assert move_chance(1.0, 21, 4.4, 0.05) == pytest.approx(move_chance(1.0, 21, 4.4, 0.1) / 2)
    assert move_chance(1.0, 1, 0.0, 0.05) == pytest.approx(0.1 / (2 * 3.141592653589793) ** 0.5)
    assert move_chance(1.0, 1, -2.0, 0.05) == pytest.approx(move_chance(1.0, 1, 2.0, 0.05))


def test_a_level_outside_the_band_cannot_match_by_luck():
    assert level_chance(4.5, 3749.63, 0.005) == 0.0  # a yield is never stated as an index level
    assert level_chance(3749.0, 3749.63, 0.005) == pytest.approx(0.005 / (0.025 * 3749.0))
    # a half unit wider than the band: certain
    assert level_chance(9.58, 10.0, 0.5) == 1.0


def test_sessions_in_a_period():
    day = dt.date(2024, 6, 28)  # a Friday
    assert sessions_in(None, day) == 1
    assert sessions_in(PeriodSpec("day"), day) == 1
    assert sessions_in(PeriodSpec("week"), day) == 5
    assert sessions_in(PeriodSpec("ytd"), day) == round(179 * 252 / 365)
    assert sessions_in(PeriodSpec("trailing", n=1, unit="year"), day) == 252
    may = PeriodSpec("month", first=dt.date(2024, 5, 1), last=dt.date(2024, 5, 31))
    assert sessions_in(may, day) == round(30 * 252 / 365)


def test_daily_sigma():
    assert daily_sigma([100.0] * 10) is None  # too short
    up_down = [100.0, 101.0] * 30
    got = daily_sigma(up_down)
    assert got is not None and 0.9 < got < 1.1
