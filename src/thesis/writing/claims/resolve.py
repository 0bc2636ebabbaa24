"""Resolving what a claim is about (its subject) and when (its date).

Subjects are found by name ("S&P 500", "the Nasdaq", "10-year yield", "core CPI", "gold", a stock's
name or ticker); "the index" and "the benchmark" refer back to the last index named. Dates are
explicit ("November 26, 2025", "Nov. 26", "Monday, Jan. 12, 2026", "2025-11-26"), relative to the
article's date ("on Monday", "Thursday's release", "today", "last week"), or the article's date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from thesis.writing.format import MONTH_NUMBERS

__all__ = [
    "SUBJECTS",
    "DateSpan",
    "Subject",
    "SubjectSpan",
    "find_dates",
    "find_subjects",
    "most_recent_weekday",
]

_MONTHS = MONTH_NUMBERS
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MON = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

DATE_RE = re.compile(
    rf"(?:(?P<wd>{_WD}),?\s+)?"
    rf"(?:(?P<mon>{_MON})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d|,\d{{3}})(?:,?\s+(?P<year>(?:19|20)\d{{2}})\b)?"
    rf"|(?P<day2>\d{{1,2}})\s+(?P<mon2>{_MON})\.?,?\s+(?P<year2>(?:19|20)\d{{2}})\b"
    rf"|(?P<iso>(?P<iy>(?:19|20)\d{{2}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})))"
)
MONTH_YEAR_RE = re.compile(rf"\b(?P<mon>{_MON})\.?\s+(?P<year>(?:19|20)\d{{2}})\b")
WEEKDAY_RE = re.compile(rf"\b(?P<wd>{_WD})(?:'s|’s)?\b")
RELATIVE_RE = re.compile(
    r"\b(?P<rel>today|yesterday|this week|last week|this month|last month)\b", re.I
)


@dataclass(frozen=True)
class Subject:
    """A thing claims are made about.

    ``series`` are store ids to try in order (daily first); ``kind`` is ``index``, ``yield``,
    ``inflation``, ``policy_rate``, ``commodity``, ``stock``, ``volatility`` or ``other``.
    """

    key: str
    name: str
    kind: str
    series: tuple[str, ...]
    pattern: str
    settle: str = ""


SUBJECTS: tuple[Subject, ...] = (
    Subject(
        "sp500",
        "S&P 500",
        "index",
        ("sp500",),
        r"S&P\s?500(?:\s+index)?|S&P(?![\w&])|\bSPX\b|Standard\s+(?:&|and)\s+Poor's(?:\s+500)?",
        "daily S&P 500 closes (`thesis data update sp500`)",
    ),
    Subject(
        "nasdaq",
        "Nasdaq Composite",
        "index",
        ("nasdaq", "nasdaq_composite"),
        r"Nasdaq(?:\s+Composite)?(?!\s*(?:100|:))|\bNASDAQ\b(?!\s*:)|\bCOMP\b|tech-heavy\s+index",
        "daily Nasdaq Composite closes (`thesis data update nasdaq`)",
    ),
    Subject(
        "nasdaq100",
        "Nasdaq 100",
        "index",
        ("nasdaq100", "ndx"),
        r"Nasdaq[- ]100|\bNDX\b",
        "daily Nasdaq 100 closes (`thesis data update nasdaq100`)",
    ),
    Subject(
        "dow",
        "Dow Jones Industrial Average",
        "index",
        ("dow", "djia"),
        r"Dow\s+Jones\s+Industrial\s+Average|\bDJIA\b|(?:the\s+)?Dow(?:\s+Jones)?(?!\s+(?:Jones\s+)?(?:Newswires|Market\s+Data|&|and\s+Company|Inc))\b",
        "daily Dow Jones Industrial Average closes (`thesis data update dow`)",
    ),
    Subject(
        "russell2000",
        "Russell 2000",
        "index",
        ("russell2000", "rut"),
        r"Russell\s+2000|\bRUT\b",
        "daily Russell 2000 index closes (`thesis data update russell2000`)",
    ),
    Subject(
        "core_cpi",
        "core CPI",
        "inflation",
        ("core_cpi",),
        r"core\s+(?:CPI|consumer\s+price(?:s|\s+index)?|inflation)",
        "the monthly core CPI index (`thesis data update core_cpi`)",
    ),
    Subject(
        "pce",
        "PCE inflation",
        "inflation",
        ("core_pce", "pce"),
        r"\b(?:core\s+)?PCE\b",
        "the monthly PCE price index (`thesis data update core_pce`)",
    ),
    Subject(
        "cpi",
        "CPI",
        "inflation",
        ("cpi_u",),
        r"\bCPI(?:-U)?\b|consumer\s+price\s+index|consumer\s+prices|headline\s+inflation|\binflation\b",
        "the monthly CPI-U index (`thesis data update cpi_u`)",
    ),
    Subject(
        "ust10y",
        "10-year Treasury yield",
        "yield",
        ("ust10y", "ust10y_monthly"),
        r"\b(?:10|ten)[- ]year(?:\s+(?:Treasury|note|yield|bond))*|\b10Y\b|\bUS10Y\b",
        "daily 10-year Treasury yields (`thesis data update ust10y`)",
    ),
    Subject(
        "ust2y",
        "2-year Treasury yield",
        "yield",
        ("ust2y",),
        r"\b(?:2|two)[- ]year(?:\s+(?:Treasury|note|yield))*|\bUS2Y\b",
        "daily 2-year Treasury yields (`thesis data update ust2y`)",
    ),
    Subject(
        "ust30y",
        "30-year Treasury yield",
        "yield",
        ("ust30y",),
        r"\b(?:30|thirty)[- ]year(?:\s+(?:Treasury|bond|yield))*",
        "daily 30-year Treasury yields (`thesis data update ust30y`)",
    ),
    Subject(
        "fedfunds",
        "federal funds rate",
        "policy_rate",
        ("fed_target", "fedfunds_daily", "fedfunds"),
        r"fed(?:eral)?\s+funds(?:\s+rate)?|policy\s+rate|benchmark\s+(?:interest\s+)?rate",
        "the Fed's target range by meeting (`thesis data update fed_target`)",
    ),
    Subject(
        "vix",
        "VIX",
        "volatility",
        ("vix",),
        r"\bVIX\b|volatility\s+index|fear\s+gauge",
        "daily VIX closes (`thesis data update vix`)",
    ),
    Subject(
        "gold",
        "gold",
        "commodity",
        ("gold", "gold_monthly"),
        r"\bgold\b(?!man)",
        "daily gold prices (`thesis data update gold`)",
    ),
    Subject(
        "oil",
        "crude oil",
        "commodity",
        ("wti", "brent"),
        r"\b(?:crude|oil|WTI|Brent)\b",
        "daily oil prices (`thesis data update wti`)",
    ),
    Subject(
        "bitcoin",
        "bitcoin",
        "commodity",
        ("btc",),
        r"\bbitcoin\b|\bBTC\b",
        "daily bitcoin prices (`thesis data update btc`)",
    ),
    Subject(
        "gdp",
        "GDP",
        "other",
        ("gdp",),
        r"\bGDP\b|gross\s+domestic\s+product",
        "quarterly GDP (`thesis data update gdp`)",
    ),
)
_STOCKS = {
    "msft": r"Microsoft|\bMSFT\b",
    "aapl": r"\bApple\b|\bAAPL\b",
    "nvda": r"Nvidia|NVIDIA|\bNVDA\b",
    "amzn": r"Amazon|\bAMZN\b",
    "googl": r"Alphabet|Google|\bGOOGL?\b",
    "meta": r"\bMeta\b|\bMETA\b",
    "tsla": r"Tesla|\bTSLA\b",
    "plpc": r"Preformed\s+Line\s+Products|\bPLPC\b",
    "inod": r"Innodata|\bINOD\b",
    "path": r"UiPath|\bPATH\b",
    "fivn": r"Five9|\bFIVN\b",
    "spy": r"\bSPY\b",
    "iwm": r"\bIWM\b",
    "tlt": r"\bTLT\b",
    "gld": r"\bGLD\b",
}
SUBJECTS = SUBJECTS + tuple(
    Subject(k, k.upper(), "stock", (k,), p, f"daily {k.upper()} prices (`thesis data update {k}`)")
    for k, p in _STOCKS.items()
)
SUBJECT_BY_KEY = {s.key: s for s in SUBJECTS}
_SUBJECT_RE = [
    (s, re.compile(s.pattern, re.IGNORECASE if s.kind not in ("stock",) else 0)) for s in SUBJECTS
]
# "the index", "the benchmark", "the market": the last index named (S&P 500 when none was)
ANAPHORA_RE = re.compile(
    r"\b(?:the|this)\s+(?:broad(?:er)?\s+)?(?:benchmark(?:\s+index)?|index|gauge|market|large-cap\s+index)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class SubjectSpan:
    start: int
    end: int
    subject: Subject
    anaphora: bool = False


@dataclass(frozen=True)
class DateSpan:
    """A date mention.

    ``granularity``: ``day`` (a calendar day), ``month``, ``weekday`` (a weekday resolved relative
    to the article's date), ``relative`` (today, last week...). ``weekday`` is the weekday the text
    states (0 = Monday) when it states one, so that it can be checked against the calendar.
    """

    start: int
    end: int
    text: str
    date: dt.date | None
    granularity: str
    weekday: int | None = None
    explicit_year: bool = False


def find_subjects(text: str) -> list[SubjectSpan]:
    """All subject mentions in ``text``, in order, longest match first where two overlap."""
    spans: list[SubjectSpan] = []
    for subj, rx in _SUBJECT_RE:
        for m in rx.finditer(text):
            spans.append(SubjectSpan(m.start(), m.end(), subj))
    for m in ANAPHORA_RE.finditer(text):
        spans.append(SubjectSpan(m.start(), m.end(), SUBJECT_BY_KEY["sp500"], anaphora=True))
    spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
    out: list[SubjectSpan] = []
    for s in spans:
        if out and s.start < out[-1].end:
            continue
        out.append(s)
    return out


def most_recent_weekday(article_date: dt.date, weekday: int) -> dt.date:
    """The last ``weekday`` (0 = Monday) on or before ``article_date``."""
    return article_date - dt.timedelta(days=(article_date.weekday() - weekday) % 7)


def _month_day(
    year: int | None, month: int, day: int, article_date: dt.date
) -> tuple[dt.date | None, bool]:
    if year is not None:
        try:
            return dt.date(year, month, day), True
        except ValueError:
            return None, True
    # no year: the most recent such day on or before the article's date (a week's grace for
    # dates just ahead, as in "the meeting on Dec. 10" written on Dec. 8)
    for y in (article_date.year + 1, article_date.year, article_date.year - 1):
        try:
            d = dt.date(y, month, day)
        except ValueError:
            continue
        if d <= article_date + dt.timedelta(days=7):
            return d, False
    return None, False


def find_dates(text: str, article_date: dt.date | None) -> list[DateSpan]:
    """All date mentions in ``text`` resolved against ``article_date`` (which may be ``None``)."""
    ref = article_date or dt.date.today()
    out: list[DateSpan] = []
    taken: list[tuple[int, int]] = []
    for m in DATE_RE.finditer(text):
        wd = WEEKDAYS.index(m["wd"].lower()) if m["wd"] else None
        if m["iso"]:
            try:
                d: dt.date | None = dt.date(int(m["iy"]), int(m["im"]), int(m["id"]))
            except ValueError:
                d = None
            explicit = True
        else:
            mon = _MONTHS[(m["mon"] or m["mon2"]).lower().rstrip(".")]
            day = int(m["day"] or m["day2"])
            year = m["year"] or m["year2"]
            d, explicit = _month_day(int(year) if year else None, mon, day, ref)
            if not year and m["mon"] == "May" and not m["wd"]:
                # "May 5" is a date but "may 5" (lower case) never reaches here; keep it
                pass
        out.append(DateSpan(m.start(), m.end(), m.group(0), d, "day", wd, explicit))
        taken.append((m.start(), m.end()))
    for m in MONTH_YEAR_RE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        d = dt.date(int(m["year"]), _MONTHS[m["mon"].lower()], 1)
        out.append(DateSpan(m.start(), m.end(), m.group(0), d, "month", None, True))
        taken.append((m.start(), m.end()))
    if article_date is not None:
        for m in WEEKDAY_RE.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            wd = WEEKDAYS.index(m["wd"].lower())
            out.append(
                DateSpan(
                    m.start(),
                    m.end(),
                    m.group(0),
                    most_recent_weekday(article_date, wd),
                    "weekday",
                    wd,
                )
            )
        for m in RELATIVE_RE.finditer(text):
            rel = m["rel"].lower()
            if rel == "today":
                d = article_date
            elif rel == "yesterday":
                d = article_date - dt.timedelta(days=1)
                while d.weekday() >= 5:
                    d -= dt.timedelta(days=1)
            else:
                d = article_date
            out.append(DateSpan(m.start(), m.end(), m.group(0), d, "relative"))
    out.sort(key=lambda s: s.start)
    return out
