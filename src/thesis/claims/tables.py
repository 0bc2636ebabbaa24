"""Figures in a pipe table whose header row names each column's measure (issue 8, round 76).

    | Change From Previous Close (%) | MTD (%) | YTD (%) | |
    | S&P500 | 0.77 | 2 | 24.11 |

A market page's table states its measures once, in the header row, and its subjects in the first
cell of each row: the header is "a stated table header", which binds a cell's measure and period
as its own words would (``docs/claims.md``, abstain unless bound). Until this round such a cell
was read as a figure tied to nothing.

:func:`rule_table_cell` reads a row of a pipe table (a line that starts with ``|``) whose first
cell names a series, finds the nearest header row above it in the same table (a row with no
figures), aligns the row's figures with the header's columns (cell by cell, or, when the header
leaves out the row labels' column, its first cell naming a measure, its named columns in order) and reads each column whose header
names one measure (:func:`column_measure`): the session's change ("Change", "% Chg", "Change From
Previous Close (%)"), the week's, month's, quarter's or year's change to date ("1W", "MTD",
"QTD", "YTD"), or the close ("Close", "Last", "Price", "Level"; a yield's "Yield"). A column
whose header names a date, a prior period, an extreme or anything else is left alone, as is a
change column whose header and cells say neither percent nor points. A cell with no sign in a
change column is a rise. The day is the article's (or the day its words name), as for any figure.

The table's lines are plain text split on ``|``: a parser would add nothing, and HTML tables
arrive here already flattened to such lines (:mod:`thesis.claims.article`).
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from thesis.claims.binding import Bind, bind_date, make_claim
from thesis.claims.frames import Claim, PeriodSpec
from thesis.text.dates import DateMention

if TYPE_CHECKING:
    from thesis.claims.binding import Ctx
    from thesis.claims.document import Sent
    from thesis.text.numbers import Quantity

__all__ = ["column_measure", "rule_table_cell"]

#: the subject kinds whose change or close a table cell may state
_CHANGE_KINDS = ("index", "stock", "etf", "volatility")
_CLOSE_KINDS = ("index", "stock", "etf", "volatility", "yield")
_SEPARATOR = re.compile(r"^[\s|:\-–—]+$")
#: a cell that is a figure ("0.77", "-2.50%", "$5,859.85", "24.11 %"): a header row has none
_FIGURE_CELL = re.compile(r"^\s*[~$+\-−–]*\s*\$?\d[\d,]*(?:\.\d+)?\s*(?:%|bps?|pts?)?\s*$", re.I)
_DATE_LIKE = re.compile(
    r"\d{1,2}/\d{1,2}|\b(?:19|20)\d\d\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d",
    re.I,
)
_PERIODS = (
    (re.compile(r"\by-?t-?d\b|year[- ]to[- ]date", re.I), "ytd"),
    (re.compile(r"\bmtd\b|month[- ]to[- ]date", re.I), "mtd"),
    (re.compile(r"\bqtd\b|quarter[- ]to[- ]date", re.I), "qtd"),
    (re.compile(r"\bwtd\b|\b1\s?w(?:k)?\b|week[- ]to[- ]date|\bweekly\b|\bweek\b", re.I), "week"),
)
_SESSION_CHANGE = re.compile(
    r"\bchange\b|\bchg\b|\bchange\s*\(%\)|%\s*change|previous close|\b1\s?d\b|\bdaily\b|\btoday\b|"
    r"\bday\b|\bnet\b|\bpts?\b|\bpoints\b|\+/-",
    re.I,
)
_LAST = re.compile(r"\blast\b", re.I)
_CLOSE = re.compile(r"\b(?:close|closing|last|price|level|value|yield)\b", re.I)
#: header words that make a column something other than the row's change or close
_OTHER = re.compile(
    r"\b(?:prior|previous\s+(?:week|month|year|day)|prev|open|high|low|target|52|avg|average|"
    r"volume|vol|ratio|p/e|estimate|forecast|range|since|ago|1y|12m|3m|6m|5y)\b",
    re.I,
)


def column_measure(header: str) -> tuple[str, str] | None:
    """What a column's header names: ``("change", period kind)`` (``day``, ``week``, ``mtd``,
    ``qtd``, ``ytd``) or ``("close", "")``; ``None`` for a date, a prior period, an extreme or
    anything else (see the module)."""
    h = header.strip()
    if not h or _DATE_LIKE.search(h):
        return None
    for pat, kind in _PERIODS:
        if pat.search(h):
            return None if _OTHER.search(h) and kind != "ytd" else ("change", kind)
    if _OTHER.search(h):
        return None
    if _SESSION_CHANGE.search(h):
        return "change", "day"
    if _CLOSE.search(h) or h.lower().startswith("current"):
        return "close", ""
    return None


def _cells(text: str, start: int) -> list[tuple[str, int, int]]:
    """The cells of a pipe row as (text, start, end) offsets in the document (a row written
    without its outer bars, "AMZN | 12% |", starts with a cell)."""
    out: list[tuple[str, int, int]] = []
    lead = len(text) - len(text.lstrip())
    bars = [i for i, ch in enumerate(text) if ch == "|"]
    if bars and not text[lead:].startswith("|"):
        bars = [lead - 1, *bars]
    for a, b in itertools.pairwise(bars):
        out.append((text[a + 1 : b], start + a + 1, start + b))
    return out


def _line_at(text: str, pos: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return a, len(text) if b < 0 else b


def _table_line(line: str) -> bool:
    """Whether a line is a row of a pipe table (with or without its outer bars)."""
    if line.startswith("|"):
        return line.count("|") >= 3
    return line.count("|") >= 2


def _header(s: Sent) -> list[tuple[str, int, int]] | None:
    """The columns (text and offsets) of the nearest header row above ``s`` in its table (a row
    with no figure but dates), or ``None`` when the table has none."""
    text = s.doc.text
    a, _ = _line_at(text, s.start)
    for _ in range(40):
        if a == 0:
            return None
        pa, pb = _line_at(text, a - 1)
        line = text[pa:pb].strip()
        a = pa
        if not line:
            continue  # a blank line between a header and its rows
        if not _table_line(line) and not _SEPARATOR.match(line):
            return None
        if _SEPARATOR.match(line):
            continue
        cells = _cells(text[pa:pb], pa)
        if not any(_FIGURE_CELL.match(c) for c, _, _ in cells):
            return cells
    return None


def rule_table_cell(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """The figures of a pipe table's row read by their columns' headers (see the module)."""
    a, b = _line_at(s.doc.text, s.start)
    if not _table_line(s.doc.text[a:b].strip()):
        return []
    cells = _cells(s.doc.text[a:b], a)
    if len(cells) < 2:
        return []
    name = next((m for m in s.subjects if cells[0][1] <= m.start < cells[0][2]), None)
    if name is None or name.subject is None:
        return []
    if any(q.start < cells[0][2] and not name.start <= q.start < name.end for q in s.quantities):
        return []  # a figure in the names' column ("Standard & Poor's 500" holds its own)
    header = _header(s)
    if header is None:
        return []
    figures = [(i, c) for i, c in enumerate(cells[1:], 1) if c[0].strip()]
    if len(header) == len(cells) and _column(s, header[0]) is None:
        columns = {i: header[i] for i, _ in figures}  # the header has the names' column too
    else:
        named = [h for h in header if h[0].strip()]
        if len(named) != len(figures):
            return []
        columns = {i: named[k] for k, (i, _) in enumerate(figures)}
    # "Data as of 12/27/19 | 1-Week | Y-T-D |": the day the names' column dates the table with
    table_day = _day_in(s, header[0]) if _column(s, header[0]) is None else None
    # "Ticker | Security | Last | Change | %Chg": a quote widget's live figures, of whatever moment
    # the page was saved at, not necessarily the article's day
    live = any(_LAST.search(h[0]) for h in header) and table_day is None
    subj = Bind(name.subject, name.text, "named")
    out: list[Claim] = []
    for i, (_cell, ca, cb) in figures:
        q = next((x for x in s.quantities if ca <= x.start < cb), None)
        meant = _column(s, columns[i])
        if q is None or meant is None or q.start in used or q.is_range or q.words:
            continue
        day = meant[2] or table_day
        date = Bind(day, f"{day.text} (the table's header)", "explicit") if day else None
        c = _cell_claim(ctx, s, subj, name.start, q, columns[i][0], (meant[0], meant[1]), date)
        if c is not None:
            if live and day is None:
                c.loose.setdefault(
                    "date", "a quote table's 'Last' column: its figures may be of another moment"
                )
            used.add(q.start)
            out.append(c)
    return out


def _day_in(s: Sent, cell: tuple[str, int, int]) -> DateMention | None:
    """The one day a header cell names ("As of Dec. 27, 2019", "Data as of 12/27/19"), or
    ``None``."""
    days = [d for d in s.doc.dates_in(cell[1], cell[2]) if d.kind == "day" and d.day is not None]
    return days[0] if len(days) == 1 else None


_CALENDAR = {"year": "year", "quarter": "quarter", "month": "month", "half": "span"}


def _column(
    s: Sent, cell: tuple[str, int, int]
) -> tuple[str, str | PeriodSpec, DateMention | None] | None:
    """What a header cell names: :func:`column_measure`'s reading of its words, or, for a cell
    that names a calendar period ("Q2 2020", "% Change In 2024"), the change over it, or for one
    that names a day ("12/28/18"), the close of that day; ``None`` for anything else."""
    text = cell[0].strip()
    dates = s.doc.dates_in(cell[1], cell[2])
    if len(dates) == 1 and not _OTHER.search(text):
        d = dates[0]
        rest = (s.doc.text[cell[1] : d.start] + s.doc.text[d.end : cell[2]]).strip(" %()-:|")
        calendar = d.kind in _CALENDAR and d.first is not None and d.last is not None
        if calendar and (not rest or _SESSION_CHANGE.search(rest) or _RETURNS.fullmatch(rest)):
            spec = PeriodSpec(_CALENDAR[d.kind], d.text, first=d.first, last=d.last)
            return "change", spec, None
        if d.kind == "day" and d.day is not None and not rest:
            return "close", "", d
        return None
    got = column_measure(text)
    return (got[0], got[1], None) if got is not None else None


_RETURNS = re.compile(r"(?:index\s+)?returns?|performance|gain|%", re.I)


def _cell_claim(
    ctx: Ctx,
    s: Sent,
    subj: Bind,
    name_at: int,
    q: Quantity,
    header: str,
    meant: tuple[str, str | PeriodSpec],
    date: Bind | None,
) -> Claim | None:
    """The claim of one cell (see :func:`rule_table_cell`), or ``None`` when the column's measure
    does not fit the row's series or the cell's unit. ``name_at``: where the row's name starts
    (the claim's quote runs from it); ``date``: the day the header names."""
    measure, kind = meant
    skind = subj.value.kind
    words = f"the column {header.strip()!r} (the table's header)"
    if date is None:
        date = bind_date(ctx, s, q.start)
    if measure == "change":
        if skind not in _CHANGE_KINDS:
            return None
        pct = "%" in header or q.unit == "pct"
        points = re.search(r"\bpts?\b|\bpoints\b|\bnet\b", header, re.I) is not None
        if pct == points or q.unit not in ("pct", "plain", "points"):
            return None
        value = q.value  # a cell with no sign in a change column is a rise
        if isinstance(kind, PeriodSpec):
            spec = kind
        else:
            text = (
                "the session (the table's column)"
                if kind == "day"
                else f"{header.strip()} (the table's column)"
            )
            spec = PeriodSpec(kind, text)
        return make_claim(
            ctx, s, kind="pct_change", measure="change" if pct else "points_change",
            subject=subj, parts=[(name_at, q.end)], rule="table_cell", value=value,
            unit="pct" if pct else "points", decimals=q.decimals,
            date=date, period=Bind(spec, words, "explicit"),
            direction=-1 if value < 0 else 1, needs=("subject", "date", "period"), at=q.start,
        )  # fmt: skip
    if skind not in _CLOSE_KINDS or q.sign or q.unit not in ("plain", "points", "usd", "pct"):
        return None
    if skind == "yield":
        return make_claim(
            ctx, s, kind="rate", measure="yield", subject=subj,
            parts=[(name_at, q.end)], rule="table_cell", value=q.value, unit="pct",
            decimals=q.decimals, date=date, at=q.start,
        )  # fmt: skip
    if q.unit == "pct" or (q.unit == "usd" and skind not in ("stock", "etf")):
        return None
    return make_claim(
        ctx, s, kind="level", measure="close", subject=subj,
        parts=[(name_at, q.end)], rule="table_cell", value=q.value, unit="points",
        decimals=q.decimals, date=date, level=q.value, at=q.start,
    )  # fmt: skip
