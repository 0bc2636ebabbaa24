"""Ranges with conditions: index ranges at the horizon from earnings growth at the current multiple,
their width calibrated on the index's own past forecast errors.

The rule, in full:

1. **Trailing EPS** is the last positive value of ``eps`` (trailing-12-month earnings per index
   share, USD, Shiller's monthly series) that was public on ``as_of``: its month is complete and
   ``eps_lag_days`` have passed since the month's end (S&P earnings reach Shiller's data about a
   quarter later). Its age is the number of calendar months between that month and ``as_of``'s
   month; it is *stale* when older than :data:`STALE_AFTER_MONTHS`.
2. **EPS growth** ``g`` is the thesis's assumption when it states one. Otherwise it is the
   no-foresight rule used for every past origin in 4.: the trailing ``growth_years``-year CAGR of
   EPS, ``(EPS_m / EPS_{m − 12·growth_years}) ** (1 / growth_years) − 1`` with ``m`` the trailing
   EPS month. The basis is stated as a fact.
3. **Central case: earnings grow, the multiple holds.** ``central = level × (1 + g) ** τ`` with
   ``τ`` the years from the level's date to the horizon (days / 365.25). Forward EPS compounds
   ``g`` from the end of the EPS month to the horizon, so the P/E the central case holds is
   ``central / forward EPS = level / (EPS × (1 + g) ** age_years)``: the trailing P/E on earnings
   brought forward to ``as_of``. With stale EPS the assumed growth thus also covers the gap.
4. **Width, calibrated on what followed.** At every past monthly origin ``o`` (monthly average
   level, EPS public at the end of month ``o``) whose outcome month ``o + h`` is complete on
   ``as_of`` — ``h = round(12 τ)`` months, at least one — the same rule with the no-foresight
   growth gives ``central_o = L_o (1 + g_o) ** (h / 12)`` and the forecast error
   ``ln(L_{o+h} / central_o)``. The quantiles (type 7) of the last ``window_origins`` errors
   (30 years by default: a rolling split-conformal calibration) set the cases:
   bear ``central × e^{q10} .. e^{q25}``, base ``e^{q25} .. e^{q75}``, bull ``e^{q75} .. e^{q90}``.
   Walk-forward on the Shiller data (792 monthly origins 1958–2023, only data public at each
   origin) the base range held 52.5 % of 12-month outcomes (nominal 50 %) and bear-to-bull 79.0 %
   (nominal 80 %); see :mod:`thesis.analysis.range_calibration`. The earlier rule (forward EPS ×
   the regime's P/E quantiles) held 26 % and 57 % on the same origins: over a year the multiple
   barely moves toward its regime's, so bands from the regime's P/E distribution sat far from
   where the index went. The 30-year window was chosen over all past errors (58 % and 85 %,
   too wide after the volatile pre-war decades) and held on 1930–1957, a span not used to
   choose it (54 % and 81 %).
5. **Real yield**: the 10-year yield minus the 10-year breakeven inflation rate (``breakeven``,
   FRED T10YIE, monthly average) for the latest complete month with both; otherwise (no breakeven,
   or the breakeven ends more than three months before the yield) the 10-year yield minus the
   trailing year-over-year CPI inflation. The basis is a fact (``{S}.regime.real_yield_basis``).
6. **Regime, for context**: months with a P/E, a yield and a year-over-year inflation rate public
   on ``as_of`` are standardised on (ex-post real yield = yield − CPI inflation, inflation); the
   ``max(min_months, ceil(share × n))`` nearest to the current month form the regime sample,
   whose P/E quantiles and the share of its months at or above each level's implied P/E are
   reported. The regime no longer sets the ranges (see 4.).
7. **Per level L**: implied P/E ``L / forward EPS``; the EPS ``L`` needs if the multiple holds,
   ``EPS_now × L / level``, and its annual growth ``(L / level) ** (1 / τ) − 1`` — negative for a
   level the index is already above; the case whose range holds ``L`` (or below / above).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from thesis import ids
from thesis.analysis._common import (
    as_timestamp,
    checked_series,
    date_index,
    known_at,
    lineage_of,
    markdown_table,
    period_index,
    series_id,
)
from thesis.data.releases import PUBLICATION_LAG_DAYS, known_on
from thesis.errors import AnalysisError, InsufficientDataError
from thesis.facts import Fact, Source

if TYPE_CHECKING:
    from thesis._types import DateLike

__all__ = [
    "CASES",
    "DEFAULT_BANDS",
    "LevelImplied",
    "Regime",
    "ValuationRange",
    "ValuationResult",
    "eps_growth_rule",
    "forecast_errors",
    "valuation_ranges",
]

#: case → (lower quantile, upper quantile) of the forecast-error distribution
DEFAULT_BANDS: Mapping[str, tuple[float, float]] = {
    "bear": (0.10, 0.25),
    "base": (0.25, 0.75),
    "bull": (0.75, 0.90),
}
Case = Literal["bear", "base", "bull"]
CASES: tuple[Case, ...] = ("bear", "base", "bull")
QUANTILES = (0.10, 0.25, 0.50, 0.75, 0.90)
#: Shiller's earnings normally trail by about a quarter; older than this is called stale
STALE_AFTER_MONTHS = 6
#: the rolling calibration window: the most recent forecast errors whose outcome is known
WINDOW_ORIGINS = 360
#: fewer known forecast errors than this and the ranges are not given
MIN_ERRORS = 120
#: a breakeven series that ends this many months before the yield is not used for the real yield
BREAKEVEN_MAX_GAP_MONTHS = 3
EPS_LAG_DAYS = PUBLICATION_LAG_DAYS["sp_earnings"]
CPI_LAG_DAYS = PUBLICATION_LAG_DAYS["bls_cpi"]


@dataclass(frozen=True)
class Regime:
    """The current rate and inflation readings and the sample of similar historical months."""

    date: pd.Timestamp  # the month the matching readings are measured at (first of month)
    real_yield_pct: float  # the defined real yield (see basis)
    real_yield_basis: str  # "breakeven" or "cpi_yoy"
    real_yield_date: pd.Timestamp  # month of the defined real yield
    yield_pct: float  # 10-year yield of that month
    breakeven_pct: float | None
    real_yield_cpi_pct: float  # yield − YoY CPI at ``date`` (the matching coordinate)
    inflation_pct: float
    months: int  # sample size of similar months
    candidates: int  # months with P/E, real yield and inflation public on as_of
    real_yield_low_pct: float  # ex-post (CPI basis) real yields of the sample
    real_yield_high_pct: float
    inflation_low_pct: float
    inflation_high_pct: float
    rule: str


@dataclass(frozen=True)
class ValuationRange:
    """One case: index range at the horizon and the conditions behind it."""

    case: Case
    low: float
    high: float
    pe_low: float  # low / forward EPS
    pe_high: float
    q_low: float  # quantile levels of the forecast errors
    q_high: float
    err_low: float  # the error quantiles (log points)
    err_high: float
    eps_forward: float
    central: float

    def conditions(self) -> dict[str, Any]:
        """The conditions as plain data (for the writer)."""
        return {
            "eps_forward": self.eps_forward,
            "central": self.central,
            "pe_band": (self.pe_low, self.pe_high),
            "quantiles": (self.q_low, self.q_high),
            "log_error_band": (self.err_low, self.err_high),
        }


@dataclass(frozen=True)
class LevelImplied:
    """What a level needs at the horizon (see rule 7 in the module docstring)."""

    level: float
    implied_pe: float  # L / forward EPS
    implied_eps: float  # EPS for L at the current multiple
    implied_eps_growth_pct: float  # its annual growth from EPS now; negative when L < level
    pe_share_above: float  # share of regime months with P/E ≥ implied_pe
    case: str  # below / bear / base / bull / above


@dataclass(frozen=True, eq=False)
class ValuationResult:
    """Bear/base/bull ranges at the horizon with their conditions (see :func:`valuation_ranges`)."""

    subject: str
    as_of: pd.Timestamp
    horizon: pd.Timestamp
    eps_trailing: float
    eps_trailing_date: pd.Timestamp
    eps_age_months: int
    eps_stale: bool
    eps_years: float  # end of the EPS month → horizon
    eps_growth_pct: float  # the growth used
    eps_growth_basis: str  # "thesis" or "trailing_cagr"
    eps_growth_rule_pct: float | None  # the no-foresight rule's growth (None: not computable)
    growth_years: int
    eps_forward: float
    eps_now: float  # trailing EPS brought forward to as_of at the growth used
    level: float
    level_date: pd.Timestamp
    pe_trailing: float  # level / trailing EPS
    pe_current: float  # level / eps_now: the multiple the central case holds
    years: float  # τ, level date → horizon
    central: float
    horizon_months: int  # h of the forecast errors
    errors: pd.Series = field(repr=False)  # the forecast errors used (log), by origin
    regime: Regime = field(repr=False)
    pe_quantiles: dict[float, float] = field(repr=False)
    ranges: tuple[ValuationRange, ...] = ()
    implied: tuple[LevelImplied, ...] = ()
    history: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    notes: tuple[str, ...] = ()
    lineage: tuple[Source, ...] = ()

    # ------------------------------------------------------------------ frames
    def to_frame(self) -> pd.DataFrame:
        """Monthly history (date index): level, eps, pe, yield_pct, inflation_pct, real_yield_pct
        (ex-post, CPI basis), distance (standardised, to the current regime) and in_regime."""
        return self.history.copy()

    def ranges_frame(self) -> pd.DataFrame:
        """One row per case: low, high (points), pe_low, pe_high, q_low, q_high, err_low, err_high."""
        return pd.DataFrame(
            [
                {
                    "case": r.case,
                    "low": r.low,
                    "high": r.high,
                    "pe_low": r.pe_low,
                    "pe_high": r.pe_high,
                    "q_low": r.q_low,
                    "q_high": r.q_high,
                    "err_low": r.err_low,
                    "err_high": r.err_high,
                }
                for r in self.ranges
            ]
        ).set_index("case")

    def levels_frame(self) -> pd.DataFrame:
        """One row per level: implied_pe, implied_eps, implied_eps_growth_pct, pe_share_above, case."""
        return pd.DataFrame([vars(x) for x in self.implied]).set_index("level")

    # ------------------------------------------------------------------ facts
    def facts(self) -> list[Fact]:
        S, a, lin = self.subject, str(self.as_of.date()), self.lineage
        rg = self.regime
        regime_m = (
            f"{rg.months} months nearest to yield − CPI inflation {rg.real_yield_cpi_pct:.2f}% and "
            f"inflation {rg.inflation_pct:.2f}% ({rg.date:%Y-%m}) in standardised space, of "
            f"{rg.candidates} months public on {a}"
        )
        growth_m = (
            "the thesis's assumption"
            if self.eps_growth_basis == "thesis"
            else f"no-foresight rule: trailing {self.growth_years}-year CAGR of EPS to "
            f"{self.eps_trailing_date:%Y-%m} (the thesis states no EPS growth)"
        )
        fwd_m = (
            f"trailing EPS × (1 + {self.eps_growth_pct:.2f}%) ^ {self.eps_years:.2f} years "
            f"(end of {self.eps_trailing_date:%Y-%m} to {self.horizon.date()})"
        )
        err = self.errors
        cal_m = (
            f"central × exp(quantiles of {len(err)} past {self.horizon_months}-month forecast "
            f"errors, origins {err.index[0]:%Y-%m}..{err.index[-1]:%Y-%m}; central = level × "
            f"(1 + g) ^ years, g = trailing {self.growth_years}-year EPS CAGR at each origin)"
        )

        def f(
            id_: str, v: Any, unit: str, method: str, label: str = "", dec: int | None = None
        ) -> Fact:
            return Fact(id_, v, unit, a, method, lin, label, dec)

        V, R = ids.valuation, ids.regime
        out = [
            f(V(S, "eps_trailing"), self.eps_trailing, "usd",
              "last Shiller trailing-12-month earnings public on as_of", "trailing EPS", 2),
            f(V(S, "eps_trailing_date"), str(self.eps_trailing_date.date()), "date",
              "month of the trailing EPS"),
            f(V(S, "eps_age_months"), self.eps_age_months, "months",
              "calendar months from the EPS month to as_of", "age of the trailing EPS"),
            f(ids.eps_stale(S), self.eps_stale, "bool",
              f"the trailing EPS is more than {STALE_AFTER_MONTHS} months old on as_of",
              "trailing EPS is stale"),
            f(V(S, "pe_trailing"), self.pe_trailing, "ratio",
              f"level on {self.level_date.date()} / trailing EPS", "trailing P/E", 1),
            f(ids.pe_current(S), self.pe_current, "ratio",
              "level / (trailing EPS × (1 + g) ^ its age in years): the multiple the central "
              "case holds", "P/E on earnings brought to as_of", 1),
            f(V(S, "eps_growth_assumed_pct"), self.eps_growth_pct, "pct", growth_m,
              "annual EPS growth used", 1),
            f(ids.eps_growth_basis(S), self.eps_growth_basis, "label", growth_m,
              "where the EPS growth comes from"),
            f(V(S, "eps_forward"), self.eps_forward, "usd", fwd_m,
              f"EPS at {self.horizon.date()}", 2),
            f(V(S, "eps_forward_years"), self.eps_years, "years",
              "days / 365.25 from the end of the EPS month to the horizon"),
            f(ids.range_central(S), self.central, "points",
              f"level × (1 + {self.eps_growth_pct:.2f}%) ^ {self.years:.2f} years: earnings grow "
              "as assumed and the multiple holds", "central case at the horizon", 0),
            f(ids.range_calibration(S, "errors"), len(err), "count", cal_m,
              "past forecast errors that set the ranges' width"),
            f(ids.range_calibration(S, "start"), str(err.index[0].date()), "date", cal_m,
              "first origin of those errors"),
            f(ids.range_calibration(S, "end"), str(err.index[-1].date()), "date", cal_m,
              "last origin of those errors"),
            f(ids.range_calibration(S, "horizon_months"), self.horizon_months, "months", cal_m,
              "horizon of those errors"),
            f(R(S, "date"), str(rg.date.date()), "date",
              "latest month with the 10y yield and CPI inflation public on as_of"),
            f(R(S, "real_yield_pct"), rg.real_yield_pct, "pct", _basis_method(rg),
              "real 10-year yield", 2),
            f(R(S, "real_yield_basis"), rg.real_yield_basis, "label", _basis_method(rg),
              "basis of the real yield"),
            f(R(S, "real_yield_date"), str(rg.real_yield_date.date()), "date",
              "month of the real-yield reading"),
            f(R(S, "yield_pct"), rg.yield_pct, "pct", "10-year yield, monthly average",
              "10-year yield", 2),
            f(R(S, "real_yield_cpi_pct"), rg.real_yield_cpi_pct, "pct",
              "10y yield − YoY CPI inflation (ex-post; the regime's matching coordinate)", "", 2),
            f(R(S, "inflation_pct"), rg.inflation_pct, "pct", "YoY change of CPI-U",
              "inflation", 2),
            f(R(S, "months"), rg.months, "count", regime_m, "months in a similar regime"),
            f(R(S, "real_yield_low_pct"), rg.real_yield_low_pct, "pct",
              "lowest ex-post real yield (yield − CPI inflation) in the regime sample", "", 2),
            f(R(S, "real_yield_high_pct"), rg.real_yield_high_pct, "pct",
              "highest ex-post real yield (yield − CPI inflation) in the regime sample", "", 2),
            f(R(S, "inflation_low_pct"), rg.inflation_low_pct, "pct",
              "lowest inflation in the regime sample", "", 2),
            f(R(S, "inflation_high_pct"), rg.inflation_high_pct, "pct",
              "highest inflation in the regime sample", "", 2),
        ]  # fmt: skip
        if rg.breakeven_pct is not None:
            out.append(
                f(R(S, "breakeven_pct"), rg.breakeven_pct, "pct",
                  "10-year breakeven inflation, monthly average", "10-year breakeven inflation", 2)
            )  # fmt: skip
        if self.eps_growth_rule_pct is not None:
            out.append(
                f(ids.eps_growth_rule(S), self.eps_growth_rule_pct, "pct",
                  f"trailing {self.growth_years}-year CAGR of EPS to "
                  f"{self.eps_trailing_date:%Y-%m} (no foresight)",
                  "EPS growth of the past decade", 1)
            )  # fmt: skip
        for q, v in self.pe_quantiles.items():
            out.append(
                f(V(S, f"pe_regime_q{round(q * 100):02d}"), v, "ratio",
                  f"quantile {q:g} of trailing P/E, {regime_m}", "", 1)
            )  # fmt: skip
        for r in self.ranges:
            band = (
                f"central {self.central:,.0f} × exp(q{round(r.q_low * 100):02d}..q"
                f"{round(r.q_high * 100):02d} of past forecast errors); {cal_m}"
            )
            out += [
                f(ids.range_bound(S, r.case, "low"), r.low, "points", band,
                  f"{r.case} case, low", 0),
                f(ids.range_bound(S, r.case, "high"), r.high, "points", band,
                  f"{r.case} case, high", 0),
                f(ids.range_bound(S, r.case, "pe_low"), r.pe_low, "ratio",
                  f"range low / forward EPS {self.eps_forward:.2f}", "", 1),
                f(ids.range_bound(S, r.case, "pe_high"), r.pe_high, "ratio",
                  f"range high / forward EPS {self.eps_forward:.2f}", "", 1),
            ]  # fmt: skip
        for x in self.implied:
            k = x.level
            out += [
                f(V(S, "implied_pe", k), x.implied_pe, "ratio", "L / forward EPS",
                  f"P/E implied by {x.level:,g} at the assumed earnings", 1),
                f(V(S, "implied_eps", k), x.implied_eps, "usd",
                  "EPS now × L / level: the earnings L needs if the multiple holds",
                  f"EPS needed for {x.level:,g}", 2),
                f(V(S, "implied_eps_growth_pct", k), x.implied_eps_growth_pct, "pct",
                  f"(L / level) ^ (1 / {self.years:.2f} years) − 1: annual earnings growth L "
                  "needs if the multiple holds (negative: the index is already above L)", "", 1),
                f(V(S, "pe_share_above", k), x.pe_share_above, "probability",
                  f"share of the {rg.months} regime months with P/E ≥ implied P/E", "", 2),
                f(ids.range_case(S, k), x.case, "label",
                  "the case whose range holds L (below: under the bear range; above: over the "
                  "bull range)", ""),
            ]  # fmt: skip
        return out

    def summary(self) -> str:
        rg = self.regime
        basis = "breakeven" if rg.real_yield_basis == "breakeven" else "CPI year over year"
        grow = (
            "the thesis's"
            if self.eps_growth_basis == "thesis"
            else f"trailing {self.growth_years}-year CAGR, no thesis assumption"
        )
        lines = [
            f"### {self.subject}: valuation ranges at {self.horizon.date()} (as of {self.as_of.date()})",
            "",
            f"- Trailing EPS {self.eps_trailing:.2f} USD ({self.eps_trailing_date:%Y-%m}, "
            f"{self.eps_age_months} months old{', stale' if self.eps_stale else ''}); trailing P/E "
            f"{self.pe_trailing:.1f}, on earnings brought to as_of {self.pe_current:.1f}",
            f"- EPS growth {self.eps_growth_pct:.2f}% a year ({grow}); forward EPS "
            f"{self.eps_forward:.2f} USD",
            f"- Central case {self.central:,.0f} (level {self.level:,.2f} × (1 + g) ^ "
            f"{self.years:.2f}); width from {len(self.errors)} past {self.horizon_months}-month "
            f"forecast errors ({self.errors.index[0]:%Y-%m}..{self.errors.index[-1]:%Y-%m})",
            f"- Real 10y yield {rg.real_yield_pct:.2f}% ({basis}, {rg.real_yield_date:%Y-%m}); "
            f"inflation {rg.inflation_pct:.2f}%; {rg.months} similar months",
            "- Regime P/E quantiles: "
            + ", ".join(f"q{round(q * 100):02d} {v:.1f}" for q, v in self.pe_quantiles.items()),
            "",
        ]
        rows = [
            [r.case, f"{r.low:,.0f}–{r.high:,.0f}", f"{r.pe_low:.1f}–{r.pe_high:.1f}"]
            for r in self.ranges
        ]
        lines += [markdown_table(rows, ["case", "index range", "P/E on forward EPS"]), ""]
        rows = [
            [
                f"{x.level:,g}",
                x.case,
                f"{x.implied_pe:.1f}",
                f"{x.implied_eps_growth_pct:.1f}%",
                f"{x.pe_share_above:.0%}",
            ]
            for x in self.implied
        ]
        if rows:
            lines.append(
                markdown_table(
                    rows,
                    [
                        "level",
                        "in range",
                        "implied P/E",
                        "EPS growth p.a. at current P/E",
                        "regime months with P/E ≥",
                    ],
                )
            )
        if self.notes:
            lines += ["", *[f"- Note: {n}" for n in self.notes]]
        return "\n".join(lines)


def _basis_method(rg: Regime) -> str:
    if rg.real_yield_basis == "breakeven":
        return "10-year yield − 10-year breakeven inflation (T10YIE), monthly averages"
    return "10-year yield − year-over-year CPI inflation (no breakeven inflation in the data)"


def _monthly(s: pd.Series) -> pd.Series:
    """Re-index a monthly series by calendar month (PeriodIndex), one value a month."""
    out = s.copy()
    out.index = date_index(s).to_period("M")
    return out[~out.index.duplicated(keep="last")]


def _month_mean(s: pd.Series, as_of: pd.Timestamp) -> pd.Series:
    """Monthly averages (PeriodIndex) of a daily or monthly series over complete months only."""
    k = known_at(s, as_of)
    m = k.groupby(date_index(k).to_period("M")).mean()
    ends = period_index(m).to_timestamp(how="end").normalize()
    return m[ends <= as_of]


def eps_growth_rule(eps_m: pd.Series, month: pd.Period, years: int) -> float | None:
    """The no-foresight EPS growth: trailing ``years``-year CAGR to ``month`` in percent a year.

    ``eps_m`` is indexed by calendar month (PeriodIndex); ``None`` when either end is missing or
    not positive.
    """
    a, b = eps_m.get(month), eps_m.get(month - 12 * years)
    if a is None or b is None or not (np.isfinite(a) and np.isfinite(b)) or a <= 0 or b <= 0:
        return None
    return float(((a / b) ** (1 / years) - 1) * 100)


def forecast_errors(
    monthly_level: pd.Series,
    eps: pd.Series,
    *,
    horizon_months: int,
    as_of: DateLike | None = None,
    growth_years: int = 10,
    growth: str | float = "trailing_cagr",
    eps_lag_days: int = EPS_LAG_DAYS,
    max_eps_age_months: int = STALE_AFTER_MONTHS,
) -> pd.DataFrame:
    """The central case's forecast at every past monthly origin and, where known, its error.

    At origin month ``o`` (``as_of`` = its last day): EPS is the last month public then (month
    complete plus ``eps_lag_days``), ``g_o`` its trailing ``growth_years``-year CAGR,
    ``central = L_o (1 + g_o) ** (h / 12)`` and, when month ``o + h`` is complete on ``as_of``,
    ``error = ln(L_{o+h} / central)``. Origins whose EPS is older than ``max_eps_age_months``
    or whose growth is not computable are left out.

    Parameters
    ----------
    monthly_level
        Monthly index level (points, monthly average, dated the first of the month).
    eps
        Monthly trailing-12-month EPS (USD), dated the first of its month.
    horizon_months
        ``h`` (≥ 1).
    as_of
        Only origins complete on it and outcomes complete on it (default: no cut).
    growth_years
        Look-back of the trailing CAGR (years).
    growth
        ``"trailing_cagr"`` (the no-foresight rule), ``"zero"``, or a constant in percent a year.
    eps_lag_days
        Days after the end of an EPS month before it is public.
    max_eps_age_months
        Origins whose latest public EPS is older than this are left out.

    Returns
    -------
    DataFrame indexed by ``origin`` (the origin's last day) with ``level``, ``eps_month``,
    ``eps``, ``eps_age_months``, ``growth_pct``, ``central`` (points), ``outcome`` (points, NaN
    when not yet known) and ``error`` (log points, NaN when not yet known).
    """
    h, gy = int(horizon_months), int(growth_years)
    if h < 1 or gy < 1:
        raise AnalysisError(
            f"horizon_months={horizon_months}, growth_years={growth_years}",
            where="horizon_months/growth_years",
            fix="each must be a whole number ≥ 1",
        )
    L = _monthly(monthly_level.dropna())
    E = _monthly(eps.dropna())
    E = E[E > 0]
    cols = ["level", "eps_month", "eps", "eps_age_months", "growth_pct", "central", "outcome"]
    if L.empty or E.empty:
        return pd.DataFrame(columns=[*cols, "error"], index=pd.DatetimeIndex([], name="origin"))
    ends = period_index(L).to_timestamp(how="end").normalize()
    if as_of is not None:
        cut = as_timestamp(as_of)
        L, ends = L[ends <= cut], ends[ends <= cut]
    else:
        cut = None
    # position of the last EPS month public at each origin's end (month end + lag ≤ origin end)
    avail = (
        period_index(E).to_timestamp(how="end").normalize() + pd.Timedelta(days=int(eps_lag_days))
    ).values
    pos = np.searchsorted(avail, ends.values, side="right") - 1
    ok = pos >= 0
    L, ends, pos = L[ok], ends[ok], pos[ok]
    e_month = period_index(E)[pos]
    age = np.asarray((L.index - e_month).map(lambda d: d.n), dtype=int)
    e_val = E.to_numpy()[pos]
    base = E.reindex(e_month - 12 * gy).to_numpy()
    if growth == "trailing_cagr":
        with np.errstate(invalid="ignore", divide="ignore"):
            g = np.where(base > 0, (e_val / base) ** (1 / gy) - 1, np.nan)
    elif growth == "zero":
        g = np.zeros(len(e_val))
    else:
        g = np.full(len(e_val), float(growth) / 100)
    central = L.to_numpy() * (1 + g) ** (h / 12)
    out_month = period_index(L) + h
    outcome = L.reindex(out_month).to_numpy()
    if cut is not None:
        known = out_month.to_timestamp(how="end").normalize() <= cut
        outcome = np.where(known, outcome, np.nan)
    df = pd.DataFrame(
        {
            "level": L.to_numpy(),
            "eps_month": e_month.to_timestamp(),
            "eps": e_val,
            "eps_age_months": age,
            "growth_pct": g * 100,
            "central": central,
            "outcome": outcome,
        },
        index=pd.DatetimeIndex(ends, name="origin"),
    )
    df["error"] = np.log(df["outcome"] / df["central"])
    keep = (df["eps_age_months"] <= max_eps_age_months) & np.isfinite(df["growth_pct"])
    return df[keep]


def _regime(
    real_yield: np.ndarray,
    inflation: np.ndarray,
    r0: float,
    i0: float,
    share: float,
    min_months: int,
) -> tuple[np.ndarray, np.ndarray, int]:
    """The regime sample among ``n`` months: (in_regime mask, standardised distances, k)."""
    X = np.column_stack([real_yield, inflation])
    mu, sd = X.mean(axis=0), X.std(axis=0)
    sd = np.where(sd > 0, sd, 1.0)
    z = (X - mu) / sd
    z0 = (np.array([r0, i0]) - mu) / sd
    dist = np.sqrt(((z - z0) ** 2).sum(axis=1))
    n = len(X)
    k = min(n, max(min_months, math.ceil(share * n)))
    # stable sort: ties in distance keep date order, so the sample is reproducible
    chosen = np.argsort(dist, kind="stable")[:k]
    mask = np.zeros(n, dtype=bool)
    mask[chosen] = True
    return mask, dist, k


def _case_of(x: float, ranges: Iterable[ValuationRange]) -> str:
    rs = {r.case: r for r in ranges}
    if x < rs["bear"].low:
        return "below"
    if x < rs["base"].low:
        return "bear"
    if x <= rs["base"].high:
        return "base"
    if x <= rs["bull"].high:
        return "bull"
    return "above"


def valuation_ranges(
    monthly_level: pd.Series,
    eps: pd.Series,
    cpi: pd.Series,
    long_yield: pd.Series,
    *,
    subject: str,
    as_of: DateLike,
    horizon: DateLike,
    eps_growth_pct: float | None = None,
    breakeven: pd.Series | None = None,
    targets: Iterable[float] = (),
    thresholds: Iterable[float] = (),
    level: float | None = None,
    level_date: DateLike | None = None,
    share: float = 0.20,
    min_months: int = 60,
    bands: Mapping[str, tuple[float, float]] = DEFAULT_BANDS,
    growth_years: int = 10,
    window_origins: int = WINDOW_ORIGINS,
    min_errors: int = MIN_ERRORS,
    eps_lag_days: int = EPS_LAG_DAYS,
    cpi_lag_days: int = CPI_LAG_DAYS,
) -> ValuationResult:
    """Bear/base/bull index ranges at ``horizon``: earnings growth at the current multiple, with
    the width calibrated on past forecast errors.

    The full rule is in the module docstring.

    Parameters
    ----------
    monthly_level
        Monthly index level (points; Shiller's monthly average, dated the first of the month).
    eps
        Monthly trailing-12-month EPS (USD per index share), e.g. Shiller earnings (``sp500_eps``).
    cpi
        Monthly CPI index level (any base), e.g. ``cpi_u`` or ``shiller_cpi``.
    long_yield
        Monthly 10-year Treasury yield (% p.a.), e.g. ``ust10y_monthly`` or ``shiller_gs10``.
    subject
        Series id used in fact ids (``sp500``).
    as_of, horizon
        Analysis date and the horizon date (after ``as_of``).
    eps_growth_pct
        The thesis's annual EPS growth assumption (percent, 14 means 14 %). ``None``: the
        no-foresight rule (trailing ``growth_years``-year CAGR), stated as such.
    breakeven
        10-year breakeven inflation (% p.a., daily or monthly; ``breakeven10y``), for the real
        yield. ``None``: the real yield is the yield minus year-over-year CPI inflation.
    targets, thresholds
        Levels (points) to report implied P/E, EPS and case for.
    level, level_date
        The index level for the central case and the trailing P/E (e.g. the daily close on
        ``as_of``); default the last complete month of ``monthly_level``.
    share, min_months
        Regime sample size: ``max(min_months, ceil(share × n))`` nearest months out of ``n``.
    bands
        Case → (lower, upper) quantile of the forecast errors (contiguous, bear/base/bull).
    growth_years
        Look-back of the no-foresight growth rule, in years.
    window_origins
        How many of the most recent known forecast errors set the width.
    min_errors
        Fewer known errors than this is an :class:`InsufficientDataError`.
    eps_lag_days, cpi_lag_days
        Release lags after the end of a month: a value counts only once public.

    Returns
    -------
    ValuationResult

    Raises
    ------
    AnalysisError
        No EPS public on ``as_of`` (names the series and how to get it); horizon not after
        ``as_of``; non-positive trailing EPS; no growth assumption and none computable.
    InsufficientDataError
        Fewer than ``min_months`` regime months or ``min_errors`` known forecast errors.
    """
    as_ts = as_timestamp(as_of)
    hz = as_timestamp(horizon, "horizon")
    if hz <= as_ts:
        raise AnalysisError(
            f"horizon {hz.date()} is not after as_of {as_ts.date()}",
            where="horizon",
            fix="choose a horizon date after as_of",
        )
    if not 0 < share <= 1 or min_months < 1 or window_origins < 1 or min_errors < 1:
        raise AnalysisError(
            f"share={share}, min_months={min_months}, window_origins={window_origins}, "
            f"min_errors={min_errors}",
            where="share/min_months/window_origins/min_errors",
            fix="share must be in (0, 1]; the others whole numbers ≥ 1",
        )
    from thesis.analysis.range_calibration import nominal_shares

    nominal_shares(bands)  # checks the bands
    eps_name = f"eps ({series_id(eps, 'eps')})"
    lvl_name = f"monthly_level ({series_id(monthly_level, subject)})"
    lvl_all = checked_series(monthly_level, name=lvl_name, allow_nan=True)
    lvl = known_at(lvl_all, as_ts)
    e_all = checked_series(eps, name=eps_name, allow_nan=True)
    e = known_on(e_all, "monthly", eps_lag_days, as_ts)
    c = known_on(
        checked_series(cpi, name=f"cpi ({series_id(cpi, 'cpi')})", allow_nan=True),
        "monthly",
        cpi_lag_days,
        as_ts,
    )
    y_name = f"long_yield ({series_id(long_yield, 'long_yield')})"
    y = known_at(checked_series(long_yield, name=y_name, allow_nan=True), as_ts)
    if e.empty:
        first = (
            f" (the series starts {e_all.index[0].date()})"
            if len(e_all)
            else " (the series is empty)"
        )
        raise AnalysisError(
            f"no EPS public on {as_ts.date()} (a month counts {eps_lag_days} days after it "
            f"ends){first}",
            where=eps_name,
            fix="import trailing EPS (Shiller earnings, series 'sp500_eps') with `thesis data import "
            "../shared/data` or `thesis data update`, or choose a later as_of",
        )
    eps_date, eps_t = e.index[-1], float(e.iloc[-1])
    if eps_t <= 0:
        raise AnalysisError(
            f"trailing EPS on {eps_date.date()} is {eps_t}, not positive; a P/E has no meaning",
            where=eps_name,
            fix="use a positive earnings measure (e.g. operating EPS) or another as_of",
        )
    age = (as_ts.year - eps_date.year) * 12 + as_ts.month - eps_date.month
    E = _monthly(e)
    rule_g = eps_growth_rule(E, eps_date.to_period("M"), int(growth_years))
    if eps_growth_pct is None:
        if rule_g is None:
            raise AnalysisError(
                f"the thesis states no EPS growth and the trailing {growth_years}-year CAGR cannot "
                f"be computed (EPS {growth_years} years before {eps_date:%Y-%m} is missing or not "
                "positive)",
                where="earnings.eps_growth_pct",
                fix="state eps_growth_pct in the thesis's [earnings] section, or import longer "
                "EPS history",
            )
        g, basis = rule_g, "trailing_cagr"
    else:
        g = float(eps_growth_pct)
        if not math.isfinite(g) or g <= -100:
            raise AnalysisError(
                f"eps_growth_pct {eps_growth_pct!r} is not a usable growth rate",
                where="earnings.eps_growth_pct",
                fix="a number of percent a year above -100 (14 means 14 %)",
            )
        basis = "thesis"
    eps_end = eps_date + pd.offsets.MonthEnd(0)
    eps_years = (hz - eps_end).days / 365.25
    eps_fwd = eps_t * (1 + g / 100) ** eps_years

    if level is None:
        if lvl.empty:
            raise InsufficientDataError(
                f"no complete month of the index on or before {as_ts.date()}",
                where=lvl_name,
                fix="pass level= (the close on as_of) or import longer history",
            )
        level_ts, level_v = lvl.index[-1] + pd.offsets.MonthEnd(0), float(lvl.iloc[-1])
    else:
        level_v = float(level)
        level_ts = as_timestamp(level_date, "level_date") if level_date is not None else as_ts
    if not math.isfinite(level_v) or level_v <= 0:
        raise AnalysisError(
            f"level {level!r} is not a positive number", where="level", fix="pass the close"
        )
    tau = max((hz - level_ts).days, 1) / 365.25
    eps_now = eps_t * (1 + g / 100) ** (max((level_ts - eps_end).days, 0) / 365.25)
    central = level_v * (1 + g / 100) ** tau

    # ---- width: the last window_origins forecast errors known on as_of
    h = max(1, round(12 * tau))
    fe = forecast_errors(
        lvl_all,
        e_all,
        horizon_months=h,
        as_of=as_ts,
        growth_years=growth_years,
        eps_lag_days=eps_lag_days,
    )
    err = fe["error"].dropna()
    if len(err) < min_errors:
        raise InsufficientDataError(
            f"only {len(err)} past {h}-month forecast errors are known on {as_ts.date()}; the "
            f"ranges' width needs at least {min_errors} (each origin needs {growth_years} years of "
            "EPS before it and an index level h months after it)",
            where=f"{lvl_name}, {eps_name}",
            fix="import longer monthly history (Shiller data reach back to 1871), a shorter "
            "horizon, or lower min_errors",
        )
    err = err.iloc[-int(window_origins) :]
    ev = err.to_numpy()
    ranges = []
    for case in CASES:  # the order of bands, checked by nominal_shares
        ql, qh = bands[case]
        el, eh = float(np.quantile(ev, ql)), float(np.quantile(ev, qh))
        lo, hi = central * math.exp(el), central * math.exp(eh)
        ranges.append(
            ValuationRange(
                case, lo, hi, lo / eps_fwd, hi / eps_fwd, ql, qh, el, eh, eps_fwd, central
            )
        )

    # ---- monthly panel on calendar months, for the regime and the real yield
    L, C, Y = _monthly(lvl), _monthly(c), _monthly(y)
    months = L.index.union(E.index).union(C.index).union(Y.index)
    full = pd.period_range(months.min(), months.max(), freq="M")
    C = C.reindex(full)
    infl = (C / C.shift(12) - 1) * 100
    df = pd.DataFrame(
        {
            "level": L.reindex(full),
            "eps": E.reindex(full),
            "yield_pct": Y.reindex(full),
            "inflation_pct": infl,
        },
        index=full,
    )
    df["pe"] = df["level"] / df["eps"].where(df["eps"] > 0)
    df["real_yield_pct"] = df["yield_pct"] - df["inflation_pct"]
    cur = df.dropna(subset=["real_yield_pct"])
    if cur.empty:
        raise InsufficientDataError(
            "no month with both a 10y yield and a year-over-year CPI change public on as_of",
            where="cpi / long_yield",
            fix="import at least thirteen months of CPI and the 10y yield up to as_of",
        )
    reg_month = cur.index[-1]
    r0, i0 = float(cur["real_yield_pct"].iloc[-1]), float(cur["inflation_pct"].iloc[-1])

    # the defined real yield: breakeven where it reaches the latest yield month, else CPI YoY
    ry_month, ry_basis, be_v = reg_month, "cpi_yoy", None
    ry, y_at = r0, float(cur["yield_pct"].iloc[-1])
    if breakeven is not None:
        be = _month_mean(
            checked_series(
                breakeven, name=f"breakeven ({series_id(breakeven, 'breakeven')})", allow_nan=True
            ),
            as_ts,
        )
        both = Y.dropna().index.intersection(be.index)
        if len(both) and (Y.dropna().index[-1] - both[-1]).n <= BREAKEVEN_MAX_GAP_MONTHS:
            ry_month = both[-1]
            y_at, be_v = float(Y[ry_month]), float(be[ry_month])
            ry, ry_basis = y_at - be_v, "breakeven"

    hist = df.dropna(subset=["pe", "real_yield_pct"])
    n = len(hist)
    if n < min_months:
        raise InsufficientDataError(
            f"only {n} months have a P/E, a real yield and inflation public on {as_ts.date()}; "
            f"the regime sample needs at least {min_months}",
            where=f"{eps_name}, cpi, long_yield",
            fix="import longer monthly history (Shiller data reach back to 1871) or lower min_months",
        )
    in_regime, dist, k = _regime(
        hist["real_yield_pct"].to_numpy(), hist["inflation_pct"].to_numpy(), r0, i0, share,
        min_months,
    )  # fmt: skip
    reg = hist[in_regime]
    pe_reg = reg["pe"].to_numpy()
    qs = {q: float(np.quantile(pe_reg, q)) for q in QUANTILES}
    regime = Regime(
        date=reg_month.to_timestamp(),
        real_yield_pct=ry,
        real_yield_basis=ry_basis,
        real_yield_date=ry_month.to_timestamp(),
        yield_pct=y_at,
        breakeven_pct=be_v,
        real_yield_cpi_pct=r0,
        inflation_pct=i0,
        months=k,
        candidates=n,
        real_yield_low_pct=float(reg["real_yield_pct"].min()),
        real_yield_high_pct=float(reg["real_yield_pct"].max()),
        inflation_low_pct=float(reg["inflation_pct"].min()),
        inflation_high_pct=float(reg["inflation_pct"].max()),
        rule=(
            f"nearest max({min_months}, ceil({share:g} × n)) months in z-scored (yield − CPI "
            "inflation, inflation)"
        ),
    )

    implied = []
    tl = [float(x) for x in thresholds] + [float(x) for x in targets]
    for Lv in dict.fromkeys(tl):
        if not math.isfinite(Lv) or Lv <= 0:
            raise AnalysisError(
                f"level {Lv} is not a positive number",
                where="targets/thresholds",
                fix="levels are index points > 0",
            )
        ipe = Lv / eps_fwd
        implied.append(
            LevelImplied(
                Lv,
                ipe,
                eps_now * Lv / level_v,
                ((Lv / level_v) ** (1 / tau) - 1) * 100,
                float(np.mean(pe_reg >= ipe)),
                _case_of(Lv, ranges),
            )
        )

    stale = age > STALE_AFTER_MONTHS
    notes = []
    if stale:
        notes.append(
            "The trailing EPS is stale: the last earnings figure public on as_of is from well "
            "before it, so the trailing P/E sets a current level against old earnings; the ranges "
            "do not depend on that figure, only on the assumed growth and the current level."
        )
    if basis == "trailing_cagr":
        notes.append(
            "The thesis states no earnings growth, so the ranges use the growth of trailing "
            "earnings over the past decade, the same rule their width was calibrated with."
        )
    else:
        notes.append(
            "The width comes from past errors of a rule that knew only past earnings growth; "
            "if the thesis's earnings growth were known to be right, the ranges would be narrower."
        )
    if ry_basis == "cpi_yoy":
        notes.append(
            "The real yield is the ten-year yield less the past year's CPI inflation, because "
            "the data hold no breakeven inflation rate for the month; it overstates how negative "
            "real yields are when inflation is expected to fall."
        )
    if (as_ts.to_period("M") - reg_month).n > 3:
        notes.append(
            "The latest month with both the yield and CPI inflation lies several months before "
            "as_of."
        )
    notes.append(
        "Past forecast errors compare monthly average levels; the central case starts from the "
        "close on as_of, whose distance to a monthly average adds a little to the real spread."
    )
    notes.append(
        "Similar months are the nearest in standardised yield less inflation and inflation; they "
        "need not be contiguous or recent, and P/E uses reported (not operating) trailing "
        "earnings."
    )
    history = df.copy()
    history["distance"] = np.nan
    history.loc[hist.index, "distance"] = dist
    history["in_regime"] = False
    history.loc[hist.index[in_regime], "in_regime"] = True
    history.index = period_index(history).to_timestamp()
    history.index.name = "date"
    return ValuationResult(
        subject=subject,
        as_of=as_ts,
        horizon=hz,
        eps_trailing=eps_t,
        eps_trailing_date=eps_date,
        eps_age_months=int(age),
        eps_stale=stale,
        eps_years=eps_years,
        eps_growth_pct=g,
        eps_growth_basis=basis,
        eps_growth_rule_pct=rule_g,
        growth_years=int(growth_years),
        eps_forward=eps_fwd,
        eps_now=eps_now,
        level=level_v,
        level_date=level_ts,
        pe_trailing=level_v / eps_t,
        pe_current=level_v / eps_now,
        years=tau,
        central=central,
        horizon_months=h,
        errors=err,
        regime=regime,
        pe_quantiles=qs,
        ranges=tuple(ranges),
        implied=tuple(implied),
        history=history,
        notes=tuple(notes),
        lineage=lineage_of(monthly_level, eps, cpi, long_yield, breakeven),
    )
