"""Backtest engines side by side (a script, not a test): ours, a plain numpy reference, vectorbt, bt.

Cases
    (a) skfolio's bundled S&P 500 dataset: 20 stocks × 8,313 sessions, monthly rebalancing to equal
        weights, 5 bp costs on traded value;
    (b) 500 seeded synthetic assets × 5,040 sessions, same rules.

For each engine: the best wall time of a few runs (after a warm-up, so numba compilation is not
counted), the ratio to our engine, and the relative difference of final equity to ours — with the
5 bp costs and, in a second column, without costs (where all should agree to ~1e-12). Costs are not
modelled identically: we solve the post-cost value exactly; vectorbt charges fees per order after
sizing; bt sizes before commission. So with costs their final equity differs slightly by design.

Run: ``.venv/bin/python bench/bench_backtest.py [--no-bt]``.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from thesis.portfolio.engine import post_cost_value, run_backtest, simulate

COSTS_BP = 5.0


def monthly_rows(index: pd.DatetimeIndex) -> np.ndarray:
    per = index.to_period("M")
    return np.flatnonzero(np.r_[True, per[1:] != per[:-1]])


def numpy_reference(
    prices: np.ndarray, targets: np.ndarray, rows: np.ndarray, c: float
) -> np.ndarray:
    """Plain numpy: hold units between rebalances (vectorised over the segment), exact costs."""
    t_n, n = prices.shape
    # forward-fill NaN gaps (keep leading NaN)
    idx = np.where(np.isfinite(prices), np.arange(t_n)[:, None], 0)
    np.maximum.accumulate(idx, axis=0, out=idx)
    p = prices[idx, np.arange(n)]
    eq = np.empty(t_n)
    units = np.zeros(n)
    cash = 1.0
    bounds = np.r_[rows, t_n]
    for k in range(len(rows)):
        r0, r1 = bounds[k], bounds[k + 1]
        pr = np.nan_to_num(p[r0])
        h = units * pr
        v = cash + h.sum()
        w = targets[k]
        vp = post_cost_value(v, h, w, c) if c > 0 else v
        with np.errstate(divide="ignore", invalid="ignore"):
            units = np.where(w > 0, w * vp / pr, 0.0)
        cash = vp - (w * vp).sum()
        eq[r0:r1] = cash + np.nan_to_num(p[r0:r1]) @ units
    return eq


def vectorbt_run(
    prices: pd.DataFrame, targets: np.ndarray, rows: np.ndarray, c: float
) -> np.ndarray:
    import vectorbt as vbt

    size = np.full(prices.shape, np.nan)
    size[rows] = targets
    pf = vbt.Portfolio.from_orders(
        prices.ffill(),
        size=size,
        size_type="targetpercent",
        group_by=True,
        cash_sharing=True,
        call_seq="auto",
        fees=c,
        init_cash=1.0,
        freq="1D",
    )
    return np.asarray(pf.value()).ravel()


def bt_run(prices: pd.DataFrame, targets: np.ndarray, rows: np.ndarray, c: float) -> np.ndarray:
    import bt

    dates = prices.index[rows]
    w = pd.DataFrame(targets, index=dates, columns=prices.columns)
    strat = bt.Strategy(
        "s",
        [
            bt.algos.RunOnDate(*dates),
            bt.algos.SelectAll(),
            bt.algos.WeighTarget(w),
            bt.algos.Rebalance(),
        ],
    )
    kw: dict[str, Any] = {"integer_positions": False, "initial_capital": 1.0, "progress_bar": False}
    if c > 0:
        kw["commissions"] = lambda q, p: abs(q) * p * c
    res = bt.run(bt.Backtest(strat, prices, **kw))
    return res.prices["s"].to_numpy()[1:] / 100.0


def timed(fn: Callable[[], np.ndarray], repeat: int) -> tuple[float, np.ndarray]:
    out = fn()  # warm-up (numba compilation, imports)
    best = np.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def case(name: str, prices: pd.DataFrame, with_bt: bool) -> None:
    rows = monthly_rows(prices.index)
    n = prices.shape[1]
    targets = np.full((len(rows), n), 1.0 / n)
    arr = prices.to_numpy(float)
    c = COSTS_BP / 1e4
    engines: dict[str, tuple[Callable[[float], np.ndarray], int]] = {
        "ours (simulate, arrays)": (lambda cc: simulate(arr, targets, rows, cc).equity, 7),
        "ours (run_backtest, frames)": (
            lambda cc: run_backtest(
                prices,
                pd.DataFrame(targets, index=prices.index[rows], columns=prices.columns),
                costs_bp=cc * 1e4,
            ).equity.to_numpy(),
            5,
        ),
        "numpy reference": (lambda cc: numpy_reference(arr, targets, rows, cc), 7),
        "vectorbt": (lambda cc: vectorbt_run(prices, targets, rows, cc), 2),
    }
    if with_bt:
        engines["bt"] = (lambda cc: bt_run(prices, targets, rows, cc), 0)
    print(
        f"\n== {name}: {n} assets × {len(prices)} sessions, {len(rows)} rebalances, {COSTS_BP:g} bp =="
    )
    res: dict[str, tuple[float, np.ndarray, np.ndarray]] = {}
    for label, (fn, rep) in engines.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if rep == 0:  # bt: slow, time a single run
                t0 = time.perf_counter()
                eq = fn(c)
                t = time.perf_counter() - t0
            else:
                t, eq = timed(lambda fn=fn: fn(c), rep)
            eq0 = fn(0.0)
        res[label] = (t, eq, eq0)
    base_t, base_eq, base_eq0 = res["ours (simulate, arrays)"]
    ref_t = res["numpy reference"][0]
    print(
        f"{'engine':30s} {'time':>10s} {'× ours':>9s} {'final equity':>14s} {'rel diff (5 bp)':>16s} {'rel diff (0 bp)':>16s}"
    )
    for label, (t, eq, eq0) in res.items():
        d = eq[-1] / base_eq[-1] - 1
        d0 = eq0[-1] / base_eq0[-1] - 1
        print(
            f"{label:30s} {t * 1e3:8.1f} ms {t / base_t:9.1f} {eq[-1]:14.6f} {d:16.2e} {d0:16.2e}"
        )
    print(f"ours / numpy reference: {base_t / ref_t:.2f} (target ≤ 1.5)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-bt", action="store_true", help="skip bt (slow on case b)")
    args = ap.parse_args(argv)
    from skfolio.datasets import load_sp500_dataset

    case("(a) S&P 500 dataset", load_sp500_dataset(), not args.no_bt)
    rng = np.random.default_rng(20251126)
    t_n, n = 5040, 500
    rets = rng.normal(0.0003, 0.015, (t_n, n))
    px = pd.DataFrame(
        100 * np.exp(np.cumsum(rets, axis=0)),
        index=pd.bdate_range("2005-01-03", periods=t_n),
        columns=[f"a{i:03d}" for i in range(n)],
    )
    case("(b) synthetic", px, not args.no_bt)
    return 0


if __name__ == "__main__":
    sys.exit(main())
