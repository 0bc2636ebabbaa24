"""Benchmark the screener (a script, not a test): ``python bench/bench_screen.py [SHARED_DATA_DIR]``.

Reports, on a fresh store with all of ``../shared/data`` as of 2025-11-26:

- ``thesis screen`` over the S&P 500 constituents plus every stock and ETF with prices in the store
  (read, features, fundamentals, rule, ranking; target ≤ 2 s), and its parts;
- the features alone, vectorised (:func:`thesis.screen.features.compute_features`) against the
  same figures computed ticker by ticker with plain pandas
  (:func:`thesis.screen.features.features_reference`), and their ratio; the two are checked to
  agree before timing;
- per-stock odds at 10,000 paths each, bootstrap and GARCH, gain and outperformance, for every
  member with prices (target ≤ 10 s);
- the same features on a made-up universe of 500 tickers × 10 years (what a store with every
  constituent's prices would ask), vectorised against pandas.

Medians of several runs (the first run, which compiles numba kernels and loads calendars, is left
out). The shared data hold prices for only nine stocks and the ETFs: the constituents without
prices are screened as "no price data", which the timing includes.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from thesis.data.providers.csv import import_path
from thesis.data.store import Store
from thesis.screen.features import compute_features, features_reference
from thesis.screen.odds import stock_odds
from thesis.screen.screen import run_screen, screen_features
from thesis.screen.spec import AI_BASKET
from thesis.screen.universe import Universe, sp500_universe, store_universe

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2025-11-26"
HORIZON = "2026-12-31"
RULE = "mom_6m > index.mom_6m and corr_theme > 0.5"


def median_s(fn: Callable[[], Any], n: int = 5) -> tuple[float, Any]:
    out = fn()  # warm up: numba, calendars, DuckDB connection
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def _check_agree(fs: Any) -> None:
    p = fs.panel
    f = compute_features(p.prices, p.index, AS_OF, basket=AI_BASKET, dollar_volume=p.dollar_volume)
    r = features_reference(
        p.prices, p.index, AS_OF, basket=AI_BASKET, dollar_volume=p.dollar_volume
    )
    np.testing.assert_allclose(
        f[r.columns].to_numpy(float), r.to_numpy(float), rtol=1e-9, atol=1e-9, equal_nan=True
    )


def synthetic(
    n_tickers: int = 500, years: int = 10, seed: int = 0
) -> tuple[pd.DataFrame, pd.Series]:
    from thesis.data.calendars import sessions_between

    days = sessions_between(f"{2025 - years}-11-26", AS_OF, include_start=True)
    rng = np.random.default_rng(seed)
    ri = rng.normal(0.0003, 0.011, len(days))
    idx = pd.Series(4000 * np.exp(np.cumsum(ri)), index=days)
    beta = rng.uniform(0.5, 1.8, n_tickers)
    r = ri[:, None] * beta + rng.normal(0, 0.015, (len(days), n_tickers))
    px = pd.DataFrame(50 * np.exp(np.cumsum(r, axis=0)), index=days,
                      columns=[f"T{i:03d}" for i in range(n_tickers)])  # fmt: skip
    starts = rng.integers(0, len(days) // 2, n_tickers)
    for j, s in enumerate(starts):  # listings start at different dates
        px.iloc[:s, j] = np.nan
    return px, idx


def main() -> None:
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"
    if not shared.is_dir():
        sys.exit(f"{shared} is absent: pass the shared data folder as the first argument")
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        writer = Store(Path(tmp) / "market.duckdb")
        import_path(writer, shared)
        writer.close()
        store = Store(Path(tmp) / "market.duckdb", read_only=True)
        view = store.view(AS_OF)
        sp = sp500_universe(view)
        st = store_universe(view)
        members = pd.concat([sp.members, st.members[~st.members.index.isin(sp.members.index)]])
        u = Universe("sp500+store", members, pd.Timestamp(AS_OF), sp.notes)

        def full_screen() -> Any:
            fs = screen_features(store.view(AS_OF), u, index="sp500", basket=AI_BASKET)
            return run_screen(fs, RULE)

        t_screen, res = median_s(full_screen)
        fs = res.features
        with_px = int(fs.frame["has_prices"].sum())
        _check_agree(fs)
        p = fs.panel
        t_vec, _ = median_s(
            lambda: compute_features(
                p.prices, p.index, AS_OF, basket=AI_BASKET, dollar_volume=p.dollar_volume
            ),
            n=20,
        )
        t_ref, _ = median_s(
            lambda: features_reference(
                p.prices, p.index, AS_OF, basket=AI_BASKET, dollar_volume=p.dollar_volume
            ),
            n=5,
        )
        priced = [t for t in u.tickers if t in p.prices.columns]

        def all_odds() -> int:
            rng = np.random.default_rng(1)
            base = int(rng.integers(0, 2**63 - 1))
            for t in priced:
                stock_odds(p.prices[t].dropna(), ticker=t, as_of=AS_OF, horizon=HORIZON,
                           index=p.index, index_id="sp500", n_paths=10_000, rng=rng,
                           key_base=base)  # fmt: skip
            return len(priced)

        t_odds, _ = median_s(all_odds, n=2)
        store.close()
    rows += [
        (f"members screened ({len(u)}; with prices)", f"{with_px}"),
        ("thesis screen, read + features + rule, s (≤ 2)", f"{t_screen:.3f}"),
        (f"features vectorised ({len(p.prices.columns)} tickers), ms", f"{t_vec * 1e3:.1f}"),
        ("features, plain pandas per ticker, ms", f"{t_ref * 1e3:.1f}"),
        ("ratio pandas / vectorised", f"{t_ref / t_vec:.1f}×"),
        (
            f"odds, {len(priced)} stocks × 10,000 paths × 2 methods × 2 events, s (≤ 10)",
            f"{t_odds:.2f}",
        ),
    ]
    px, idx = synthetic()
    f = compute_features(px, idx, AS_OF, basket=list(px.columns[:5]))
    r = features_reference(px, idx, AS_OF, basket=list(px.columns[:5]))
    np.testing.assert_allclose(f[r.columns].to_numpy(float), r.to_numpy(float), rtol=1e-9,
                               atol=1e-9, equal_nan=True)  # fmt: skip
    t_vec5, _ = median_s(lambda: compute_features(px, idx, AS_OF, basket=list(px.columns[:5])))
    t_ref5, _ = median_s(
        lambda: features_reference(px, idx, AS_OF, basket=list(px.columns[:5])), n=2
    )
    rows += [
        (f"made-up universe: {px.shape[1]} tickers × {px.shape[0]} sessions", ""),
        ("  features vectorised, ms", f"{t_vec5 * 1e3:.1f}"),
        ("  features, plain pandas per ticker, ms", f"{t_ref5 * 1e3:.1f}"),
        ("  ratio pandas / vectorised", f"{t_ref5 / t_vec5:.1f}×"),
    ]
    import os

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    rows.append((f"machine: {os.cpu_count()} CPUs, load average (1 min)", f"{load:.1f}"))
    w = max(len(a) for a, _ in rows)
    print(f"{'measure':<{w}} {'value':>10}")
    print(f"{'-' * w} {'-' * 10}")
    for a, b in rows:
        print(f"{a:<{w}} {b:>10}")


if __name__ == "__main__":
    main()
