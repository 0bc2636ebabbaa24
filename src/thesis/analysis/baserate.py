"""Base rates: how often the series itself moved that far, in that direction, within the horizon.

Beside every model probability the plain historical frequency, the yardstick a model must beat:

- The **move** a level asks for, from the value ``S_0`` on ``as_of``: ``ln(L / S_0)`` for a price or
  an index level (log terms), ``L − S_0`` in percentage points for a yield, a rate or a spread.
- Every earlier **window** of the same length ``h`` (in the series' own steps: XNYS sessions for a
  daily series, months for a monthly one), starting at each origin ``s`` whose whole window ends
  on or before ``as_of`` (``s + h ≤`` the position of ``as_of``): data before ``as_of`` only.
- Per window: the running maximum and minimum of the move over ``(s, s + h]`` (touch events:
  a close at or beyond the level at some point) and the move at ``s + h`` (close events).
- The **base rate** is the share of windows in which the event happened: touch (up for a level
  above ``S_0``, down for one below), close at or above, close at or below; and for a drawdown of
  ``X`` % from ``S_0`` the share of windows whose minimum fell at least that far.

Windows overlap (one starts every step), so ``n`` windows hold only about ``n / h`` independent
ones: the base rate's precision is much lower than ``n`` suggests; the facts state both.

**Conditioned on the origin** (:class:`LogisticBaseRate`): the same events, modelled with a
logistic regression on what is known at each window's start, the realised volatility of the last
quarter (log, annualised; a yield's in pp), fitted on the windows known on ``as_of`` with a ridge
penalty of ``4 h`` (overlapping windows carry about ``1/h`` of an independent observation each, so
an unpenalised fit would believe noise). It answers "how often, in conditions like today's".
Scored walk-forward (:mod:`thesis.analysis.calibration`, monthly origins, 3/6/12 months, eight
events) it beat the plain base rate on the US market since 1965 (Fama–French, Brier skill +4.0 %,
+1.4 %, +0.5 %) but not on SPY since 1995 (+0.5 %, −3.1 %, −4.8 %), and was about even on IWM and
TLT (−1 % to +1 %), series not used to choose it. A past-year trend feature and a penalty of
``h`` did worse on all four and were dropped.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from thesis import ids
from thesis.analysis._common import (
    as_timestamp,
    checked_series,
    date_index,
    is_monthly,
    lineage_of,
    markdown_table,
    series_id,
)
from thesis.errors import AnalysisError, InsufficientDataError
from thesis.facts import Fact, Source

if TYPE_CHECKING:
    from thesis._types import DateLike

__all__ = [
    "BaseRateLevel",
    "BaseRateResult",
    "LogisticBaseRate",
    "base_rates",
    "origin_features",
    "window_moves",
]

BASE = "baserate"
CONDITIONAL = "conditional"
MIN_WINDOWS = 252
#: the conditioned base rate's ridge penalty per step of the horizon (module docstring)
RIDGE_PER_STEP = 4.0


# ------------------------------------------------------------------------------ building blocks
def window_moves(x: np.ndarray, h: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For every window start ``s`` with ``s + h < len(x)``: the largest, smallest and final move
    over ``(s, s + h]``, ``x_u − x_s`` (``x``: log prices or yields). Arrays of length
    ``len(x) − h``; O(n) through rolling extremes."""
    n = len(x)
    if h < 1 or n <= h:
        return np.empty(0), np.empty(0), np.empty(0)
    s = pd.Series(x)
    hi = s.rolling(h).max().to_numpy()[h:]  # max of x[s+1 .. s+h] at position s + h
    lo = s.rolling(h).min().to_numpy()[h:]
    start = x[: n - h]
    return hi - start, lo - start, x[h:] - start


def origin_features(x: np.ndarray, *, vol_window: int, per_year: int) -> np.ndarray:
    """Features known at each position (NaN until enough history): the log of the realised
    volatility of the last ``vol_window`` steps, annualised. Shape ``(len(x), 1)``."""
    d = pd.Series(np.diff(x, prepend=np.nan))
    vol = d.rolling(vol_window).std().to_numpy() * math.sqrt(per_year)
    with np.errstate(divide="ignore", invalid="ignore"):
        lv = np.where(vol > 0, np.log(vol), np.nan)
    return lv[:, None]


class LogisticBaseRate:
    """Ridge-penalised logistic regression of an event on origin features (an estimator).

    Features are standardised on the training set; the intercept is not penalised. Fitted by
    Newton's method (IRLS). Written here rather than taken from statsmodels because the
    walk-forward calibration refits it hundreds of times and statsmodels' penalised GLM fit is
    orders of magnitude slower; without the penalty it agrees with statsmodels' ``Logit``
    (tested).

    Parameters
    ----------
    ridge
        Penalty on the squared standardised coefficients (in units of observations).
    """

    def __init__(self, ridge: float = 0.0) -> None:
        self.ridge = ridge

    def fit(self, X: np.ndarray, y: np.ndarray) -> LogisticBaseRate:
        X = np.asarray(X, dtype=float)
        y = np.asarray(y, dtype=float)
        self.mean_ = X.mean(axis=0)
        sd = X.std(axis=0)
        self.scale_ = np.where(sd > 0, sd, 1.0)
        Z = np.column_stack([np.ones(len(X)), (X - self.mean_) / self.scale_])
        # start from the base rate so that a flat likelihood stays there
        p0 = min(max(y.mean(), 1e-4), 1 - 1e-4)
        w = np.zeros(Z.shape[1])
        w[0] = math.log(p0 / (1 - p0))
        pen = np.full(Z.shape[1], float(self.ridge))
        pen[0] = 0.0
        for _ in range(50):
            p = 1.0 / (1.0 + np.exp(-(Z @ w)))
            g = Z.T @ (p - y) + pen * w
            H = (Z * (p * (1 - p))[:, None]).T @ Z + np.diag(pen) + 1e-9 * np.eye(len(w))
            step = np.linalg.solve(H, g)
            w = w - step
            if np.abs(step).max() < 1e-9:
                break
        self.coef_ = w
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        Z = np.column_stack(
            [np.ones(len(X)), (np.asarray(X, dtype=float) - self.mean_) / self.scale_]
        )
        return 1.0 / (1.0 + np.exp(-(Z @ self.coef_)))


# ------------------------------------------------------------------------------ the result
@dataclass(frozen=True)
class BaseRateLevel:
    """Base rates at one level (probabilities); ``*_cond`` conditioned on today's features."""

    level: float
    direction: str  # "up" or "down"
    move: float  # ln(L / S_0), or L − S_0 in pp for a yield
    p_touch: float
    p_close_above: float
    p_close_below: float
    p_touch_cond: float | None = None
    p_close_above_cond: float | None = None
    p_close_below_cond: float | None = None


@dataclass(frozen=True, eq=False)
class BaseRateResult:
    """Historical base rates at the thesis's levels (see :func:`base_rates`)."""

    subject: str
    subject_kind: str
    as_of: pd.Timestamp
    horizon: pd.Timestamp
    horizon_steps: int
    step: str  # "session" or "month"
    value: float
    value_date: pd.Timestamp
    n_windows: int
    first_window: pd.Timestamp
    last_window: pd.Timestamp
    levels: tuple[BaseRateLevel, ...]
    drawdowns: dict[float, tuple[float, float | None]]  # pct → (base rate, conditional)
    features_now: tuple[float, ...] | None
    notes: tuple[str, ...] = ()
    lineage: tuple[Source, ...] = field(default=())

    @property
    def independent_windows(self) -> float:
        """About how many non-overlapping windows the sample holds."""
        return self.n_windows / self.horizon_steps

    def to_frame(self) -> pd.DataFrame:
        """One row per level: direction, move, the base rates and the conditioned ones."""
        return pd.DataFrame([vars(x) for x in self.levels]).set_index("level")

    def _method(self) -> str:
        unit = "pp" if self.subject_kind == "yield" else "log"
        return (
            f"share of the {self.n_windows:,} windows of {self.horizon_steps} {self.step}s "
            f"starting {self.first_window.date()}..{self.last_window.date()} (all ended by "
            f"{self.as_of.date()}; about {self.independent_windows:.0f} non-overlapping) in which "
            f"{self.subject} moved that far ({unit} moves)"
        )

    def _cond_method(self) -> str:
        return (
            "logistic regression of the event on the volatility of the last quarter at each "
            "window's start, fitted on the same windows with a ridge penalty of "
            f"{RIDGE_PER_STEP * self.horizon_steps:g} (overlap); evaluated at {self.as_of.date()}"
        )

    def facts(self) -> list[Fact]:
        S, a, lin, how = self.subject, str(self.as_of.date()), self.lineage, self._method()
        P = ids.method_param
        out = [
            Fact(P(S, BASE, "windows"), self.n_windows, "count", a, how, lin,
                 "past windows behind the base rates"),
            Fact(P(S, BASE, "independent_windows"), round(self.independent_windows, 1), "count", a,
                 "windows / window length: overlapping windows are not independent", lin,
                 "non-overlapping windows"),
            Fact(P(S, BASE, "window_start"), str(self.first_window.date()), "date", a, how, lin,
                 "first window's start"),
            Fact(P(S, BASE, "window_end"), str(self.last_window.date()), "date", a, how, lin,
                 "last window's start"),
            Fact(P(S, BASE, "horizon_steps"), self.horizon_steps,
                 "days" if self.step == "session" else "months", a,
                 f"the horizon in the series' steps ({self.step}s)", lin, "window length"),
        ]  # fmt: skip
        cm = self._cond_method()
        for x in self.levels:
            L = x.level
            word = "at or above" if x.direction == "up" else "at or below"
            ev: ids.Event
            for ev, p, pc, lab in (
                ("touch", x.p_touch, x.p_touch_cond, f"a close {word} {L:,g} within the horizon"),
                ("close_above", x.p_close_above, x.p_close_above_cond,
                 f"closing at or above {L:,g} at the horizon"),
                ("close_below", x.p_close_below, x.p_close_below_cond,
                 f"closing at or below {L:,g} at the horizon"),
            ):  # fmt: skip
                out.append(
                    Fact(ids.p_event(S, ev, L, BASE), p, "probability", a, how, lin,
                         f"base rate of {lab}", 2)
                )  # fmt: skip
                if pc is not None:
                    out.append(
                        Fact(ids.p_event(S, ev, L, CONDITIONAL), pc, "probability", a, cm, lin,
                             f"base rate of {lab}, in conditions like today's", 2)
                    )  # fmt: skip
        for d, (p, pc) in self.drawdowns.items():
            out.append(
                Fact(ids.p_event(S, "drawdown", d, BASE), p, "probability", a, how, lin,
                     f"base rate of a fall of {d:g}% from the value on as_of within the horizon",
                     2)
            )  # fmt: skip
            if pc is not None:
                out.append(
                    Fact(ids.p_event(S, "drawdown", d, CONDITIONAL), pc, "probability", a, cm, lin,
                         f"base rate of a fall of {d:g}%, in conditions like today's", 2)
                )  # fmt: skip
        return out

    def summary(self) -> str:
        rows = [
            [f"{x.level:,g}", x.direction, f"{x.p_touch:.2f}", f"{x.p_close_above:.2f}",
             f"{x.p_close_below:.2f}",
             "" if x.p_touch_cond is None else f"{x.p_touch_cond:.2f}"]
            for x in self.levels
        ]  # fmt: skip
        lines = [
            f"### {self.subject}: base rates over {self.horizon_steps} {self.step}s "
            f"(as of {self.as_of.date()})",
            "",
            f"- {self._method()}",
            "",
            markdown_table(rows, ["level", "side", "touch", "close ≥", "close ≤", "touch, cond."]),
        ]
        if self.notes:
            lines += ["", *[f"- Note: {n}" for n in self.notes]]
        return "\n".join(lines)


# ------------------------------------------------------------------------------ the analysis
def _steps_to(
    index: pd.DatetimeIndex, monthly: bool, as_of: pd.Timestamp, horizon: pd.Timestamp
) -> int:
    if monthly:
        return (horizon.year - as_of.year) * 12 + horizon.month - as_of.month
    from thesis.data.calendars import sessions_between

    return len(sessions_between(as_of, horizon))


def base_rates(
    series: pd.Series,
    *,
    subject: str,
    as_of: DateLike,
    horizon: DateLike,
    thresholds: Sequence[float] = (),
    targets: Sequence[float] = (),
    drawdowns_pct: Sequence[float] = (),
    subject_kind: str = "price",
    horizon_steps: int | None = None,
    conditional: bool = True,
    min_windows: int = MIN_WINDOWS,
) -> BaseRateResult:
    """Base rates of the thesis's events over every earlier window (module docstring).

    Parameters
    ----------
    series
        The subject, daily (closes) or monthly (dated the first of the month); points or a price
        for ``subject_kind="price"``, percent for ``"yield"``.
    subject
        Series id for fact ids.
    as_of, horizon
        Analysis date and the horizon date.
    thresholds, targets
        Levels in the series' unit.
    drawdowns_pct
        Falls of ``X`` % from the value on ``as_of`` (prices only).
    subject_kind
        ``"price"`` (log moves) or ``"yield"`` (moves in percentage points).
    horizon_steps
        The window length in the series' steps; default the XNYS sessions (daily series) or
        months (monthly) from ``as_of`` to ``horizon``.
    conditional
        Also fit the logistic base rate on origin features.
    min_windows
        Fewer complete windows than this is an :class:`InsufficientDataError`.

    Returns
    -------
    BaseRateResult
    """
    as_ts = as_timestamp(as_of)
    hz = as_timestamp(horizon, "horizon")
    if hz <= as_ts:
        raise AnalysisError(
            f"horizon {hz.date()} is not after as_of {as_ts.date()}",
            where="horizon",
            fix="choose a horizon date after as_of",
        )
    if subject_kind not in ("price", "yield"):
        raise AnalysisError(
            f"unknown subject_kind {subject_kind!r}",
            where="subject_kind",
            fix="use 'price' (index, ETF, stock) or 'yield' (a yield, rate or spread)",
        )
    name = f"series ({series_id(series, subject)})"
    s = checked_series(
        series, name=name, positive=subject_kind == "price", allow_nan=True, keep_attrs=False
    )
    monthly = is_monthly(s)
    if monthly:  # a month's value is known once the month is complete
        s = s[date_index(s) + pd.offsets.MonthEnd(0) <= as_ts]
    else:
        s = s[s.index <= as_ts]
    h = (
        int(horizon_steps)
        if horizon_steps is not None
        else _steps_to(date_index(s), monthly, as_ts, hz)
    )
    if h < 1:
        raise AnalysisError(
            f"the horizon {hz.date()} is less than one {'month' if monthly else 'session'} after "
            f"as_of {as_ts.date()}",
            where="horizon",
            fix="choose a later horizon, or pass a daily series for short horizons",
        )
    x = s.to_numpy()
    if subject_kind == "price":
        x = np.log(x)
    mx, mn, end = window_moves(x, h)
    n = len(mx)
    if n < min_windows:
        raise InsufficientDataError(
            f"{n} complete windows of {h} {'months' if monthly else 'sessions'} end by "
            f"{as_ts.date()}; the base rates need at least {min_windows}",
            where=name,
            fix="import longer history for the series, or use a shorter horizon",
        )
    x0 = float(x[-1])
    per_year = 12 if monthly else 252
    feats = origin_features(x, vol_window=3 if monthly else 63, per_year=per_year)
    f_train = feats[:n]
    ok = np.isfinite(f_train).all(axis=1)
    f_now = feats[-1]
    use_cond = conditional and ok.sum() >= min_windows and np.isfinite(f_now).all()

    def both(outcome: np.ndarray) -> tuple[float, float | None]:
        p = float(outcome.mean())
        if not use_cond:
            return p, None
        y = outcome[ok].astype(float)
        if y.min() == y.max():  # every window agreed: nothing to condition on
            return p, float(y[0])
        m = LogisticBaseRate(ridge=RIDGE_PER_STEP * h).fit(f_train[ok], y)
        return p, float(m.predict(f_now[None, :])[0])

    levels = []
    seen: dict[float, None] = {}
    for role, xs in (("thresholds", thresholds), ("targets", targets)):
        for v in xs:
            L = float(v)
            if not math.isfinite(L) or (subject_kind == "price" and L <= 0):
                raise AnalysisError(
                    f"level {v!r} is not a usable level", where=role,
                    fix="give levels in the series' unit (points > 0, or percent for a yield)",
                )  # fmt: skip
            seen[L] = None
    for L in sorted(seen):
        move = math.log(L) - x0 if subject_kind == "price" else L - x0
        up = move >= 0
        touch = (mx >= move - 1e-12) if up else (mn <= move + 1e-12)
        pt, ptc = both(touch)
        pa, pac = both(end >= move - 1e-12)
        pb, pbc = both(end <= move + 1e-12)
        levels.append(BaseRateLevel(L, "up" if up else "down", move, pt, pa, pb, ptc, pac, pbc))
    dd: dict[float, tuple[float, float | None]] = {}
    for d in drawdowns_pct:
        dv = float(d)
        if subject_kind != "price" or not 0 < dv < 100:
            raise AnalysisError(
                f"drawdown {d!r}",
                where="drawdowns_pct",
                fix="a fall in percent between 0 and 100, for a price series",
            )
        dd[dv] = both(mn <= math.log(1 - dv / 100) + 1e-12)

    notes = [
        "Base rates count how often the series itself moved that far over every earlier window "
        "of the same length; the windows overlap, so they hold far fewer independent episodes "
        "than their number.",
    ]
    if use_cond:
        notes.append(
            "The conditioned base rates weigh past windows by how similar their starting "
            "volatility was to today's; they are estimates from the same "
            "overlapping windows, not separate evidence."
        )
    elif conditional:
        notes.append(
            "Too little history with a past year and a quarter of volatility before each window "
            "to condition the base rates on today's conditions."
        )
    if monthly:
        notes.append(
            "The series is monthly: touches count month averages only, so intramonth highs and "
            "lows are missed and touch base rates are understated."
        )
    idx = s.index
    return BaseRateResult(
        subject=subject,
        subject_kind=subject_kind,
        as_of=as_ts,
        horizon=hz,
        horizon_steps=h,
        step="month" if monthly else "session",
        value=float(s.iloc[-1]),
        value_date=idx[-1],
        n_windows=n,
        first_window=idx[0],
        last_window=idx[n - 1],
        levels=tuple(levels),
        drawdowns=dd,
        features_now=tuple(float(v) for v in f_now) if use_cond else None,
        notes=tuple(notes),
        lineage=lineage_of(series),
    )
