"""Regressions from a user-level review of the store and ``thesis data``: damaged store files at
query time, two Stores in one process, securities snapshots that shrink, clustering, and CLI
messages for odd options and odd files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from thesis.cli import main
from thesis.cli.data import _num
from thesis.data.records import SecurityBatch, SeriesBatch, SeriesInfo
from thesis.data.store import Store
from thesis.errors import IngestError, StoreError


def _batch(sid: str, n: int = 3, start: str = "2024-01-02") -> SeriesBatch:
    info = SeriesInfo(sid, sid.upper(), "points", "daily", "index", "test", sid.upper())
    dates = pd.bdate_range(start, periods=n)
    # hand-made values: 100, 101, 102, ...
    return SeriesBatch(info, pd.DataFrame({"date": dates, "value": [100.0 + i for i in range(n)]}))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        main(list(args))
        code = 0
    except SystemExit as e:
        code = int(e.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_damage_found_at_query_time_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "market.duckdb"
    with Store(path) as s:
        s.ingest([_batch(f"s{i}", 5000) for i in range(20)])
    data = bytearray(path.read_bytes())
    # keep DuckDB's file headers (first 3 blocks of 4 KiB) so the file still opens, damage the rest
    for i in range(3 * 4096, len(data)):
        data[i] = (i * 131 + 7) % 256
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError) as e, Store(path, read_only=True) as r:
        r.catalog()
        r.get("s3")
    assert str(path) in str(e.value) and "corrupt" in str(e.value) and "thesis data" in str(e.value)


def test_reader_and_writer_in_one_process(tmp_path: Path) -> None:
    path = tmp_path / "market.duckdb"
    Store(path).ingest(_batch("aaa"))
    reader = Store(path, read_only=True)
    assert reader.get("aaa").tolist() == [100.0, 101.0, 102.0]
    # DuckDB refuses a read-write connection while this process holds a read-only one; the writer
    # asks this process's readers to let go instead of calling the file corrupt
    Store(path).ingest(_batch("bbb"))
    assert reader.has("bbb")  # the reader reopened and saw the new series (no stale catalog)
    assert reader.get("bbb").tolist() == [100.0, 101.0, 102.0]


def test_close_forgets_the_catalog(tmp_path: Path) -> None:
    path = tmp_path / "market.duckdb"
    Store(path).ingest(_batch("aaa"))
    a = Store(path, read_only=True)
    assert a.series_ids() == ["aaa"]
    a.close()
    Store(path).ingest(_batch("bbb"))
    assert a.series_ids() == ["aaa", "bbb"]


def test_securities_snapshot_that_drops_a_symbol(tmp_path: Path) -> None:
    s = Store(tmp_path / "market.duckdb")
    two = pd.DataFrame({"symbol": ["AAA", "BBB"], "name": ["A", "B"]})
    s.ingest(SecurityBatch(two, provider="test", universe="u"))
    rep = s.ingest(SecurityBatch(two.iloc[:1], provider="test", universe="u"))
    assert rep.securities >= 1
    assert s.securities("u")["symbol"].tolist() == ["AAA"]


def test_optimize_keeps_every_read(tmp_path: Path) -> None:
    s = Store(tmp_path / "market.duckdb")
    s.ingest([_batch("bbb", 50), _batch("aaa", 30, "2023-06-01")])
    s.ingest(_batch("aaa", 40, "2023-06-01"))  # ten more rows appended later
    before = {k: s.get(k) for k in ("aaa", "bbb")}
    s.optimize()
    for k, v in before.items():
        pd.testing.assert_series_equal(s.get(k), v)
    assert s.get("aaa").iloc[-1] == 139.0 and len(s.get("aaa")) == 40


def test_number_format_drops_float32_noise() -> None:
    assert _num(2485.739990234375) == "2,485.74"
    assert _num(6812.61) == "6,812.61"
    assert _num(0.012345) == "0.012345"
    assert _num(3702620000.0, integer=True) == "3,702,620,000"
    assert _num(0.0) == "0"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("THESIS_HOME", str(tmp_path))
    monkeypatch.setenv("COLUMNS", "200")  # rich would wrap long paths in messages
    Store(tmp_path / "market.duckdb").ingest(_batch("sp500", 5))
    return tmp_path


def test_show_odd_options(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "data", "show", "sp500", "--fields", ",")
    assert code == 2 and "--fields" in err and "Traceback" not in err
    code, _, err = run(
        capsys, "data", "show", "sp500", "--start", "2025-01-01", "--end", "2024-01-01"
    )
    assert code == 2 and "after --end" in err
    code, out, _ = run(capsys, "data", "show", "SP500", "--tail", "1")
    assert code == 0 and "104" in out  # ids are lower-case; the last of 100..104


def test_list_fits_a_narrow_terminal(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    code, out, _ = run(capsys, "data", "list")
    assert code == 0 and "left out" in out
    row = next(line for line in out.splitlines() if line.startswith("sp500"))
    assert "2024-01-02" in row and "2024-01-08" in row  # one line per series, not wrapped


def test_import_notes_are_shown(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = home / "cafe.csv"
    f.write_bytes(b"date,caf\xe9\n2024-01-02,1.5\n2024-01-03,1.6\n")
    code, _, err = run(capsys, "data", "import", str(f))
    assert code == 0 and "latin-1" in err and "cafe.csv" in err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("date,value\n2024-01-02,1,5\n2024-01-03,1.6\n", ["bad.csv:2", "3 fields", "header has 2"]),
        ('date,value\n2024-01-02,"1,500.5"\n', ["'1,500.5'", "bad.csv:2", "thousands"]),
    ],
)
def test_import_ragged_and_thousands(
    home: Path, capsys: pytest.CaptureFixture[str], content: str, expected: list[str]
) -> None:
    f = home / "bad.csv"
    f.write_text(content)
    before = Store(home / "market.duckdb", read_only=True).catalog()["id"].tolist()
    code, _, err = run(capsys, "data", "import", str(f))
    assert code == 2 and "Traceback" not in err
    for e in expected:
        assert e in err
    assert Store(home / "market.duckdb", read_only=True).catalog()["id"].tolist() == before


def test_ingest_error_is_not_masked_by_rollback(tmp_path: Path) -> None:
    s = Store(tmp_path / "market.duckdb")
    s.ingest(_batch("aaa"))
    good = _batch("aaa")
    frame = good.frame.astype({"value": object})
    frame.loc[1, "value"] = "x"
    bad = SeriesBatch(good.info, frame)
    with pytest.raises(IngestError, match="numeric"):
        s.ingest(bad)
    assert s.get("aaa").tolist() == [100.0, 101.0, 102.0]
