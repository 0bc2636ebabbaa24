"""Benchmark: a batch of generated theses serially, on a 1-worker and on a 2-worker LocalCluster.

Run: ``.venv/bin/python bench/bench_batch.py [--theses 200] [--paths 10000] [--store PATH] [--json out.json]``

One process drives all three runs on the same theses and the same snapshot (the bundled offline
store by default, built with ``thesis data bundle``): in this process, then on a LocalCluster of
one worker and of two workers (one thread each, one BLAS/numba thread each). It reports theses per
second, the 2-worker speed-up over 1 worker (target ≥ 1.7× on 2 cores), the scheduler's overhead
per task (wall time × workers minus the time spent inside tasks, per task), the bytes shipped per
task each way, and checks that the facts are bit-identical across the three runs.

The theses: one template (no valuation, Fed or portfolio sections, so that every series qualifies)
× every daily index or price series with enough history × levels at −10 %, +5 %, +10 %, +20 % of
the close on each as_of × several as_of dates, cut to ``--theses``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

TEMPLATE = """
title = "generated thesis"
as_of = 2019-12-31
horizon = 2021-12-31
seed = 1
[index]
series = "sp500"
name = "the series"
thresholds = [1]
[earnings]
eps_series = ""
level_monthly = ""
inflation_index = ""
long_yield = ""
[rates]
policy_series = ""
recession_series = ""
[compare]
small_caps = ""
large_caps = ""
bonds = ""
gold = ""
vix = ""
smb = ""
[analysis]
methods = ["gbm", "bootstrap", "garch"]
n_paths = {paths}
calibrate = false
"""

AS_OF = ["2014-12-31", "2016-06-30", "2017-12-29", "2019-06-28", "2020-12-31"]
MOVES = [[-10], [5], [10], [20]]


def theses(store, n: int, paths: int):
    import tomllib

    from thesis.scale.grid import expand_grid
    from thesis.scale.sweep import sweepable_series

    series = [s for s in sweepable_series(store) if store.info(s).kind in ("index", "price")]
    base = tomllib.loads(TEMPLATE.format(paths=paths))
    grid = {"index.series": series, "as_of": AS_OF, "index.thresholds_pct": MOVES}
    out = []
    for i, spec in enumerate(expand_grid(base, grid, store, name="bench")):
        out.append(spec.with_overrides(seed=1000 + i))
        if len(out) >= n:
            break
    return out


def facts(out: Path) -> dict[str, str]:
    return {p.parent.name: p.read_text() for p in sorted(out.glob("*/facts.json"))}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--theses", type=int, default=200)
    ap.add_argument("--paths", type=int, default=10_000)
    ap.add_argument(
        "--store", default=None, help="store file (default: $THESIS_HOME/market.duckdb)"
    )
    ap.add_argument("--json", default=None)
    args = ap.parse_args()

    from distributed import Client

    from thesis.data.store import Store
    from thesis.scale.batch import run_batch
    from thesis.scale.executor import local_cluster

    store = Store(args.store, read_only=True)
    specs = theses(store, args.theses, args.paths)
    print(f"{len(specs)} theses, {args.paths:,} paths per method, store {store.path}")
    work = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    results: dict[str, dict] = {}
    try:
        runs = {"serial": None, "1 worker": 1, "2 workers": 2}
        for name, n in runs.items():
            out = work / name.replace(" ", "_")
            snapshots = work / "snapshots"
            if n is None:
                # warm this process (imports, numba compilation) outside the timed batch
                run_batch(
                    specs[:1], store, work / "warm0", with_scorecard=False, snapshot_root=snapshots
                )
                rep = run_batch(specs, store, out, with_scorecard=False, snapshot_root=snapshots)
            else:
                with (
                    local_cluster(n, dashboard_address=None) as cluster,
                    Client(cluster) as client,
                ):
                    # warm the workers (imports, numba compilation) outside the timed batch
                    warm = run_batch(
                        specs[:n],
                        store,
                        work / f"warm{n}",
                        client=client,
                        with_scorecard=False,
                        snapshot_root=snapshots,
                    )
                    assert not warm.failed, warm.failed
                    rep = run_batch(
                        specs,
                        store,
                        out,
                        client=client,
                        with_scorecard=False,
                        snapshot_root=snapshots,
                    )
            k = len(rep.done)
            workers = n or 1
            results[name] = {
                "theses": k,
                "failed": len(rep.failed),
                "wall_s": round(rep.wall_s, 2),
                "theses_per_s": round(k / rep.wall_s, 3),
                "task_s_mean": round(rep.task_s / max(k, 1), 3),
                "overhead_per_task_s": round((rep.wall_s * workers - rep.task_s) / max(k, 1), 4),
                "bytes_in_per_task": rep.bytes_in // max(k, 1),
                "bytes_out_per_task": rep.bytes_out // max(k, 1),
                "snapshot_bytes": rep.snapshot["bytes"],
            }
            print(f"{name:>10}: {json.dumps(results[name])}", flush=True)
            if rep.failed:
                first = next(iter(rep.failed.items()))
                print(f"  first failure: {first[0]}: {first[1].splitlines()[0]}")
        same = facts(work / "serial") == facts(work / "1_worker") == facts(work / "2_workers")
        speedup = results["2 workers"]["theses_per_s"] / results["1 worker"]["theses_per_s"]
        summary = {
            "theses": len(specs),
            "paths": args.paths,
            "cores": os.cpu_count(),
            "speedup_2w_over_1w": round(speedup, 2),
            "target_speedup": 1.7,
            "facts_bit_identical": same,
            "runs": results,
        }
        print(
            f"2 workers / 1 worker: {speedup:.2f}x (target >= 1.7x); facts identical across runs: {same}"
        )
        if args.json:
            Path(args.json).write_text(json.dumps(summary, indent=2))
        return 0 if same else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
