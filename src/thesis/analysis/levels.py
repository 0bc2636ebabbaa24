"""Where the series stands: level, distance to each level the thesis names, recent range, record.

Two spaces (:mod:`thesis.analysis.kinds`):

- ``log`` (index levels, prices): distances in percent, ``(L / level − 1) × 100``, and in daily
  standard deviations of log returns; changes over the year in percent; the record close and the
  drawdown from it;
- ``diff`` (yields, rates, spreads): distances in basis points, ``(L − level) × 100``, and in daily
  standard deviations of changes; changes over the year in basis points. A yield's all-time high
  says little about today (the ten-year's is from 1981), so no record or drawdown is reported; the
  range over the past twelve months is, for every series.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from thesis import ids
from thesis.analysis._common import (
    SESSIONS_PER_YEAR,
    as_timestamp,
    checked_series,
    fmt_num,
    lineage_of,
    markdown_table,
    series_id,
    value_on,
)
from thesis.errors import AnalysisError, InsufficientDataError
from thesis.facts import Fact, Source

if TYPE_CHECKING:
    from thesis._types import DateLike

__all__ = [
    "LevelDistance",
    "LevelsResult",
    "levels",
]


# --------------------------------------------------------------------------- levels
@dataclass(frozen=True)
class LevelDistance:
    """One level the thesis names and how far the series is from it.

    ``points`` = L − level (level units); ``pct`` = (L / level − 1) × 100 (``log`` only);
    ``bp`` = (L − level) × 100 (``diff`` only); ``sd`` = the distance in daily standard deviations
    of the increments; ``last_beyond``: the last close before ``as_of`` at or beyond L on the far
    side from today (at or above a level above the close, at or below one below it), if any.
    """

    level: float
    kind: str  # "threshold", "target" or "level"
    points: float
    pct: float | None
    sd: float | None
    last_beyond: pd.Timestamp | None
    bp: float | None = None

    @property
    def side(self) -> str:
        """``above`` (the level is above the close), ``below`` or ``at``."""
        return "above" if self.points > 0 else "below" if self.points < 0 else "at"


@dataclass(frozen=True)
class LevelsResult:
    """Where ``subject`` stands on ``as_of`` (see :func:`levels`)."""

    subject: str
    as_of: pd.Timestamp
    level: float
    level_date: pd.Timestamp
    daily_vol_pct: float | None
    vol_sessions: int
    ytd_pct: float | None
    ytd_base_date: pd.Timestamp | None
    change_12m_pct: float | None
    change_12m_base_date: pd.Timestamp | None
    high: float
    high_date: pd.Timestamp
    drawdown_pct: float
    days_since_record: int
    at_record: bool
    distances: tuple[LevelDistance, ...]
    notes: tuple[str, ...]
    lineage: tuple[Source, ...]
    space: str = "log"
    level_unit: str = "points"
    high_12m: float | None = None
    high_12m_date: pd.Timestamp | None = None
    low_12m: float | None = None
    low_12m_date: pd.Timestamp | None = None

    def to_frame(self) -> pd.DataFrame:
        """One row per level (index ``level``): kind, points, pct, bp, sd, last_beyond."""
        rows = [
            {
                "level": d.level,
                "kind": d.kind,
                "distance_points": d.points,
                "distance_pct": d.pct,
                "distance_bp": d.bp,
                "distance_sd": d.sd,
                "last_beyond": d.last_beyond,
            }
            for d in self.distances
        ]
        cols = [
            "level",
            "kind",
            "distance_points",
            "distance_pct",
            "distance_bp",
            "distance_sd",
            "last_beyond",
        ]
        return pd.DataFrame(rows, columns=cols).set_index("level")

    def _lv(self, x: float) -> str:
        return f"{x:,.2f}" if self.space == "diff" else f"{x:,g}"

    def facts(self) -> list[Fact]:
        S, a, lin = self.subject, str(self.as_of.date()), self.lineage
        close = f"last close on or before {a}"
        u = self.level_unit
        rate = self.space == "diff"

        def f(
            id_: str, v: Any, unit: str, method: str, label: str = "", dec: int | None = None
        ) -> Fact:
            return Fact(id_, v, unit, a, method, lin, label, dec)

        sm = lambda m: ids.subject_measure(S, m)  # noqa: E731
        dec = _level_decimals(self.level, u)
        out = [
            f(ids.level(S), self.level, u, close, f"{S} close on {self.level_date.date()}", dec),
            f(sm("level_date"), str(self.level_date.date()), "date", close),
        ]
        if not rate:
            out += [
                f(sm("high"), self.high, u, f"highest close up to {a}", "record close",
                  _level_decimals(self.high, u)),
                f(sm("high_date"), str(self.high_date.date()), "date",
                  f"date of the highest close up to {a}"),
                f(sm("drawdown_pct"), self.drawdown_pct, "pct",
                  "(level / record close − 1) × 100", "", 2),
                f(sm("days_since_record"), self.days_since_record, "days",
                  "trading sessions since the record close"),
                f(sm("at_record"), self.at_record, "bool", "level equals the record close"),
            ]  # fmt: skip
        if (
            self.high_12m is not None
            and self.low_12m is not None
            and self.high_12m_date is not None
            and self.low_12m_date is not None
        ):
            span = "closes over the twelve months up to " + a
            out += [
                f(sm("high_12m"), self.high_12m, u, f"highest of the {span}", "12-month high", dec),
                f(sm("high_12m_date"), str(self.high_12m_date.date()), "date",
                  f"date of the highest of the {span}"),
                f(sm("low_12m"), self.low_12m, u, f"lowest of the {span}", "12-month low", dec),
                f(sm("low_12m_date"), str(self.low_12m_date.date()), "date",
                  f"date of the lowest of the {span}"),
            ]  # fmt: skip
        if self.daily_vol_pct is not None:
            what = "log returns" if not rate else "changes, in basis points"
            out.append(
                f(
                    sm("daily_vol_bp" if rate else "daily_vol_pct"),
                    self.daily_vol_pct,
                    "bp" if rate else "pct",
                    f"standard deviation of daily {what}, last {self.vol_sessions} sessions",
                    "",
                    1 if rate else 2,
                )
            )
        move, munit = ("bp", "bp") if rate else ("pct", "pct")
        how = "level − base, in basis points" if rate else "(level / base − 1) × 100"
        if self.ytd_pct is not None and self.ytd_base_date is not None:
            out.append(
                f(
                    sm(f"ytd_{move}"),
                    self.ytd_pct,
                    munit,
                    f"{how}, base the close of {self.ytd_base_date.date()} (last close of the "
                    "prior year)",
                    "year-to-date change",
                    0 if rate else 2,
                )
            )
        if self.change_12m_pct is not None and self.change_12m_base_date is not None:
            out.append(
                f(
                    sm(f"change_12m_{move}"),
                    self.change_12m_pct,
                    munit,
                    f"{how}, base the close of {self.change_12m_base_date.date()} (12 months "
                    "earlier)",
                    "12-month change",
                    0 if rate else 2,
                )
            )
        for d in self.distances:
            L = self._lv(d.level)
            out.append(
                f(ids.distance(S, "points", d.level), d.points, u, "L − level", f"{L} − level", 2)
            )
            if d.pct is not None:
                out.append(
                    f(ids.distance(S, "pct", d.level), d.pct, "pct", "(L / level − 1) × 100",
                      f"percent to {L}", 2)
                )  # fmt: skip
            if d.bp is not None:
                out.append(
                    f(ids.distance(S, "bp", d.level), d.bp, "bp", "(L − level) × 100",
                      f"basis points to {L}", 0)
                )  # fmt: skip
            if d.sd is not None:
                unit = "log returns" if not rate else "changes"
                out.append(
                    f(ids.distance(S, "sd", d.level), d.sd, "ratio",
                      f"distance in daily standard deviations of {unit} ({self.vol_sessions} "
                      "sessions)", f"daily standard deviations to {L}", 2)
                )  # fmt: skip
            if d.last_beyond is not None:
                side = "at or above" if d.side == "above" else "at or below"
                out.append(
                    f(ids.crossed(S, d.level), str(d.last_beyond.date()), "date",
                      f"the last close {side} L before {a}", f"last close {side} {L}")
                )  # fmt: skip
        return out

    def summary(self) -> str:
        a = self.as_of.date()
        rate = self.space == "diff"
        lines = [f"### {self.subject}: level on {a}", ""]
        lines.append(f"- Close on {self.level_date.date()}: **{self._lv(self.level)}**")
        if not rate:
            lines.append(
                f"- Record close {self.high:,.2f} on {self.high_date.date()}; drawdown "
                f"{self.drawdown_pct:.2f}%; {self.days_since_record} sessions since the record"
                + (" (at a record)" if self.at_record else "")
            )
        unit = "bp" if rate else "%"
        lines += [
            f"- Year to date: {fmt_num(self.ytd_pct)}{unit}; 12 months: "
            f"{fmt_num(self.change_12m_pct)}{unit}",
            f"- Daily volatility ({self.vol_sessions} sessions): {fmt_num(self.daily_vol_pct)}"
            f"{unit}",
            "",
        ]
        rows = [
            [
                self._lv(d.level),
                d.kind,
                f"{d.points:,.2f}",
                f"{d.bp:,.0f} bp" if d.bp is not None else f"{d.pct:.2f}%",
                fmt_num(d.sd),
                "–" if d.last_beyond is None else str(d.last_beyond.date()),
            ]
            for d in self.distances
        ]
        lines.append(
            markdown_table(
                rows, ["level", "kind", "distance", "relative", "daily σ", "last beyond"]
            )
        )
        if self.notes:
            lines += ["", *[f"- Note: {n}" for n in self.notes]]
        return "\n".join(lines)


def _level_decimals(x: float, unit: str) -> int:
    """Decimals that state a close as published: cents for prices and index points, more below a
    dollar (a split-adjusted $0.7105 is not "$0.71"), two for yields and spreads."""
    if unit in ("pct", "pp"):
        return 2
    ax = abs(x)
    if ax == 0 or ax >= 10:
        return 2
    # four significant figures: $5.234, $0.7105
    return min(6, 3 - math.floor(math.log10(ax)))


def levels(
    prices: pd.Series,
    *,
    subject: str,
    as_of: DateLike,
    thresholds: Iterable[float] = (),
    targets: Iterable[float] = (),
    others: Iterable[float] = (),
    vol_sessions: int = SESSIONS_PER_YEAR,
    space: str = "log",
    level_unit: str | None = None,
) -> LevelsResult:
    """Level of ``prices`` on ``as_of`` and its distance to each level the thesis names.

    Parameters
    ----------
    prices
        Daily closes, indexed by date; the lineage in ``.attrs["source"]``. Data after ``as_of`` is
        ignored.
    subject
        The series id used in fact ids (``sp500``).
    as_of
        The analysis date; the level is the last close on or before it.
    thresholds, targets, others
        Levels of interest in the series' unit (``others``: levels stated with their own event).
        A level named twice is reported once, under its first role in target, threshold, level.
    vol_sessions
        Sessions of daily increments behind the daily standard deviation (default 252).
    space
        ``log`` (prices must be > 0; distances in percent) or ``diff`` (yields; distances in bp).
    level_unit
        Fact unit of levels (``points``, ``usd``, ``pct``, ``pp``, ``ratio``); default ``points``
        for ``log``, ``pct`` for ``diff``.

    Returns
    -------
    LevelsResult
        For ``log``: pct = (L / level − 1) × 100, sd = ln(L / level) / σ_daily. For ``diff``:
        bp = (L − level) × 100, sd = (L − level) / σ_daily. Changes over the year in the same
        units (``ytd_pct`` and ``change_12m_pct`` hold basis points for ``diff``).

    Raises
    ------
    AnalysisError
        ``as_of`` before the data, NaNs, non-positive prices in ``log``.
    """
    if space not in ("log", "diff"):
        raise AnalysisError(f"unknown space {space!r}", where="space", fix="use 'log' or 'diff'")
    rate = space == "diff"
    level_unit = level_unit or ("pct" if rate else "points")
    as_ts = as_timestamp(as_of)
    name = f"prices ({series_id(prices, subject)})"
    s = checked_series(prices, name=name, positive=not rate)
    if s.empty:
        raise InsufficientDataError(
            "the price series is empty", where=name, fix="import the series first"
        )
    s = s[s.index <= as_ts]
    if s.empty:
        raise AnalysisError(
            f"as_of {as_ts.date()} is before the data starts ({prices.index.min().date()})",
            where=name,
            fix=f"choose an as_of on or after {prices.index.min().date()} or import longer history",
        )
    notes: list[str] = []
    level_date, level = s.index[-1], float(s.iloc[-1])
    if (as_ts - level_date).days > 7:
        notes.append("The last close lies more than a week before as_of; the level may be stale.")

    values = s.to_numpy()
    inc = np.diff(values) if rate else np.diff(np.log(values))
    tail = inc[-vol_sessions:]
    sd_daily = float(np.std(tail, ddof=1)) if len(tail) >= 2 else None
    if sd_daily is not None and not sd_daily > 0:
        sd_daily = None
    daily_vol = None if sd_daily is None else sd_daily * 100  # percent, or bp for a yield
    if daily_vol is not None and len(tail) < vol_sessions:
        notes.append("Daily volatility rests on less than a year of sessions (thin sample).")
    if daily_vol is None:
        notes.append(
            "Too few sessions for a daily volatility; distances in standard deviations are omitted."
        )

    def change(base: float) -> float:
        return (level - base) * 100 if rate else (level / base - 1) * 100

    prev_year = s[s.index < pd.Timestamp(year=level_date.year, month=1, day=1)]
    ytd = ytd_base = None
    if not prev_year.empty:
        ytd_base = prev_year.index[-1]
        ytd = change(float(prev_year.iloc[-1]))
    else:
        notes.append("The data start in the current year; the year-to-date change is omitted.")
    base_12m = value_on(s, level_date - pd.DateOffset(years=1))
    chg12 = b12 = None
    if base_12m is not None:
        b12, v12 = base_12m
        chg12 = change(v12)
    else:
        notes.append("Less than a year of data; the change over the past year is omitted.")

    year = s[s.index > level_date - pd.DateOffset(years=1)]
    hi12 = lo12 = None
    hi12_d = lo12_d = None
    if base_12m is not None and len(year):
        hi12, lo12 = float(year.max()), float(year.min())
        hi12_d, lo12_d = year.idxmax(), year.idxmin()

    high = float(values.max())
    # the record was set on the first session that reached it; a later tie counts as being at the
    # record again (the sessions since the record count from the last tie)
    high_date = s.index[int(np.argmax(values == high))]
    last_pos = len(values) - 1 - int(np.argmax(values[::-1] == high))
    days_since = len(values) - 1 - last_pos

    tgt = [float(x) for x in targets]
    thr = [float(x) for x in thresholds]
    lv = [(x, "target") for x in tgt]
    lv += [(x, "threshold") for x in thr]
    lv += [(float(x), "level") for x in others]
    seen: set[float] = set()
    dists: list[LevelDistance] = []
    for L, kind in lv:
        if L in seen:
            continue
        seen.add(L)
        if not math.isfinite(L) or (not rate and L <= 0):
            raise AnalysisError(
                f"level {L} is not a {'positive ' if not rate else ''}number",
                where=f"{kind}s",
                fix="levels are in the series' unit (index points > 0, a yield in percent)",
            )
        beyond = values[:-1] >= L if level < L else values[:-1] <= L
        last = s.index[:-1][beyond][-1] if level != L and beyond.any() else None
        if rate:
            dist_sd = None if sd_daily is None else (L - level) / sd_daily
            pct, bp = None, (L - level) * 100
        else:
            dist_sd = None if sd_daily is None else math.log(L / level) / sd_daily
            pct, bp = (L / level - 1) * 100, None
        dists.append(LevelDistance(L, kind, L - level, pct, dist_sd, last, bp))
    return LevelsResult(
        subject=subject,
        as_of=as_ts,
        level=level,
        level_date=level_date,
        daily_vol_pct=daily_vol,
        vol_sessions=len(tail),
        ytd_pct=ytd,
        ytd_base_date=ytd_base,
        change_12m_pct=chg12,
        change_12m_base_date=b12,
        high=high,
        high_date=high_date,
        drawdown_pct=(level / high - 1) * 100 if not rate else level - high,
        days_since_record=int(days_since),
        at_record=bool(days_since == 0),
        distances=tuple(sorted(dists, key=lambda d: d.level)),
        notes=tuple(notes),
        lineage=lineage_of(prices),
        space=space,
        level_unit=level_unit,
        high_12m=hi12,
        high_12m_date=hi12_d,
        low_12m=lo12,
        low_12m_date=lo12_d,
    )
