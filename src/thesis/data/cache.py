"""Results kept in the store: slow, deterministic analyses (the walk-forward calibration) are
computed once per input and read back afterwards.

One table, ``result_cache`` (created here, in the store's DuckDB file):

==============  =============================================================================
``key``         sha256 of the canonical JSON of everything the result depends on: the kind of
                result, the series, the methods, the origins' rule, the paths, the horizons,
                the random stream, the code's cache version and the data's content hash
``kind``        ``calibration``, ``range_calibration``, …
``series``      the series id (for people reading the table)
``created_at``  when it was written
``meta``        JSON: the result's small fields
``frame``       Parquet bytes of the result's table (floats round-trip exactly)
==============  =============================================================================

Reads and writes are short and separate from the analysis: a read is one query on the store's own
connection; a write opens the file for writing once, inserts its rows in one transaction and
closes, after the analysis has finished. The cache writes its own table even when the analysis
reads the store through a read-only :class:`~thesis.data.store.Store` (as ``thesis run`` does): the
store's connection is closed first and reopens on its next read, with the series it had read
forgotten. A run therefore defers its writes (``defer=True``) and writes them all at once
(:meth:`ResultCache.flush`) when no step reads the store any more: one close instead of one per
step, and no series read twice. A cache that cannot be read or written — one made
with ``write=False``, a file held by another process or by another connection of this one, a file
the user may not write, a table from another version — is skipped: :meth:`ResultCache.get`
returns ``None`` and :meth:`ResultCache.put` returns a note saying why, never an error. The analysis functions take the
cache as an argument (duck-typed: ``key``, ``get``, ``put``), so they stay free of the store.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol

import duckdb
import numpy as np
import pandas as pd

from thesis.errors import StoreError
from thesis.facts import content_hash

if TYPE_CHECKING:
    from thesis.data.store import Store

__all__ = ["CACHE_VERSION", "ResultCache", "ResultCacheLike", "data_hash"]

#: bump when a cached analysis changes what it computes, so that old rows are not reused
CACHE_VERSION = "1"
TABLE = "result_cache"
_DDL = f"""
CREATE TABLE IF NOT EXISTS {TABLE} (
    key VARCHAR PRIMARY KEY, kind VARCHAR, series VARCHAR, created_at TIMESTAMP, meta VARCHAR,
    frame BLOB
)
"""


class ResultCacheLike(Protocol):
    """What an analysis needs of a result cache: :class:`ResultCache`, or anything with its
    ``key``, ``get`` and ``put``."""

    def key(self, kind: str, /, **parts: Any) -> str: ...

    def get(self, key: str, /) -> tuple[pd.DataFrame, dict[str, Any]] | None: ...

    def put(
        self, key: str, kind: str, series: str, frame: pd.DataFrame, meta: Mapping[str, Any], /
    ) -> str | None: ...


def data_hash(*series: pd.Series | pd.DataFrame | None) -> str:
    """Content hash of the inputs (dates and values), for cache keys."""
    parts: list[Any] = []
    for s in series:
        # each input's length goes in first, so that (a, None) and (a,) differ
        parts.append(np.array([-1 if s is None else len(s)], dtype=np.int64))
        if s is None:
            continue
        parts += [s.index.asi8 if isinstance(s.index, pd.DatetimeIndex) else s.index.to_numpy()]
        parts += [np.ascontiguousarray(s.to_numpy(dtype=float))]
    return content_hash(*parts)


def _canonical(x: Any) -> Any:
    """JSON-able, order-independent form of a key part (numpy scalars, tuples, dates)."""
    if isinstance(x, Mapping):
        return {str(k): _canonical(v) for k, v in sorted(x.items(), key=lambda kv: str(kv[0]))}
    if isinstance(x, list | tuple):
        return [_canonical(v) for v in x]
    if isinstance(x, np.generic):
        return x.item()
    if isinstance(x, pd.Timestamp | dt.date | dt.datetime):
        return str(x)
    if x is None or isinstance(x, str | int | float | bool):
        return x
    return repr(x)


class ResultCache:
    """The store's result cache.

    Parameters
    ----------
    store
        The market data store; the cache lives in its DuckDB file (``store.path``).
    write
        Whether results may be written (``False``: read them back only).
    """

    def __init__(self, store: Store, *, write: bool = True, defer: bool = False) -> None:
        self.store = store
        self.write = write
        self.defer = defer
        self.notes: list[str] = []
        #: deferred writes by key: (kind, series, meta JSON, Parquet bytes)
        self._pending: dict[str, tuple[str, str, str, bytes]] = {}

    def __repr__(self) -> str:
        return f"ResultCache({str(self.store.path)!r})"

    @staticmethod
    def key(kind: str, /, **parts: Any) -> str:
        """The cache key of a result: sha256 of the canonical JSON of ``kind``, ``parts`` and
        :data:`CACHE_VERSION`."""
        doc = json.dumps(
            {"kind": kind, "version": CACHE_VERSION, "parts": _canonical(parts)},
            sort_keys=True,
            separators=(",", ":"),
        )
        return hashlib.sha256(doc.encode()).hexdigest()

    def _connect(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        # the store's own connection is closed first (it reopens lazily): DuckDB allows one
        # configuration of connections to a file per process
        self.store.close()
        return duckdb.connect(str(self.store.path), read_only=read_only)

    def get(self, key: str) -> tuple[pd.DataFrame, dict[str, Any]] | None:
        """The cached ``(frame, meta)`` for ``key``, or ``None`` (absent, or unreadable).

        Read through the store's own connection: opening another one would close it (one
        configuration of connections per file and process), and with it the series the store
        has read, which the run then reads again (a fifth of a cached run's cost)."""
        pending = self._pending.get(key)
        if pending is not None:  # written at flush; read back as a row of the table would be
            return pd.read_parquet(io.BytesIO(pending[3])), json.loads(pending[2])
        if not self.store.path.exists():
            return None
        own = None
        try:
            con = self.store._reader()
        except StoreError:  # a file the store will not read as a store: a connection of our own
            try:
                con = own = self._connect(read_only=True)
            except duckdb.Error:
                return None
        except duckdb.Error:
            return None
        try:
            row = con.execute(f"SELECT meta, frame FROM {TABLE} WHERE key = ?", [key]).fetchone()
        except duckdb.Error:  # no table yet, or one from another version
            return None
        finally:
            if own is not None:
                own.close()
        if row is None:
            return None
        try:
            frame = pd.read_parquet(io.BytesIO(bytes(row[1])))
            meta = json.loads(row[0])
        except (ValueError, OSError):
            return None
        return frame, meta

    def put(
        self, key: str, kind: str, series: str, frame: pd.DataFrame, meta: Mapping[str, Any]
    ) -> str | None:
        """Write one result in a short transaction (or, deferred, at :meth:`flush`); ``None`` when
        written or deferred, else a note saying why it was not (the result itself is unaffected)."""
        if not self.write:
            return self._note("the cache is read-only here, so the result was not cached")
        try:
            buf = io.BytesIO()
            frame.to_parquet(buf, index=True)
            blob = buf.getvalue()
            meta_json = json.dumps(_canonical(dict(meta)))
        except (ValueError, TypeError) as e:
            return self._note(f"the result could not be serialised for the cache ({e})")
        row = (kind, series, meta_json, blob)
        if self.defer:
            self._pending[key] = row
            return None
        why = self._write({key: row})
        return self._note(why) if why is not None else None

    def flush(self) -> list[str]:
        """Write the deferred results in one transaction; a note per result not written
        (``"KIND: why"``), none when all were."""
        pending, self._pending = self._pending, {}
        why = self._write(pending) if pending else None
        return [self._note(f"{kind}: {why}") for kind, *_ in pending.values()] if why else []

    def _write(self, rows: Mapping[str, tuple[str, str, str, bytes]]) -> str | None:
        """Insert ``rows`` (by key) in one transaction; ``None``, or why they were not written."""
        try:
            con = self._connect(read_only=False)
        except duckdb.Error as e:
            first = str(e).splitlines()[0][:160]
            return (
                f"the store could not be opened for writing, so the result was not cached ({first})"
            )
        try:
            con.execute("BEGIN TRANSACTION")
            con.execute(_DDL)
            now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            for key, (kind, series, meta_json, blob) in rows.items():
                con.execute(f"DELETE FROM {TABLE} WHERE key = ?", [key])
                con.execute(
                    f"INSERT INTO {TABLE} VALUES (?, ?, ?, ?, ?, ?)",
                    [key, kind, series, now, meta_json, blob],
                )
            con.execute("COMMIT")
        except duckdb.Error as e:
            with contextlib.suppress(duckdb.Error):
                con.execute("ROLLBACK")
            return f"the cache table could not be written ({str(e).splitlines()[0][:160]})"
        finally:
            con.close()
        return None

    def _note(self, text: str) -> str:
        self.notes.append(text)
        return text

    def entries(self) -> pd.DataFrame:
        """What the cache holds: key, kind, series, created_at, size in bytes (empty if none)."""
        cols = ["key", "kind", "series", "created_at", "bytes"]
        if not self.store.path.exists():
            return pd.DataFrame(columns=cols)
        try:
            con = self._connect(read_only=True)
        except duckdb.Error:
            return pd.DataFrame(columns=cols)
        try:
            return con.execute(
                f"SELECT key, kind, series, created_at, octet_length(frame) AS bytes FROM {TABLE} "
                "ORDER BY created_at"
            ).df()
        except duckdb.Error:
            return pd.DataFrame(columns=cols)
        finally:
            con.close()
