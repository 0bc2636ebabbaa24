"""Benchmark the store (a script, not a test): ``python bench/bench_store.py [SHARED_DATA_DIR]``.

Reports
- the import of all of ``../shared/data`` into a fresh store (seconds);
- ``Store.get`` of 10 years of daily ``sp500`` (median microseconds over 1,000 calls; target < 5 ms);
- the same read with ``pandas.read_csv`` of the source file plus a filter to the window, and the
  ratio of the two medians.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from thesis.data.providers.csv import import_path
from thesis.data.store import Store

ROOT = Path(__file__).resolve().parents[1]
START, END = "2016-02-12", "2026-02-11"  # 10 years of daily closes
N = 1_000


def median_us(fn, n: int = N) -> float:
    fn()  # warm up (connection, caches)
    times = []
    for _ in range(n):
        t0 = time.perf_counter_ns()
        fn()
        times.append(time.perf_counter_ns() - t0)
    return statistics.median(times) / 1e3


def main() -> None:
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"
    if not shared.is_dir():
        sys.exit(f"{shared} is absent: pass the shared data folder as the first argument")
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "market.duckdb")
        t0 = time.perf_counter()
        rep = import_path(store, shared)
        import_s = time.perf_counter() - t0
        rows = len(store.get("sp500", START, END))
        get_us = median_us(lambda: store.get("sp500", START, END))
        src = shared / "sp500_daily_fred.csv"

        def via_pandas() -> pd.Series:
            df = pd.read_csv(src, parse_dates=["date"], index_col="date")
            return df.loc[START:END, "close"]

        assert len(via_pandas()) == rows
        csv_us = median_us(via_pandas)
        store.close()
    print(f"{'measure':<52} {'value':>12}")
    print(f"{'-' * 52} {'-' * 12}")
    print(
        f"{'import all of shared/data (' + str(rep.new_rows) + ' rows), s':<52} {import_s:>12.2f}"
    )
    print(f"{'Store.get sp500 10y (' + str(rows) + ' rows), median us':<52} {get_us:>12.0f}")
    print(f"{'pandas read_csv + filter, median us':<52} {csv_us:>12.0f}")
    print(f"{'ratio read_csv / Store.get':<52} {csv_us / get_us:>12.2f}")
    print(f"{'target Store.get < 5000 us':<52} {'met' if get_us < 5000 else 'MISSED':>12}")


if __name__ == "__main__":
    main()
