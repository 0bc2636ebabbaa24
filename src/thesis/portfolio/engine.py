"""A daily backtest engine: target weights in, equity, weights, turnover, costs and trades out.

Conventions (what the numbers mean)
-----------------------------------
Prices
    ``prices`` is dates × assets, NaN before an instrument's first observation. A NaN after the first
    observation (a holiday in one market, a gap, or the end of the data) carries the last price: the
    position keeps its value and earns nothing that day. Total-return series are expected; a
    price-only series earns no dividends (the caller says which were price-only).
Timing
    Every session: mark holdings to the close, then, on a trade date, trade to the target at that
    same close. Targets used on a trade date must be computed from data up to the previous session
    (the allocation module does that), so nothing after the close of ``t - 1`` shapes the trade.
Costs
    ``costs_bp`` on traded value, buys and sells alike: ``c = costs_bp / 10_000``. With value ``V``
    before trading, holdings ``h_i`` and targets ``w_i`` (fractions of the post-cost value, the rest
    is cash), the post-cost value ``V'`` solves exactly

        V' = V − c · Σ_i |w_i · V' − h_i|

    (costs are paid from the portfolio, so the targets hold *after* costs). The right side is
    piecewise linear in ``V'`` with kinks at ``h_i / w_i``; ``V' + c Σ|w_i V' − h_i|`` is strictly
    increasing for ``c < 1`` and long-only weights summing to at most 1, so the root is unique. We
    find the segment that holds it and solve the linear equation there: exact up to rounding, no
    iteration.
Cash
    ``1 − Σ w_i`` is held in cash at a zero return.
Late starters
    A target weight on an asset that has no price yet on the trade date is an error; the allocation
    module gives it zero weight until it enters (see :mod:`thesis.portfolio.allocation`).
Drift bands
    With ``drift_band`` > 0, a target that arrives is traded on its first date only for the first
    target, or when the target row is *forced* (an instrument leaving because its data end);
    afterwards a trade happens on any session where some asset's weight is more than
    ``drift_band`` away from its target.
Turnover
    One-way: ``Σ|traded| / (2 V)`` on a trade date (a full switch from one asset to another is 1.0).

The fast path is a numba kernel on arrays; :func:`simulate_reference` is a plain Python loop with an
independent root-finder that the tests compare it with.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from thesis.errors import PortfolioError

if TYPE_CHECKING:
    from thesis._types import DateLike
    from thesis.facts import Fact

__all__ = [
    "BacktestResult",
    "SimOutput",
    "post_cost_value",
    "run_backtest",
    "simulate",
    "simulate_reference",
]


@dataclass(frozen=True)
class SimOutput:
    """Raw arrays of one simulation (T sessions, N assets, M trade dates)."""

    equity: np.ndarray  # (T,) portfolio value at each close, after that day's trades
    weights: np.ndarray  # (T, N) end-of-day weights (fractions of equity); cash is 1 − row sum
    costs: np.ndarray  # (T,) costs paid that day, in currency
    turnover: np.ndarray  # (T,) one-way turnover that day, fraction of pre-trade value
    trade_rows: np.ndarray  # (M,) session index of each trade date
    trades: np.ndarray  # (M, N) traded value (currency, + buy / − sell)


# ---------------------------------------------------------------------- exact cost solve
def post_cost_value(
    value: float, holdings: np.ndarray, target: np.ndarray, cost_rate: float
) -> float:
    """Solve ``V' = V − c Σ|w_i V' − h_i|`` exactly (see the module docstring).

    Parameters
    ----------
    value
        ``V``, portfolio value before trading (holdings plus cash), currency.
    holdings
        ``h``, shape (N,), current value of each position (≥ 0).
    target
        ``w``, shape (N,), target weights (≥ 0, sum ≤ 1).
    cost_rate
        ``c``, cost per unit of traded value (5 bp → 0.0005).
    """
    return _post_cost_value_py(
        value, np.asarray(holdings, float), np.asarray(target, float), cost_rate
    )


def _post_cost_value_py(v: float, h: np.ndarray, w: np.ndarray, c: float) -> float:
    if c == 0.0:
        return v
    # f(x) = x + c Σ|w_i x − h_i| − v, increasing; kinks at h_i / w_i for w_i > 0
    const = c * float(np.sum(h[w <= 0.0]))
    pos = w > 0.0
    wp, hp = w[pos], h[pos]
    order = np.argsort(hp / wp)
    kinks, ws, hs = (hp / wp)[order], wp[order], hp[order]
    # left of every kink all terms are h_i − w_i x: f(x) = x(1 − cW) + c(H + const') − v
    sw_right, sh_right = float(ws.sum()), float(hs.sum())
    sw_left = sh_left = 0.0
    for j in range(len(kinks) + 1):
        slope = 1.0 + c * (sw_left - sw_right)
        icpt = const + c * (sh_right - sh_left) - v
        x = -icpt / slope
        hi = kinks[j] if j < len(kinks) else math.inf
        if x <= hi:
            return x
        sw_left += ws[j]
        sh_left += hs[j]
        sw_right -= ws[j]
        sh_right -= hs[j]
    raise AssertionError("unreachable: f is increasing and unbounded")


# ---------------------------------------------------------------------- reference (plain Python)
def simulate_reference(
    prices: np.ndarray,
    targets: np.ndarray,
    target_rows: np.ndarray,
    cost_rate: float = 0.0,
    drift_band: float = 0.0,
    initial: float = 1.0,
    force: np.ndarray | None = None,
) -> SimOutput:
    """Plain Python day loop: the reference the fast kernel is tested against.

    Same inputs and outputs as :func:`simulate`. The post-cost value is found by checking every
    segment between kinks for a root (a different route from the kernel's single sweep).
    """
    prices = np.asarray(prices, float)
    t_n, n = prices.shape
    forced = np.zeros(len(target_rows), bool) if force is None else np.asarray(force, bool)
    h = np.zeros(n)
    cash = float(initial)
    last = np.full(n, np.nan)
    eq, wts = np.zeros(t_n), np.zeros((t_n, n))
    costs, turn = np.zeros(t_n), np.zeros(t_n)
    rows, trades = [], []
    k, traded_once = 0, False
    cur: np.ndarray | None = None  # the target weights in force
    for t in range(t_n):
        p = prices[t]
        ok = np.isfinite(p)
        grow = ok & np.isfinite(last)
        h[grow] = h[grow] * (p[grow] / last[grow])
        last[ok] = p[ok]
        v = cash + h.sum()
        trade = False
        while k < len(target_rows) and target_rows[k] == t:
            cur = targets[k]
            trade = drift_band <= 0.0 or not traded_once or bool(forced[k])
            k += 1
        if cur is not None and not trade and drift_band > 0.0 and v > 0:
            trade = bool(np.max(np.abs(h / v - cur)) > drift_band)
        if trade:
            assert cur is not None  # a trade follows a target row, or a drift from one
            vp = _root_by_segments(v, h, cur, cost_rate)
            new = cur * vp
            dlt = new - h
            costs[t] = v - vp
            turn[t] = np.abs(dlt).sum() / (2.0 * v)
            rows.append(t)
            trades.append(dlt)
            h = new
            cash = vp - new.sum()
            v = vp
            traded_once = True
        eq[t] = v
        wts[t] = h / v if v > 0 else 0.0
    return SimOutput(
        eq, wts, costs, turn, np.asarray(rows, np.int64), np.asarray(trades).reshape(len(rows), n)
    )


def _root_by_segments(v: float, h: np.ndarray, w: np.ndarray, c: float) -> float:
    if c == 0.0:
        return v
    kinks = sorted({0.0, *(float(hi / wi) for hi, wi in zip(h, w, strict=True) if wi > 0)})
    kinks.append(math.inf)

    def f(x: float) -> float:
        return x + c * float(np.abs(w * x - h).sum()) - v

    for lo, hi in itertools.pairwise(kinks):
        # on [lo, hi] f is linear: find its slope from two points inside
        a = lo
        b = hi if math.isfinite(hi) else lo + max(v, 1.0)
        fa, fb = f(a), f(b)
        if fa <= 0.0 <= fb or not math.isfinite(hi):
            return a - fa * (b - a) / (fb - fa)
    raise AssertionError("unreachable")


# ---------------------------------------------------------------------- fast kernel (numba)
_KERNEL: Any = None


def _kernel() -> Any:
    global _KERNEL
    if _KERNEL is None:
        import numba

        _KERNEL = numba.njit(cache=True, nogil=True)(_simulate_loop)
    return _KERNEL


def _simulate_loop(
    prices, targets, target_rows, forced, c, band, initial, eq, wts, costs, turn, trow, trades
):
    t_n, n = prices.shape
    h = np.zeros(n)
    last = np.full(n, np.nan)
    cash = initial
    k = 0
    m = 0
    have = False
    traded_once = False
    cur = np.zeros(n)
    kinks = np.empty(n)
    idx = np.empty(n, np.int64)
    for t in range(t_n):
        v = cash
        for i in range(n):
            p = prices[t, i]
            if p == p:  # not NaN
                lp = last[i]
                if lp == lp and h[i] != 0.0:
                    h[i] = h[i] * (p / lp)
                last[i] = p
            v += h[i]
        trade = False
        while k < target_rows.shape[0] and target_rows[k] == t:
            for i in range(n):
                cur[i] = targets[k, i]
            have = True
            trade = band <= 0.0 or not traded_once or forced[k]
            k += 1
        if have and not trade and band > 0.0 and v > 0.0:
            for i in range(n):
                if abs(h[i] / v - cur[i]) > band:
                    trade = True
                    break
        if trade:
            vp = v
            if c > 0.0:
                # exact root of x + c Σ|w_i x − h_i| = v: sweep the kinks h_i / w_i in order
                const = 0.0
                nk = 0
                swr = 0.0
                shr = 0.0
                for i in range(n):
                    if cur[i] > 0.0:
                        kinks[nk] = h[i] / cur[i]
                        idx[nk] = i
                        nk += 1
                        swr += cur[i]
                        shr += h[i]
                    else:
                        const += h[i]
                const *= c
                order = np.argsort(kinks[:nk])
                swl = 0.0
                shl = 0.0
                for j in range(nk + 1):
                    x = -(const + c * (shr - shl) - v) / (1.0 + c * (swl - swr))
                    if j == nk or x <= kinks[order[j]]:
                        vp = x
                        break
                    i = idx[order[j]]
                    swl += cur[i]
                    shl += h[i]
                    swr -= cur[i]
                    shr -= h[i]
            tot = 0.0
            inv = 0.0
            for i in range(n):
                nh = cur[i] * vp
                d = nh - h[i]
                trades[m, i] = d
                tot += abs(d)
                h[i] = nh
                inv += nh
            trow[m] = t
            m += 1
            costs[t] = v - vp
            turn[t] = tot / (2.0 * v)
            cash = vp - inv
            v = vp
            traded_once = True
        eq[t] = v
        if v > 0.0:
            for i in range(n):
                wts[t, i] = h[i] / v
    return m


def simulate(
    prices: np.ndarray,
    targets: np.ndarray,
    target_rows: np.ndarray,
    cost_rate: float = 0.0,
    drift_band: float = 0.0,
    initial: float = 1.0,
    force: np.ndarray | None = None,
) -> SimOutput:
    """Run the daily simulation on arrays (the fast path).

    Parameters
    ----------
    prices
        Shape (T, N), float; NaN before an asset starts and on gaps (the last price is carried).
    targets
        Shape (K, N), target weights (≥ 0, row sums ≤ 1) that come into force on ``target_rows``.
    target_rows
        Shape (K,), increasing session indices into ``prices``.
    cost_rate
        Cost per unit traded value (``costs_bp / 1e4``).
    drift_band
        0 for calendar rebalancing (trade on every target date); > 0 for drift bands.
    initial
        Starting cash.
    force
        Shape (K,), bool: target rows traded even inside the drift band (exits).
    """
    # contiguous and writable: numba compiles one signature per read-only/writable combination
    # (a frame read from DuckDB is read-only, one built in memory is not), and each compile costs
    # seconds in every process that meets a new one; a copy of the inputs costs microseconds
    prices = np.require(prices, np.float64, ["C", "W"])
    targets = np.require(targets, np.float64, ["C", "W"])
    target_rows = np.require(target_rows, np.int64, ["C", "W"])
    forced = np.require(
        np.zeros(len(target_rows), np.bool_) if force is None else force, np.bool_, ["C", "W"]
    )
    t_n, n = prices.shape
    max_trades = t_n if drift_band > 0 else len(target_rows)
    eq = np.empty(t_n)
    wts = np.zeros((t_n, n))
    costs = np.zeros(t_n)
    turn = np.zeros(t_n)
    trow = np.empty(max_trades, np.int64)
    trades = np.empty((max_trades, n))
    m = _kernel()(
        prices,
        targets,
        target_rows,
        forced,
        float(cost_rate),
        float(drift_band),
        float(initial),
        eq,
        wts,
        costs,
        turn,
        trow,
        trades,
    )
    return SimOutput(eq, wts, costs, turn, trow[:m], trades[:m])


# ---------------------------------------------------------------------- labelled wrapper
@dataclass(frozen=True)
class BacktestResult:
    """Daily outcome of a backtest (labels on the arrays of :class:`SimOutput`).

    Attributes
    ----------
    equity
        Portfolio value at each close (starts at ``initial`` less the first day's costs).
    weights
        End-of-day weights, dates × assets (fractions; cash is ``1 − row sum``).
    costs
        Costs paid each day (currency).
    turnover
        One-way turnover each day (fraction of pre-trade value).
    trades
        Traded value per trade date × asset (currency, + buy, − sell).
    name
        A label ("portfolio", "benchmark.sp500").
    costs_bp
        The cost rate used.
    notes
        What the run had to decide (fallbacks, entries of late starters, price-only series).
    """

    equity: pd.Series
    weights: pd.DataFrame
    costs: pd.Series
    turnover: pd.Series
    trades: pd.DataFrame
    name: str = "portfolio"
    costs_bp: float = 0.0
    notes: tuple[str, ...] = ()
    targets: pd.DataFrame | None = None
    attrs: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def returns(self) -> pd.Series:
        """Daily simple returns of the equity (the first session's return is against ``initial``)."""
        initial = float(self.attrs.get("initial", 1.0))
        prev = np.concatenate([[initial], self.equity.to_numpy()[:-1]])
        return pd.Series(
            self.equity.to_numpy() / prev - 1.0, index=self.equity.index, name=self.name
        )

    @property
    def start(self) -> pd.Timestamp:
        return self.equity.index[0]

    @property
    def end(self) -> pd.Timestamp:
        return self.equity.index[-1]

    def to_frame(self) -> pd.DataFrame:
        """Daily equity, return, costs, turnover and weights (``w.{asset}``) in one frame."""
        df = pd.DataFrame(
            {
                "equity": self.equity,
                "return": self.returns,
                "costs": self.costs,
                "turnover": self.turnover,
            }
        )
        return pd.concat([df, self.weights.add_prefix("w.")], axis=1)

    def summary(self) -> str:
        from thesis.portfolio.metrics import performance

        m = performance(self.returns, turnover=self.turnover, costs=self.costs, equity=self.equity)
        lines = [
            f"### Backtest: {self.name}",
            "",
            f"{self.start.date()} to {self.end.date()}, {len(self.equity)} sessions, costs {self.costs_bp:g} bp "
            f"on traded value, {len(self.trades)} trade dates.",
            "",
            m.to_markdown(),
        ]
        if self.notes:
            lines += ["", "Notes:", *[f"- {n}" for n in self.notes]]
        return "\n".join(lines)

    def facts(
        self,
        as_of: DateLike | None = None,
        prefix: str | None = None,
        benchmark: pd.Series | None = None,
    ) -> list[Fact]:
        """Performance facts under ``prefix`` (default ``portfolio``); see docs/fact-ids.md."""
        from thesis.portfolio.metrics import performance

        m = performance(
            self.returns,
            benchmark=benchmark,
            turnover=self.turnover,
            costs=self.costs,
            equity=self.equity,
        )
        return m.facts(
            prefix or self.name,
            as_of=str(pd.Timestamp(as_of or self.end).date()),
            lineage=tuple(self.attrs.get("sources", ())),
            costs_bp=self.costs_bp,
        )


def run_backtest(
    prices: pd.DataFrame,
    targets: pd.DataFrame,
    *,
    costs_bp: float = 0.0,
    drift_band: float | None = None,
    initial: float = 1.0,
    name: str = "portfolio",
    notes: tuple[str, ...] = (),
    reference: bool = False,
    force_dates: Sequence[DateLike] = (),
) -> BacktestResult:
    """Backtest a schedule of target weights on daily prices.

    Parameters
    ----------
    prices
        Dates × assets, float, NaN before an asset starts; the backtest runs over ``prices.index``
        (the first row is the first session).
    targets
        Dates × assets (a subset of ``prices.columns``; missing columns are zero), target weights from
        each date on. Dates must be sessions in ``prices.index``.
    costs_bp
        Transaction costs in basis points of traded value.
    drift_band
        None or 0: trade on every target date; > 0: drift-band rebalancing (fraction, 0.05 = 5 pp).
    reference
        Use the plain Python loop instead of the numba kernel (for checks).
    force_dates
        Target dates traded even inside the drift band (an instrument leaving because its data
        end must be sold, whatever its weight).
    """
    if prices.empty:
        raise PortfolioError(
            "no prices to backtest", where=name, fix="widen the window or add instruments"
        )
    cols = list(prices.columns)
    extra = [c for c in targets.columns if c not in cols]
    if extra:
        raise PortfolioError(
            f"targets name assets without prices: {extra}",
            where=name,
            fix="add their prices or drop them",
        )
    tg = targets.reindex(columns=cols, fill_value=0.0).fillna(0.0)
    rows = prices.index.get_indexer(tg.index)
    if (rows < 0).any():
        bad = tg.index[rows < 0][0]
        raise PortfolioError(
            f"target date {bad.date()} is not a session of the price index",
            where=name,
            fix="put target dates on sessions that have prices",
        )
    if np.any(np.diff(rows) <= 0):
        raise PortfolioError(
            "target dates must increase", where=name, fix="sort the target schedule"
        )
    tv = tg.to_numpy(dtype=float)
    if (tv < -1e-12).any() or (tv.sum(axis=1) > 1 + 1e-9).any():
        raise PortfolioError(
            "target weights must be ≥ 0 and sum to at most 1 (the rest is cash)",
            where=name,
            fix="normalise the weights; shorting and leverage are not supported",
        )
    pv = prices.to_numpy(dtype=float)
    # entry rule: a weight on an asset with no price yet cannot be traded
    first = np.where(np.isfinite(pv).any(axis=0), np.isfinite(pv).argmax(axis=0), len(pv))
    late = (tv > 0) & (rows[:, None] < first[None, :])
    if late.any():
        k, i = np.argwhere(late)[0]
        raise PortfolioError(
            f"target weight on {cols[i]!r} on {tg.index[k].date()} before its first price "
            f"({prices.index[first[i]].date() if first[i] < len(pv) else 'never'})",
            where=name,
            fix="give it zero weight until its data starts (the allocation module does this)",
        )
    c = costs_bp / 1e4
    band = float(drift_band or 0.0)
    force = np.isin(tg.index, pd.DatetimeIndex(list(force_dates))) if len(force_dates) else None
    sim = (simulate_reference if reference else simulate)(pv, tv, rows, c, band, initial, force)
    idx = prices.index
    trade_idx = idx[sim.trade_rows]
    return BacktestResult(
        equity=pd.Series(sim.equity, index=idx, name=name),
        weights=pd.DataFrame(sim.weights, index=idx, columns=cols),
        costs=pd.Series(sim.costs, index=idx, name="costs"),
        turnover=pd.Series(sim.turnover, index=idx, name="turnover"),
        trades=pd.DataFrame(sim.trades, index=trade_idx, columns=cols),
        name=name,
        costs_bp=float(costs_bp),
        notes=tuple(notes),
        targets=tg,
        attrs={"initial": float(initial), "sources": tuple(prices.attrs.get("sources", ()))},
    )
