"""How long each analysis step of `thesis run` takes over generated theses, and whether two code
versions state the same facts.

Draws ``-n`` theses with the hypothesis strategy :func:`thesis.testing.thesis_texts` (seeded:
``derandomize`` with ``--seed`` picks the same theses on every machine and in every checkout whose
strategy is the same) on the store built from ``../shared/data``, runs each with ``cache=False``
(every step computed, nothing read back), and reports the median milliseconds per step (from the
manifest's ``timings_s``; a step that did not apply to a thesis does not count in its median).

``--dump FILE`` also writes, for those theses and the seed and demo theses (fewer paths, no
calibration: the steps measured here do not depend on either), every fact (id, value as its exact
``repr``, unit, as_of, method, lineage, label, decimals), every note, every chart and table input
(columns, dtypes, index and the bytes of each column's values) and the key dates, as a pickle.
``--compare BEFORE AFTER`` reads two such dumps and lists every difference ("0 differences" when
none). The timing runs and the comparison runs are the same runs.

Compare two checkouts (the "before" from a clean checkout of main)::

    git worktree add /tmp/before main
    PYTHONPATH=/tmp/before/src python bench/bench_steps.py --store S --bundled B -n 60 \\
        --dump before.pkl --json before.json
    PYTHONPATH=src python bench/bench_steps.py --store S --bundled B -n 60 \\
        --dump after.pkl --json after.json
    python bench/bench_steps.py --compare before.pkl after.pkl
    python bench/bench_steps.py --ratio before.json after.json

Timings move with the machine's load: run both on an idle machine, or read the ratio with care.
Not run in CI.
"""

from __future__ import annotations

import argparse
import json
import pickle
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "sp500-ai-rally-2026.toml"
DEMO = ROOT / "examples" / "demo-bundled.toml"


def draw_theses(store: Any, n: int, seed: int) -> list[str]:
    """``n`` thesis texts from :func:`thesis.testing.thesis_texts`, the same for the same seed."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hseed

    from thesis.testing import thesis_texts

    texts: list[str] = []

    @hseed(seed)
    @settings(
        max_examples=n,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(text=thesis_texts(store, n_paths=1_000))
    def collect(text: str) -> None:
        texts.append(text)

    collect()
    return texts[:n]


def _frame_key(df: Any) -> Any:
    """A frame or series as comparable, exact parts (the bytes of each numeric column)."""
    if isinstance(df, pd.Series):
        df = df.to_frame(name=("__series__", df.name))
    if not isinstance(df, pd.DataFrame):
        return ("object", repr(df))
    cols = []
    for c in df.columns:
        s = df[c]
        a = s.to_numpy()
        body = a.tobytes() if a.dtype.kind in "biufcmM" else tuple(map(repr, a.tolist()))
        cols.append((repr(c), str(s.dtype), body))
    ix = df.index
    ia = ix.to_numpy()
    ibody = ia.tobytes() if ia.dtype.kind in "biufcmM" else tuple(map(repr, ia.tolist()))
    return (
        tuple(cols),
        (type(ix).__name__, str(ix.dtype), tuple(map(repr, ix.names)), ibody),
        repr(getattr(ix, "freqstr", None)),
        repr(sorted(df.attrs.items(), key=lambda kv: str(kv[0]))),
    )


def _fact_key(f: Any) -> tuple:
    return (
        f.id,
        type(f.value).__name__,
        repr(f.value),
        f.unit,
        f.as_of,
        f.method,
        tuple(json.dumps(s.to_dict(), sort_keys=True, default=str) for s in f.lineage),
        f.label,
        f.decimals,
    )


def _key_dates(kd: Any) -> str:
    """The key dates' repr, their tickers sorted (a frozenset's order changes with the process's
    hash seed)."""
    if kd is None:
        return "None"
    import dataclasses

    ctx = dataclasses.replace(kd.context, tickers=tuple(sorted(kd.context.tickers)))
    return repr(dataclasses.replace(kd, context=ctx))


def snapshot(res: Any) -> dict[str, Any]:
    """Everything a run states that the steps feed: facts, notes, chart and table inputs."""
    out = res.outlook
    return {
        "facts": [_fact_key(f) for f in res.facts],
        "notes": dict(res.notes),
        "charts": {k: _frame_key(v) for k, v in out.charts.items()},
        "tables": {k: _frame_key(v) for k, v in out.tables.items()},
        "key_dates": _key_dates(out.key_dates),
        "left_out": [repr(x) for x in res.left_out],
        "not_applicable": list(res.not_applicable),
    }


#: each step's seconds in the current run, to the microsecond (the manifest rounds to the ms)
_CLOCK: dict[str, float] = {}


def _timed_steps() -> None:
    """Wrap each step of :data:`thesis.pipeline.STEPS` in a clock (its result unchanged)."""
    import dataclasses

    from thesis import pipeline

    def wrap(name: str, fn: Any) -> Any:
        def run(ctx: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return fn(ctx)
            finally:
                _CLOCK[name] = time.perf_counter() - t0

        return run

    pipeline.STEPS = tuple(dataclasses.replace(s, run=wrap(s.name, s.run)) for s in pipeline.STEPS)


def run_one(spec: Any, store: Any) -> tuple[dict[str, float], dict[str, Any]]:
    from thesis.pipeline import run_thesis

    _CLOCK.clear()
    res = run_thesis(spec, store, cache=False)
    timings = dict(_CLOCK)
    timings["total"] = float(res.manifest["timings_s"]["total"])
    return timings, snapshot(res)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, help="store built from ../shared/data")
    ap.add_argument("--bundled", type=Path, help="the bundled store (the demo thesis)")
    ap.add_argument("-n", type=int, default=40, help="generated theses")
    ap.add_argument("--seed", type=int, default=0, help="hypothesis seed")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each thesis (median taken)")
    ap.add_argument("--json", type=Path, help="write the per-step medians here")
    ap.add_argument("--dump", type=Path, help="write facts, notes and charts here (a pickle)")
    ap.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    ap.add_argument("--ratio", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = ap.parse_args()
    if args.compare:
        sys.exit(compare(*args.compare))
    if args.ratio:
        ratio(*args.ratio)
        return
    if args.store is None:
        ap.error("--store is required")

    from thesis.data.store import Store
    from thesis.errors import ThesisError
    from thesis.spec import load_thesis, parse_thesis

    per_step: dict[str, list[float]] = {}
    totals: list[float] = []
    dump: dict[str, Any] = {}
    with Store(args.store, read_only=True) as store:
        import thesis

        print("thesis from", Path(thesis.__file__).parent)
        texts = draw_theses(store, args.n, args.seed)
        _timed_steps()
        cases: list[tuple[str, Any, Any]] = []
        for i, text in enumerate(texts):
            try:
                spec = parse_thesis(text, where=f"gen{i}.toml")
            except ThesisError as e:
                dump[f"gen{i}"] = {"error": repr(e)}
                continue
            cases.append((f"gen{i}", spec, store))
        fast = {"calibrate": False, "n_paths": 4_000}
        seed = load_thesis(SEED)
        cases.append(
            ("seed", seed.with_overrides(analysis=seed.analysis.model_dump() | fast), store)
        )
        bundled = Store(args.bundled, read_only=True) if args.bundled else None
        try:
            if bundled is not None:
                demo = load_thesis(DEMO)
                a = demo.analysis.model_dump() | fast
                cases.append(("demo", demo.with_overrides(analysis=a), bundled))
            for name, spec, st in cases:
                runs = []
                snap: dict[str, Any] = {}
                for _ in range(args.repeat):
                    t0 = time.perf_counter()
                    try:
                        timings, snap = run_one(spec, st)
                    except ThesisError as e:
                        snap = {"error": repr(e)}
                        break
                    timings["run (wall)"] = time.perf_counter() - t0
                    runs.append(timings)
                dump[name] = snap
                if not runs or not name.startswith("gen"):
                    continue
                for step in runs[0]:
                    per_step.setdefault(step, []).append(
                        statistics.median(r[step] for r in runs) * 1000
                    )
                totals.append(statistics.median(r["run (wall)"] for r in runs) * 1000)
        finally:
            if bundled is not None:
                bundled.close()
    medians = {k: round(statistics.median(v), 2) for k, v in per_step.items()}
    counts = {k: len(v) for k, v in per_step.items()}
    print(f"{len(totals)} generated theses ran (of {args.n}); median ms per step:")
    for k, v in sorted(medians.items(), key=lambda kv: -kv[1]):
        print(f"  {k:20s} {v:9.2f}  (n={counts.get(k, len(totals))})")
    if args.json:
        args.json.write_text(json.dumps({"median_ms": medians, "n": counts}, indent=1))
    if args.dump:
        args.dump.write_bytes(pickle.dumps(dump))


def ratio(before: Path, after: Path) -> None:
    """Print each step's median before and after, and before / after."""
    b = json.loads(before.read_text())["median_ms"]
    a = json.loads(after.read_text())["median_ms"]
    print(f"{'step':20s} {'before ms':>10s} {'after ms':>10s} {'ratio':>7s}")
    for k in sorted(b, key=lambda k: -b[k]):
        if k in a:
            r = b[k] / a[k] if a[k] else float("inf")
            print(f"{k:20s} {b[k]:10.2f} {a[k]:10.2f} {r:7.2f}")


def compare(before: Path, after: Path) -> int:
    """Print every difference between two dumps; the exit code is 1 when there is one."""
    b = pickle.loads(before.read_bytes())
    a = pickle.loads(after.read_bytes())
    diffs: list[str] = []
    if set(b) != set(a):
        diffs.append(f"cases differ: {sorted(set(b) ^ set(a))}")
    n_facts = 0
    for name in sorted(set(b) & set(a)):
        x, y = b[name], a[name]
        for part in sorted(set(x) | set(y)):
            if part not in x or part not in y:
                diffs.append(f"{name}: {part} only on one side")
                continue
            if part == "facts":
                n_facts += len(x[part])
                fx = {f[0]: f for f in x[part]}
                fy = {f[0]: f for f in y[part]}
                if [f[0] for f in x[part]] != [f[0] for f in y[part]]:
                    diffs.append(f"{name}: the facts' ids or order differ")
                for fid in sorted(set(fx) | set(fy)):
                    if fx.get(fid) != fy.get(fid):
                        diffs.append(f"{name}: fact {fid}: {fx.get(fid)} != {fy.get(fid)}")
            elif part in ("charts", "tables", "notes"):
                for k in sorted(set(x[part]) | set(y[part])):
                    if x[part].get(k) != y[part].get(k):
                        diffs.append(f"{name}: {part}[{k}] differs")
            elif x[part] != y[part]:
                diffs.append(f"{name}: {part} differs")
    for d in diffs:
        print(d)
    ok = sum(1 for v in b.values() if "facts" in v)
    print(f"{len(b)} cases ({ok} ran), {n_facts} facts compared: {len(diffs)} differences")
    return 1 if diffs else 0


if __name__ == "__main__":
    main()
