"""Results of batches kept in the store: the facts of each thesis a batch ran, by data version.

One table, ``runs``, in the store's DuckDB file: a row per (thesis id, data hash) with the thesis's
title, series, dates, its facts and its manifest as JSON. ``thesis batch`` writes the rows of a batch
in one transaction after the batch (the client writes; workers never open the store), so a later
query — "every outlook computed on last night's data", "how did the odds for XLK move" — reads
them back with SQL, beside the folders the batch wrote. A store that cannot be written (held by
another process, read-only) is skipped with a note: the folders hold everything.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from thesis.errors import StoreError

__all__ = ["TABLE", "read_runs", "record_runs"]

TABLE = "runs"
_DDL = f"""
CREATE TABLE IF NOT EXISTS {TABLE} (
    thesis_id VARCHAR, data_hash VARCHAR, title VARCHAR, series VARCHAR, as_of DATE,
    horizon DATE, written_at TIMESTAMP, facts VARCHAR, manifest VARCHAR
)
"""


def record_runs(store_path: str | Path, rows: Iterable[Mapping[str, Any]]) -> int:
    """Write rows (``thesis_id``, ``data_hash``, ``title``, ``series``, ``as_of``, ``horizon``,
    ``facts``, ``manifest``) in one transaction; a row replaces the one with the same thesis id and
    data hash. Returns the number written; raises :class:`~thesis.errors.StoreError` when the store
    cannot be written."""
    from thesis.data.store import Store

    batch = list(rows)
    if not batch:
        return 0
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    values = [
        [
            r["thesis_id"],
            r["data_hash"],
            r.get("title", ""),
            r.get("series", ""),
            r.get("as_of"),
            r.get("horizon"),
            now,
            json.dumps(r.get("facts", []), default=str),
            json.dumps(r.get("manifest", {}), default=str),
        ]
        for r in batch
    ]
    store = Store(store_path)
    try:
        with store._writer() as con:  # the data package's own store
            con.execute("BEGIN TRANSACTION")
            try:
                con.execute(_DDL)
                con.executemany(
                    f"DELETE FROM {TABLE} WHERE thesis_id = ? AND data_hash = ?",
                    [[v[0], v[1]] for v in values],
                )
                con.executemany(f"INSERT INTO {TABLE} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", values)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
    finally:
        store.close()
    return len(values)


def read_runs(store_path: str | Path) -> pd.DataFrame:
    """The recorded runs (facts and manifest as JSON text), newest first; empty when none."""
    import duckdb

    cols = ["thesis_id", "data_hash", "title", "series", "as_of", "horizon", "written_at"]
    path = Path(store_path)
    if not path.exists():
        return pd.DataFrame(columns=[*cols, "facts", "manifest"])
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as e:
        raise StoreError(
            f"cannot read the store ({str(e).splitlines()[0][:160]})",
            where=str(path),
            fix="close the process that holds it, or point --store at the right file",
        ) from None
    try:
        tables = {
            r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
        }
        if TABLE not in tables:
            return pd.DataFrame(columns=[*cols, "facts", "manifest"])
        return con.execute(f"SELECT * FROM {TABLE} ORDER BY written_at DESC, thesis_id").df()
    finally:
        con.close()
