"""Volatility regimes and safety: realised and GARCH volatility, VIX, stock–bond and stock–gold
correlation, flight to safety, small vs large caps.

Rules:

- Returns are daily log returns of closes on or before ``as_of``.
- Realised volatility = standard deviation (ddof 1) of the last ``vol_window`` (21) returns × √252,
  in percent. GARCH(1,1) (``arch``, constant mean, normal innovations, returns in percent) is fitted
  on all returns up to ``as_of``; its conditional volatility × √252 is the GARCH volatility.
- A percentile is the share of the history up to ``as_of`` (the same measure on every earlier day)
  that is ≤ the current value (``scipy.stats.percentileofscore(kind="weak") / 100``).
- Volatility regime from the realised-vol percentile: calm < 0.25 ≤ normal < 0.75 ≤ elevated
  < 0.95 ≤ stressed.
- Correlations: series are aligned on their common dates first, then returns are taken, then a
  rolling ``corr_window`` (63) session Pearson correlation.
- Flight to safety: a common session on which equities fell while bonds and gold both rose; the
  share of such sessions in the last ``corr_window`` sessions and over the full common history.
- Size: SMB compounded over the last twelve complete months; small minus large = the 12-month
  total return of ``small`` minus that of ``large`` (percentage points).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, cast

import numpy as np
import pandas as pd

from thesis import ids
from thesis.analysis._common import (
    SESSIONS_PER_YEAR,
    as_timestamp,
    checked_series,
    fmt_num,
    known_at,
    lineage_of,
    markdown_table,
    series_id,
    value_on,
)
from thesis.errors import AnalysisError, InsufficientDataError
from thesis.facts import Fact, Source

if TYPE_CHECKING:
    from thesis._types import DateLike

__all__ = ["VOL_REGIMES", "RegimeResult", "percentile_of_last", "regimes", "vol_regime"]

#: (upper percentile bound, label); the last label applies at and above 0.95
VOL_REGIMES = ((0.25, "calm"), (0.75, "normal"), (0.95, "elevated"), (math.inf, "stressed"))
MIN_SESSIONS = 252


def percentile_of_last(history: np.ndarray) -> float:
    """Share of ``history`` (NaNs dropped; the last value included) that is ≤ its last value."""
    h = np.asarray(history, dtype=float)
    h = h[~np.isnan(h)]
    return float(np.mean(h <= h[-1]))


def vol_regime(pctile: float) -> str:
    """Label for a volatility percentile (see :data:`VOL_REGIMES`)."""
    for bound, label in VOL_REGIMES:
        if pctile < bound:
            return label
    return VOL_REGIMES[-1][1]


@dataclass(frozen=True, eq=False)
class RegimeResult:
    """Volatility regime and safety measures on ``as_of`` (see :func:`regimes`)."""

    subject: str
    as_of: pd.Timestamp
    date: pd.Timestamp  # last session used
    vol_realised_ann_pct: float
    vol_realised_pctile: float
    vol_garch_ann_pct: float | None
    vol_garch_pctile: float | None
    garch_params: dict[str, float]
    vol_regime: str
    vix_level: float | None
    vix_date: pd.Timestamp | None
    vix_pctile: float | None
    vix_start: pd.Timestamp | None
    corr_bonds: float | None
    corr_gold: float | None
    fts_share_recent: float | None
    fts_share_hist: float | None
    fts_sessions_hist: int
    smb_12m_pct: float | None
    small_vs_large_12m_pp: float | None
    history: pd.DataFrame = field(repr=False)
    vol_window: int = 21
    corr_window: int = 63
    notes: tuple[str, ...] = ()
    lineage: dict[str, tuple[Source, ...]] = field(default_factory=dict)
    space: str = "log"

    @property
    def vol_unit(self) -> Literal["pct", "bp"]:
        """``pct`` (log returns) or ``bp`` (a yield's daily changes)."""
        return "pct" if self.space == "log" else "bp"

    def to_frame(self) -> pd.DataFrame:
        """Daily history (date index): realised_ann_pct, garch_ann_pct (``_bp`` for a yield),
        corr_bonds, corr_gold."""
        return self.history.copy()

    def facts(self) -> list[Fact]:
        S, a = self.subject, str(self.as_of.date())
        lin = self.lineage
        base = lin.get("prices", ())

        def f(
            id_: str,
            v: Any,
            unit: str,
            method: str,
            lineage: tuple[Source, ...] = base,
            label: str = "",
            dec: int | None = None,
        ) -> Fact:
            return Fact(id_, v, unit, a, method, lineage, label, dec)

        vw, cw = self.vol_window, self.corr_window
        u = self.vol_unit
        inc = "daily log returns" if u == "pct" else "daily changes, in basis points"
        out = [
            f(
                ids.vol(S, "realised", unit=u),
                self.vol_realised_ann_pct,
                u,
                f"standard deviation of the last {vw} {inc} × √252",
                label="realised volatility",
                dec=1 if u == "pct" else 0,
            ),
            f(
                ids.vol(S, "realised", "pctile"),
                self.vol_realised_pctile,
                "probability",
                f"share of {vw}-session realised volatilities in the history up to as_of that are ≤ today's",
                dec=2,
            ),
            f(
                ids.subject_measure(S, "vol_regime"),
                self.vol_regime,
                "label",
                "realised-vol percentile: calm < 0.25 ≤ normal < 0.75 ≤ elevated < 0.95 ≤ stressed",
            ),
        ]
        if self.vol_garch_ann_pct is not None and self.vol_garch_pctile is not None:
            out += [
                f(
                    ids.vol(S, "garch", unit=u),
                    self.vol_garch_ann_pct,
                    u,
                    "GARCH(1,1) conditional volatility of the as_of session itself (normal innovations, "
                    f"fitted up to as_of on {inc}; not the next-session forecast) × √252",
                    label="GARCH volatility",
                    dec=1 if u == "pct" else 0,
                ),
                f(
                    ids.vol(S, "garch", "pctile"),
                    self.vol_garch_pctile,
                    "probability",
                    "share of in-sample GARCH(1,1) conditional volatilities ≤ today's",
                    dec=2,
                ),
            ]
        if self.vix_level is not None and self.vix_pctile is not None:
            vl = lin.get("vix", ())
            start = "" if self.vix_start is None else f" since {self.vix_start.date()}"
            out += [
                f(
                    ids.vix("level"),
                    self.vix_level,
                    "points",
                    "VIX close on or before as_of",
                    vl,
                    "VIX",
                    2,
                ),
                f(
                    ids.vix("pctile"),
                    self.vix_pctile,
                    "probability",
                    f"share of VIX closes{start} ≤ today's",
                    vl,
                    dec=2,
                ),
            ]
        if self.corr_bonds is not None:
            out.append(
                f(
                    ids.subject_measure(S, "corr_bonds_63d"),
                    self.corr_bonds,
                    "ratio",
                    f"Pearson correlation of daily log returns with bonds, last {cw} common sessions",
                    base + lin.get("bonds", ()),
                    dec=2,
                )
            )
        if self.corr_gold is not None:
            out.append(
                f(
                    ids.subject_measure(S, "corr_gold_63d"),
                    self.corr_gold,
                    "ratio",
                    f"Pearson correlation of daily log returns with gold, last {cw} common sessions",
                    base + lin.get("gold", ()),
                    dec=2,
                )
            )
        if self.fts_share_recent is not None and self.fts_share_hist is not None:
            fl = base + lin.get("bonds", ()) + lin.get("gold", ())
            out += [
                f(
                    ids.subject_measure(S, "flight_to_safety_share_63d"),
                    self.fts_share_recent,
                    "probability",
                    f"share of the last {cw} common sessions with equities down, bonds and gold up",
                    fl,
                    dec=2,
                ),
                f(
                    ids.subject_measure(S, "flight_to_safety_share_hist"),
                    self.fts_share_hist,
                    "probability",
                    f"share of all {self.fts_sessions_hist} common sessions with equities down, bonds and gold up",
                    fl,
                    dec=2,
                ),
            ]
        if self.smb_12m_pct is not None:
            out.append(
                f(
                    ids.size("smb_12m_pct"),
                    self.smb_12m_pct,
                    "pct",
                    "Fama-French SMB compounded over the last twelve complete months",
                    lin.get("smb", ()),
                    dec=1,
                )
            )
        if self.small_vs_large_12m_pp is not None:
            out.append(
                f(
                    ids.size("small_vs_large_12m_pp"),
                    self.small_vs_large_12m_pp,
                    "pp",
                    "12-month total return of small caps minus large caps",
                    lin.get("size", ()),
                    dec=1,
                )
            )
        return out

    def summary(self) -> str:
        rows = [
            [
                "realised vol (ann.)",
                f"{self.vol_realised_ann_pct:.1f}%",
                f"{self.vol_realised_pctile:.2f}",
            ],
            [
                "GARCH vol (ann.)",
                fmt_num(self.vol_garch_ann_pct, 1) + "%",
                fmt_num(self.vol_garch_pctile),
            ],
            ["VIX", fmt_num(self.vix_level, 1), fmt_num(self.vix_pctile)],
            [f"corr. with bonds ({self.corr_window}d)", fmt_num(self.corr_bonds), ""],
            [f"corr. with gold ({self.corr_window}d)", fmt_num(self.corr_gold), ""],
            ["flight to safety, recent share", fmt_num(self.fts_share_recent), ""],
            ["flight to safety, full-history share", fmt_num(self.fts_share_hist), ""],
            ["SMB, 12 months", fmt_num(self.smb_12m_pct, 1) + "%", ""],
            ["small minus large, 12 months", fmt_num(self.small_vs_large_12m_pp, 1) + " pp", ""],
        ]
        lines = [
            f"### {self.subject}: volatility regime and safety (as of {self.as_of.date()})",
            "",
            f"- Regime: **{self.vol_regime}** (realised-vol percentile; calm < 0.25 ≤ normal < 0.75 ≤ "
            "elevated < 0.95 ≤ stressed)",
            "",
            markdown_table(rows, ["measure", "value", "percentile"]),
        ]
        if self.notes:
            lines += ["", *[f"- Note: {x}" for x in self.notes]]
        return "\n".join(lines)


def _log_returns(s: pd.Series) -> pd.Series:
    # a ufunc on a Series is a Series (__array_ufunc__); numpy's stubs say ndarray
    return cast("pd.Series", np.log(s)).diff().iloc[1:]


def _pair_corr(eq: pd.Series, other: pd.Series, window: int) -> pd.Series:
    both = pd.concat([eq, other], axis=1, join="inner").dropna()
    r = cast("pd.DataFrame", np.log(both)).diff().iloc[1:]  # a DataFrame, as above
    return r.iloc[:, 0].rolling(window).corr(r.iloc[:, 1])


def _change_12m(s: pd.Series, as_of: pd.Timestamp) -> float | None:
    end = value_on(s, as_of)
    if end is None:
        return None
    start = value_on(s, end[0] - pd.DateOffset(years=1))
    if start is None:
        return None
    return (end[1] / start[1] - 1) * 100


def regimes(
    prices: pd.Series,
    *,
    subject: str,
    as_of: DateLike,
    vix: pd.Series | None = None,
    bonds: pd.Series | None = None,
    gold: pd.Series | None = None,
    smb: pd.Series | None = None,
    small: pd.Series | None = None,
    large: pd.Series | None = None,
    vol_window: int = 21,
    corr_window: int = 63,
    garch: bool = True,
    space: str = "log",
) -> RegimeResult:
    """Volatility regime, correlations and safety measures of ``prices`` on ``as_of``.

    The rules are in the module docstring.

    Parameters
    ----------
    prices
        Daily closes of the equity index (points), e.g. ``sp500`` or ``spy_tr``.
    subject
        Series id used in fact ids.
    as_of
        Nothing dated after it is used.
    vix
        Daily VIX closes (points).
    bonds, gold
        Daily total-return prices (adjusted closes) of a bond and a gold proxy (``tlt_tr``, ``gld_tr``).
    smb
        Fama-French SMB, percent per month.
    small, large
        Daily total-return prices of small and large caps (``iwm_tr``, ``spy_tr``).
    vol_window, corr_window
        Sessions in the realised-volatility and correlation windows.
    garch
        Fit GARCH(1,1) (needs ``arch``); skip it for speed when False.
    space
        ``log`` (prices: volatility of log returns, percent) or ``diff`` (a yield: volatility of
        daily changes, basis points a year; values may be zero or negative).

    Returns
    -------
    RegimeResult
    """
    as_ts = as_timestamp(as_of)
    if space not in ("log", "diff"):
        raise AnalysisError(f"unknown space {space!r}", where="space", fix="use 'log' or 'diff'")
    name = f"prices ({series_id(prices, subject)})"
    s = checked_series(prices, name=name, positive=space == "log", keep_attrs=False)
    first = s.index[0].date() if len(s) else None
    s = s[s.index <= as_ts]
    if s.empty:
        raise AnalysisError(
            f"as_of {as_ts.date()} is before the data starts ({first})",
            where=name,
            fix=f"choose an as_of on or after {first} or import longer history",
        )
    need = max(vol_window + 1, 2 * corr_window, 60)
    if len(s) < need:
        raise InsufficientDataError(
            f"{len(s)} sessions on or before {as_ts.date()}; volatility percentiles need at least {need}",
            where=name,
            fix="import longer daily history or choose a later as_of",
        )
    notes: list[str] = []
    if len(s) < MIN_SESSIONS * 5:
        notes.append(
            "The history behind the percentiles is short; they describe a recent era, not the long run."
        )
    r = _log_returns(s) if space == "log" else s.diff().iloc[1:]
    unit = "pct" if space == "log" else "bp"
    realised = r.rolling(vol_window).std(ddof=1) * math.sqrt(SESSIONS_PER_YEAR) * 100
    hist = pd.DataFrame({f"realised_ann_{unit}": realised})
    rv = float(realised.iloc[-1])
    rv_p = percentile_of_last(realised.to_numpy())

    g_now = g_p = None
    gparams: dict[str, float] = {}
    hist[f"garch_ann_{unit}"] = np.nan
    if garch:
        from arch import arch_model

        am = arch_model(r.to_numpy() * 100, mean="Constant", vol="GARCH", p=1, q=1, dist="normal")
        fit = am.fit(disp="off", show_warning=False)
        cv = np.asarray(fit.conditional_volatility) * math.sqrt(SESSIONS_PER_YEAR)
        hist[f"garch_ann_{unit}"] = cv
        g_now, g_p = float(cv[-1]), percentile_of_last(cv)
        gparams = {str(k): float(v) for k, v in fit.params.items()}
        notes.append(
            "GARCH volatility history uses parameters fitted on all data up to as_of, so earlier values "
            "are in-sample estimates."
        )

    lineage: dict[str, tuple[Source, ...]] = {"prices": lineage_of(prices)}
    vix_level = vix_date = vix_p = vix_start = None
    if vix is not None:
        v = checked_series(
            vix,
            name=f"vix ({series_id(vix, 'vix')})",
            positive=True,
            allow_nan=True,
            keep_attrs=False,
        )
        v = v[v.index <= as_ts]
        if v.empty:
            notes.append("The VIX series starts after as_of; VIX is omitted.")
        else:
            vix_level, vix_date, vix_p = (
                float(v.iloc[-1]),
                v.index[-1],
                percentile_of_last(v.to_numpy()),
            )
            vix_start = v.index[0]
        lineage["vix"] = lineage_of(vix)

    cb = cg = None
    hist["corr_bonds"] = np.nan
    hist["corr_gold"] = np.nan
    clean: dict[str, pd.Series] = {}
    for key, x in (("bonds", bonds), ("gold", gold)):
        if x is None:
            continue
        xs = checked_series(
            x, name=f"{key} ({series_id(x, key)})", positive=True, allow_nan=True, keep_attrs=False
        )
        xs = xs[xs.index <= as_ts]
        clean[key] = xs
        lineage[key] = lineage_of(x)
        c = _pair_corr(s, xs, corr_window)
        if c.dropna().empty:
            notes.append(
                f"Too few common sessions with the {key} series for a rolling correlation."
            )
            continue
        hist[f"corr_{key}"] = c.reindex(hist.index)
        if key == "bonds":
            cb = float(c.dropna().iloc[-1])
        else:
            cg = float(c.dropna().iloc[-1])
    if (cb is not None and cb > 0) and (cg is not None and cg > 0):
        notes.append(
            "Stocks currently move with both bonds and gold; diversification from both is weak."
        )

    fts_r = fts_h = None
    fts_n = 0
    if "bonds" in clean and "gold" in clean:
        all3 = pd.concat([s, clean["bonds"], clean["gold"]], axis=1, join="inner").dropna()
        rr = cast("pd.DataFrame", np.log(all3)).diff().iloc[1:].to_numpy()  # a DataFrame
        flag = (rr[:, 0] < 0) & (rr[:, 1] > 0) & (rr[:, 2] > 0)
        if len(flag) >= corr_window:
            fts_r, fts_h, fts_n = float(flag[-corr_window:].mean()), float(flag.mean()), len(flag)
        else:
            notes.append(
                "Too few common sessions of equities, bonds and gold for the flight-to-safety share."
            )

    smb12 = None
    if smb is not None:
        sm = known_at(
            checked_series(
                smb, name=f"smb ({series_id(smb, 'smb')})", allow_nan=True, keep_attrs=False
            ),
            as_ts,
        )
        if len(sm) >= 12:
            smb12 = (float(np.prod(1 + sm.to_numpy()[-12:] / 100)) - 1) * 100
            if (as_ts.to_period("M") - sm.index[-1].to_period("M")).n > 2:
                notes.append(
                    "The SMB factor ends some months before as_of; its window ends earlier."
                )
        else:
            notes.append("Less than a year of SMB data; omitted.")
        lineage["smb"] = lineage_of(smb)

    svl = None
    if small is not None and large is not None:
        sc = _change_12m(
            checked_series(small, name="small", positive=True, allow_nan=True, keep_attrs=False),
            as_ts,
        )
        lc = _change_12m(
            checked_series(large, name="large", positive=True, allow_nan=True, keep_attrs=False),
            as_ts,
        )
        if sc is not None and lc is not None:
            svl = sc - lc
        else:
            notes.append(
                "Less than a year of small- or large-cap data; small minus large is omitted."
            )
        lineage["size"] = lineage_of(small, large)

    return RegimeResult(
        subject=subject,
        as_of=as_ts,
        date=s.index[-1],
        vol_realised_ann_pct=rv,
        vol_realised_pctile=rv_p,
        vol_garch_ann_pct=g_now,
        vol_garch_pctile=g_p,
        garch_params=gparams,
        vol_regime=vol_regime(rv_p),
        vix_level=vix_level,
        vix_date=vix_date,
        vix_pctile=vix_p,
        vix_start=vix_start,
        corr_bonds=cb,
        corr_gold=cg,
        fts_share_recent=fts_r,
        fts_share_hist=fts_h,
        fts_sessions_hist=fts_n,
        smb_12m_pct=smb12,
        small_vs_large_12m_pp=svl,
        history=hist,
        vol_window=vol_window,
        corr_window=corr_window,
        notes=tuple(notes),
        lineage=lineage,
        space=space,
    )
