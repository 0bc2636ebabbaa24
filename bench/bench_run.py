"""How long `thesis run` takes, end to end and by step: the seed (cold and warm) and the demo.

Cold: a fresh process (imports, numba's on-disk cache, the exchange calendar, the store opened).
Warm: the same command again, a new process, with every cache a previous run may have left (numba's
compiled kernels, the calibration cache when the store keeps one). In-process: the run repeated in
one process, split by step from the manifest's ``timings_s``.

Needs the shared data imported (`thesis data import ../shared/data`) for the seed, and the bundled
store (`thesis data bundle`) for the demo; a missing one is skipped with a note. Not run in CI.

    python bench/bench_run.py --json bench_run.json
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "sp500-ai-rally-2026.toml"
DEMO = ROOT / "examples" / "demo-bundled.toml"


def _thesis() -> list[str]:
    exe = Path(sys.executable).with_name("thesis")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "thesis.cli"]


def timed_cli(thesis: Path, store: Path | None, extra: list[str]) -> tuple[float, int, dict]:
    """Wall seconds of one `thesis run` in a new process, its exit code and its manifest timings."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        cmd = [*_thesis(), "run", str(thesis), "--out", str(out), *extra]
        if store is not None:
            cmd += ["--store", str(store)]
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, env=os.environ.copy())
        wall = time.perf_counter() - t0
        timings = {}
        man = out / "manifest.json"
        if man.exists():
            timings = json.loads(man.read_text()).get("timings_s", {})
        if proc.returncode not in (0, 3):
            print(proc.stdout[-2000:], proc.stderr[-2000:], file=sys.stderr)
        return wall, proc.returncode, timings


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
        cold = timed_cli(thesis, st, extra)
        warm = timed_cli(thesis, st, extra)
        report[name] = {
            "cold_s": round(cold[0], 2),
            "warm_s": round(warm[0], 2),
            "exit": [cold[1], warm[1]],
            "steps_warm_s": warm[2],
            "warm_over_cold": round(warm[0] / cold[0], 3),
        }
        print(
            f"{name:22s} cold {cold[0]:6.2f} s   warm {warm[0]:6.2f} s   (warm/cold "
            f"{warm[0] / cold[0]:.2f}; exit {cold[1]}, {warm[1]})"
        )
        steps = ", ".join(f"{k} {v:.2f}" for k, v in warm[2].items())
        print(f"{'':22s} steps (warm, s): {steps}")
    if store.exists():
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
