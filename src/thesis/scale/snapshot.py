"""A point-in-time snapshot of the store, exported once as Parquet and read by every worker.

A batch of theses runs on many processes or machines. None of them opens the DuckDB store: the
client exports what the tasks need (the series they name, the events, the reference data) up to a
cut-off date into a folder of Parquet files whose name is the content hash of its data, and each
worker reads that folder into an in-memory database. :class:`SnapshotStore` serves the same read
API as :class:`~thesis.data.store.Store` with the same SQL over the same rows, so a thesis run on a
snapshot gives bit-identical facts to a run on the store.

Why our own code: Dask ships task arguments, not databases; the alternatives (every worker opening
the DuckDB file read-only, or scattering DataFrames) either need a shared POSIX file that DuckDB may
lock, or ship the data once per task. A content-hashed Parquet folder is read once per worker,
works from any shared file system or object store mount, and names the data version in every
result.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from thesis.data.store import Store
from thesis.errors import StoreError

__all__ = ["Snapshot", "SnapshotStore", "export_snapshot", "open_snapshot", "series_named"]

#: the store's tables a snapshot carries (``documents`` are article texts: no analysis reads them)
_TABLES = ("meta", "series", "current", "events", "securities")


@dataclass(frozen=True)
class Snapshot:
    """An exported snapshot: its folder, the content hash of its data, its size and contents."""

    path: Path
    content_hash: str
    bytes: int
    series: tuple[str, ...]
    until: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "content_hash": self.content_hash,
            "bytes": self.bytes,
            "series": list(self.series),
            "until": self.until,
        }


def series_named(obj: Any, known: set[str] | dict[str, Any]) -> set[str]:
    """Every series a thesis (as plain data) names, with their variants, among ``known`` ids.

    A thesis names its series in many keys (index, earnings, rates, compare, portfolio sleeves,
    theme tickers); walking the data keeps the snapshot right when the spec grows new keys. A name
    also brings the series derived from it (``plpc`` → ``plpc_iex``, ``plpc_revenue_q``: another
    source or a company's filings) and, given the catalog (id → ``SeriesInfo``), the series whose
    provider id is that ticker. A screen over a whole universe (``universe = "store"`` or
    ``"sp500"``) needs every price series.
    """
    ids = set(known)
    infos = known if isinstance(known, dict) else {}
    by_token: dict[str, set[str]] = {}
    for sid in ids:
        by_token.setdefault(sid, set()).add(sid)
        by_token.setdefault(sid.split("_")[0], set()).add(sid)
        info = infos.get(sid)
        pid = (getattr(info, "provider_id", "") or "").split(":")[0].strip().lower()
        if pid:
            by_token.setdefault(pid, set()).add(sid)
    out: set[str] = set()
    whole_universe = False
    stack = [obj]
    while stack:
        x = stack.pop()
        if isinstance(x, str):
            out |= by_token.get(x, set()) | by_token.get(x.lower(), set())
        elif isinstance(x, dict):
            if x.get("universe") in ("store", "sp500"):
                whole_universe = True
            stack.extend(x.values())
        elif isinstance(x, list | tuple | set | frozenset):
            stack.extend(x)
    if whole_universe and infos:
        out |= {sid for sid, info in infos.items() if getattr(info, "kind", "") == "price"}
    return out


def export_snapshot(
    store: Store,
    root: str | os.PathLike[str],
    *,
    series: Iterable[str] | None = None,
    until: Any = None,
) -> Snapshot:
    """Export the store's data (the given series, or all) up to ``until`` into ``root/snap-HASH``.

    Observations dated after ``until`` are left out; events are all kept (a view reads only those
    known on its date, and scheduled meetings are known ahead). Exporting the same data twice gives
    the same folder, which is then reused.
    """
    import pandas as pd

    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    ids = sorted(set(series) if series is not None else store.series_ids())
    for s in ids:
        store.info(s)  # unknown ids fail here, with the nearest ones named
    cut = None if until is None else pd.Timestamp(until).date()
    con = store._reader()
    tmp = Path(tempfile.mkdtemp(prefix=".snap-", dir=root))
    try:
        id_list = ", ".join("'" + s.replace("'", "''") + "'" for s in ids) or "NULL"
        queries = {
            "meta": "SELECT * FROM meta ORDER BY key",
            "series": f"SELECT * FROM series WHERE id IN ({id_list}) ORDER BY id",
            "current": f"SELECT * FROM current WHERE series_id IN ({id_list})"
            + (f" AND date <= DATE '{cut.isoformat()}'" if cut else "")
            + " ORDER BY series_id, date",
            "events": "SELECT * FROM events ORDER BY date, kind, subject",
            "securities": "SELECT * FROM securities ORDER BY universe, symbol",
        }
        digest = hashlib.sha256()
        for name in _TABLES:
            target = tmp / f"{name}.parquet"
            con.execute(f"COPY ({queries[name]}) TO '{target}' (FORMAT PARQUET)")
            # hash the rows, not the file: Parquet metadata carry the writer's version
            rows = con.execute(queries[name]).fetchall()
            digest.update(name.encode())
            digest.update(json.dumps(rows, default=str).encode())
        h = digest.hexdigest()[:16]
        (tmp / "snapshot.json").write_text(
            json.dumps(
                {"content_hash": h, "series": ids, "until": cut and cut.isoformat()}, indent=2
            )
        )
        final = root / f"snap-{h}"
        if final.exists():
            shutil.rmtree(tmp)
        else:
            os.replace(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    size = sum(p.stat().st_size for p in final.iterdir())
    return Snapshot(final, h, size, tuple(ids), None if cut is None else cut.isoformat())


class SnapshotStore(Store):
    """The store's read API over a snapshot folder (read-only, in memory, one database per thread)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__(path, read_only=True)
        meta = self.path / "snapshot.json"
        if not meta.is_file():
            raise StoreError(
                "not a thesis snapshot (snapshot.json missing)",
                where=str(self.path),
                fix="export one with thesis.scale.export_snapshot (thesis batch does it)",
            )
        self.meta = json.loads(meta.read_text())
        self.content_hash: str = self.meta["content_hash"]
        self._local = threading.local()

    def __repr__(self) -> str:
        return f"SnapshotStore({str(self.path)!r})"

    def _reader(self) -> duckdb.DuckDBPyConnection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = duckdb.connect(":memory:")
            for name in _TABLES:
                f = str(self.path / f"{name}.parquet").replace("'", "''")
                con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_parquet('{f}')")
            self._local.con = con
        return con

    def close(self) -> None:
        """Keep the in-memory tables (a snapshot never changes); nothing to release."""

    @contextmanager
    def _writer(self) -> Iterator[duckdb.DuckDBPyConnection]:
        raise StoreError(
            "a snapshot is read-only",
            where=str(self.path),
            fix="write to the store on the client; workers only read snapshots",
        )
        yield  # pragma: no cover - never reached: a generator, as Store._writer is


_OPEN: dict[str, SnapshotStore] = {}
_OPEN_LOCK = threading.Lock()


def open_snapshot(path: str | os.PathLike[str]) -> SnapshotStore:
    """The snapshot at ``path``, opened once per process (workers reuse it across tasks)."""
    key = str(Path(path).resolve())
    with _OPEN_LOCK:
        st = _OPEN.get(key)
        if st is None:
            st = _OPEN[key] = SnapshotStore(key)
        return st
