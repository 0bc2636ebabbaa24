"""A fourth method: risk-neutral odds from the volatility index (VIX for the S&P 500).

The market's own price of volatility, read as a lognormal law for the index at the horizon:

1. **Volatility for the term.** The VIX is the 30-day implied volatility (annualised, percent).
   Its square, the implied variance, mean-reverts: fitted on the index's daily history up to
   ``as_of`` as an AR(1), ``v_{t+1} = a + b v_t`` (least squares), giving the long-run variance
   ``θ = a / (1 − b)`` and the speed ``κ = −252 ln b`` per year. With instantaneous variance
   ``v`` following ``dv = κ(θ − v)dt``, the average variance over a term ``τ`` is
   ``θ + (v − θ)(1 − e^{−κτ}) / (κτ)``; ``v`` is set so that the 30-day average equals VIX², and
   the horizon's average variance ``σ_T²`` follows (calendar time, ``τ = days / 365``).
2. **Law at the horizon.** ``ln(S_T / S_0)`` is normal with variance ``σ_T² T`` and the
   risk-neutral mean ``(r − q) T − σ_T² T / 2`` (``r``: the short rate, ``q``: the dividend
   yield; both 0 when not given, which is said).
3. **Probabilities by closed forms** (:func:`thesis.analysis.paths.gbm_close_probability` and
   :func:`~thesis.analysis.paths.gbm_touch_probability`, spread over the XNYS sessions to the
   horizon, with the Broadie–Glasserman–Kou correction for a touch at daily closes): close at or
   above, close at or below, and touch (a close at or beyond the level before the horizon, up for
   a level above the close, down for one below).

These are **risk-neutral** probabilities: the odds at which options are priced, which include the
premium investors pay for protection (implied volatility has on average exceeded realised
volatility), not forecasts of how often the level is reached. Every fact's method says so.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from thesis import ids
from thesis.analysis._common import (
    as_timestamp,
    checked_series,
    lineage_of,
    markdown_table,
    series_id,
)
from thesis.errors import AnalysisError, InsufficientDataError
from thesis.facts import Fact, Source

if TYPE_CHECKING:
    from thesis._types import DateLike

__all__ = [
    "MATCHING_VOL_INDEX",
    "ImpliedLevel",
    "ImpliedResult",
    "implied_probabilities",
    "term_volatility",
    "vix_dynamics",
]

METHOD = "implied"
VIX_DAYS = 30
MIN_VIX_SESSIONS = 252
QUANTILES = (0.05, 0.25, 0.50, 0.75, 0.95)
#: the volatility index that prices each series (the VIX is the S&P 500's 30-day implied
#: volatility; SPY tracks the index); a thesis on another series uses this method only when it
#: names a matching volatility index itself
MATCHING_VOL_INDEX = {"sp500": "vix", "sp500_monthly": "vix", "spy": "vix", "spy_tr": "vix"}


@dataclass(frozen=True)
class ImpliedLevel:
    """Risk-neutral probabilities at one level."""

    level: float
    direction: str  # "up" (above the close) or "down"
    p_touch: float
    p_close_above: float
    p_close_below: float


@dataclass(frozen=True, eq=False)
class ImpliedResult:
    """Risk-neutral probabilities from the volatility index (see :func:`implied_probabilities`)."""

    subject: str
    vol_index: str
    as_of: pd.Timestamp
    horizon: pd.Timestamp
    horizon_sessions: int
    horizon_years: float  # calendar days / 365
    level: float
    level_date: pd.Timestamp
    vix: float  # points
    vix_date: pd.Timestamp
    long_run_vol_pct: float  # sqrt(θ), annualised %
    kappa: float  # per year
    term_vol_pct: float  # σ_T, annualised %
    rate_pct: float
    dividend_yield_pct: float
    rate_given: bool
    levels: tuple[ImpliedLevel, ...]
    quantiles: dict[float, float]
    history_start: pd.Timestamp
    notes: tuple[str, ...] = ()
    lineage: tuple[Source, ...] = field(default=())

    @property
    def half_life_months(self) -> float:
        """Months for a gap between the implied variance and its long-run level to halve."""
        return math.log(2) / self.kappa * 12 if self.kappa > 0 else math.inf

    @property
    def drift_ann_pct(self) -> float:
        """The risk-neutral drift ``r − q`` (percent a year)."""
        return self.rate_pct - self.dividend_yield_pct

    def to_frame(self) -> pd.DataFrame:
        """One row per level: direction, p_touch, p_close_above, p_close_below."""
        return pd.DataFrame([vars(x) for x in self.levels]).set_index("level")

    def _method(self) -> str:
        rd = (
            f"r − q = {self.drift_ann_pct:.2f}% a year"
            if self.rate_given
            else "drift r − q taken as zero (no rate given)"
        )
        return (
            f"risk-neutral lognormal from {self.vol_index.upper()} {self.vix:.2f} on "
            f"{self.vix_date.date()}, its variance mean-reverting toward the long-run "
            f"{self.long_run_vol_pct:.1f}% (half-life {self.half_life_months:.1f} months; AR(1) "
            f"on daily {self.vol_index.upper()}² {self.history_start.date()}..{self.vix_date.date()}"
            f") → {self.term_vol_pct:.1f}% over {self.horizon_years:.2f} years; {rd}; "
            "risk-neutral odds (option prices), not real-world frequencies"
        )

    def facts(self) -> list[Fact]:
        S, a, lin, how = self.subject, str(self.as_of.date()), self.lineage, self._method()
        P = ids.method_param

        def prm(name: str, v: Any, unit: str, m: str, label: str, dec: int | None = 2) -> Fact:
            return Fact(P(S, METHOD, name), v, unit, a, m, lin, label, dec)

        out = [
            prm("vol_index_level", self.vix, "points", f"{self.vol_index} close on or before as_of",
                f"{self.vol_index.upper()} level"),
            prm("vol_index_date", str(self.vix_date.date()), "date", "date of that close", "", None),
            prm("sigma_term_ann_pct", self.term_vol_pct, "pct", how,
                "implied volatility for the term, annualised"),
            prm("sigma_long_run_ann_pct", self.long_run_vol_pct, "pct",
                f"square root of the long-run mean of {self.vol_index.upper()}² (AR(1) fit)",
                "long-run implied volatility"),
            prm("half_life_months", self.half_life_months, "months",
                "ln 2 / κ of the AR(1) fit of the implied variance", "half-life of a volatility "
                "shock", 1),
            prm("mu_ann_pct", self.drift_ann_pct, "pct",
                "risk-neutral drift r − q" if self.rate_given else "no rate given: zero",
                "risk-neutral drift"),
        ]  # fmt: skip
        if self.rate_given:
            out += [
                prm("rate_pct", self.rate_pct, "pct", "short rate on or before as_of", "short rate"),
                prm("dividend_yield_pct", self.dividend_yield_pct, "pct", "dividend yield given",
                    "dividend yield"),
            ]  # fmt: skip
        for x in self.levels:
            L = x.level
            word = "at or above" if x.direction == "up" else "at or below"
            out += [
                Fact(ids.p_event(S, "touch", L, METHOD), x.p_touch, "probability", a,
                     how + "; reflection principle with the Broadie–Glasserman–Kou correction",
                     lin, f"risk-neutral probability of a close {word} {L:,g} by the horizon", 3),
                Fact(ids.p_event(S, "close_above", L, METHOD), x.p_close_above, "probability", a,
                     how, lin, f"risk-neutral probability of closing at or above {L:,g}", 3),
                Fact(ids.p_event(S, "close_below", L, METHOD), x.p_close_below, "probability", a,
                     how, lin, f"risk-neutral probability of closing at or below {L:,g}", 3),
            ]  # fmt: skip
        for q, v in self.quantiles.items():
            out.append(
                Fact(ids.quantile(S, round(q * 100), METHOD), v, "points", a, how, lin,
                     f"risk-neutral {q:.0%} quantile of the horizon close", 0)
            )  # fmt: skip
        return out

    def summary(self) -> str:
        rows = [
            [f"{x.level:,g}", x.direction, f"{x.p_touch:.3f}", f"{x.p_close_above:.3f}",
             f"{x.p_close_below:.3f}"]
            for x in self.levels
        ]  # fmt: skip
        lines = [
            f"### {self.subject}: risk-neutral odds from {self.vol_index.upper()} "
            f"(as of {self.as_of.date()}, horizon {self.horizon.date()})",
            "",
            f"- {self._method()}",
            "",
            markdown_table(rows, ["level", "side", "touch", "close ≥", "close ≤"]),
        ]
        if self.notes:
            lines += ["", *[f"- Note: {n}" for n in self.notes]]
        return "\n".join(lines)


def vix_dynamics(vix: pd.Series | np.ndarray) -> tuple[float, float]:
    """Long-run variance ``θ`` (decimal², annualised) and speed ``κ`` (per year) of the implied
    variance, from an AR(1) least-squares fit on daily ``(vix / 100)²``.

    ``b`` is clipped to [0.5, 0.9999] (κ between about 0.025 and 175 a year) so that a sample
    without visible mean reversion still gives a finite half-life.
    """
    v = (np.asarray(vix, dtype=float) / 100.0) ** 2
    x, y = v[:-1], v[1:]
    # ordinary least squares of v_{t+1} on (1, v_t), written out: two moments, no library needed
    xm, ym = x.mean(), y.mean()
    sxx = float(((x - xm) ** 2).sum())
    # a flat index shows no mean reversion: treat it as the slowest allowed
    b = float(((x - xm) * (y - ym)).sum() / sxx) if sxx > 0 else 0.9999
    b = min(max(b, 0.5), 0.9999)
    a = ym - b * xm
    theta = a / (1 - b)
    if not theta > 0:
        theta = float(v.mean())
    return float(theta), float(-252.0 * math.log(b))


def term_volatility(v30: float, theta: float, kappa: float, years: float) -> float:
    """Average implied variance over ``years`` given the 30-day one ``v30`` (decimal², annualised)
    under ``dv = κ(θ − v)dt`` (see the module docstring); returns the variance."""

    def avg(tau: float) -> float:
        x = kappa * tau
        return 1.0 if x < 1e-12 else (1 - math.exp(-x)) / x

    v0 = theta + (v30 - theta) / avg(VIX_DAYS / 365)
    return max(theta + (v0 - theta) * avg(years), 1e-12)


def implied_probabilities(
    prices: pd.Series,
    vol_index: pd.Series,
    *,
    subject: str,
    as_of: DateLike,
    horizon: DateLike,
    thresholds: Sequence[float] = (),
    targets: Sequence[float] = (),
    rate: pd.Series | float | None = None,
    dividend_yield_pct: float | None = None,
    vol_index_name: str | None = None,
) -> ImpliedResult:
    """Risk-neutral probabilities at the thesis's levels from the volatility index.

    The rule is in the module docstring.

    Parameters
    ----------
    prices
        Daily closes of the subject (points); the close on or before ``as_of`` is ``S_0``.
    vol_index
        Daily closes of its volatility index (annualised percent, e.g. ``vix`` for the S&P 500);
        at least a year of history up to ``as_of``.
    subject
        The subject's series id (fact ids).
    as_of, horizon
        Analysis date and horizon date (after ``as_of``).
    thresholds, targets
        Levels (points).
    rate
        Short rate in percent a year (a series: its last value on or before ``as_of``), e.g.
        ``fedfunds`` or ``ust2y``. ``None``: the risk-neutral drift is taken as zero, said so.
    dividend_yield_pct
        The subject's dividend yield in percent a year (0 when not given).
    vol_index_name
        How the index is called (default its series id).

    Returns
    -------
    ImpliedResult

    Raises
    ------
    AnalysisError
        Horizon not after ``as_of``; a level not a positive number.
    InsufficientDataError
        Less than a year of the volatility index, or no close, up to ``as_of``.
    """
    from thesis.analysis.paths import gbm_close_probability, gbm_touch_probability
    from thesis.data.calendars import sessions_between

    as_ts = as_timestamp(as_of)
    hz = as_timestamp(horizon, "horizon")
    if hz <= as_ts:
        raise AnalysisError(
            f"horizon {hz.date()} is not after as_of {as_ts.date()}",
            where="horizon",
            fix="choose a horizon date after as_of",
        )
    vname = vol_index_name or series_id(vol_index, "vix")
    px = checked_series(prices, name=f"prices ({series_id(prices, subject)})", positive=True,
                        allow_nan=True)  # fmt: skip
    px = px[px.index <= as_ts]
    vx = checked_series(vol_index, name=f"vol_index ({vname})", positive=True, allow_nan=True)
    vx = vx[vx.index <= as_ts]
    if px.empty:
        raise InsufficientDataError(
            f"no close of {subject} on or before {as_ts.date()}",
            where=f"prices ({subject})",
            fix="import the series or choose a later as_of",
        )
    if len(vx) < MIN_VIX_SESSIONS:
        raise InsufficientDataError(
            f"{len(vx)} closes of {vname} up to {as_ts.date()}; the mean reversion needs at "
            f"least {MIN_VIX_SESSIONS}",
            where=f"vol_index ({vname})",
            fix="import the volatility index's history (VIX from 1990: `thesis data import "
            "../shared/data`) or choose a later as_of",
        )
    s0, s0_date = float(px.iloc[-1]), px.index[-1]
    theta, kappa = vix_dynamics(vx.to_numpy())
    v30 = (float(vx.iloc[-1]) / 100) ** 2
    years = (hz - as_ts).days / 365.0
    var_t = term_volatility(v30, theta, kappa, years)

    rate_given = rate is not None
    r_pct = 0.0
    if isinstance(rate, pd.Series):
        rr = checked_series(rate, name=f"rate ({series_id(rate, 'rate')})", allow_nan=True)
        rr = rr[rr.index <= as_ts]
        if rr.empty:
            raise InsufficientDataError(
                f"no short rate on or before {as_ts.date()}",
                where=f"rate ({series_id(rate, 'rate')})",
                fix="pass a rate series that reaches as_of, or none (zero drift, stated)",
            )
        r_pct = float(rr.iloc[-1])
    elif rate is not None:
        r_pct = float(rate)
    q_pct = float(dividend_yield_pct) if dividend_yield_pct is not None else 0.0
    if not (math.isfinite(r_pct) and math.isfinite(q_pct)):
        raise AnalysisError(
            f"rate {r_pct} or dividend yield {q_pct} is not a number",
            where="rate/dividend_yield_pct",
            fix="percent a year, e.g. 4.3",
        )

    n = len(sessions_between(as_ts, hz))
    if n < 1:
        raise AnalysisError(
            f"no XNYS session between {as_ts.date()} and {hz.date()}",
            where="horizon",
            fix="choose a horizon at least one session after as_of",
        )
    total_var = var_t * years
    mu_total = (r_pct - q_pct) / 100 * years - total_var / 2
    # per session, so that the closed forms' daily-close correction uses the session grid
    mu, sigma = mu_total / n, math.sqrt(total_var / n)
    levels = []
    seen: dict[float, None] = {}
    for role, xs in (("thresholds", thresholds), ("targets", targets)):
        for x in xs:
            v = float(x)
            if not (math.isfinite(v) and v > 0):
                raise AnalysisError(
                    f"level {x!r} is not a positive number", where=role, fix="index points > 0"
                )
            seen[v] = None
    for L in sorted(seen):
        b = math.log(L / s0)
        up = bool(s0 <= L)
        p_above = float(gbm_close_probability(b, mu, sigma, n, above=True))
        p_below = float(gbm_close_probability(b, mu, sigma, n, above=False))
        p_touch = 1.0 if s0 == L else float(gbm_touch_probability(b, mu, sigma, n))
        levels.append(ImpliedLevel(L, "up" if up else "down", p_touch, p_above, p_below))
    from scipy.stats import norm

    qs = {q: s0 * math.exp(mu_total + math.sqrt(total_var) * float(norm.ppf(q))) for q in QUANTILES}
    notes = [
        "These are risk-neutral odds, the ones at which options are priced: they include the "
        "premium paid for protection against falls, so they tend to put more weight on large "
        "moves than history does.",
        "The volatility index prices the next thirty days; over a longer horizon its variance "
        "is assumed to drift back toward its long-run average at the speed it has in the past.",
    ]
    if not rate_given:
        notes.append(
            "No short rate was given, so the risk-neutral drift is taken as zero; with rates "
            "above the dividend yield the odds of rises would be a little higher."
        )
    if (as_ts - vx.index[-1]).days > 5:
        notes.append("The volatility index's latest close is more than a few days before as_of.")
    return ImpliedResult(
        subject=subject,
        vol_index=vname,
        as_of=as_ts,
        horizon=hz,
        horizon_sessions=n,
        horizon_years=years,
        level=s0,
        level_date=s0_date,
        vix=float(vx.iloc[-1]),
        vix_date=vx.index[-1],
        long_run_vol_pct=math.sqrt(theta) * 100,
        kappa=kappa,
        term_vol_pct=math.sqrt(var_t) * 100,
        rate_pct=r_pct,
        dividend_yield_pct=q_pct,
        rate_given=rate_given,
        levels=tuple(levels),
        quantiles=qs,
        history_start=vx.index[0],
        notes=tuple(notes),
        lineage=lineage_of(prices, vol_index, rate if isinstance(rate, pd.Series) else None),
    )
