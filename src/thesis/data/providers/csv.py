"""The ``csv`` provider: import user files (CSV or Parquet, wide or long) into the store.

Known files (the ``../shared/data`` set, see :mod:`thesis.data.catalog`) are mapped onto
well-named series by a declarative table. Any other file is imported by inference, or with an
explicit mapping:

- **wide**: a date column and numeric columns → one series per column, id ``<file stem>_<column>``
  (slugified); a file with OHLCV columns (open/high/low/close/volume/adj close) is one series whose
  ``value`` is the close, id ``<file stem>``;
- **long**: a date column, an id column (``ticker``, ``symbol``, ``series_id``, …) and a ``value``
  column (or OHLCV columns) → one series per id.

A mapping (``{"date": "Date", "value": "Close", "series": "spx"}`` or the string
``"date=Date,value=Close,series=spx"``) names the columns explicitly. Other keys: ``id`` (the id
column of a long file), ``open``, ``high``, ``low``, ``volume``, ``adj_close``, and metadata
``unit``, ``frequency``, ``kind``, ``name``.

Steps follow the provider interface: :meth:`CsvProvider.build_query` expands folders and checks
paths, :meth:`CsvProvider.extract` reads bytes (the only I/O), :meth:`CsvProvider.transform` /
:func:`parse_file` parse bytes into batches (pure). Every parse error names ``file:line`` and the fix.
"""

from __future__ import annotations

import csv as _csv
import datetime as dt
import io
import json
import re
import unicodedata
import warnings
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from thesis._types import DateLike
from thesis.data.catalog import (
    CONSTITUENTS_AS_OF,
    FINANCIALS_AS_OF,
    KNOWN_FILES,
    FileSpec,
    series_info,
)
from thesis.data.providers.base import Provider, Query, register
from thesis.data.records import (
    OHLCV_COLUMNS,
    Batch,
    EventBatch,
    Frequency,
    IngestReport,
    SecurityBatch,
    SeriesBatch,
    SeriesInfo,
    frequency_of,
    parse_allow,
)
from thesis.errors import IngestError, nearest

if TYPE_CHECKING:
    from thesis.data.store import Store

__all__ = ["CsvProvider", "import_path", "parse_file", "parse_mapping", "slugify"]

SUFFIXES = (".csv", ".tsv", ".txt", ".parquet", ".pq")
_MISSING = frozenset({"", "na", "n/a", "nan", "null", "none", ".", "#n/a", "-", "--"})
_DATE_NAMES = (
    "date",
    "datetime",
    "time",
    "timestamp",
    "day",
    "period",
    "observation_date",
    "month",
    "decision_date",
    "caldt",
    "dt",
)
_ID_NAMES = ("ticker", "symbol", "series_id", "series", "id", "code", "key", "name", "instrument")
_MAPPING_KEYS = (
    "date",
    "value",
    "series",
    "id",
    *OHLCV_COLUMNS,
    "unit",
    "frequency",
    "kind",
    "name",
)
_FIX_MAP = "pass an explicit mapping, e.g. --map 'date=Date,value=Close,series=spx'"


# ---------------------------------------------------------------------------------------- helpers
def slugify(text: str) -> str:
    """A series id from free text: lower-case ASCII letters, digits and ``_``."""
    t = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    t = re.sub(r"[^a-z0-9]+", "_", t.lower()).strip("_")
    if not t:
        t = "series"
    return f"s_{t}" if t[0].isdigit() else t


def parse_mapping(mapping: str | Mapping[str, str] | None) -> dict[str, str]:
    """``"date=Date,value=Close,series=spx"`` (or a dict) → a checked dict.

    Raises
    ------
    IngestError
        For an unknown key or a malformed pair.
    """
    if mapping is None:
        return {}
    if isinstance(mapping, str):
        out: dict[str, str] = {}
        for part in filter(None, (p.strip() for p in mapping.split(","))):
            k, sep, v = part.partition("=")
            if not sep or not k.strip() or not v.strip():
                raise IngestError(
                    f"mapping item {part!r} is not KEY=COLUMN",
                    where=f"--map {mapping!r}",
                    fix=_FIX_MAP,
                )
            out[k.strip().lower()] = v.strip()
    else:
        out = {str(k).lower(): str(v) for k, v in mapping.items()}
    if "key" in out:
        out["id"] = out.pop("key")
    bad = [k for k in out if k not in _MAPPING_KEYS]
    if bad:
        hint = nearest(bad[0], _MAPPING_KEYS)
        raise IngestError(
            f"unknown mapping key {bad[0]!r}"
            + (f"; did you mean {', '.join(hint)}?" if hint else ""),
            where="mapping",
            fix=f"use some of {', '.join(_MAPPING_KEYS)}",
        )
    return out


def _decode(name: str, data: bytes) -> tuple[str, str | None]:
    """Bytes → text; returns the text and a note when it was not UTF-8."""
    if not data.strip():
        raise IngestError(
            "the file is empty",
            where=name,
            fix="export the data again with a header row (e.g. date,value) and at least one row",
        )
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:4096]:
        raise IngestError(
            "the file is not text in a supported encoding (it looks like UTF-16 or a binary file)",
            where=name,
            fix="save it as UTF-8 CSV (in Excel: 'CSV UTF-8'), or as Parquet with a .parquet suffix",
        )
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        return data.decode("latin-1"), (
            f"{name}:{line}: not valid UTF-8; decoded as latin-1 (check accented text)"
        )


def _sniff(text: str, name: str) -> str:
    sample = "\n".join(text.splitlines()[:50])
    try:
        return _csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except _csv.Error:
        return ","


@dataclass
class _Table:
    """A file read as text cells, with the source line of each row for error messages."""

    name: str
    df: pd.DataFrame
    lines: np.ndarray
    notes: list[str] = field(default_factory=list)
    #: strptime format of the date column, given by the user (``--date-format %d/%m/%Y``)
    date_format: str | None = None
    _dates: dict[str, np.ndarray] = field(default_factory=dict)
    _nums: dict[str, np.ndarray] = field(default_factory=dict)

    def ref(self, i: int) -> str:
        return f"{self.name}:{int(self.lines[i])}"

    def need(self, *cols: str, fix: str | None = None) -> None:
        for c in cols:
            if c not in self.df.columns:
                hint = nearest(c, map(str, self.df.columns))
                raise IngestError(
                    f"no column {c!r} (columns: {', '.join(map(str, self.df.columns))})"
                    + (f"; did you mean {', '.join(hint)}?" if hint else ""),
                    where=f"{self.name}:1",
                    fix=fix or f"add a {c!r} column or {_FIX_MAP}",
                )

    def text(self, col: str) -> pd.Series:
        return self.df[col].astype("string").fillna("").str.strip()

    def dates(self, col: str) -> np.ndarray:
        if col not in self._dates:
            self._dates[col] = _parse_dates(self, col)
        return self._dates[col]

    def numbers(self, col: str) -> np.ndarray:
        if col not in self._nums:
            self._nums[col] = _parse_numbers(self, col)
        return self._nums[col]


def _read_table(
    name: str, data: bytes, delimiter: str | None = None, date_format: str | None = None
) -> _Table:
    low = name.lower()
    if low.endswith((".parquet", ".pq")) or data[:4] == b"PAR1":
        try:
            df = pd.read_parquet(io.BytesIO(data))
        except Exception as e:  # pyarrow raises several types for a bad file
            raise IngestError(
                f"cannot read the Parquet file ({type(e).__name__}: {str(e)[:200]})",
                where=name,
                fix="check that it is a complete Parquet file, or export it as CSV",
            ) from e
        if isinstance(df.index, pd.DatetimeIndex) or (
            df.index.name and df.index.name not in df.columns
        ):
            df = df.reset_index()
        # Parquet has no lines: "row N" (1-based, the header is no row)
        return _Table(name, df, np.arange(1, len(df) + 1), date_format=date_format)
    text, note = _decode(name, data)
    sep = delimiter or _sniff(text, name)
    try:
        df = pd.read_csv(
            io.StringIO(text),
            sep=sep,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            skipinitialspace=True,
        )
    except pd.errors.EmptyDataError:
        raise IngestError(
            "the file has no header row", where=name, fix="add a header row such as date,value"
        ) from None
    except pd.errors.ParserError as e:
        m = re.search(r"line (\d+)", str(e))
        raise IngestError(
            f"malformed CSV ({str(e).strip()[:200]})",
            where=f"{name}:{m.group(1)}" if m else name,
            fix="every row needs the same number of fields as the header; quote fields that contain "
            f"the delimiter {sep!r}",
        ) from None
    if not isinstance(df.index, pd.RangeIndex):
        # pandas turns the first column into an index when data rows have more fields than the
        # header; report the first such row instead of a confusing parse of shifted columns
        width = len(df.columns)
        for n, row in enumerate(_csv.reader(io.StringIO(text), delimiter=sep), start=1):
            if n > 1 and len(row) > width:
                raise IngestError(
                    f"row has {len(row)} fields but the header has {width}",
                    where=f"{name}:{n}",
                    fix="every row needs the same number of fields as the header; quote fields "
                    f"that contain the delimiter {sep!r} (or remove thousands separators)",
                )
    df.columns = [str(c).strip() for c in df.columns]
    lines = np.arange(2, len(df) + 2)
    if len(df.columns) == 1:
        head = text.splitlines()[0] if text else ""
        other = [d for d in (",", ";", "\t", "|", ":") if d != sep and d in head]
        raise IngestError(
            f"only one column found ({head[:60]!r}) with delimiter {sep!r}"
            + (
                f"; the header contains {other[0]!r}, which looks like the real delimiter"
                if other
                else ""
            ),
            where=f"{name}:1",
            fix="save the file with a comma (or ; tab |) between columns, or pass delimiter=",
        )
    if df.empty:
        raise IngestError(
            "the file has a header but no data rows",
            where=f"{name}:2",
            fix="add data rows below the header",
        )
    blank = (df == "").all(axis=1).to_numpy()
    if blank.any():
        df = df.loc[~blank].reset_index(drop=True)
        lines = lines[~blank]
    return _Table(name, df, lines, notes=[note] if note else [], date_format=date_format)


_YM = re.compile(r"^\d{6}$")
_YMD = re.compile(r"^\d{8}$")
#: a numeric date with the year last: day and month in either order ("01/02/2020", "13.02.20"),
#: optionally followed by a time of day (dropped: the store keeps days)
_NUMERIC_DATE = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})(?:[ T].*)?$")
_DATE_FIX = (
    "pass the layout, --date-format %d/%m/%Y (day first) or --date-format %m/%d/%Y (month "
    "first), or write the dates as YYYY-MM-DD"
)


def _parse_dates(t: _Table, col: str) -> np.ndarray:
    raw = t.df[col]
    if pd.api.types.is_datetime64_any_dtype(raw):
        out = (
            pd.to_datetime(raw).dt.tz_localize(None)
            if getattr(raw.dt, "tz", None)
            else pd.to_datetime(raw)
        )
        vals = out.to_numpy(dtype="datetime64[ns]")
        bad = np.isnat(vals)
    else:
        s = raw.astype("string").fillna("").str.strip()
        nonempty = s[s != ""]
        numeric = nonempty.str.fullmatch(_NUMERIC_DATE.pattern) if len(nonempty) else None
        if t.date_format:
            parsed = pd.to_datetime(s, format=t.date_format, errors="coerce")
            bad = (parsed.isna() & (s != "")).to_numpy()
            if bad.any():
                i = int(np.flatnonzero(bad)[0])
                raise IngestError(
                    f"date {s.iloc[i]!r} in column {col!r} does not match --date-format "
                    f"{t.date_format!r}",
                    where=t.ref(i),
                    fix="correct the date or the format (strptime codes: %Y-%m-%d, %d/%m/%Y, "
                    "%m/%d/%Y, %d.%m.%y)",
                )
        elif numeric is not None and numeric.all():
            parsed = _day_month_dates(t, col, s)
        elif len(nonempty) and nonempty.str.fullmatch(_YM.pattern).all():
            parsed = pd.to_datetime(s, format="%Y%m", errors="coerce")
        elif len(nonempty) and nonempty.str.fullmatch(_YMD.pattern).all():
            parsed = pd.to_datetime(s, format="%Y%m%d", errors="coerce")
        else:
            parsed = pd.to_datetime(s, format="ISO8601", errors="coerce")
            if parsed.isna().any() and (s != "").any() and not parsed[s != ""].notna().all():
                with warnings.catch_warnings():
                    # pandas infers one format from the first row; its dateutil fallback warns
                    warnings.simplefilter("ignore", UserWarning)
                    alt = pd.to_datetime(s, errors="coerce")
                if alt.isna().sum() < parsed.isna().sum():
                    parsed = alt
                    t.notes.append(
                        f"{t.name}: dates in column {col!r} are not ISO; read as {s.iloc[0]!r}-style"
                    )
        if getattr(parsed.dt, "tz", None) is not None:
            parsed = parsed.dt.tz_convert(None)
        vals = parsed.to_numpy(dtype="datetime64[ns]")
        bad = np.isnat(vals)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        cell = t.df[col].iloc[i]
        what = (
            "missing date"
            if str(cell).strip() in ("", "nan", "NaT", "<NA>")
            else f"unparsable date {cell!r}"
        )
        raise IngestError(
            f"{what} in column {col!r}",
            where=t.ref(i),
            fix="write dates as YYYY-MM-DD (e.g. 2025-11-26); every row needs a date",
        )
    return vals.astype("datetime64[ns]").astype("datetime64[D]").astype("datetime64[ns]")


def _day_month_dates(t: _Table, col: str, s: pd.Series) -> pd.Series:
    """Dates such as ``01/02/2020``: day-first or month-first, as the file itself settles it.

    A cell whose first number is above 12 (``13/02/2020``) can only be day-first, one whose second
    number is above 12 only month-first; one such cell settles the whole column. A column where no
    cell settles it and some cell reads differently both ways (``01/02/2020``: 1 February or 2
    January) is refused: guessing would shift every date of the series silently.
    """
    parts = s.str.extract(_NUMERIC_DATE.pattern)
    present = (s != "").to_numpy()
    first = pd.to_numeric(parts[0], errors="coerce").to_numpy()
    second = pd.to_numeric(parts[2], errors="coerce").to_numpy()
    day_first = np.flatnonzero(present & (first > 12))
    month_first = np.flatnonzero(present & (second > 12))
    if len(day_first) and len(month_first):
        i, j = int(day_first[0]), int(month_first[0])
        raise IngestError(
            f"dates in column {col!r} mix two layouts: {s.iloc[i]!r} ({t.ref(i)}) can only be "
            f"day-first, {s.iloc[j]!r} ({t.ref(j)}) only month-first",
            where=t.ref(j),
            fix="write every date in one layout, preferably YYYY-MM-DD",
        )
    if len(day_first) or len(month_first):
        dayfirst = bool(len(day_first))
        k = int((day_first if dayfirst else month_first)[0])
        sep = str(parts.iloc[k, 1])
        layout = sep.join(("DD", "MM", "YYYY") if dayfirst else ("MM", "DD", "YYYY"))
        t.notes.append(
            f"{t.name}: dates in column {col!r} read {'day' if dayfirst else 'month'}-first "
            f"({layout}), as {s.iloc[k]!r} at line {int(t.lines[k])} shows"
        )
    else:
        differ = np.flatnonzero(present & (first != second))
        if len(differ):
            i = int(differ[0])
            d, sep, m, y = (str(parts.iloc[i, j]) for j in range(4))
            # a two-digit year pivots as strptime's %y does (69-99 → 19xx, 00-68 → 20xx)
            yy = int(y) if len(y) == 4 else dt.datetime.strptime(y, "%y").year
            a = f"{yy:04d}-{int(m):02d}-{int(d):02d}"
            b = f"{yy:04d}-{int(d):02d}-{int(m):02d}"
            raise IngestError(
                f"ambiguous date {s.iloc[i]!r} in column {col!r}: it reads {a} (day first) or {b} "
                f"(month first), and no date in the file settles which (none has a number above 12 "
                "before the year)",
                where=t.ref(i),
                fix=_DATE_FIX.replace("%d/%m/%Y", f"%d{sep}%m{sep}%Y").replace(
                    "%m/%d/%Y", f"%m{sep}%d{sep}%Y"
                ),
            )
        dayfirst = True  # every cell reads the same both ways (01/01/2020)
    # one explicit format per separator and year width: no per-cell guessing
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns]")
    body = parts[0] + parts[1] + parts[2] + parts[1] + parts[3]
    layouts = parts[1].fillna("") + parts[3].str.len().fillna(0).astype(int).astype(str)
    for key in layouts[present].unique():
        sep, ylen = str(key)[0], int(str(key)[1:])
        rows = layouts.index[(layouts == key).to_numpy() & present]
        year = "%Y" if ylen == 4 else "%y"
        fmt = f"%d{sep}%m{sep}{year}" if dayfirst else f"%m{sep}%d{sep}{year}"
        out.loc[rows] = pd.to_datetime(body.loc[rows], format=fmt, errors="coerce")
    return out


def _parse_numbers(t: _Table, col: str) -> np.ndarray:
    raw = t.df[col]
    if pd.api.types.is_numeric_dtype(raw) and not pd.api.types.is_bool_dtype(raw):
        return raw.to_numpy(dtype="float64", na_value=np.nan)
    s = raw.astype("string").fillna("").str.strip()
    missing = s.str.lower().isin(_MISSING).to_numpy()
    num = pd.to_numeric(s.where(~pd.Series(missing, index=s.index), None), errors="coerce")
    vals = num.to_numpy(dtype="float64", na_value=np.nan)
    bad = np.isnan(vals) & ~missing
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise IngestError(
            f"text {s.iloc[i]!r} in numeric column {col!r}",
            where=t.ref(i),
            fix="correct the number (use '.' as decimal point, no thousands separators) or leave the "
            "cell empty for a missing value",
        )
    inf = np.isinf(vals)
    if inf.any():
        i = int(np.flatnonzero(inf)[0])
        raise IngestError(
            f"infinite value in column {col!r}",
            where=t.ref(i),
            fix="correct it or leave the cell empty",
        )
    return vals


def _series_frame(
    t: _Table,
    rows: np.ndarray | None,
    date_col: str,
    value_col: str,
    columns: Mapping[str, str],
    sid: str,
    start: pd.Timestamp | None = None,
    end: pd.Timestamp | None = None,
) -> pd.DataFrame:
    """One series' frame (``date``, ``value``, OHLCV, ``line``), checked for order and duplicates.

    ``rows`` selects the file rows of this series (a long file); an entirely descending series is
    reversed; any other order, or a date repeated with different values, raises naming the lines.
    """
    idx = np.arange(len(t.df)) if rows is None else rows
    dates = t.dates(date_col)[idx]
    data = {"date": dates, "value": t.numbers(value_col)[idx]}
    for fld, col in columns.items():
        data[fld] = t.numbers(col)[idx]
    data["line"] = t.lines[idx]
    frame = pd.DataFrame(data)
    if len(dates) > 1:
        d = dates.view("int64")
        step = np.diff(d)
        if (step < 0).any():
            if (step <= 0).all():
                frame = frame.iloc[::-1].reset_index(drop=True)
                t.notes.append(f"{t.name}: series {sid!r} was in descending date order; reversed")
            else:
                j = int(np.flatnonzero(step < 0)[0])
                raise IngestError(
                    f"dates out of order in series {sid!r}: {str(dates[j + 1])[:10]} comes after "
                    f"{str(dates[j])[:10]} (line {int(t.lines[idx[j]])})",
                    where=t.ref(idx[j + 1]),
                    fix="sort the file by date (ascending, or descending throughout)",
                )
    frame = frame[frame["value"].notna()]
    if start is not None:
        frame = frame[frame["date"] >= start]
    if end is not None:
        frame = frame[frame["date"] <= end]
    vcols = ["value", *columns]
    same = frame.duplicated(subset=["date", *vcols], keep="first")
    frame = frame[~same]
    dup = frame.duplicated(subset=["date"], keep=False).to_numpy()
    if dup.any():
        first = frame["date"].to_numpy()[np.flatnonzero(dup)[0]]
        both = frame[frame["date"] == first]
        lines = both["line"].to_numpy()[:2]
        vals = both["value"].to_numpy()[:2]
        raise IngestError(
            f"duplicate date {str(first)[:10]} with different values ({vals[0]:g} vs {vals[1]:g}) in "
            f"series {sid!r}",
            where=f"{t.name}:{int(lines[0])} and {t.name}:{int(lines[1])}",
            fix="keep one row per date (or check that two series were not mixed in one column)",
        )
    return frame.reset_index(drop=True)


def _infer_frequency(frames: Sequence[pd.DataFrame]) -> Frequency:
    gaps = [
        np.median(np.diff(f["date"].to_numpy()).astype("timedelta64[D]").astype(float))
        for f in frames
        if len(f) >= 2
    ]
    if not gaps:
        return "daily"
    g = float(np.median(gaps))
    limits: tuple[tuple[int, Frequency], ...] = (
        (4, "daily"), (10, "weekly"), (45, "monthly"), (120, "quarterly")
    )  # fmt: skip
    for limit, freq in limits:
        if g <= limit:
            return freq
    return "annual"


# ---------------------------------------------------------------------------------------- known files
def _known(
    t: _Table,
    spec: FileSpec,
    raw: Mapping[str, bytes],
    start: pd.Timestamp | None,
    end: pd.Timestamp | None,
) -> list[Batch]:
    if spec.special == "sp500_constituents":
        return [_constituents(t, spec, raw)]
    batches: list[Batch] = []
    if spec.special == "fomc_meetings":
        batches.append(_fomc_meetings(t, spec))
    elif spec.special == "fomc_decisions":
        batches.append(_fomc_decisions(t, spec))
    t.need(spec.date)
    if spec.key:
        t.need(spec.key)
        keys = t.text(spec.key).to_numpy()
    for s in spec.series:
        t.need(s.value, *s.columns.values())
        rows = None
        if spec.key:
            rows = np.flatnonzero(keys == s.key)
            if not len(rows):
                continue  # a ticker the file does not (or no longer) hold
        frame = _series_frame(t, rows, spec.date, s.value, s.columns, s.id, start, end)
        batches.append(
            SeriesBatch(series_info(s, spec), frame, where=t.name, fill_only=s.fill_only)
        )
    return batches


def _fomc_meetings(t: _Table, spec: FileSpec) -> EventBatch:
    t.need(spec.date, "scheduled")
    sched = t.text("scheduled").str.lower()
    ok = sched.isin(["true", "false", "1", "0", "yes", "no"]).to_numpy()
    if not ok.all():
        i = int(np.flatnonzero(~ok)[0])
        raise IngestError(
            f"'scheduled' must be True or False, not {t.df['scheduled'].iloc[i]!r}",
            where=t.ref(i),
            fix="write True for a scheduled meeting, False for an intermeeting action",
        )
    is_sched = sched.isin(["true", "1", "yes"]).to_numpy()
    note = t.text("note") if "note" in t.df.columns else pd.Series([""] * len(t.df))
    frame = pd.DataFrame(
        {
            "date": t.dates(spec.date),
            "kind": "fomc_meeting",
            "subject": np.where(is_sched, "scheduled", "unscheduled"),
            "detail": note.where(note != "", None).to_numpy(dtype=object),
            "line": t.lines,
        }
    )
    return EventBatch(frame, provider="csv", where=t.name)


def _fomc_decisions(t: _Table, spec: FileSpec) -> EventBatch:
    t.need(spec.date, "target_rate_pct", "change_pct", "action")
    change = t.numbers("change_pct")
    action = t.text("action").to_numpy()
    detail = [
        json.dumps(
            {"change_pct": None if np.isnan(c) else float(c), "action": a or None}, sort_keys=True
        )
        for c, a in zip(change, action, strict=True)
    ]
    frame = pd.DataFrame(
        {
            "date": t.dates(spec.date),
            "kind": "fomc_decision",
            "subject": "fed_funds_target",
            "value": t.numbers("target_rate_pct"),
            "detail": detail,
            "line": t.lines,
        }
    )
    return EventBatch(frame, provider="csv", where=t.name)


def _constituents(t: _Table, spec: FileSpec, raw: Mapping[str, bytes]) -> SecurityBatch:
    """Constituents merged with the financials snapshot on ``symbol``; as_of = the snapshot date."""
    main_name = spec.part_of or spec.file
    other_name = KNOWN_FILES[main_name].companion if spec.part_of is None else spec.file
    tables: dict[str, _Table] = {spec.file: t}
    for fname, data in raw.items():
        base = Path(fname).name
        if base != spec.file and base in (main_name, other_name):
            tables[base] = _read_table(fname, data)
    frames = []
    for base, tab in sorted(tables.items(), key=lambda kv: kv[0] != main_name):
        tab.need("symbol")
        df = tab.df.copy()
        df["symbol"] = tab.text("symbol")
        empty = (df["symbol"] == "").to_numpy()
        if empty.any():
            raise IngestError(
                "empty symbol", where=tab.ref(int(np.flatnonzero(empty)[0])), fix="fill it in"
            )
        dup = df["symbol"].duplicated().to_numpy()
        if dup.any():
            i = int(np.flatnonzero(dup)[0])
            raise IngestError(
                f"symbol {df['symbol'].iloc[i]!r} listed twice",
                where=tab.ref(i),
                fix="keep one row per symbol",
            )
        if base == other_name:
            for c in df.columns:
                if c not in ("symbol", "name", "sub_industry", "gics_sector"):
                    df[c] = tab.numbers(c)
            df = df.rename(columns={"name": "financials_name"}).drop(
                columns=["gics_sector"], errors="ignore"
            )
            df["financials_as_of"] = FINANCIALS_AS_OF
        frames.append(df.set_index("symbol"))
    # the universe is the constituents list; financials rows of former members are left out
    others: list[pd.DataFrame | pd.Series] = list(frames[1:])
    merged = frames[0].join(others, how="left") if others else frames[0]
    if len(frames) > 1:
        gone = len(frames[1].index.difference(frames[0].index))
        if gone:
            t.notes.append(
                f"{other_name}: {gone} symbols not in {main_name} (former members) left out"
            )
    merged = merged.reset_index()
    name = merged["security"] if "security" in merged else merged.get("financials_name")
    if "financials_name" in merged and name is not None:
        name = name.where(name.notna() & (name != ""), merged["financials_name"])
    out = pd.DataFrame({"symbol": merged["symbol"]})
    out["name"] = name if name is not None else None
    out["sector"] = merged.get("gics_sector", None)
    out["as_of"] = CONSTITUENTS_AS_OF if main_name in tables else FINANCIALS_AS_OF
    rest = merged.drop(columns=[c for c in ("symbol", "security", "gics_sector") if c in merged])
    out = pd.concat([out, rest], axis=1)
    out = out.astype(object).where(out.notna(), None)
    return SecurityBatch(out, provider="csv", universe="sp500", where=" + ".join(sorted(tables)))


# ---------------------------------------------------------------------------------------- unknown files
def _unknown(
    t: _Table,
    stem: str,
    mapping: Mapping[str, str],
    start: pd.Timestamp | None,
    end: pd.Timestamp | None,
) -> list[Batch]:
    cols = [str(c) for c in t.df.columns]
    for k in ("date", "value", "id", *OHLCV_COLUMNS):
        if k in mapping:
            t.need(
                mapping[k], fix=f"fix the mapping {k}={mapping[k]}: name one of the file's columns"
            )
    date_col = mapping.get("date") or _guess_date_column(t)
    norm = {c: re.sub(r"[^a-z0-9]+", "_", c.lower()).strip("_") for c in cols}
    id_col = mapping.get("id")
    if id_col is None:
        texty = [c for c in cols if c != date_col and _is_text(t, c)]
        named = [c for c in texty if norm[c] in _ID_NAMES]
        id_col = named[0] if named else None
    others = [c for c in cols if c not in (date_col, id_col) and not _is_text(t, c)]
    # OHLCV: which file column plays each role
    roles: dict[str, str] = {}
    by_norm = {norm[c]: c for c in others}
    for fld, aliases in (
        ("close", ("close", "price", "last")),
        ("open", ("open",)),
        ("high", ("high",)),
        ("low", ("low",)),
        ("volume", ("volume", "vol")),
        ("adj_close", ("adj_close", "adjclose", "adjusted_close", "adjusted")),
    ):
        for a in aliases:
            if a in by_norm:
                roles[fld] = by_norm[a]
                break
    for fld in OHLCV_COLUMNS:
        if fld in mapping:
            roles[fld] = mapping[fld]
    ohlcv = ("close" in roles or "value" in mapping or "adj_close" in roles) and bool(
        {"open", "high", "low", "volume", "adj_close"} & set(roles)
    )
    total_return = False
    meta = {k: mapping[k] for k in ("unit", "frequency", "kind", "name") if k in mapping}
    plans: list[
        tuple[str, np.ndarray | None, str, dict[str, str]]
    ] = []  # id, rows, value col, fields

    def ids_of() -> tuple[np.ndarray, list[str]]:
        assert id_col is not None
        keys = t.text(id_col).to_numpy()
        if (keys == "").any():
            i = int(np.flatnonzero(keys == "")[0])
            raise IngestError(
                f"empty id in column {id_col!r}", where=t.ref(i), fix="fill in the series id"
            )
        return keys, list(dict.fromkeys(keys.tolist()))

    if ohlcv or "value" in mapping:
        value_col = mapping.get("value") or roles.get("close") or roles["adj_close"]
        if value_col == roles.get("adj_close") and "close" not in roles:
            total_return = True
        fields = {f: c for f, c in roles.items() if f in OHLCV_COLUMNS and c != value_col}
        if id_col:
            keys, uniq = ids_of()
            plans += [(slugify(k), np.flatnonzero(keys == k), value_col, fields) for k in uniq]
        else:
            sid = mapping.get("series") or slugify(stem if ohlcv else f"{stem}_{value_col}")
            plans.append((slugify(sid), None, value_col, fields))
    elif id_col:
        keys, uniq = ids_of()
        vcols = [by_norm["value"]] if "value" in by_norm else others
        if not vcols:
            raise IngestError(
                f"no numeric column besides {date_col!r} and {id_col!r}",
                where=f"{t.name}:1",
                fix=_FIX_MAP,
            )
        for k in uniq:
            rows = np.flatnonzero(keys == k)
            for c in vcols:
                sid = slugify(k if len(vcols) == 1 else f"{k}_{c}")
                plans.append((sid, rows, c, {}))
    else:
        if not others:
            texty = [c for c in cols if c not in (date_col, id_col)]
            detail = ""
            if texty:
                # name the first cell that is not a number, so the user sees what to fix
                col = texty[0]
                cells = t.text(col)
                bad = (
                    ~cells.str.lower().isin(_MISSING) & pd.to_numeric(cells, errors="coerce").isna()
                )
                if bad.any():
                    i = int(np.flatnonzero(bad.to_numpy())[0])
                    detail = f"; column {col!r} holds text such as {cells.iloc[i]!r} at {t.ref(i)}"
            raise IngestError(
                f"no numeric column besides the date column {date_col!r}{detail}",
                where=f"{t.name}:1",
                fix="write numbers with '.' as decimal point and no thousands separators, add a "
                "value column, or " + _FIX_MAP,
            )
        prefix = mapping.get("series") or stem
        for c in others:
            sid = (
                mapping["series"] if ("series" in mapping and len(others) == 1) else f"{prefix}_{c}"
            )
            plans.append((slugify(sid), None, c, {}))
    frames = [
        (sid, _series_frame(t, rows, date_col, vc, f, sid, start, end), vc)
        for sid, rows, vc, f in plans
    ]
    seen: dict[str, str] = {}
    for sid, _, vc in frames:
        if sid in seen:
            raise IngestError(
                f"columns {seen[sid]!r} and {vc!r} both map to series id {sid!r}",
                where=f"{t.name}:1",
                fix="rename one column, or " + _FIX_MAP,
            )
        seen[sid] = vc
    freq = meta.get("frequency") or _infer_frequency([f for _, f, _ in frames])
    batches: list[Batch] = []
    note = " ".join(t.notes)
    for sid, frame, vc in frames:
        try:
            info = SeriesInfo(
                id=sid,
                name=meta.get("name") or f"{stem} {vc}" + ("" if not id_col else f" ({sid})"),
                unit=meta.get("unit", ""),
                frequency=frequency_of(freq, sid),
                kind=meta.get("kind") or ("price" if ohlcv else "index"),
                provider="csv",
                provider_id=f"{t.name}:{vc}",
                origin=Path(t.name).name,
                description=(
                    "Imported by inference (unit and kind unknown: pass unit=, kind= in the "
                    "mapping). " + note
                ).strip(),
                total_return=total_return,
            )
        except ValueError as e:
            raise IngestError(str(e), where=t.name, fix=_FIX_MAP) from None
        batches.append(SeriesBatch(info, frame, where=t.name))
    return batches


def _is_text(t: _Table, col: str) -> bool:
    """A column is text when most of its non-empty cells are not numbers."""
    raw = t.df[col]
    if pd.api.types.is_numeric_dtype(raw) or pd.api.types.is_datetime64_any_dtype(raw):
        return False
    s = raw.astype("string").fillna("").str.strip()
    s = s[~s.str.lower().isin(_MISSING)].head(200)
    if not len(s):
        return False
    return float(pd.to_numeric(s, errors="coerce").isna().mean()) > 0.5


def _guess_date_column(t: _Table) -> str:
    cols = [str(c) for c in t.df.columns]
    for c in cols:
        if c.lower().strip() in _DATE_NAMES or pd.api.types.is_datetime64_any_dtype(t.df[c]):
            return c
    for c in cols:
        sample = t.df[c].astype("string").fillna("").str.strip().head(20)
        sample = sample[sample != ""]
        numeric = len(sample) == 0 or pd.to_numeric(sample, errors="coerce").notna().all()
        if (
            not numeric
            and pd.to_datetime(sample, errors="coerce", format="mixed").notna().mean() >= 0.8
        ):
            return c
    raise IngestError(
        f"no date column found (columns: {', '.join(cols)})",
        where=f"{t.name}:1",
        fix="name the date column 'date', or pass a mapping such as --map 'date=YourColumn'",
    )


# ---------------------------------------------------------------------------------------- public API
def parse_file(
    name: str,
    data: bytes,
    *,
    mapping: str | Mapping[str, str] | None = None,
    delimiter: str | None = None,
    siblings: Mapping[str, bytes] | None = None,
    start: DateLike | None = None,
    end: DateLike | None = None,
    date_format: str | None = None,
) -> tuple[list[Batch], list[str]]:
    """Parse one file's bytes into batches (pure).

    Parameters
    ----------
    name
        The file's path or name; its base name selects a known-file mapping, and it is the
        ``where`` of every error.
    data
        The file's bytes (CSV in UTF-8, UTF-8 with BOM or latin-1; or Parquet).
    mapping
        Explicit column mapping for an unknown file (ignored for known files).
    delimiter
        Force the delimiter instead of sniffing it.
    siblings
        Other files' bytes by path (the financials snapshot read with the constituents).
    start, end
        Keep only observations dated in ``[start, end]``.
    date_format
        The strptime layout of the date column (``"%d/%m/%Y"``). Without it, ISO dates, ``YYYYMM``
        and ``YYYYMMDD`` are read as such; day/month dates (``13/02/2020``) are read in the order
        the file settles, and refused when no date of the file settles it (``01/02/2020``).

    Returns
    -------
    batches, notes
        The batches for :meth:`~thesis.data.store.Store.ingest`, and notes for the user (encoding,
        reversed order).
    """
    base = Path(name).name
    spec = KNOWN_FILES.get(base)
    t = _read_table(name, data, delimiter, date_format)
    lo = None if start is None else pd.Timestamp(start)
    hi = None if end is None else pd.Timestamp(end)
    if spec is not None and not mapping:
        batches = _known(t, spec, {name: data, **(siblings or {})}, lo, hi)
    else:
        stem = Path(base).stem
        batches = _unknown(t, stem, parse_mapping(mapping), lo, hi)
    return batches, list(t.notes)


def _expand(paths: Sequence[str | Path]) -> list[Path]:
    """Files to import, known files first in catalog order (primary sources before extensions)."""
    files: list[Path] = []
    for p in map(Path, paths):
        if not p.exists():
            hint = (
                nearest(p.name, [c.name for c in p.parent.iterdir()]) if p.parent.is_dir() else []
            )
            raise IngestError(
                "no such file or folder" + (f"; did you mean {', '.join(hint)}?" if hint else ""),
                where=str(p),
                fix="check the path (relative paths start from the current folder)",
            )
        if p.is_dir():
            found = sorted(c for c in p.iterdir() if c.is_file() and c.suffix.lower() in SUFFIXES)
            if not found:
                raise IngestError(
                    f"the folder holds no {'/'.join(SUFFIXES)} files",
                    where=str(p),
                    fix="point at a folder of CSV or Parquet files, or at one file",
                )
            files += found
        else:
            files.append(p)
    order = {name: i for i, name in enumerate(KNOWN_FILES)}
    files = sorted(dict.fromkeys(files), key=lambda f: (order.get(f.name, len(order)), str(f)))
    # a companion file is read together with its main file
    names = {f.name: f for f in files}
    out = []
    for f in files:
        spec = KNOWN_FILES.get(f.name)
        if (
            spec is not None
            and spec.part_of
            and (spec.part_of in names or (f.parent / spec.part_of).exists())
        ):
            if spec.part_of not in names:
                out.append(f.parent / spec.part_of)
            continue
        out.append(f)
    return list(dict.fromkeys(out))


@register
class CsvProvider(Provider):
    """CSV/Parquet files on disk: ``series`` are paths (files or folders)."""

    name = "csv"
    description = (
        "CSV or Parquet files (wide or long); known ../shared/data files get curated names"
    )

    def build_query(
        self,
        series: Sequence[str],
        start: str | None = None,
        end: str | None = None,
        **options: Any,
    ) -> Query:
        files = _expand(series)
        opts = dict(options)
        if opts.get("mapping") is not None:
            opts["mapping"] = parse_mapping(opts["mapping"])
        return Query(
            series=tuple(f.name for f in files),
            provider_ids=tuple(str(f) for f in files),
            start=start,
            end=end,
            options=opts,
        )

    def extract(
        self, query: Query, progress: Callable[[str], None] | None = None
    ) -> dict[str, bytes]:
        raw: dict[str, bytes] = {}
        for p in map(Path, query.provider_ids):
            paths = [p]
            spec = KNOWN_FILES.get(p.name)
            if spec is not None and spec.companion and (p.parent / spec.companion).exists():
                paths.append(p.parent / spec.companion)
            for q in paths:
                try:
                    raw[str(q)] = q.read_bytes()
                except OSError as e:
                    raise IngestError(
                        f"cannot read the file ({e.strerror})",
                        where=str(q),
                        fix="check that it exists and is readable",
                    ) from e
        return raw

    def transform(self, query: Query, raw: dict[str, bytes]) -> list[Batch]:
        out: list[Batch] = []
        for path in query.provider_ids:
            out += self.transform_file(query, raw, path)[0]
        return out

    def transform_file(
        self, query: Query, raw: Mapping[str, bytes], path: str
    ) -> tuple[list[Batch], list[str]]:
        """Batches and notes of one file of the query (pure)."""
        siblings = {
            k: v for k, v in raw.items() if k != path and Path(k).parent == Path(path).parent
        }
        return parse_file(
            path,
            raw[path],
            mapping=query.options.get("mapping"),
            delimiter=query.options.get("delimiter"),
            siblings=siblings,
            start=query.start,
            end=query.end,
            date_format=query.options.get("date_format"),
        )


def import_path(
    store: Store,
    path: str | Path | Sequence[str | Path],
    progress: Callable[[str], None] | None = None,
    *,
    mapping: str | Mapping[str, str] | None = None,
    delimiter: str | None = None,
    date_format: str | None = None,
    allow: Collection[str] = (),
) -> IngestReport:
    """Import a file or every CSV/Parquet file of a folder into ``store``: all files or none.

    Every file is parsed and checked first; if any file is bad, nothing is written and the
    :class:`~thesis.errors.IngestError` names ``file:line`` and the fix. Then all files are written
    in ONE transaction (each file with its own ingest id and origin), so that a failure or a killed
    process leaves the store exactly as it was. Known files of ``../shared/data`` get curated
    series ids (:mod:`thesis.data.catalog`); a secondary file marked ``fill_only`` only adds dates
    the store (or a file before it in this import) lacks.

    Parameters
    ----------
    store
        A writable :class:`~thesis.data.store.Store`.
    path
        A file, a folder, or a list of them.
    progress
        Called with one line per file (and with notes such as a latin-1 decode).
    mapping, delimiter, date_format
        See :func:`parse_file`.
    allow
        Checks to relax (``"nonpositive"``, ``"magnitude"``); see
        :meth:`~thesis.data.store.Store.ingest`. What was allowed is noted in the catalog.

    Returns
    -------
    IngestReport
        Summed over the files; ``ingest_id`` is the last one written.
    """
    allowed = parse_allow(allow)  # a misspelt check fails before any file is read
    paths = [path] if isinstance(path, str | Path) else list(path)
    provider = CsvProvider()
    query = provider.build_query(
        [str(p) for p in paths], mapping=mapping, delimiter=delimiter, date_format=date_format
    )
    raw = provider.extract(query)
    parsed: list[tuple[str, list[Batch]]] = []
    for p in query.provider_ids:
        batches, notes = provider.transform_file(query, raw, p)
        for n in notes:
            if progress:
                progress(f"note: {n}")
        parsed.append((p, batches))
    if progress:
        progress(f"writing {len(parsed)} file(s) in one transaction")
    reports = store.ingest_many(
        [(batches, p) for p, batches in parsed], provider="csv", allow=allowed
    )
    total = IngestReport()
    for (p, batches), rep in zip(parsed, reports, strict=True):
        if rep.changed:
            total.ingest_id = rep.ingest_id
        for k, v in rep.series_new_rows.items():
            total.series_new_rows[k] = total.series_new_rows.get(k, 0) + v
        for k, v in rep.series_rows.items():
            total.series_rows[k] = total.series_rows.get(k, 0) + v
        total.events_new += rep.events_new
        total.securities += rep.securities
        total.documents += rep.documents
        total.notes += rep.notes
        if progress:
            for n in rep.notes:
                progress(f"note: {n}")
            progress(
                f"{Path(p).name}: {len(batches)} batch(es), {rep.new_rows} new rows, "
                f"{rep.events_new} new events, {rep.securities} securities"
            )
    if total.new_rows:
        store.optimize()  # cluster by series so that reads stay fast
    return total
