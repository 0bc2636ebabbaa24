"""Benchmark: `build_charts` on the demo and seed outlooks, this tree against a git revision.

For each outlook (the demo on the bundled store, the seed thesis on the store built from
``../shared/data``, specs as in ``tests/shared_runs.py`` and runs as ``tests/conftest.py``'s
``demo_run``/``seed_run``) it

1. builds every chart with the charts module of this tree and with the one at ``--base`` (a git
   revision, loaded from ``git show`` as a separate module, so both run in one process on the same
   outlook);
2. times each chart builder, interleaving old and new, and reports the median CPU ms per chart and
   in total (``time.process_time``: the machine is shared, CPU time moves much less than wall
   time with the load);
3. decodes every PNG of both (Pillow → numpy RGBA) and reports per chart whether the pixels are
   identical, else the image sizes, the largest absolute channel difference and the number of
   pixels that differ; and the PNG sizes in bytes.

The outlooks are built once and pickled under ``--cache`` (default: a folder in the system temp
directory), so a second run starts at the timing. Not run in CI.

    python bench/bench_charts.py --base main --repeats 7 --json bench_charts.json
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("THESIS_SHARED", ROOT.parent / "shared"))
sys.path.insert(0, str(ROOT / "tests"))


def _outlooks(cache: Path) -> dict[str, Any]:
    """``{"demo": Outlook, "seed": Outlook}``, built once and pickled under ``cache``."""
    cache.mkdir(parents=True, exist_ok=True)
    out: dict[str, Any] = {}
    for name in ("demo", "seed"):
        pkl = cache / f"{name}.outlook.pkl"
        if pkl.exists():
            out[name] = pickle.loads(pkl.read_bytes())
            continue
        outlook = _run(name, cache)
        if outlook is None:
            continue
        pkl.write_bytes(pickle.dumps(outlook))
        out[name] = outlook
    return out


def _run(name: str, cache: Path) -> Any:
    import datetime as dt

    from shared_runs import demo_spec, seed_spec

    from thesis.data.store import Store
    from thesis.pipeline import run_thesis

    store_path = cache / f"{name}.duckdb"
    if not store_path.exists():
        if name == "demo":
            from thesis.data.providers.bundled import build_bundle

            with Store(store_path) as writer:
                build_bundle(writer)
        else:
            if not (SHARED / "data").is_dir():
                print(f"(seed skipped: {SHARED / 'data'} is absent)")
                return None
            from thesis.data.providers.csv import import_path

            with Store(store_path) as writer:
                import_path(writer, SHARED / "data")
    if name == "demo":
        spec = demo_spec()
    else:
        spec = seed_spec(
            calibrate=True, calibration_paths=300, calibration_start=dt.date(2022, 1, 1)
        )
    with Store(store_path, read_only=True) as store:
        res = run_thesis(spec, store, out_dir=None, cache=False)
    return res.outlook


def _module_at(rev: str) -> ModuleType:
    """``thesis.writing.charts`` as it is at git revision ``rev``, as a module of its own."""
    src = subprocess.run(
        ["git", "show", f"{rev}:src/thesis/writing/charts.py"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    path = Path(tempfile.mkdtemp(prefix="bench_charts_")) / "charts_base.py"
    path.write_text(src)
    spec = importlib.util.spec_from_file_location("thesis_charts_base", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["thesis_charts_base"] = mod  # dataclasses look their module up by name
    spec.loader.exec_module(mod)
    return mod


def _rgba(png: bytes) -> Any:
    import numpy as np
    from PIL import Image

    with Image.open(io.BytesIO(png)) as im:
        return np.asarray(im.convert("RGBA"))


def _compare(a: bytes, b: bytes) -> dict[str, Any]:
    import numpy as np

    x, y = _rgba(a), _rgba(b)
    if x.shape != y.shape:
        return {"identical": False, "shape_base": x.shape, "shape_new": y.shape}
    d = np.abs(x.astype(np.int16) - y.astype(np.int16))
    changed = int((d.max(axis=2) > 0).sum())
    return {
        "identical": changed == 0,
        "max_abs_diff": int(d.max()),
        "changed_pixels": changed,
        "pixels": int(x.shape[0] * x.shape[1]),
    }


def _time_builders(mods: dict[str, ModuleType], outlook: Any, repeats: int) -> dict[str, Any]:
    """Median CPU ms of each chart builder for each module, runs interleaved."""
    times: dict[str, dict[str, list[float]]] = {k: {} for k in mods}
    pngs: dict[str, dict[str, bytes]] = {k: {} for k in mods}
    names = list(next(iter(mods.values())).CHART_BUILDERS)
    for r in range(repeats + 1):  # the first round warms fonts and caches for both
        for label, mod in mods.items():
            for name in names:
                builder = mod.CHART_BUILDERS.get(name)
                if builder is None:
                    continue
                t = time.process_time()
                chart = builder(outlook)
                dt_ms = (time.process_time() - t) * 1e3
                if chart is None:
                    continue
                pngs[label][name] = chart.png
                if r:
                    times[label].setdefault(name, []).append(dt_ms)
    med = {k: {n: statistics.median(v) for n, v in t.items()} for k, t in times.items()}
    return {"median_ms": med, "png": pngs}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", default="main", help="git revision to compare against")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "thesis_bench_charts"
    )
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--save", type=Path, default=None, help="write every PNG of both here")
    args = ap.parse_args()

    import thesis.writing.charts as new

    mods = {"base": _module_at(args.base), "new": new}
    report: dict[str, Any] = {"base": args.base, "repeats": args.repeats, "outlooks": {}}
    for oname, outlook in _outlooks(args.cache).items():
        res = _time_builders(mods, outlook, args.repeats)
        med, pngs = res["median_ms"], res["png"]
        rows = {}
        print(f"\n{oname}: median CPU ms of {args.repeats} runs, base={args.base} vs this tree")
        print(
            f"  {'chart':<14}{'base ms':>9}{'new ms':>9}{'ratio':>7}{'base B':>9}{'new B':>9}  pixels"
        )
        for name in med["base"]:
            if name not in med["new"]:
                continue
            cmp = _compare(pngs["base"][name], pngs["new"][name])
            b, n = med["base"][name], med["new"][name]
            sb, sn = len(pngs["base"][name]), len(pngs["new"][name])
            rows[name] = {"base_ms": b, "new_ms": n, "base_bytes": sb, "new_bytes": sn, **cmp}
            what = (
                "identical"
                if cmp["identical"]
                else f"DIFFER max {cmp.get('max_abs_diff')} on {cmp.get('changed_pixels')} px"
            )
            print(f"  {name:<14}{b:9.1f}{n:9.1f}{b / n:7.2f}{sb:9d}{sn:9d}  {what}")
            if args.save:
                args.save.mkdir(parents=True, exist_ok=True)
                (args.save / f"{oname}.{name}.base.png").write_bytes(pngs["base"][name])
                (args.save / f"{oname}.{name}.new.png").write_bytes(pngs["new"][name])
        tb = sum(r["base_ms"] for r in rows.values())
        tn = sum(r["new_ms"] for r in rows.values())
        bb = sum(r["base_bytes"] for r in rows.values())
        nb = sum(r["new_bytes"] for r in rows.values())
        print(f"  {'total':<14}{tb:9.1f}{tn:9.1f}{tb / tn:7.2f}{bb:9d}{nb:9d}")
        report["outlooks"][oname] = {"charts": rows, "base_ms": tb, "new_ms": tn}
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, default=str))


if __name__ == "__main__":
    main()
