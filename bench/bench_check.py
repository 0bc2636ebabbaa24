"""Benchmark: `thesis check` as a command, its imports, the check itself, and hostile inputs.

Run with ``python bench/bench_check.py`` (the store in ``$THESIS_HOME``, e.g. built with
``thesis data import ../shared/data``; the articles of ``../shared/articles``). It measures

1. the command ``thesis check ARTICLE --format json`` end to end, ``RUNS`` times in fresh
   processes (as hyperfine does, after one run that warms the file cache and the store's read
   cache): min, median, mean; and a bare ``python -c pass`` for the interpreter's own start-up on
   this machine; then (1b) the command right after the store changed, when it opens the store and
   imports DuckDB;
2. where the command's start-up goes (``python -X importtime``: the largest imports);
3. the check alone, in process (reading, extraction, verdicts) per article: median of ``RUNS``,
   wall and CPU; then the CPU per check over the whole labelled corpus (first pass and warm);
4. each pathological input of issue 13 (generated here): time to read and check it.

Targets (issues 8 and 13): the command ≤ 0.3 s; every pathological input < 5 s; a check well
under 15 ms of CPU (the web app's load test needs ≥ 50 checks/s on 2 cores).
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("THESIS_SHARED", ROOT.parent / "shared"))
RUNS = 10


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def command_times(article: Path) -> list[float]:
    cmd = [
        sys.executable,
        "-c",
        "from thesis.cli import main; main()",
        "check",
        str(article),
        "--format",
        "json",
    ]
    subprocess.run(cmd, capture_output=True, env=_env(), check=False)  # warm the file cache
    out = []
    for _ in range(RUNS):
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, env=_env(), check=False)
        out.append(time.perf_counter() - t)
    return out


def cold_times(article: Path, runs: int = 3) -> list[float]:
    """The command after the store changed: each run without the read cache a check keeps beside
    the store (``<store>.reads``, :mod:`thesis.data.readcache`), so that it opens the store and
    imports DuckDB, as the first check after an import or update does."""
    from thesis.data.db import default_store_path

    reads = default_store_path().with_name(default_store_path().name + ".reads")
    cmd = [sys.executable, "-c", "from thesis.cli import main; main()", "check", str(article),
           "--format", "json"]  # fmt: skip
    out = []
    for _ in range(runs):
        shutil.rmtree(reads, ignore_errors=True)
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, env=_env(), check=False)
        out.append(time.perf_counter() - t)
    return out


def import_breakdown(article: Path, top: int = 12) -> list[tuple[float, str]]:
    cmd = [
        sys.executable,
        "-X",
        "importtime",
        "-c",
        "from thesis.cli import main; main()",
        "check",
        str(article),
        "--format",
        "json",
    ]
    err = subprocess.run(cmd, capture_output=True, text=True, env=_env(), check=False).stderr
    rows = []
    for line in err.splitlines():
        if line.startswith("import time:") and "|" in line:
            _, cum, name = (x.strip() for x in line[len("import time:") :].split("|"))
            if cum.isdigit() and name.count(" ") <= 2:  # top-level and first nested modules
                rows.append((int(cum) / 1e6, name.strip()))
    return sorted(rows, reverse=True)[:top]


def check_times(articles: list[Path]) -> list[tuple[str, float, float, int]]:
    """Per article: the median wall and CPU time of a check in process, the store's series
    already read (as in a web app's worker, which keeps its store open)."""
    from thesis.claims import check_article
    from thesis.data.db import Database, default_store_path

    path = default_store_path()
    store = Database(path, read_only=True) if path.exists() else None  # the command's read path
    out = []
    for a in articles:
        check_article(a, store)  # warm: the store's first read
        times, cpu = [], []
        for _ in range(RUNS):
            t, c = time.perf_counter(), time.process_time()
            rep = check_article(a, store)
            times.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
        out.append((a.name, statistics.median(times), statistics.median(cpu), len(rep.results)))
    return out


def corpus_cpu(folders: list[Path]) -> tuple[int, float, float, float, float] | None:
    """CPU time of a check over every article of ``folders`` (the labelled corpus): the first
    pass in a fresh process (series read from the store, the subject finder built) and the next
    ones (warm, as a web app's worker): (articles, first-pass mean ms, warm median ms, warm mean
    ms, warm max ms)."""
    from thesis.claims import check_article
    from thesis.data.db import Database, default_store_path

    path = default_store_path()
    arts = sorted(a for f in folders if f.exists() for a in f.glob("*.txt"))
    if not arts or not path.exists():
        return None
    store = Database(path, read_only=True)
    c0 = time.process_time()
    for a in arts:
        check_article(a, store)
    first = (time.process_time() - c0) / len(arts)
    per = []
    for a in arts:
        best = float("inf")
        for _ in range(3):
            c = time.process_time()
            check_article(a, store)
            best = min(best, time.process_time() - c)
        per.append(best)
    return (len(arts), first * 1e3, statistics.median(per) * 1e3, statistics.mean(per) * 1e3,
            max(per) * 1e3)  # fmt: skip


def pathological() -> dict[str, tuple[str, str]]:
    rng = random.Random(7)
    real = (
        (SHARED / "articles" / "001-full.txt").read_text()
        if (SHARED / "articles").exists()
        else "The S&P 500 rose 1.2% to 6,812.61. "
    )
    words = [*real.split(), "(", ")", "%", "$"]
    return {
        "'1 ' * 8000": ("1 " * 8000, ".txt"),
        "realistic 1 MB article": ((real + "\n") * (1_000_000 // len(real)), ".txt"),
        "10 MB": ((real + "\n") * (10_000_000 // len(real)), ".txt"),
        "'5%' * 100_000": ("5%" * 100_000, ".txt"),
        "442 KB of word soup": (
            " ".join(rng.choice(words) for _ in range(80_000))[:442_000],
            ".txt",
        ),
        "20 × 'S&P 500 fell 3% ' + 5,000 '%'": ("S&P 500 fell 3% \n" * 20 + "%" * 5000, ".txt"),
        "100,000 nested brackets": ("(" * 100_000 + "S&P 500 rose 1%" + ")" * 100_000, ".txt"),
        "20,000 nested <div>": (
            "<html><body>" + "<div>" * 20_000 + real + "</div>" * 20_000 + "</body></html>",
            ".html",
        ),
        "100,000 digits": ("1" * 100_000, ".txt"),
        "binary (refused)": (bytes(range(256)).decode("latin-1") * 400, ".bin"),
    }


def pathological_times() -> list[tuple[str, float, str]]:
    from thesis.claims import check_text, parse_article
    from thesis.errors import CheckError

    out = []
    for name, (text, suffix) in pathological().items():
        t = time.perf_counter()
        try:
            rep = check_text(
                parse_article(
                    text.encode("latin-1" if suffix == ".bin" else "utf-8"),
                    "x" + suffix,
                    suffix=suffix,
                ),
                None,
                date="2025-11-26",
            )
            note = f"{len(rep.results)} claims, {len(rep.warnings)} warnings"
        except CheckError as e:
            note = f"refused: {e.what}"
        out.append((name, time.perf_counter() - t, note))
    return out


def main() -> None:
    articles = (
        sorted((SHARED / "articles").glob("0*.txt")) if (SHARED / "articles").exists() else []
    )
    if articles:
        times = command_times(articles[0])
        bare = []
        for _ in range(RUNS):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-c", "pass"], check=False)
            bare.append(time.perf_counter() - t)
        print(
            f"0. `python -c pass` ({RUNS} fresh processes): median {statistics.median(bare):.3f} s"
        )
        print(f"   load average (1 min): {os.getloadavg()[0]:.2f}")
        print(f"1. `thesis check {articles[0].name} --format json` ({RUNS} fresh processes): "
              f"min {min(times):.3f} s, median {statistics.median(times):.3f} s, mean {statistics.mean(times):.3f} s (target ≤ 0.3 s)")  # fmt: skip
        cold = cold_times(articles[0])
        print(f"1b. the same right after the store changed (no read cache; {len(cold)} runs): "
              f"min {min(cold):.3f} s, median {statistics.median(cold):.3f} s")  # fmt: skip
        print("2. largest imports of that command (cumulative, s):")
        for secs, name in import_breakdown(articles[0]):
            print(f"   {secs:6.3f}  {name}")
        print(f"3. the check alone, in process (median of {RUNS}; wall and CPU):")
        for name, secs, cpu, n in check_times(articles):
            print(
                f"   {name:16s} {secs * 1000:7.1f} ms wall {cpu * 1000:7.1f} ms CPU  {n:3d} claims"
            )
    dev = ROOT / "tests" / "fixtures" / "claims_corpus" / "dev"
    got = corpus_cpu([SHARED / "articles", dev])
    if got is not None:
        n, first, med, mean, mx = got
        print(f"3b. CPU per check over {n} corpus articles: first pass {first:.1f} ms (series read, "
              f"finder built); then median {med:.1f} ms, mean {mean:.1f} ms, max {mx:.1f} ms "
              f"(≈ {2000 / mean:.0f} checks/s on 2 cores at the mean; web load target ≥ 50/s)")  # fmt: skip
    print("4. pathological inputs (read + check, no store; target < 5 s each):")
    for name, secs, note in pathological_times():
        print(f"   {name:38s} {secs:6.2f} s  {note}")


if __name__ == "__main__":
    main()
