"""The fault suite: what the store does when the process, the file or the disk fails.

- ``kill -9`` at random points of an import (real processes, at least 20 kills): the store is
  afterwards exactly as before or exactly complete, compared by content;
- read-only and full file systems (a small tmpfs in a private mount namespace; needs root and
  ``unshare``, which CI has; skipped with the reason elsewhere);
- truncated, damaged and foreign store files (a DuckDB database without the store's tables, a
  text file, a PNG, an SQLite database, an empty file);
- a lock held by another real process, whose PID the error names.

Every failure must be a :class:`~thesis.errors.StoreError` whose ``reason`` and message say what
happened, where, and the right fix; the CLI exits 2; nothing already stored is lost or changed.

This file is also the helper that the tests run in other processes
(``python tests/data/test_faults.py serve|readonly|full ...``), so that the code under test and the
code that checks it are the same.
"""

from __future__ import annotations

import json
import os
import random
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from thesis.data.providers.csv import import_path
from thesis.data.records import SeriesBatch, SeriesInfo
from thesis.data.store import Store
from thesis.errors import StoreError, StoreLockedError

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "sp500-ai-rally-2026.toml"

#: the content of a store, without ingestion timestamps (they differ from run to run)
_CONTENT = {
    "series": "SELECT id, name, unit, frequency, kind, provider, provider_id, origin, license, "
    "description, total_return, release_lag_days, note FROM series",
    "ingests": "SELECT id, provider, origin, new_rows, note FROM ingests",
    "observations": "SELECT series_id, date, value, open, high, low, volume, adj_close, ingest_id, "
    "released FROM observations",
    "current": "SELECT series_id, date, value, open, high, low, volume, adj_close, ingest_id, "
    "released FROM current",
    "events": "SELECT date, kind, subject, value, detail, provider, ingest_id FROM events",
    "securities": "SELECT * FROM securities",
    "documents": "SELECT * FROM documents",
}


def content(path: Path) -> dict[str, str]:
    """A digest per table of what the store holds (opened read-write: a crash is recovered first).

    Per table: the row count and the sum (as a 128-bit integer, so that nothing overflows) of
    DuckDB's 64-bit hash of every row in full (each field, doubles by value, NULLs included), an
    order-free digest of the multiset of rows computed inside DuckDB. The kill loop compares the
    store by content after each of its kills; the earlier digest (md5 of every row's text, sorted)
    cost three times the CPU (81 against 26 ms per store) for the same comparison.
    """
    con = duckdb.connect(str(path))
    try:
        out = {}
        for table, sql in _CONTENT.items():
            n, digest = con.execute(
                f"SELECT count(*), coalesce(sum(hash(r)::HUGEINT), 0) FROM ({sql}) r"
            ).fetchone()
            out[table] = f"{n}:{digest}"
        return out
    finally:
        con.close()


def make_data(folder: Path, rows: int = 2500) -> tuple[Path, Path]:
    """Two small folders of CSV files: ``base`` (imported first) and ``more`` (the import under
    test: a changed value every 7th row of a base series, new series in a long file, one more)."""
    rng = np.random.default_rng(7)
    base, more = folder / "base", folder / "more"
    base.mkdir(parents=True)
    more.mkdir()
    d = pd.bdate_range("2000-01-03", periods=rows).strftime("%Y-%m-%d")
    wide = pd.DataFrame(
        {"date": d, "alpha": 100 + rng.random(rows).cumsum(), "beta": 50 + rng.random(rows)}
    )
    wide.to_csv(base / "wide.csv", index=False)
    wide.loc[::7, "alpha"] += 1.0  # new vintages of existing rows
    wide.to_csv(more / "wide.csv", index=False)
    long = pd.concat(
        pd.DataFrame({"date": d, "ticker": t, "close": 10 + rng.random(rows).cumsum()})
        for t in ("AAA", "BBB", "CCC", "DDD")
    )
    long.to_csv(more / "long.csv", index=False)
    pd.DataFrame({"date": d[:400], "gamma": 1 + rng.random(400)}).to_csv(
        more / "extra.csv", index=False
    )
    return base, more


def _env() -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])
        ),
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "COLUMNS": "2000",  # rich would wrap messages
    }


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The real command line in a fresh process: exit code and what it printed."""
    return subprocess.run(
        [sys.executable, "-c", "from thesis.cli import main; main()", *args],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


# ================================================================================ helper processes
def serve() -> None:
    """Fork one child per request (``store<TAB>folder``) that imports the folder; report its PID
    once it runs, then its wait status. The parent test kills children at random points."""
    print("ready", flush=True)
    for line in sys.stdin:
        store, folder = line.rstrip("\n").split("\t")
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: run the import, say nothing on stdout
            os.close(r)
            os.write(w, b"1")
            os.close(w)
            code = 0
            try:
                import_path(Store(store), folder)
            except BaseException as e:
                print(f"import failed: {type(e).__name__}: {e}", file=sys.stderr, flush=True)
                code = 1
            os._exit(code)
        os.close(w)
        os.read(r, 1)
        os.close(r)
        print(f"pid {pid}", flush=True)
        _, status = os.waitpid(pid, 0)
        print(f"status {status}", flush=True)


def scenario_readonly(mnt: Path, base: Path, more: Path) -> dict[str, Any]:
    store = mnt / "market.duckdb"
    import_path(Store(store), base)
    before = content(store)
    subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True)
    out: dict[str, Any] = {"before": before}
    try:
        Store(store).ingest(_one_batch())
    except StoreError as e:
        out["api"] = {"reason": e.reason, "message": str(e)}
    res = cli("data", "--store", str(store), "import", str(more))
    out["import"] = {"rc": res.returncode, "stderr": res.stderr}
    res = cli("data", "--store", str(store), "list")
    out["list"] = {"rc": res.returncode, "stdout": res.stdout}
    with Store(store, read_only=True) as ro:
        out["read"] = len(ro.get("wide_alpha"))
    subprocess.run(["mount", "-o", "remount,rw", str(mnt)], check=True)
    out["after"] = content(store)
    return out


def scenario_full(mnt: Path, base: Path, more: Path, leave: int) -> dict[str, Any]:
    store = mnt / "market.duckdb"
    import_path(Store(store), base)
    out: dict[str, Any] = {"before": content(store)}
    filler = mnt / "filler"
    st = os.statvfs(mnt)
    with filler.open("wb") as f:  # leave ``leave`` bytes free
        f.write(b"\0" * max(0, st.f_bavail * st.f_frsize - leave))
    try:
        import_path(Store(store), more)
        out["api"] = {"reason": None, "message": "import worked"}
    except StoreError as e:
        out["api"] = {"reason": e.reason, "message": str(e)}
    out["after_api"] = content(store)
    res = cli("data", "--store", str(store), "import", str(more))
    out["import"] = {"rc": res.returncode, "stderr": res.stderr}
    out["after_cli"] = content(store)
    filler.unlink()
    import_path(Store(store), more)  # with room again, the same import completes
    out["complete"] = content(store)
    return out


def _one_batch() -> SeriesBatch:
    info = SeriesInfo("one", "one", "points", "daily", "index", "test", "one")
    return SeriesBatch(info, pd.DataFrame({"date": ["2024-01-02"], "value": [1.0]}))


def main(argv: list[str]) -> None:
    mode, *rest = argv
    if mode == "serve":
        serve()
        return
    mnt, base, more = map(Path, rest[:3])
    if mode == "readonly":
        out = scenario_readonly(mnt, base, more)
    elif mode == "full":
        out = scenario_full(mnt, base, more, int(rest[3]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])
    sys.exit(0)


# ================================================================================ the tests
import pytest  # noqa: E402


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path, dict[str, str]]:
    """(base folder, more folder, a store holding base, the content after importing more)."""
    folder = tmp_path_factory.mktemp("faults")
    base, more = make_data(folder / "csv")
    before = folder / "before.duckdb"
    import_path(Store(before), base)
    Store(before).close()
    done = folder / "complete.duckdb"
    shutil.copy(before, done)
    import_path(Store(done), more)
    return base, more, before, content(done)


# -------------------------------------------------------------------------------- kill -9
KILLS = 20


@pytest.mark.slow
def test_kill_9_during_import_leaves_the_store_as_before_or_complete(
    data: tuple[Path, Path, Path, dict[str, str]], tmp_path: Path
) -> None:
    _, more, before_file, complete = data
    before = content(before_file)
    assert before != complete
    server = subprocess.Popen(
        [sys.executable, __file__, "serve"],
        env=_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    assert server.stdin is not None and server.stdout is not None
    try:
        assert server.stdout.readline().strip() == "ready"

        def trial(store: Path, kill_after: float | None) -> tuple[bool, int]:
            """Run one import; kill it after ``kill_after`` s unless it has ended. (killed, status)"""
            assert server.stdin is not None and server.stdout is not None
            server.stdin.write(f"{store}\t{more}\n")
            server.stdin.flush()
            pid = int(server.stdout.readline().split()[1])
            killed = False
            if kill_after is not None:
                ended, _, _ = select.select([server.stdout], [], [], kill_after)
                if not ended:
                    os.kill(pid, signal.SIGKILL)
                    killed = True
            status = int(server.stdout.readline().split()[1])
            return killed and os.WIFSIGNALED(status), status

        # one full run to learn how long an import takes on this machine
        calib = tmp_path / "calib.duckdb"
        shutil.copy(before_file, calib)
        t0 = time.monotonic()
        _, status = trial(calib, None)
        duration = time.monotonic() - t0
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
        assert content(calib) == complete

        rng = random.Random(20261129)  # random points, the same ones on every run
        outcomes = {"before": 0, "complete": 0}
        kills = 0
        for n in range(3 * KILLS):
            if kills >= KILLS:
                break
            store = tmp_path / f"t{n}.duckdb"
            shutil.copy(before_file, store)
            wal = store.with_name(store.name + ".wal")
            wal.unlink(missing_ok=True)
            t0 = time.monotonic()
            hit, status = trial(store, rng.uniform(0.0, duration))
            kills += hit
            if not hit:  # it ended first: it must have succeeded
                assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, status
                # and imports run faster now than when measured: aim within the faster time
                duration = min(duration, time.monotonic() - t0)
            got = content(store)
            assert got in (before, complete), (
                f"kill {n}: the store is neither as before nor complete"
            )
            outcomes["before" if got == before else "complete"] += 1
            if hit and n % 5 == 0:
                # after recovery the same import completes, adding nothing twice
                import_path(Store(store), more)
                Store(store).close()
                assert content(store) == complete
        assert kills >= KILLS, f"only {kills} kills landed inside an import; outcomes {outcomes}"
    finally:
        server.stdin.close()
        server.wait(timeout=30)


# -------------------------------------------------------------------------------- files
def _store_with_data(path: Path) -> Path:
    with Store(path) as s:
        for i in range(6):
            info = SeriesInfo(f"s{i}", f"s{i}", "points", "daily", "index", "test", f"s{i}")
            frame = pd.DataFrame(
                {"date": pd.bdate_range("2000-01-03", periods=20_000), "value": 100.0 + i}
            )
            s.ingest(SeriesBatch(info, frame))
        s.optimize()
    return path


@pytest.fixture(scope="module")
def good_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _store_with_data(tmp_path_factory.mktemp("good") / "market.duckdb")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """The real entry point in this process: (exit code, stderr)."""
    from thesis.cli import main as cli_main

    try:
        cli_main(list(args))
        code = 0
    except SystemExit as e:
        code = int(e.code or 0)
    return code, capsys.readouterr().err


@pytest.fixture(autouse=True)
def _wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "2000")  # rich would wrap the messages the tests read


def _try_both(path: Path) -> list[StoreError]:
    """Read everything, then write: both must fail with a StoreError; returns the two errors."""
    errors = []
    with pytest.raises(StoreError) as e, Store(path, read_only=True) as r:
        r.catalog()
        for sid in r.series_ids():
            r.get(sid)
    errors.append(e.value)
    with pytest.raises(StoreError) as e:
        Store(path, lock_timeout=1).ingest(_one_batch())
    errors.append(e.value)
    return errors


BLOCK = 256 * 1024


@pytest.mark.parametrize(
    "cut",
    [100, 6000, 12288, 12288 + BLOCK, 12288 + 3 * BLOCK + 777, -BLOCK, -1],
    ids=[
        "100B",
        "in-headers",
        "headers-only",
        "one-block",
        "mid-block",
        "last-block-gone",
        "1B-short",
    ],
)
def test_truncated_store_file(
    good_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], cut: int
) -> None:
    path = tmp_path / "market.duckdb"
    shutil.copy(good_store, path)
    size = path.stat().st_size
    os.truncate(path, cut if cut > 0 else size + cut)
    left = path.read_bytes()
    for err in _try_both(path):
        msg = str(err)
        assert err.reason == "truncated", msg
        assert str(path) in msg and "cut short" in msg and f"mv {path} {path}.bad" in msg
    assert path.read_bytes() == left  # refused, never "repaired"
    code, stderr = run(capsys, "data", "--store", str(path), "list")
    assert code == 2 and "cut short" in stderr and "Traceback" not in stderr


def test_damage_found_at_query_time(good_store: Path, tmp_path: Path) -> None:
    path = tmp_path / "market.duckdb"
    data = bytearray(good_store.read_bytes())
    # keep DuckDB's file headers (first 3 blocks of 4 KiB) so the file still opens, damage the rest
    for i in range(3 * 4096, len(data)):
        data[i] = (i * 131 + 7) % 256
    path.write_bytes(bytes(data))
    for err in _try_both(path):
        assert err.reason == "corrupt" and str(path) in str(err) and "thesis data" in str(err)


def _png(path: Path) -> None:
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64)


def _text(path: Path) -> None:
    path.write_text("date,value\n2024-01-02,1\n" * 500)


def _sqlite(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x INTEGER)")
    con.commit()
    con.close()


def _empty(path: Path) -> None:
    path.write_bytes(b"")


@pytest.mark.parametrize(
    ("make", "reason", "words"),
    [
        (_png, "foreign", "holds a PNG image, not a DuckDB database"),
        (_text, "foreign", "holds a text file (it begins 'date,value')"),
        (_sqlite, "foreign", "holds an SQLite database"),
        (_empty, "empty", "is empty (0 bytes)"),
    ],
    ids=["png", "text", "sqlite", "empty"],
)
def test_a_file_that_is_not_a_duckdb_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: Any, reason: str, words: str
) -> None:
    path = tmp_path / "market.duckdb"
    make(path)
    left = path.read_bytes()
    for err in _try_both(path):
        msg = str(err)
        assert err.reason == reason and str(path) in msg and words in msg, msg
        assert "corrupt" not in msg
    assert path.read_bytes() == left
    csv = tmp_path / "in.csv"
    csv.write_text("date,value\n2024-01-02,1\n")
    code, stderr = run(capsys, "data", "--store", str(path), "import", str(csv))
    assert code == 2 and words in stderr, stderr
    out = tmp_path / "out"
    code, stderr = run(capsys, "run", str(EXAMPLE), "--store", str(path), "--out", str(out))
    assert code == 2 and words in stderr and "Traceback" not in stderr, stderr
    assert path.read_bytes() == left


def test_a_duckdb_database_without_the_store_tables(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE trades (x INT)")
    con.close()
    for err in _try_both(path):
        msg = str(err)
        assert err.reason == "not_a_store" and "not a thesis store" in msg and "trades" in msg
    con = duckdb.connect(str(path), read_only=True)
    tables = con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    con.close()
    assert tables == [("trades",)]  # none of the store's tables were added to someone's database


# -------------------------------------------------------------------------------- locks
_HOLDER = textwrap.dedent(
    """
    import sys, duckdb
    con = duckdb.connect(sys.argv[1])   # holds the file's write lock until stdin closes
    print("held", flush=True)
    sys.stdin.read()
    con.close()
    """
)


def test_a_lock_held_by_another_process_names_it(
    good_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "market.duckdb"
    shutil.copy(good_store, path)
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline().strip() == "held"
        waits: list[str] = []
        with pytest.raises(StoreLockedError) as e:
            Store(path, lock_timeout=0.2, on_wait=waits.append).ingest(_one_batch())
        msg = str(e.value)
        assert e.value.reason == "locked" and f"PID {holder.pid} (" in msg and "Fix:" in msg
        assert waits and f"PID {holder.pid}" in waits[0]  # the wait was announced
        with pytest.raises(StoreLockedError, match=f"PID {holder.pid}"):
            Store(path, read_only=True, lock_timeout=0.2).catalog()
        code, err = run(capsys, "data", "--store", str(path), "--lock-timeout", "0.2", "list")
        assert code == 2 and f"PID {holder.pid}" in err and "held by" in err
        # a patient reader gets its answer once the holder lets go
        patient = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import sys; from thesis.data.store import Store; "
                "print(Store(sys.argv[1], read_only=True, lock_timeout=60).get('s3').iloc[0])",
                str(path),
            ],
            env=_env(),
            stdout=subprocess.PIPE,
            text=True,
        )
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    assert patient.communicate(timeout=60)[0].strip() == "103.0"


# -------------------------------------------------------------------------------- the disk
@cache
def _mount_problem() -> str | None:
    """Why a private tmpfs cannot be mounted here (None when it can)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "mounting a tmpfs needs root (CI runs as root); a chmod-read-only folder would not stop root"
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        return "needs unshare and mount (util-linux)"
    probe = Path(os.environ.get("TMPDIR", "/tmp")) / f"thesis-mount-probe-{os.getpid()}"
    probe.mkdir(exist_ok=True)
    try:
        res = subprocess.run(
            [
                "unshare",
                "--mount",
                "--propagation",
                "private",
                "mount",
                "-t",
                "tmpfs",
                "-o",
                "size=64k",
                "tmpfs",
                str(probe),
            ],
            capture_output=True,
            text=True,
            timeout=30,
        )
    finally:
        probe.rmdir()
    if res.returncode != 0:
        return f"cannot mount a tmpfs in a private namespace here: {res.stderr.strip()[:200]}"
    return None


def _in_tmpfs(tmp_path: Path, size: str, *args: str) -> dict[str, Any]:
    problem = _mount_problem()
    if problem:
        pytest.skip(problem)
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    script = f'mount -t tmpfs -o size={size} tmpfs "$1" && shift && exec "$@"'
    res = subprocess.run(
        [
            "unshare",
            "--mount",
            "--propagation",
            "private",
            "sh",
            "-c",
            script,
            "sh",
            str(mnt),
            sys.executable,
            __file__,
            *args[:1],
            str(mnt),
            *args[1:],
        ],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert res.returncode == 0, res.stderr[-3000:]
    return json.loads(res.stdout.strip().splitlines()[-1])


def test_read_only_file_system(
    data: tuple[Path, Path, Path, dict[str, str]], tmp_path: Path
) -> None:
    base, more, _, _ = data
    out = _in_tmpfs(tmp_path, "8m", "readonly", str(base), str(more))
    api, imp = out["api"], out["import"]
    assert api["reason"] == "read_only"
    assert imp["rc"] == 2 and "read-only file system" in imp["stderr"]
    for msg in (api["message"], imp["stderr"]):
        # the store is intact: never call it corrupt, never advise moving it aside
        assert "corrupt" not in msg and " mv " not in msg and "do not rebuild" in msg
    assert out["list"]["rc"] == 0 and "wide_alpha" in out["list"]["stdout"]  # reading works
    assert out["read"] == 2500
    assert out["after"] == out["before"]


def test_full_disk(data: tuple[Path, Path, Path, dict[str, str]], tmp_path: Path) -> None:
    base, more, _, complete = data
    out = _in_tmpfs(tmp_path, "8m", "full", str(base), str(more), str(32 * 1024))
    api, imp = out["api"], out["import"]
    assert api["reason"] == "full", api["message"]
    assert "No space left on device" in api["message"] and " free)" in api["message"]
    assert "nothing from this command was stored" in api["message"]
    assert imp["rc"] == 2 and "disk holding the store is full" in imp["stderr"]
    for msg in (api["message"], imp["stderr"]):
        assert "corrupt" not in msg and "do not rebuild" in msg
    assert out["after_api"] == out["before"] and out["after_cli"] == out["before"]  # nothing lost
    assert out["complete"] == complete
