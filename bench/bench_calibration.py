"""Benchmark: the walk-forward calibration, its kernel calls, and the result cache.

Run: ``.venv/bin/python bench/bench_calibration.py [--paths 2000] [--json out.json]``

One process, the seed's setting (S&P 500 daily closes from ``../shared/data`` up to 2025-11-26,
GBM + bootstrap + GARCH + the baseline, 2,000 paths per forecast, horizons 63/126/252 sessions,
the base rate and the conditioned base rate). It reports, each as seconds and as a ratio to a
reference:

1. one calibration-sized kernel call (1,000 paths × 252 sessions) on one thread and on all
   threads, and what the work-size rule picks (reference: the parallel call the code made before);
2. the whole calibration with the work-size rule, and with every call forced parallel
   (reference);
3. the calibration through the store's result cache: cold (computed and written), warm (read
   back); reference: the plain computation;
4. the valuation-range calibration (Shiller data, 1881 on, with the regime-band comparison):
   plain and read back from the cache.

Numbers depend on the machine and its load; the script prints the core count and load average.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

SHARED = Path(os.environ.get("THESIS_SHARED", Path(__file__).resolve().parents[2] / "shared"))


def load() -> tuple[pd.Series, pd.DataFrame]:
    d = pd.read_csv(SHARED / "data" / "sp500_daily_fred.csv", parse_dates=["date"])
    s = d.set_index("date")["close"].rename("sp500")
    s = s[s.index <= "2025-11-26"]
    sh = pd.read_csv(SHARED / "data" / "sp500_monthly_shiller.csv", parse_dates=["date"])
    return s, sh.set_index("date")


def best_of(fn, repeat: int = 3) -> float:
    t = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        t.append(time.perf_counter() - t0)
    return min(t)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--paths", type=int, default=2_000)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()

    import numba

    from thesis.analysis import _kernels as K
    from thesis.analysis.calibration import calibrate
    from thesis.analysis.range_calibration import calibrate_ranges
    from thesis.data.cache import ResultCache
    from thesis.data.store import Store

    prices, sh = load()
    threads = numba.get_num_threads()
    print(f"cores {os.cpu_count()}, numba threads {threads}, load average {os.getloadavg()}")
    out: dict[str, float] = {}

    # 1. one calibration-sized call
    rec = np.arange(1, 253, dtype=np.int64)
    key = np.uint64(1)
    garch = (0.03, 0.02, 0.1, 0.87, 6.0, 1.1, 100.0, rec)
    for name, ser, par, a in (
        ("gbm", K._gbm_ser, K._gbm_par, (0.0003, 0.011, rec)),
        ("garch", K._garch_ser, K._garch_par, garch),
    ):
        ser(key, 0, 1000, 252, *a)
        par(key, 0, 1000, 252, *a)
        t_ser = best_of(lambda ser=ser, a=a: ser(key, 0, 1000, 252, *a), 7)
        t_par = best_of(lambda par=par, a=a: par(key, 0, 1000, 252, *a), 7)
        pick = "serial" if not K.parallel_for(1000, 252) else "parallel"
        out[f"call_{name}_serial_ms"] = 1e3 * t_ser
        out[f"call_{name}_parallel_ms"] = 1e3 * t_par
        print(
            f"1,000 paths × 252, {name:5s}: 1 thread {1e3 * t_ser:6.2f} ms, {threads} threads "
            f"{1e3 * t_par:6.2f} ms (ratio {t_par / t_ser:4.1f}); the rule picks {pick}"
        )

    kw = dict(subject="sp500", methods=("gbm", "bootstrap", "garch"), n_paths=args.paths,
              base_rate=True)  # fmt: skip

    # 2. the whole calibration: the work-size rule against every call parallel
    calibrate(prices.iloc[:900], rng=np.random.default_rng(0), **kw)  # warm-up (compile, caches)
    t0 = time.perf_counter()
    res = calibrate(prices, rng=np.random.default_rng(1), **kw)
    t_rule = time.perf_counter() - t0
    old = K.PARALLEL_MIN_WORK
    K.PARALLEL_MIN_WORK = 0
    try:
        t0 = time.perf_counter()
        calibrate(prices, rng=np.random.default_rng(1), **kw)
        t_par = time.perf_counter() - t0
    finally:
        K.PARALLEL_MIN_WORK = old
    n_calls = len(res.origins) * 4
    out.update(calibration_s=t_rule, calibration_all_parallel_s=t_par, kernel_calls=n_calls)
    print(
        f"calibration ({len(res.origins)} origins × 4 simulated methods = {n_calls} kernel calls "
        f"of {args.paths:,} paths): {t_rule:.2f} s with the work-size rule, {t_par:.2f} s all "
        f"parallel (ratio {t_par / t_rule:.2f})"
    )

    # 3. the cache
    with tempfile.TemporaryDirectory() as d:
        store = Store(Path(d) / "market.duckdb")
        cache = ResultCache(store)
        t0 = time.perf_counter()
        cold = calibrate(prices, rng=np.random.default_rng(1), cache=cache, **kw)
        t_cold = time.perf_counter() - t0
        t0 = time.perf_counter()
        warm = calibrate(prices, rng=np.random.default_rng(1), cache=cache, **kw)
        t_warm = time.perf_counter() - t0
        same = warm.scores.equals(cold.scores)
        out.update(calibration_cold_s=t_cold, calibration_warm_s=t_warm)
        print(
            f"calibration through the cache: cold {t_cold:.2f} s ({cold.cache_status}), warm "
            f"{t_warm:.3f} s ({warm.cache_status}); warm / plain {t_warm / t_rule:.3f}; "
            f"identical: {same}"
        )

        # 4. the valuation-range calibration
        rk = dict(subject="sp500")
        cols = [sh[c].astype(float) for c in ("sp500", "earnings", "cpi", "long_rate_gs10")]
        t0 = time.perf_counter()
        calibrate_ranges(*cols, **rk)
        t_plain = time.perf_counter() - t0
        calibrate_ranges(*cols, cache=cache, **rk)
        t0 = time.perf_counter()
        r = calibrate_ranges(*cols, cache=cache, **rk)
        t_rc = time.perf_counter() - t0
        store.close()
    out.update(range_calibration_s=t_plain, range_calibration_warm_s=t_rc)
    print(
        f"valuation-range calibration ({r.n} origins): {t_plain:.2f} s, from the cache "
        f"{t_rc:.3f} s (ratio {t_rc / t_plain:.3f}, {r.cache_status})"
    )
    print("\nskill against the base rate (Brier skill of the mean event Brier):")
    f = res.to_frame()
    print(f[["method", "horizon", "brier_events", "bss", "n"]].to_string(index=False))
    if args.json:
        args.json.write_text(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
