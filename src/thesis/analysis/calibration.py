"""Walk-forward calibration of the path models: did their intervals and probabilities hold up,
and did they beat the base rate?

At monthly origins (the last session of each month, from the first one with enough history) each
method is fitted on closes up to the origin only, simulates the next ``max(horizons)`` sessions, and
is scored on what followed ``h`` sessions later:

- coverage of the central 50 / 80 / 95 % intervals of the simulated horizon return;
- the PIT value (share of simulated returns at or below the outcome; uniform if calibrated);
- the Brier score of "close at or above origin × (1 + x)" for each ``x`` in ``thresholds_pct``
  (``brier``, the mean over them);
- the CRPS of the horizon log return in percent (log points × 100), from the sample
  (:func:`crps_sample`). Log, not simple, returns: GARCH-t with a large ``alpha`` and a small
  ``nu`` has a few explosive 12-month paths (arch's own simulator shows them too), and on the
  simple-return scale one such path (+40,000 %) swamps the average.
- **events**, each a probability scored by its Brier score: for every ``x`` in ``thresholds_pct``
  a touch (a close at or above origin × (1 + x) within the horizon) and a close at or above it at
  the horizon; for every ``d`` in ``drawdowns_pct`` a touch of origin × (1 − d) and a close at or
  below it.

Beside the models, with ``base_rate``:

- ``baserate``: the share of earlier windows of the same length, all ended by the origin, in which
  the event happened (:mod:`thesis.analysis.baserate`); its distribution of past window returns
  also gives it intervals, a PIT and a CRPS (the "climatology" forecast);
- ``conditional``: the logistic base rate on the origin's recent volatility, refitted
  every ``conditional_refit_every`` origins on the windows ended by then.

With ``vol_index`` also ``implied``: the VIX-implied risk-neutral lognormal of
:mod:`thesis.analysis.implied` (zero drift), re-estimated at each origin.

**Skill.** The Brier skill score of a method on an event is ``1 − Brier / Brier(baserate)`` over
the same origins: positive when the method beats the base rate. :meth:`CalibrationResult.skill_frame`
lists it per method, horizon and event, and the facts say which method (if any) beat the base rate,
so that an article can lead with the base rate where none does. :meth:`~CalibrationResult.reliability_frame`
gives the reliability diagram (predicted probability bins against observed frequencies).

The naive ``baseline`` (random walk: zero drift, volatility of the last 252 sessions) is scored
the same way. Origins overlap (a 12-month window starts every month), so the ``n`` scores are
strongly dependent: a coverage of 0.70 on n = 100 is much less certain than a binomial reading says.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, cast

import numpy as np
import pandas as pd

from thesis import ids
from thesis.analysis._common import as_timestamp, checked_series, date_index, markdown_table
from thesis.analysis.baserate import (
    RIDGE_PER_STEP,
    LogisticBaseRate,
    origin_features,
    window_moves,
)
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

if TYPE_CHECKING:
    from collections.abc import Iterator

    from thesis._types import DateLike
    from thesis.data.cache import ResultCacheLike

__all__ = [
    "CacheProbe",
    "CalibrationResult",
    "calibrate",
    "crps_sample",
    "horizon_label",
    "keep_in_cache",
]

COVERAGES = (0.50, 0.80, 0.95)
#: methods that are not Monte Carlo models
BASE_RATE, CONDITIONAL, IMPLIED = "baserate", "conditional", "implied"
EXTRA_NAMES = {
    BASE_RATE: "historical base rate",
    CONDITIONAL: "base rate conditioned on recent volatility",
    IMPLIED: "VIX-implied lognormal (risk-neutral)",
}
#: fewer earlier windows than this and an origin is not scored (the base rate needs them)
MIN_BASE_WINDOWS = 126


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


class _ScoreRow(Protocol):
    """A row of :meth:`CalibrationResult.to_frame` as ``itertuples`` gives it."""

    method: str
    horizon: int
    coverage50: float
    coverage80: float
    coverage95: float
    brier: float
    crps_pct: float
    bss: float
    n: int


class _SkillRow(Protocol):
    """A row of :meth:`CalibrationResult.skill_frame` as ``itertuples`` gives it."""

    method: str
    horizon: int
    event: str
    brier: float
    bss: float
    mean_p: float


@dataclass(frozen=True, eq=False)
class CalibrationResult:
    """Walk-forward scores (see :func:`calibrate`).

    ``scores`` has one row per origin, method and horizon: ``origin``, ``method``, ``horizon``
    (sessions), ``outcome_pct`` (realised simple return), ``pit``, ``in50``/``in80``/``in95``
    (1.0 inside the interval, 0.0 outside), ``brier`` (mean over the close-above thresholds), ``brier_{x}`` per threshold,
    ``crps_pct`` (CRPS of the log return × 100; NaN for ``conditional``, which forecasts event
    probabilities only), and per event ``e`` (see :attr:`events`) ``p_{e}`` (the forecast
    probability) and ``o_{e}`` (1 if it happened).
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
    drawdowns_pct: tuple[float, ...] = ()
    events: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    #: where the result came from: "computed", "computed, cached", "computed, not cached: …" or
    #: "from the cache" (not part of the facts: a cached result equals a fresh one)
    cache_status: str = "computed"

    @property
    def start(self) -> pd.Timestamp:
        return self.origins[0]

    def to_cache(self) -> tuple[pd.DataFrame, dict[str, Any]]:
        """``(scores, meta)``: everything needed to rebuild the result (see :meth:`from_cache`)."""
        meta = {
            "subject": self.subject,
            "methods": list(self.methods),
            "horizons": list(self.horizons),
            "thresholds_pct": list(self.thresholds_pct),
            "origins": [str(d.date()) for d in self.origins],
            "n_paths": self.n_paths,
            "garch_refit_every": self.garch_refit_every,
            "lineage": [src.to_dict() for src in self.lineage],
            "drawdowns_pct": list(self.drawdowns_pct),
            "events": list(self.events),
            "notes": list(self.notes),
        }
        return self.scores, meta

    @classmethod
    def from_cache(cls, scores: pd.DataFrame, meta: Mapping[str, Any]) -> CalibrationResult:
        """The result :meth:`to_cache` described."""
        return cls(
            subject=meta["subject"],
            methods=tuple(meta["methods"]),
            horizons=tuple(int(h) for h in meta["horizons"]),
            thresholds_pct=tuple(float(x) for x in meta["thresholds_pct"]),
            origins=pd.DatetimeIndex(pd.to_datetime(meta["origins"]), name="origin"),
            n_paths=int(meta["n_paths"]),
            garch_refit_every=int(meta["garch_refit_every"]),
            scores=scores,
            lineage=tuple(Source.from_dict(d) for d in meta["lineage"]),
            drawdowns_pct=tuple(float(x) for x in meta["drawdowns_pct"]),
            events=tuple(meta["events"]),
            notes=tuple(meta["notes"]),
            cache_status="from the cache",
        )

    @property
    def end(self) -> pd.Timestamp:
        return self.origins[-1]

    def to_frame(self) -> pd.DataFrame:
        """method, horizon, coverage50/80/95, brier, crps_pct, brier_events (mean Brier over the
        events), bss (Brier skill of that mean against the base rate's), n."""
        s = self.scores.copy()
        ev = [f"{e}" for e in self.events]
        if ev:
            s["brier_events"] = np.mean([(s[f"p_{e}"] - s[f"o_{e}"]) ** 2 for e in ev], axis=0)
        else:
            s["brier_events"] = np.nan
        g = s.groupby(["method", "horizon"], sort=False)
        out = g.agg(
            coverage50=("in50", "mean"),
            coverage80=("in80", "mean"),
            coverage95=("in95", "mean"),
            brier=("brier", "mean"),
            crps_pct=("crps_pct", "mean"),
            brier_events=("brier_events", "mean"),
            n=("origin", "size"),
        ).reset_index()
        base = out[out["method"] == BASE_RATE].set_index("horizon")["brier_events"]
        out["bss"] = 1 - out["brier_events"] / out["horizon"].map(base)
        return out

    def skill_frame(self) -> pd.DataFrame:
        """One row per method, horizon and event: ``brier``, ``brier_base``, ``bss`` (1 − brier /
        brier_base), ``mean_p`` (mean forecast), ``observed`` (share of origins where it happened)
        and ``n``. Empty without the base rate."""
        s = self.scores
        if BASE_RATE not in self.methods or not self.events:
            return pd.DataFrame(
                columns=["method", "horizon", "event", "brier", "brier_base", "bss", "mean_p",
                         "observed", "n"]
            )  # fmt: skip
        rows = []
        for (m, h), g in s.groupby(["method", "horizon"], sort=False):
            b = s[(s["method"] == BASE_RATE) & (s["horizon"] == h)]
            for e in self.events:
                bs = float(((g[f"p_{e}"] - g[f"o_{e}"]) ** 2).mean())
                bb = float(((b[f"p_{e}"] - b[f"o_{e}"]) ** 2).mean())
                rows.append(
                    {"method": m, "horizon": h, "event": e, "brier": bs, "brier_base": bb,
                     "bss": 1 - bs / bb if bb > 0 else np.nan,
                     "mean_p": float(g[f"p_{e}"].mean()),
                     "observed": float(g[f"o_{e}"].mean()), "n": len(g)}
                )  # fmt: skip
        return pd.DataFrame(rows)

    def reliability_frame(self, bins: int = 10) -> pd.DataFrame:
        """The reliability diagram as data: one row per method, horizon, event and probability bin
        (``bin_lo``, ``bin_hi``) with ``p_mean`` (mean forecast in the bin), ``observed`` (share
        of those origins where the event happened) and ``n``. A calibrated method has
        ``observed ≈ p_mean``; empty bins are left out."""
        rows = []
        edges = np.linspace(0, 1, bins + 1)
        for (m, h), g in self.scores.groupby(["method", "horizon"], sort=False):
            for e in self.events:
                p = g[f"p_{e}"].to_numpy()
                o = g[f"o_{e}"].to_numpy()
                k = np.clip(np.searchsorted(edges, p, side="right") - 1, 0, bins - 1)
                for b in np.unique(k):
                    sel = k == b
                    rows.append(
                        {"method": m, "horizon": h, "event": e, "bin_lo": edges[b],
                         "bin_hi": edges[b + 1], "p_mean": float(p[sel].mean()),
                         "observed": float(o[sel].mean()), "n": int(sel.sum())}
                    )  # fmt: skip
        return pd.DataFrame(
            rows,
            columns=["method", "horizon", "event", "bin_lo", "bin_hi", "p_mean", "observed", "n"],
        )

    def pit_histogram(self, method: str, horizon: int, bins: int = 10) -> pd.Series:
        """Share of PIT values in each of ``bins`` equal bins of [0, 1] (flat if calibrated)."""
        s = self.scores
        pit = s.loc[(s["method"] == method) & (s["horizon"] == horizon), "pit"].dropna().to_numpy()
        counts, edges = np.histogram(pit, bins=bins, range=(0.0, 1.0))
        idx = pd.IntervalIndex.from_breaks(np.round(edges, 6), closed="left", name="pit")
        return pd.Series(
            counts / max(len(pit), 1), index=idx, name=f"{method} {horizon_label(horizon)}"
        )

    def verdict(self, horizon: int) -> tuple[str | None, tuple[str, ...]]:
        """(the method with the lowest mean event Brier, base rate included; the methods whose
        mean event Brier beats the base rate's) at ``horizon``."""
        f = self.to_frame()
        f = f[(f["horizon"] == horizon) & f["brier_events"].notna()]
        if f.empty or BASE_RATE not in set(f["method"]):
            return None, ()
        # pandas-stubs type idxmin's label as Hashable, which their .loc does not take
        best = str(f.loc[f["brier_events"].idxmin(), "method"])  # type: ignore[index]
        beat = tuple(f.loc[(f["method"] != BASE_RATE) & (f["bss"] > 0), "method"])
        return best, beat

    def summary(self) -> str:
        """Markdown tables of the scores and of the skill against the base rate."""
        f = self.to_frame()
        rows = [
            [r.method, horizon_label(r.horizon), _f(r.coverage50), _f(r.coverage80),
             _f(r.coverage95), _f(r.brier, 3), _f(r.crps_pct), _f(r.bss, 3), f"{r.n}"]
            for r in cast("Iterator[_ScoreRow]", f.itertuples())
        ]  # fmt: skip
        head = (
            f"Walk-forward calibration of **{self.subject}**, monthly origins "
            f"{self.start.date()}..{self.end.date()}, {self.n_paths:,} paths per forecast. "
            "Coverage should match the nominal 0.50 / 0.80 / 0.95; Brier (thresholds "
            + ", ".join(f"+{x:g} %" for x in self.thresholds_pct)
            + ") and CRPS (horizon log return × 100): lower is better; skill: the Brier skill "
            "over the events against the base rate (positive beats it). Origins overlap, so n "
            "overstates the independent evidence."
        )
        if "garch" in self.methods and self.garch_refit_every > 1:
            head += (
                f" GARCH parameters are re-estimated every {self.garch_refit_every} origins; in "
                "between, the variance is filtered with the last estimate (no look-ahead)."
            )
        table = markdown_table(
            rows, ["method", "horizon", "cov50", "cov80", "cov95", "Brier", "CRPS %", "skill", "n"]
        )
        out = f"{head}\n\n{table}\n"
        for h in self.horizons:
            best, beat = self.verdict(h)
            if best is not None:
                out += (
                    f"\n{horizon_label(h)}: best {best}; "
                    + (
                        f"beat the base rate: {', '.join(beat)}"
                        if beat
                        else "none beat the base rate"
                    )
                    + "."
                )
        return out + ("\n" if any(self.verdict(h)[0] for h in self.horizons) else "")

    def facts(self) -> list[Fact]:
        """``calibration.{m}.coverage{50,80,95}.{h}``, ``.brier.{h}``, ``.crps_pct.{h}``, ``.n.{h}``,
        ``.bss.{h}``, ``.beats_base_rate.{h}``; per event ``calibration.{m}.brier_{e}.{h}``,
        ``.bss_{e}.{h}``, ``.mean_p_{e}.{h}``, ``calibration.observed.{e}.{h}``; and
        ``calibration.best.{h}``, ``calibration.any_beats_base_rate.{h}``."""
        a = str(self.end.date())
        lin = self.lineage
        out = [
            Fact("calibration.start", str(self.start.date()), "date", a, "first forecast origin",
                 lin, "first calibration origin"),
            Fact("calibration.end", str(self.end.date()), "date", a, "last forecast origin",
                 lin, "last calibration origin"),
        ]  # fmt: skip

        def how(m: str, h: int) -> str:
            name = METHOD_NAMES.get(m) or EXTRA_NAMES.get(m, m)
            paths = f", {self.n_paths:,} paths" if m in METHOD_NAMES else ""
            return (
                f"walk-forward, monthly origins {self.start.date()}..{self.end.date()}, "
                f"{name}{paths}, horizon {h} sessions"
            )

        for r in cast("Iterator[_ScoreRow]", self.to_frame().itertuples()):
            h, m = horizon_label(r.horizon), r.method
            w = how(m, r.horizon)
            if not math.isnan(r.coverage80):
                for c in (50, 80, 95):
                    out.append(
                        Fact(ids.calibration(m, f"coverage{c}", h),
                             float(getattr(r, f"coverage{c}")), "probability", a, w, lin,
                             f"share of outcomes inside the central {c} % interval", 2)
                    )  # fmt: skip
                out.append(
                    Fact(ids.calibration(m, "crps_pct", h), float(r.crps_pct), "pct", a, w, lin,
                         "CRPS of the horizon log return (×100)", 2)
                )  # fmt: skip
            out += [
                Fact(ids.calibration(m, "brier", h), float(r.brier), "ratio", a, w, lin,
                     "Brier score of the close-above probabilities", 3),
                Fact(ids.calibration(m, "n", h), int(r.n), "count", a, w, lin,
                     "forecasts scored (overlapping)"),
            ]  # fmt: skip
            if not math.isnan(r.bss) and m != BASE_RATE:
                out += [
                    Fact(ids.calibration(m, "bss", h), float(r.bss), "ratio", a,
                         w + "; 1 − mean event Brier / the base rate's", lin,
                         "Brier skill against the base rate (positive beats it)", 3),
                    Fact(ids.calibration_verdict("beats_base_rate", h, m), bool(r.bss > 0),
                         "bool", a, w, lin, "beat the base rate"),
                ]  # fmt: skip
        sk = self.skill_frame()
        for sr in cast("Iterator[_SkillRow]", sk.itertuples()):
            h = horizon_label(sr.horizon)
            w = how(sr.method, sr.horizon)
            out += [
                Fact(ids.calibration_event(sr.method, "brier", sr.event, h), sr.brier, "ratio", a,
                     w, lin, f"Brier score, {_event_words(sr.event)}", 3),
                Fact(ids.calibration_event(sr.method, "mean_p", sr.event, h), sr.mean_p,
                     "probability", a, w, lin, f"mean forecast, {_event_words(sr.event)}", 2),
            ]  # fmt: skip
            if sr.method != BASE_RATE and not math.isnan(sr.bss):
                out.append(
                    Fact(ids.calibration_event(sr.method, "bss", sr.event, h), sr.bss, "ratio", a,
                         w + "; 1 − Brier / the base rate's", lin,
                         f"Brier skill against the base rate, {_event_words(sr.event)}", 3)
                )  # fmt: skip
        if len(sk):
            for group, g in sk.groupby(["horizon", "event"], sort=False):
                hz_, e = cast("tuple[int, str]", group)
                out.append(
                    Fact(ids.calibration_observed(e, horizon_label(hz_)),
                         float(g["observed"].iloc[0]), "probability", a, how(BASE_RATE, hz_), lin,
                         f"share of origins where it happened, {_event_words(e)}", 2)
                )  # fmt: skip
        for hz in self.horizons:
            best, beat = self.verdict(hz)
            if best is None:
                continue
            h = horizon_label(hz)
            w = how(BASE_RATE, hz) + "; lowest mean Brier score over the events"
            out += [
                Fact(ids.calibration_verdict("best", h), best, "label", a, w, lin,
                     "the most accurate forecast of the events"),
                Fact(ids.calibration_verdict("any_beats_base_rate", h), bool(beat), "bool", a, w,
                     lin, "some method beat the base rate"),
            ]  # fmt: skip
        return out


def _f(x: float | None, d: int = 2) -> str:
    return "n/a" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.{d}f}"


def _event_words(e: str) -> str:
    kind, _, rest = e.rpartition("_")
    pct = rest[1:].replace("_", ".")
    side = "above" if rest.startswith("p") else "below"
    what = {"touch": "a close", "close_above": "closing", "close_below": "closing"}[kind]
    when = "within the horizon" if kind == "touch" else "at the horizon"
    return f"{what} {pct} % {side} the origin {when}"


def _origins(
    index: pd.DatetimeIndex, first_pos: int, start: DateLike | None, step: str
) -> np.ndarray:
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


def _events(thresholds: np.ndarray, drawdowns: np.ndarray) -> list[tuple[str, str, float]]:
    """(key, kind, log barrier) of every scored event."""
    out = []
    for x in thresholds:
        b = math.log1p(x / 100)
        out += [(ids.event_key("touch", x), "touch_up", b),
                (ids.event_key("close_above", x), "close_above", b)]  # fmt: skip
    for d in drawdowns:
        b = math.log1p(-d / 100)
        out += [(ids.event_key("touch", -d), "touch_down", b),
                (ids.event_key("close_below", -d), "close_below", b)]  # fmt: skip
    return out


def _event_p(kind: str, b: float, mx: np.ndarray, mn: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Indicator of the event per path (or window)."""
    if kind == "touch_up":
        return mx >= b
    if kind == "touch_down":
        return mn <= b
    if kind == "close_above":
        return end >= b
    return end <= b


def _fit_conditional(
    kind: str,
    b: float,
    windows: list[np.ndarray],
    X: np.ndarray,
    h: int,
    min_windows: int,
) -> LogisticBaseRate | float | None:
    """The conditioned base rate for one event: a fitted model, a constant when every window
    agreed, or ``None`` when there are too few windows (the plain base rate is used)."""
    if len(X) < min_windows:
        return None
    y = _event_p(kind, b, *windows).astype(float)
    if y.min() == y.max():
        return float(y[0])
    return LogisticBaseRate(ridge=RIDGE_PER_STEP * h).fit(X, y)


def _implied_p(kind: str, b: float, var_total: float, n: int) -> float:
    from thesis.analysis.paths import gbm_close_probability, gbm_touch_probability

    sigma = math.sqrt(var_total / n)
    mu = -0.5 * var_total / n
    if kind in ("touch_up", "touch_down"):
        return float(gbm_touch_probability(b, mu, sigma, n))
    return float(gbm_close_probability(b, mu, sigma, n, above=kind == "close_above"))


def calibrate(
    prices: pd.Series,
    *,
    subject: str,
    methods: Sequence[str] = METHODS,
    horizons: Sequence[int] = (63, 126, 252),
    start: DateLike | None = None,
    step: str = "monthly",
    n_paths: int = 2_000,
    rng: np.random.Generator,
    thresholds_pct: Sequence[float] = (5.0, 10.0, 20.0),
    drawdowns_pct: Sequence[float] = (10.0,),
    garch_refit_every: int = 12,
    models: Mapping[str, Any] | None = None,
    baseline: bool = True,
    base_rate: bool = False,
    vol_index: pd.Series | None = None,
    min_base_windows: int = MIN_BASE_WINDOWS,
    conditional_refit_every: int = 12,
    cache: ResultCacheLike | None = None,
) -> CalibrationResult:
    """Score the path methods walk-forward over ``prices``' history, against the base rate.

    Parameters
    ----------
    prices
        Daily closes (points), the whole history to score over; lineage in ``.attrs["source"]``.
    subject
        Series id for labels.
    methods
        Any of ``gbm``, ``bootstrap``, ``garch``; ``baseline`` is added when ``baseline``,
        ``baserate`` and ``conditional`` when ``base_rate``, ``implied`` with ``vol_index``.
    horizons
        Horizons in sessions (63, 126, 252 ≈ 3, 6, 12 months).
    start
        First origin on or after this date (default: the first with enough history for every
        method and ``min_base_windows`` earlier windows of the longest horizon, so that all are
        scored on the same origins).
    step
        ``monthly`` (last session of each month) or ``weekly``.
    n_paths
        Paths per forecast.
    rng
        One integer is drawn from it; every (origin, method) gets its own key from it.
    thresholds_pct, drawdowns_pct
        Rises ``x`` (events: touch, close at or above origin × (1 + x/100)) and falls ``d``
        (touch, close at or below origin × (1 − d/100)) scored by the Brier score.
    garch_refit_every
        Re-estimate the GARCH parameters every this many origins (1: at every origin); in between
        only the conditional variance is updated with the data up to each origin.
    models
        Unfitted models to use instead of the defaults (same keys as ``methods``).
    baseline
        Also score the naive random walk.
    base_rate
        Also score the base rate and the conditioned base rate, the yardstick of the skill
        (off by default so that callers scoring one method, such as a sweep, get only it).
    vol_index
        Daily closes of the subject's volatility index (``vix``): also score the implied method.
    min_base_windows
        Earlier complete windows the base rate needs at an origin.
    conditional_refit_every
        Refit the conditioned base rate every this many origins.
    cache
        A result cache (:class:`thesis.data.cache.ResultCache`, or anything with its ``key``,
        ``get`` and ``put``): a result computed before from the same data, settings and random
        stream is read back instead of recomputed (identical, ``cache_status`` says so), and a
        new one is written after it is computed. A cache that cannot be written is skipped.
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
    thr = np.asarray(thresholds_pct, dtype=float)
    dd = np.asarray(drawdowns_pct, dtype=float)
    if (thr <= 0).any() or ((dd <= 0) | (dd >= 100)).any():
        raise AnalysisError(
            f"thresholds_pct {tuple(thr)} / drawdowns_pct {tuple(dd)}",
            where="thresholds_pct/drawdowns_pct",
            fix="rises are positive percents, falls percents between 0 and 100",
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
    need = max(p.min_sessions for p in protos.values()) if protos else 1
    if base_rate:
        need = max(need, hs[-1] + min_base_windows)
    n = len(s)
    if n < need + hs[0]:
        what = ", ".join(protos) or "the base rate"
        raise InsufficientDataError(
            f"calibration needs at least {need + hs[0]} daily closes ({need} to fit "
            f"{what} and {hs[0]} to score the shortest horizon); the series has {n}",
            where=subject,
            fix=f"import longer history for {subject!r} or use shorter horizons",
        )
    pos = _origins(date_index(s, subject), need - 1, start, step)
    pos = pos[pos + hs[0] < n]
    if len(pos) == 0:
        raise InsufficientDataError(
            "no origin leaves room to score the shortest horizon",
            where=subject,
            fix="choose an earlier start or shorter horizons",
        )
    cache_key: str | None = None
    if cache is not None:
        from thesis.data.cache import CACHE_VERSION, data_hash

        cache_key = cache.key(
            "calibration",
            series=subject,
            data=data_hash(s, vol_index),
            rng=rng.bit_generator.state,
            methods=list(protos),
            models={m: _params(p) for m, p in protos.items()},
            horizons=list(hs),
            start=None if start is None else str(as_timestamp(start, "start").date()),
            step=step,
            n_paths=int(n_paths),
            thresholds=list(thr),
            drawdowns=list(dd),
            garch_refit_every=int(garch_refit_every),
            base_rate=bool(base_rate),
            min_base_windows=int(min_base_windows),
            conditional_refit_every=int(conditional_refit_every),
            code=CACHE_VERSION,
        )
        hit = cache.get(cache_key)
        if hit is not None:
            rng.integers(0, 2**63 - 1)  # the draw a fresh computation makes, so rng ends alike
            return CalibrationResult.from_cache(*hit)
    logp = np.log(s.to_numpy())
    base = int(rng.integers(0, 2**63 - 1))
    qlo = {c: (1 - c) / 2 for c in COVERAGES}
    evs = _events(thr, dd)
    ev_keys = tuple(k for k, _, _ in evs)

    # windows of every length, for the outcomes, the base rate and the conditioned base rate
    wins = {h: window_moves(logp, h) for h in hs}
    feats = origin_features(logp, vol_window=63, per_year=252)
    feat_ok = np.isfinite(feats).all(axis=1)
    cum = {}
    for h in hs:
        mx, mn, end = wins[h]
        cum[h] = {k: np.r_[0, np.cumsum(_event_p(kind, b, mx, mn, end))] for k, kind, b in evs}
    cond_models: dict[tuple[int, str], LogisticBaseRate | float | None] = {}

    vx = None
    if vol_index is not None:
        vx = checked_series(vol_index, name="vol_index", positive=True, allow_nan=True)
    extra = ([BASE_RATE, CONDITIONAL] if base_rate else []) + ([IMPLIED] if vx is not None else [])

    rows: list[dict[str, Any]] = []
    garch_params: dict[str, float] | None = None
    for k, i in enumerate(pos):
        hist = s.iloc[: i + 1]
        avail = [h for h in hs if i + h < n]
        H = avail[-1]
        outcome: dict[int, dict[str, float]] = {}
        for h in avail:
            mx, mn, end = (w[i] for w in wins[h])
            outcome[h] = {key: float(_event_p(kind, b, mx, mn, end)) for key, kind, b in evs}
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
            # every session recorded, so that touches can be read at each horizon
            sim_mx, sim_mn, path = model.simulate(H, n_paths, key, np.arange(1, H + 1))
            for h in avail:
                x = path[:, h - 1]
                # the kernel's running extremes cover the longest horizon; shorter ones read the
                # recorded sessions
                hi = sim_mx if h == H else path[:, :h].max(axis=1)
                lo = sim_mn if h == H else path[:, :h].min(axis=1)
                p_ev = {key_: float(_event_p(kind, b, hi, lo, x).mean()) for key_, kind, b in evs}
                rows.append(_row(s.index[i], m, h, x, logp[i + h] - logp[i], thr, qlo,
                                 p_ev, outcome[h]))  # fmt: skip
        for h in avail:
            last = i - h  # the last window start ended by the origin
            if BASE_RATE in extra:
                p_ev = {key_: float(cum[h][key_][last + 1] / (last + 1)) for key_ in ev_keys}
                past_end = wins[h][2][: last + 1]
                rows.append(_row(s.index[i], BASE_RATE, h, past_end, logp[i + h] - logp[i], thr,
                                 qlo, p_ev, outcome[h]))  # fmt: skip
                p_c = {}
                okw = np.flatnonzero(feat_ok[: last + 1])
                for key_, kind, b in evs:
                    mk = (h, key_)
                    if mk not in cond_models or k % max(conditional_refit_every, 1) == 0:
                        cond_models[mk] = _fit_conditional(
                            kind, b, [w[okw] for w in wins[h]], feats[okw], h, min_base_windows
                        )
                    cm = cond_models[mk]
                    if isinstance(cm, LogisticBaseRate) and feat_ok[i]:
                        p_c[key_] = float(cm.predict(feats[i][None, :])[0])
                    elif isinstance(cm, float):
                        p_c[key_] = cm  # every earlier window agreed
                    else:  # too few windows with features yet: the plain base rate
                        p_c[key_] = p_ev[key_]
                rows.append(_row(s.index[i], CONDITIONAL, h, None, logp[i + h] - logp[i], thr,
                                 qlo, p_c, outcome[h]))  # fmt: skip
            if vx is not None:  # IMPLIED is in extra exactly then
                rows.append(_implied_row(vx, s.index[i], h, logp[i + h] - logp[i], thr, qlo, evs,
                                         outcome[h]))  # fmt: skip
    scores = pd.DataFrame(rows)
    notes = []
    if IMPLIED in extra and scores.loc[scores["method"] == IMPLIED, "pit"].isna().any():
        notes.append(
            "The implied method was not scored where the volatility index had too little history."
        )
    res = CalibrationResult(
        subject=subject,
        methods=tuple(protos) + tuple(extra),
        horizons=hs,
        thresholds_pct=tuple(float(x) for x in thr),
        origins=pd.DatetimeIndex(s.index[pos], name="origin"),
        n_paths=int(n_paths),
        garch_refit_every=int(garch_refit_every),
        scores=scores,
        lineage=(_window_source(s, subject),),
        drawdowns_pct=tuple(float(x) for x in dd),
        events=ev_keys,
        notes=tuple(notes),
    )
    if cache is None or cache_key is None:  # the key is set exactly when there is a cache
        return res
    return keep_in_cache(res, cache, cache_key)


def keep_in_cache(res: CalibrationResult, cache: ResultCacheLike, key: str) -> CalibrationResult:
    """Write a freshly computed result under ``key``; the result says whether it was cached.

    :func:`calibrate` does this itself; a caller that computed the result elsewhere (a helper
    process, called without a cache) does it with the key :class:`CacheProbe` found.
    """
    frame, meta = res.to_cache()
    why = cache.put(key, "calibration", res.subject, frame, meta)
    status = "computed, cached" if why is None else f"computed, not cached: {why}"
    return dataclasses.replace(res, cache_status=status)


class CacheProbe:
    """A cache that answers hits and stops :func:`calibrate` at a miss, with the key.

    ``calibrate(..., cache=CacheProbe(cache))`` returns the cached result, or raises
    :class:`CacheProbe.Miss` (its ``key`` is where the result belongs) before any simulation:
    how a caller learns, at the cost of a cache read, whether the calibration must be computed.
    """

    class Miss(Exception):
        """Not in the cache; ``key`` is the result's cache key."""

        def __init__(self, key: str) -> None:
            super().__init__(key)
            self.key = key

    def __init__(self, cache: ResultCacheLike) -> None:
        self.cache = cache

    def key(self, kind: str, /, **parts: Any) -> str:
        return self.cache.key(kind, **parts)

    def get(self, key: str, /) -> tuple[pd.DataFrame, dict[str, Any]] | None:
        hit = self.cache.get(key)
        if hit is None:
            raise CacheProbe.Miss(key)
        return hit

    def put(
        self, key: str, kind: str, series: str, frame: pd.DataFrame, meta: Mapping[str, Any], /
    ) -> str | None:
        return self.cache.put(key, kind, series, frame, meta)


def _params(model: Any) -> dict[str, Any]:
    """A model's settings (its ``__init__`` parameters), for the cache key."""
    import inspect

    return {
        name: repr(getattr(model, name))
        for name in inspect.signature(type(model).__init__).parameters
        if name != "self" and hasattr(model, name)
    }


def _row(
    origin: pd.Timestamp,
    method: str,
    h: int,
    sample: np.ndarray | None,
    y: float,
    thr: np.ndarray,
    qlo: dict[float, float],
    p_ev: dict[str, float],
    o_ev: dict[str, float],
) -> dict[str, Any]:
    """One score row: interval, PIT and CRPS from ``sample`` (log returns; None: not given)."""
    row: dict[str, Any] = {"origin": origin, "method": method, "horizon": h,
                           "outcome_pct": 100 * math.expm1(y)}  # fmt: skip
    ev = np.log1p(thr / 100.0)
    if sample is not None and len(sample):
        x = sample
        q = np.quantile(x, [qlo[c] for c in COVERAGES] + [1 - qlo[c] for c in COVERAGES])
        p_thr = (x[:, None] >= ev).mean(axis=0)
        row.update(
            pit=float(np.mean(x <= y)),
            in50=float(q[0] <= y <= q[3]),
            in80=float(q[1] <= y <= q[4]),
            in95=float(q[2] <= y <= q[5]),
            crps_pct=float(crps_sample(100 * x, 100 * y)),
        )
    else:
        p_thr = np.array([p_ev[ids.event_key("close_above", t)] for t in thr])
        row.update(pit=np.nan, in50=np.nan, in80=np.nan, in95=np.nan, crps_pct=np.nan)
    brier = (p_thr - (y >= ev).astype(float)) ** 2
    row["brier"] = float(brier.mean()) if len(brier) else np.nan
    for x_pct, b in zip(thr, brier, strict=True):
        row[f"brier_{x_pct:g}"] = float(b)
    for key, p in p_ev.items():
        row[f"p_{key}"] = p
        row[f"o_{key}"] = o_ev[key]
    return row


def _implied_row(
    vx: pd.Series,
    origin: pd.Timestamp,
    h: int,
    y: float,
    thr: np.ndarray,
    qlo: dict[float, float],
    evs: list[tuple[str, str, float]],
    o_ev: dict[str, float],
) -> dict[str, Any]:
    """The implied method at one origin: a zero-drift lognormal with the VIX term variance."""
    from scipy.stats import norm

    from thesis.analysis.implied import MIN_VIX_SESSIONS, term_volatility, vix_dynamics

    v = vx[vx.index <= origin]
    row: dict[str, Any] = {"origin": origin, "method": IMPLIED, "horizon": h,
                           "outcome_pct": 100 * math.expm1(y)}  # fmt: skip
    if len(v) < MIN_VIX_SESSIONS:
        row.update(pit=np.nan, in50=np.nan, in80=np.nan, in95=np.nan, crps_pct=np.nan,
                   brier=np.nan)  # fmt: skip
        for key, _, _ in evs:
            row[f"p_{key}"], row[f"o_{key}"] = np.nan, o_ev[key]
        return row
    theta, kappa = vix_dynamics(v.to_numpy())
    years = h / 252
    var_total = term_volatility((float(v.iloc[-1]) / 100) ** 2, theta, kappa, years) * years
    sd, mu = math.sqrt(var_total), -0.5 * var_total
    z = (y - mu) / sd
    qs = {c: norm.ppf(qlo[c]) for c in COVERAGES}
    # CRPS of a normal forecast in closed form (Gneiting & Raftery 2007), in log points × 100
    crps = sd * (z * (2 * norm.cdf(z) - 1) + 2 * norm.pdf(z) - 1 / math.sqrt(math.pi)) * 100
    p_thr = norm.sf((np.log1p(thr / 100) - mu) / sd)
    brier = (p_thr - (y >= np.log1p(thr / 100)).astype(float)) ** 2
    row.update(
        pit=float(norm.cdf(z)),
        in50=float(abs(z) <= -qs[0.50]),
        in80=float(abs(z) <= -qs[0.80]),
        in95=float(abs(z) <= -qs[0.95]),
        crps_pct=float(crps),
        brier=float(brier.mean()) if len(brier) else np.nan,
    )
    for x_pct, b in zip(thr, brier, strict=True):
        row[f"brier_{x_pct:g}"] = float(b)
    for key, kind, b in evs:
        row[f"p_{key}"] = _implied_p(kind, b, var_total, h)
        row[f"o_{key}"] = o_ev[key]
    return row


def _clone(model: Any) -> Any:
    """A fresh unfitted copy with the same settings (``__init__`` parameters)."""
    import inspect

    params = {
        name: getattr(model, name)
        for name in inspect.signature(type(model).__init__).parameters
        if name != "self" and hasattr(model, name)
    }
    return type(model)(**params)
