"""The market data store: one DuckDB file, point-in-time reads, transactional ingests.

Layout (``$THESIS_HOME/market.duckdb``):

``series``        the catalog (id, name, unit, frequency, kind, provider, provider id, origin, license)
``ingests``       one row per ingest (provider, origin, time)
``observations``  every vintage of every observation (append-only): a re-ingest that changes a value
                  adds a row, one that changes nothing adds none
``current``       the latest vintage per (series, date), kept in step with ``observations`` inside the
                  same transaction so that ordinary reads do not have to deduplicate vintages
``events``        FOMC meetings and decisions, CPI releases, earnings dates
``securities``    reference data per symbol (constituents, sectors, fundamentals snapshots)
``documents``     article texts

Two notions of time: ``as_of`` is the analysis date (only observations dated on or before it are
returned), ``vintage`` is an ingestion timestamp (the store as it stood then).

Locking: DuckDB allows one writing process or many reading ones. Connections are opened when
needed and closed by :meth:`Store.close`; when another process holds the file we wait up to
``lock_timeout`` seconds and then raise :class:`~thesis.errors.StoreLockedError` naming that process.

Writes: :meth:`Store.ingest` and :meth:`Store.ingest_many` validate every batch first (dates,
numbers, duplicates, values a series of its kind can hold) and then write in ONE transaction, so a
bad row, a full disk or a killed process leaves the store exactly as it was
(``tests/data/test_faults.py`` kills imports at random points to show it).

Failures: anything wrong with the file, its disk or its lock is a :class:`~thesis.errors.StoreError`
whose ``reason`` says which (``corrupt``, ``truncated``, ``foreign``, ``not_a_store``, ``read_only``,
``full``, ``permission``, ``locked``, ...) and whose fix fits it; :mod:`thesis.data.storefile` tells
the causes apart. A write that fails says whether anything was stored, after reading the store again.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Collection, Iterable, Sequence
from contextlib import suppress
from dataclasses import asdict
from typing import TYPE_CHECKING, Any, NamedTuple, overload

import duckdb
import numpy as np
import pandas as pd

from thesis._types import DateLike
from thesis.data import storefile
from thesis.data.db import (
    _OBS_COLS,
    _ROWS_CACHED,
    Database,
    default_home,
    default_store_path,
    guarded,
)
from thesis.data.records import (
    HARD_LIMIT,
    MAGNITUDE_LIMITS,
    POSITIVE_KINDS,
    VOLUME_LIMIT,
    Batch,
    DocumentBatch,
    EventBatch,
    IngestReport,
    SecurityBatch,
    SeriesBatch,
    SeriesInfo,
    parse_allow,
)
from thesis.errors import (
    DataError,
    IngestError,
)
from thesis.facts import Source, content_hash

if TYPE_CHECKING:
    from thesis.data.view import StoreView

__all__ = ["Observation", "Store", "default_home", "default_store_path"]


class Observation(NamedTuple):
    """One observation: its date and value."""

    date: pd.Timestamp
    value: float


def _to_date(x: DateLike | None, what: str) -> dt.date | None:
    if x is None:
        return None
    if isinstance(x, pd.Timestamp):
        return x.date()
    if isinstance(x, dt.datetime):
        return x.date()
    if isinstance(x, dt.date):
        return x
    try:
        return pd.Timestamp(str(x)).date()
    except (ValueError, TypeError):
        raise DataError(
            f"{what} {x!r} is not a date", fix="write dates as YYYY-MM-DD (e.g. 2025-11-26)"
        ) from None


def _floats(column: Any) -> np.ndarray:
    """A column of DuckDB's ``fetchnumpy`` as float64 with NaN where the store holds NULL.

    ``fetchnumpy`` returns a masked array when a column has NULLs, and ``np.asarray`` of it keeps
    the masked slots' raw data, 0.0: a day without a high would read as a high of zero.
    """
    return np.ma.filled(np.ma.asarray(column, dtype="float64"), np.nan)


class _Frame:
    """One series' ``date``, fields and public day as arrays, oldest first (a NULL field is NaN,
    see :func:`_floats`)."""

    __slots__ = ("columns", "dates", "monotone", "public")

    def __init__(
        self, dates: np.ndarray, columns: dict[str, np.ndarray], public: np.ndarray
    ) -> None:
        self.dates, self.columns, self.public = dates, columns, public
        self.monotone = bool(len(public) < 2 or (public[1:] >= public[:-1]).all())


class Store(Database):
    """Point-in-time market data in one DuckDB file, read as pandas objects.

    The connection, lock, schema, catalog and the SQL of a point-in-time read are
    :class:`~thesis.data.db.Database`'s (shared with the checker's pandas-free reads); this class
    adds the pandas reads and the transactional writes.

    Parameters
    ----------
    path
        The DuckDB file; default ``$THESIS_HOME/market.duckdb``.
    read_only
        Open for reading only (several processes may read at once).
    lock_timeout
        Seconds to wait for another process that holds the file before giving up.
    on_wait
        Called once with a message when the file is held by another process and this store starts
        waiting for it (the CLI prints it, so that a wait is never silent).
    """

    def view(self, as_of: DateLike) -> StoreView:
        """The store as it stood on ``as_of``: only figures dated and published by then.

        See :class:`thesis.data.view.StoreView`; every analysis reads through one.
        """
        from thesis.data.view import StoreView

        return StoreView(self, as_of)

    @guarded
    def catalog(self) -> pd.DataFrame:
        """The catalog with each series' first and last date and number of observations."""
        cols = [
            "id",
            "name",
            "unit",
            "frequency",
            "kind",
            "provider",
            "provider_id",
            "start",
            "end",
            "count",
            "origin",
            "license",
            "total_return",
        ]
        if not self.path.exists():
            return pd.DataFrame(columns=cols)
        df = (
            self._reader()
            .execute(
                """
            SELECT s.id, s.name, s.unit, s.frequency, s.kind, s.provider, s.provider_id,
                   c.start, c."end", coalesce(c.n, 0) AS count, s.origin, s.license, s.total_return
            FROM series s LEFT JOIN (
                SELECT series_id, min(date) AS start, max(date) AS "end", count(*) AS n
                FROM current GROUP BY series_id
            ) c ON c.series_id = s.id
            ORDER BY s.id
            """
            )
            .df()
        )
        return df[cols]

    # ------------------------------------------------------------------ reads
    @overload
    def get(
        self,
        series: str,
        start: DateLike | None = ...,
        end: DateLike | None = ...,
        as_of: DateLike | None = ...,
        *,
        fields: None = ...,
        vintage: DateLike | None = ...,
        known_on: DateLike | None = ...,
    ) -> pd.Series: ...

    @overload
    def get(
        self,
        series: str,
        start: DateLike | None = ...,
        end: DateLike | None = ...,
        as_of: DateLike | None = ...,
        *,
        fields: Sequence[str],
        vintage: DateLike | None = ...,
        known_on: DateLike | None = ...,
    ) -> pd.DataFrame: ...

    @guarded
    def get(
        self,
        series: str,
        start: DateLike | None = None,
        end: DateLike | None = None,
        as_of: DateLike | None = None,
        *,
        fields: Sequence[str] | None = None,
        vintage: DateLike | None = None,
        known_on: DateLike | None = None,
    ) -> pd.Series | pd.DataFrame:
        """Observations of ``series`` dated in ``[start, end]`` and on or before ``as_of``.

        Parameters
        ----------
        series
            Series id (see :meth:`catalog`).
        start, end
            Inclusive date bounds (anything ``pandas.Timestamp`` accepts).
        as_of
            Analysis date: nothing dated after it is returned. An ``as_of`` before the series'
            first observation is an error (there is nothing to know yet).
        fields
            ``None`` returns a Series of ``value``; a list of column names (``value``, ``open``,
            ``high``, ``low``, ``volume``, ``adj_close``) returns a DataFrame.
        vintage
            Ingestion timestamp: answer as the store stood then (slower; reads all vintages).
        known_on
            Keep only figures that were public on this date: a row's own release date where it
            has one (a filing date), otherwise the end of the period it describes plus the series'
            ``release_lag_days`` (October's CPI, dated 2025-10-01, is public from 2025-11-15).
            :meth:`view` passes its ``as_of`` here.

        Returns
        -------
        pandas.Series or DataFrame indexed by ``date`` (datetime64), float values, named ``series``.
        The lineage of the read is in ``.attrs["source"]`` (a :class:`~thesis.facts.Source`).
        """
        info = self.info(series)
        cols = ["value"] if fields is None else list(fields)
        bad = [c for c in cols if c not in _OBS_COLS]
        if bad:
            raise DataError(
                f"unknown field(s) {bad} for series {series!r}",
                fix=f"use some of {list(_OBS_COLS)}",
            )
        start_d, end_d, as_of_d = (
            _to_date(start, "start"),
            _to_date(end, "end"),
            _to_date(as_of, "as_of"),
        )
        upper = min((d for d in (end_d, as_of_d) if d is not None), default=None)
        known_d = _to_date(known_on, "known_on")
        vint = pd.Timestamp(vintage).to_pydatetime() if vintage is not None else None
        if vint is None:
            key = ("get", series, fields is None, tuple(cols), start_d, upper, as_of_d, known_d)
            return self._read_once(
                key, lambda: self._get(series, info, cols, fields is None, start_d, upper, as_of_d, known_d, None)
            )  # fmt: skip
        return self._get(series, info, cols, fields is None, start_d, upper, as_of_d, known_d, vint)

    def _get(
        self,
        series: str,
        info: SeriesInfo,
        cols: list[str],
        plain: bool,
        start_d: dt.date | None,
        upper: dt.date | None,
        as_of_d: dt.date | None,
        known_d: dt.date | None,
        vint: dt.datetime | None,
    ) -> pd.Series | pd.DataFrame:
        """The read of :meth:`get` once its arguments are checked (``plain``: a Series of value)."""
        if vint is None:
            dates, columns = self._cut(series, cols, start_d, upper, known_d)
        else:
            sql, params = self._select(series, cols, start_d, upper, known_d, vint)
            arrs = self._reader().execute(sql, params).fetchnumpy()
            dates = np.asarray(arrs["date"], dtype="datetime64[ns]")
            columns = {c: _floats(arrs[c]) for c in cols}
        if as_of_d is not None and len(dates) == 0:
            self._check_started(series, as_of_d)
        index = pd.DatetimeIndex(dates, name="date")
        if plain:
            values = np.ascontiguousarray(columns["value"])
            out: pd.Series | pd.DataFrame = pd.Series(values, index=index, name=series)
        else:
            out = pd.DataFrame({c: np.ascontiguousarray(columns[c]) for c in cols}, index=index)
            values = out.to_numpy()
        dates = np.ascontiguousarray(dates)
        out.attrs["source"] = Source(
            series=series,
            provider=info.provider,
            start=str(index[0].date()) if len(index) else None,
            end=str(index[-1].date()) if len(index) else None,
            content_hash=content_hash(dates.view("int64"), values),
            rows=len(index),
            origin=info.origin or None,
        )
        return out

    def _cut(
        self,
        series: str,
        cols: Sequence[str],
        start: dt.date | None,
        upper: dt.date | None,
        known_on: dt.date | None,
    ) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """The rows :meth:`_select` would read (without a vintage), cut from the whole series
        read once per connection: the dates (``datetime64[ns]``) and each column (float64).

        A run reads the same few series at many dates and several ``known_on`` (each analysis's
        point-in-time view): one query per series instead of one per read. The public day of each
        row follows the SQL of :meth:`_select` (the same expression, cast to a date). This is the
        pandas read's counterpart of ``Database.rows``, which keeps plain lists (and drops missing
        values) because the checker's light path imports no numpy.
        """
        key = (series, tuple(cols))
        frame = self._frames.get(key)
        if frame is None:
            public = self._public_sql(self.info(series))
            sql = (
                f"SELECT date, {', '.join(cols)}, CAST({public} AS DATE) AS _public "
                "FROM current WHERE series_id = ? ORDER BY date"
            )
            arrs = self._reader().execute(sql, [series]).fetchnumpy()
            frame = _Frame(
                np.asarray(arrs["date"], dtype="datetime64[ns]"),
                {c: _floats(arrs[c]) for c in cols},
                np.asarray(arrs["_public"], dtype="datetime64[ns]"),
            )
            self._frames[key] = frame
            if len(self._frames) > _ROWS_CACHED:
                self._frames.popitem(last=False)
        else:
            self._frames.move_to_end(key)
        dates = frame.dates
        lo = 0 if start is None else int(dates.searchsorted(np.datetime64(start, "ns")))
        hi = (
            len(dates)
            if upper is None
            else int(dates.searchsorted(np.datetime64(upper, "ns"), side="right"))
        )
        if known_on is None:
            pick: slice | np.ndarray = slice(lo, hi)
        else:
            known = np.datetime64(known_on, "ns")
            if frame.monotone:
                hi = min(hi, int(frame.public.searchsorted(known, side="right")))
                pick = slice(lo, max(lo, hi))
            else:
                pick = lo + np.flatnonzero(frame.public[lo:hi] <= known)
        return dates[pick], {c: v[pick] for c, v in frame.columns.items()}

    @guarded
    def latest(self, series: str, as_of: DateLike | None = None) -> Observation:
        """The last observation of ``series`` dated on or before ``as_of``."""
        self.info(series)
        as_of_d = _to_date(as_of, "as_of")
        con = self._reader()
        if as_of_d is None:
            row = con.execute(
                "SELECT date, value FROM current WHERE series_id = ? ORDER BY date DESC LIMIT 1",
                [series],
            ).fetchone()
        else:
            row = con.execute(
                "SELECT date, value FROM current WHERE series_id = ? AND date <= ? ORDER BY date DESC LIMIT 1",
                [series, as_of_d],
            ).fetchone()
        if row is None:
            first = con.execute(
                "SELECT min(date) FROM current WHERE series_id = ?", [series]
            ).fetchone()
            start = first[0] if first else None
            raise DataError(
                f"series {series!r} has no observation on or before {as_of_d}"
                + (f" (it starts {start})" if start else " (it is empty)"),
                where=f"series {series}",
                fix=f"choose an as_of on or after {start}"
                if start
                else f"ingest data for {series!r}",
            )
        return Observation(pd.Timestamp(row[0]), float(row[1]))

    def get_many(
        self,
        series: Sequence[str],
        start: DateLike | None = None,
        end: DateLike | None = None,
        as_of: DateLike | None = None,
    ) -> pd.DataFrame:
        """Several series' values side by side (outer join on date; NaN where a series has no row)."""
        parts = [self.get(s, start, end, as_of) for s in series]
        df = pd.concat(parts, axis=1, join="outer").sort_index()
        df.attrs["sources"] = [p.attrs["source"] for p in parts]
        return df

    def source(
        self,
        series: str,
        start: DateLike | None = None,
        end: DateLike | None = None,
        as_of: DateLike | None = None,
    ) -> Source:
        """The lineage of a read, without keeping the data."""
        return self.get(series, start, end, as_of).attrs["source"]

    @guarded
    def events(
        self,
        kind: str | None = None,
        start: DateLike | None = None,
        end: DateLike | None = None,
        as_of: DateLike | None = None,
    ) -> pd.DataFrame:
        """Events (``date``, ``kind``, ``subject``, ``value``, ``detail``), oldest first.

        ``as_of`` keeps events dated on or before it: a scheduled meeting after ``as_of`` is known
        in advance, so pass ``end`` (not ``as_of``) to see the calendar ahead.
        """
        if not self.path.exists():
            return pd.DataFrame(columns=["date", "kind", "subject", "value", "detail", "provider"])
        bounds = (_to_date(start, "start"), _to_date(end, "end"), _to_date(as_of, "as_of"))
        return self._read_once(("events", kind, *bounds), lambda: self._events(kind, *bounds))

    def _events(
        self, kind: str | None, start: dt.date | None, end: dt.date | None, as_of: dt.date | None
    ) -> pd.DataFrame:
        where: list[str] = ["TRUE"]
        params: list[Any] = []
        if kind is not None:
            where.append("kind = ?")
            params.append(kind)
        for op, v in ((">=", start), ("<=", end), ("<=", as_of)):
            if v is not None:
                where.append(f"date {op} ?")
                params.append(v)
        df = (
            self._reader()
            .execute(
                f"SELECT date, kind, subject, value, detail, provider FROM events WHERE {' AND '.join(where)} "
                "ORDER BY date, kind, subject",
                params,
            )
            .df()
        )
        df["date"] = pd.to_datetime(df["date"])
        return df

    @guarded
    def securities(self, universe: str | None = None) -> pd.DataFrame:
        """Reference data per symbol; ``detail`` JSON expanded into columns."""
        if not self.path.exists():
            return pd.DataFrame(columns=["universe", "symbol", "name", "sector", "as_of"])
        sql = "SELECT universe, symbol, name, sector, as_of, detail FROM securities"
        params: list[Any] = []
        if universe is not None:
            sql += " WHERE universe = ?"
            params.append(universe)
        df = self._reader().execute(sql + " ORDER BY universe, symbol", params).df()
        if len(df):
            detail = pd.DataFrame(
                [json.loads(d) if d else {} for d in df.pop("detail")], index=df.index
            )
            df = pd.concat(
                [df, detail.drop(columns=[c for c in detail if c in df], errors="ignore")], axis=1
            )
        else:
            df = df.drop(columns="detail")
        return df

    @guarded
    def documents(self) -> pd.DataFrame:
        if not self.path.exists():
            return pd.DataFrame(columns=["id", "date", "title", "url", "text"])
        return (
            self._reader()
            .execute("SELECT id, date, title, url, text FROM documents ORDER BY date, id")
            .df()
        )

    @guarded
    def ingests(self) -> pd.DataFrame:
        if not self.path.exists():
            return pd.DataFrame(columns=["id", "provider", "origin", "ingested_at", "new_rows"])
        return self._reader().execute("SELECT * FROM ingests ORDER BY id").df()

    @guarded
    def last_date(self) -> pd.Timestamp | None:
        """The last observation date across all series (None for an empty store)."""
        if not self.path.exists():
            return None
        row = self._reader().execute("SELECT max(date) FROM current").fetchone()
        return pd.Timestamp(row[0]) if row and row[0] is not None else None

    # ------------------------------------------------------------------ writes
    @guarded
    def ingest(
        self,
        batches: Batch | Iterable[Batch],
        *,
        provider: str = "",
        origin: str = "",
        allow: Collection[str] = (),
    ) -> IngestReport:
        """Write batches in one transaction; all or nothing.

        Every batch is validated first (dates, numbers, duplicates, plausible values for the
        series' kind); one bad row rejects the whole call with an
        :class:`~thesis.errors.IngestError` naming the row. Re-ingesting the same data adds
        nothing; a changed value adds a new vintage.

        Parameters
        ----------
        batches
            One batch or several.
        provider, origin
            Recorded with the ingest (default: the batches' own).
        allow
            Checks to relax, from :data:`~thesis.data.records.ALLOW`: ``"nonpositive"`` stores zero
            or negative prices and index levels, ``"magnitude"`` stores values past the kind's
            limit (:data:`~thesis.data.records.MAGNITUDE_LIMITS`). What was allowed is noted in the
            series' catalog entry (``info(id).note``), the ingest record and the report.

        Raises
        ------
        IngestError
            A bad row (the store is unchanged).
        StoreError
            The store file, its disk or its lock failed; the message says which and whether
            anything was stored.
        """
        if isinstance(batches, SeriesBatch | EventBatch | SecurityBatch | DocumentBatch):
            batches = [batches]
        return self.ingest_many([(batches, origin)], provider=provider, allow=allow)[0]

    @guarded
    def ingest_many(
        self,
        parts: Sequence[tuple[Batch | Iterable[Batch], str]],
        *,
        provider: str = "",
        allow: Collection[str] = (),
    ) -> list[IngestReport]:
        """Several ingests, one per ``(batches, origin)`` part, in ONE transaction: all or none.

        Each part that changes anything gets its own ingest id and origin (a file of an import);
        later parts see earlier ones (a ``fill_only`` batch sees what a primary file just added).
        A failure anywhere, a killed process included, leaves the store as it was. See
        :meth:`ingest` for ``provider`` and ``allow``.
        """
        allowed = parse_allow(allow)
        prepared_parts: list[tuple[list[tuple[Batch, pd.DataFrame, list[str]]], str]] = []
        for batches, origin in parts:
            if isinstance(batches, SeriesBatch | EventBatch | SecurityBatch | DocumentBatch):
                batches = [batches]
            prepared_parts.append(([_prepare(b, allowed) for b in batches], origin))
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        reports: list[IngestReport] = []
        first_id: int | None = None
        with self._writer() as con:
            try:
                con.execute("BEGIN TRANSACTION")
                # fetchall: DuckDB refuses register() while a result is only partly fetched
                row = con.execute("SELECT coalesce(max(id), 0) + 1 FROM ingests").fetchall()[0]
                next_id = int(row[0]) if row else 1
                first_id = next_id
                for prepared, origin in prepared_parts:
                    report = self._ingest_part(con, prepared, next_id, now, provider, origin)
                    reports.append(report)
                    if report.changed:
                        next_id += 1
                con.execute("COMMIT")
            except BaseException as e:
                # the transaction is void either way; keep the original error
                with suppress(duckdb.Error):
                    con.execute("ROLLBACK")
                if not isinstance(e, duckdb.Error | OSError):
                    raise
                err = storefile.explain(self.path, e, writing=True)
                if err is None:
                    raise
                self.close()
                raise self._explain(
                    e, writing=True, outcome=self._outcome(first_id, reports)
                ) from e
        return reports

    def _ingest_part(
        self,
        con: duckdb.DuckDBPyConnection,
        prepared: list[tuple[Batch, pd.DataFrame, list[str]]],
        ingest_id: int,
        now: dt.datetime,
        provider: str,
        origin: str,
    ) -> IngestReport:
        report = IngestReport(ingest_id=ingest_id)
        for b, frame, notes in prepared:
            report.notes += notes
            if isinstance(b, SeriesBatch):
                n = self._ingest_series(con, b, frame, ingest_id, now, notes)
                report.series_new_rows[b.info.id] = report.series_new_rows.get(b.info.id, 0) + n
                report.series_rows[b.info.id] = report.series_rows.get(b.info.id, 0) + len(frame)
            elif isinstance(b, EventBatch):
                report.events_new += self._ingest_events(con, b, frame, ingest_id)
            elif isinstance(b, SecurityBatch):
                report.securities += self._ingest_securities(con, b, frame, ingest_id)
            else:
                report.documents += self._ingest_documents(con, b, frame, ingest_id)
        if report.changed:
            provs = sorted({_provider_of(b) for b, _, _ in prepared})
            con.execute(
                "INSERT INTO ingests (id, provider, origin, ingested_at, new_rows, note) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [
                    ingest_id,
                    provider or ",".join(provs),
                    origin or _origin_of(prepared),
                    now,
                    report.changed,
                    "; ".join(report.notes) or None,
                ],
            )
        return report

    def _outcome(self, first_id: int | None, reports: list[IngestReport]) -> str:
        """After a failed write: did it land? Checked by reading the store again, not assumed."""
        if first_id is None:
            return "nothing was stored: the store is as it was before"
        try:
            with Store(self.path, read_only=True, lock_timeout=1.0) as check:
                landed = check.ingests()["id"].ge(first_id).any()
        except Exception:  # the store cannot even be read now: say so rather than guess
            return (
                "whether anything was stored could not be checked; fix the cause and run the "
                "command again (a repeated import adds nothing twice)"
            )
        if landed:
            return (
                "the data were stored before the failure; run the command again to finish "
                "(it adds nothing twice)"
            )
        return "nothing from this command was stored: the store is as it was before"

    @guarded
    def optimize(self) -> None:
        """Cluster the ``current`` table by series and date (reads then skip most of the file).

        Only speed changes: a read of one series scans one row group instead of most of them
        (bench/bench_store.py). Call after bulk ingests; import and bundle do.
        """
        if self.read_only or not self.path.exists():
            return
        with self._writer() as con:
            try:
                con.execute("BEGIN TRANSACTION")
                con.execute(
                    "CREATE OR REPLACE TABLE current AS SELECT * FROM current ORDER BY series_id, date"
                )
                con.execute("COMMIT")
                con.execute("CHECKPOINT")
            except BaseException as e:
                with suppress(duckdb.Error):
                    con.execute("ROLLBACK")
                if not isinstance(e, duckdb.Error | OSError):
                    raise
                self.close()
                raise self._explain(
                    e,
                    writing=True,
                    outcome="the data are stored; only their re-clustering for faster reads "
                    "failed (reads stay correct)",
                ) from e

    @staticmethod
    def _ingest_series(
        con: duckdb.DuckDBPyConnection,
        b: SeriesBatch,
        frame: pd.DataFrame,
        ingest_id: int,
        now: dt.datetime,
        notes: Sequence[str] = (),
    ) -> int:
        info = b.info
        d = asdict(info)
        old = con.execute(
            "SELECT coalesce(note, '') FROM series WHERE id = ?", [info.id]
        ).fetchall()
        if b.fill_only and old:
            # a secondary source: the primary's catalog entry stays
            note = None
        else:
            # a note says what the store holds: this batch's allowed values, or an earlier note
            # while the values it describes are still there
            note = "; ".join(notes) or (old[0][0] if old and old[0][0] else "")
            con.execute("DELETE FROM series WHERE id = ?", [info.id])
            con.execute(
                "INSERT INTO series (id, name, unit, frequency, kind, provider, provider_id, origin, "
                "license, description, total_return, updated_at, release_lag_days, note) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    d["id"],
                    d["name"],
                    d["unit"],
                    d["frequency"],
                    d["kind"],
                    d["provider"],
                    d["provider_id"],
                    d["origin"],
                    d["license"],
                    d["description"],
                    d["total_return"],
                    now,
                    d["release_lag_days"],
                    note or None,
                ],
            )
        if frame.empty:
            return 0
        incoming = frame.assign(series_id=info.id)[["series_id", "date", *_OBS_COLS, "released"]]
        con.register("incoming", incoming)
        try:
            # rows that are new or differ from the current vintage (NULL-safe comparison)
            diff = " OR ".join(f"c.{c} IS DISTINCT FROM i.{c}" for c in _OBS_COLS)
            diff += " OR c.released IS DISTINCT FROM CAST(i.released AS DATE)"
            con.execute(
                f"""
                CREATE OR REPLACE TEMP TABLE changed AS
                SELECT i.series_id, CAST(i.date AS DATE) AS date, {", ".join(f"i.{c}" for c in _OBS_COLS)},
                       CAST(i.released AS DATE) AS released
                FROM incoming i LEFT JOIN current c
                  ON c.series_id = i.series_id AND c.date = CAST(i.date AS DATE)
                WHERE c.date IS NULL {"" if b.fill_only else f"OR {diff}"}
                """
            )
            row = con.execute("SELECT count(*) FROM changed").fetchone()
            n = int(row[0]) if row else 0
            if n:
                cols = ", ".join(_OBS_COLS)
                con.execute(
                    f"INSERT INTO observations SELECT series_id, date, {cols}, ?, ?, released FROM changed",
                    [ingest_id, now],
                )
                con.execute(
                    "DELETE FROM current USING changed WHERE current.series_id = changed.series_id "
                    "AND current.date = changed.date"
                )
                con.execute(
                    f"INSERT INTO current SELECT series_id, date, {cols}, ?, ?, released FROM changed "
                    "ORDER BY date",
                    [ingest_id, now],
                )
            con.execute("DROP TABLE changed")
        finally:
            con.unregister("incoming")
        if note and not notes and not _holds_flagged(con, info):
            # the values an earlier note described were replaced: the note goes with them
            con.execute("UPDATE series SET note = NULL WHERE id = ?", [info.id])
        return n

    @staticmethod
    def _ingest_events(
        con: duckdb.DuckDBPyConnection, b: EventBatch, frame: pd.DataFrame, ingest_id: int
    ) -> int:
        incoming = frame.assign(provider=b.provider)[
            ["date", "kind", "subject", "value", "detail", "provider"]
        ]
        con.register("incoming_events", incoming)
        try:
            con.execute(
                """
                CREATE OR REPLACE TEMP TABLE new_events AS
                SELECT CAST(i.date AS DATE) AS date, i.kind, i.subject, i.value, i.detail, i.provider
                FROM incoming_events i
                WHERE NOT EXISTS (
                    SELECT 1 FROM events e WHERE e.date = CAST(i.date AS DATE) AND e.kind = i.kind
                      AND e.subject IS NOT DISTINCT FROM i.subject AND e.value IS NOT DISTINCT FROM i.value
                      AND e.detail IS NOT DISTINCT FROM i.detail)
                """
            )
            row = con.execute("SELECT count(*) FROM new_events").fetchone()
            n = int(row[0]) if row else 0
            # a changed event (same date, kind, subject) replaces the old one
            con.execute(
                "DELETE FROM events USING new_events n WHERE events.date = n.date AND events.kind = n.kind "
                "AND events.subject IS NOT DISTINCT FROM n.subject"
            )
            con.execute("INSERT INTO events SELECT *, ? FROM new_events", [ingest_id])
            con.execute("DROP TABLE new_events")
        finally:
            con.unregister("incoming_events")
        return n

    @staticmethod
    def _ingest_securities(
        con: duckdb.DuckDBPyConnection, b: SecurityBatch, frame: pd.DataFrame, ingest_id: int
    ) -> int:
        rows = []
        for rec in frame.to_dict("records"):
            detail = {
                k: v
                for k, v in rec.items()
                if k not in ("symbol", "name", "sector", "as_of", "line")
            }
            detail = {
                k: (None if isinstance(v, float) and math.isnan(v) else v)
                for k, v in detail.items()
            }
            rows.append(
                [
                    b.universe,
                    rec["symbol"],
                    rec.get("name"),
                    rec.get("sector"),
                    rec.get("as_of"),
                    json.dumps(detail, default=str, sort_keys=True),
                    b.provider,
                    ingest_id,
                ]
            )
        existing = {
            tuple(r)
            for r in con.execute(
                "SELECT symbol, name, sector, CAST(as_of AS VARCHAR), detail FROM securities WHERE universe = ?",
                [b.universe],
            ).fetchall()
        }
        fresh = [
            r
            for r in rows
            if (r[1], r[2], r[3], None if r[4] is None else str(r[4]), r[5]) not in existing
        ]
        incoming = {(r[1], r[2], r[3], None if r[4] is None else str(r[4]), r[5]) for r in rows}
        if not fresh and incoming == existing:
            return 0
        # a snapshot replaces the universe: symbols that left it are removed
        con.execute("DELETE FROM securities WHERE universe = ?", [b.universe])
        con.executemany("INSERT INTO securities VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        return max(len(fresh), 1)

    @staticmethod
    def _ingest_documents(
        con: duckdb.DuckDBPyConnection, b: DocumentBatch, frame: pd.DataFrame, ingest_id: int
    ) -> int:
        n = 0
        for rec in frame.to_dict("records"):
            old = con.execute("SELECT text FROM documents WHERE id = ?", [rec["id"]]).fetchone()
            if old is not None and old[0] == rec["text"]:
                continue
            con.execute("DELETE FROM documents WHERE id = ?", [rec["id"]])
            con.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    rec["id"],
                    rec.get("date"),
                    rec.get("title"),
                    rec.get("url"),
                    rec["text"],
                    b.provider,
                    ingest_id,
                ],
            )
            n += 1
        return n


# ---------------------------------------------------------------------- validation (pure)
def _provider_of(b: Batch) -> str:
    return b.info.provider if isinstance(b, SeriesBatch) else b.provider


def _origin_of(prepared: Sequence[tuple[Batch, pd.DataFrame, list[str]]]) -> str:
    wheres = sorted({b.where for b, _, _ in prepared if b.where})
    return wheres[0] if len(wheres) == 1 else (f"{len(wheres)} inputs" if wheres else "")


def _row_ref(b: Batch, frame: pd.DataFrame, i: int) -> str:
    where = b.where or (b.info.id if isinstance(b, SeriesBatch) else "batch")
    if "line" in frame.columns and pd.notna(frame["line"].iloc[i]):
        return f"{where}:{int(frame['line'].iloc[i])}"
    return f"{where} (row {i + 1})"


def _prepare(
    b: Batch, allow: frozenset[str] = frozenset()
) -> tuple[Batch, pd.DataFrame, list[str]]:
    """Validate a batch; return it with a clean frame and notes on what ``allow`` let through.

    Raises IngestError naming the bad row.
    """
    frame = b.frame.copy()
    notes: list[str] = []
    if isinstance(b, SecurityBatch):
        # reference data has no observation date (its snapshot date is ``as_of``)
        if "symbol" not in frame.columns:
            raise IngestError(
                "securities need a 'symbol' column", where=b.where or "securities", fix="add it"
            )
        return b, frame, notes
    if "date" not in frame.columns:
        raise IngestError(
            f"no 'date' column (columns: {list(frame.columns)})",
            where=b.where or "batch",
            fix="name the date column 'date' or pass a column mapping",
        )
    raw = frame["date"]
    # text dates must be ISO (YYYY-MM-DD): "01/02/2020" is 1 February or 2 January, and the store
    # does not guess (the csv provider reads other layouts where the file settles the order)
    dates = pd.to_datetime(raw, format="ISO8601", errors="coerce")
    bad = dates.isna() & raw.notna() | raw.isna()
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise IngestError(
            f"unparsable date {raw.iloc[i]!r}",
            where=_row_ref(b, frame, i),
            fix="write dates as YYYY-MM-DD; every row needs a date",
        )
    if getattr(dates.dt, "tz", None) is not None:
        dates = dates.dt.tz_convert(None)
    frame["date"] = dates.dt.normalize().astype("datetime64[ns]")
    if isinstance(b, SeriesBatch):
        for c in _OBS_COLS:
            if c not in frame.columns:
                frame[c] = np.nan
            col = frame[c]
            if not pd.api.types.is_numeric_dtype(col):
                num = pd.to_numeric(col, errors="coerce")
                badnum = num.isna() & col.notna() & (col.astype(str).str.strip() != "")
                if badnum.any():
                    i = int(np.flatnonzero(badnum.to_numpy())[0])
                    raise IngestError(
                        f"text {col.iloc[i]!r} in numeric column {c!r} of series {b.info.id!r}",
                        where=_row_ref(b, frame, i),
                        fix="remove or correct the value (leave the cell empty for a missing value)",
                    )
                frame[c] = num
            frame[c] = frame[c].astype("float64")
            vals = frame[c].to_numpy()
            inf = np.isinf(vals)
            if inf.any():
                i = int(np.flatnonzero(inf)[0])
                raise IngestError(
                    f"infinite value in column {c!r} of series {b.info.id!r}",
                    where=_row_ref(b, frame, i),
                    fix="correct the value or leave the cell empty",
                )
        if "released" in frame.columns:
            rel = pd.to_datetime(frame["released"], errors="coerce")
            badrel = rel.isna() & frame["released"].notna()
            if badrel.any():
                i = int(np.flatnonzero(badrel.to_numpy())[0])
                raise IngestError(
                    f"unparsable release date {frame['released'].iloc[i]!r} in series {b.info.id!r}",
                    where=_row_ref(b, frame, i),
                    fix="write release dates as YYYY-MM-DD, or leave the cell empty",
                )
            early = (rel < frame["date"]).to_numpy()
            if early.any():
                i = int(np.flatnonzero(early)[0])
                raise IngestError(
                    f"release date {rel.iloc[i].date()} is before the observation's date "
                    f"{frame['date'].iloc[i].date()} in series {b.info.id!r}",
                    where=_row_ref(b, frame, i),
                    fix="a figure cannot be published before the day it describes; check the columns",
                )
            frame["released"] = rel.dt.normalize().astype("datetime64[ns]")
        else:
            frame["released"] = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
        # a row without a value is a missing observation: dropped, not stored as NaN
        frame = frame[frame["value"].notna()]
        notes += _check_values(b, frame, allow)
        frame = _check_duplicates(b, frame, list(_OBS_COLS))
        frame = frame.sort_values("date", kind="stable").reset_index(drop=True)
    elif isinstance(b, EventBatch):
        for c in ("kind",):
            if c not in frame.columns:
                raise IngestError(
                    f"events need a {c!r} column",
                    where=b.where or "events",
                    fix=f"add a {c!r} column",
                )
        for c, default in (("subject", None), ("value", np.nan), ("detail", None)):
            if c not in frame.columns:
                frame[c] = default
        frame["value"] = pd.to_numeric(frame["value"], errors="coerce").astype("float64")
        frame["subject"] = frame["subject"].astype(object).where(frame["subject"].notna(), None)
        frame["detail"] = frame["detail"].astype(object).where(frame["detail"].notna(), None)
        frame = frame.drop_duplicates(subset=["date", "kind", "subject", "value", "detail"])
        dup = frame.duplicated(subset=["date", "kind", "subject"], keep=False)
        if dup.any():
            i = int(np.flatnonzero(dup.to_numpy())[0])
            raise IngestError(
                "two different events with the same date, kind and subject",
                where=_row_ref(b, frame, i),
                fix="remove one of them or give them different subjects",
            )
    return b, frame, notes


def _limits(kind: str, column: str) -> tuple[float, bool]:
    """(largest plausible |value|, whether the value must be above zero) for a column of a kind."""
    if column == "volume":
        return VOLUME_LIMIT, False
    return MAGNITUDE_LIMITS.get(kind, HARD_LIMIT), kind in POSITIVE_KINDS


def _check_values(b: SeriesBatch, frame: pd.DataFrame, allow: frozenset[str]) -> list[str]:
    """Refuse values a series of this kind cannot hold, or note them when ``allow`` says so.

    Three checks, per column: beyond :data:`HARD_LIMIT` (never stored: arithmetic on it
    overflows), zero or below for prices and index levels (negative for volume), and past the
    kind's :data:`MAGNITUDE_LIMITS`.
    """
    notes: list[str] = []
    kind = b.info.kind
    sid = b.info.id
    for c in _OBS_COLS:
        vals = frame[c].to_numpy(dtype="float64")
        with np.errstate(invalid="ignore"):
            absv = np.abs(vals)
            limit, positive = _limits(kind, c)
            hard = absv > HARD_LIMIT
            if c == "volume":
                nonpos = vals < 0
            elif positive:
                nonpos = vals <= 0
            else:
                nonpos = np.zeros(len(vals), dtype=bool)
            huge = (absv > limit) & ~hard
        if hard.any():
            i = int(np.flatnonzero(hard)[0])
            raise IngestError(
                f"value {vals[i]:g} in column {c!r} of series {sid!r} is beyond {HARD_LIMIT:g}, "
                "where arithmetic on the series overflows; it is not stored even when allowed",
                where=_row_ref(b, frame, i),
                fix="correct the value (a unit or parsing error?), or rescale the series (e.g. "
                "to thousands or billions) and say so in its unit",
            )
        for flag, mask, words, rule in (
            (
                "nonpositive",
                nonpos,
                "negative" if c == "volume" else "zero or negative",
                "volume is never negative"
                if c == "volume"
                else f"a series of kind {kind!r} holds values above zero",
            ),
            (
                "magnitude",
                huge,
                "implausibly large",
                f"a series of kind {kind!r} stays within ±{limit:g}"
                if c != "volume"
                else f"volume stays below {limit:g}",
            ),
        ):
            if not mask.any():
                continue
            idx = np.flatnonzero(mask)
            i = int(idx[0])
            ref = _row_ref(b, frame, i)
            if flag not in allow:
                more = f" ({len(idx)} such values; the first is shown)" if len(idx) > 1 else ""
                fix = (
                    "correct the value (leave the cell empty for a missing one)"
                    + (
                        "; if this series can be zero or negative (a return, a spread, a change), "
                        "give it another kind (--map kind=factor, ratio, macro or yield)"
                        if flag == "nonpositive" and c != "volume"
                        else "; check the unit (percent vs basis points, units vs thousands)"
                        if flag == "magnitude"
                        else ""
                    )
                    + f"; or accept it with `thesis data import --allow {flag}` "
                    f"(Store.ingest(allow=[{flag!r}])), which notes it in the catalog"
                )
                raise IngestError(
                    f"{words} value {vals[i]:g} in column {c!r} of series {sid!r}: {rule}{more}",
                    where=ref,
                    fix=fix,
                )
            notes.append(
                f"{sid}: {len(idx)} {words} value{'s' if len(idx) > 1 else ''} in {c!r} accepted "
                f"with allow={flag} (first {vals[i]:g} at {ref})"
            )
    return notes


def _holds_flagged(con: duckdb.DuckDBPyConnection, info: SeriesInfo) -> bool:
    """Whether the store's current values of a series still break a check of :func:`_check_values`."""
    conds = []
    for c in _OBS_COLS:
        limit, positive = _limits(info.kind, c)
        conds.append(f"abs({c}) > {limit!r}")
        if c == "volume":
            conds.append(f"{c} < 0")
        elif positive:
            conds.append(f"{c} <= 0")
    row = con.execute(
        f"SELECT count(*) FROM current WHERE series_id = ? AND ({' OR '.join(conds)})", [info.id]
    ).fetchone()
    return bool(row and row[0])


def _check_duplicates(b: SeriesBatch, frame: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    same = frame.duplicated(subset=["date", *cols], keep="first")
    frame = frame[~same]
    dup = frame.duplicated(subset=["date"], keep=False)
    if dup.any():
        idx = np.flatnonzero(dup.to_numpy())
        first_date = frame["date"].iloc[idx[0]]
        rows = [int(i) for i in idx if frame["date"].iloc[i] == first_date][:2]
        refs = " and ".join(_row_ref(b, frame, i) for i in rows)
        vals = " vs ".join(f"{frame['value'].iloc[i]:g}" for i in rows)
        raise IngestError(
            f"duplicate date {first_date.date()} with different values ({vals}) in series {b.info.id!r}",
            where=refs,
            fix="keep one row per date (or check that two series were not mixed in one column)",
        )
    return frame
