"""Stress tests: today's weights replayed through historical windows and calibrated shocks.

For each scenario (a dated window), each instrument's return is its close on the last session on or
before ``end`` over its close on the last session on or before ``start``, minus one, times the
scenario's ``scale``. An instrument counts as covered when it has a close within
:data:`COVER_DAYS` calendar days on or before both dates. Windows ending after ``as_of`` are skipped
(unknowable).

An uncovered instrument is, in this order:

1. replaced by its explicit proxy series (``[portfolio.stress] proxies``) when that is covered;
2. replaced by a built-in proxy (:data:`DEFAULT_PROXIES`) when the window starts before the
   instrument's first date and the proxy's series are in the data: small caps by the Fama-French
   market plus SMB, long Treasuries by a constant-duration bond on the 10-year yield, gold by the
   monthly gold price (see :data:`PROXY_RULES` for each one's method, stated in the output);
3. otherwise a stated gap.

Coverage and loss. The portfolio is the instruments plus cash (``1 − Σ w``, return 0). Its
*coverage* is the share of that whole held in covered instruments or cash. The scenario's *loss* is
the loss of the covered part only, ``−Σ_{covered} w_i R_i / coverage`` (positive = loss): with full
coverage this is the portfolio's loss; with partial coverage (``partial``) it is the loss on the
covered share, not a portfolio loss with the gaps counted as flat. A sleeve's loss is its
contribution to that loss, ``−Σ_{i in sleeve, covered} w_i R_i / coverage``; a sleeve with no
covered weight has no loss (NaN, and no fact), not a fake 0. A scenario in which no instrument is
covered has no row: it is listed in ``skipped`` with the reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd

from thesis.analysis._common import date_index
from thesis.facts import Fact, Source
from thesis.portfolio.spec import Scenario

__all__ = [
    "COVER_DAYS",
    "DEFAULT_PROXIES",
    "PROXY_RULES",
    "TLT_DURATION",
    "ProxyRule",
    "StressResult",
    "duration_proxy_level",
    "monthly_window_return",
    "small_cap_proxy_level",
    "stress_test",
    "window_return",
]

COVER_DAYS = 7
#: years; the effective duration TLT (20+ year Treasuries) has typically had, used for its proxy
TLT_DURATION = 17.0
#: sessions per year in the carry term of the duration proxy
_SESSIONS = 252


def window_return(prices: pd.Series, start: dt.date, end: dt.date) -> float | None:
    """Return over ``[start, end]`` (decimal), or None when the series does not cover both ends."""
    s = prices.dropna()
    a = s.loc[: pd.Timestamp(start)]
    b = s.loc[: pd.Timestamp(end)]
    if a.empty or b.empty:
        return None
    tol = pd.Timedelta(days=COVER_DAYS)
    if pd.Timestamp(start) - a.index[-1] > tol or pd.Timestamp(end) - b.index[-1] > tol:
        return None
    return float(b.iloc[-1] / a.iloc[-1] - 1.0)


def small_cap_proxy_level(mkt_rf: pd.Series, rf: pd.Series, smb: pd.Series) -> pd.Series:
    """A small-cap total-return level from Fama-French daily factors: market plus the SMB tilt.

    Daily return ``r_t = (Mkt-RF_t + RF_t + SMB_t) / 100``: the market's total return plus the
    small-minus-big spread, an approximation of a small-cap index (it is long the average of the
    small portfolios' excess over the big ones, not the Russell 2000 itself).

    Parameters
    ----------
    mkt_rf, rf, smb
        Daily factor returns in percent per day, indexed by date (joined on common dates).

    Returns
    -------
    pandas.Series
        Level (growth of 1 before the first day), one value per common date.
    """
    f = pd.concat([mkt_rf, rf, smb], axis=1, join="inner").dropna()
    r = f.sum(axis=1) / 100.0
    return (1.0 + r).cumprod()


def duration_proxy_level(yield_pct: pd.Series, duration: float = TLT_DURATION) -> pd.Series:
    """A long-Treasury total-return level from a daily yield, at constant duration.

    ``r_t = y_{t−1} / 252 / 100 − D · (y_t − y_{t−1}) / 100``: a day's carry at yesterday's yield
    plus the first-order price change of a bond of duration ``D`` years (convexity ignored, the
    10-year yield standing in for the 20+ year curve).

    Parameters
    ----------
    yield_pct
        Daily yield in % p.a., indexed by date (days without a value are dropped).
    duration
        Duration in years (default :data:`TLT_DURATION`).

    Returns
    -------
    pandas.Series
        Level, 1 on the first date.
    """
    y = yield_pct.dropna().astype(float)
    r = (y.shift(1) / _SESSIONS / 100.0 - duration * y.diff() / 100.0).fillna(0.0)
    return (1.0 + r).cumprod()


def monthly_window_return(
    monthly: pd.Series, start: dt.date, end: dt.date, as_of: dt.date
) -> float | None:
    """Return from the month that contains ``start`` to the month that contains ``end`` (decimal).

    For a series of monthly averages dated on the month's first day. Coarse: each end is a month's
    average, not the day's close. None when either month is missing or the end month is not over by
    ``as_of`` (its average would use days after ``as_of``).
    """
    s = monthly.dropna()
    months = date_index(s, "monthly").to_period("M")
    p0, p1 = pd.Period(start, "M"), pd.Period(end, "M")
    if p1.end_time.normalize() > pd.Timestamp(as_of):
        return None
    a, b = s[months == p0], s[months == p1]
    if a.empty or b.empty:
        return None
    return float(b.iloc[-1] / a.iloc[-1] - 1.0)


@dataclass(frozen=True)
class ProxyRule:
    """A built-in proxy for an instrument before its first date.

    Attributes
    ----------
    name
        Short name shown in the output ("Fama-French market + SMB").
    series
        The store series it needs, all of them (ids).
    method
        What it is and how it is computed, in words (goes into the facts' method text).
    returns
        ``(frame of the series, start, end, as_of) → decimal return or None``.
    """

    name: str
    series: tuple[str, ...]
    method: str
    returns: Callable[[pd.DataFrame, dt.date, dt.date, dt.date], float | None]


def _small_cap_return(f: pd.DataFrame, start: dt.date, end: dt.date, _: dt.date) -> float | None:
    lvl = small_cap_proxy_level(f["ff3_mkt_rf_d"], f["ff3_rf_d"], f["ff3_smb_d"])
    return window_return(lvl, start, end)


def _long_treasury_return(
    f: pd.DataFrame, start: dt.date, end: dt.date, _: dt.date
) -> float | None:
    return window_return(duration_proxy_level(f["ust10y"]), start, end)


def _gold_return(f: pd.DataFrame, start: dt.date, end: dt.date, as_of: dt.date) -> float | None:
    return monthly_window_return(f["gold_monthly"], start, end, as_of)


#: the built-in proxies, by rule name
PROXY_RULES: dict[str, ProxyRule] = {
    "small_cap": ProxyRule(
        "Fama-French market + SMB",
        ("ff3_mkt_rf_d", "ff3_rf_d", "ff3_smb_d"),
        "Fama-French daily market return (Mkt-RF + RF) plus the small-minus-big factor (SMB), "
        "compounded: the small-cap tilt on the market, an approximation of a small-cap index",
        _small_cap_return,
    ),
    "long_treasury": ProxyRule(
        f"10-year yield at duration {TLT_DURATION:g}",
        ("ust10y",),
        "constant-duration bond on the daily 10-year Treasury yield: daily return "
        f"y(t-1)/252/100 - {TLT_DURATION:g}·(y(t) - y(t-1))/100, duration {TLT_DURATION:g} years "
        "(TLT's typical duration), convexity ignored; the 10-year yield stands in for 20+ year "
        "yields, so the proxy overstates the move when the curve steepens or flattens",
        _long_treasury_return,
    ),
    "gold": ProxyRule(
        "monthly gold price",
        ("gold_monthly",),
        "monthly average gold price (USD/oz), from the month containing the window's start to the "
        "month containing its end: coarse, month averages rather than daily closes",
        _gold_return,
    ),
}

#: instrument id → built-in proxy rule; used only for windows that start before the instrument's
#: first date (IWM 2000-05-26, TLT 2002-07-30, GLD 2004-11-18), when the rule's series are loaded.
#: Utilities (xlu, from 2005-02) have none: they stay a gap.
DEFAULT_PROXIES: dict[str, str] = {
    "iwm_tr": "small_cap",
    "iwm": "small_cap",
    "tlt_tr": "long_treasury",
    "tlt": "long_treasury",
    "gld_tr": "gold",
    "gld": "gold",
}


@dataclass(frozen=True)
class StressResult:
    """Losses by scenario and sleeve.

    Attributes
    ----------
    table
        One row per scenario with any coverage: ``kind``, ``label``, ``basis``, ``start``, ``end``,
        ``description``, ``loss`` (decimal, positive = loss; of the covered part only when
        ``partial``), ``covered`` (fraction of the portfolio, cash included, with data or a proxy),
        ``partial`` (bool), ``gaps`` (ids, comma-separated), ``gap_weight`` (fraction),
        ``proxied`` (``inst→proxy``, comma-separated), ``proxy_methods`` (text).
    by_sleeve
        Scenario × sleeve loss contributions (decimal, positive = loss; NaN = the sleeve has no
        covered weight).
    sleeve_coverage
        Scenario × sleeve share of the sleeve's weight covered (fraction).
    instrument_returns
        Scenario × instrument returns used (decimal, after scale; NaN = gap).
    weights
        The weights replayed (fractions, by instrument).
    as_of
        The analysis date.
    sources
        Lineage of every series loaded.
    skipped
        Scenarios without a row, and why (window after ``as_of``, no data at all).
    used
        Scenario → the series ids its numbers used (for per-scenario lineage).
    """

    table: pd.DataFrame
    by_sleeve: pd.DataFrame
    instrument_returns: pd.DataFrame
    weights: pd.Series
    as_of: dt.date
    sources: tuple[Source, ...] = ()
    skipped: tuple[str, ...] = ()
    sleeve_coverage: pd.DataFrame | None = None
    used: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def to_frame(self) -> pd.DataFrame:
        """The table with ``loss.{sleeve}`` and ``coverage.{sleeve}`` columns (decimals)."""
        parts = [self.table, self.by_sleeve.add_prefix("loss.")]
        if self.sleeve_coverage is not None:
            parts.append(self.sleeve_coverage.add_prefix("coverage."))
        return pd.concat(parts, axis=1)

    def summary(self) -> str:
        """Markdown table: label, window, coverage, loss, loss by sleeve, gaps and proxies."""
        sl = list(self.by_sleeve.columns)
        lines = [
            "### Stress tests (today's weights)",
            "",
            "| scenario | window | coverage | loss | " + " | ".join(sl) + " | gaps | proxies |",
            "|---|---|---|---|" + "---|" * len(sl) + "---|---|",
        ]
        methods: dict[str, str] = {}
        for key, r in self.table.iterrows():
            name = str(key)  # scenario names index the table
            cells = " | ".join(_pct(self.by_sleeve[s].loc[name]) for s in sl)
            gap = (
                f"{r['gaps']} ({r['gap_weight'] * 100:.1f} % of the portfolio)"
                if r["gaps"]
                else "–"
            )
            star = "*" if r["partial"] else ""
            lines.append(
                f"| {r['label']} | {r['start']}..{r['end']} | {r['covered'] * 100:.1f} % | "
                f"{_pct(r['loss'])}{star} | {cells} | {gap} | {r['proxied'] or '–'} |"
            )
            for m in filter(None, str(r["proxy_methods"]).split("; ")):
                methods.setdefault(m.split(":")[0], m)
        if self.table["partial"].astype(bool).any():
            lines += ["", "\\* partial: the loss of the covered part only; gaps are not counted."]
        if methods:
            lines += ["", "Proxies:", *[f"- {m}" for m in methods.values()]]
        if self.skipped:
            lines += ["", *[f"- {s}" for s in self.skipped]]
        return "\n".join(lines)

    def _lineage(self, name: str) -> tuple[Source, ...]:
        used = dict(self.used).get(name)
        if used is None:
            return self.sources
        return tuple(s for s in self.sources if s.series in used)

    def facts(self) -> list[Fact]:
        """Per scenario: ``stress.{scenario}.label``, ``.basis`` (label), ``.start``, ``.end`` (date),
        ``.coverage_pct``, ``.partial``, ``.loss_pct``; per covered sleeve: ``stress.{scenario}.{sleeve}.loss_pct`` and
        ``.coverage_pct``."""
        out = []
        as_of = self.as_of.isoformat()
        for key, r in self.table.iterrows():
            name = str(key)  # scenario names index the table
            cov = float(r["covered"])
            if cov <= 0 or not np.isfinite(r["loss"]):
                continue
            lab = str(r["label"])
            lin = self._lineage(name)
            is_partial = bool(r["partial"])
            how = (
                f"{lab}: {r['basis']}; today's weights × each instrument's return over "
                f"{r['start']}..{r['end']}"
                + (f" × {r['scale']:g}" if r.get("scale", 1.0) != 1.0 else "")
                + f"; covers {cov * 100:.1f} % of the portfolio"
                + (
                    f"; loss of the covered part only (gaps, no data and no proxy: {r['gaps']}, "
                    f"{r['gap_weight'] * 100:.1f} % of the portfolio, not counted)"
                    if is_partial
                    else ""
                )
                + (f"; proxies: {r['proxy_methods']}" if r["proxied"] else "")
            )

            fact = partial(_fact, as_of=as_of, method=how, lineage=lin)

            out += [
                fact(
                    f"stress.{name}.label",
                    lab,
                    "label",
                    f"name of the stress scenario {name}",
                    None,
                ),
                fact(
                    f"stress.{name}.basis",
                    str(r["basis"]),
                    "label",
                    f"calibration episode of the {lab} scenario",
                    None,
                ),
                fact(
                    f"stress.{name}.start",
                    str(r["start"]),
                    "date",
                    f"first day of the {lab} scenario's window",
                    None,
                ),
                fact(
                    f"stress.{name}.end",
                    str(r["end"]),
                    "date",
                    f"last day of the {lab} scenario's window",
                    None,
                ),
                fact(
                    f"stress.{name}.coverage_pct",
                    cov * 100,
                    "pct",
                    f"share of the portfolio with data or a proxy in the {lab} scenario",
                    1,
                ),
                fact(
                    f"stress.{name}.partial",
                    is_partial,
                    "bool",
                    f"the {lab} scenario covers only part of the portfolio",
                    None,
                ),
                fact(
                    f"stress.{name}.loss_pct",
                    float(r["loss"]) * 100,
                    "pct",
                    f"portfolio loss in the {lab} scenario"
                    + (f" (covered {cov * 100:.1f} % only)" if is_partial else ""),
                    1,
                ),
            ]
            for s in self.by_sleeve.columns:
                v = self.by_sleeve[s].loc[name]
                if not np.isfinite(v):
                    continue  # no covered weight in this sleeve: no number, not a fake 0
                sc = (
                    float(self.sleeve_coverage[s].loc[name])
                    if self.sleeve_coverage is not None
                    else 1.0
                )
                out += [
                    fact(
                        f"stress.{name}.{s}.loss_pct",
                        float(v) * 100,
                        "pct",
                        f"{s.replace('_', ' ')} sleeve's share of the loss in the {lab} scenario",
                        1,
                    ),
                    fact(
                        f"stress.{name}.{s}.coverage_pct",
                        sc * 100,
                        "pct",
                        f"share of the {s.replace('_', ' ')} sleeve with data or a proxy in the "
                        f"{lab} scenario",
                        1,
                    ),
                ]
        return out


def _fact(
    fid: str,
    value: float | bool | str,
    unit: str,
    label: str,
    decimals: int | None,
    *,
    as_of: str,
    method: str,
    lineage: tuple[Source, ...],
) -> Fact:
    return Fact(fid, value, unit, as_of, method, lineage=lineage, label=label, decimals=decimals)


def _pct(x: float) -> str:
    return f"{x * 100:.1f} %" if np.isfinite(x) else "n/a"


def stress_test(
    weights: pd.Series,
    sleeve_of: dict[str, str],
    prices: pd.DataFrame,
    scenarios: list[Scenario],
    as_of: dt.date,
    proxies: dict[str, str] | None = None,
    *,
    default_proxies: bool = True,
) -> StressResult:
    """Replay ``weights`` through each scenario.

    Parameters
    ----------
    weights
        Instrument → weight (fractions of the portfolio; cash is the rest, ``1 − Σ w``).
    sleeve_of
        Instrument → sleeve name.
    prices
        Full price history, dates × series (instruments, proxies and the built-in proxies' series),
        as known at ``as_of``.
    scenarios
        The windows (see :class:`~thesis.portfolio.spec.Scenario`).
    as_of
        The analysis date; windows ending after it are skipped.
    proxies
        Instrument → proxy series id used where the instrument is not covered (wins over the
        built-in ones).
    default_proxies
        Use :data:`DEFAULT_PROXIES` for windows before an instrument's first date, where the rule's
        series are columns of ``prices``.
    """
    proxies = proxies or {}
    sleeves = list(dict.fromkeys(sleeve_of[i] for i in weights.index))
    cash = max(0.0, 1.0 - float(weights.sum()))
    firsts = {i: (prices[i].first_valid_index() if i in prices else None) for i in weights.index}
    rules = {
        i: PROXY_RULES[DEFAULT_PROXIES[i]]
        for i in weights.index
        if default_proxies
        and i not in proxies
        and i in DEFAULT_PROXIES
        and all(c in prices for c in PROXY_RULES[DEFAULT_PROXIES[i]].series)
    }
    rows, by_sleeve, sl_cov, rets, skipped, used = {}, {}, {}, {}, [], []
    for sc in scenarios:
        if pd.Timestamp(sc.end) > pd.Timestamp(as_of):
            skipped.append(f"{sc.name}: window ends {sc.end}, after as_of {as_of}; skipped")
            continue
        r_inst: dict[str, float] = {}
        gaps, proxied, methods, series_used = [], [], [], []
        for inst in weights.index:
            r = window_return(prices[inst], sc.start, sc.end) if inst in prices else None
            src = [inst]
            if r is None and inst in proxies and proxies[inst] in prices:
                r = window_return(prices[proxies[inst]], sc.start, sc.end)
                if r is not None:
                    proxied.append(f"{inst}→{proxies[inst]}")
                    methods.append(f"{inst}→{proxies[inst]}: explicit proxy series")
                    src = [proxies[inst]]
            first = firsts[inst]
            if r is None and inst in rules and (first is None or pd.Timestamp(sc.start) < first):
                rule = rules[inst]
                r = rule.returns(prices[list(rule.series)], sc.start, sc.end, as_of)
                if r is not None:
                    proxied.append(f"{inst}→{rule.name}")
                    methods.append(f"{inst}→{rule.name}: {rule.method}")
                    src = list(rule.series)
            if r is None:
                if weights[inst] > 0:
                    gaps.append(inst)
                r_inst[inst] = np.nan
            else:
                r_inst[inst] = r * sc.scale
                series_used += src
        rv = pd.Series(r_inst, dtype=float)
        ok = rv.notna()
        w_cov = float(weights[ok].sum())
        rets[sc.name] = rv
        if w_cov <= 0:
            skipped.append(
                f"{sc.name} ({sc.label}): no instrument has data or a proxy in "
                f"{sc.start}..{sc.end} ({', '.join(gaps) or 'no weight'}); no loss computed"
            )
            continue
        covered = w_cov + cash
        contrib = weights[ok] * rv[ok]
        rows[sc.name] = {
            "kind": sc.kind,
            "label": sc.label,
            "basis": sc.basis,
            "start": sc.start.isoformat(),
            "end": sc.end.isoformat(),
            "scale": sc.scale,
            "description": sc.description,
            "loss": -float(contrib.sum()) / covered,
            "covered": covered,
            "partial": covered < 1.0 - 1e-9,
            "gaps": ", ".join(gaps),
            "gap_weight": float(weights[~ok].sum()),
            "proxied": ", ".join(proxied),
            "proxy_methods": "; ".join(methods),
        }
        bs, cs = {}, {}
        for s in sleeves:
            members = [i for i in weights.index if sleeve_of[i] == s]
            w_s = float(weights[members].sum())
            w_s_cov = float(weights[[i for i in members if ok[i]]].sum())
            cs[s] = w_s_cov / w_s if w_s > 0 else np.nan
            bs[s] = (
                -float(contrib[[i for i in members if ok[i]]].sum()) / covered
                if w_s_cov > 0
                else np.nan
            )
        by_sleeve[sc.name], sl_cov[sc.name] = bs, cs
        used.append((sc.name, tuple(dict.fromkeys(series_used))))
    cols = list(_COLUMNS)
    table = pd.DataFrame.from_dict(rows, orient="index") if rows else pd.DataFrame(columns=cols)
    return StressResult(
        table=table,
        by_sleeve=pd.DataFrame.from_dict(by_sleeve, orient="index", columns=sleeves).astype(float),
        instrument_returns=pd.DataFrame(rets).T,
        weights=weights,
        as_of=as_of,
        sources=tuple(prices.attrs.get("sources", ())),
        skipped=tuple(skipped),
        sleeve_coverage=pd.DataFrame.from_dict(sl_cov, orient="index", columns=sleeves).astype(
            float
        ),
        used=tuple(used),
    )


_COLUMNS = (
    "kind",
    "label",
    "basis",
    "start",
    "end",
    "scale",
    "description",
    "loss",
    "covered",
    "partial",
    "gaps",
    "gap_weight",
    "proxied",
    "proxy_methods",
)
