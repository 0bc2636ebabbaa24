"""The scorecard: what actually followed a historical run, scored against what the run said.

Accountability without leakage: the scorecard is computed strictly *after* every other analysis,
from the finished fact sheet and the closes dated after ``as_of``. Its facts all start with
``scorecard.`` and the article keeps them in their own section.

Each level is scored on the events the run gave probabilities for: touched (a close at or beyond
it, on the side it lay from the ``as_of`` close), closed at or above it, closed at or below it on
its date (the horizon unless the thesis gave the level its own); each drawdown on whether a close
fell that far below the current level or the running high. A touch is settled as soon as it
happens; everything else only once the data reach the date.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from thesis import ids
from thesis.facts import Fact, FactSheet, FactValue, Source
from thesis.facts import level_key as _level_key

if TYPE_CHECKING:
    from thesis._types import DateLike

__all__ = ["ScorecardResult", "scorecard"]

_QUANTILES = (("q05", 0.05), ("q25", 0.25), ("q50", 0.50), ("q75", 0.75), ("q95", 0.95))
#: event → (outcome measure in ids, probability event, Brier measure)
#: kind → (outcome column, event of the fact ids, Brier column)
_EVENTS: dict[str, tuple[str, ids.Event, str]] = {
    "touch": ("touched", "touch", "brier_touch"),
    "close_above": ("closed_above", "close_above", "brier_close_above"),
    "close_below": ("closed_below", "close_below", "brier_close_below"),
    "drawdown": ("drew_down", "drawdown", "brier_drawdown"),
}


@dataclass(frozen=True)
class ScorecardRow:
    level: float
    key: str
    kind: str  # "touch", "close_above", "close_below" or "drawdown"
    method: str
    probability: float
    outcome: bool | None  # None: not resolved yet (the data stop before the date)
    brier: float | None


@dataclass(frozen=True)
class ScorecardResult:
    """Outcomes after ``as_of`` and the score of each probability and range.

    Attributes
    ----------
    complete
        True when the data reach the horizon (every claim can be settled).
    rows
        One row per (level or drawdown, event, method).
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
    space: str = "log"
    level_unit: str = "points"

    @property
    def change_pct(self) -> float:
        """Change from the ``as_of`` close: percent (log) or basis points (a yield)."""
        if self.space == "diff":
            return (self.level_at_end - self.start_level) * 100.0
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
                f"| {r.key} | {r.kind} | {r.method} | {r.probability:.3f} | {out} | {brier} |"
            )
        return "\n".join(lines)

    def facts(self) -> list[Fact]:
        S, lin = self.subject, (self.source,) if self.source else ()
        method = f"closes from the day after {self.as_of} to {self.last_date} (after the analysis)"
        u = self.level_unit

        def f(
            measure: str,
            rest: Sequence[str | float],
            value: FactValue,
            unit: str,
            label: str = "",
            decimals: int | None = None,
        ) -> Fact:
            return Fact(
                ids.scorecard(S, measure, *rest), value, unit, self.as_of, method, lin, label,
                decimals,
            )  # fmt: skip

        out = [
            f("last_date", (), self.last_date, "date", "last close available after the analysis date"),
            f("complete", (), self.complete, "bool", "the data reach the horizon"),
            f("level_at_end", (), self.level_at_end, u,
              "close on the horizon" if self.complete else "latest close before the horizon", 2),
            f("path_max", (), self.path_max, u, "highest close after the analysis date", 2),
            f("path_min", (), self.path_min, u, "lowest close after the analysis date", 2),
        ]  # fmt: skip
        if np.isfinite(self.change_pct):
            if self.space == "diff":
                out.append(f("change_bp", (), self.change_pct, "bp",
                             "change from the analysis-date close, basis points", 0))  # fmt: skip
            else:
                out.append(f("change_pct", (), self.change_pct, "pct",
                             "change from the analysis-date close", 2))  # fmt: skip
        seen: set[tuple[str, str]] = set()
        for r in self.rows:
            name, _, brier = _EVENTS[r.kind]
            if r.outcome is not None and (name, r.key) not in seen:
                seen.add((name, r.key))
                out.append(f(name, (r.key,), r.outcome, "bool"))
            if r.brier is not None:
                out.append(f(brier, (r.key, r.method), r.brier, "ratio", "", 3))
        for m, b in self.mean_brier.items():
            out.append(
                f(
                    "brier_mean",
                    (m,),
                    b,
                    "ratio",
                    "mean Brier score of the settled probabilities",
                    3,
                )
            )
        for m, p in self.pit.items():
            out.append(
                f("pit", (m,), p, "probability",
                  "where the horizon close fell in the forecast distribution")
            )  # fmt: skip
        for case, hit in self.range_hits.items():
            out.append(
                f(
                    "range_hit",
                    (case,),
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


def _num(facts: FactSheet, fact_id: str) -> float | None:
    f = facts.get(fact_id)
    return None if f is None else f.number


def scorecard(
    facts: FactSheet,
    after: pd.Series,
    *,
    subject: str,
    as_of: DateLike,
    horizon: DateLike,
    levels: Sequence[float],
    methods: Sequence[str],
    level_key: Callable[[float], str] | None = None,
    space: str = "log",
    level_unit: str = "points",
    drawdowns: Sequence[tuple[str, float, str]] = (),
    high: float | None = None,
) -> ScorecardResult | None:
    """Score a finished run against the closes that followed it.

    Parameters
    ----------
    facts
        The run's fact sheet (before the scorecard).
    after
        Closes dated strictly after ``as_of`` (the caller reads them only after all analyses ran).
    levels
        Every level the thesis names, in the series' unit.
    methods
        The methods whose probabilities are scored.
    level_key
        Unused (ids are built by :mod:`thesis.ids`); kept for older callers.
    space, level_unit
        ``log`` or ``diff`` (a yield: the change is in basis points) and the unit of levels.
    drawdowns
        ``(key, pct, basis)`` of each drawdown the thesis asks about (``basis``: ``now``/``high``).
    high
        The record close up to ``as_of`` (the start of the running high for ``basis="high"``).

    Returns
    -------
    ScorecardResult, or None when there is no data after ``as_of``.
    """
    del level_key
    as_of_ts, horizon_ts = pd.Timestamp(as_of), pd.Timestamp(horizon)
    after = after[after.index > as_of_ts].dropna()
    if after.empty:
        return None
    window = after[after.index <= horizon_ts]
    if window.empty:
        return None
    complete = bool(after.index[-1] >= horizon_ts) or _last_session_reached(window, horizon_ts)
    level_end = float(window.iloc[-1])
    start = _num(facts, ids.level(subject))
    start_level = start if start is not None else float("nan")
    rows: list[ScorecardRow] = []

    def add(key: str, value: float, kind: str, outcome: bool | None) -> None:
        _, event, _ = _EVENTS[kind]
        for m in methods:
            p = _num(facts, ids.p_event(subject, event, key, m))
            if p is None:
                continue
            brier = None if outcome is None else (p - float(outcome)) ** 2
            rows.append(ScorecardRow(value, key, kind, m, p, outcome, brier))

    for L in levels:
        key = _level_key(L)
        by_f = facts.get(ids.level_date(subject, L))
        by = pd.Timestamp(str(by_f.value)) if by_f is not None else horizon_ts
        w = window[window.index <= by]
        settled = bool(after.index[-1] >= by) or (len(w) > 0 and _last_session_reached(w, by))
        if start_level == start_level and start_level < L:
            touched = bool(len(w) and w.max() >= L)
        elif start_level == start_level and start_level > L:
            touched = bool(len(w) and w.min() <= L)
        else:
            touched = True
        end = float(w.iloc[-1]) if len(w) else None
        add(key, L, "touch", touched if (touched or settled) else None)
        add(key, L, "close_above", (end >= L) if settled and end is not None else None)
        add(key, L, "close_below", (end <= L) if settled and end is not None else None)
    for key, pct, basis in drawdowns:
        ref = start_level if basis == "now" else (high if high is not None else start_level)
        if basis == "now":
            fell = bool(window.min() <= ref * (1 - pct / 100))
        else:
            peak = np.maximum.accumulate(np.maximum(window.to_numpy(), ref))
            fell = bool(np.any(window.to_numpy() <= peak * (1 - pct / 100)))
        add(key, pct, "drawdown", fell if (fell or complete) else None)
    pit: dict[str, float] = {}
    if complete:
        for m in methods:
            qs = {
                k: v
                for k, _ in _QUANTILES
                if (v := _num(facts, ids.quantile(subject, int(k[1:]), m))) is not None
            }
            v = _pit(level_end, qs)
            if v is not None:
                pit[m] = v
    hits: dict[str, bool] = {}
    if complete:
        for case in ("bear", "base", "bull"):
            lo = _num(facts, ids.range_bound(subject, case, "low"))
            hi = _num(facts, ids.range_bound(subject, case, "high"))
            if lo is not None and hi is not None:
                hits[case] = bool(lo <= level_end <= hi)
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
        else (
            "The data stop before the horizon, so only events that have already happened can be scored.",
        )
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
        space=space,
        level_unit=level_unit,
    )


def _last_session_reached(window: pd.Series, horizon: pd.Timestamp) -> bool:
    """True when the window's last date is the last XNYS session on or before the horizon."""
    try:
        from thesis.data.calendars import sessions_between

        sess = sessions_between(window.index[-1], horizon)
    except Exception:  # outside the calendar: be conservative
        return False
    return len(sess) == 0
