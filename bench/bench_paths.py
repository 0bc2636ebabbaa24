"""Benchmark: Monte Carlo paths per second for the target-probability methods.

Run: ``.venv/bin/python bench/bench_paths.py [--sizes 100000 1000000] [--json out.json]``

One process. For each method (a plain vectorised numpy GBM written here as the reference, then the
numba kernels for GBM, the stationary block bootstrap and GARCH(1,1)-t) and each path count, it
simulates 252 sessions with touch detection (running max and min) and the terminal value, counts
touches of two levels and takes the terminal quantiles: the work :func:`target_probabilities`
does per method, without the fan chart. Compilation happens in a warm-up call and is reported
apart. Peak memory is the resident set size sampled every 2 ms during each case, above what the
process held before it (numba's allocations bypass tracemalloc). Finally it checks that a seed
gives identical numbers with 1 and 2 threads, and times one full ``target_probabilities`` call.

Reference for GARCH: arch's own simulation (``forecast(method="simulation")`` of the same fitted
model, vectorised over paths, 252 sessions), at ``--arch-paths`` paths. Each kernel's speed is
printed as a ratio to its reference (numpy for GBM and the bootstrap, arch for GARCH), and per
thread (CPU time of a one-thread run), which a loaded machine disturbs least.

Targets (issue 3): GBM and bootstrap >= 500,000 paths/s (1,000,000 paths in < 2 s), peak < 1 GB;
(issue 9): GARCH >= 400,000 paths/s. For GARCH it also reports where a path's time goes (the
Student-t shocks alone against the whole kernel, one thread) and what building the ziggurat tables
for a new ``nu`` costs.
"""

from __future__ import annotations

import argparse
import json
import os
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd

STEPS = 252
LEVELS = (0.08, -0.12)  # log distances of one upside and one downside level
REF_CHUNK = 100_000  # the numpy reference holds a (chunk, 252) matrix: 200 MB


def rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class PeakRSS:
    """Samples the resident set size in a thread; ``peak`` is the maximum above the start."""

    def __enter__(self) -> PeakRSS:
        self.start = rss_bytes()
        self.peak = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)
        self._t.start()
        return self

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_bytes() - self.start)
            time.sleep(0.002)

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._t.join()
        self.peak = max(self.peak, rss_bytes() - self.start)


def load_prices() -> pd.Series:
    shared = Path(os.environ.get("THESIS_SHARED", Path(__file__).resolve().parents[2] / "shared"))
    f = shared / "data" / "sp500_daily_fred.csv"
    if f.exists():
        df = pd.read_csv(f, parse_dates=["date"])
        return df.set_index("date")["close"].rename("sp500")
    g = np.random.default_rng(0)  # no shared data: GBM-like synthetic closes
    idx = pd.bdate_range(end="2025-11-26", periods=2500, name="date")
    return pd.Series(2000 * np.exp(np.cumsum(g.normal(3e-4, 0.011, 2500))), index=idx, name="synth")


def numpy_reference(n_paths: int, mu: float, sigma: float, rng: np.random.Generator):
    """Plain vectorised numpy GBM, in chunks of REF_CHUNK paths."""
    terminal = np.empty(n_paths)
    touch = np.zeros(len(LEVELS))
    for off in range(0, n_paths, REF_CHUNK):
        k = min(REF_CHUNK, n_paths - off)
        x = np.cumsum(mu + sigma * rng.standard_normal((k, STEPS)), axis=1)
        mx, mn = x.max(axis=1), x.min(axis=1)
        terminal[off : off + k] = x[:, -1]
        for i, b in enumerate(LEVELS):
            touch[i] += np.count_nonzero(mx >= b if b > 0 else mn <= b)
    return touch / n_paths, np.quantile(terminal, [0.05, 0.25, 0.5, 0.75, 0.95])


def kernel_run(model, n_paths: int, key: np.uint64):
    """What target_probabilities does per method, minus the fan: chunks, counts, quantiles."""
    from thesis.analysis.paths import CHUNK_PATHS

    terminal = np.empty(n_paths)
    touch = np.zeros(len(LEVELS))
    for off in range(0, n_paths, CHUNK_PATHS):
        k = min(CHUNK_PATHS, n_paths - off)
        mx, mn, rec = model.simulate(STEPS, k, key, [STEPS], off)
        terminal[off : off + k] = rec[:, 0]
        for i, b in enumerate(LEVELS):
            touch[i] += np.count_nonzero(mx >= b if b > 0 else mn <= b)
    return touch / n_paths, np.quantile(terminal, [0.05, 0.25, 0.5, 0.75, 0.95])


GARCH_TARGET = 400_000  # paths/s, issue 9


def profile_garch(model, n_paths: int = 200_000) -> dict[str, float]:
    """Where a GARCH path's time goes, on the calling thread: the Student-t shocks alone (the
    kernel's own sampler over the same streams) against the whole kernel, in CPU ns per
    path-session; and the cost of building the ziggurat tables for a ``nu`` not seen before.
    Empty when run against an older tree (``PYTHONPATH=<old checkout>/src``) that has no
    Student-t ziggurat."""
    import numba

    from thesis.analysis import _kernels as K

    if not hasattr(K, "t_tables"):  # a tree from before the Student-t ziggurat (for before/after)
        return {}

    @numba.njit
    def shocks_only(key, n_paths, n_steps, tx, tf, nu, r, w_tail):
        buf = np.empty(n_steps)
        layer = np.empty(n_steps, dtype=np.uint64)
        acc = 0.0
        for j in range(n_paths):
            K._t_fill(K.path_key(key, j), buf, layer, tx, tf, nu, r, w_tail)
            acc += buf[j % n_steps]
        return acc

    p = model.params_
    tb = K.t_tables(p["nu"])
    key = np.uint64(11)
    args = (tb.x, tb.f, tb.nu, tb.r, tb.w_tail)
    shocks_only(key, 10, STEPS, *args)
    t0 = time.process_time()
    shocks_only(key, n_paths, STEPS, *args)
    shocks = time.process_time() - t0
    t0 = time.process_time()
    model.simulate(STEPS, n_paths, key, [STEPS])
    kernel = time.process_time() - t0
    t0 = time.perf_counter()
    for i in range(20):
        K.t_tables.__wrapped__(p["nu"] + 0.001 * (i + 1))
    tables = (time.perf_counter() - t0) / 20
    per = 1e9 / (n_paths * STEPS)
    return {"shocks_ns": shocks * per, "kernel_ns": kernel * per, "tables_ms": 1e3 * tables}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--arch-paths", type=int, default=20_000)
    args = ap.parse_args()

    import numba

    from thesis.analysis.paths import BootstrapModel, GarchModel, GBMModel, target_probabilities

    prices = load_prices()
    as_of = prices.index[-1]
    t0 = time.perf_counter()
    models = {
        "gbm": GBMModel().fit(prices, as_of),
        "bootstrap": BootstrapModel().fit(prices, as_of),
        "garch": GarchModel().fit(prices, as_of),
    }
    fit_s = time.perf_counter() - t0
    gbm = models["gbm"]
    key = np.uint64(20251126)
    threads = numba.get_num_threads()
    print(
        f"data: {prices.name}, {len(prices):,} closes to {as_of.date()}; models fitted in {fit_s:.2f} s"
    )
    print(f"cores: {os.cpu_count()}, numba threads: {threads}, load average {os.getloadavg()}")

    from thesis.analysis import _kernels as K

    t0 = time.perf_counter()
    floor = K.PARALLEL_MIN_WORK
    try:  # both variants of each kernel: the serial one, then (work floor 0) the prange one
        for K.PARALLEL_MIN_WORK in (floor, 0):
            for m in models.values():
                kernel_run(m, 1000, key)
    finally:
        K.PARALLEL_MIN_WORK = floor
    print(f"warm-up (numba compile or cache load): {time.perf_counter() - t0:.2f} s\n")

    rows = []
    cases = [("numpy reference GBM", None)] + [(k, v) for k, v in models.items()]
    for name, model in cases:
        for n in args.sizes:
            with PeakRSS() as mem:
                t0 = time.perf_counter()
                if model is None:
                    p, _q = numpy_reference(n, gbm.mu_, gbm.sigma_, np.random.default_rng(1))
                else:
                    p, _q = kernel_run(model, n, key)
                dt = time.perf_counter() - t0
            rows.append(
                {"method": name, "paths": n, "seconds": dt, "paths_per_s": n / dt,
                 "peak_mb": mem.peak / 2**20, "p_touch_up": p[0], "p_touch_down": p[1]}
            )  # fmt: skip
            r = rows[-1]
            print(
                f"{name:22s} {n:>9,} paths  {dt:6.2f} s  {r['paths_per_s']:>11,.0f} paths/s  "
                f"peak +{r['peak_mb']:6.0f} MB  P(touch +8%)={p[0]:.4f} P(touch -12%)={p[1]:.4f}"
            )

    # references: arch's GARCH simulation; each kernel per thread (CPU time, one thread)
    g = models["garch"]
    from arch.univariate import GARCH, StudentsT, ZeroMean

    y = 100 * np.diff(np.log(prices.to_numpy()))
    am = ZeroMean(y - y.mean(), volatility=GARCH(),
                  distribution=StudentsT(seed=np.random.default_rng(3)))  # fmt: skip
    fixed = am.fix([float(g.params_[k]) for k in ("omega", "alpha[1]", "beta[1]", "nu")])
    t0 = time.perf_counter()
    fixed.forecast(horizon=STEPS, method="simulation", simulations=args.arch_paths,
                   reindex=False)  # fmt: skip
    arch_s = time.perf_counter() - t0
    arch_rate = args.arch_paths / arch_s
    print(f"\n{'arch GARCH simulation':22s} {args.arch_paths:>9,} paths  {arch_s:6.2f} s  "
          f"{arch_rate:>11,.0f} paths/s  (reference for GARCH)")  # fmt: skip
    n_big = max(args.sizes)
    best = {r["method"]: r["paths_per_s"] for r in rows if r["paths"] == n_big}
    ratios = {
        "gbm_vs_numpy": best["gbm"] / best["numpy reference GBM"],
        "bootstrap_vs_numpy": best["bootstrap"] / best["numpy reference GBM"],
        "garch_vs_arch": best["garch"] / arch_rate,
    }
    for k, v in ratios.items():
        print(f"ratio {k}: {v:,.1f}")
    per_thread = {}
    numba.set_num_threads(1)
    for name, model in models.items():
        t0 = time.process_time()
        kernel_run(model, 200_000, key)
        per_thread[name] = 200_000 / (time.process_time() - t0)
    garch_profile = profile_garch(g)
    numba.set_num_threads(threads)
    print("per thread (CPU time, 200,000 paths, one thread): " + ", ".join(
        f"{k} {v:,.0f} paths/s" for k, v in per_thread.items()))  # fmt: skip
    if garch_profile:
        print(
            f"GARCH, one thread, ns per path-session: shocks {garch_profile['shocks_ns']:.2f}, "
            f"whole kernel {garch_profile['kernel_ns']:.2f} (recursion, max/min, records: the "
            f"rest); t tables for a new nu {garch_profile['tables_ms']:.2f} ms"
        )
    for r in rows:
        if r["method"] == "garch":
            ok = "met" if r["paths_per_s"] >= GARCH_TARGET else "NOT met"
            print(f"GARCH target >= {GARCH_TARGET:,} paths/s at {r['paths']:,} paths: {ok} "
                  f"({r['paths_per_s']:,.0f}, {threads} threads)")  # fmt: skip

    # reproducibility: the same key with 1 and with all threads gives identical arrays
    repro = {}
    for name in ("gbm", "bootstrap", "garch"):
        outs, times = [], []
        for t in sorted({1, threads}):
            numba.set_num_threads(t)
            t0 = time.perf_counter()
            outs.append(models[name].simulate(STEPS, 100_000, key, [63, STEPS]))
            times.append(time.perf_counter() - t0)
        numba.set_num_threads(threads)
        same = all(np.array_equal(a, b) for a, b in zip(outs[0], outs[-1], strict=True))
        repro[name] = same
        print(f"reproducible 1 vs {threads} threads, {name:9s}: {same}  (100k paths: "
              + ", ".join(f"{x:.2f} s" for x in times) + ")")  # fmt: skip

    # the whole analysis at 1,000,000 paths for GBM and bootstrap (fan from 20,000 paths)
    with PeakRSS() as mem:
        t0 = time.perf_counter()
        res = target_probabilities(
            prices, subject="sp500", as_of=as_of, horizon=as_of + pd.Timedelta(days=365),
            thresholds=[float(prices.iloc[-1]) * 1.08], targets=[float(prices.iloc[-1]) * 1.12],
            methods=("gbm", "bootstrap"), n_paths=1_000_000, rng=np.random.default_rng(7),
        )  # fmt: skip
        full_s = time.perf_counter() - t0
    print(
        f"\ntarget_probabilities(gbm+bootstrap, 1,000,000 paths, {res.horizon_sessions} sessions, "
        f"fan): {full_s:.2f} s, peak +{mem.peak / 2**20:.0f} MB"
    )
    import resource

    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"process peak RSS (ru_maxrss): {maxrss:.0f} MB; load average at the end {os.getloadavg()}"
    )
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "rows": rows,
                    "reproducible": repro,
                    "full_1m_s": full_s,
                    "full_1m_peak_mb": mem.peak / 2**20,
                    "maxrss_mb": maxrss,
                    "threads": threads,
                    "arch_garch_paths_per_s": arch_rate,
                    "ratios": ratios,
                    "per_thread_paths_per_s": per_thread,
                    "garch_profile": garch_profile,
                    "load_average": os.getloadavg(),
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
