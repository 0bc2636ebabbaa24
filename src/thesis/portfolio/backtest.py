"""The thesis portfolio end to end: read prices from the store, schedule targets, backtest, benchmarks.

Benchmarks run through the same engine with the same costs and rebalance calendar: the S&P 500
alone (``benchmarks.equity``) and 60/40 equity/bond (``benchmarks.equity`` and ``benchmarks.bond``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from thesis.errors import PortfolioError, SeriesNotFoundError, nearest
from thesis.facts import Fact, Source
from thesis.portfolio.allocation import Schedule, build_schedule, rebalance_dates
from thesis.portfolio.engine import BacktestResult, run_backtest
from thesis.portfolio.spec import PortfolioSpec

__all__ = ["PortfolioRun", "load_prices", "run_portfolio", "run_stress"]


def load_prices(
    store: Any, ids: list[str], as_of: Any, keys: dict[str, str] | None = None
) -> tuple[pd.DataFrame, list[str]]:
    """Read ``ids`` as of ``as_of`` into dates × ids (outer join) and list the price-only ones.

    ``keys`` maps an id to the TOML key that named it, for error messages. Unknown ids raise a
    :class:`PortfolioError` naming the key and the nearest ids in the store.
    """
    parts, sources, price_only = [], [], []
    for s in ids:
        where = (keys or {}).get(s, "portfolio")
        if not store.has(s):
            hint = nearest(s, store.series_ids())
            raise PortfolioError(
                f"unknown instrument {s!r}"
                + (f"; nearest ids in the store: {', '.join(hint)}" if hint else ""),
                where=where,
                fix="use an id from `thesis data list`, or import the series (`thesis data import PATH`)",
            )
        try:
            x = store.get(s, as_of=as_of)
        except SeriesNotFoundError as e:  # pragma: no cover - has() said yes
            raise PortfolioError(str(e), where=where) from e
        except Exception as e:
            if type(e).__name__ == "DataError":
                raise PortfolioError(
                    f"instrument {s!r} has no data on or before as_of {as_of}: {e}",
                    where=where,
                    fix="choose a later as_of or an instrument with longer history",
                ) from e
            raise
        parts.append(x.rename(s))
        sources.append(x.attrs.get("source"))
        if not store.info(s).total_return:
            price_only.append(s)
    df = pd.concat(parts, axis=1, join="outer").sort_index()
    df.attrs["sources"] = tuple(x for x in sources if x is not None)
    return df, price_only


@dataclass(frozen=True)
class PortfolioRun:
    """A backtest of the thesis portfolio with its benchmarks.

    Attributes
    ----------
    portfolio
        The portfolio's :class:`BacktestResult`.
    benchmarks
        ``{"sp500": ..., "6040": ...}`` for those configured (same engine, costs and calendar).
    schedule
        The targets per rebalance date.
    spec
        The portfolio definition used.
    as_of
        The analysis date.
    price_only
        Instruments whose series include no dividends (returns understate total return).
    """

    portfolio: BacktestResult
    benchmarks: dict[str, BacktestResult]
    schedule: Schedule
    spec: PortfolioSpec
    as_of: dt.date
    price_only: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    stress: Any = None  # thesis.portfolio.stress.StressResult, when computed

    @property
    def notes(self) -> tuple[str, ...]:
        """What the run had to decide (entries, fallbacks, price-only series, skipped scenarios)."""
        return self.portfolio.notes + (
            tuple(self.stress.skipped) if self.stress is not None else ()
        )

    @property
    def charts(self) -> dict[str, pd.DataFrame]:
        """Data for the article's charts: ``equity`` (growth of 1, portfolio and benchmarks), ``stress``."""
        out = {"equity": self.to_frame()}
        if self.stress is not None and len(self.stress.table):
            out["stress"] = self.stress.to_frame()
        return out

    @cached_property
    def current_weights(self) -> pd.Series:
        """Weights at the last close (fractions), by instrument."""
        return self.portfolio.weights.iloc[-1]

    def sleeve_weights(self) -> pd.Series:
        """Weights at the last close by sleeve (fractions)."""
        sl = self.spec.sleeve_of()
        w = self.current_weights
        return (
            pd.Series(
                {n: float(sum(w[i] for i in s.instruments)) for n, s in self.spec.sleeves.items()},
                name="weight",
            )
            if sl
            else w
        )

    def performance(self) -> pd.DataFrame:
        """Metrics of the portfolio and benchmarks side by side (rows: measures)."""
        from thesis.portfolio.metrics import performance

        bench = self._sp500_returns()
        out = {}
        for name, res in {"portfolio": self.portfolio, **self.benchmarks}.items():
            out[name] = performance(
                res.returns,
                benchmark=bench,
                turnover=res.turnover,
                costs=res.costs,
                equity=res.equity,
            ).to_dict()
        return pd.DataFrame(out)

    def _sp500_returns(self) -> pd.Series | None:
        b = self.benchmarks.get("sp500")
        return b.returns if b is not None else None

    def summary(self) -> str:
        perf = self.performance()
        lines = [
            f"### Portfolio backtest ({self.portfolio.start.date()} to {self.portfolio.end.date()}, "
            f"costs {self.portfolio.costs_bp:g} bp)",
            "",
            "| measure | " + " | ".join(perf.columns) + " |",
            "|---|" + "---|" * len(perf.columns),
        ]
        for m in ("cagr", "vol_ann", "sharpe", "max_drawdown", "calmar", "turnover_ann"):
            vals = perf.loc[m]
            fmt = (
                (lambda v: f"{v:.2f}")
                if m in ("sharpe", "calmar")
                else (lambda v: f"{v * 100:.2f} %")
            )
            lines.append(f"| {m} | " + " | ".join(fmt(float(v)) for v in vals) + " |")
        sw = self.sleeve_weights()
        lines += ["", "Weights now: " + ", ".join(f"{n} {v * 100:.1f} %" for n, v in sw.items())]
        if self.price_only:
            lines.append(f"Price-only series (no dividends): {', '.join(self.price_only)}")
        notes = self.portfolio.notes
        if notes:
            lines += ["", "Notes:", *[f"- {n}" for n in notes]]
        return "\n".join(lines)

    def to_frame(self) -> pd.DataFrame:
        """Daily equity of the portfolio and each benchmark."""
        return pd.DataFrame(
            {
                "portfolio": self.portfolio.equity,
                **{f"benchmark.{k}": v.equity for k, v in self.benchmarks.items()},
            }
        )

    def facts(self) -> list[Fact]:
        """``portfolio.*``, ``benchmark.sp500.*``, ``benchmark.6040.*`` and ``portfolio.weight.{sleeve}``."""
        as_of = self.as_of.isoformat()
        bench = self._sp500_returns()
        out = self.portfolio.facts(as_of, "portfolio", benchmark=bench)
        for k, res in self.benchmarks.items():
            out += res.facts(as_of, f"benchmark.{k}", benchmark=bench)
        for n, v in self.sleeve_weights().items():
            out.append(
                Fact(
                    id=f"portfolio.weight.{n}",
                    value=float(v) * 100.0,
                    unit="pct",
                    as_of=as_of,
                    method=f"weight of sleeve {n} at the close of {self.portfolio.end.date()}",
                    lineage=self.sources,
                    label=f"weight of the {n.replace('_', ' ')} sleeve",
                    decimals=1,
                )
            )
        if self.stress is not None:
            out += self.stress.facts()
        return out


def _default_start(prices: pd.DataFrame, spec: PortfolioSpec, end: pd.Timestamp) -> pd.Timestamp:
    """First session by which every instrument has entered (a price, plus the estimation window)."""
    idx = prices.index[prices.index <= end]
    # W returns strictly before the first rebalance need W + 1 prices before it, plus its own
    need = spec.estimation.sessions + 2 if spec.needs_estimation else 1
    firsts = []
    for c in prices.columns:
        pos = np.flatnonzero(prices[c].loc[idx].notna().to_numpy())
        if len(pos) < need:
            have = len(pos)
            key = f"portfolio.sleeves.{spec.sleeve_of().get(c, '?')}.instruments"
            if have == 0:
                raise PortfolioError(
                    f"instrument {c!r} has no data on or before {end.date()}",
                    where=key,
                    fix="remove it or move the window to where it has data",
                )
            raise PortfolioError(
                f"instrument {c!r} has {have} sessions of data up to {end.date()}, fewer than the "
                f"{need} needed (estimation.sessions = {need - 2} returns before the first rebalance)",
                where="portfolio.estimation.sessions",
                fix=f"lower estimation.sessions to at most {have - 2}, use a method that needs no "
                "estimation (equal, fixed), or import longer history",
            )
        firsts.append(pos[need - 1])
    return idx[max(firsts)]


def run_portfolio(
    spec: PortfolioSpec,
    store: Any,
    as_of: Any,
    *,
    start: Any = None,
    end: Any = None,
    costs_bp: float | None = None,
    solver_params: dict[str, Any] | None = None,
    stress: bool = True,
    rng: np.random.Generator | None = None,
) -> PortfolioRun:
    """Backtest the portfolio of ``spec`` on data from ``store`` known at ``as_of``.

    Parameters
    ----------
    start, end
        The backtest window (default: the first session at which every instrument has entered, and
        ``as_of``). Sessions before ``start`` feed the estimation window only.
    costs_bp
        Overrides ``spec.costs_bp``.
    stress
        Also replay the final weights through the spec's stress scenarios (facts ``stress.*``).
    rng
        Accepted for the pipeline's uniform call; the backtest uses no randomness.
    """
    as_of_d = pd.Timestamp(as_of).normalize()
    keys = {i: f"portfolio.sleeves.{n}.instruments" for i, n in spec.sleeve_of().items()}
    prices, price_only = load_prices(store, spec.instruments, as_of_d, keys)
    bm = spec.benchmarks
    bench_ids = [b for b in (bm.equity, bm.bond) if b and b not in prices.columns]
    bprices, b_price_only = (
        load_prices(store, bench_ids, as_of_d, {b: "portfolio.benchmarks" for b in bench_ids})
        if bench_ids
        else (pd.DataFrame(index=prices.index), [])
    )
    end_t = min(pd.Timestamp(end or spec.end or as_of_d), as_of_d)
    start_given = start or spec.start
    for c in prices.columns:
        s = prices[c].dropna()
        lo = pd.Timestamp(start_given) if start_given else s.index.min()
        if s.loc[lo:end_t].empty:
            span = f"{s.index.min().date()}..{s.index.max().date()}" if len(s) else "nothing"
            raise PortfolioError(
                f"instrument {c!r} has no data in the window {lo.date()}..{end_t.date()} (it covers {span})",
                where=keys[c],
                fix="remove it, replace it with a proxy that has data, or move --start/--end",
            )
    start_t = pd.Timestamp(start_given) if start_given else _default_start(prices, spec, end_t)
    sessions = prices.index[(prices.index >= start_t) & (prices.index <= end_t)]
    if len(sessions) < 2:
        raise PortfolioError(
            f"the window {start_t.date()}..{end_t.date()} holds {len(sessions)} session(s)",
            where="portfolio.start/end",
            fix="widen the window",
        )
    if spec.needs_estimation:
        before = int((prices.index < sessions[0]).sum())
        if before < spec.estimation.sessions and len(sessions) <= spec.estimation.sessions:
            raise PortfolioError(
                f"the backtest window ({len(sessions)} sessions) and the history before it ({before}) are "
                f"shorter than the estimation window ({spec.estimation.sessions} sessions)",
                where="portfolio.estimation.sessions",
                fix=f"lower estimation.sessions below {max(before, len(sessions))}, start later, or import "
                "longer history",
            )
    schedule = build_schedule(prices, spec, sessions, solver_params=solver_params)
    if not (schedule.targets.sum(axis=1) > 0).any():
        raise PortfolioError(
            f"no instrument could enter between {start_t.date()} and {end_t.date()}",
            where="portfolio.estimation.sessions",
            fix="start later, lower estimation.sessions, or import longer history",
        )
    c_bp = spec.costs_bp if costs_bp is None else float(costs_bp)
    notes = list(schedule.notes)
    if price_only:
        notes.append(
            f"price-only series (dividends missing, returns understated): {', '.join(price_only)}"
        )
    px = prices.loc[sessions]
    px.attrs["sources"] = prices.attrs["sources"]
    band = spec.rebalance.drift_band
    port = run_backtest(
        px, schedule.targets, costs_bp=c_bp, drift_band=band, name="portfolio", notes=tuple(notes)
    )
    allp = pd.concat([prices, bprices], axis=1)
    allp = allp.loc[:, ~allp.columns.duplicated()]
    benches: dict[str, BacktestResult] = {}
    dates = rebalance_dates(sessions, spec.rebalance.frequency)
    for key, mix in (("sp500", {bm.equity: 1.0}), ("6040", {bm.equity: 0.6, bm.bond: 0.4})):
        if any(k is None for k in mix) or (key == "6040" and bm.bond is None):
            continue
        bp = allp.loc[sessions, list(mix)]
        if bp.iloc[0].isna().any():
            missing = [c for c in mix if pd.isna(bp[c].iloc[0])]
            notes.append(f"benchmark {key} skipped: {missing} has no price on {sessions[0].date()}")
            continue
        t = pd.DataFrame([list(mix.values())] * len(dates), index=dates, columns=list(mix))
        bsrc = tuple(
            s
            for s in (prices.attrs["sources"] + bprices.attrs.get("sources", ()))
            if s.series in mix
        )
        bp.attrs["sources"] = bsrc
        benches[key] = run_backtest(bp, t, costs_bp=c_bp, drift_band=band, name=f"benchmark.{key}")
    if len(notes) != len(port.notes):
        port = dataclasses.replace(port, notes=tuple(notes))
    run = PortfolioRun(
        portfolio=port,
        benchmarks=benches,
        schedule=schedule,
        spec=spec,
        as_of=as_of_d.date(),
        price_only=tuple(price_only + [b for b in b_price_only if b not in price_only]),
        sources=tuple(prices.attrs["sources"]),
    )
    if stress:
        run = dataclasses.replace(run, stress=run_stress(run, store))
    return run


def run_stress(run: PortfolioRun, store: Any) -> Any:
    """Stress today's weights of ``run`` through its spec's scenarios (proxies read from ``store``).

    Explicit proxies (``[portfolio.stress] proxies``) must exist in the store. The built-in proxies'
    series (:data:`thesis.portfolio.stress.DEFAULT_PROXIES`) are read when the store has them with
    data on or before ``as_of``; when it does not, that instrument stays a stated gap.
    """
    from thesis.portfolio.stress import DEFAULT_PROXIES, PROXY_RULES, stress_test

    spec = run.spec
    ids = list(dict.fromkeys(spec.instruments + [p for p in spec.stress.proxies.values()]))
    keys = {i: "portfolio.stress.proxies" for i in spec.stress.proxies.values()}
    keys.update({i: f"portfolio.sleeves.{n}.instruments" for i, n in spec.sleeve_of().items()})
    as_of = pd.Timestamp(run.as_of)
    prices, _ = load_prices(store, ids, as_of, keys)
    if spec.stress.default_proxies:
        want = [
            sid
            for i in spec.instruments
            if i in DEFAULT_PROXIES and i not in spec.stress.proxies
            for sid in PROXY_RULES[DEFAULT_PROXIES[i]].series
            if sid not in prices.columns
        ]
        extra = _load_optional(store, list(dict.fromkeys(want)), as_of)
        if extra:
            sources = prices.attrs["sources"]
            prices = pd.concat([prices, *extra], axis=1, join="outer").sort_index()
            prices.attrs["sources"] = sources + tuple(
                x.attrs["source"] for x in extra if x.attrs.get("source") is not None
            )
    w = run.current_weights[spec.instruments]
    return stress_test(
        w,
        spec.sleeve_of(),
        prices,
        spec.stress.all(),
        run.as_of,
        spec.stress.proxies,
        default_proxies=spec.stress.default_proxies,
    )


def _load_optional(store: Any, ids: list[str], as_of: pd.Timestamp) -> list[pd.Series]:
    """The series of ``ids`` the store has with data on or before ``as_of`` (others left out)."""
    from thesis.errors import DataError

    out = []
    for s in ids:
        if not store.has(s):
            continue
        try:
            x = store.get(s, as_of=as_of)
        except (DataError, SeriesNotFoundError):
            continue  # no data by as_of: the instrument stays a gap, which the output states
        if len(x.dropna()):
            src = x.attrs.get("source")
            x = x.rename(s)
            x.attrs["source"] = src
            out.append(x)
    return out
