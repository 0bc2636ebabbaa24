"""The scorecard: what actually followed a historical run, scored against what the run said.

Accountability without leakage: the scorecard is computed strictly *after* every other analysis,
from the finished fact sheet and the closes dated after ``as_of``. Its facts all start with
``scorecard.`` and the article keeps them in their own section.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from thesis.facts import Fact, FactSheet, Source

__all__ = ["ScorecardResult", "scorecard"]

_QUANTILES = (("q05", 0.05), ("q25", 0.25), ("q50", 0.50), ("q75", 0.75), ("q95", 0.95))


@dataclass(frozen=True)
class ScorecardRow:
    level: float
    key: str
    kind: str  # "touch" or "close_above"
    method: str
    probability: float
    outcome: bool | None  # None: not resolved yet (the data stop before the horizon)
    brier: float | None


@dataclass(frozen=True)
class ScorecardResult:
    """Outcomes after ``as_of`` and the score of each probability and range.

    Attributes
    ----------
    complete
        True when the data reach the horizon (every claim can be settled).
    rows
        One row per (level, kind, method).
    """

    subject: str
    as_of: str
    horizon: str
    last_date: str
    complete: bool
    level_at_end: float
    start_level: float
    path_max: float
    path_min: float
    rows: tuple[ScorecardRow, ...]
    pit: dict[str, float]
    range_hits: dict[str, bool]
    source: Source | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def change_pct(self) -> float:
        return (self.level_at_end / self.start_level - 1.0) * 100.0

    @cached_property
    def mean_brier(self) -> dict[str, float]:
        out: dict[str, list[float]] = {}
        for r in self.rows:
            if r.brier is not None:
                out.setdefault(r.method, []).append(r.brier)
        return {m: float(np.mean(v)) for m, v in out.items()}

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([r.__dict__ for r in self.rows])

    def summary(self) -> str:
        head = (
            f"Scorecard for {self.subject} from {self.as_of} to {self.last_date}"
            f" ({'complete' if self.complete else 'horizon ' + self.horizon + ' not reached yet'})"
        )
        lines = [
            head,
            "",
            "| level | event | method | probability | outcome | Brier |",
            "|---|---|---|---|---|---|",
        ]
        for r in self.rows:
            out = "pending" if r.outcome is None else ("yes" if r.outcome else "no")
            brier = "" if r.brier is None else f"{r.brier:.3f}"
            lines.append(
                f"| {r.level:,.2f} | {r.kind} | {r.method} | {r.probability:.3f} | {out} | {brier} |"
            )
        return "\n".join(lines)

    def facts(self) -> list[Fact]:
        S, lin = self.subject, (self.source,) if self.source else ()
        method = f"closes from the day after {self.as_of} to {self.last_date} (after the analysis)"

        def f(
            fid: str, value: object, unit: str, label: str = "", decimals: int | None = None
        ) -> Fact:
            return Fact(
                f"scorecard.{S}.{fid}", value, unit, self.as_of, method, lin, label, decimals
            )  # type: ignore[arg-type]

        out = [
            f("last_date", self.last_date, "date", "last close available after the analysis date"),
            f("complete", self.complete, "bool", "the data reach the horizon"),
            f(
                "level_at_end",
                self.level_at_end,
                "points",
                "close on the horizon" if self.complete else "latest close before the horizon",
                2,
            ),
            f("path_max", self.path_max, "points", "highest close after the analysis date", 2),
            f("path_min", self.path_min, "points", "lowest close after the analysis date", 2),
        ]
        if np.isfinite(self.change_pct):
            out.append(
                f("change_pct", self.change_pct, "pct", "change from the analysis-date close", 2)
            )
        seen: set[tuple[str, str]] = set()
        for r in self.rows:
            name = "touched" if r.kind == "touch" else "closed_above"
            if r.outcome is not None and (name, r.key) not in seen:
                seen.add((name, r.key))
                out.append(f(f"{name}.{r.key}", r.outcome, "bool"))
            if r.brier is not None:
                out.append(f(f"brier_{r.kind}.{r.key}.{r.method}", r.brier, "ratio", "", 3))
        for m, b in self.mean_brier.items():
            out.append(
                f(f"brier_mean.{m}", b, "ratio", "mean Brier score of the settled probabilities", 3)
            )
        for m, p in self.pit.items():
            out.append(
                f(
                    f"pit.{m}",
                    p,
                    "probability",
                    "where the horizon close fell in the forecast distribution",
                )
            )
        for case, hit in self.range_hits.items():
            out.append(
                f(
                    f"range_hit.{case}",
                    hit,
                    "bool",
                    f"the horizon close fell inside the {case} range",
                )
            )
        return out


def _pit(value: float, qs: dict[str, float]) -> float | None:
    """Approximate PIT by linear interpolation between the five stored quantiles (clipped)."""
    pts = [(p, qs[k]) for k, p in _QUANTILES if k in qs]
    if len(pts) < 2:
        return None
    ps, xs = np.array([p for p, _ in pts]), np.array([x for _, x in pts])
    if value <= xs[0]:
        return float(ps[0] / 2)  # below the 5 % quantile: report the midpoint of the tail
    if value >= xs[-1]:
        return float((1 + ps[-1]) / 2)
    return float(np.interp(value, xs, ps))


def scorecard(
    facts: FactSheet,
    after: pd.Series,
    *,
    subject: str,
    as_of: dt.date | str,
    horizon: dt.date | str,
    levels: list[float],
    methods: list[str],
    level_key: callable,  # type: ignore[valid-type]
) -> ScorecardResult | None:
    """Score a finished run against the closes that followed it.

    Parameters
    ----------
    facts
        The run's fact sheet (before the scorecard).
    after
        Closes dated strictly after ``as_of`` (the caller reads them only after all analyses ran).
    levels
        Thresholds and targets (index points).

    Returns
    -------
    ScorecardResult, or None when there is no data after ``as_of``.
    """
    as_of_ts, horizon_ts = pd.Timestamp(as_of), pd.Timestamp(horizon)
    after = after[after.index > as_of_ts].dropna()
    if after.empty:
        return None
    window = after[after.index <= horizon_ts]
    if window.empty:
        return None
    complete = bool(after.index[-1] >= horizon_ts) or _last_session_reached(window, horizon_ts)
    level_end = float(window.iloc[-1])
    level_now = facts.get(f"{subject}.level")
    start_level = float(level_now.value) if level_now is not None else float("nan")  # type: ignore[arg-type]
    rows: list[ScorecardRow] = []
    for L in levels:
        key = level_key(L)
        up = not (start_level == start_level and start_level > L)
        touched = bool(window.max() >= L) if up else bool(window.min() <= L)
        touch_outcome: bool | None = touched if (touched or complete) else None
        close_outcome: bool | None = bool(level_end >= L) if complete else None
        for m in methods:
            for kind, fid, outcome in (
                ("touch", f"{subject}.p_touch.{key}.{m}", touch_outcome),
                ("close_above", f"{subject}.p_close_above.{key}.{m}", close_outcome),
            ):
                fact = facts.get(fid)
                if fact is None or not fact.is_numeric:
                    continue
                p = float(fact.value)  # type: ignore[arg-type]
                brier = None if outcome is None else (p - float(outcome)) ** 2
                rows.append(ScorecardRow(L, key, kind, m, p, outcome, brier))
    pit: dict[str, float] = {}
    if complete:
        for m in methods:
            qs = {
                k: float(f.value)
                for k, _ in _QUANTILES
                if (f := facts.get(f"{subject}.horizon_{k}.{m}")) is not None
            }  # type: ignore[arg-type]
            v = _pit(level_end, qs)
            if v is not None:
                pit[m] = v
    hits: dict[str, bool] = {}
    if complete:
        for case in ("bear", "base", "bull"):
            lo, hi = (
                facts.get(f"{subject}.range.{case}.low"),
                facts.get(f"{subject}.range.{case}.high"),
            )
            if lo is not None and hi is not None:
                hits[case] = bool(float(lo.value) <= level_end <= float(hi.value))  # type: ignore[arg-type]
    src = after.attrs.get("source")
    if src is not None:
        src = Source(
            src.series,
            src.provider,
            str(window.index[0].date()),
            str(window.index[-1].date()),
            src.content_hash,
            len(window),
            src.origin,
        )
    notes = (
        ()
        if complete
        else ("The data stop before the horizon, so only levels already reached can be scored.",)
    )
    return ScorecardResult(
        subject=subject,
        as_of=str(as_of_ts.date()),
        horizon=str(horizon_ts.date()),
        last_date=str(window.index[-1].date()),
        complete=complete,
        level_at_end=level_end,
        start_level=start_level,
        path_max=float(window.max()),
        path_min=float(window.min()),
        rows=tuple(rows),
        pit=pit,
        range_hits=hits,
        source=src,
        notes=notes,
    )


def _last_session_reached(window: pd.Series, horizon: pd.Timestamp) -> bool:
    """True when the window's last date is the last XNYS session on or before the horizon."""
    try:
        from thesis.data.calendars import sessions_between

        sess = sessions_between(window.index[-1], horizon)
    except Exception:  # outside the calendar: be conservative
        return False
    return len(sess) == 0
