"""The track record: every probability published, scored against what then happened.

Pure functions on forecasts and closes. A forecast is *resolved* when its event can no longer
change: a touch once the level is touched (early), or once the data reach the horizon's last
session without a touch; a close above or below once the data reach that session. Until then it is
*open*, counted but not scored. The store fills in over time and the record is recomputed on every
publish, so open forecasts resolve as data arrive.

Scores, on resolved forecasts only:

- **Brier score**: the mean of ``(p − o)²`` with ``o`` 1 when the event happened, else 0 (0 is
  perfect; always saying 50 % scores 0.25);
- **hit rate**: the share of calls that were right, a call being ``p > 0.5`` for "it happens" and
  ``p < 0.5`` for "it does not" (``p = 0.5`` makes no call and is left out);
- **reliability**: forecasts binned by probability, each bin's mean forecast against how often the
  event happened (a calibrated forecaster lies on the diagonal).

Forecasts made with hindsight (:attr:`~thesis.publish.forecasts.Forecast.hindsight`) are scored
apart from the live record: a backtest is not a track record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import cast

import numpy as np
import pandas as pd

from thesis.publish.forecasts import Forecast

__all__ = [
    "Outcome",
    "ScoredForecast",
    "TrackRecord",
    "brier_score",
    "hit_rate",
    "reliability_table",
    "resolve",
    "score",
]


@dataclass(frozen=True)
class Outcome:
    """What became of one forecast.

    Attributes
    ----------
    resolved
        The event can no longer change.
    happened
        Whether it happened (``None`` while open).
    date
        When it resolved (the day of the touch, or the horizon's last session with data).
    level_seen
        The close that decided it (the touching close, or the close on the horizon).
    """

    resolved: bool
    happened: bool | None
    date: dt.date | None = None
    level_seen: float | None = None


OPEN = Outcome(False, None)


def resolve(
    forecast: Forecast,
    closes: pd.Series,
    *,
    complete: bool,
) -> Outcome:
    """Resolve one forecast on the closes that followed it.

    Parameters
    ----------
    forecast
        The forecast.
    closes
        Closes of ``forecast.series`` (date index); only those after ``as_of`` and on or before the
        horizon are used.
    complete
        Whether the data reach the horizon's last session (the caller knows the calendar and the
        store's last date).

    Returns
    -------
    Outcome
    """
    idx = pd.DatetimeIndex(closes.index)
    keep = (idx > pd.Timestamp(forecast.as_of)) & (idx <= pd.Timestamp(forecast.horizon))
    window = closes[keep].dropna()
    L = forecast.level
    if forecast.event == "touch":
        up = forecast.start_level is None or forecast.start_level <= L
        hit = window >= L if up else window <= L
        if hit.any():
            first = cast("dt.date", hit.idxmax())  # a date label of closes
            return Outcome(True, True, pd.Timestamp(first).date(), float(window.loc[first]))
        if complete:
            last = window.index[-1] if len(window) else None
            return Outcome(
                True,
                False,
                pd.Timestamp(last).date() if last is not None else forecast.horizon,
                float(window.iloc[-1]) if len(window) else None,
            )
        return OPEN
    if forecast.event in ("close_above", "close_below"):
        if not complete or window.empty:
            return OPEN
        last = float(window.iloc[-1])
        happened = last >= L if forecast.event == "close_above" else last <= L
        return Outcome(True, happened, pd.Timestamp(window.index[-1]).date(), last)
    return OPEN


def brier_score(p: Sequence[float] | np.ndarray, o: Sequence[bool] | np.ndarray) -> float:
    """Mean of ``(p − o)²``; NaN for no forecasts."""
    p, o = np.asarray(p, dtype=float), np.asarray(o, dtype=float)
    return float(np.mean((p - o) ** 2)) if len(p) else float("nan")


def hit_rate(p: Sequence[float] | np.ndarray, o: Sequence[bool] | np.ndarray) -> tuple[float, int]:
    """Share of right calls and the number of calls (``p = 0.5`` makes none); NaN for none."""
    p, o = np.asarray(p, dtype=float), np.asarray(o, dtype=bool)
    call = p != 0.5
    n = int(call.sum())
    if not n:
        return float("nan"), 0
    right = (p[call] > 0.5) == o[call]
    return float(right.mean()), n


def reliability_table(
    p: Sequence[float] | np.ndarray, o: Sequence[bool] | np.ndarray, bins: int = 10
) -> pd.DataFrame:
    """Forecasts binned by probability: ``bin_low``, ``bin_high``, ``n``, ``mean_forecast``,
    ``observed`` (share that happened). Bins are ``[k/bins, (k+1)/bins)``, the last one closed;
    empty bins are left out."""
    p, o = np.asarray(p, dtype=float), np.asarray(o, dtype=float)
    k = np.minimum((p * bins).astype(int), bins - 1)
    rows = []
    for b in range(bins):
        m = k == b
        if m.any():
            rows.append(
                {
                    "bin_low": b / bins,
                    "bin_high": (b + 1) / bins,
                    "n": int(m.sum()),
                    "mean_forecast": float(p[m].mean()),
                    "observed": float(o[m].mean()),
                }
            )
    return pd.DataFrame(rows, columns=["bin_low", "bin_high", "n", "mean_forecast", "observed"])


@dataclass(frozen=True)
class ScoredForecast:
    forecast: Forecast
    outcome: Outcome

    @property
    def brier(self) -> float | None:
        if not self.outcome.resolved:
            return None
        return (self.forecast.probability - float(bool(self.outcome.happened))) ** 2


@dataclass(frozen=True)
class TrackRecord:
    """Scored forecasts, with the data date they were scored on.

    Attributes
    ----------
    rows
        One per distinct forecast (a run repeated on the same date counts once: the latest).
    scored_on
        The last date of data used to resolve them.
    notes
        Series missing from the store and the like.
    """

    rows: tuple[ScoredForecast, ...]
    scored_on: dt.date | None = None
    notes: tuple[str, ...] = ()

    def group(self, hindsight: bool) -> TrackRecord:
        """Only the live (``False``) or only the hindsight (``True``) forecasts."""
        return TrackRecord(
            tuple(r for r in self.rows if r.forecast.hindsight == hindsight),
            self.scored_on,
            self.notes,
        )

    @cached_property
    def resolved(self) -> tuple[ScoredForecast, ...]:
        return tuple(r for r in self.rows if r.outcome.resolved)

    def _arrays(self, rows: Iterable[ScoredForecast]) -> tuple[np.ndarray, np.ndarray]:
        rows = list(rows)
        return (
            np.array([r.forecast.probability for r in rows], dtype=float),
            np.array([bool(r.outcome.happened) for r in rows], dtype=bool),
        )

    @cached_property
    def brier(self) -> float:
        """Brier score of the resolved forecasts (NaN when none)."""
        return brier_score(*self._arrays(self.resolved))

    def by_method(self) -> pd.DataFrame:
        """Per method: ``forecasts``, ``resolved``, ``open``, ``brier``, ``hit_rate``, ``calls``,
        ``mean_forecast`` and ``observed`` (of the resolved ones)."""
        methods = sorted({r.forecast.method for r in self.rows})
        out = []
        for m in methods:
            rows = [r for r in self.rows if r.forecast.method == m]
            res = [r for r in rows if r.outcome.resolved]
            p, o = self._arrays(res)
            hr, calls = hit_rate(p, o)
            out.append(
                {
                    "method": m,
                    "forecasts": len(rows),
                    "resolved": len(res),
                    "open": len(rows) - len(res),
                    "brier": brier_score(p, o),
                    "hit_rate": hr,
                    "calls": calls,
                    "mean_forecast": float(p.mean()) if len(p) else float("nan"),
                    "observed": float(o.mean()) if len(o) else float("nan"),
                }
            )
        cols = [
            "method",
            "forecasts",
            "resolved",
            "open",
            "brier",
            "hit_rate",
            "calls",
            "mean_forecast",
            "observed",
        ]
        return pd.DataFrame(out, columns=cols)

    def reliability(self, bins: int = 10) -> pd.DataFrame:
        """:func:`reliability_table` of the resolved forecasts, with a ``method`` column
        (``all`` plus each method)."""
        frames = []
        p, o = self._arrays(self.resolved)
        frames.append(reliability_table(p, o, bins).assign(method="all"))
        for m in sorted({r.forecast.method for r in self.resolved}):
            p, o = self._arrays(r for r in self.resolved if r.forecast.method == m)
            frames.append(reliability_table(p, o, bins).assign(method=m))
        return pd.concat(frames, ignore_index=True)

    def to_frame(self) -> pd.DataFrame:
        """One row per forecast: run, series, event, level, method, probability, as_of, horizon,
        hindsight, resolved, happened, resolved_on, level_seen, brier."""
        return pd.DataFrame(
            [
                {
                    "run": r.forecast.run,
                    "series": r.forecast.series,
                    "event": r.forecast.event,
                    "level": r.forecast.level,
                    "method": r.forecast.method,
                    "probability": r.forecast.probability,
                    "as_of": r.forecast.as_of.isoformat(),
                    "horizon": r.forecast.horizon.isoformat(),
                    "hindsight": r.forecast.hindsight,
                    "resolved": r.outcome.resolved,
                    "happened": r.outcome.happened,
                    "resolved_on": r.outcome.date.isoformat() if r.outcome.date else None,
                    "level_seen": r.outcome.level_seen,
                    "brier": r.brier,
                }
                for r in self.rows
            ],
            columns=[
                "run",
                "series",
                "event",
                "level",
                "method",
                "probability",
                "as_of",
                "horizon",
                "hindsight",
                "resolved",
                "happened",
                "resolved_on",
                "level_seen",
                "brier",
            ],
        )


def score(
    forecasts: Iterable[Forecast],
    closes: dict[str, pd.Series],
    complete_through: dict[str, dt.date],
    *,
    last_session: dict[dt.date, dt.date] | None = None,
    notes: Sequence[str] = (),
) -> TrackRecord:
    """Resolve and score forecasts.

    Parameters
    ----------
    forecasts
        Every published forecast; a repeat (same :attr:`Forecast.key`) keeps the latest published.
    closes
        Series id → closes (date index); a series absent here leaves its forecasts open.
    complete_through
        Series id → the last date its data are known for.
    last_session
        Horizon → the last trading session on or before it (default: the horizon itself).
    notes
        Carried into the record.

    Returns
    -------
    TrackRecord
    """
    latest: dict[tuple[str, ...], Forecast] = {}
    for f in forecasts:
        old = latest.get(f.key)
        if old is None or (f.published or dt.datetime.min.replace(tzinfo=dt.UTC)) >= (
            old.published or dt.datetime.min.replace(tzinfo=dt.UTC)
        ):
            latest[f.key] = f
    rows = []
    for f in latest.values():
        s = closes.get(f.series)
        if s is None:
            rows.append(ScoredForecast(f, OPEN))
            continue
        end = complete_through.get(f.series)
        target = (last_session or {}).get(f.horizon, f.horizon)
        complete = end is not None and end >= target
        rows.append(ScoredForecast(f, resolve(f, s, complete=complete)))
    rows.sort(
        key=lambda r: (
            r.forecast.as_of,
            r.forecast.series,
            r.forecast.level_key,
            r.forecast.event,
            r.forecast.method,
            r.forecast.run,
        )
    )
    dates = [d for d in complete_through.values() if d is not None]
    return TrackRecord(tuple(rows), max(dates) if dates else None, tuple(notes))
