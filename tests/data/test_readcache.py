"""The read cache (thesis.data.readcache): a read-only Database with ``read_cache=True`` keeps what
it reads beside the store, and a later one answers from it for the same state of the file without
opening it; any change of the file, a file changed just now, a damaged answer or a folder that
cannot be written is a miss, never a wrong answer or an error.

Real parts: a DuckDB store built here, and `thesis check` in fresh processes.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from thesis.data.db import Database
from thesis.data.records import SecurityBatch, SeriesBatch, SeriesInfo
from thesis.data.store import Store
from thesis.errors import StoreError

SRC = Path(__file__).resolve().parents[2] / "src"
ARTICLE = "# date: 2024-01-04\nThe S&P 500 closed at 4,704.81 on Wednesday, January 3, 2024.\n"


def _batch(values: tuple[float, ...]) -> SeriesBatch:
    info = SeriesInfo("sp500", "S&P 500", "points", "daily", "index", "test", "SP500")
    dates = pd.bdate_range("2024-01-02", periods=len(values))
    return SeriesBatch(info, pd.DataFrame({"date": dates, "value": list(values)}))


def _settle(path: Path) -> None:
    """Date the file back a minute: a file changed less than a second ago is not cached."""
    t = time.time() - 60
    os.utime(path, (t, t))


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "market.duckdb"
    s = Store(path, lock_timeout=5)
    s.ingest(_batch((4742.83, 4704.81, 4688.68)))
    s.ingest(
        SecurityBatch(
            pd.DataFrame({"symbol": ["AAPL"], "name": ["Apple Inc."], "sector": ["Tech"]}),
            provider="test",
            universe="test",
        )
    )
    s.close()
    _settle(path)
    return path


def _answers(db: Database) -> tuple:
    return (
        db.series_ids(),
        db.info("sp500"),
        db.rows("sp500", as_of=dt.date(2024, 1, 3), known_on=dt.date(2024, 1, 3)),
        db.rows("sp500"),
        db.latest_date("sp500"),
        db.latest_date("sp500", as_of=dt.date(2024, 1, 3)),
        db.security_names(),
        db.event_dates("fomc_meeting"),
    )


def _reader(path: Path) -> Database:
    return Database(path, read_only=True, read_cache=True)


def test_answers_are_kept_and_read_back_without_opening_the_store(store_path: Path) -> None:
    plain = Database(store_path, read_only=True)
    want = _answers(plain)
    plain.close()
    first = _reader(store_path)
    assert _answers(first) == want
    first.close()
    assert len(list((store_path.parent / "market.duckdb.reads").iterdir())) == 1
    again = _reader(store_path)
    assert _answers(again) == want
    assert again._con is None  # every answer came from the cache: the file was never opened
    # a Database without the cache never writes one, and reads the file itself
    assert _answers(Database(store_path, read_only=True)) == want


def test_a_write_to_the_store_is_read_again(store_path: Path) -> None:
    db = _reader(store_path)
    assert db.rows("sp500")[1] == [4742.83, 4704.81, 4688.68]
    db.close()
    folder = store_path.parent / "market.duckdb.reads"
    old = [p.name for p in folder.iterdir()]
    Store(store_path, lock_timeout=5).ingest(_batch((4742.83, 4700.00, 4688.68, 4697.24)))
    # read at once (the file just changed: nothing is kept) and a minute later (kept anew)
    for settle in (False, True):
        if settle:
            _settle(store_path)
        db = _reader(store_path)
        assert db.rows("sp500")[1] == [4742.83, 4700.00, 4688.68, 4697.24]
        assert db.latest_date("sp500") == dt.date(2024, 1, 5)
        db.close()
    now = [p.name for p in folder.iterdir()]
    assert len(now) == 1 and now != old  # the old state's answers are gone


def test_a_file_changed_just_now_keeps_nothing(store_path: Path) -> None:
    os.utime(store_path)  # changed now
    db = _reader(store_path)
    assert db.rows("sp500")[1] == [4742.83, 4704.81, 4688.68]
    assert not (store_path.parent / "market.duckdb.reads").exists()


def test_a_damaged_answer_is_a_miss(store_path: Path) -> None:
    want = _answers(_reader(store_path))
    for f in (store_path.parent / "market.duckdb.reads").rglob("*"):
        if f.is_file():
            f.write_bytes(f.read_bytes()[:7])
    db = _reader(store_path)
    assert _answers(db) == want
    assert db._con is not None  # read from the file again


def test_a_folder_that_cannot_be_made_keeps_nothing(store_path: Path) -> None:
    (store_path.parent / "market.duckdb.reads").write_text("not a folder")
    want = _answers(Database(store_path, read_only=True))
    assert _answers(_reader(store_path)) == want
    assert (store_path.parent / "market.duckdb.reads").read_text() == "not a folder"


def test_a_writable_database_keeps_nothing(store_path: Path) -> None:
    db = Database(store_path, read_cache=True)
    db.rows("sp500")
    db.close()
    assert not (store_path.parent / "market.duckdb.reads").exists()


def _check(article: Path, store: Path) -> subprocess.CompletedProcess[str]:
    code = (
        "import sys\nfrom thesis.cli import main\ntry:\n    main()\nfinally:\n"
        "    print('duckdb loaded:', 'duckdb' in sys.modules, file=sys.stderr)"
    )
    args = ["check", str(article), "--store", str(store), "--format", "json"]
    env = {**os.environ, "PYTHONPATH": str(SRC), "THESIS_HOME": str(store.parent)}
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_a_second_check_of_the_same_store_does_not_load_duckdb(
    store_path: Path, tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    first, second = _check(article, store_path), _check(article, store_path)
    assert first.returncode == 0 and second.returncode == 0, (first.stderr, second.stderr)
    assert '"verdict": "supported"' in first.stdout
    assert second.stdout == first.stdout
    assert "duckdb loaded: True" in first.stderr
    assert "duckdb loaded: False" in second.stderr


def test_damage_after_a_kept_state_still_stops_the_check(store_path: Path, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    assert _check(article, store_path).returncode == 0
    with store_path.open("r+b") as fh:
        fh.truncate(store_path.stat().st_size // 10)
    _settle(store_path)
    r = _check(article, store_path)
    assert r.returncode != 0 and "unverifiable" not in r.stdout
    err = r.stderr.replace("\n", "")
    assert any(w in err for w in ("corrupt", "cut short", "damaged")), err
    with pytest.raises(StoreError):
        _reader(store_path).rows("sp500")
