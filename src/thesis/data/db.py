"""The store file without pandas: connection, lock, schema, catalog and the point-in-time SQL.

:class:`Database` is the part of the market data store that needs neither pandas nor numpy: it
opens the DuckDB file (waiting for another process that holds it, naming a damaged, foreign or
truncated file), creates and migrates the schema, reads the catalog, and builds the one SQL query of
a point-in-time read (``known_on``: a row's own release date, else its period's end plus the
series' release lag). :class:`~thesis.data.store.Store` subclasses it and wraps results in pandas;
``thesis check`` reads through :meth:`Database.rows` (plain Python lists), so that the command
starts without importing pandas or numpy (``import duckdb`` alone imports neither). DuckDB itself
is imported when a connection opens: a read-only Database made with ``read_cache=True`` answers
from what an earlier process read from the same state of the file
(:mod:`thesis.data.readcache`) and may never open it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
import sys
import time
import weakref
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from thesis.data import storefile
from thesis.data.readcache import MISS, ReadCache
from thesis.data.records import OHLCV_COLUMNS, SeriesInfo
from thesis.errors import DataError, SeriesNotFoundError, StoreError, StoreLockedError, nearest

if TYPE_CHECKING:
    from typing import Self

    import duckdb

__all__ = ["SCHEMA_VERSION", "Database", "default_home", "default_store_path", "guarded"]


SCHEMA_VERSION = "3"
_OBS_COLS = ("value", *OHLCV_COLUMNS)

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key VARCHAR, value VARCHAR);
CREATE TABLE IF NOT EXISTS series (
    id VARCHAR, name VARCHAR, unit VARCHAR, frequency VARCHAR, kind VARCHAR, provider VARCHAR,
    provider_id VARCHAR, origin VARCHAR, license VARCHAR, description VARCHAR,
    total_return BOOLEAN, updated_at TIMESTAMP, release_lag_days INTEGER DEFAULT 0, note VARCHAR
);
CREATE TABLE IF NOT EXISTS ingests (
    id BIGINT, provider VARCHAR, origin VARCHAR, ingested_at TIMESTAMP, new_rows BIGINT,
    note VARCHAR
);
CREATE TABLE IF NOT EXISTS observations (
    series_id VARCHAR, date DATE, {", ".join(f"{c} DOUBLE" for c in _OBS_COLS)},
    ingest_id BIGINT, ingested_at TIMESTAMP, released DATE
);
CREATE TABLE IF NOT EXISTS current (
    series_id VARCHAR, date DATE, {", ".join(f"{c} DOUBLE" for c in _OBS_COLS)},
    ingest_id BIGINT, ingested_at TIMESTAMP, released DATE
);
CREATE TABLE IF NOT EXISTS events (
    date DATE, kind VARCHAR, subject VARCHAR, value DOUBLE, detail VARCHAR, provider VARCHAR,
    ingest_id BIGINT
);
CREATE TABLE IF NOT EXISTS securities (
    universe VARCHAR, symbol VARCHAR, name VARCHAR, sector VARCHAR, as_of DATE, detail VARCHAR,
    provider VARCHAR, ingest_id BIGINT
);
CREATE TABLE IF NOT EXISTS documents (
    id VARCHAR, date DATE, title VARCHAR, url VARCHAR, text VARCHAR, provider VARCHAR, ingest_id BIGINT
);
"""
#: columns added after schema version 1; a store written by an older thesis gains them (empty) the
#: first time it is opened for writing, and reads of an older store treat them as empty
_MIGRATIONS = (
    ("series", "release_lag_days", "INTEGER DEFAULT 0"),
    ("observations", "released", "DATE"),
    ("current", "released", "DATE"),
    # schema 3: what the store noted about a series' data and an ingest (values allowed)
    ("series", "note", "VARCHAR"),
    ("ingests", "note", "VARCHAR"),
)
_TABLES = frozenset(
    {"meta", "series", "ingests", "observations", "current", "events", "securities", "documents"}
)

#: SQL for the last day an observation describes, by the series' frequency (see
#: :func:`thesis.data.releases.period_end`, its pandas twin)
_PERIOD_END_SQL = {
    "daily": "date",
    "event": "date",
    "weekly": "date + 6",
    "monthly": "last_day(date)",
    "quarterly": "last_day(date_trunc('quarter', date) + INTERVAL 2 MONTH)",
    "annual": "make_date(year(date), 12, 31)",
}

#: whole series kept in memory per connection by :meth:`Database.rows` (least recently used out)
_ROWS_CACHED = 64
#: cuts of one series kept by :meth:`Database.rows` (least recently used out)
_CUTS_KEPT = 8
#: answers of ``Store.get``/``Store.events`` kept per connection (:meth:`Database._read_once`)
_READS_KEPT = 128


class _Rows:
    """One series' non-NULL values, oldest first, with the day each became public."""

    __slots__ = ("cuts", "dates", "monotone", "public", "values")

    def __init__(self, dates: list[dt.date], values: list[float], public: list[dt.date]) -> None:
        self.dates, self.values, self.public = dates, values, public
        self.monotone = all(a <= b for a, b in itertools.pairwise(public))
        #: the last few cuts handed out by :meth:`Database.rows`, by (as_of, known_on): checks of
        #: articles of one day ask for the same cut, and copying a long series was most of a read
        self.cuts: OrderedDict[tuple[Any, Any], tuple[list[dt.date], list[float]]] = OrderedDict()


def default_home() -> Path:
    """``$THESIS_HOME`` or the platform's user data dir (e.g. ``~/.local/share/thesis``)."""
    env = os.environ.get("THESIS_HOME")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("thesis", appauthor=False))


def default_store_path() -> Path:
    return default_home() / "market.duckdb"


_LOCK_RE = re.compile(r"Conflicting lock is held in (?P<cmd>.*?) \(PID (?P<pid>\d+)\)")
#: DuckDB refuses a second connection in one process with another mode (read-only vs read-write)
_SAME_PROCESS = "different configuration"
#: every open Store per resolved path in this process, so that a writer can ask this process's own
#: readers to let go of the file (DuckDB cannot mix read-only and read-write in one process)
_OPEN: dict[str, weakref.WeakSet[Database]] = {}

_F = TypeVar("_F", bound=Callable[..., Any])


def guarded(fn: _F) -> _F:
    """Turn a DuckDB or OS error about the store file, its disk or its lock into a StoreError.

    Errors that are not about the file (a bad SQL statement, a programming error) pass unchanged.
    """

    @wraps(fn)
    def wrapper(self: Database, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(self, *args, **kwargs)
        except Exception as e:
            if not (isinstance(e, OSError) or _is_duckdb_error(e)):
                raise
            writing = self._con is not None and self._con_ro is False
            err = storefile.explain(self.path, e, writing=writing)
            if err is None:
                raise
            self.close()
            raise err from e

    # the signature of fn, kept (a ParamSpec would lose the overloads of Store.get)
    return cast(_F, wrapper)


def _is_duckdb_error(e: BaseException) -> bool:
    """Whether ``e`` is DuckDB's (without importing DuckDB: none is raised before it is loaded)."""
    mod = sys.modules.get("duckdb")
    return mod is not None and isinstance(e, mod.Error)


class Database:
    """One DuckDB store file: its connection, lock, schema, catalog and point-in-time SQL.

    Parameters
    ----------
    path
        The DuckDB file; default ``$THESIS_HOME/market.duckdb``.
    read_only
        Open for reading only (several processes may read at once).
    read_cache
        With ``read_only``: keep what is read beside the store (``<store>.reads/``), and answer
        from what an earlier process kept for the same state of the file without opening it
        (:mod:`thesis.data.readcache`; the pandas-free reads only: :meth:`rows`,
        :meth:`latest_date`, :meth:`event_dates`, :meth:`security_names` and the catalog).
    lock_timeout
        Seconds to wait for another process that holds the file before giving up.
    on_wait
        Called once with a message when the file is held by another process and this store starts
        waiting for it (the CLI prints it, so that a wait is never silent).
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        read_only: bool = False,
        lock_timeout: float = 30.0,
        on_wait: Callable[[str], None] | None = None,
        read_cache: bool = False,
    ) -> None:
        self.path = Path(path) if path is not None else default_store_path()
        self.read_only = read_only
        self.lock_timeout = lock_timeout
        self.on_wait = on_wait
        self._use_read_cache = read_cache and read_only
        # answers kept beside the store for the next process (see thesis.data.readcache)
        self._read_cache = ReadCache(self.path) if self._use_read_cache else None
        self._con: duckdb.DuckDBPyConnection | None = None
        self._con_ro: bool | None = None
        self._catalog_cache: dict[str, SeriesInfo] | None = None
        self._columns_cache: set[tuple[str, str]] | None = None
        # whole series and small answers read through this connection (see :meth:`rows`)
        self._rows_cache: OrderedDict[tuple[str, str], _Rows] = OrderedDict()
        self._memo: dict[tuple[Any, ...], Any] = {}
        # answers of Store.get and Store.events by their arguments (see :meth:`_read_once`)
        self._reads: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        # whole series as arrays, cut by Store.get (``Store._cut``: numpy lives there, not here)
        self._frames: OrderedDict[tuple[str, tuple[str, ...]], Any] = OrderedDict()

    # ------------------------------------------------------------------ connections
    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    def close(self) -> None:
        """Close the connection (reads reopen it); another process may change the file meanwhile."""
        # the catalog and the series read are only valid while a connection holds the file
        self._catalog_cache = None
        self._columns_cache = None
        self._rows_cache.clear()
        self._memo.clear()
        self._reads.clear()
        self._frames.clear()
        if self._use_read_cache:  # the file may change once this process lets go of it
            self._read_cache = ReadCache(self.path)
        if self._con is not None:
            import duckdb

            con, self._con, self._con_ro = self._con, None, None
            # a connection to a damaged file may fail to close; it is gone either way
            with suppress(duckdb.Error):
                con.close()
            peers = _OPEN.get(self._key())
            if peers is not None:
                peers.discard(self)

    def _key(self) -> str:
        return str(self.path.resolve())

    def _release_peers(self) -> bool:
        """Close this process's other read connections to the file; True if any was closed."""
        closed = False
        for other in list(_OPEN.get(self._key(), ())):
            if other is not self and other._con is not None:
                other.close()
                closed = True
        return closed

    def _open(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        import duckdb

        if read_only and not self.path.exists():
            raise StoreError(
                "the store does not exist yet",
                where=str(self.path),
                fix="build it with `thesis data bundle` (offline sample data) or `thesis data import PATH`",
                reason="missing",
            )
        # the file and its disk first: DuckDB would call a text file, a file cut short or a
        # read-only mount alike "IO Error", and the advice for each differs
        problem = storefile.sniff(self.path)
        if problem is None and not read_only:
            problem = storefile.check_writable(self.path)
        if problem is not None:
            raise problem
        if not read_only:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise self._explain(e, writing=True) from e
        deadline = time.monotonic() + self.lock_timeout
        delay = 0.05
        told = False
        while True:
            try:
                con = duckdb.connect(str(self.path), read_only=read_only)
                break
            except (duckdb.IOException, duckdb.ConnectionException) as e:
                msg = str(e)
                m = _LOCK_RE.search(msg)
                same_process = _SAME_PROCESS in msg
                if same_process and not read_only and self._release_peers():
                    continue  # this process's own readers let go; try again at once
                if m is None and not same_process and "lock" not in msg.lower():
                    raise self._explain(e, writing=not read_only) from e
                who = (
                    f"PID {m['pid']} ({m['cmd']})"
                    if m
                    else f"another connection in this process (PID {os.getpid()})"
                    if same_process
                    else "another process"
                )
                if not told and self.on_wait is not None:
                    told = True
                    self.on_wait(
                        f"{self.path} is held by {who}; waiting up to {self.lock_timeout:g} s"
                    )
                if time.monotonic() >= deadline:
                    raise StoreLockedError(
                        f"the store is held by {who} and stayed locked for {self.lock_timeout:g} s",
                        where=str(self.path),
                        fix="close the other Store on this file first (Store.close(), or use one "
                        "Store for reading and writing)"
                        if same_process
                        else "wait for that process to finish (an ingest or a long-running app), "
                        "stop it, or point THESIS_HOME at another store",
                    ) from e
                time.sleep(delay)
                delay = min(delay * 2, 0.5)
            except (duckdb.Error, RuntimeError) as e:
                raise self._explain(e, writing=not read_only) from e
        _OPEN.setdefault(self._key(), weakref.WeakSet()).add(self)
        try:
            tables = {
                r[0]
                for r in con.execute(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
                ).fetchall()
            }
            ours = "current" in tables and "series" in tables
            if not ours and (read_only or tables):
                # a DuckDB database that someone else made: never add our tables to it
                raise StoreError(
                    "the file is a DuckDB database but not a thesis store ("
                    + (
                        f"it holds the tables {', '.join(sorted(tables)[:5])}"
                        + (" and more" if len(tables) > 5 else "")
                        if tables
                        else "it holds no tables"
                    )
                    + ", none of the store's)",
                    where=str(self.path),
                    fix="point --store (or THESIS_HOME) at a thesis store (market.duckdb), or build "
                    "one elsewhere with `thesis data bundle` or `thesis data import PATH`",
                    reason="not_a_store",
                )
            if not read_only and ours:
                # a write that does not touch a missing block would succeed and leave the damage
                # unreported: check that every block the tables use is in the file (metadata
                # only, a few milliseconds)
                self._check_blocks(con, tables & _TABLES)
            if not read_only and self._schema_outdated(con, tables):
                con.execute("BEGIN TRANSACTION")
                con.execute(_SCHEMA)
                for table, column, sql_type in _MIGRATIONS:
                    con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} {sql_type}")
                con.execute("DELETE FROM meta WHERE key='schema_version'")
                con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
                con.execute("COMMIT")
        except BaseException as e:
            with suppress(duckdb.Error):
                con.close()
            _OPEN[self._key()].discard(self)
            if isinstance(e, StoreError):
                raise
            if isinstance(e, duckdb.Error | OSError):
                raise self._explain(e, writing=not read_only) from e
            raise
        return con

    def _check_blocks(self, con: duckdb.DuckDBPyConnection, tables: set[str]) -> None:
        row = con.execute("SELECT block_size FROM pragma_database_size()").fetchone()
        if not row or not row[0] or not tables:
            return
        block = int(row[0])
        in_file = (self.path.stat().st_size - storefile.HEADER_BYTES) // block
        sql = " UNION ALL ".join(
            f"SELECT max(block_id) AS b FROM pragma_storage_info('{t}')" for t in sorted(tables)
        )
        used = con.execute(f"SELECT max(b) FROM ({sql})").fetchone()
        last = used[0] if used else None
        if last is not None and last >= in_file:
            raise StoreError(
                f"the store file is cut short: its tables use block {last} but the file holds "
                f"only {in_file} blocks of {block // 1024} KiB ({self.path.stat().st_size:,} "
                "bytes; an interrupted copy or download, or a disk that filled up while the file "
                "was written); its data cannot all be read",
                where=str(self.path),
                fix=storefile.REBUILD.format(p=self.path),
                reason="truncated",
            )

    @staticmethod
    def _schema_outdated(con: duckdb.DuckDBPyConnection, tables: set[str]) -> bool:
        """Whether the file lacks a table or a migrated column (a new or older store)."""
        if not _TABLES.issubset(tables):
            return True
        have = {
            (str(t), str(c))
            for t, c in con.execute(
                "SELECT table_name, column_name FROM information_schema.columns"
            ).fetchall()
        }
        if any((t, c) not in have for t, c, _ in _MIGRATIONS):
            return True
        row = con.execute("SELECT max(value) FROM meta WHERE key = 'schema_version'").fetchone()
        return row is None or row[0] != SCHEMA_VERSION

    def _explain(self, e: BaseException, *, writing: bool, outcome: str = "") -> StoreError:
        """The StoreError for ``e``; an error DuckDB gives no cause for is still a StoreError."""
        err = storefile.explain(self.path, e, writing=writing, outcome=outcome)
        if err is not None:
            return err
        first = str(e).strip().splitlines()[0][:300] if str(e).strip() else ""
        return StoreError(
            f"cannot {'write' if writing else 'open'} the store ({type(e).__name__}: {first})"
            + (f"; {outcome}" if outcome else ""),
            where=str(self.path),
            fix="check the file and its disk (ls -l, df -h); run again with --debug for the "
            "traceback",
            reason="io",
        )

    def _reader(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            self._con = self._open(read_only=True)
            self._con_ro = True
        return self._con

    @contextmanager
    def _writer(self) -> Iterator[duckdb.DuckDBPyConnection]:
        if self.read_only:
            raise StoreError(
                "this store was opened read-only",
                where=str(self.path),
                fix="open Store(path) without read_only",
            )
        if self._con is not None and self._con_ro:
            self.close()
        if self._con is None:
            self._con = self._open(read_only=False)
            self._con_ro = False
        try:
            yield self._con
        finally:
            # release the write lock at once so that readers in other processes can proceed
            self.close()

    # ------------------------------------------------------------------ catalog
    @guarded
    def _catalog_map(self) -> dict[str, SeriesInfo]:
        if self._catalog_cache is None:
            if not self.path.exists():
                self._catalog_cache = {}
                return self._catalog_cache
            rows = self._kept(("catalog",), self._catalog_rows)
            self._catalog_cache = {
                r[0]: SeriesInfo(
                    id=r[0],
                    name=r[1],
                    unit=r[2],
                    frequency=r[3],
                    kind=r[4],
                    provider=r[5],
                    provider_id=r[6],
                    origin=r[7] or "",
                    license=r[8] or "",
                    description=r[9] or "",
                    total_return=bool(r[10]),
                    release_lag_days=int(r[11]),
                    note=str(r[12]),
                )
                for r in rows
            }
        return self._catalog_cache

    def _catalog_rows(self) -> list[tuple[Any, ...]]:
        lag = (
            "coalesce(release_lag_days, 0)"
            if self._has_column("series", "release_lag_days")
            else "0"
        )
        note = "coalesce(note, '')" if self._has_column("series", "note") else "''"
        return (
            self._reader()
            .execute(
                "SELECT id, name, unit, frequency, kind, provider, provider_id, origin, license, "
                f"description, total_return, {lag}, {note} FROM series ORDER BY id"
            )
            .fetchall()
        )

    def _kept(self, key: tuple[Any, ...], read: Callable[[], Any]) -> Any:
        """``read()``, or what an earlier process read for ``key`` from the same state of the file
        (with ``read_cache``, see :mod:`thesis.data.readcache`); what is read is kept for the next.
        The answers are plain lists and tuples: read them, do not change them."""
        rc = self._read_cache
        if rc is None:
            return read()
        got = rc.get(key)
        if got is MISS:
            got = read()
            rc.put(key, got)
        return got

    def _has_column(self, table: str, column: str) -> bool:
        """Whether the open file's ``table`` has ``column`` (stores written before schema 2 lack some)."""
        if self._columns_cache is None:
            # duckdb_columns() answers what information_schema.columns does, ten times faster
            # on a fresh connection (no catalog views to build)
            rows = (
                self._reader()
                .execute(
                    "SELECT table_name, column_name FROM duckdb_columns() "
                    "WHERE schema_name = 'main'"
                )
                .fetchall()
            )
            self._columns_cache = {(str(t), str(c)) for t, c in rows}
        return (table, column) in self._columns_cache

    def series_ids(self) -> list[str]:
        return list(self._catalog_map())

    def has(self, series: str) -> bool:
        return series in self._catalog_map()

    def info(self, series: str) -> SeriesInfo:
        """The catalog entry of ``series``; unknown ids raise with the nearest ids."""
        cat = self._catalog_map()
        try:
            return cat[series]
        except KeyError:
            hint = nearest(series, cat)
            raise SeriesNotFoundError(
                f"unknown series {series!r}"
                + (f"; did you mean {', '.join(hint)}?" if hint else ""),
                where=str(self.path),
                fix="list what the store holds with `thesis data list`; add data with "
                "`thesis data import PATH` or `thesis data update SERIES`",
            ) from None

    # ------------------------------------------------------------------ point-in-time reads
    def _public_sql(self, info: SeriesInfo) -> str:
        """The SQL of the day a row of the series ``info`` describes became public: the row's own
        release date where it has one, else the end of its period plus the series' release lag.
        Every point-in-time read (:meth:`_select`, :meth:`rows`, ``Store.get``) uses this one rule."""
        public = f"{_PERIOD_END_SQL.get(info.frequency, 'date')} + {int(info.release_lag_days)}"
        if self._has_column("current", "released"):
            public = f"coalesce(released, {public})"
        return public

    def _select(
        self,
        series: str,
        cols: Sequence[str],
        start: dt.date | None,
        upper: dt.date | None,
        known_on: dt.date | None,
        vintage: dt.datetime | None,
    ) -> tuple[str, list[Any]]:
        """The one SQL (and its parameters) of a read: ``series``' ``cols`` dated in
        ``[start, upper]``, public on ``known_on``, as the store stood at ``vintage``."""
        info = self.info(series)
        where = ["series_id = ?"]
        params: list[Any] = [series]
        if start is not None:
            where.append("date >= ?")
            params.append(start)
        if upper is not None:
            where.append("date <= ?")
            params.append(upper)
        if known_on is not None:
            where.append(f"{self._public_sql(info)} <= ?")
            params.append(known_on)
        if vintage is None:
            sql = f"SELECT date, {', '.join(cols)} FROM current WHERE {' AND '.join(where)} ORDER BY date"
        else:
            sql = (
                f"SELECT date, {', '.join(cols)} FROM observations WHERE {' AND '.join(where)} "
                "AND ingested_at <= ? QUALIFY row_number() OVER "
                "(PARTITION BY date ORDER BY ingested_at DESC, ingest_id DESC) = 1 ORDER BY date"
            )
            params.append(vintage)
        return sql, params

    def _read_once(self, key: tuple[Any, ...], read: Callable[[], Any]) -> Any:
        """``read()``, or a copy of what it returned for ``key`` on this connection.

        A run asks for the same read many times (the Fed funds rate, the yield curve, the
        recession flags: two reads in three repeat one made before, a tenth of a generated thesis's
        run); while a connection holds the file no other process can change it, and every write
        of this process closes the connection (:meth:`close` drops what is kept). The answers
        are pandas objects: each caller gets its own copy, so that changing it changes nothing
        kept. At most :data:`_READS_KEPT` answers are kept, least recently used out.
        """
        got = self._reads.get(key)
        if got is None:
            got = read()
            self._reads[key] = got
            if len(self._reads) > _READS_KEPT:
                self._reads.popitem(last=False)
        else:
            self._reads.move_to_end(key)
        out = got.copy()
        out.attrs = dict(got.attrs)
        return out

    def _check_started(self, series: str, as_of: dt.date) -> None:
        """Raise when ``as_of`` is before ``series``' first observation (nothing to know yet)."""
        memo = ("first_date", series)
        if memo not in self._memo:

            def read() -> dt.date | None:
                row = (
                    self._reader()
                    .execute("SELECT min(date) FROM current WHERE series_id = ?", [series])
                    .fetchone()
                )
                return row[0] if row else None

            self._memo[memo] = self._kept(memo, read)
        first = self._memo[memo]
        if first is not None and first > as_of:
            raise DataError(
                f"as_of {as_of} is before series {series!r} starts ({first})",
                where=f"series {series}",
                fix=f"choose an as_of on or after {first}, or import longer history for {series!r}",
            )

    @guarded
    def rows(
        self,
        series: str,
        *,
        as_of: dt.date | None = None,
        known_on: dt.date | None = None,
        field: str = "value",
    ) -> tuple[list[dt.date], list[float]]:
        """``series``' values dated on or before ``as_of`` and public on ``known_on``, oldest
        first, as plain lists (NULL values dropped): the read of :meth:`Store.get` without pandas.
        ``field`` is one of ``value``, ``open``, ``high``, ``low``, ``volume``, ``adj_close``.

        The whole series is read once per connection (with the day each row became public, by
        the same rule as the SQL of :meth:`_select`) and every later read is cut from memory by
        bisection: a claim check asks for the same few series at many dates, and while a
        connection holds the file no other process can change it (the cache goes with the
        connection, see :meth:`close`). The last few cuts of each series are kept as well and
        handed out again to a read with the same ``as_of`` and ``known_on``: the lists returned
        are shared, so read them and do not change them.

        Raises :class:`~thesis.errors.SeriesNotFoundError` for an unknown id and
        :class:`~thesis.errors.DataError` when ``as_of`` is before the series starts.
        """
        if field not in _OBS_COLS:
            raise DataError(
                f"unknown field {field!r} for series {series!r}",
                fix=f"use one of {list(_OBS_COLS)}",
            )
        full = self._whole(series, field)
        cut = full.cuts.get((as_of, known_on))
        if cut is not None:
            full.cuts.move_to_end((as_of, known_on))
            return cut
        n = len(full.dates) if as_of is None else bisect_right(full.dates, as_of)
        if known_on is None:
            dates, values = full.dates[:n], full.values[:n]
        elif full.monotone:
            n = min(n, bisect_right(full.public, known_on))
            dates, values = full.dates[:n], full.values[:n]
        else:
            keep = [i for i in range(n) if full.public[i] <= known_on]
            dates, values = [full.dates[i] for i in keep], [full.values[i] for i in keep]
        if as_of is not None and not dates:
            self._check_started(series, as_of)
        full.cuts[(as_of, known_on)] = (dates, values)
        if len(full.cuts) > _CUTS_KEPT:
            full.cuts.popitem(last=False)
        return dates, values

    def _whole(self, series: str, field: str) -> _Rows:
        """All of ``series``' ``field`` (non-NULL), with each row's public day, cached."""
        key = (series, field)
        got = self._rows_cache.get(key)
        if got is not None:
            self._rows_cache.move_to_end(key)
            return got
        info = self.info(series)

        def read() -> tuple[list[dt.date], list[float], list[dt.date]]:
            sql = (
                f"SELECT date, {field}, CAST({self._public_sql(info)} AS DATE) FROM current "
                f"WHERE series_id = ? AND {field} IS NOT NULL AND NOT isnan({field}) ORDER BY date"
            )
            rows = self._reader().execute(sql, [series]).fetchall()
            return [r[0] for r in rows], [float(r[1]) for r in rows], [r[2] for r in rows]

        got = _Rows(*self._kept(("rows", *key), read))
        self._rows_cache[key] = got
        if len(self._rows_cache) > _ROWS_CACHED:
            self._rows_cache.popitem(last=False)
        return got

    @guarded
    def latest_date(self, series: str, as_of: dt.date | None = None) -> dt.date | None:
        """The last date of ``series`` (on or before ``as_of``), or ``None`` when it has none."""
        self.info(series)
        memo = ("latest_date", series, as_of)
        if memo in self._memo:
            return self._memo[memo]

        def read() -> dt.date | None:
            sql = "SELECT max(date) FROM current WHERE series_id = ?"
            params: list[Any] = [series]
            if as_of is not None:
                sql += " AND date <= ?"
                params.append(as_of)
            row = self._reader().execute(sql, params).fetchone()
            return row[0] if row and row[0] is not None else None

        self._memo[memo] = self._kept(memo, read)
        return self._memo[memo]

    @guarded
    def event_dates(self, kind: str) -> list[tuple[dt.date, str]]:
        """(date, subject) of the events of ``kind`` ("fomc_meeting": decision days, subject
        "scheduled" or "unscheduled"), oldest first; pandas-free, for the claim checker. Empty
        when the store holds none."""
        if not self.path.exists():
            return []
        memo = ("event_dates", kind)
        if memo not in self._memo:

            def read() -> list[tuple[dt.date, str]]:
                sql = "SELECT DISTINCT date, subject FROM events WHERE kind = ? ORDER BY date, subject"
                rows = self._reader().execute(sql, [kind]).fetchall()
                return [(r[0], str(r[1] or "")) for r in rows]

            self._memo[memo] = self._kept(memo, read)
        return list(self._memo[memo])

    @guarded
    def security_names(self, universe: str | None = None) -> list[tuple[str, str]]:
        """(symbol, name) of every security the store holds reference data for."""
        if not self.path.exists():
            return []
        memo = ("security_names", universe)
        if memo in self._memo:
            return list(self._memo[memo])

        def read() -> list[tuple[str, str]]:
            sql = "SELECT DISTINCT symbol, name FROM securities"
            params: list[Any] = []
            if universe is not None:
                sql += " WHERE universe = ?"
                params.append(universe)
            rows = self._reader().execute(sql + " ORDER BY symbol", params).fetchall()
            return [(str(a), str(b)) for a, b in rows if a and b]

        self._memo[memo] = self._kept(memo, read)
        return list(self._memo[memo])
