"""Walk-forward calibration of the valuation ranges: did the bear/base/bull bands hold up?

At each monthly origin ``t`` (``as_of`` = the last day of month ``t``, so month ``t`` is complete)
:func:`thesis.analysis.valuation.valuation_ranges` is called on the inputs as they stood at the
origin (it cuts them itself with ``known_at``) with ``horizon`` = the last day of month
``t + horizon_months``. Only the EPS growth assumption differs from a thesis run, because a thesis's
own number would be foresight; it is replaced by a rule that looks back only:

- ``growth="trailing_cagr"`` (default): the annualised growth of trailing EPS over the last
  ``growth_years`` years, ``(EPS_m / EPS_{m − 12·growth_years}) ** (1 / growth_years) − 1``, where
  ``m`` is the EPS month ``valuation_ranges`` uses (the last EPS on or before the origin);
- ``growth="zero"``: forward EPS = trailing EPS;
- a number: that constant growth in percent a year (a stated assumption, scored as such).

The outcome is the monthly index level of month ``t + horizon_months`` (Shiller's monthly average,
the same measure the P/E history is built from). It is placed in one of five bins:

==========  ====================================  =================================
bin         rule (points)                         nominal share with the default bands
==========  ====================================  =================================
below       outcome < bear.low                    10 %  (P/E below q10)
bear        bear.low ≤ outcome < base.low         15 %  (q10–q25)
base        base.low ≤ outcome ≤ base.high        50 %  (q25–q75)
bull        base.high < outcome ≤ bull.high       15 %  (q75–q90)
above       outcome > bull.high                   10 %  (above q90)
==========  ====================================  =================================

"Nominal" means: if the forward EPS were right and the horizon P/E were a draw from the regime's
P/E distribution. ``inside`` = bear ∪ base ∪ bull (nominal 80 %). The PIT-like position is the
share of the regime sample's P/Es at or below outcome / forward EPS (uniform on [0, 1] if the
bands were calibrated).

Origins run from the first month with ``12 × growth_years + 1`` monthly EPS values up to it (10
years back plus the current month, for the CAGR) *and* ``min_months`` months with a P/E, a real
yield and YoY inflation (so ``min_months + 12`` months of CPI), every ``step_months`` months, up to
the last month that has EPS and whose horizon month has an index level. On the Shiller data
(1871-01 on, EPS to 2023-06) the first origin is 1881-01 and the last is 2023-06 for a 12-month
horizon; the level of the horizon month comes from the spliced FRED monthly average after 2023-09.

Origins a month apart share ``horizon_months − 1`` months of their outcome windows, so the ``n``
scores are strongly serially dependent: about ``n × step_months / horizon_months`` of them are
independent, and a binomial reading of the shares overstates their precision.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
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
from thesis.analysis.valuation import DEFAULT_BANDS, _monthly, valuation_ranges
from thesis.errors import AnalysisError, InsufficientDataError
from thesis.facts import Fact, Source

__all__ = ["BINS", "RangeCalibrationResult", "calibrate_ranges"]

#: the five outcome bins, low to high
BINS = ("below", "bear", "base", "bull", "above")
GROWTH_RULES = ("trailing_cagr", "zero")


@dataclass(frozen=True, eq=False)
class RangeCalibrationResult:
    """Walk-forward scores of the valuation ranges (see :func:`calibrate_ranges`).

    ``scores`` has one row per origin (index ``origin``: the origin's ``as_of``, a month end) with
    ``horizon_month`` (first of the outcome month), ``eps_trailing``, ``eps_month``,
    ``eps_growth_pct`` (the assumption used), ``eps_forward`` (USD), ``pe_q10`` … ``pe_q90``
    (regime P/E quantiles), ``bear_low`` … ``bull_high`` (points), ``regime_months`` (count),
    ``outcome`` (index level of the horizon month, points), ``outcome_pe`` (outcome / forward EPS),
    ``eps_realised`` (trailing EPS of the horizon month where the data have it, else NaN),
    ``bin`` (one of :data:`BINS`), ``inside`` (bool) and ``pit`` (share of regime P/Es
    ≤ ``outcome_pe``).
    """

    subject: str
    horizon_months: int
    growth: str
    growth_years: int
    step_months: int
    nominal: dict[str, float]
    scores: pd.DataFrame
    skipped: int
    notes: tuple[str, ...] = ()
    lineage: tuple[Source, ...] = ()

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

    def shares(self) -> pd.DataFrame:
        """One row per bin plus ``inside``: ``nominal``, ``share`` (realised), ``count``."""
        b = self.scores["bin"]
        rows = {k: (self.nominal[k], float((b == k).mean()), int((b == k).sum())) for k in BINS}
        ins = self.scores["inside"]
        rows["inside"] = (self.nominal["inside"], float(ins.mean()), int(ins.sum()))
        out = pd.DataFrame.from_dict(rows, orient="index", columns=["nominal", "share", "count"])
        out.index.name = "bin"
        return out

    def pit_histogram(self, bins: int = 10) -> pd.Series:
        """Share of origins whose PIT-like position falls in each of ``bins`` equal bins of
        [0, 1] (each 1 / ``bins`` if calibrated)."""
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
            f"{self.step_months} month(s), {g}, outcome = monthly index level "
            f"{self.horizon_months} months later (overlapping windows)"
        )

    def facts(self) -> list[Fact]:
        """``calibration.ranges.share_{below,bear,base,bull,above}.{h}m``,
        ``calibration.ranges.share_inside.{h}m``, ``calibration.ranges.n.{h}m``,
        ``calibration.ranges.start`` and ``calibration.ranges.end``."""
        a, lin, h, how = str(self.end.date()), self.lineage, self.label, self._method()
        tab = self.shares()
        out = [
            Fact("calibration.ranges.start", str(self.start.date()), "date", a,
                 "first forecast origin", lin, "first range-calibration origin"),
            Fact("calibration.ranges.end", str(self.end.date()), "date", a,
                 "last forecast origin", lin, "last range-calibration origin"),
        ]  # fmt: skip
        for k in (*BINS, "inside"):
            what = (
                "inside the bear-to-bull range"
                if k == "inside"
                else ("below the bear range" if k == "below" else "above the bull range")
                if k in ("below", "above")
                else f"in the {k} range"
            )
            out.append(
                Fact(f"calibration.ranges.share_{k}.{h}", float(tab.loc[k, "share"]),
                     "probability", a, how, lin,
                     f"share of outcomes {what} (nominal {self.nominal[k]:.0%})", 2)
            )  # fmt: skip
        out.append(
            Fact(f"calibration.ranges.n.{h}", self.n, "count", a, how, lin,
                 "origins scored (overlapping windows)")
        )  # fmt: skip
        return out

    def summary(self) -> str:
        tab = self.shares()
        rows = [
            [k, f"{nom:.0%}", f"{sh:.1%}", f"{int(c):,}"]
            for k, nom, sh, c in zip(
                tab.index, tab["nominal"], tab["share"], tab["count"], strict=True
            )
        ]
        pit = self.pit_histogram()
        indep = self.n * self.step_months / self.horizon_months
        lines = [
            f"### {self.subject}: calibration of the valuation ranges, {self.label} horizon",
            "",
            f"- {self._method()}",
            f"- {self.n:,} origins; about {indep:,.0f} non-overlapping windows"
            + (
                f"; {self.skipped} origins skipped (no EPS growth computable)"
                if self.skipped
                else ""
            ),
            "",
            markdown_table(rows, ["bin", "nominal", "realised", "origins"]),
            "",
            "PIT-like position (deciles, each 10% if calibrated): "
            + ", ".join(f"{v:.0%}" for v in pit.to_numpy()),
        ]
        if self.notes:
            lines += ["", *[f"- Note: {x}" for x in self.notes]]
        return "\n".join(lines)


def _nominal(bands: Mapping[str, tuple[float, float]]) -> dict[str, float]:
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


def calibrate_ranges(
    monthly_level: pd.Series,
    eps: pd.Series,
    cpi: pd.Series,
    long_yield: pd.Series,
    *,
    subject: str,
    horizon_months: int = 12,
    start: Any = None,
    step_months: int = 1,
    growth: str | float = "trailing_cagr",
    growth_years: int = 10,
    share: float = 0.20,
    min_months: int = 60,
    bands: Mapping[str, tuple[float, float]] = DEFAULT_BANDS,
) -> RangeCalibrationResult:
    """Score :func:`~thesis.analysis.valuation.valuation_ranges` walk-forward on what followed.

    The rule is in the module docstring.

    Parameters
    ----------
    monthly_level, eps, cpi, long_yield
        Monthly series dated the first of the month, as for ``valuation_ranges``: index level
        (points, monthly average), trailing-12-month EPS (USD), CPI (index) and 10y yield (% p.a.).
        Lineage is read from each one's ``.attrs["source"]`` where present.
    subject
        Series id of the index (``sp500``), used in the text.
    horizon_months
        Months from the origin month to the outcome month (≥ 1).
    start
        Earliest origin (a date; the origin is the end of its month). Default: the first month with
        enough history.
    step_months
        Months between origins (1 = every month).
    growth
        ``"trailing_cagr"``, ``"zero"`` or a constant annual growth in percent.
    growth_years
        Look-back of the trailing CAGR, in years (≥ 1).
    share, min_months, bands
        Passed to ``valuation_ranges`` (regime sample size and P/E bands).

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
    if h < 1 or step < 1 or gy < 1:
        raise AnalysisError(
            f"horizon_months={horizon_months}, step_months={step_months}, "
            f"growth_years={growth_years}",
            where="horizon_months/step_months/growth_years",
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
    nominal = _nominal(bands)

    eps_name = f"eps ({series_id(eps, 'eps')})"
    lvl_name = f"monthly_level ({series_id(monthly_level, subject)})"
    L_all = checked_series(monthly_level, name=lvl_name, allow_nan=True)
    E_all = checked_series(eps, name=eps_name, allow_nan=True)
    # outcome and realised EPS by calendar month (the same month keying as valuation_ranges)
    L_m, E_m = _monthly(L_all), _monthly(E_all)
    if L_m.empty or E_m.empty:
        raise InsufficientDataError(
            "the index level or the EPS series is empty",
            where=f"{lvl_name}, {eps_name}",
            fix="import the monthly series (Shiller data: `thesis data import ../shared/data`)",
        )

    # candidate origin months: from the first EPS month + the CAGR look-back (or the first EPS
    # month) to the last EPS month, and only those whose horizon month has a level
    back = 12 * gy if growth_label == "trailing_cagr" else 0
    first = E_m.index[0] + back
    last = min(E_m.index[-1], L_m.index[-1] - h)
    if start is not None:
        first = max(first, as_timestamp(start, "start").to_period("M"))
    months = pd.period_range(first, last, freq="M")[::step] if first <= last else []
    months = [m for m in months if m + h in L_m.index]

    rows: list[dict[str, Any]] = []
    skipped = 0
    first_error: InsufficientDataError | None = None
    for m in months:
        as_of = m.to_timestamp(how="end").normalize()
        horizon = (m + h).to_timestamp(how="end").normalize()
        e_known = known_at(E_all, as_of)
        if e_known.empty:
            continue
        eps_month = e_known.index[-1].to_period("M")
        eps_t = float(e_known.iloc[-1])
        if eps_t <= 0:
            skipped += 1
            continue
        if growth_label == "trailing_cagr":
            base = E_m.get(eps_month - back)
            if base is None or not np.isfinite(base) or base <= 0:
                skipped += 1
                continue
            g = ((eps_t / float(base)) ** (1 / gy) - 1) * 100
        elif growth_label == "zero":
            g = 0.0
        else:
            g = g_const
        try:
            r = valuation_ranges(
                monthly_level,
                eps,
                cpi,
                long_yield,
                subject=subject,
                as_of=as_of,
                horizon=horizon,
                eps_growth_pct=g,
                share=share,
                min_months=min_months,
                bands=bands,
            )
        except InsufficientDataError as err:
            # the regime sample only grows with the origin: before the first success this means
            # "too early"; after it, it cannot happen, so any later one is re-raised
            if rows:
                raise
            first_error = first_error or err
            continue
        hist = r.history
        pe_reg = hist.loc[hist["in_regime"], "pe"].to_numpy()
        outcome = float(L_m[m + h])
        rng = {x.case: x for x in r.ranges}
        real = E_m.get(m + h)
        row: dict[str, Any] = {
            "origin": as_of,
            "horizon_month": (m + h).to_timestamp(),
            "eps_trailing": r.eps_trailing,
            "eps_month": r.eps_trailing_date,
            "eps_growth_pct": g,
            "eps_forward": r.eps_forward,
        }
        row.update({f"pe_q{round(q * 100):02d}": v for q, v in r.pe_quantiles.items()})
        for case in ("bear", "base", "bull"):
            row[f"{case}_low"], row[f"{case}_high"] = rng[case].low, rng[case].high
        row.update(
            regime_months=r.regime.months,
            outcome=outcome,
            outcome_pe=outcome / r.eps_forward,
            eps_realised=float(real) if real is not None and np.isfinite(real) else math.nan,
            pit=float(np.mean(pe_reg <= outcome / r.eps_forward)),
        )
        rows.append(row)

    if not rows:
        need_e = f"{back + 1} monthly EPS values ({gy} years back plus the origin month)"
        span = (
            f"the data have EPS {E_m.index[0]}..{E_m.index[-1]} and index levels "
            f"{L_m.index[0]}..{L_m.index[-1]}"
        )
        extra = f" (valuation_ranges said: {first_error.what})" if first_error else ""
        raise InsufficientDataError(
            f"no origin has enough history: each needs {need_e if back else 'an EPS value'}, "
            f"at least min_months={min_months} months with a P/E, a real yield and YoY inflation "
            f"(so {min_months + 12} months of CPI) up to the origin, and an index level "
            f"{h} months after it; {span}{extra}",
            where=f"{lvl_name}, {eps_name}, cpi, long_yield",
            fix="import longer monthly history (Shiller data reach back to 1871), choose an "
            "earlier start, a shorter horizon_months or growth_years, or lower min_months",
        )

    sc = pd.DataFrame(rows).set_index("origin")
    x = sc["outcome"].to_numpy()
    # ties go to the inner bin; base includes both of its edges
    sc["bin"] = np.select(
        [
            x < sc["bear_low"].to_numpy(),
            x < sc["base_low"].to_numpy(),
            x <= sc["base_high"].to_numpy(),
            x <= sc["bull_high"].to_numpy(),
        ],
        ["below", "bear", "base", "bull"],
        default="above",
    )
    sc["inside"] = ~sc["bin"].isin(["below", "above"])

    notes = [
        f"Origins a month apart share most of their {h}-month outcome windows, so the scores are "
        "serially dependent; the shares are far less precise than their count suggests.",
        "Trailing EPS counts as known once its month is complete; the reporting lag of earnings "
        "(a quarter or more) and CPI's publication lag are not modelled, which flatters the ranges.",
        "The outcome is the index's monthly average of the horizon month, the same measure as the "
        "P/E history.",
    ]
    e_end = E_m.index[-1]
    if sc.index[-1].to_period("M") == e_end:
        notes.append(
            "The last origin is the last month with EPS in the data; later origins would compound "
            "stale EPS."
        )
    if skipped:
        notes.append(
            "Some origins were skipped because the EPS growth rule could not be computed there "
            "(missing or non-positive EPS)."
        )
    return RangeCalibrationResult(
        subject=subject,
        horizon_months=h,
        growth=growth_label,
        growth_years=gy,
        step_months=step,
        nominal=nominal,
        scores=sc,
        skipped=skipped,
        notes=tuple(notes),
        lineage=lineage_of(monthly_level, eps, cpi, long_yield),
    )
