"""The checker's pandas-free read path: ``Database.rows`` answers as ``store.view(as_of).get``
does (one SQL), and ``thesis check --format json`` runs without importing pandas, numpy or rich."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from thesis.data.db import Database
from thesis.errors import DataError, StoreError

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("sid", "as_of"), [("sp500", "2025-11-26"), ("cpi_u", "2025-11-26"), ("vix", "2020-03-18")]
)
def test_rows_equal_the_point_in_time_view(claims_store, sid: str, as_of: str) -> None:
    day = dt.date.fromisoformat(as_of)
    view = claims_store.view(day).get(sid).dropna()
    dates, values = Database(claims_store.path, read_only=True).rows(sid, as_of=day, known_on=day)
    assert [t.date() for t in view.index] == dates
    assert list(view.to_numpy()) == values


def test_rows_share_the_stores_errors(claims_store, tmp_path: Path) -> None:
    db = Database(claims_store.path, read_only=True)
    with pytest.raises(DataError, match="before series 'sp500' starts"):
        db.rows("sp500", as_of=dt.date(1900, 1, 1))
    with pytest.raises(DataError, match="unknown field"):
        db.rows("sp500", field="close; DROP TABLE current")
    bad = tmp_path / "market.duckdb"
    bad.write_text("not a database\n")
    with pytest.raises(StoreError):
        Database(bad, read_only=True).rows("sp500")


def test_check_json_imports_neither_pandas_nor_numpy(claims_store, shared_articles) -> None:
    code = (
        "import sys\nfrom thesis.cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('pandas', 'numpy', 'rich') if m in sys.modules]\n"
        "print('HEAVY', heavy, file=sys.stderr)"
    )
    art = shared_articles / "001.txt"
    cmd = [
        sys.executable,
        "-c",
        code,
        "check",
        str(art),
        "--format",
        "json",
        "--store",
        str(claims_store.path),
    ]
    res = subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": ""},
    )
    assert res.returncode == 0, res.stderr
    assert "HEAVY []" in res.stderr, res.stderr
    assert json.loads(res.stdout)


@pytest.mark.parametrize(
    ("sid", "field"),
    [("sp500", "value"), ("cpi_u", "value"), ("gdp_real", "value"), ("spy", "high")],
)
def test_rows_from_memory_equal_the_sql_read(claims_store, sid: str, field: str) -> None:
    """The whole series is read once and every later read is cut from memory: at each date the
    cut equals the store's own point-in-time SQL (release lags, a row's own release date)."""
    db = Database(claims_store.path, read_only=True)
    days = [dt.date(2008, 9, 15), dt.date(2019, 12, 31), dt.date(2020, 3, 18), dt.date(2025, 1, 2)]
    days += [dt.date(2025, 11, 26), dt.date(2026, 1, 12)]
    for day in days:
        for known in (day, day + dt.timedelta(days=40), None):
            sql, params = db._select(sid, [field], None, day, known, None)
            want = [
                (d, float(v)) for d, v in db._reader().execute(sql, params).fetchall()
                if v is not None and v == v
            ]  # fmt: skip
            if not want and db.latest_date(sid) is not None and day < min(db.rows(sid)[0]):
                with pytest.raises(DataError, match="before series"):
                    db.rows(sid, as_of=day, known_on=known, field=field)
                continue
            got = db.rows(sid, as_of=day, known_on=known, field=field)
            assert list(zip(*got, strict=True)) == want, (sid, day, known)
    db.close()


def test_rows_cache_goes_with_the_connection(market_store_copy) -> None:
    """A write closes the connection, and with it the series kept in memory: the next read sees
    the new row."""
    import pandas as pd

    from thesis.data.records import SeriesBatch

    store = market_store_copy
    dates, _ = store.rows("sp500")
    new = dates[-1] + dt.timedelta(days=3)
    frame = pd.DataFrame({"date": [new.isoformat()], "value": [7000.0]})
    store.ingest(SeriesBatch(store.info("sp500"), frame))
    again, values = store.rows("sp500")
    assert again[-1] == new and values[-1] == 7000.0
