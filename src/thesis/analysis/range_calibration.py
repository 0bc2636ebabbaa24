"""Walk-forward calibration of the valuation ranges: did the bear/base/bull bands hold up?

At each monthly origin ``t`` (``as_of`` = the last day of month ``t``) the ranges are built exactly
as :func:`thesis.analysis.valuation.valuation_ranges` builds them, from data public at the origin
only, with a no-foresight EPS growth (a thesis's own number would be foresight):

- ``growth="trailing_cagr"`` (default): the trailing ``growth_years``-year CAGR of EPS at the last
  EPS month public at the origin (month complete plus ``eps_lag_days``);
- ``growth="zero"``: no growth; a number: that constant growth in percent a year.

The central case is ``L_t (1 + g_t) ** (h / 12)`` (``L_t`` the monthly average of month ``t``) and
the cases are the central case times ``exp`` of quantiles of the last ``window_origins`` forecast
errors whose outcome month was complete at the origin (origins ``s ≤ t − h``). The outcome is the
monthly level of month ``t + h``. It is placed in one of five bins:

==========  ====================================  =================================
bin         rule (points)                         nominal share with the default bands
==========  ====================================  =================================
below       outcome < bear.low                    10 %
bear        bear.low ≤ outcome < base.low         15 %
base        base.low ≤ outcome ≤ base.high        50 %
bull        base.high < outcome ≤ bull.high       15 %
above       outcome > bull.high                   10 %
==========  ====================================  =================================

``inside`` = bear ∪ base ∪ bull (nominal 80 %). The PIT value is the share of the window's errors
at or below the origin's own error (uniform on [0, 1] if calibrated).

With ``cpi`` and ``long_yield`` the earlier rule is scored beside it for comparison
(``regime_band``): forward EPS × the P/E quantiles of the months nearest in (yield − CPI
inflation, inflation), the regime of :mod:`thesis.analysis.valuation`.

Origins are those whose EPS is at most ``STALE_AFTER_MONTHS`` old (so they end a few months after
the last EPS in the data) and whose outcome month has a level. Origins a month apart share
``h − 1`` months of their outcome windows, so the ``n`` scores are strongly serially dependent:
about ``n × step_months / h`` of them are independent, and a binomial reading of the shares
overstates their precision.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from thesis import ids
from thesis.analysis._common import (
    as_timestamp,
    checked_series,
    date_index,
    lineage_of,
    markdown_table,
    series_id,
)
from thesis.analysis.valuation import (
    CPI_LAG_DAYS,
    DEFAULT_BANDS,
    EPS_LAG_DAYS,
    MIN_ERRORS,
    WINDOW_ORIGINS,
    _monthly,
    _regime,
    forecast_errors,
)
from thesis.errors import AnalysisError, InsufficientDataError
from thesis.facts import Fact, Source

if TYPE_CHECKING:
    from thesis._types import DateLike
    from thesis.data.cache import ResultCacheLike

__all__ = ["BINS", "RangeCalibrationResult", "calibrate_ranges", "nominal_shares"]

#: the five outcome bins, low to high
BINS = ("below", "bear", "base", "bull", "above")
GROWTH_RULES = ("trailing_cagr", "zero")
METHODS = ("calibrated", "regime_band")


@dataclass(frozen=True, eq=False)
class RangeCalibrationResult:
    """Walk-forward scores of the valuation ranges (see :func:`calibrate_ranges`).

    ``scores`` has one row per origin (index ``origin``: the origin's ``as_of``, a month end) with
    ``horizon_month`` (first of the outcome month), ``eps_trailing``, ``eps_month``,
    ``eps_growth_pct`` (the rule's growth), ``central`` (points), ``errors_used`` (count),
    ``err_q10`` … ``err_q90`` (log), ``bear_low`` … ``bull_high`` (points), ``outcome``
    (points), ``error`` (log, outcome vs central), ``bin`` (one of :data:`BINS`), ``inside``
    (bool) and ``pit``; with the comparison also ``eps_forward``, ``regime_months`` and
    ``regime_bear_low`` … ``regime_bull_high``, ``regime_bin``, ``regime_inside``.
    """

    subject: str
    horizon_months: int
    growth: str
    growth_years: int
    step_months: int
    window_origins: int
    nominal: dict[str, float]
    scores: pd.DataFrame
    skipped: int
    methods: tuple[str, ...] = ("calibrated",)
    notes: tuple[str, ...] = ()
    lineage: tuple[Source, ...] = ()
    #: "computed", "computed, cached", "computed, not cached: …" or "from the cache"
    cache_status: str = "computed"

    def to_cache(self) -> tuple[pd.DataFrame, dict[str, Any]]:
        """``(scores, meta)`` to rebuild the result with :meth:`from_cache`."""
        meta = {
            "subject": self.subject, "horizon_months": self.horizon_months,
            "growth": self.growth, "growth_years": self.growth_years,
            "step_months": self.step_months, "window_origins": self.window_origins,
            "nominal": self.nominal, "skipped": self.skipped, "methods": list(self.methods),
            "notes": list(self.notes), "lineage": [x.to_dict() for x in self.lineage],
        }  # fmt: skip
        return self.scores, meta

    @classmethod
    def from_cache(cls, scores: pd.DataFrame, meta: Mapping[str, Any]) -> RangeCalibrationResult:
        """The result :meth:`to_cache` described."""
        return cls(
            subject=meta["subject"],
            horizon_months=int(meta["horizon_months"]),
            growth=meta["growth"],
            growth_years=int(meta["growth_years"]),
            step_months=int(meta["step_months"]),
            window_origins=int(meta["window_origins"]),
            nominal={k: float(v) for k, v in meta["nominal"].items()},
            scores=scores,
            skipped=int(meta["skipped"]),
            methods=tuple(meta["methods"]),
            notes=tuple(meta["notes"]),
            lineage=tuple(Source.from_dict(d) for d in meta["lineage"]),
            cache_status="from the cache",
        )

    @property
    def start(self) -> pd.Timestamp:
        """First origin (``as_of`` of the first forecast)."""
        return self.scores.index[0]

    @property
    def end(self) -> pd.Timestamp:
        """Last origin."""
        return self.scores.index[-1]

    @property
    def n(self) -> int:
        """Origins scored."""
        return len(self.scores)

    @property
    def label(self) -> str:
        """The horizon as in fact ids: ``12m``."""
        return f"{self.horizon_months}m"

    def shares(self, method: str = "calibrated") -> pd.DataFrame:
        """One row per bin plus ``inside``: ``nominal``, ``share`` (realised), ``count``."""
        if method not in self.methods:
            raise AnalysisError(
                f"method {method!r} was not scored",
                where="method",
                fix=f"use one of {list(self.methods)} (regime_band needs cpi and long_yield)",
            )
        pre = "" if method == "calibrated" else "regime_"
        sc = (
            self.scores if method == "calibrated" else self.scores[self.scores["regime_months"] > 0]
        )
        b = sc[f"{pre}bin"]
        rows = {k: (self.nominal[k], float((b == k).mean()), int((b == k).sum())) for k in BINS}
        ins = sc[f"{pre}inside"].astype(bool)
        rows["inside"] = (self.nominal["inside"], float(ins.mean()), int(ins.sum()))
        out = pd.DataFrame.from_dict(rows, orient="index", columns=["nominal", "share", "count"])
        out.index.name = "bin"
        return out

    def pit_histogram(self, bins: int = 10) -> pd.Series:
        """Share of origins whose PIT value falls in each of ``bins`` equal bins of [0, 1]
        (each 1 / ``bins`` if calibrated)."""
        counts, edges = np.histogram(self.scores["pit"], bins=bins, range=(0.0, 1.0))
        idx = pd.IntervalIndex.from_breaks(edges, closed="left")
        return pd.Series(counts / counts.sum(), index=idx, name="share")

    def to_frame(self) -> pd.DataFrame:
        """The per-origin scores (a copy; columns in the class docstring)."""
        return self.scores.copy()

    def _method(self) -> str:
        if self.growth == "trailing_cagr":
            g = f"EPS growth = trailing {self.growth_years}-year CAGR at each origin"
        elif self.growth == "zero":
            g = "EPS growth = 0"
        else:
            g = f"EPS growth = {self.growth}% a year"
        return (
            f"walk-forward valuation ranges, origins {self.start:%Y-%m}..{self.end:%Y-%m} every "
            f"{self.step_months} month(s), {g}, width from the last {self.window_origins} known "
            f"forecast errors, outcome = monthly index level {self.horizon_months} months later "
            "(overlapping windows)"
        )

    def facts(self) -> list[Fact]:
        """``calibration.ranges.share_{below,bear,base,bull,above,inside}.{h}m``,
        ``calibration.ranges.n.{h}m``, ``calibration.ranges.start`` / ``.end``; with the
        comparison also ``calibration.ranges.regime_band.share_{…}.{h}m``."""
        a, lin, h, how = str(self.end.date()), self.lineage, self.label, self._method()
        out = [
            Fact(ids.ranges_measure("start"), str(self.start.date()), "date", a,
                 "first forecast origin", lin, "first range-calibration origin"),
            Fact(ids.ranges_measure("end"), str(self.end.date()), "date", a,
                 "last forecast origin", lin, "last range-calibration origin"),
            Fact(ids.ranges_measure("n", h), self.n, "count", a, how, lin,
                 "origins scored (overlapping windows)"),
        ]  # fmt: skip
        for method in self.methods:
            tab = self.shares(method)
            m_how = (
                how
                if method == "calibrated"
                else (
                    f"{how}; the earlier rule: forward EPS × the P/E quantiles of the months "
                    "nearest in (yield − CPI inflation, inflation)"
                )
            )
            for k in (*BINS, "inside"):
                what = {
                    "inside": "inside the bear-to-bull range",
                    "below": "below the bear range",
                    "above": "above the bull range",
                }.get(k, f"in the {k} range")
                out.append(
                    Fact(ids.ranges_share(k, h, None if method == "calibrated" else method),
                         float(tab["share"].loc[k]), "probability", a, m_how, lin,
                         f"share of outcomes {what} (nominal {self.nominal[k]:.0%})", 2)
                )  # fmt: skip
        return out

    def summary(self) -> str:
        lines = [
            f"### {self.subject}: calibration of the valuation ranges, {self.label} horizon",
            "",
            f"- {self._method()}",
            f"- {self.n:,} origins; about {self.n * self.step_months / self.horizon_months:,.0f} "
            "non-overlapping windows"
            + (f"; {self.skipped} origins skipped (too few known errors)" if self.skipped else ""),
            "",
        ]
        head = ["bin", "nominal", "calibrated", "origins"]
        tab = self.shares()
        cols = [tab]
        if "regime_band" in self.methods:
            head.insert(3, "regime band (earlier rule)")
            cols.append(self.shares("regime_band"))
        rows = []
        for k in tab.index:
            row = [k, f"{tab.loc[k, 'nominal']:.0%}"] + [f"{c.loc[k, 'share']:.1%}" for c in cols]
            rows.append([*row, f"{int(tab.loc[k, 'count']):,}"])
        lines.append(markdown_table(rows, head))
        pit = self.pit_histogram()
        lines += [
            "",
            "PIT (deciles, each 10% if calibrated): "
            + ", ".join(f"{v:.0%}" for v in pit.to_numpy()),
        ]
        if self.notes:
            lines += ["", *[f"- Note: {x}" for x in self.notes]]
        return "\n".join(lines)


def nominal_shares(bands: Mapping[str, tuple[float, float]]) -> dict[str, float]:
    """Nominal bin shares from the case bands; the bands must be bear, base, bull and contiguous."""
    if tuple(bands) != ("bear", "base", "bull"):
        raise AnalysisError(
            f"bands have cases {tuple(bands)}",
            where="bands",
            fix="pass the cases bear, base, bull in that order (e.g. valuation.DEFAULT_BANDS)",
        )
    (b0, b1), (m0, m1), (u0, u1) = bands["bear"], bands["base"], bands["bull"]
    if not (0 <= b0 < b1 == m0 < m1 == u0 < u1 <= 1):
        raise AnalysisError(
            f"bands {dict(bands)} are not contiguous increasing quantiles in [0, 1]",
            where="bands",
            fix="make bear's upper quantile base's lower and base's upper bull's lower",
        )
    return {
        "below": b0,
        "bear": b1 - b0,
        "base": m1 - m0,
        "bull": u1 - u0,
        "above": 1 - u1,
        "inside": u1 - b0,
    }


def _bins(
    x: np.ndarray, lo: np.ndarray, b1: np.ndarray, b2: np.ndarray, hi: np.ndarray
) -> np.ndarray:
    # ties go to the inner bin; base includes both of its edges
    return np.select(
        [x < lo, x < b1, x <= b2, x <= hi], ["below", "bear", "base", "bull"], default="above"
    )


def _regime_panel(
    monthly_level: pd.Series,
    eps: pd.Series,
    cpi: pd.Series,
    long_yield: pd.Series,
    eps_lag_days: int,
    cpi_lag_days: int,
) -> pd.DataFrame:
    """Monthly panel with pe, real_yield_pct (CPI basis), inflation_pct and the dates each row's
    P/E (``pe_known``) and inflation (``infl_known``) became public."""
    L, E, C, Y = (_monthly(s.dropna()) for s in (monthly_level, eps, cpi, long_yield))
    months = L.index.union(E.index).union(C.index).union(Y.index)
    full = pd.period_range(months.min(), months.max(), freq="M")
    C = C.reindex(full)
    df = pd.DataFrame(
        {
            "level": L.reindex(full),
            "eps": E.reindex(full),
            "yield_pct": Y.reindex(full),
            "inflation_pct": (C / C.shift(12) - 1) * 100,
        },
        index=full,
    )
    df["pe"] = df["level"] / df["eps"].where(df["eps"] > 0)
    df["real_yield_pct"] = df["yield_pct"] - df["inflation_pct"]
    end = full.to_timestamp(how="end").normalize()
    df["pe_known"] = end + pd.Timedelta(days=int(eps_lag_days))
    df["infl_known"] = end + pd.Timedelta(days=int(cpi_lag_days))
    return df


def calibrate_ranges(
    monthly_level: pd.Series,
    eps: pd.Series,
    cpi: pd.Series | None = None,
    long_yield: pd.Series | None = None,
    *,
    subject: str,
    horizon_months: int = 12,
    start: DateLike | None = None,
    end: DateLike | None = None,
    step_months: int = 1,
    growth: str | float = "trailing_cagr",
    growth_years: int = 10,
    window_origins: int = WINDOW_ORIGINS,
    min_errors: int = MIN_ERRORS,
    share: float = 0.20,
    min_months: int = 60,
    bands: Mapping[str, tuple[float, float]] = DEFAULT_BANDS,
    eps_lag_days: int = EPS_LAG_DAYS,
    cpi_lag_days: int = CPI_LAG_DAYS,
    cache: ResultCacheLike | None = None,
) -> RangeCalibrationResult:
    """Score the valuation ranges walk-forward on what followed.

    The rule is in the module docstring.

    Parameters
    ----------
    monthly_level, eps
        Monthly series dated the first of the month: index level (points, monthly average) and
        trailing-12-month EPS (USD). Lineage is read from each one's ``.attrs["source"]``.
    cpi, long_yield
        Optional CPI (index) and 10y yield (% p.a.), monthly: with both, the earlier regime-band
        rule is scored beside the calibrated ranges.
    subject
        Series id of the index (``sp500``), used in the text.
    horizon_months
        Months from the origin month to the outcome month (≥ 1).
    start, end
        Earliest and latest origin (dates; the origin is the end of its month).
    step_months
        Months between origins (1 = every month).
    growth
        ``"trailing_cagr"``, ``"zero"`` or a constant annual growth in percent.
    growth_years
        Look-back of the trailing CAGR, in years (≥ 1).
    window_origins, min_errors
        The width comes from the last ``window_origins`` known errors; origins with fewer than
        ``min_errors`` known errors are skipped.
    share, min_months
        The regime sample of the comparison rule.
    bands
        Case → (lower, upper) quantile.
    eps_lag_days, cpi_lag_days
        Release lags after the end of a month.
    cache
        A result cache (:class:`thesis.data.cache.ResultCache`): a result computed before from
        the same data and settings is read back (identical); a new one is written after.

    Returns
    -------
    RangeCalibrationResult

    Raises
    ------
    AnalysisError
        Bad arguments (unknown growth rule, non-positive horizon or step, bands not contiguous).
    InsufficientDataError
        No origin has enough history and a later index level; the message says how much is needed.
    """
    h, step, gy = int(horizon_months), int(step_months), int(growth_years)
    if h < 1 or step < 1 or gy < 1 or window_origins < 1 or min_errors < 1:
        raise AnalysisError(
            f"horizon_months={horizon_months}, step_months={step_months}, "
            f"growth_years={growth_years}, window_origins={window_origins}, "
            f"min_errors={min_errors}",
            where="horizon_months/step_months/growth_years/window_origins/min_errors",
            fix="each must be a whole number ≥ 1",
        )
    if isinstance(growth, str):
        if growth not in GROWTH_RULES:
            raise AnalysisError(
                f"unknown growth rule {growth!r}",
                where="growth",
                fix=f"use one of {', '.join(GROWTH_RULES)} or a number (percent a year)",
            )
        growth_label = growth
    else:
        try:
            g_const = float(growth)
        except (TypeError, ValueError):
            g_const = math.nan
        if not math.isfinite(g_const) or g_const <= -100:
            raise AnalysisError(
                f"growth {growth!r} is not a usable growth rate",
                where="growth",
                fix="use 'trailing_cagr', 'zero' or a number of percent a year above -100",
            )
        growth_label = f"{g_const:g}"
    nominal = nominal_shares(bands)
    key: str | None = None
    if cache is not None:
        from thesis.data.cache import data_hash

        key = cache.key(
            "range_calibration", series=subject,
            data=data_hash(monthly_level, eps, cpi, long_yield), horizon_months=h,
            start=None if start is None else str(as_timestamp(start, "start").date()),
            end=None if end is None else str(as_timestamp(end, "end").date()), step=step,
            growth=growth_label, growth_years=gy, window_origins=int(window_origins),
            min_errors=int(min_errors), share=float(share), min_months=int(min_months),
            bands={k: list(v) for k, v in bands.items()}, eps_lag_days=int(eps_lag_days),
            cpi_lag_days=int(cpi_lag_days),
        )  # fmt: skip
        hit = cache.get(key)
        if hit is not None:
            return RangeCalibrationResult.from_cache(*hit)

    eps_name = f"eps ({series_id(eps, 'eps')})"
    lvl_name = f"monthly_level ({series_id(monthly_level, subject)})"
    L_all = checked_series(monthly_level, name=lvl_name, allow_nan=True)
    E_all = checked_series(eps, name=eps_name, allow_nan=True)
    if L_all.empty or E_all.empty:
        raise InsufficientDataError(
            "the index level or the EPS series is empty",
            where=f"{lvl_name}, {eps_name}",
            fix="import the monthly series (Shiller data: `thesis data import ../shared/data`)",
        )
    fe = forecast_errors(
        L_all, E_all, horizon_months=h, growth_years=gy, eps_lag_days=eps_lag_days,
        growth=growth if growth_label in GROWTH_RULES else g_const,
    )  # fmt: skip
    orig = date_index(fe)
    om = orig.to_period("M")
    err = fe["error"].to_numpy()
    f_central, f_eps, f_g = (fe[c].to_numpy() for c in ("central", "eps", "growth_pct"))
    f_outcome, f_eps_month = fe["outcome"].to_numpy(), pd.DatetimeIndex(fe["eps_month"])
    # candidates: origins in [start, end] with a known outcome, every step months
    cand = np.flatnonzero(np.isfinite(err))
    if start is not None:
        cand = cand[orig[cand] >= as_timestamp(start, "start")]
    if end is not None:
        cand = cand[orig[cand] <= as_timestamp(end, "end")]
    if len(cand):
        first = om[int(cand[0])]
        cand = cand[np.asarray([(om[i] - first).n % step == 0 for i in cand.tolist()], dtype=bool)]

    comparison = cpi is not None and long_yield is not None
    if cpi is not None and long_yield is not None:  # comparison
        panel = _regime_panel(
            L_all,
            E_all,
            checked_series(cpi, name=f"cpi ({series_id(cpi, 'cpi')})", allow_nan=True),
            checked_series(
                long_yield,
                name=f"long_yield ({series_id(long_yield, 'long_yield')})",
                allow_nan=True,
            ),
            eps_lag_days,
            cpi_lag_days,
        )
        p_pe = panel["pe"].to_numpy()
        p_ry = panel["real_yield_pct"].to_numpy()
        p_inf = panel["inflation_pct"].to_numpy()
        pe_known = panel["pe_known"].to_numpy()
        infl_known = panel["infl_known"].to_numpy()
        hist_ok = np.isfinite(p_pe) & np.isfinite(p_ry)
        cur_ok = np.isfinite(p_ry)

    qs = sorted({q for pair in bands.values() for q in pair})
    qcols = [f"err_q{round(q * 100):02d}" for q in qs]
    rows: list[dict[str, Any]] = []
    skipped = 0
    known_end = (om + h).to_timestamp(how="end").normalize().to_numpy()
    errs_finite = np.isfinite(err)
    for i in cand.tolist():
        # errors known at origin i: outcome month complete by the origin's end
        usable = np.flatnonzero(errs_finite[:i] & (known_end[:i] <= orig[i].to_datetime64()))
        if len(usable) < min_errors:
            skipped += 1 if rows else 0
            continue
        w = err[usable[-int(window_origins) :]]
        q = dict(zip(qs, np.quantile(w, qs), strict=True))
        c = float(f_central[i])
        bounds = {
            case: (c * math.exp(q[lo]), c * math.exp(q[hi])) for case, (lo, hi) in bands.items()
        }
        row: dict[str, Any] = {
            "origin": orig[i],
            "horizon_month": (om[i] + h).to_timestamp(),
            "eps_trailing": float(f_eps[i]),
            "eps_month": f_eps_month[i],
            "eps_growth_pct": float(f_g[i]),
            "central": c,
            "errors_used": len(w),
            **{col: float(q[x]) for col, x in zip(qcols, qs, strict=True)},
        }
        for case in ("bear", "base", "bull"):
            row[f"{case}_low"], row[f"{case}_high"] = bounds[case]
        row.update(
            outcome=float(f_outcome[i]),
            error=float(err[i]),
            pit=float(np.mean(w <= err[i])),
        )
        if comparison:
            d = orig[i].to_datetime64()
            cur = np.flatnonzero(cur_ok & (infl_known <= d))
            hi_ = np.flatnonzero(hist_ok & (pe_known <= d) & (infl_known <= d))
            if len(cur) == 0 or len(hi_) < min_months:
                row["regime_months"] = 0
            else:
                mask, _, k = _regime(
                    p_ry[hi_], p_inf[hi_], p_ry[cur[-1]], p_inf[cur[-1]], share, min_months
                )
                pe_q = dict(zip(qs, np.quantile(p_pe[hi_][mask], qs), strict=True))
                e_end = f_eps_month[i] + pd.offsets.MonthEnd(0)
                days = (known_end[i] - e_end.to_datetime64()) / np.timedelta64(1, "D")
                fwd = float(f_eps[i]) * (1 + f_g[i] / 100) ** (days / 365.25)
                row["eps_forward"] = fwd
                row["regime_months"] = k
                for case, (lo, hi) in bands.items():
                    row[f"regime_{case}_low"] = fwd * float(pe_q[lo])
                    row[f"regime_{case}_high"] = fwd * float(pe_q[hi])
        rows.append(row)

    if not rows:
        span = (
            f"the data have EPS {E_all.index[0]:%Y-%m}..{E_all.index[-1]:%Y-%m} and index levels "
            f"{L_all.index[0]:%Y-%m}..{L_all.index[-1]:%Y-%m}"
        )
        raise InsufficientDataError(
            f"no origin has enough history: each needs {12 * gy + 1} monthly EPS values "
            f"({gy} years back plus the EPS month) for the growth rule, at least "
            f"min_errors={min_errors} earlier forecast errors whose {h}-month outcome is known, "
            f"and an index level {h} months after it; {span}",
            where=f"{lvl_name}, {eps_name}",
            fix="import longer monthly history (Shiller data reach back to 1871), choose an "
            "earlier start, a shorter horizon_months or growth_years, or lower min_errors",
        )

    sc = pd.DataFrame(rows).set_index("origin")
    x = sc["outcome"].to_numpy()
    sc["bin"] = _bins(
        x, *(sc[c].to_numpy() for c in ("bear_low", "base_low", "base_high", "bull_high"))
    )
    sc["inside"] = ~sc["bin"].isin(["below", "above"])
    methods: tuple[str, ...] = ("calibrated",)
    if comparison and (sc["regime_months"] > 0).any():
        ok = (sc["regime_months"] > 0).to_numpy()
        rb = _bins(
            x,
            *(
                sc[f"regime_{c}"].to_numpy()
                for c in ("bear_low", "base_low", "base_high", "bull_high")
            ),
        )
        # missing (not None in an object column) where the rule could not be scored, so that
        # the frame keeps its dtypes through the cache
        sc["regime_bin"] = pd.Series(rb, index=sc.index).where(ok).astype("string")
        sc["regime_inside"] = (
            pd.Series(~np.isin(rb, ["below", "above"]), index=sc.index).where(ok).astype("boolean")
        )
        methods = METHODS

    notes = [
        f"Origins a month apart share most of their {h}-month outcome windows, so the scores are "
        "serially dependent; the shares are far less precise than their count suggests.",
        "Earnings count only once public (the month's end plus the release lag); the outcome is "
        "the index's monthly average of the horizon month.",
        "The width at each origin comes only from forecast errors whose outcome was already "
        "known then, so no origin is scored with its own or later errors.",
    ]
    if skipped:
        notes.append(
            "Some origins inside the window were skipped because too few earlier forecast errors "
            "were known."
        )
    if comparison and (methods != METHODS or (sc["regime_months"] == 0).any()):
        notes.append(
            "The earlier regime-band rule is scored only at origins with enough regime months."
        )
    res = RangeCalibrationResult(
        subject=subject,
        horizon_months=h,
        growth=growth_label,
        growth_years=gy,
        step_months=step,
        window_origins=int(window_origins),
        nominal=nominal,
        scores=sc,
        skipped=skipped,
        methods=methods,
        notes=tuple(notes),
        lineage=lineage_of(monthly_level, eps, cpi, long_yield),
    )
    if cache is None or key is None:  # the key is set exactly when there is a cache
        return res
    frame, meta = res.to_cache()
    why = cache.put(key, "range_calibration", subject, frame, meta)
    status = "computed, cached" if why is None else f"computed, not cached: {why}"
    return dataclasses.replace(res, cache_status=status)
