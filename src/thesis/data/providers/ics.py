"""The ``ics`` provider: scheduled events from iCalendar (``.ics``) or CSV files into the store.

Statistical agencies publish their release calendars as ``.ics`` files (the BLS schedule with CPI,
the Employment Situation, PPI; the BEA's GDP and Personal Income and Outlays), companies announce
earnings dates, and a desk keeps its own list in a spreadsheet. This provider stores such dates as
*events* (:class:`~thesis.data.records.EventBatch`) so that the key-dates analysis
(:mod:`thesis.analysis.keydates`) can say which of them fall inside a thesis's horizon.

Each event is classified by its title with :data:`EVENT_RULES` (a table, not one-off branches):

========================  ==============  =====================================================
title mentions            kind            subject
========================  ==============  =====================================================
FOMC, Federal Open ...    ``fomc_meeting``  ``scheduled``
Consumer Price Index      ``release``     ``cpi`` (likewise ``jobs``, ``gdp``, ``pce``, ``ppi`` ...)
earnings, results         ``earnings``    the ticker (``NVDA``) or the company's name
10-K, 10-Q, 8-K, filing   ``filing``      the ticker or the company's name
anything else             ``release``     the title without its reference period
========================  ==============  =====================================================

A CSV needs a ``date`` column and a title column (``title``, ``summary``, ``event`` or ``name``);
optional columns ``kind``, ``subject`` (or ``ticker``/``symbol``), ``time``, ``status``
(``tentative`` or ``confirmed``) and ``description`` override or add to the classification.

Steps follow the provider interface: :meth:`IcsProvider.build_query` checks the paths,
:meth:`IcsProvider.extract` reads bytes (the only I/O), :meth:`IcsProvider.transform` and
:func:`parse_events` parse bytes into one :class:`EventBatch` per file (pure). Every error names the
file, the line and the fix.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from thesis.data.providers.base import Provider, Query, register
from thesis.data.records import Batch, EventBatch, IngestReport
from thesis.errors import IngestError

if TYPE_CHECKING:
    from thesis.data.store import Store

__all__ = [
    "EVENT_KINDS",
    "EVENT_RULES",
    "EventRule",
    "IcsProvider",
    "classify",
    "import_events",
    "parse_events",
]

SUFFIXES = (".ics", ".ical", ".ifb", ".csv", ".tsv", ".txt")
#: kinds this provider writes (``fomc_meeting`` is shared with the csv provider's FOMC file)
EVENT_KINDS = ("fomc_meeting", "release", "earnings", "filing")
#: most occurrences kept from one recurring event (RRULE without an end)
MAX_OCCURRENCES = 400
#: recurring events are expanded up to this many years after their first date
RECUR_YEARS = 5


@dataclass(frozen=True)
class EventRule:
    """One row of the classification table: a title pattern and what it means."""

    pattern: re.Pattern[str]
    kind: str
    subject: str | None  # None: the subject is the company (ticker or name) named in the title
    label: str


def _rule(pattern: str, kind: str, subject: str | None, label: str) -> EventRule:
    return EventRule(re.compile(pattern, re.IGNORECASE), kind, subject, label)


#: Title → (kind, subject), first match wins. "Real Earnings" (a BLS wage release) comes before
#: company earnings so that it is not taken for a company's results.
EVENT_RULES: tuple[EventRule, ...] = (
    _rule(
        r"\bFOMC\b|Federal Open Market Committee|\bFed(?:eral Reserve)?\b.{0,20}\b(?:rate )?decision",
        "fomc_meeting",
        "scheduled",
        "FOMC decision",
    ),
    _rule(r"\bReal Earnings\b", "release", "real_earnings", "Real Earnings"),
    _rule(r"Consumer Price Index|\bCPI\b", "release", "cpi", "CPI"),
    _rule(
        r"Employment Situation|non-?farm payrolls?|\bjobs report\b|\bpayrolls\b",
        "release",
        "jobs",
        "jobs report",
    ),
    _rule(r"Gross Domestic Product|\bGDP\b", "release", "gdp", "GDP"),
    _rule(r"Personal Income and Outlays|\bPCE\b", "release", "pce", "PCE inflation"),
    _rule(r"Producer Price Index|\bPPI\b", "release", "ppi", "PPI"),
    _rule(r"Job Openings and Labor Turnover|\bJOLTS\b", "release", "jolts", "JOLTS"),
    _rule(r"Employment Cost Index|\bECI\b", "release", "eci", "Employment Cost Index"),
    _rule(
        r"\bRetail Sales\b|Advance Monthly Sales for Retail",
        "release",
        "retail_sales",
        "retail sales",
    ),
    _rule(r"\bISM\b.*\bManufacturing\b|Manufacturing PMI", "release", "ism", "ISM manufacturing"),
    _rule(
        r"\bearnings\b|\bresults\b|\bearnings call\b|\bQ[1-4]\s+(?:FY)?\d{2,4}\b",
        "earnings",
        None,
        "earnings",
    ),
    _rule(r"\b10-K\b|\b10-Q\b|\b8-K\b|\bfiling\b|\bannual report\b", "filing", None, "filing"),
)

_TICKER_PAREN = re.compile(r"\((?:NYSE|NASDAQ|Nasdaq|NYSEARCA)?:?\s*([A-Z][A-Z.]{0,5})\)")
_TICKER_LEAD = re.compile(
    r"^\s*([A-Z][A-Z.]{0,5})\b(?=\s*[:\-–]|\s+(?:Q[1-4]|earnings|results|10-))"
)
_COMPANY_LEAD = re.compile(
    r"^\s*(.+?)\s+(?:Q[1-4]\b|(?:fiscal\s+)?(?:first|second|third|fourth)[- ]quarter\b|"
    r"earnings|results|10-K|10-Q|8-K|annual report|filing)",
    re.IGNORECASE,
)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
# the reference period of a release title: "for October 2025", ", 3rd Quarter 2025", "(Advance)"
_PERIOD = re.compile(
    rf"\s*(?:\bfor\s+)?(?:\b(?:{_MONTHS})\b\.?\s*\d{{4}}|\b\d(?:st|nd|rd|th)\s+quarter\s+\d{{4}}|"
    r"\bQ[1-4]\s*\d{4}|\b\d{4}\b)|\s*\([^)]*\)|[,:;\-–]+\s*$",
    re.IGNORECASE,
)


def _slug(text: str) -> str:
    t = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    return t or "event"


def classify(
    title: str, *, kind: str | None = None, subject: str | None = None
) -> tuple[str, str, str]:
    """The ``(kind, subject, label)`` of an event from its title.

    Parameters
    ----------
    title
        The event's title (iCalendar ``SUMMARY`` or the CSV's title column).
    kind, subject
        Given values win over the table (a CSV's ``kind`` and ``subject`` columns).

    Returns
    -------
    kind, subject, label
        ``label`` is a short name for the event ("CPI", "NVDA earnings").
    """
    rule = next((r for r in EVENT_RULES if r.pattern.search(title)), None)
    k = (kind or (rule.kind if rule else "release")).strip().lower()
    if subject:
        s = subject.strip()
    elif rule is not None and rule.subject is not None and (kind is None or k == rule.kind):
        s = rule.subject
    elif k in ("earnings", "filing"):
        m = _TICKER_PAREN.search(title) or _TICKER_LEAD.search(title)
        if m:
            s = m.group(1).upper()
        else:
            c = _COMPANY_LEAD.search(title)
            s = _slug(c.group(1)) if c else _slug(_PERIOD.sub("", title))
    else:
        s = _slug(_PERIOD.sub("", title))
    if k in ("earnings", "filing"):
        label = f"{s} {rule.label if rule and rule.kind == k else k}"
    elif rule is not None and k == rule.kind and s == rule.subject:
        label = rule.label
    else:
        label = _PERIOD.sub("", title).strip() or title.strip()
    return k, s, label


@dataclass(frozen=True)
class _Row:
    date: dt.date
    title: str
    line: int
    kind: str | None = None
    subject: str | None = None
    time: str | None = None
    tz: str | None = None
    status: str | None = None
    description: str = ""
    uid: str | None = None


# ---------------------------------------------------------------------------------------- iCalendar
def _unfolded_lines(text: str) -> list[str]:
    """Physical lines of an iCalendar text with their folding undone, one entry per physical line
    (continuation lines are joined into the line they continue, leaving an empty entry so that
    indices stay line numbers)."""
    out: list[str] = []
    for raw in text.splitlines():
        if raw[:1] in (" ", "\t") and out:
            j = len(out) - 1
            while j > 0 and out[j] == "":
                j -= 1
            out[j] += raw[1:]
            out.append("")
        else:
            out.append(raw)
    return out


def _ics_rows(name: str, text: str) -> tuple[list[_Row], list[str]]:
    import icalendar

    lines = _unfolded_lines(text)
    starts = [i + 1 for i, ln in enumerate(lines) if ln.strip().upper() == "BEGIN:VEVENT"]
    try:
        cal = icalendar.Calendar.from_ical(text)
    except (ValueError, IndexError, KeyError) as e:
        raise IngestError(
            f"not a valid iCalendar file ({str(e).splitlines()[0][:160]})",
            where=name,
            fix="export the calendar again as .ics (iCalendar, RFC 5545), or list the dates in a "
            "CSV with date and title columns",
        ) from None
    notes: list[str] = []
    rows: list[_Row] = []
    events = list(cal.walk("VEVENT"))
    for n, ev in enumerate(events):
        line = starts[n] if n < len(starts) else 0
        where = f"{name}:{line}" if line else name
        title = str(ev.get("SUMMARY", "")).strip()
        if not title:
            raise IngestError(
                f"event {n + 1} has no SUMMARY (title)",
                where=where,
                fix="give every VEVENT a SUMMARY line, e.g. SUMMARY:Consumer Price Index",
            )
        start = ev.get("DTSTART")
        if start is None:
            raise IngestError(
                f"event {n + 1} ({title[:60]!r}) has no DTSTART (date)",
                where=where,
                fix="give every VEVENT a DTSTART line, e.g. DTSTART;VALUE=DATE:20260114",
            )
        first = start.dt
        status = str(ev.get("STATUS", "")).strip().lower() or None
        if status == "cancelled":
            notes.append(f"{where}: {title[:60]!r} is cancelled; left out")
            continue
        desc = str(ev.get("DESCRIPTION", "")).strip()
        uid = str(ev.get("UID", "")).strip() or None
        tzid = start.params.get("TZID") if hasattr(start, "params") else None
        for when in _occurrences(ev, first, where, title, notes):
            day, time, tz = _day_time(when)
            rows.append(
                _Row(day, title, line, None, None, time, tzid or tz, status, desc[:500], uid)
            )
    if not events:
        notes.append(f"{name}: the calendar holds no events (VEVENT)")
    return rows, notes


def _day_time(when: Any) -> tuple[dt.date, str | None, str | None]:
    """An all-day date, or a date-time's local date, clock time and time zone."""
    if isinstance(when, dt.datetime):
        tz = when.tzinfo
        tzname = getattr(tz, "key", None) or getattr(tz, "zone", None)
        if tzname is None and tz is not None:
            tzname = tz.tzname(when)
        return when.date(), when.strftime("%H:%M"), tzname
    return when, None, None


def _occurrences(ev: Any, first: Any, where: str, title: str, notes: list[str]) -> list[Any]:
    """The dates of an event: its DTSTART, expanded by RRULE/RDATE and less EXDATE."""
    rrule = ev.get("RRULE")
    rdate = ev.get("RDATE")
    if rrule is None and rdate is None:
        return [first]
    from dateutil.rrule import rruleset, rrulestr

    is_dt = isinstance(first, dt.datetime)
    anchor = first if is_dt else dt.datetime.combine(first, dt.time())
    rs = rruleset()
    if rrule is not None:
        try:
            # types-python-dateutil: rrulestr gives rrule | rruleset; one RRULE line without
            # forceset is an rrule
            rs.rrule(rrulestr(rrule.to_ical().decode(), dtstart=anchor, ignoretz=not is_dt))  # type: ignore[arg-type]
        except (ValueError, TypeError) as e:
            raise IngestError(
                f"cannot read the recurrence rule of {title[:60]!r} ({e})",
                where=where,
                fix="list the dates as separate events, or fix the RRULE line",
            ) from None
    else:
        rs.rdate(anchor)

    def _dates(prop: Any) -> list[Any]:
        out: list[Any] = []
        for p in prop if isinstance(prop, list) else [prop]:
            for d in getattr(p, "dts", []):
                v = d.dt
                out.append(v if isinstance(v, dt.datetime) else dt.datetime.combine(v, dt.time()))
        return out

    if rdate is not None:
        for d in _dates(rdate):
            rs.rdate(d if is_dt else d.replace(tzinfo=None))
    exdate = ev.get("EXDATE")
    if exdate is not None:
        for d in _dates(exdate):
            rs.exdate(d if is_dt else d.replace(tzinfo=None))
    stop = anchor.replace(year=anchor.year + RECUR_YEARS)
    out: list[Any] = []
    for when in rs:
        if when > stop or len(out) >= MAX_OCCURRENCES:
            notes.append(
                f"{where}: {title[:60]!r} recurs beyond {RECUR_YEARS} years; kept the first "
                f"{len(out)} occurrences"
            )
            break
        out.append(when if is_dt else when.date())
    return out


# ---------------------------------------------------------------------------------------- CSV
_TITLE_COLS = ("title", "summary", "event", "name", "release")
_SUBJECT_COLS = ("subject", "ticker", "symbol")
_DESC_COLS = ("description", "detail", "details", "note", "notes")


def _csv_rows(name: str, text: str) -> list[_Row]:
    sample = "\n".join(text.splitlines()[:20])
    try:
        delim = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        delim = ","
    reader = csv.reader(io.StringIO(text), delimiter=delim)
    header: list[str] | None = None
    rows: list[_Row] = []
    for rec in reader:
        line = reader.line_num
        if not rec or all(not c.strip() for c in rec):
            continue
        if header is None:
            header = [c.strip().lower() for c in rec]
            if "date" not in header:
                raise IngestError(
                    f"no 'date' column (columns: {', '.join(header)})",
                    where=f"{name}:{line}",
                    fix="name the column with the event dates 'date' (YYYY-MM-DD)",
                )
            if not any(c in header for c in _TITLE_COLS):
                raise IngestError(
                    f"no title column (columns: {', '.join(header)})",
                    where=f"{name}:{line}",
                    fix=f"add a column named one of {', '.join(_TITLE_COLS)} with what happens "
                    "that day (e.g. 'Consumer Price Index', 'NVDA earnings')",
                )
            continue
        if len(rec) != len(header):
            raise IngestError(
                f"row has {len(rec)} fields but the header has {len(header)}",
                where=f"{name}:{line}",
                fix=f"every row needs the same fields as the header; quote text that contains {delim!r}",
            )
        cell = dict(zip(header, (c.strip() for c in rec), strict=True))

        def first(cols: Sequence[str], cell: dict[str, str] = cell) -> str:
            return next((cell[c] for c in cols if cell.get(c)), "")

        try:
            day = dt.date.fromisoformat(cell["date"][:10])
        except ValueError:
            raise IngestError(
                f"{cell['date']!r} is not a date",
                where=f"{name}:{line}",
                fix="write dates as YYYY-MM-DD, e.g. 2026-01-13",
            ) from None
        title = first(_TITLE_COLS)
        if not title:
            raise IngestError(
                "the row has no title",
                where=f"{name}:{line}",
                fix="say what happens that day, e.g. 'Consumer Price Index'",
            )
        status = (cell.get("status") or "").lower() or None
        if status not in (None, "tentative", "confirmed", "cancelled"):
            raise IngestError(
                f"status {cell['status']!r} is not tentative, confirmed or cancelled",
                where=f"{name}:{line}",
                fix="write tentative, confirmed or cancelled, or leave the cell empty",
            )
        kind = cell.get("kind") or None
        if kind is not None and kind.lower() not in EVENT_KINDS:
            raise IngestError(
                f"kind {kind!r} is not one of {', '.join(EVENT_KINDS)}",
                where=f"{name}:{line}",
                fix="use one of those kinds, or leave the cell empty to classify by the title",
            )
        if status == "cancelled":
            continue
        rows.append(
            _Row(
                day,
                title,
                line,
                kind,
                first(_SUBJECT_COLS) or None,
                cell.get("time") or None,
                cell.get("tz") or cell.get("timezone") or None,
                status,
                first(_DESC_COLS)[:500],
            )
        )
    if header is None:
        raise IngestError(
            "the file is empty",
            where=name,
            fix="add a header row (date,title) and one row per event",
        )
    return rows


# ---------------------------------------------------------------------------------------- parsing
def _decode(name: str, data: bytes) -> str:
    if not data.strip():
        raise IngestError(
            "the file is empty",
            where=name,
            fix="export the calendar again (.ics), or write a CSV with date and title columns",
        )
    if b"\x00" in data[:4096]:
        raise IngestError(
            "the file is binary (or UTF-16), not an iCalendar or CSV text",
            where=name,
            fix="save it as UTF-8 text (.ics or .csv)",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise IngestError(
            "not valid UTF-8 text",
            where=f"{name}:{line}",
            fix="save the file as UTF-8 (iCalendar files are UTF-8 by definition)",
        ) from None


def parse_events(
    name: str,
    data: bytes,
    *,
    kind: str | None = None,
    subject: str | None = None,
    source: str | None = None,
) -> tuple[EventBatch, list[str]]:
    """Parse one ``.ics`` or CSV file into an :class:`EventBatch` (pure).

    Parameters
    ----------
    name
        The file's name or path, shown in errors and stored as the events' source.
    data
        The file's bytes.
    kind, subject
        Force every event's kind (one of :data:`EVENT_KINDS`) or subject (a ticker).
    source
        What to record as the events' source (default: the file's name).

    Returns
    -------
    batch, notes
        The events (``date``, ``kind``, ``subject``, ``detail`` JSON with ``title``, ``time``,
        ``tz``, ``status``, ``description``, ``uid``, ``source``; ``line``) and notes for the
        user (cancelled events, recurrences cut short, events merged).

    Raises
    ------
    IngestError
        Empty, binary or non-UTF-8 input, an invalid calendar, a CSV without date or title, a
        date that does not parse; the message names ``file:line``.
    """
    if kind is not None and kind not in EVENT_KINDS:
        raise IngestError(
            f"unknown event kind {kind!r}",
            where="--kind",
            fix=f"use one of {', '.join(EVENT_KINDS)}",
        )
    text = _decode(name, data)
    notes: list[str] = []
    if "BEGIN:VCALENDAR" in text[:4096].upper():
        rows, notes = _ics_rows(name, text)
    elif text.lstrip().upper().startswith("BEGIN:"):
        raise IngestError(
            "the file starts like iCalendar but has no BEGIN:VCALENDAR",
            where=f"{name}:1",
            fix="export the whole calendar (.ics), not a single component",
        )
    else:
        rows = _csv_rows(name, text)
    src = source or Path(name).name
    merged: dict[tuple[dt.date, str, str], dict[str, Any]] = {}
    for r in rows:
        k, s, label = classify(r.title, kind=r.kind or kind, subject=r.subject or subject)
        key = (r.date, k, s)
        if key in merged:
            # two releases of one kind on one day (e.g. two months' CPI published together):
            # one event whose title names both
            d = merged[key]
            if r.title not in d["detail"]["title"]:
                d["detail"]["title"] += f"; {r.title}"
                notes.append(
                    f"{name}:{r.line}: {r.title[:60]!r} shares {r.date} with another {label} "
                    "event; merged"
                )
            continue
        merged[key] = {
            "date": pd.Timestamp(r.date),
            "kind": k,
            "subject": s,
            "line": r.line,
            "detail": {
                "title": r.title,
                "label": label,
                "time": r.time,
                "tz": r.tz,
                "status": r.status,
                "description": r.description or None,
                "uid": r.uid,
                "source": src,
            },
        }
    recs = [
        {
            **m,
            "detail": json.dumps(
                {k: v for k, v in m["detail"].items() if v is not None}, sort_keys=True
            ),
        }
        for m in merged.values()
    ]
    frame = pd.DataFrame(recs, columns=["date", "kind", "subject", "detail", "line"])
    return EventBatch(frame, provider="ics", where=name), notes


# ---------------------------------------------------------------------------------------- provider
def _expand(paths: Sequence[str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(q for q in p.iterdir() if q.suffix.lower() in SUFFIXES)
            if not found:
                raise IngestError(
                    "the folder holds no .ics or .csv file",
                    where=str(p),
                    fix="pass the calendar file itself",
                )
            out += found
        elif p.exists():
            out.append(p)
        else:
            raise IngestError(
                "no such file or folder", where=str(p), fix="check the path of the calendar"
            )
    if not out:
        raise IngestError("no calendar file given", fix="pass an .ics or .csv file")
    return out


@register
class IcsProvider(Provider):
    """Event calendars on disk: ``series`` are paths to ``.ics`` or CSV files (or folders)."""

    name = "ics"
    description = "Event calendars (.ics or CSV): releases, earnings and filing dates"

    def build_query(
        self,
        series: Sequence[str],
        start: str | None = None,
        end: str | None = None,
        **options: Any,
    ) -> Query:
        files = _expand(series)
        kind = options.get("kind")
        if kind is not None and kind not in EVENT_KINDS:
            raise IngestError(
                f"unknown event kind {kind!r}",
                where="--kind",
                fix=f"use one of {', '.join(EVENT_KINDS)}",
            )
        return Query(
            series=tuple(f.name for f in files),
            provider_ids=tuple(str(f) for f in files),
            start=start,
            end=end,
            options=dict(options),
        )

    def extract(
        self, query: Query, progress: Callable[[str], None] | None = None
    ) -> dict[str, bytes]:
        raw: dict[str, bytes] = {}
        for p in map(Path, query.provider_ids):
            try:
                raw[str(p)] = p.read_bytes()
            except OSError as e:
                raise IngestError(
                    f"cannot read the file ({e.strerror})",
                    where=str(p),
                    fix="check that it exists and is readable",
                ) from e
            if progress:
                progress(f"read {p.name}")
        return raw

    def transform(self, query: Query, raw: dict[str, bytes]) -> list[Batch]:
        return [b for b, _ in self.transform_notes(query, raw)]

    def transform_notes(
        self, query: Query, raw: dict[str, bytes]
    ) -> list[tuple[EventBatch, list[str]]]:
        """One batch and its notes per file, clipped to the query's window (pure)."""
        out = []
        for path in query.provider_ids:
            if path not in raw:
                raise IngestError("no payload for the file", where=path)
            batch, notes = parse_events(
                path,
                raw[path],
                kind=query.options.get("kind"),
                subject=query.options.get("subject"),
            )
            f = batch.frame
            if query.start:
                f = f[f["date"] >= pd.Timestamp(query.start)]
            if query.end:
                f = f[f["date"] <= pd.Timestamp(query.end)]
            out.append((EventBatch(f.reset_index(drop=True), batch.provider, batch.where), notes))
        return out


def import_events(
    store: Store,
    paths: str | Path | Sequence[str | Path],
    progress: Callable[[str], None] | None = None,
    *,
    kind: str | None = None,
    subject: str | None = None,
    start: str | None = None,
    end: str | None = None,
) -> IngestReport:
    """Import event calendars into ``store`` (all files checked first; then one ingest per file).

    Parameters
    ----------
    store
        A writable :class:`~thesis.data.store.Store`.
    paths
        ``.ics`` or CSV files, or folders of them.
    progress
        Called with one line per file and with each note.
    kind, subject
        Force the kind or subject of every event (see :func:`parse_events`).
    start, end
        Keep only events dated in this window (ISO dates).

    Returns
    -------
    IngestReport
        ``events_new`` counts events added or changed.
    """
    items = [paths] if isinstance(paths, str | Path) else list(paths)
    prov = IcsProvider()
    q = prov.build_query([str(p) for p in items], start, end, kind=kind, subject=subject)
    parsed = prov.transform_notes(q, prov.extract(q, progress))
    total = IngestReport()
    for batch, notes in parsed:
        for n in notes:
            if progress:
                progress(f"note: {n}")
        if batch.frame.empty:
            continue
        rep = store.ingest(batch, provider="ics", origin=batch.where)
        total.events_new += rep.events_new
        if rep.events_new:
            total.ingest_id = rep.ingest_id
        if progress:
            progress(f"{Path(batch.where).name}: {len(batch.frame)} events, {rep.events_new} new")
    return total
