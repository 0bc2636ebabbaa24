"""Walk-forward calibration of the path models: did their intervals and probabilities hold up?

At monthly origins (the last session of each month, from the first one with enough history) each
method is fitted on closes up to the origin only, simulates the next ``max(horizons)`` sessions, and
is scored on what followed ``h`` sessions later:

- coverage of the central 50 / 80 / 95 % intervals of the simulated horizon return;
- the PIT value (share of simulated returns at or below the outcome; uniform if calibrated);
- the Brier score of "close at or above origin × (1 + x)" for each ``x`` in ``thresholds_pct``;
- the CRPS of the horizon log return in percent (log points × 100), from the sample
  (:func:`crps_sample`). Log, not simple, returns: GARCH-t with a large ``alpha`` and a small
  ``nu`` has a few explosive 12-month paths (arch's own simulator shows them too), and on the
  simple-return scale one such path (+40,000 %) swamps the average.

The naive ``baseline`` (random walk: zero drift, volatility of the last 252 sessions) is scored
the same way. Origins overlap (a 12-month window starts every month), so the ``n`` scores are
strongly dependent: a coverage of 0.70 on n = 100 is much less certain than a binomial reading says.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from thesis.analysis._common import as_timestamp, checked_series, markdown_table
from thesis.analysis.paths import (
    METHOD_NAMES,
    METHODS,
    BootstrapModel,
    GarchModel,
    GBMModel,
    _window_source,
    method_key,
)
from thesis.errors import AnalysisError, InsufficientDataError
from thesis.facts import Fact, Source

__all__ = ["CalibrationResult", "calibrate", "crps_sample", "horizon_label"]

COVERAGES = (0.50, 0.80, 0.95)


def horizon_label(h: int) -> str:
    """``63 → "3m"``, ``126 → "6m"``, ``252 → "12m"``; other horizons ``"{h}d"`` (sessions)."""
    return {21: "1m", 63: "3m", 126: "6m", 252: "12m"}.get(int(h), f"{int(h)}d")


def crps_sample(samples: np.ndarray, y: float | np.ndarray) -> np.ndarray:
    """Continuous ranked probability score of sample forecasts (lower is better).

    ``CRPS = E|X − y| − ½ E|X − X'|`` with the expectations over the sample (the energy form, as
    properscoring's ``crps_ensemble``), computed in ``O(n log n)`` from the sorted sample:
    ``½ E|X − X'| = (1/n²) Σ_i (2i − n − 1) x_(i)``.

    Parameters
    ----------
    samples
        Shape ``(n,)`` or ``(m, n)``: ``m`` forecasts of ``n`` draws each.
    y
        The outcome(s), scalar or shape ``(m,)``; same unit as ``samples``.

    Returns
    -------
    ndarray of shape ``()`` or ``(m,)``, in the unit of ``samples``.
    """
    x = np.sort(np.atleast_2d(np.asarray(samples, dtype=float)), axis=1)
    yy = np.asarray(y, dtype=float).reshape(-1, 1)
    n = x.shape[1]
    w = (2.0 * np.arange(1, n + 1) - n - 1) / n**2
    out = np.abs(x - yy).mean(axis=1) - x @ w
    return out[0] if np.ndim(samples) == 1 else out


@dataclass(frozen=True)
class CalibrationResult:
    """Walk-forward scores (see :func:`calibrate`).

    ``scores`` has one row per origin, method and horizon: ``origin``, ``method``, ``horizon``
    (sessions), ``outcome_pct`` (realised simple return), ``pit``, ``in50``/``in80``/``in95``
    (bool), ``brier`` (mean over thresholds), ``brier_{x}`` per threshold, ``crps_pct`` (CRPS of
    the log return × 100).
    """

    subject: str
    methods: tuple[str, ...]
    horizons: tuple[int, ...]
    thresholds_pct: tuple[float, ...]
    origins: pd.DatetimeIndex
    n_paths: int
    garch_refit_every: int
    scores: pd.DataFrame
    lineage: tuple[Source, ...]

    @property
    def start(self) -> pd.Timestamp:
        return self.origins[0]

    @property
    def end(self) -> pd.Timestamp:
        return self.origins[-1]

    def to_frame(self) -> pd.DataFrame:
        """method, horizon, coverage50/80/95, brier, crps_pct, n (one row per method and horizon)."""
        g = self.scores.groupby(["method", "horizon"], sort=False)
        out = g.agg(
            coverage50=("in50", "mean"),
            coverage80=("in80", "mean"),
            coverage95=("in95", "mean"),
            brier=("brier", "mean"),
            crps_pct=("crps_pct", "mean"),
            n=("pit", "size"),
        ).reset_index()
        return out

    def pit_histogram(self, method: str, horizon: int, bins: int = 10) -> pd.Series:
        """Share of PIT values in each of ``bins`` equal bins of [0, 1] (flat if calibrated)."""
        s = self.scores
        pit = s.loc[(s["method"] == method) & (s["horizon"] == horizon), "pit"].to_numpy()
        counts, edges = np.histogram(pit, bins=bins, range=(0.0, 1.0))
        idx = pd.IntervalIndex.from_breaks(np.round(edges, 6), closed="left", name="pit")
        return pd.Series(
            counts / max(len(pit), 1), index=idx, name=f"{method} {horizon_label(horizon)}"
        )

    def summary(self) -> str:
        """Markdown table of the scores per method and horizon, with the sample sizes."""
        f = self.to_frame()
        rows = [
            [r.method, horizon_label(r.horizon), f"{r.coverage50:.2f}", f"{r.coverage80:.2f}",
             f"{r.coverage95:.2f}", f"{r.brier:.3f}", f"{r.crps_pct:.2f}", f"{r.n}"]
            for r in f.itertuples()
        ]  # fmt: skip
        head = (
            f"Walk-forward calibration of **{self.subject}**, monthly origins "
            f"{self.start.date()}..{self.end.date()}, {self.n_paths:,} paths per forecast. "
            "Coverage should match the nominal 0.50 / 0.80 / 0.95; Brier (thresholds "
            + ", ".join(f"+{x:g} %" for x in self.thresholds_pct)
            + ") and CRPS (horizon log return × 100): lower is better. Origins overlap, so n overstates "
            "the independent evidence."
        )
        if "garch" in self.methods and self.garch_refit_every > 1:
            head += (
                f" GARCH parameters are re-estimated every {self.garch_refit_every} origins; in "
                "between, the variance is filtered with the last estimate (no look-ahead)."
            )
        table = markdown_table(
            rows, ["method", "horizon", "cov50", "cov80", "cov95", "Brier", "CRPS %", "n"]
        )
        return f"{head}\n\n{table}\n"

    def facts(self) -> list[Fact]:
        """``calibration.{m}.coverage{50,80,95}.{h}``, ``.brier.{h}``, ``.crps_pct.{h}``, ``.n.{h}``."""
        a = str(self.end.date())
        lin = self.lineage
        out = [
            Fact("calibration.start", str(self.start.date()), "date", a, "first forecast origin",
                 lin, "first calibration origin"),
            Fact("calibration.end", str(self.end.date()), "date", a, "last forecast origin",
                 lin, "last calibration origin"),
        ]  # fmt: skip
        for r in self.to_frame().itertuples():
            h, m = horizon_label(r.horizon), r.method
            how = (
                f"walk-forward, monthly origins {self.start.date()}..{self.end.date()}, "
                f"{METHOD_NAMES[m]}, {self.n_paths:,} paths, horizon {r.horizon} sessions"
            )
            for c in (50, 80, 95):
                out.append(
                    Fact(f"calibration.{m}.coverage{c}.{h}", float(getattr(r, f"coverage{c}")),
                         "probability", a, how, lin,
                         f"share of outcomes inside the central {c} % interval", 2)
                )  # fmt: skip
            out += [
                Fact(f"calibration.{m}.brier.{h}", float(r.brier), "ratio", a, how, lin,
                     "Brier score of the threshold probabilities", 3),
                Fact(f"calibration.{m}.crps_pct.{h}", float(r.crps_pct), "pct", a, how, lin,
                     "CRPS of the horizon log return (×100)", 2),
                Fact(f"calibration.{m}.n.{h}", int(r.n), "count", a, how, lin,
                     "forecasts scored (overlapping)"),
            ]  # fmt: skip
        return out


def _origins(index: pd.DatetimeIndex, first_pos: int, start: Any, step: str) -> np.ndarray:
    """Positions of the origin sessions: the last session of each month (or week)."""
    if step == "monthly":
        period = index.to_period("M")
    elif step == "weekly":
        period = index.to_period("W")
    else:
        raise AnalysisError(f"unknown step {step!r}", where="step", fix="use 'monthly' or 'weekly'")
    p = np.asarray(period.asi8)
    last = np.flatnonzero(np.r_[p[1:] != p[:-1], True])
    # the final "period end" may be a month still in progress: keep it, it is a session like others
    last = last[last >= first_pos]
    if start is not None:
        last = last[index[last] >= as_timestamp(start, "start")]
    return last


def calibrate(
    prices: pd.Series,
    *,
    subject: str,
    methods: Sequence[str] = METHODS,
    horizons: Sequence[int] = (63, 126, 252),
    start: Any = None,
    step: str = "monthly",
    n_paths: int = 2_000,
    rng: np.random.Generator,
    thresholds_pct: Sequence[float] = (5.0, 10.0),
    garch_refit_every: int = 12,
    models: Mapping[str, Any] | None = None,
    baseline: bool = True,
) -> CalibrationResult:
    """Score the path methods walk-forward over ``prices``' history.

    Parameters
    ----------
    prices
        Daily closes (points), the whole history to score over; lineage in ``.attrs["source"]``.
    subject
        Series id for labels.
    methods
        Any of ``gbm``, ``bootstrap``, ``garch``; ``baseline`` is added when ``baseline``.
    horizons
        Horizons in sessions (63, 126, 252 ≈ 3, 6, 12 months).
    start
        First origin on or after this date (default: the first with enough history for every
        method, so that all are scored on the same origins).
    step
        ``monthly`` (last session of each month) or ``weekly``.
    n_paths
        Paths per forecast.
    rng
        One integer is drawn from it; every (origin, method) gets its own key from it.
    thresholds_pct
        ``x`` of the events "close at or above origin × (1 + x/100)" scored by the Brier score.
    garch_refit_every
        Re-estimate the GARCH parameters every this many origins (1: at every origin); in between
        only the conditional variance is updated with the data up to each origin.
    models
        Unfitted models to use instead of the defaults (same keys as ``methods``).
    baseline
        Also score the naive random walk.
    """
    s = checked_series(prices, name=subject, positive=True).rename(subject)
    methods = tuple(methods)
    for m in methods:
        if m not in METHODS:
            raise AnalysisError(
                f"unknown method {m!r}", where="methods", fix=f"use some of {list(METHODS)}"
            )
    hs = tuple(sorted({int(h) for h in horizons}))
    if not hs or hs[0] < 1:
        raise AnalysisError(
            f"horizons {tuple(horizons)} must be positive session counts",
            where="horizons",
            fix="use e.g. (63, 126, 252)",
        )
    protos: dict[str, Any] = {}
    for m in methods:
        protos[m] = (models or {}).get(m) or {
            "gbm": GBMModel,
            "bootstrap": BootstrapModel,
            "garch": GarchModel,
        }[m]()
    if baseline:
        protos["baseline"] = GBMModel(window_sessions=252, zero_drift=True)
    need = max(p.min_sessions for p in protos.values())
    n = len(s)
    if n < need + hs[0]:
        raise InsufficientDataError(
            f"calibration needs at least {need + hs[0]} daily closes ({need} to fit "
            f"{', '.join(protos)} and {hs[0]} to score the shortest horizon); the series has {n}",
            where=subject,
            fix=f"import longer history for {subject!r} or use shorter horizons",
        )
    pos = _origins(s.index, need - 1, start, step)
    pos = pos[pos + hs[0] < n]
    if len(pos) == 0:
        raise InsufficientDataError(
            "no origin leaves room to score the shortest horizon",
            where=subject,
            fix="choose an earlier start or shorter horizons",
        )
    logp = np.log(s.to_numpy())
    base = int(rng.integers(0, 2**63 - 1))
    thr = np.asarray(thresholds_pct, dtype=float)
    qlo = {c: (1 - c) / 2 for c in COVERAGES}
    rows: list[dict[str, Any]] = []
    garch_params: dict[str, float] | None = None
    for k, i in enumerate(pos):
        hist = s.iloc[: i + 1]
        avail = [h for h in hs if i + h < n]
        steps = np.asarray(avail, dtype=np.int64)
        for m, proto in protos.items():
            if m == "garch":
                refit = garch_params is None or k % max(garch_refit_every, 1) == 0
                model = GarchModel(
                    None if refit else garch_params,
                    window_sessions=proto.window_sessions,
                    min_sessions=proto.min_sessions,
                ).fit(hist)
                garch_params = model.params_
            else:
                model = _clone(proto).fit(hist)
            key = method_key(base ^ (int(i) * 0x9E3779B1), m)
            _, _, rec = model.simulate(int(steps[-1]), n_paths, key, steps)
            for j, h in enumerate(avail):
                x = rec[:, j]
                y = logp[i + h] - logp[i]
                q = np.quantile(x, [qlo[c] for c in COVERAGES] + [1 - qlo[c] for c in COVERAGES])
                ev = np.log1p(thr / 100.0)
                p_ev = (x[:, None] >= ev).mean(axis=0)
                o_ev = (y >= ev).astype(float)
                brier = (p_ev - o_ev) ** 2
                row = {
                    "origin": s.index[i],
                    "method": m,
                    "horizon": h,
                    "outcome_pct": 100 * math.expm1(y),
                    "pit": float(np.mean(x <= y)),
                    "in50": bool(q[0] <= y <= q[3]),
                    "in80": bool(q[1] <= y <= q[4]),
                    "in95": bool(q[2] <= y <= q[5]),
                    "brier": float(brier.mean()),
                    "crps_pct": float(crps_sample(100 * x, 100 * y)),
                }
                for x_pct, b in zip(thr, brier, strict=True):
                    row[f"brier_{x_pct:g}"] = float(b)
                rows.append(row)
    scores = pd.DataFrame(rows)
    return CalibrationResult(
        subject=subject,
        methods=tuple(protos),
        horizons=hs,
        thresholds_pct=tuple(float(x) for x in thr),
        origins=pd.DatetimeIndex(s.index[pos], name="origin"),
        n_paths=int(n_paths),
        garch_refit_every=int(garch_refit_every),
        scores=scores,
        lineage=(_window_source(s, subject),),
    )


def _clone(model: Any) -> Any:
    """A fresh unfitted copy with the same settings (``__init__`` parameters)."""
    import inspect

    params = {
        name: getattr(model, name)
        for name in inspect.signature(type(model).__init__).parameters
        if name != "self" and hasattr(model, name)
    }
    return type(model)(**params)
