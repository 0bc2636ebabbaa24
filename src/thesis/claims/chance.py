"""The chance that a searched reading matches a figure by coincidence.

A claim whose words leave a slot open (no period, no series, no measure) may still be supported
where the data give its figure under a reading the words allow (:func:`thesis.claims.judge.
_combine`, ``_searched_subject``, ``_searched_level``). Trying several readings raises the chance
that one of them fits a wrong figure by luck, so a search supports only while the expected
number of chance matches over every reading it tried stays below :data:`LIMIT`.

The model is deliberately simple, and ours (no library states "how likely is a published figure
to equal some statistic by luck"):

- a change over ``n`` sessions is a draw from a normal law with mean 0 and the series' daily
  standard deviation times ``√n`` (the series' own history up to the article's date); a figure
  within half a unit of its last digit of a draw is a match, so the chance of one is the law's
  density at the figure times the width of that interval;
- a level is a draw uniform over a band of ±2.5% around the series' close, so the chance of a
  match is the interval's width over the band's.

Daily changes have fatter tails than a normal law; the tails matter little here, since a large
figure far from every reading is unlikely under either law.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math

from thesis.claims.frames import PeriodSpec

__all__ = ["LIMIT", "daily_sigma", "half_unit", "level_chance", "move_chance", "sessions_in"]

#: the largest expected number of chance matches over a search's readings that still supports
LIMIT = 0.02
#: sessions of history a series' daily volatility is measured on (about five years)
SIGMA_SESSIONS = 1260
#: the half-width of the band a level is drawn from, as a share of the level
LEVEL_BAND = 0.025
_SESSIONS_A_YEAR = 252


def half_unit(decimals: int) -> float:
    """Half a unit of a figure's last digit: the gap within which a value rounds to it."""
    return 0.5 * 10**-decimals + 1e-9


def daily_sigma(values: list[float]) -> float | None:
    """The standard deviation of the daily changes of ``values`` (in percent) over their last
    :data:`SIGMA_SESSIONS` sessions, or ``None`` with fewer than 20."""
    v = values[-SIGMA_SESSIONS - 1 :]
    moves = [(b / a - 1) * 100 for a, b in itertools.pairwise(v) if a]
    if len(moves) < 20:
        return None
    # the population deviation in floats (statistics.pstdev works in exact fractions: five
    # times slower, and the import costs a check command 2 ms)
    mean = math.fsum(moves) / len(moves)
    return math.sqrt(math.fsum((x - mean) ** 2 for x in moves) / len(moves))


def sessions_in(p: PeriodSpec | None, day: dt.date) -> int:
    """About how many sessions the period ``p`` ending on ``day`` spans (a trading year of 252
    sessions for every 365 calendar days)."""
    if p is None or p.kind == "day":
        return 1
    first: dt.date | None = None
    if p.kind == "week":
        first = day - dt.timedelta(days=day.weekday() + 3)  # from the Friday before
    elif p.kind == "mtd":
        first = day.replace(day=1)
    elif p.kind == "qtd":
        first = dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    elif p.kind == "ytd":
        first = dt.date(day.year, 1, 1)
    elif p.first is not None and p.last is not None:
        first, day = p.first, min(p.last, day)
    elif p.anchor is not None:
        first = p.anchor
    elif p.n and p.unit:
        per = {"session": 1, "day": 5 / 7, "week": 5, "month": 21, "year": _SESSIONS_A_YEAR}
        return max(1, round(p.n * per.get(p.unit, 1)))
    if first is None:
        return 21
    return max(1, round((day - first).days * _SESSIONS_A_YEAR / 365))


def move_chance(sigma: float, sessions: int, stated: float, half: float) -> float:
    """The chance that a change over ``sessions`` of a series with daily standard deviation
    ``sigma`` (percent) falls within ``half`` of ``stated`` (percent) by luck."""
    s = max(sigma * math.sqrt(sessions), 1e-9)
    density = math.exp(-0.5 * (stated / s) ** 2) / (s * math.sqrt(2 * math.pi))
    return min(1.0, 2 * half * density)


def level_chance(close: float, stated: float, half: float) -> float:
    """The chance that a series closing at ``close`` is stated as ``stated`` (within ``half``) by
    luck: nil when the figure is outside the band around the close (a yield is never stated as an
    index level)."""
    band = max(LEVEL_BAND * abs(close), half)
    if abs(stated - close) > band + half:
        return 0.0
    return min(1.0, half / band)
