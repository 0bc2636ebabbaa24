"""Ranges with conditions: index ranges at the horizon from forward EPS and regime-conditioned P/E.

The rule, in full:

1. **Trailing EPS** is the last positive value of ``eps`` (trailing-12-month earnings per index
   share, USD, Shiller's monthly series) in a complete month on or before ``as_of``. Its age is the
   number of calendar months between that month and ``as_of``'s month.
2. **Forward EPS** at the horizon compounds the thesis's annual growth from the *end* of the EPS
   month to the horizon date: ``eps_forward = eps_trailing × (1 + g/100) ** years`` with
   ``years = days / 365.25``. When the EPS is stale the assumed growth is thus also applied to the
   gap between the EPS month and ``as_of``.
3. **P/E history** = monthly level / trailing EPS (months with EPS > 0).
4. **Regime**: real 10y yield = long yield − YoY CPI inflation, with YoY inflation
   = (CPI_t / CPI_{t−12} − 1) × 100. The current regime is the latest complete month on or before
   ``as_of`` with both numbers. Monthly values count only once their month is complete.
5. **Similar months**: the months with a P/E, a real yield and an inflation rate (all on or before
   ``as_of``) are standardised (z-scores over those months); the ``max(min_months, ceil(share × n))``
   months nearest to the current regime in Euclidean distance form the regime sample.
6. **Ranges**: forward EPS × P/E quantiles of the regime sample (type-7 linear interpolation):
   bear q10–q25, base q25–q75, bull q75–q90.
7. **Per level L**: implied P/E = L / forward EPS; implied EPS = L / regime median P/E, and its
   annualised growth from trailing EPS over the same years as in 2.; share of regime months with
   P/E ≥ implied P/E.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from thesis.analysis._common import (
    as_timestamp,
    checked_series,
    known_at,
    lineage_of,
    markdown_table,
    series_id,
)
from thesis.errors import AnalysisError, InsufficientDataError
from thesis.facts import Fact, Source, level_key

__all__ = [
    "DEFAULT_BANDS",
    "LevelImplied",
    "Regime",
    "ValuationRange",
    "ValuationResult",
    "valuation_ranges",
]

#: case → (lower quantile, upper quantile) of the regime's P/E distribution
DEFAULT_BANDS: Mapping[str, tuple[float, float]] = {
    "bear": (0.10, 0.25),
    "base": (0.25, 0.75),
    "bull": (0.75, 0.90),
}
QUANTILES = (0.10, 0.25, 0.50, 0.75, 0.90)
#: Shiller's earnings normally trail by about a quarter; older than this is called stale
STALE_AFTER_MONTHS = 6


@dataclass(frozen=True)
class Regime:
    """The current macro regime and the sample of similar historical months."""

    date: pd.Timestamp  # the month the regime is measured at (first of month)
    real_yield_pct: float
    inflation_pct: float
    months: int  # sample size of similar months
    candidates: int  # months with P/E, real yield and inflation on or before as_of
    real_yield_low_pct: float
    real_yield_high_pct: float
    inflation_low_pct: float
    inflation_high_pct: float
    rule: str


@dataclass(frozen=True)
class ValuationRange:
    """One case: index range at the horizon and the conditions behind it."""

    case: str
    low: float
    high: float
    pe_low: float
    pe_high: float
    q_low: float
    q_high: float
    eps_forward: float
    real_yield_pct: float
    inflation_pct: float
    months: int

    def conditions(self) -> dict[str, Any]:
        """The conditions as plain data (for the writer)."""
        return {
            "eps_forward": self.eps_forward,
            "pe_band": (self.pe_low, self.pe_high),
            "quantiles": (self.q_low, self.q_high),
            "real_yield_pct": self.real_yield_pct,
            "inflation_pct": self.inflation_pct,
            "sample_months": self.months,
        }


@dataclass(frozen=True)
class LevelImplied:
    """What a level needs: P/E at forward EPS, EPS at the median P/E, and how common that P/E was."""

    level: float
    implied_pe: float
    implied_eps: float
    implied_eps_growth_pct: float
    pe_share_above: float


@dataclass(frozen=True, eq=False)
class ValuationResult:
    """Bear/base/bull ranges at the horizon with their conditions (see :func:`valuation_ranges`)."""

    subject: str
    as_of: pd.Timestamp
    horizon: pd.Timestamp
    eps_trailing: float
    eps_trailing_date: pd.Timestamp
    eps_age_months: int
    eps_years: float
    eps_growth_pct: float
    eps_forward: float
    level: float
    level_date: pd.Timestamp
    pe_trailing: float
    regime: Regime
    pe_quantiles: dict[float, float]
    ranges: tuple[ValuationRange, ...]
    implied: tuple[LevelImplied, ...]
    history: pd.DataFrame = field(repr=False)
    notes: tuple[str, ...] = ()
    lineage: tuple[Source, ...] = ()

    def to_frame(self) -> pd.DataFrame:
        """Monthly history (date index): level, eps, pe, yield_pct, inflation_pct, real_yield_pct,
        distance (standardised, to the current regime) and in_regime (bool)."""
        return self.history.copy()

    def ranges_frame(self) -> pd.DataFrame:
        """One row per case: low, high (points), pe_low, pe_high, q_low, q_high."""
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
                }
                for r in self.ranges
            ]
        ).set_index("case")

    def levels_frame(self) -> pd.DataFrame:
        """One row per level: implied_pe, implied_eps, implied_eps_growth_pct, pe_share_above."""
        return pd.DataFrame([vars(x) for x in self.implied]).set_index("level")

    def facts(self) -> list[Fact]:
        S, a, lin = self.subject, str(self.as_of.date()), self.lineage
        rg = self.regime
        regime_m = (
            f"{rg.months} months nearest to real yield {rg.real_yield_pct:.2f}% and inflation "
            f"{rg.inflation_pct:.2f}% ({rg.date:%Y-%m}) in standardised space, of {rg.candidates} "
            f"months up to {a}"
        )
        fwd_m = (
            f"trailing EPS × (1 + {self.eps_growth_pct:g}%) ^ {self.eps_years:.2f} years "
            f"(end of {self.eps_trailing_date:%Y-%m} to {self.horizon.date()})"
        )

        def f(
            id_: str, v: Any, unit: str, method: str, label: str = "", dec: int | None = None
        ) -> Fact:
            return Fact(f"{S}.{id_}", v, unit, a, method, lin, label, dec)

        out = [
            f(
                "eps_trailing",
                self.eps_trailing,
                "usd",
                "last Shiller trailing-12-month earnings on or before as_of",
                "trailing EPS",
                2,
            ),
            f(
                "eps_trailing_date",
                str(self.eps_trailing_date.date()),
                "date",
                "month of the trailing EPS",
            ),
            f(
                "eps_age_months",
                self.eps_age_months,
                "months",
                "calendar months from the EPS month to as_of",
            ),
            f(
                "pe_trailing",
                self.pe_trailing,
                "ratio",
                f"level on {self.level_date.date()} / trailing EPS",
                "trailing P/E",
                1,
            ),
            f(
                "eps_growth_assumed_pct",
                self.eps_growth_pct,
                "pct",
                "the thesis's assumption",
                "assumed annual EPS growth",
                1,
            ),
            f("eps_forward", self.eps_forward, "usd", fwd_m, f"EPS at {self.horizon.date()}", 2),
            f(
                "eps_forward_years",
                self.eps_years,
                "years",
                "days / 365.25 from the end of the EPS month to the horizon",
            ),
            f(
                "regime.date",
                str(rg.date.date()),
                "date",
                "latest complete month with yield and CPI",
            ),
            f(
                "regime.real_yield_pct",
                rg.real_yield_pct,
                "pct",
                "10y yield − YoY CPI inflation",
                "real 10-year yield",
                2,
            ),
            f(
                "regime.inflation_pct",
                rg.inflation_pct,
                "pct",
                "YoY change of CPI-U",
                "inflation",
                2,
            ),
            f("regime.months", rg.months, "count", regime_m, "months in a similar regime"),
            f(
                "regime.real_yield_low_pct",
                rg.real_yield_low_pct,
                "pct",
                "lowest real yield in the regime sample",
                "",
                2,
            ),
            f(
                "regime.real_yield_high_pct",
                rg.real_yield_high_pct,
                "pct",
                "highest real yield in the regime sample",
                "",
                2,
            ),
            f(
                "regime.inflation_low_pct",
                rg.inflation_low_pct,
                "pct",
                "lowest inflation in the regime sample",
                "",
                2,
            ),
            f(
                "regime.inflation_high_pct",
                rg.inflation_high_pct,
                "pct",
                "highest inflation in the regime sample",
                "",
                2,
            ),
        ]
        for q, v in self.pe_quantiles.items():
            out.append(
                f(
                    f"pe_regime_q{round(q * 100):02d}",
                    v,
                    "ratio",
                    f"quantile {q:g} of trailing P/E, {regime_m}",
                    "",
                    1,
                )
            )
        for r in self.ranges:
            band = f"forward EPS {self.eps_forward:.2f} × P/E q{round(r.q_low * 100):02d}–q{round(r.q_high * 100):02d} of the regime"
            out += [
                f(f"range.{r.case}.low", r.low, "points", band, f"{r.case} case, low", 0),
                f(f"range.{r.case}.high", r.high, "points", band, f"{r.case} case, high", 0),
                f(f"range.{r.case}.pe_low", r.pe_low, "ratio", band, "", 1),
                f(f"range.{r.case}.pe_high", r.pe_high, "ratio", band, "", 1),
            ]
        for x in self.implied:
            k = level_key(x.level)
            out += [
                f(
                    f"implied_pe.{k}",
                    x.implied_pe,
                    "ratio",
                    "L / forward EPS",
                    f"P/E implied by {x.level:,g}",
                    1,
                ),
                f(
                    f"implied_eps.{k}",
                    x.implied_eps,
                    "usd",
                    "L / regime median P/E",
                    f"EPS needed for {x.level:,g}",
                    2,
                ),
                f(
                    f"implied_eps_growth_pct.{k}",
                    x.implied_eps_growth_pct,
                    "pct",
                    f"annualised growth from trailing EPS to implied EPS over {self.eps_years:.2f} years",
                    "",
                    1,
                ),
                f(
                    f"pe_share_above.{k}",
                    x.pe_share_above,
                    "probability",
                    f"share of the {rg.months} regime months with P/E ≥ implied P/E",
                    "",
                    2,
                ),
            ]
        return out

    def summary(self) -> str:
        rg = self.regime
        lines = [
            f"### {self.subject}: valuation ranges at {self.horizon.date()} (as of {self.as_of.date()})",
            "",
            f"- Trailing EPS {self.eps_trailing:.2f} USD ({self.eps_trailing_date:%Y-%m}, "
            f"{self.eps_age_months} months old); trailing P/E {self.pe_trailing:.1f}",
            f"- Forward EPS {self.eps_forward:.2f} USD at {self.eps_growth_pct:g}% a year over "
            f"{self.eps_years:.2f} years",
            f"- Regime ({rg.date:%Y-%m}): real 10y yield {rg.real_yield_pct:.2f}%, inflation "
            f"{rg.inflation_pct:.2f}%; {rg.months} similar months (real yields "
            f"{rg.real_yield_low_pct:.2f}% to {rg.real_yield_high_pct:.2f}%)",
            "- Regime P/E quantiles: "
            + ", ".join(f"q{round(q * 100):02d} {v:.1f}" for q, v in self.pe_quantiles.items()),
            "",
        ]
        rows = [
            [r.case, f"{r.low:,.0f}–{r.high:,.0f}", f"{r.pe_low:.1f}–{r.pe_high:.1f}"]
            for r in self.ranges
        ]
        lines += [markdown_table(rows, ["case", "index range", "P/E band"]), ""]
        rows = [
            [
                f"{x.level:,g}",
                f"{x.implied_pe:.1f}",
                f"{x.implied_eps:.2f}",
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
                        "implied P/E",
                        "EPS at median P/E",
                        "its growth p.a.",
                        "regime months with P/E ≥",
                    ],
                )
            )
        if self.notes:
            lines += ["", *[f"- Note: {n}" for n in self.notes]]
        return "\n".join(lines)


def _monthly(s: pd.Series) -> pd.Series:
    """Re-index a monthly series by calendar month (PeriodIndex), one value a month."""
    out = s.copy()
    out.index = s.index.to_period("M")
    return out[~out.index.duplicated(keep="last")]


def valuation_ranges(
    monthly_level: pd.Series,
    eps: pd.Series,
    cpi: pd.Series,
    long_yield: pd.Series,
    *,
    subject: str,
    as_of: Any,
    horizon: Any,
    eps_growth_pct: float,
    targets: Iterable[float] = (),
    thresholds: Iterable[float] = (),
    level: float | None = None,
    level_date: Any = None,
    share: float = 0.20,
    min_months: int = 60,
    bands: Mapping[str, tuple[float, float]] = DEFAULT_BANDS,
) -> ValuationResult:
    """Bear/base/bull index ranges at ``horizon`` from forward EPS × regime-conditioned P/E.

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
        The thesis's annual EPS growth assumption (percent, 14 means 14 %).
    targets, thresholds
        Levels (points) to report implied P/E and EPS for.
    level, level_date
        The index level for the trailing P/E (e.g. the daily close on ``as_of``); default the last
        complete month of ``monthly_level``.
    share, min_months
        Regime sample size: ``max(min_months, ceil(share × n))`` nearest months out of ``n``.
    bands
        Case → (lower, upper) P/E quantile.

    Returns
    -------
    ValuationResult

    Raises
    ------
    AnalysisError
        No EPS on or before ``as_of`` (names the series and how to get it); horizon not after
        ``as_of``; non-positive trailing EPS.
    InsufficientDataError
        Fewer than ``min_months`` months with P/E, real yield and inflation.
    """
    as_ts = as_timestamp(as_of)
    hz = as_timestamp(horizon, "horizon")
    if hz <= as_ts:
        raise AnalysisError(
            f"horizon {hz.date()} is not after as_of {as_ts.date()}",
            where="horizon",
            fix="choose a horizon date after as_of",
        )
    if not 0 < share <= 1 or min_months < 1:
        raise AnalysisError(
            f"share={share}, min_months={min_months}",
            where="share/min_months",
            fix="share must be in (0, 1] and min_months ≥ 1",
        )
    eps_name = f"eps ({series_id(eps, 'eps')})"
    lvl = known_at(
        checked_series(
            monthly_level,
            name=f"monthly_level ({series_id(monthly_level, subject)})",
            allow_nan=True,
        ),
        as_ts,
    )
    e_all = checked_series(eps, name=eps_name, allow_nan=True)
    e = known_at(e_all, as_ts)
    c = known_at(checked_series(cpi, name=f"cpi ({series_id(cpi, 'cpi')})", allow_nan=True), as_ts)
    y = known_at(
        checked_series(
            long_yield, name=f"long_yield ({series_id(long_yield, 'long_yield')})", allow_nan=True
        ),
        as_ts,
    )
    if e.empty:
        first = (
            f" (the series starts {e_all.index[0].date()})"
            if len(e_all)
            else " (the series is empty)"
        )
        raise AnalysisError(
            f"no EPS in a complete month on or before {as_ts.date()}{first}",
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
    eps_end = eps_date + pd.offsets.MonthEnd(0)
    years = (hz - eps_end).days / 365.25
    g = float(eps_growth_pct)
    eps_fwd = eps_t * (1 + g / 100) ** years

    if level is None:
        if lvl.empty:
            raise InsufficientDataError(
                f"no complete month of the index on or before {as_ts.date()}",
                where=f"monthly_level ({series_id(monthly_level, subject)})",
                fix="pass level= (the close on as_of) or import longer history",
            )
        level_ts, level_v = lvl.index[-1], float(lvl.iloc[-1])
    else:
        level_v = float(level)
        level_ts = as_timestamp(level_date, "level_date") if level_date is not None else as_ts

    # ---- monthly panel on calendar months
    L, E, C, Y = _monthly(lvl), _monthly(e), _monthly(c), _monthly(y)
    months = L.index.union(E.index).union(C.index).union(Y.index)
    if len(months) == 0:
        raise InsufficientDataError(
            "no monthly data on or before as_of",
            where="valuation inputs",
            fix="import the monthly series",
        )
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
            "no month with both a 10y yield and a year-over-year CPI change on or before as_of",
            where="cpi / long_yield",
            fix="import at least thirteen months of CPI and the 10y yield up to as_of",
        )
    reg_month = cur.index[-1]
    r0, i0 = float(cur["real_yield_pct"].iloc[-1]), float(cur["inflation_pct"].iloc[-1])

    hist = df.dropna(subset=["pe", "real_yield_pct"])
    n = len(hist)
    if n < min_months:
        raise InsufficientDataError(
            f"only {n} months have a P/E, a real yield and inflation on or before {as_ts.date()}; "
            f"the regime sample needs at least {min_months}",
            where=f"{eps_name}, cpi, long_yield",
            fix="import longer monthly history (Shiller data reach back to 1871) or lower min_months",
        )
    X = hist[["real_yield_pct", "inflation_pct"]].to_numpy()
    mu, sd = X.mean(axis=0), X.std(axis=0)
    sd = np.where(sd > 0, sd, 1.0)
    z = (X - mu) / sd
    z0 = (np.array([r0, i0]) - mu) / sd
    dist = np.sqrt(((z - z0) ** 2).sum(axis=1))
    k = min(n, max(min_months, math.ceil(share * n)))
    # stable sort: ties in distance keep date order, so the sample is reproducible
    chosen = np.argsort(dist, kind="stable")[:k]
    in_regime = np.zeros(n, dtype=bool)
    in_regime[chosen] = True
    pe_reg = hist["pe"].to_numpy()[in_regime]
    reg = hist[in_regime]
    qs = {q: float(np.quantile(pe_reg, q)) for q in QUANTILES}
    rule = (
        f"nearest max({min_months}, ceil({share:g} × n)) months in z-scored (real yield, inflation)"
    )
    regime = Regime(
        date=reg_month.to_timestamp(),
        real_yield_pct=r0,
        inflation_pct=i0,
        months=k,
        candidates=n,
        real_yield_low_pct=float(reg["real_yield_pct"].min()),
        real_yield_high_pct=float(reg["real_yield_pct"].max()),
        inflation_low_pct=float(reg["inflation_pct"].min()),
        inflation_high_pct=float(reg["inflation_pct"].max()),
        rule=rule,
    )
    ranges = []
    for case, (ql, qh) in bands.items():
        pl, ph = float(np.quantile(pe_reg, ql)), float(np.quantile(pe_reg, qh))
        ranges.append(
            ValuationRange(case, eps_fwd * pl, eps_fwd * ph, pl, ph, ql, qh, eps_fwd, r0, i0, k)
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
        ieps = Lv / qs[0.50]
        growth = ((ieps / eps_t) ** (1 / years) - 1) * 100
        implied.append(LevelImplied(Lv, ipe, ieps, growth, float(np.mean(pe_reg >= ipe))))

    notes = []
    if age > STALE_AFTER_MONTHS:
        notes.append(
            "The trailing EPS is stale: the last earnings figure in the data is well before as_of, so "
            "the forward EPS compounds the assumed growth across the whole gap instead of starting "
            "from reported earnings, and the trailing P/E mixes a current level with old earnings."
        )
    if (as_ts.to_period("M") - reg_month).n > 3:
        notes.append(
            "The latest month with both the yield and CPI lies several months before as_of."
        )
    notes.append(
        "Monthly values count only once their month is complete; publication lags after the "
        "month's end are not modelled: CPI comes out about two weeks later and Shiller's trailing "
        "EPS for a month only about a quarter later, so in a historical run the last EPS was not "
        "yet public on as_of."
    )
    notes.append(
        "Similar months are the nearest in standardised real yield and inflation; they need not be "
        "contiguous or recent, and P/E uses reported (not operating) trailing earnings."
    )
    history = df.copy()
    history["distance"] = np.nan
    history.loc[hist.index, "distance"] = dist
    history["in_regime"] = False
    history.loc[hist.index[in_regime], "in_regime"] = True
    history.index = history.index.to_timestamp()
    history.index.name = "date"
    return ValuationResult(
        subject=subject,
        as_of=as_ts,
        horizon=hz,
        eps_trailing=eps_t,
        eps_trailing_date=eps_date,
        eps_age_months=int(age),
        eps_years=years,
        eps_growth_pct=g,
        eps_forward=eps_fwd,
        level=level_v,
        level_date=level_ts,
        pe_trailing=level_v / eps_t,
        regime=regime,
        pe_quantiles=qs,
        ranges=tuple(ranges),
        implied=tuple(implied),
        history=history,
        notes=tuple(notes),
        lineage=lineage_of(monthly_level, eps, cpi, long_yield),
    )
