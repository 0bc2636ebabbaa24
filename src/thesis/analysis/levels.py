"""Where the index stands: level, distance to each threshold and target, record and drawdown."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

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
from thesis.facts import Fact, Source, level_key

__all__ = [
    "LevelDistance",
    "LevelsResult",
    "levels",
]


# --------------------------------------------------------------------------- levels
@dataclass(frozen=True)
class LevelDistance:
    """One threshold or target and how far the index is from it.

    ``points`` = L − level; ``pct`` = (L / level − 1) × 100; ``sd`` = ln(L / level) / daily σ of
    log returns; ``crossed``: a close ≥ L happened on or before ``as_of``; ``first_cross`` its date.
    """

    level: float
    kind: str  # "threshold" or "target"
    points: float
    pct: float
    sd: float | None
    crossed: bool
    first_cross: pd.Timestamp | None


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

    def to_frame(self) -> pd.DataFrame:
        """One row per level (index ``level``): kind, points, pct, sd, crossed, first_cross."""
        rows = [
            {
                "level": d.level,
                "kind": d.kind,
                "distance_points": d.points,
                "distance_pct": d.pct,
                "distance_sd": d.sd,
                "crossed": d.crossed,
                "first_cross": d.first_cross,
            }
            for d in self.distances
        ]
        cols = [
            "level",
            "kind",
            "distance_points",
            "distance_pct",
            "distance_sd",
            "crossed",
            "first_cross",
        ]
        return pd.DataFrame(rows, columns=cols).set_index("level")

    def facts(self) -> list[Fact]:
        S, a, lin = self.subject, str(self.as_of.date()), self.lineage
        close = f"last close on or before {a}"

        def f(
            id_: str, v: Any, unit: str, method: str, label: str = "", dec: int | None = None
        ) -> Fact:
            return Fact(f"{S}.{id_}", v, unit, a, method, lin, label, dec)

        out = [
            f("level", self.level, "points", close, f"{S} close on {self.level_date.date()}", 2),
            f("level_date", str(self.level_date.date()), "date", close),
            f("high", self.high, "points", f"highest close up to {a}", "record close", 2),
            f(
                "high_date",
                str(self.high_date.date()),
                "date",
                f"date of the highest close up to {a}",
            ),
            f("drawdown_pct", self.drawdown_pct, "pct", "(level / record close − 1) × 100", "", 2),
            f(
                "days_since_record",
                self.days_since_record,
                "days",
                "trading sessions since the record close",
            ),
            f("at_record", self.at_record, "bool", "level equals the record close"),
        ]
        if self.daily_vol_pct is not None:
            out.append(
                f(
                    "daily_vol_pct",
                    self.daily_vol_pct,
                    "pct",
                    f"standard deviation of daily log returns, last {self.vol_sessions} sessions",
                    "",
                    2,
                )
            )
        if self.ytd_pct is not None and self.ytd_base_date is not None:
            out.append(
                f(
                    "ytd_pct",
                    self.ytd_pct,
                    "pct",
                    f"change since the close of {self.ytd_base_date.date()} (last close of the prior year)",
                    "year-to-date change",
                    2,
                )
            )
        if self.change_12m_pct is not None and self.change_12m_base_date is not None:
            out.append(
                f(
                    "change_12m_pct",
                    self.change_12m_pct,
                    "pct",
                    f"change since the close of {self.change_12m_base_date.date()} (12 months earlier)",
                    "12-month change",
                    2,
                )
            )
        for d in self.distances:
            k = level_key(d.level)
            out.append(
                f(
                    f"distance_points.{k}",
                    d.points,
                    "points",
                    "L − level",
                    f"points to {d.level:,g}",
                    2,
                )
            )
            out.append(
                f(
                    f"distance_pct.{k}",
                    d.pct,
                    "pct",
                    "(L / level − 1) × 100",
                    f"percent to {d.level:,g}",
                    2,
                )
            )
            if d.sd is not None:
                out.append(
                    f(
                        f"distance_sd.{k}",
                        d.sd,
                        "ratio",
                        f"ln(L / level) in daily standard deviations ({self.vol_sessions} sessions)",
                        f"daily standard deviations to {d.level:,g}",
                        2,
                    )
                )
            out.append(
                f(
                    f"crossed.{k}",
                    d.crossed,
                    "bool",
                    f"a close at or above L on or before {a} in the data",
                    f"{d.level:,g} already reached",
                )
            )
        return out

    def summary(self) -> str:
        a = self.as_of.date()
        lines = [
            f"### {self.subject}: level on {a}",
            "",
            f"- Close on {self.level_date.date()}: **{self.level:,.2f}**",
            f"- Record close {self.high:,.2f} on {self.high_date.date()}; drawdown "
            f"{self.drawdown_pct:.2f}%; {self.days_since_record} sessions since the record"
            + (" (at a record)" if self.at_record else ""),
            f"- Year to date: {fmt_num(self.ytd_pct)}%; 12 months: {fmt_num(self.change_12m_pct)}%",
            f"- Daily volatility (σ of log returns, {self.vol_sessions} sessions): {fmt_num(self.daily_vol_pct)}%",
            "",
        ]
        rows = [
            [
                f"{d.level:,g}",
                d.kind,
                f"{d.points:,.2f}",
                f"{d.pct:.2f}%",
                fmt_num(d.sd),
                "yes" if d.crossed else "no",
            ]
            for d in self.distances
        ]
        lines.append(
            markdown_table(rows, ["level", "kind", "points", "percent", "daily σ", "crossed"])
        )
        if self.notes:
            lines += ["", *[f"- Note: {n}" for n in self.notes]]
        return "\n".join(lines)


def levels(
    prices: pd.Series,
    *,
    subject: str,
    as_of: Any,
    thresholds: Iterable[float] = (),
    targets: Iterable[float] = (),
    vol_sessions: int = SESSIONS_PER_YEAR,
) -> LevelsResult:
    """Level of ``prices`` on ``as_of`` and its distance to each threshold and target.

    Parameters
    ----------
    prices
        Daily closes (points), indexed by date; the lineage in ``.attrs["source"]``. Data after
        ``as_of`` is ignored.
    subject
        The series id used in fact ids (``sp500``).
    as_of
        The analysis date; the level is the last close on or before it.
    thresholds, targets
        Levels of interest (points). A level may appear in both; it is reported once, as a target.
    vol_sessions
        Sessions of daily log returns behind the daily standard deviation (default 252).

    Returns
    -------
    LevelsResult
        Distances: points = L − level, pct = (L / level − 1) × 100, sd = ln(L / level) / σ_daily.

    Raises
    ------
    AnalysisError
        ``as_of`` before the data, NaNs, non-positive prices.
    """
    as_ts = as_timestamp(as_of)
    name = f"prices ({series_id(prices, subject)})"
    s = checked_series(prices, name=name, positive=True)
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

    logret = np.diff(np.log(s.to_numpy()))
    tail = logret[-vol_sessions:]
    daily_vol = float(np.std(tail, ddof=1)) * 100 if len(tail) >= 2 else None
    if daily_vol is not None and len(tail) < vol_sessions:
        notes.append("Daily volatility rests on less than a year of sessions (thin sample).")
    if daily_vol is None:
        notes.append(
            "Too few sessions for a daily volatility; distances in standard deviations are omitted."
        )

    prev_year = s[s.index < pd.Timestamp(year=level_date.year, month=1, day=1)]
    ytd = ytd_base = None
    if not prev_year.empty:
        ytd_base = prev_year.index[-1]
        ytd = (level / float(prev_year.iloc[-1]) - 1) * 100
    else:
        notes.append("The data start in the current year; the year-to-date change is omitted.")
    base_12m = value_on(s, level_date - pd.DateOffset(years=1))
    chg12 = b12 = None
    if base_12m is not None:
        b12, v12 = base_12m
        chg12 = (level / v12 - 1) * 100
    else:
        notes.append("Less than a year of data; the change over the past year is omitted.")

    values = s.to_numpy()
    high = float(values.max())
    # the last session that set (or tied) the record: a tie counts as being at the record again
    hi_pos = len(values) - 1 - int(np.argmax(values[::-1] == high))
    high_date = s.index[hi_pos]
    days_since = len(values) - 1 - hi_pos

    sd_daily = None if daily_vol is None else daily_vol / 100
    tgt = [float(x) for x in targets]
    lv = [(float(x), "threshold") for x in thresholds if float(x) not in tgt]
    lv += [(x, "target") for x in tgt]
    seen: set[float] = set()
    dists: list[LevelDistance] = []
    for L, kind in lv:
        if L in seen:
            continue
        seen.add(L)
        if not math.isfinite(L) or L <= 0:
            raise AnalysisError(
                f"level {L} is not a positive number",
                where=f"{kind}s",
                fix="levels are index points > 0",
            )
        above = values >= L
        first = s.index[int(above.argmax())] if above.any() else None
        dists.append(
            LevelDistance(
                level=L,
                kind=kind,
                points=L - level,
                pct=(L / level - 1) * 100,
                sd=None if sd_daily is None else math.log(L / level) / sd_daily,
                crossed=bool(above.any()),
                first_cross=first,
            )
        )
    if any(d.crossed for d in dists):
        notes.append(
            "At least one level was already reached in the data; a touch of it is not in doubt."
        )
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
        drawdown_pct=(level / high - 1) * 100,
        days_since_record=int(days_since),
        at_record=bool(days_since == 0),
        distances=tuple(dists),
        notes=tuple(notes),
        lineage=lineage_of(prices),
    )
