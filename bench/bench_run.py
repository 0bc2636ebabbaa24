"""How long `thesis run` takes, end to end and by step: the seed (cold and warm) and the demo.

Cold: a fresh process on a copy of the store whose result cache is empty (imports, numba's on-disk
cache, the exchange calendar, the store opened, every analysis computed and every output
rendered). Warm: the same command again, a new process, on the same copy: the result cache now
holds the probabilities, calibrations, theme, regimes, portfolio and the rendered outputs (each
keyed by its inputs, data, settings, random stream and code, so nothing changed means nothing
recomputed). In-process: the run repeated in one process, split by step from the manifest's
``timings_s``. The warm outputs are checked to equal the cold ones byte for byte (article,
charts, PDF, tearsheet, facts.json).

Each case also reports the CPU seconds of the command (its helper processes included: a cold run
computes the calibration and lays the PDF out on a spare core) and the load average around it:
on a shared machine the wall times move with the load, the CPU seconds much less. `thesis run`
uses its helper processes only when the 1-minute load is below the core count
(``thesis.analysis.ahead.spare_core``), so a cold run on a busy machine runs in one process.

Needs the shared data imported (`thesis data import ../shared/data`) for the seed, and the bundled
store (`thesis data bundle`) for the demo; a missing one is skipped with a note. Not run in CI.

    python bench/bench_run.py --json bench_run.json
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "sp500-ai-rally-2026.toml"
DEMO = ROOT / "examples" / "demo-bundled.toml"
#: files a warm run must write exactly as the cold run did (the manifest and the calendar carry
#: the run's own time)
SAME = ("article.md", "article.html", "article.pdf", "facts.json")


def _thesis() -> list[str]:
    exe = Path(sys.executable).with_name("thesis")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "thesis.cli"]


def fresh_copy(store: Path, folder: Path) -> Path:
    """A copy of ``store`` with an empty result cache (the table dropped)."""
    import duckdb

    dst = folder / "market.duckdb"
    shutil.copyfile(store, dst)
    con = duckdb.connect(str(dst))
    try:
        con.execute("DROP TABLE IF EXISTS result_cache")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return dst


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def load_average() -> float:
    """The 1-minute load average (other work on the machine slows every wall time here)."""
    return round(os.getloadavg()[0], 2)


def timed_cli(thesis: Path, store: Path, out: Path, extra: list[str]) -> tuple[float, int, dict]:
    """Wall seconds of one `thesis run` in a new process, its exit code and its manifest timings
    (with ``cpu_s``: the CPU seconds of the run and its helper processes, and the load average
    before and after)."""
    cmd = [*_thesis(), "run", str(thesis), "--out", str(out), "--overwrite", "--store", str(store)]
    load0, cpu0 = load_average(), _children_cpu()
    t0 = time.perf_counter()
    proc = subprocess.run([*cmd, *extra], capture_output=True, text=True, env=os.environ.copy())
    wall = time.perf_counter() - t0
    timings: dict = {"cpu_s": round(_children_cpu() - cpu0, 2), "load": [load0, load_average()]}
    man = out / "manifest.json"
    if man.exists():
        timings |= json.loads(man.read_text()).get("timings_s", {})
    if proc.returncode not in (0, 3):
        print(proc.stdout[-2000:], proc.stderr[-2000:], file=sys.stderr)
    return wall, proc.returncode, timings


def same_outputs(a: Path, b: Path) -> list[str]:
    """Files the two runs wrote differently (of those that must not differ)."""
    names = [*SAME, *(p.relative_to(a).as_posix() for p in (a / "charts").glob("*.png"))]
    names += [p.relative_to(a).as_posix() for p in (a / "tearsheet").glob("*") if p.is_file()]
    return [n for n in names if not (b / n).exists() or not filecmp.cmp(a / n, b / n, False)]


def in_process(
    thesis: Path, store_path: Path, repeats: int, formats: tuple[str, ...]
) -> list[dict]:
    from thesis.data.store import Store
    from thesis.pipeline import run_thesis
    from thesis.spec import load_thesis

    spec = load_thesis(thesis)
    rows = []
    with Store(store_path, read_only=True) as store:
        for _ in range(repeats):
            with tempfile.TemporaryDirectory() as tmp:
                t0 = time.perf_counter()
                res = run_thesis(spec, store, out_dir=Path(tmp) / "out", formats=formats)
                rows.append({"wall_s": time.perf_counter() - t0, **res.manifest["timings_s"]})
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, default=None, help="store with ../shared/data imported")
    ap.add_argument("--demo-store", type=Path, default=None, help="store built by `data bundle`")
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    home = Path(os.environ.get("THESIS_HOME", ROOT / ".thesis"))
    store = args.store or home / "market.duckdb"
    report: dict = {"cpus": os.cpu_count(), "python": sys.version.split()[0]}
    cases = [("seed", SEED, store, []), ("seed, no calibration", SEED, store, ["--no-calibration"])]
    if args.demo_store is not None:
        cases.append(("demo", DEMO, args.demo_store, []))
    for name, thesis, st, extra in cases:
        if not st.exists():
            print(f"{name}: no store at {st}; skipped")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            copy = fresh_copy(st, Path(tmp))
            cold = timed_cli(thesis, copy, Path(tmp) / "cold", extra)
            warm = timed_cli(thesis, copy, Path(tmp) / "warm", extra)
            differ = same_outputs(Path(tmp) / "cold", Path(tmp) / "warm")
        report[name] = {
            "cold_s": round(cold[0], 2),
            "warm_s": round(warm[0], 2),
            "exit": [cold[1], warm[1]],
            "steps_cold_s": cold[2],
            "steps_warm_s": warm[2],
            "warm_over_cold": round(warm[0] / cold[0], 3),
            "warm_differs": differ,
        }
        print(
            f"{name:22s} cold {cold[0]:6.2f} s   warm {warm[0]:6.2f} s   (warm/cold "
            f"{warm[0] / cold[0]:.2f}; exit {cold[1]}, {warm[1]}; outputs "
            f"{'identical' if not differ else 'DIFFER: ' + ', '.join(differ)}; CPU "
            f"{cold[2].get('cpu_s')} s, {warm[2].get('cpu_s')} s; load {cold[2].get('load')})"
        )
        for label, t in (("cold", cold[2]), ("warm", warm[2])):
            steps = ", ".join(
                f"{k} {v:.2f}" if isinstance(v, float | int) else f"{k} {v}" for k, v in t.items()
            )
            print(f"{'':22s} steps ({label}, s): {steps}")
    if store.exists() and args.repeats > 0:
        rows = in_process(SEED, store, args.repeats, ("md", "html", "pdf"))
        report["seed_in_process"] = rows
        for i, r in enumerate(rows):
            print(
                f"seed in process, run {i + 1}: {r['wall_s']:.2f} s (total in manifest {r['total']:.2f} s)"
            )
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
