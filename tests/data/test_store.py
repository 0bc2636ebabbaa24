"""The store: reads, vintages, idempotence, bad store files, a killed ingest and concurrent readers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest

from thesis.data.records import SeriesBatch, SeriesInfo
from thesis.data.store import Store
from thesis.errors import DataError, SeriesNotFoundError, StoreError

ROOT = Path(__file__).resolve().parents[2]


def info(sid: str = "sp500") -> SeriesInfo:
    return SeriesInfo(sid, "S&P 500", "points", "daily", "index", "test", sid.upper())


def batch(
    sid: str = "sp500", values: tuple[float, ...] = (4742.83, 4704.81, 4688.68)
) -> SeriesBatch:
    dates = pd.bdate_range("2024-01-02", periods=len(values))
    return SeriesBatch(info(sid), pd.DataFrame({"date": dates, "value": list(values)}))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "market.duckdb", lock_timeout=5)
    s.ingest(batch())
    return s


def counts(store: Store) -> tuple[int, int, int]:
    con = store._reader()
    row = con.execute(
        "SELECT (SELECT count(*) FROM observations), (SELECT count(*) FROM current), "
        "(SELECT count(*) FROM ingests)"
    ).fetchall()[0]
    return tuple(int(x) for x in row)  # type: ignore[return-value]


def test_get_window_and_as_of(store: Store) -> None:
    s = store.get("sp500", start="2024-01-03", as_of="2024-01-03")
    assert s.index.tolist() == [pd.Timestamp("2024-01-03")] and s.tolist() == [4704.81]
    assert s.attrs["source"].series == "sp500" and s.attrs["source"].rows == 1


def test_reingest_is_idempotent(store: Store) -> None:
    before = counts(store)
    rep = store.ingest(batch())
    assert rep.new_rows == 0
    assert counts(store) == before  # no new rows, no new vintage, no ingest record


def test_changed_value_creates_vintage(store: Store) -> None:
    first = store.ingests()["ingested_at"].iloc[-1]
    time.sleep(0.01)
    rep = store.ingest(batch(values=(4742.83, 4705.00, 4688.68)))
    assert rep.new_rows == 1
    assert store.get("sp500").loc["2024-01-03"] == 4705.00
    assert store.get("sp500", vintage=first).loc["2024-01-03"] == 4704.81
    obs, cur, _ = counts(store)
    assert (obs, cur) == (4, 3)


def test_unknown_series_suggests_nearest(store: Store) -> None:
    with pytest.raises(SeriesNotFoundError) as e:
        store.get("sp50")
    msg = str(e.value)
    assert (
        "unknown series 'sp50'" in msg and "did you mean sp500" in msg and "thesis data list" in msg
    )


def test_as_of_before_start(store: Store) -> None:
    with pytest.raises(DataError) as e:
        store.get("sp500", as_of="2020-01-01")
    msg = str(e.value)
    assert "before series 'sp500' starts (2024-01-02)" in msg and "Fix:" in msg
    with pytest.raises(DataError, match="starts 2024-01-02"):
        store.latest("sp500", as_of="2020-01-01")


def test_corrupt_store_file(tmp_path: Path) -> None:
    p = tmp_path / "market.duckdb"
    p.write_bytes(b"this is not a database\n" * 200)
    with pytest.raises(StoreError) as e:
        Store(p).catalog()
    msg = str(e.value)
    assert str(p) in msg and "corrupt or not a DuckDB file" in msg and f"mv {p}" in msg
    with pytest.raises(StoreError):
        Store(p).ingest(batch())
    assert p.read_bytes() == b"this is not a database\n" * 200  # left alone


def test_duckdb_file_that_is_not_a_store(tmp_path: Path) -> None:
    import duckdb

    p = tmp_path / "other.duckdb"
    con = duckdb.connect(str(p))
    con.execute("CREATE TABLE t (x INT)")
    con.close()
    with pytest.raises(StoreError, match="not a thesis store"):
        Store(p, read_only=True).get("sp500")


def test_bad_row_rejects_whole_batch(store: Store) -> None:
    before = counts(store)
    bad = SeriesBatch(
        info("other"),
        pd.DataFrame({"date": ["2024-01-02", "2024-01-03"], "value": ["1", "x"]}),
        where="input.csv",
    )
    with pytest.raises(DataError, match=r"input\.csv \(row 2\)"):
        store.ingest([batch("third"), bad])
    assert counts(store) == before and not store.has("third")


# ------------------------------------------------------------------------------------ processes
_WRITER = textwrap.dedent(
    """
    import sys, numpy as np, pandas as pd
    from pathlib import Path
    from thesis.data.records import SeriesBatch, SeriesInfo
    from thesis.data.store import Store
    path, n_series, marker = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    dates = pd.date_range("1990-01-01", periods=10_000, freq="D")
    batches = [SeriesBatch(SeriesInfo(f"big{i}", "big", "x", "daily", "index", "test", "big"),
                           pd.DataFrame({"date": dates, "value": np.arange(10_000.0) + i}))
               for i in range(n_series)]
    marker.write_text("start")
    Store(path).ingest(batches)
    marker.write_text("done")
    """
)


def _spawn_writer(path: Path, n_series: int, marker: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path), str(n_series), str(marker)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _wait_for(marker: Path, text: str, proc: subprocess.Popen[bytes], limit: float = 30.0) -> None:
    deadline = time.monotonic() + limit
    while not (marker.exists() and marker.read_text() == text):
        if proc.poll() is not None:
            raise AssertionError(
                f"writer exited early: {proc.stderr.read().decode() if proc.stderr else ''}"
            )
        assert time.monotonic() < deadline, "writer did not start"
        time.sleep(0.02)


def test_killed_ingest_leaves_store_as_before(store: Store, tmp_path: Path) -> None:
    before = counts(store)
    cat = store.catalog()
    store.close()
    marker = tmp_path / "marker"
    proc = _spawn_writer(store.path, 300, marker)  # 3 million rows: several seconds of writing
    _wait_for(marker, "start", proc)
    time.sleep(1.5)  # past validation, inside the transaction
    assert proc.poll() is None, (
        "the ingest finished before it could be killed; make the batch bigger"
    )
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert marker.read_text() == "start"
    reopened = Store(store.path)
    assert counts(reopened) == before
    pd.testing.assert_frame_equal(reopened.catalog(), cat)
    assert not reopened.has("big0")
    rep = reopened.ingest(batch("after_kill"))  # and it still works
    assert rep.new_rows == 3 and reopened.get("after_kill").iloc[0] == 4742.83


_READER = textwrap.dedent(
    """
    import sys
    from thesis.data.store import Store
    from thesis.errors import StoreLockedError
    try:
        print("ok", Store(sys.argv[1], read_only=True, lock_timeout=float(sys.argv[2])).get("sp500").iloc[0])
    except StoreLockedError as e:
        print("locked", str(e).replace(chr(10), " "))
    """
)


def test_readers_while_one_writes(store: Store, tmp_path: Path) -> None:
    store.close()
    marker = tmp_path / "marker"
    writer = _spawn_writer(store.path, 60, marker)
    _wait_for(marker, "start", writer)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    # one reader gives up after 0.2 s, the other waits for the writer
    readers = [
        subprocess.Popen(
            [sys.executable, "-c", _READER, str(store.path), timeout],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for timeout in ("0.2", "60")
    ]
    quick, patient = (p.communicate(timeout=60)[0].strip() for p in readers)
    writer.wait(timeout=60)
    # either the read worked, or the error names the process that holds the store
    assert quick == "ok 4742.83" or (
        quick.startswith("locked") and f"PID {writer.pid}" in quick and "Fix:" in quick
    ), quick
    assert patient == "ok 4742.83"
    assert marker.read_text() == "done"
