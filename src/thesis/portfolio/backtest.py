"""The thesis portfolio end to end: read prices from the store, schedule targets, backtest, benchmarks.

Benchmarks run through the same engine with the same costs and rebalance calendar: the S&P 500
alone (``benchmarks.equity``) and 60/40 equity/bond (``benchmarks.equity`` and ``benchmarks.bond``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import pandas as pd

from thesis.analysis._common import date_index
from thesis.errors import PortfolioError, SeriesNotFoundError, nearest
from thesis.facts import Fact, Source
from thesis.portfolio.allocation import Schedule, build_schedule, rebalance_dates, schedule_dates
from thesis.portfolio.engine import BacktestResult, run_backtest
from thesis.portfolio.spec import PortfolioSpec

if TYPE_CHECKING:
    from thesis._types import DateLike
    from thesis.data.store import Store
    from thesis.data.view import StoreView
    from thesis.portfolio.stress import StressResult
    from thesis.screen.spec import ThemeSpec

__all__ = ["PortfolioRun", "load_prices", "run_portfolio", "run_stress"]


def _view(store: Store | StoreView, as_of: DateLike) -> StoreView:
    """``store.view(as_of)`` for a store; a view is used as it is."""
    return store.view(as_of) if hasattr(store, "view") else store


def _base_store(store: Store | StoreView) -> Store:
    from thesis.data.view import StoreView

    return store.store if isinstance(store, StoreView) else store


def load_prices(
    store: Store | StoreView, ids: list[str], as_of: DateLike, keys: dict[str, str] | None = None
) -> tuple[pd.DataFrame, list[str]]:
    """Read ``ids`` as public on ``as_of`` (through ``store.view``) into dates × ids (outer join)
    and list the price-only ones.

    ``store`` is a :class:`~thesis.data.store.Store` or a :class:`~thesis.data.view.StoreView`.
    ``keys`` maps an id to the TOML key that named it, for error messages. Unknown ids raise a
    :class:`PortfolioError` naming the key and the nearest ids in the store.
    """
    from thesis.errors import DataError

    view = _view(store, as_of)
    parts, sources, price_only = [], [], []
    for s in ids:
        where = (keys or {}).get(s, "portfolio")
        if not view.has(s):
            hint = nearest(s, view.series_ids())
            raise PortfolioError(
                f"unknown instrument {s!r}"
                + (f"; nearest ids in the store: {', '.join(hint)}" if hint else ""),
                where=where,
                fix="use an id from `thesis data list`, or import the series (`thesis data import PATH`)",
            )
        try:
            x = view.get(s)
        except SeriesNotFoundError as e:  # pragma: no cover - has() said yes
            raise PortfolioError(str(e), where=where) from e
        except DataError as e:
            raise PortfolioError(
                f"instrument {s!r} has no data on or before as_of {pd.Timestamp(as_of).date()}: "
                f"{e.what}",
                where=where,
                fix="choose a later as_of or an instrument with longer history",
            ) from e
        src = x.attrs.get("source")
        x = x.rename(s)
        parts.append(x)
        sources.append(src)
        if not view.info(s).total_return:
            price_only.append(s)
    df = pd.concat(parts, axis=1, join="outer").sort_index() if parts else pd.DataFrame()
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
    stress: StressResult | None = None  # when computed
    #: screen sleeve → screening date → the tickers it held from then
    members: dict[str, dict[pd.Timestamp, list[str]]] = dataclasses.field(default_factory=dict)
    #: ticker of a screened stock → the store series its prices start from
    screen_series: dict[str, str] = dataclasses.field(default_factory=dict)
    #: instrument → its last close, for those whose data end before the backtest does
    ends: dict[str, pd.Timestamp] = dataclasses.field(default_factory=dict)

    def sleeve_of(self) -> dict[str, str]:
        """Every priced column → its sleeve (a screened stock: the screen sleeve that held it)."""
        out = dict(self.spec.sleeve_of())
        for sleeve, by_date in self.members.items():
            for tickers in by_date.values():
                for t in tickers:
                    out.setdefault(t, sleeve)
        return out

    def current_members(self) -> dict[str, list[str]]:
        """Each screen sleeve's members from its last screening date."""
        return {n: by[max(by)] if by else [] for n, by in self.members.items()}

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
        sl = self.sleeve_of()
        w = self.current_weights
        return pd.Series(
            {
                n: float(sum(v for i, v in w.items() if sl.get(str(i)) == n))
                for n in self.spec.sleeves
            },
            name="weight",
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
            lines.append(f"| {m} | " + " | ".join(fmt(float(v)) for v in vals.to_numpy()) + " |")
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
        for sleeve, v in self.sleeve_weights().items():
            n = str(sleeve)  # sleeve names index the weights
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
        for n, tickers in self.current_members().items():
            scr = self.spec.sleeves[n].screen
            out.append(
                Fact(
                    f"portfolio.members.{n}",
                    ", ".join(tickers) if tickers else "none",
                    "label",
                    as_of,
                    f"stocks the screen of sleeve {n} chose at its last rebalance "
                    f"({scr.rule if scr else ''})",
                    self.sources,
                    f"members of the {n.replace('_', ' ')} sleeve",
                )
            )
        if self.stress is not None:
            out += self.stress.facts()
        return out


def _default_start(
    prices: pd.DataFrame, spec: PortfolioSpec, end: pd.Timestamp, screened: Sequence[str] = ()
) -> pd.Timestamp:
    """First session by which every named instrument has entered (a price, plus the estimation
    window) and, for screen sleeves, at least one candidate could."""
    idx = prices.index[prices.index <= end]
    # W returns strictly before the first rebalance need W + 1 prices before it, plus its own
    need = spec.estimation.sessions + 2 if spec.needs_estimation else 1
    firsts = []
    for c in spec.instruments:
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
    cand = [
        int(np.flatnonzero(prices[c].loc[idx].notna().to_numpy())[need - 1])
        for c in screened
        if prices[c].loc[idx].notna().sum() >= need
    ]
    if screened and not cand:
        raise PortfolioError(
            f"no stock a screen can choose has {need} sessions of prices by {end.date()}",
            where="portfolio.sleeves.*.screen.universe",
            fix="import the universe's prices, widen the universe, or lower estimation.sessions",
        )
    if cand:
        firsts.append(min(cand))
    return idx[max(firsts)]


def _screen_members(
    spec: PortfolioSpec,
    store: Store | StoreView,
    panels: dict[str, tuple[Any, Any, tuple[str, ...]]],
    prices: pd.DataFrame,
    dates: pd.DatetimeIndex,
) -> tuple[dict[str, dict[pd.Timestamp, list[str]]], list[str]]:
    """Each screen sleeve's members on each rebalance date, chosen on data up to the session
    before it (prices from the panel cut there; fundamentals and index membership as known then)."""
    from thesis.screen.screen import run_screen, screen_features
    from thesis.screen.universe import Universe

    base = _base_store(store)
    members: dict[str, dict[pd.Timestamp, list[str]]] = {n: {} for n in panels}
    notes: list[str] = []
    short: dict[str, list[pd.Timestamp]] = {}
    for d in dates:
        before = prices.index[prices.index < d]
        if len(before) == 0:
            for n in panels:
                members[n][d] = []
            continue
        prev = before[-1]
        view = base.view(prev)
        taken: set[str] = set()
        for n, (universe, panel, basket) in panels.items():
            sc = spec.sleeves[n].screen
            assert sc is not None
            m = universe.members
            if "date_added" in m.columns:
                added = pd.to_datetime(m["date_added"], errors="coerce")
                m = m[added.isna() | (added <= prev)]
            u = Universe(universe.name, m, prev, universe.notes)
            if len(u) == 0:
                members[n][d] = []
                continue
            fs = screen_features(
                view, u, index=sc.index, basket=basket, stale_limit=sc.stale_sessions, panel=panel
            )
            res = run_screen(
                fs, sc.rule, rank_by=sc.rank_by, descending=sc.descending,
                where=f"portfolio.sleeves.{n}.screen.rule",
            )  # fmt: skip
            ok = res.passed
            # only stocks with a current price can be bought
            pick = [t for t in ok.index if not bool(ok.loc[t, "stale"]) and t not in taken]
            pick = pick[: sc.top]
            taken.update(pick)
            members[n][d] = pick
            if len(pick) < sc.top:
                short.setdefault(n, []).append(d)
    for n, ds in short.items():
        sc = spec.sleeves[n].screen
        assert sc is not None  # only screen sleeves are screened
        notes.append(
            f"screen sleeve {n!r} found fewer than {sc.top} stocks "
            f"with a current price that pass on {len(ds)} of {len(dates)} rebalance dates "
            f"(first {ds[0].date()})"
        )
    return members, notes


def run_portfolio(
    spec: PortfolioSpec,
    store: Store | StoreView,
    as_of: DateLike,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
    costs_bp: float | None = None,
    solver_params: dict[str, Any] | None = None,
    stress: bool = True,
    rng: np.random.Generator | None = None,
    theme: ThemeSpec | None = None,
) -> PortfolioRun:
    """Backtest the portfolio of ``spec`` on data from ``store`` known at ``as_of``.

    Everything is read through ``store.view(as_of)``. An instrument whose data end before the
    backtest does is sold on the next session at its last close, with a note (never carried at a
    flat price). A screen sleeve is re-screened at every rebalance on data up to the session
    before it.

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
    theme
        The thesis's :class:`~thesis.screen.spec.ThemeSpec`, for screen sleeves whose universe is
        ``theme``.
    """
    from thesis.errors import ThesisError

    as_of_d = pd.Timestamp(as_of).normalize()
    view = _view(store, as_of_d)
    keys = {i: f"portfolio.sleeves.{n}.instruments" for i, n in spec.sleeve_of().items()}
    prices, price_only = load_prices(view, spec.instruments, as_of_d, keys)
    sources = tuple(prices.attrs.get("sources", ()))
    # ---- screen sleeves: candidates' prices (tickers as columns) from one read each
    panels: dict[str, tuple[Any, Any, tuple[str, ...]]] = {}
    screen_series: dict[str, str] = {}
    pre_notes: list[str] = []
    if spec.screens:
        from thesis.screen.panel import load_panel
        from thesis.screen.spec import AI_BASKET
        from thesis.screen.universe import resolve_universe

        for n, sc in spec.screens.items():
            where = f"portfolio.sleeves.{n}.screen.universe"
            try:
                u = resolve_universe(sc.universe, view, theme=theme, where=where)
            except ThesisError as e:
                raise PortfolioError(e.what, where=where, fix=e.fix) from e
            basket = tuple(sc.basket or (theme.basket if theme is not None else AI_BASKET))
            panel = load_panel(view, [*u.tickers, *basket], index=sc.index)
            panels[n] = (u, panel, basket)
            pre_notes += [f"screen sleeve {n!r}: {x}" for x in u.notes]
            cols = [t for t in u.tickers if t in panel.prices.columns and t not in prices.columns]
            if cols:
                prices = pd.concat([prices, panel.prices[cols]], axis=1).sort_index()
            for t in cols:
                screen_series[t] = panel.choices[t].series
            ext = sorted({panel.choices[t].extension or "" for t in cols} - {""})
            if ext:
                pre_notes.append(
                    f"screen sleeve {n!r}: prices after the primary files end come from "
                    f"lower-quality series ({', '.join(ext)})"
                )
            sources += tuple(x for x in panel.sources if x not in sources)
    prices.attrs["sources"] = sources
    screened = list(screen_series)
    bm = spec.benchmarks
    bench_ids = [b for b in (bm.equity, bm.bond) if b and b not in prices.columns]
    bprices, b_price_only = (
        load_prices(view, bench_ids, as_of_d, {b: "portfolio.benchmarks" for b in bench_ids})
        if bench_ids
        else (pd.DataFrame(index=prices.index), [])
    )
    end_t = min(pd.Timestamp(end or spec.end or as_of_d), as_of_d)
    start_given = start or spec.start
    for c in spec.instruments:
        s = prices[c].dropna()
        lo = pd.Timestamp(start_given) if start_given else s.index.min()
        if s.loc[lo:end_t].empty:
            span = f"{s.index.min().date()}..{s.index.max().date()}" if len(s) else "nothing"
            raise PortfolioError(
                f"instrument {c!r} has no data in the window {lo.date()}..{end_t.date()} (it covers {span})",
                where=keys[c],
                fix="remove it, replace it with a proxy that has data, or move --start/--end",
            )
    start_t = (
        pd.Timestamp(start_given) if start_given else _default_start(prices, spec, end_t, screened)
    )
    dates_all = date_index(prices, "prices")
    sessions = dates_all[(dates_all >= start_t) & (dates_all <= end_t)]
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
    # ---- instruments whose data end before the backtest does: sold, not carried flat
    # the last date with a price (prices are indexed by date)
    last = {
        c: cast("pd.Timestamp | None", prices[c].loc[: sessions[-1]].last_valid_index())
        for c in prices.columns
    }
    ends = {c: d for c, d in last.items() if d is not None and sessions[0] <= d < sessions[-1]}
    members: dict[str, dict[pd.Timestamp, list[str]]] = {}
    if panels:
        members, more = _screen_members(
            spec, store, panels, prices, rebalance_dates(sessions, spec.rebalance.frequency)
        )
        pre_notes += more
    schedule = build_schedule(
        prices, spec, sessions, solver_params=solver_params, members=members, ends=ends
    )
    if not (schedule.targets.sum(axis=1) > 0).any():
        raise PortfolioError(
            f"no instrument could enter between {start_t.date()} and {end_t.date()}",
            where="portfolio.estimation.sessions",
            fix="start later, lower estimation.sessions, or import longer history",
        )
    c_bp = spec.costs_bp if costs_bp is None else float(costs_bp)
    notes = pre_notes + list(schedule.notes)
    if price_only:
        notes.append(
            f"price-only series (dividends missing, returns understated): {', '.join(price_only)}"
        )
    px = prices.loc[sessions]
    px.attrs["sources"] = prices.attrs["sources"]
    band = spec.rebalance.drift_band
    _, exit_dates = schedule_dates(sessions, spec.rebalance.frequency, ends)
    port = run_backtest(
        px,
        schedule.targets,
        costs_bp=c_bp,
        drift_band=band,
        name="portfolio",
        notes=tuple(notes),
        force_dates=sorted(set(exit_dates.values())),
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
        tw = pd.DataFrame([list(mix.values())] * len(dates), index=dates, columns=list(mix))
        bsrc = tuple(
            s
            for s in (prices.attrs["sources"] + bprices.attrs.get("sources", ()))
            if s.series in mix
        )
        bp.attrs["sources"] = bsrc
        benches[key] = run_backtest(bp, tw, costs_bp=c_bp, drift_band=band, name=f"benchmark.{key}")
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
        members=members,
        screen_series=screen_series,
        ends=ends,
    )
    if stress:
        run = dataclasses.replace(run, stress=run_stress(run, store))
    return run


def run_stress(run: PortfolioRun, store: Store | StoreView) -> StressResult:
    """Stress today's weights of ``run`` through its spec's scenarios (proxies read from ``store``).

    Explicit proxies (``[portfolio.stress] proxies``) must exist in the store. The built-in proxies'
    series (:data:`thesis.portfolio.stress.DEFAULT_PROXIES`) are read when the store has them with
    data on or before ``as_of``; when it does not, that instrument stays a stated gap. A screen
    sleeve is stressed with its current members, each through its store series.
    """
    from thesis.portfolio.stress import DEFAULT_PROXIES, PROXY_RULES, stress_test

    spec = run.spec
    held = [t for ts in run.current_members().values() for t in ts]
    ids = list(
        dict.fromkeys(
            spec.instruments
            + [run.screen_series[t] for t in held]
            + [p for p in spec.stress.proxies.values()]
        )
    )
    keys = {i: "portfolio.stress.proxies" for i in spec.stress.proxies.values()}
    keys.update({i: f"portfolio.sleeves.{n}.instruments" for i, n in spec.sleeve_of().items()})
    as_of = pd.Timestamp(run.as_of)
    prices, _ = load_prices(store, ids, as_of, keys)
    sources = prices.attrs["sources"]
    # a screened stock is stressed under its ticker, as the weights name it
    prices = prices.rename(columns={run.screen_series[t]: t for t in held})
    prices.attrs["sources"] = sources
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
    names = spec.instruments + held
    w = run.current_weights.reindex(names).fillna(0.0)
    sleeve_of = run.sleeve_of()
    return stress_test(
        w,
        {i: sleeve_of[i] for i in names},
        prices,
        spec.stress.all(),
        run.as_of,
        spec.stress.proxies,
        default_proxies=spec.stress.default_proxies,
    )


def _load_optional(
    store: Store | StoreView, ids: list[str], as_of: pd.Timestamp
) -> list[pd.Series]:
    """The series of ``ids`` the store has with data on or before ``as_of`` (others left out)."""
    from thesis.errors import DataError

    out = []
    view = _view(store, as_of)
    for s in ids:
        if not view.has(s):
            continue
        try:
            x = view.get(s)
        except (DataError, SeriesNotFoundError):
            continue  # no data by as_of: the instrument stays a gap, which the output states
        if len(x.dropna()):
            src = x.attrs.get("source")
            x = x.rename(s)
            x.attrs["source"] = src
            out.append(x)
    return out
