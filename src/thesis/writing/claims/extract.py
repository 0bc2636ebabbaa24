"""Extracting numeric claims from article text.

A small grammar over sentences and clauses: number spans (levels with thousands separators,
percentages, basis points, dollar amounts), date spans and subject mentions are found first; then
each number is read in its clause ("1.3% below the 6,900 threshold", "up 0.50% today to 6950.23",
"5% upside to 7,269", "rose 2.7% year over year") and turned into a :class:`Claim` with a kind, a
subject, a date and, where stated, a period, a reference level and a hedge ("about", "nearly").
Sentence patterns without a leading number give records, ranks, streaks and "first time" claims.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from thesis.writing.claims.resolve import (
    _MONTHS,
    SUBJECT_BY_KEY,
    DateSpan,
    Subject,
    find_dates,
    find_subjects,
)

__all__ = ["Claim", "Sentence", "extract_claims", "split_sentences"]

_ABBREV = {
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.k",
    "inc",
    "corp",
    "co",
    "ltd",
    "mr",
    "ms",
    "mrs",
    "dr",
    "st",
    "vs",
    "e.g",
    "i.e",
    "no",
    "approx",
    "est",
}
_WORDNUM = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "fifty": 50,
}
_ORDINAL = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
    "5th": 5,
    "6th": 6,
    "7th": 7,
    "8th": 8,
    "9th": 9,
    "10th": 10,
}
_ORD_ALT = "|".join(_ORDINAL)
_CNT_ALT = r"\d+|" + "|".join(_WORDNUM)

NUM_RE = re.compile(
    r"(?<![\w.,$/:])(?P<cur>\$)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<unit>\s?%|\s?percent(?:age\s+points?)?\b|\s?per\s?cent\b|[\s-]?basis[- ]points?\b|\s?bps?\b"
    r"|\s?(?:points?|pts)\b|\s?(?:trillion|billion|million|bn|tn)\b|x\b|\s?times\b)?"
)
WORD_BP_RE = re.compile(r"\b(?P<w>" + "|".join(_WORDNUM) + r")\s+basis[- ]points?\b", re.I)
_TENOR_AFTER = re.compile(
    r"^(?:-|\s)?(?:year|day|week|month|session|quarter|hour|minute)s?\b|^s\b|^(?:st|nd|rd|th)\b|^-(?!basis)",
    re.I,
)
HEDGE_RE = re.compile(
    r"\b(about|around|roughly|approximately|nearly|almost|some|close\s+to|near|more\s+than|over|"
    r"less\s+than|under|at\s+least|upwards\s+of|just\s+over|just\s+under|~)\s*$",
    re.I,
)
FORECAST_RE = re.compile(
    r"\b(expect(?:s|ed|ing|ations?)?|project(?:s|ed|ing|ions?)?|forecast(?:s|ed|ing)?|predict(?:s|ed|ing|ions?)?"
    r"|estimate[sd]?|target(?:s|ed)?|could|would|might|may|will|should|outlook|anticipat\w+|see(?:s)?\s+the|"
    r"priced|pricing|implied|odds|probability|chance|likely|call(?:s|ed)?\s+for|guidance|by\s+year-end)\b",
    re.I,
)
UP_RE = re.compile(
    r"\b(up|rose|rise[sn]?|rising|gain(?:ed|s|ing)?|climb(?:ed|s|ing)?|jump(?:ed|s|ing)?|surg(?:ed|es|ing)"
    r"|rall(?:ied|ies|ying|y)|advanc(?:ed|es|ing)|add(?:ed|s|ing)|soar(?:ed|s|ing)|increas(?:ed|es|ing)"
    r"|higher|rebound(?:ed|s|ing)?|return(?:ed|s)?|grew|edg(?:ed|es)\s+up|tick(?:ed|s)\s+up)\b",
    re.I,
)
DOWN_RE = re.compile(
    r"\b(down|fell|fall(?:s|ing)?|drop(?:ped|s|ping)?|declin(?:ed|es|ing|e)|slid(?:e|es|ing)?|lost|los(?:es|ing)"
    r"|shed(?:s|ding)?|sank|sink(?:s|ing)?|tumbl(?:ed|es|ing)|plung(?:ed|es|ing)|plummet(?:ed|s|ing)?"
    r"|slump(?:ed|s|ing)?|retreat(?:ed|s|ing)?|lower|slipp(?:ed|ing)|slips|dipp(?:ed|ing)|dips|loss"
    r"|correction|off|sell-?off|edg(?:ed|es)\s+down|tick(?:ed|s)\s+down)\b",
    re.I,
)
_LEVEL_LEAD_RE = re.compile(
    r"(?:\b(?:clos(?:ed|es|ing)|end(?:ed|s|ing)|finish(?:ed|es|ing)|settl(?:ed|es|ing)|stood|stands|sits|"
    r"trad(?:ed|es|ing)|was|is|at|to|of|hit|reach(?:ed|es)?|touch(?:ed|es)?|record|high|low|level)\b"
    r"[^.;\d]{0,40})$",
    re.I,
)
_OTHER_MEASURE_RE = re.compile(
    r"\b(earnings|EPS|revenue|sales|profit|margin|capex|capital\s+expenditure|GDP|growth|jobs|payrolls|"
    r"unemployment|of\s+(?:companies|the|its|all|stocks|firms|investors|respondents|S&P)|chance|probability|odds|"
    r"forward|P/E|multiple|valuation|dividend|buyback|weight(?:ing)?|stake|allocation|share\s+of|market\s+share|"
    r"sectors?|companies|stocks|members|constituents|households?|wealth|debt|deficit|spending|investment|"
    r"invest(?:ing|ed|s)?|budget|tariffs?|wages?|pay|income|consensus|survey|poll|votes?|seats?)\b",
    re.I,
)
RECORD_RE = re.compile(
    r"\b(record(?:-\w+)?(?:\s+(?:high|close|closing\s+high|level|territory))?|all-time\s+highs?|fresh\s+highs?|"
    r"new\s+highs?|highest\s+(?:close|level)\s+ever)\b",
    re.I,
)


@dataclass
class Sentence:
    start: int
    end: int
    clauses: list[tuple[int, int]]


@dataclass
class Claim:
    """One numeric claim found in the text.

    ``kind`` uses the labels' taxonomy (level, pct_change, distance_to_level, target_upside, rate,
    date_fact, other); ``measure`` says precisely what is claimed (close, distance, upside, change,
    points_change, record, extreme, rank, streak, high_since, gain_since, streak_since,
    first_cross, toward, close_on_date, yield, bp_change, cpi_yoy, rate_since, annual_streak, other).
    ``stated_value`` is a number in the claim's ``unit`` (pct, points, bp...) or a short text.
    """

    quote: str
    start: int
    end: int
    kind: str
    measure: str
    subject: Subject | None
    date: dt.date | None = None
    stated_value: float | str | None = None
    unit: str = ""
    decimals: int = 0
    hedge: str = ""
    direction: int = 0
    level: float | None = None
    base: float | None = None
    period: str | None = None
    period_date: dt.date | None = None
    forecast: bool = False
    stated_weekday: int | None = None
    date_text: str = ""
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    id: str = ""


@dataclass
class _Num:
    start: int
    end: int
    value: float
    unit: str  # pct, bp, points, usd, times, plain
    decimals: int
    text: str
    scale: str = ""


def split_sentences(text: str) -> list[Sentence]:
    """Sentences (split at ., ! and ? outside abbreviations, and at line breaks) with their clauses."""
    out: list[Sentence] = []
    pos = 0
    for line in text.split("\n"):
        lstart = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        s0 = lstart
        for m in re.finditer(r"[.!?][\"”’)]?\s+(?=[A-Z0-9\"“‘(\-–—$])", line):
            before = line[: m.start()]
            word = re.search(r"([A-Za-z.]+)$", before)
            w = word.group(1).lower().rstrip(".") if word else ""
            if w in _ABBREV or (len(w) == 1 and w.isalpha()):
                continue
            e = lstart + m.end()
            out.append(_sentence(text, s0, e))
            s0 = e
        if s0 < lstart + len(line):
            out.append(_sentence(text, s0, lstart + len(line)))
    return [s for s in out if text[s.start : s.end].strip()]


def _sentence(text: str, start: int, end: int) -> Sentence:
    seg = text[start:end]
    while seg and seg[-1].isspace():
        end -= 1
        seg = seg[:-1]
    protected = [(d.start, d.end) for d in find_dates(seg, None)]
    cuts = []
    for m in re.finditer(r",\s|;\s|\s[—–-]{1,2}\s|—|:\s|\(|\)", seg):
        if any(a <= m.start() < b for a, b in protected):
            continue
        cuts.append((m.start(), m.end()))
    clauses = []
    c0 = 0
    for a, b in cuts:
        if a > c0:
            clauses.append((start + c0, start + a))
        c0 = b
    if c0 < len(seg):
        clauses.append((start + c0, end))
    return Sentence(start, end, clauses or [(start, end)])


def _numbers(text: str, start: int, end: int, blocked: list[tuple[int, int]]) -> list[_Num]:
    out: list[_Num] = []
    seg = text[start:end]
    for m in NUM_RE.finditer(seg):
        a, b = start + m.start(), start + m.end()
        if any(x <= a < y for x, y in blocked):
            continue
        raw = m["num"]
        unit_txt = (m["unit"] or "").strip().lower().lstrip("-")
        after = text[b : b + 12]
        if after.startswith(":") or (not unit_txt and _TENOR_AFTER.match(after)):
            continue
        if not unit_txt and re.match(r"[-\s]?(?:year|day|week|month)", after, re.I):
            continue
        val = float(raw.replace(",", ""))
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        if (
            not unit_txt
            and not m["cur"]
            and "," not in raw
            and "." not in raw
            and 1900 <= val <= 2100
        ):
            continue  # a year
        if unit_txt.startswith(("%", "percent", "per")):
            unit = "pp" if "point" in unit_txt else "pct"
        elif "basis" in unit_txt or unit_txt.startswith("bp"):
            unit = "bp"
        elif unit_txt.startswith(("point", "pt")):
            unit = "points"
        elif unit_txt in ("trillion", "billion", "million", "bn", "tn"):
            unit = "usd" if m["cur"] else "count"
        elif unit_txt in ("x", "times"):
            unit = "times"
        elif m["cur"]:
            unit = "usd"
        else:
            unit = "plain"
        out.append(
            _Num(a, b, val, unit, decimals, text[a:b], unit_txt if unit in ("usd", "count") else "")
        )
    for m in WORD_BP_RE.finditer(seg):
        a = start + m.start()
        if not any(n.start <= a < n.end for n in out):
            out.append(
                _Num(a, start + m.end(), float(_WORDNUM[m["w"].lower()]), "bp", 0, m.group(0))
            )
    out.sort(key=lambda n: n.start)
    return out


def _count(word: str) -> int | None:
    w = word.lower()
    if w.isdigit():
        return int(w)
    return _WORDNUM.get(w) or _ORDINAL.get(w)


class _Ctx:
    """State while walking an article: subjects named so far and levels stated so far."""

    def __init__(self, text: str, article_date: dt.date | None) -> None:
        self.text = text
        self.article_date = article_date
        self.subjects = find_subjects(text)
        self.dates = find_dates(text, article_date)
        self.last_index: Subject | None = None
        self.stated_levels: list[tuple[int, Subject, float, dt.date | None]] = []

    def subject_at(
        self, start: int, end: int, sent_start: int, pos: int | None = None
    ) -> Subject | None:
        """The subject of a claim at ``pos`` in the clause [start, end): the nearest named before it in
        the clause, else the first after it, else earlier in the sentence, else the last index named
        ("the index" and "the benchmark" refer back)."""
        pos = start if pos is None else pos
        inside = [s for s in self.subjects if start <= s.start < end]
        named = [s for s in inside if not s.anaphora]
        # the nearest mention before the number wins, "the index" included: in "the index was up
        # 0.4% and Microsoft was 1.8% higher" the 0.4% is the index's
        before_pos = [s for s in inside if s.start < pos]
        if before_pos:
            near = before_pos[-1]
            return self._index_before(near.start, near) if near.anaphora else near.subject
        if named:
            return named[0].subject
        before = [s for s in self.subjects if sent_start <= s.start < start and not s.anaphora]
        if inside and inside[0].anaphora:
            return self._index_before(start, inside[0])
        if before:
            return before[-1].subject
        anaph = [s for s in self.subjects if sent_start <= s.start < start and s.anaphora]
        if anaph:
            return self._index_before(start, anaph[-1])
        return None

    def _index_before(self, pos: int, span: Any = None) -> Subject:
        # "the benchmark" / "the broad market" is the S&P 500 whenever the article has named it,
        # even if the Dow was named last ("... the Dow added 664 points. The benchmark had jumped")
        if (
            span is not None
            and re.search(
                r"benchmark|broad|large-cap|market", self.text[span.start : span.end], re.I
            )
            and any(
                s.subject.key == "sp500" and not s.anaphora and s.start < pos for s in self.subjects
            )
        ):
            return SUBJECT_BY_KEY["sp500"]
        for s in reversed(self.subjects):
            if s.start < pos and not s.anaphora and s.subject.kind == "index":
                return s.subject
        return SUBJECT_BY_KEY["sp500"]

    def dates_in(self, start: int, end: int) -> list[DateSpan]:
        return [d for d in self.dates if start <= d.start < end]


def _clause_of(sent: Sentence, pos: int) -> tuple[int, int]:
    for a, b in sent.clauses:
        if a <= pos < b:
            return a, b
    return sent.start, sent.end


def _quote(text: str, a: int, b: int) -> tuple[str, int, int]:
    while a < b and text[a] in " \t\"“”'’,;:([":
        a += 1
    while b > a and text[b - 1] in " \t\"“”',;:.)]":
        b -= 1
    return text[a:b], a, b


_PERIODS: list[tuple[str, re.Pattern[str]]] = [
    (
        "ytd",
        re.compile(
            r"\byear[- ]to[- ]date\b|\bYTD\b|so far this year|since the start of the year|this year",
            re.I,
        ),
    ),
    ("mtd", re.compile(r"\bmonth[- ]to[- ]date\b|\bMTD\b|so far this month|this month", re.I)),
    (
        "month",
        re.compile(
            r"\b(?:for|on|over)\s+the\s+month\b|\bmonthly\s+(?:gain|loss|decline|advance|rise|drop)\b",
            re.I,
        ),
    ),
    (
        "52w",
        re.compile(
            r"52 weeks ago|over the (?:past|last) (?:year|12 months|52 weeks)|from a year (?:ago|earlier)",
            re.I,
        ),
    ),
    (
        "ndays",
        re.compile(
            rf"(?:over|in) the (?:last|past) (?P<n>{_CNT_ALT}) (?:trading )?(?:days|sessions)\b|in (?P<n2>{_CNT_ALT}) (?:trading )?(?:days|sessions)\b",
            re.I,
        ),
    ),
    ("last_week", re.compile(r"\blast week\b|\b(?:the\s+)?(?:previous|prior) week\b", re.I)),
    (
        "week",
        re.compile(
            r"\bthis week\b|\bfor the week\b|\bover the week\b|\bon the week\b|\bweekly\b", re.I
        ),
    ),
    ("day", re.compile(r"\btoday\b|\bon the day\b|\bin (?:today's|the) session\b|\bdaily\b", re.I)),
    (
        "year",
        re.compile(
            r"\bfor the year\b|\b(?:in|for|during) (?:19|20)\d\d\b|\bclosed out (?:19|20)\d\d\b|\bannual (?:gain|return|rise|decline)\b|\b(?:19|20)\d\d (?:gain|return|rally|decline|advance)\b",
            re.I,
        ),
    ),
    (
        "drawdown",
        re.compile(
            r"\bin (?:a matter of )?(?:weeks|days|months)\b|\bfrom (?:its|the) (?:record|peak|high|all-time high)\b",
            re.I,
        ),
    ),
]


def _period(clause: str, sentence: str) -> tuple[str | None, dict[str, Any]]:
    for src in (clause, sentence):
        for name, rx in _PERIODS:
            m = rx.search(src)
            if m:
                info: dict[str, Any] = {}
                if name == "ndays":
                    info["n"] = _count(m["n"] or m["n2"])
                if name == "year":
                    y = re.search(r"(?:19|20)\d\d", m.group(0)) or re.search(
                        r"\b(?:19|20)\d\d\b", sentence
                    )
                    if y:
                        info["year"] = int(y.group(0))
                return name, info
        if False:
            break
    return None, {}


def _direction(pre: str) -> int:
    ups = list(UP_RE.finditer(pre))
    downs = list(DOWN_RE.finditer(pre))
    last_up = ups[-1].start() if ups else -1
    last_down = downs[-1].start() if downs else -1
    if last_up < 0 and last_down < 0:
        return 0
    return 1 if last_up > last_down else -1


def extract_claims(text: str, article_date: dt.date | None) -> list[Claim]:
    """Find the numeric claims in ``text`` (an article body), in order of appearance.

    Parameters
    ----------
    text
        The article body.
    article_date
        Its publication date (resolves "on Monday", "today", dates without a year); may be None.

    Returns
    -------
    list of Claim, each with a quote that is an exact substring of ``text``.
    """
    ctx = _Ctx(text, article_date)
    claims: list[Claim] = []
    for sent in split_sentences(text):
        claims.extend(_sentence_claims(ctx, sent))
    for i, c in enumerate(claims, 1):
        c.id = f"c{i:02d}"
    return claims


def _claim(ctx: _Ctx, sent: Sentence, parts: list[int], **kw: Any) -> Claim:
    """A claim whose quote spans the clauses holding the given positions."""
    spans = [_clause_of(sent, p) for p in parts]
    a = min(s[0] for s in spans)
    b = max(s[1] for s in spans)
    q, qa, qb = _quote(ctx.text, a, b)
    return Claim(quote=q, start=qa, end=qb, **kw)


def _other_claim(
    ctx: _Ctx,
    sent: Sentence,
    n: _Num,
    subj: Subject | None,
    hedge: str,
    forecast: bool,
    **kw: Any,
) -> Claim:
    """A number worth stating that the checker does not measure: an 'other' claim, judged
    unverifiable."""
    return _claim(
        ctx,
        sent,
        [n.start],
        kind="other",
        measure="other",
        subject=subj,
        date=None,
        stated_value=n.text,
        unit=n.unit,
        decimals=n.decimals,
        hedge=hedge,
        forecast=forecast,
        **kw,
    )


def _claim_date(
    ctx: _Ctx, sent: Sentence, ca: int, cb: int, pos: int
) -> tuple[DateSpan | None, dt.date | None]:
    """The date a claim refers to: a date in its clause, else the nearest before it in the sentence,
    else the article's date."""
    ds = [d for d in ctx.dates_in(ca, cb) if d.granularity in ("day", "weekday", "relative")]
    if not ds:
        ds = [
            d
            for d in ctx.dates_in(sent.start, pos)
            if d.granularity in ("day", "weekday", "relative")
        ][-1:]
    if ds:
        return ds[0], ds[0].date
    return None, ctx.article_date


def _sentence_claims(ctx: _Ctx, sent: Sentence) -> list[Claim]:
    text = ctx.text
    stext = text[sent.start : sent.end]
    blocked = [(s.start, s.end) for s in ctx.subjects if sent.start <= s.start < sent.end]
    blocked += [(d.start, d.end) for d in ctx.dates if sent.start <= d.start < sent.end]
    nums = _numbers(text, sent.start, sent.end, blocked)
    forecast_sent = bool(FORECAST_RE.search(stext))
    out: list[Claim] = []
    used: set[int] = set()
    # named index in this sentence updates the coreference target
    for s in ctx.subjects:
        if sent.start <= s.start < sent.end and not s.anaphora and s.subject.kind == "index":
            ctx.last_index = s.subject

    for n in nums:
        ca, cb = _clause_of(sent, n.start)
        clause = text[ca:cb]
        pre = text[ca : n.start]
        post = text[n.end : cb]
        subj = ctx.subject_at(ca, cb, sent.start, n.start)
        if (
            subj is None
            and n.unit in ("pct", "points")
            and ctx.last_index is not None
            and (
                _direction(pre)
                or re.match(r"\s*(?:below|above|from|upside|downside|away)", post, re.I)
                or _TAKE_RE.match(post)  # "a 10% fall would take it near 6,211"
            )
            and not _OTHER_MEASURE_RE.search(clause)
            and not _foreign_subject(text[sent.start : n.start])
        ):
            subj = (
                ctx.last_index
            )  # "--Up 2.26% over the last four trading days": the index named before
        elif (
            subj is None
            and n.unit == "pct"
            and ctx.last_index is not None
            and re.match(r"\s*upside", post, re.I)
        ):
            subj = ctx.last_index
        unknown = re.search(
            r"\b(?:[Tt]he\s+)?(?!(?:The|This|That|Its|Their|Our|An?|Broad|Benchmark|Main|Stock)\b)([A-Z][\w&-]+)\s+(?:index|Index|stocks?|shares|fund)\b",
            pre,
        )
        if unknown and not any(ca <= s_.start < n.start for s_ in ctx.subjects if not s_.anaphora):
            subj = None  # a name the checker does not know ("the Zorblax index"): no guessing
            common_note = f"unknown subject {unknown.group(0).strip()!r}"
        else:
            common_note = ""
        hedge_m = HEDGE_RE.search(pre)
        hedge = re.sub(r"\s+", " ", hedge_m.group(1).lower()) if hedge_m else ""
        dspan, cdate = _claim_date(ctx, sent, ca, cb, n.start)
        month_named = False
        month_current = False  # a yearless month that is the article's own (still running) month
        for d in ctx.dates_in(ca, cb):
            if d.granularity == "month" and re.search(
                r"\b(?:through|as\s+of|end\s+of|in|ended|ending|finished|closed|closed\s+out)\s+$",
                text[max(ca, d.start - 16) : d.start],
                re.I,
            ):
                nxt = (d.date.replace(day=28) + dt.timedelta(days=4)) if d.date else None
                cdate = (nxt - dt.timedelta(days=nxt.day)) if nxt else cdate
                month_named = True
        # "ended November at 6,849.09", "November's gain of 0.1%": a named month before the number
        mm = _MONTH_END_RE.search(clause) or _MONTH_POSS_RE.search(pre)
        if mm and not month_named and ctx.article_date is not None:
            # "ended November at 6,849.09", "fell 9 basis points in November": the month's last day
            # (the latest such month that ended by the article's date)
            mon = _MONTHS[mm.group(1).lower()]
            month_current = mon == ctx.article_date.month
            y = ctx.article_date.year - (1 if mon >= ctx.article_date.month else 0)
            first_next = dt.date(y + (mon == 12), mon % 12 + 1, 1)
            cdate, month_named = first_next - dt.timedelta(days=1), True
        if dspan is None and re.search(
            r"\bin (?:a matter of )?(?:weeks|days|months)\b|\bfrom (?:its|the) (?:record|peak|high)",
            clause,
            re.I,
        ):
            later = [d for d in ctx.dates_in(sent.start, sent.end) if d.granularity == "day"]
            if later:
                dspan, cdate = later[0], later[0].date
        common = dict(
            subject=subj,
            decimals=n.decimals,
            hedge=hedge,
            date_text=dspan.text if dspan else "",
            stated_weekday=dspan.weekday if dspan else None,
        )
        level_after = _level_after(post, nums, n)
        if (
            n.unit == "pct"
            and subj is not None
            and subj.kind in ("index", "stock", "commodity", "volatility")
        ):
            other = _OTHER_MEASURE_RE.search(clause)
            # distance to a level: "1.3% below the 6,900 threshold", "off 0.39% from its record close of 6977.27"
            dm = re.match(
                r"\s*(below|under|short\s+of|shy\s+of|away\s+from|above|over|from)\b", post, re.I
            )
            um = re.match(
                r"\s*(?:of\s+)?(upside|downside|gain|rise|rally|increase|climb|advance|decline|drop|fall)?\s*"
                r"(?:potential\s+)?(?:to|toward|towards)\b",
                post,
                re.I,
            )
            arith = _own_arithmetic(ctx, sent, nums, n, pre, post, level_after)
            if arith is not None:
                sign, lvl, lvl_hedge = arith
                out[:] = [o for o in out if not _restates(o, lvl)]
                out.append(
                    _claim(
                        ctx,
                        sent,
                        sorted([n.start, lvl.start]),
                        kind="target_upside",
                        measure="upside",
                        date=cdate,
                        stated_value=n.value * sign,
                        unit="pct",
                        level=lvl.value,
                        forecast=forecast_sent,
                        **{**common, "hedge": hedge or lvl_hedge},
                    )
                )
                used.update({n.start, lvl.start})
                continue
            if (
                um
                and (um.group(1) or "upside" in pre.lower() or "downside" in pre.lower())
                and level_after
            ):
                sign = (
                    -1
                    if (um.group(1) or "").lower() in ("downside", "decline", "drop", "fall")
                    else 1
                )
                out.append(
                    _claim(
                        ctx,
                        sent,
                        [n.start, level_after.start],
                        kind="target_upside",
                        measure="upside",
                        date=cdate,
                        stated_value=n.value * sign,
                        unit="pct",
                        level=level_after.value,
                        forecast=forecast_sent,
                        **common,
                    )
                )
                used.update({n.start, level_after.start})
                continue
            verb_dir = _direction(pre)
            if (
                dm
                and level_after
                and (dm.group(1).lower() != "from" or re.search(r"\boff\b", pre, re.I))
            ):
                word = dm.group(1).lower()
                below = word in ("below", "under", "short of", "shy of", "from") or re.search(
                    r"\boff\b", pre, re.I
                )
                below = bool(below) and word not in ("above", "over")
                before_dates = [
                    d
                    for d in ctx.dates_in(sent.start, n.start)
                    if d.granularity in ("day", "weekday", "relative")
                ]
                out.append(
                    _claim(
                        ctx,
                        sent,
                        [n.start, level_after.start],
                        kind="distance_to_level",
                        measure="distance",
                        date=before_dates[-1].date if before_dates else ctx.article_date,
                        stated_value=-n.value if below else n.value,
                        unit="pct",
                        level=level_after.value,
                        direction=-1 if below else 1,
                        extra={"reference": _ref_kind(text[n.end : level_after.start])},
                        **common,
                    )
                )
                used.update({n.start, level_after.start})
                continue
            if (other and not verb_dir) or _OTHER_MEASURE_RE.search(pre[-30:] + " " + post[:25]):
                out.append(_other_claim(ctx, sent, n, subj, hedge, forecast_sent))
                continue
            period, pinfo = _period(clause, stext)
            base = None
            fm = re.match(r"[^.;]{0,60}?\b(?:from|since)\b", post, re.I)
            if fm and level_after and level_after.start <= n.end + 120:
                base = level_after.value
                used.add(level_after.start)
                period = "base"
            elif (
                dspan is not None
                and dspan.start >= n.end
                and re.search(
                    r"\bsince\s+$", text[max(n.end, dspan.start - 12) : dspan.start], re.I
                )
            ):
                # "up 3% since Thursday"; not "Thursday's 3.2% drop was the worst since April"
                period = "since"
            if verb_dir == 0:
                nd = _NOUN_DIR_RE.match(post)
                if nd:
                    verb_dir = -1 if nd.group("down") else 1
            if period is None and month_named and not month_current:
                period = "month"  # "rose 0.2% in November", "November's gain of 0.1%"
            elif period == "month" and not month_named and (cdate is None or cdate.day < 15):
                # "for the month" early in a month may mean the month just ended: not settled
                period = None
            if verb_dir == 0 and period is None:
                continue
            if (
                period is None
                and dspan is not None
                and dspan.granularity in ("day", "weekday", "relative")
            ):
                period = "day"
            if (
                period is None
                and level_after is not None
                and re.match(
                    r"\s*(?:to|at)\s+(?:(?:end|close|finish|settle)\s+(?:the\s+(?:day|session)\s+)?at\s+)?[\d$]",
                    post,
                    re.I,
                )
            ):
                period = "day"  # news convention: "rose 0.7% to 6,812.61" is the day's move to that close
            parts = [n.start] + ([level_after.start] if base is not None and level_after else [])
            out.append(
                _claim(
                    ctx,
                    sent,
                    parts,
                    kind="pct_change",
                    measure="change",
                    date=_period_end(ctx, cdate, period, pinfo, dspan),
                    stated_value=n.value * (verb_dir or 1),
                    unit="pct",
                    direction=verb_dir,
                    base=base,
                    period=period,
                    period_date=dspan.date if period == "since" and dspan else None,
                    forecast=forecast_sent and period is None,
                    extra=pinfo,
                    **common,
                )
            )
            used.add(n.start)
            continue
        if (
            n.unit == "points"
            and n.value >= 100
            and re.search(r"\b(?:at|to)\s*$", pre, re.I)
            and not re.search(r"\b(?:up|down|by|lost|gained|added|shed)\s+$", pre, re.I)
        ):
            n = _Num(
                n.start, n.end, n.value, "plain", n.decimals, n.text
            )  # "to end at 6,765.88 points"
        if n.unit == "points" and subj is not None and subj.kind == "index":
            verb_dir = _direction(pre)
            period, pinfo = _period(clause, stext)
            if period is None and dspan is not None:
                period = "day"
            if verb_dir:
                out.append(
                    _claim(
                        ctx,
                        sent,
                        [n.start],
                        kind="pct_change",
                        measure="points_change",
                        date=_period_end(ctx, cdate, period, pinfo, dspan),
                        stated_value=n.value * verb_dir,
                        unit="points",
                        direction=verb_dir,
                        period=period,
                        extra=pinfo,
                        **common,
                    )
                )
                used.add(n.start)
                continue
        if (
            subj is None
            and n.unit == "plain"
            and ctx.last_index is not None
            and re.search(r"\b(?:close|closed|closing|high|low)\b[^.;\d]{0,12}$", pre, re.I)
        ):
            subj = ctx.last_index
            common["subject"] = subj
        if (
            n.unit in ("plain", "usd")
            and subj is not None
            and subj.kind in ("index", "stock", "commodity", "volatility")
        ):
            lead = _LEVEL_LEAD_RE.search(pre)
            low = pre.lower()
            if n.scale or _OTHER_MEASURE_RE.search(pre[-30:]):
                # "$57.0 billion", "EPS of $1.30", "Eight of the 11 S&P 500 sectors": not a price level
                out.append(_other_claim(ctx, sent, n, subj, hedge, forecast_sent))
                used.add(n.start)
                continue
            was_used = n.start in used
            ext = re.search(
                r"(?P<w>52-week|(?P<y>(?:19|20)\d\d)|annual|year's|all-time|record)\s+(?:closing\s+|intraday\s+)?(?P<hl>high|low|close)\s+(?:of\s+)?$",
                pre,
                re.I,
            )
            if ext:
                w = ext.group("w").lower()
                window = (
                    "52w"
                    if w == "52-week"
                    else ("year" if (ext.group("y") or w in ("annual", "year's")) else "all")
                )
                extreme = "min" if ext.group("hl").lower() == "low" else "max"
                ds = _date_after(ctx, n.end, cb)
                out.append(
                    _claim(
                        ctx,
                        sent,
                        [n.start] + ([ds.end - 1] if ds else []),
                        kind="level",
                        measure="extreme",
                        date=ds.date if ds else None,
                        stated_value=n.value,
                        unit="points",
                        level=n.value,
                        extra={
                            "extreme": extreme,
                            "window": window,
                            "year": int(ext.group("y")) if ext.group("y") else None,
                        },
                        **{
                            **common,
                            "date_text": ds.text if ds else "",
                            "stated_weekday": ds.weekday if ds else None,
                        },
                    )
                )
                used.add(n.start)
                continue
            if re.search(r"\bclose\s+of\s*$", low):
                ds = _date_after(ctx, n.end, cb)
                if ds is not None:
                    out.append(_date_claim(ctx, sent, ds, n, subj))
                    used.add(n.start)
                    continue
            if was_used:
                continue
            if re.search(
                r"\btoward(?:s)?\b|\bapproach(?:ing|es)?\b|\bnear(?:s|ing)?\b", low
            ) and not re.search(r"\b(?:closed|ended|at)\b", low):
                out.append(
                    _claim(
                        ctx,
                        sent,
                        [n.start],
                        kind="level",
                        measure="toward",
                        date=ctx.article_date,
                        stated_value=f"below {n.text} (approaching it)",
                        unit="points",
                        level=n.value,
                        forecast=False,
                        **common,
                    )
                )
                used.add(n.start)
                continue
            fc = re.search(r"\bfor the first time\b(?!\s+since)", clause, re.I)
            if fc and re.search(
                r"\b(?:broke|break|crossed|topped|surpassed|above|over|eclipsed|cleared|hit|reached)\b",
                low,
            ):
                scope = re.search(r"first time (?:this year|in ((?:19|20)\d\d))", clause, re.I)
                out.append(
                    _claim(
                        ctx,
                        sent,
                        [n.start, fc.start() + ca],
                        kind="date_fact",
                        measure="first_cross",
                        date=dspan.date if dspan else None,
                        stated_value=(
                            dspan.date.isoformat() if dspan and dspan.date else "first time"
                        ),
                        unit="date",
                        level=n.value,
                        extra={
                            "scope_year": (
                                int(scope.group(1))
                                if scope and scope.group(1)
                                else (ctx.article_date.year if scope and ctx.article_date else None)
                            )
                        },
                        **common,
                    )
                )
                used.add(n.start)
                continue
            if lead:
                if re.search(
                    r"\b(?:threshold|barrier|mark|milestone|target|resistance|support|level)\b",
                    post[:25] + " " + low[-25:],
                    re.I,
                ) and not re.search(r"\b(?:closed|ended|finished|settled)\b", low):
                    continue
                when = _level_date(ctx, clause, stext, cdate)
                out.append(
                    _claim(
                        ctx,
                        sent,
                        [n.start],
                        kind="level",
                        measure="close",
                        date=when,
                        stated_value=n.value,
                        unit="points",
                        level=n.value,
                        extra={
                            "exact_day": bool(
                                dspan is not None
                                and dspan.granularity == "day"
                                and when == dspan.date
                            )
                        },
                        forecast=forecast_sent and not re.search(r"\bclosed\b", low),
                        **common,
                    )
                )
                ctx.stated_levels.append((n.start, subj, n.value, when))
                rec = RECORD_RE.search(clause)
                if rec and not re.search(r"\bfrom\s+its\s+record", clause, re.I):
                    out.append(
                        _claim(
                            ctx,
                            sent,
                            [n.start],
                            kind="level",
                            measure="record",
                            date=when,
                            stated_value="record close",
                            unit="points",
                            level=n.value,
                            **common,
                        )
                    )
                used.add(n.start)
                continue
        if (
            n.unit in ("pct", "bp")
            and subj is not None
            and subj.kind in ("yield", "inflation", "policy_rate")
        ):
            kindword = "rate"
            if subj.kind == "inflation" and n.unit == "pct":
                mom = bool(
                    re.search(
                        r"month[- ]over[- ]month|\bmonthly\b|\bm/m\b|from the previous month|in the month",
                        clause,
                        re.I,
                    )
                )
                out.append(
                    _claim(
                        ctx,
                        sent,
                        [n.start],
                        kind=kindword,
                        measure="cpi_mom" if mom else "cpi_yoy",
                        date=_ref_month(ctx, clause) or _ref_month(ctx, stext),
                        stated_value=n.value,
                        unit="pct",
                        forecast=bool(FORECAST_RE.search(pre) or FORECAST_RE.search(post[:25])),
                        **common,
                    )
                )
                used.add(n.start)
                continue
            if subj.kind == "yield":
                if n.unit == "bp":
                    d = _direction(pre)
                    if d:
                        out.append(
                            _claim(
                                ctx,
                                sent,
                                [n.start],
                                kind="rate",
                                measure="bp_change",
                                date=cdate,
                                period=(
                                    "month" if month_named else (_period(clause, clause)[0] or None)
                                ),
                                stated_value=n.value * d,
                                unit="bp",
                                direction=d,
                                **common,
                            )
                        )
                        used.add(n.start)
                        continue
                else:
                    out.append(
                        _claim(
                            ctx,
                            sent,
                            [n.start],
                            kind="rate",
                            measure="yield",
                            date=cdate,
                            stated_value=n.value,
                            unit="pct",
                            **common,
                        )
                    )
                    used.add(n.start)
                    continue
        if n.start in used:
            continue
        # anything else with a unit or a size worth stating: an 'other' claim, judged unverifiable
        if (
            n.unit == "plain"
            and n.value < 10
            and not re.search(r"\b(times|sectors?|of)\b", post[:12], re.I)
        ) and not re.match(r"\s*(?:times|of|consecutive|straight)", post, re.I):
            continue
        out.append(_other_claim(ctx, sent, n, subj, hedge, forecast_sent, note=common_note))
    out.extend(_pattern_claims(ctx, sent, out))
    _qualify(ctx, sent, out)
    out.sort(key=lambda c: c.start)
    return out


INTRADAY_RE = re.compile(
    r"\bas\s+(?:much|high|low|little)\s+as\b|\bintra-?day\b|\bat\s+one\s+point\b|\bat\s+(?:its|the)\s+(?:session\s+)?"
    r"(?:highs?|lows?|peak|best|worst)\b|\bearlier\s+in\s+the\s+(?:session|day)\b|\bsession\s+(?:high|low)s?\b"
    r"|\bin\s+(?:early|late|midday|afternoon|morning)\s+trad(?:e|ing)\b|\bmidday\b|\bpre-?market\b|\bafter[- ]hours\b"
    r"|\bfutures\b|\bovernight\b|\bbefore\s+paring\b|\bpared\b",
    re.I,
)
# a time of day anywhere in the sentence before the claim ("At 2:30 p.m., the index was up 0.4%")
_TIME_RE = re.compile(r"\b\d{1,2}(?::\d{2})?\s*[ap]\.?m\.?(?![a-z])|\bnoon\b", re.I)
_NEG_RE = re.compile(r"\b(?:not|never|no\s+longer|failed\s+to|fell\s+short\s+of)\b|n['’]t\b", re.I)
_RANGE_RE = re.compile(r"\bbetween\s+\$?[\d,.]+\s*%?\s+and\s+\$?[\d,.]+", re.I)
_DAILY_MEASURES = {"close", "change", "points_change", "record", "extreme", "bp_change", "yield"}


def _qualify(ctx: _Ctx, sent: Sentence, out: list[Claim]) -> None:
    """Mark claims that daily closes cannot settle: intraday moves ("rose as much as 1.2%", "at
    2:30 p.m."), negated statements ("did not close above") and ranges ("between 6,700 and 6,900");
    the checker judges these unverifiable rather than holding them to a close."""
    text = ctx.text
    # "gained 0.91% to end at 6,765.88, up 60.76 points": a change whose period is unstated shares
    # the period of a sibling change on the same subject in the same sentence
    dated = [c for c in out if c.measure in ("change", "points_change") and c.period == "day"]
    for c in out:
        if c.measure in ("change", "points_change") and c.period is None and not c.forecast:
            sib = [o for o in dated if o.subject is c.subject]
            if sib:
                c.period, c.date = "day", sib[0].date
    for c in out:
        if c.measure not in _DAILY_MEASURES:
            continue
        ca, cb = _clause_of(sent, c.start)
        clause = text[ca:cb]
        if INTRADAY_RE.search(clause) or _TIME_RE.search(text[sent.start : c.end]):
            c.extra["qualifier"] = "intraday"
        elif _NEG_RE.search(text[ca : c.end]):
            c.extra["qualifier"] = "negated"
        elif _RANGE_RE.search(clause):
            c.extra["qualifier"] = "range"


_FOREIGN_RE = re.compile(
    r"\b(?:portfolios?|funds?|ETFs?|bonds?|sectors?|shares|stocks?|compan(?:y|ies)|firms?|groups?|"
    r"equal[- ]weight\w*|small[- ]caps?|mid[- ]caps?|currenc(?:y|ies)|dollar|euro|yen|sterling|oil|"
    r"bitcoin|crypto\w*|futures|options|earnings|revenue|profits?|sales|housing|home\s+prices|wages|"
    r"\d+/\d+)\b",
    re.I,
)
_NOT_NAMES = {
    "the", "it", "its", "that", "this", "these", "those", "but", "and", "or", "on", "in", "for", "at",
    "by", "after", "before", "since", "while", "as", "wall", "street", "u.s", "us", "reuters",
    "stocks", "shares", "index", "meanwhile", "overall", "still", "also", "then", "up", "down",
    "key", "takeaways", "analysis", "new", "york", "year", "week", "month",
}  # fmt: skip


def _foreign_subject(prefix: str) -> bool:
    """Whether the words before a number name something other than an index ("Salesforce rose 3%",
    "A 60/40 portfolio returned 14%"): then the number must not fall back to the last index named.
    Weekdays, months and sentence-initial words are not names."""
    if _FOREIGN_RE.search(prefix):
        return True
    from thesis.writing.claims.resolve import _MONTHS, WEEKDAYS

    words = re.findall(r"(?<![\w'’])([A-Z][A-Za-z&.\-]+)", prefix)
    first = re.match(r"\W*([A-Z][A-Za-z&.\-]+)", prefix)
    for i, w in enumerate(words):
        lw = w.lower().rstrip(".").split("'")[0]
        if i == 0 and first and first.group(1) == w:
            continue
        if lw in _NOT_NAMES or lw in _MONTHS or lw.rstrip("s") in WEEKDAYS or lw in WEEKDAYS:
            continue
        return True
    return False


_MONTH_POSS_RE = re.compile(
    r"\b(January|February|March|April|June|July|August|September|October|November|December)['’]s\b"
)
# the noun after a percentage gives the move's direction when no verb does ("Thursday's 3.2% drop")
_NOUN_DIR_RE = re.compile(
    r"\s*(?:(?P<down>drop|decline|fall|loss|slide|plunge|slump|retreat|sell-?off|tumble|pullback)"
    r"|(?P<up>gain|rise|advance|rally|jump|increase|climb|surge|rebound|pop))s?\b",
    re.I,
)
# a level, then the percentage it implies: "a year-end target of 7,269 implies 5.3% upside"
_IMPLIES_RE = re.compile(
    r"^[^.;\d]{0,30}?\b(?:implies|implying|imply|would\s+(?:mean|imply|be|represent)|represents?|"
    r"representing|means|offers?|offering)\s+(?:an?\s+|roughly\s+|about\s+|some\s+|nearly\s+)?$",
    re.I,
)
_TARGET_WORD_RE = re.compile(
    r"\b(?:target|objective|forecast|projection|call)\b[^.;\d]{0,25}$", re.I
)
# the article's own arithmetic: "would need to rally 9% to reach 7,500"
_NEED_MOVE_RE = re.compile(
    r"\b(?:need(?:s|ed)?\s+to|would\s+have\s+to|has\s+to|have\s+to|must)\s+"
    r"(?:(?P<up>rally|rise|gain|climb|advance|jump|surge|add)|(?P<down>fall|drop|decline|slide|lose|shed))"
    r"\s+(?:another\s+|a\s+further\s+)?$",
    re.I,
)
_REACH_RE = re.compile(
    r"\s*(?:more\s+|further\s+)?(?:to\s+(?:reach|hit|get\s+to|return\s+to|regain|touch|top)|to|toward|towards)\b",
    re.I,
)
# "a 10% fall would take it near 6,211": a hypothetical move and the level it leads to
_TAKE_RE = re.compile(
    r"\s*(?P<noun>gain|rise|rally|increase|climb|advance|jump|decline|drop|fall|slide|loss|pullback|"
    r"correction)s?\s+(?:from\s+here\s+)?(?:would|could|will|might)\s+(?:take|put|send|bring|leave|push|drag)\s+"
    r"(?:it|the\s+(?:index|benchmark|S&P(?:\s+500)?)|stocks)\s+(?:back\s+)?(?:to|near|toward|towards|around|at)\b",
    re.I,
)
_LEVEL_HEDGE_RE = re.compile(
    r"\b(near|around|about|roughly|approximately|close\s+to|some)\s+$", re.I
)


_MONTH_END_RE = re.compile(
    r"\b(?:through|as\s+of|end\s+of|in|ended|ending|finished|closed(?:\s+out)?|for)\s+"
    r"(January|February|March|April|June|July|August|September|October|November|December)\b"
    r"(?![\s.]+\d)"
)


def _own_arithmetic(
    ctx: _Ctx,
    sent: Sentence,
    nums: list[_Num],
    n: _Num,
    pre: str,
    post: str,
    level_after: _Num | None,
) -> tuple[int, _Num, str] | None:
    """A percentage tied by the article's own words to a level it states: (sign, level, hedge on the
    level), or None. Three forms: "would need to rally 9% to reach 7,500", "a 10% fall would take it
    near 6,211" and "a target of 7,269 implies 5.3% upside" (the level before the percentage). The
    checker measures the percentage against the level the article states (or that day's close)."""
    text = ctx.text
    lvl: _Num | None = None
    sign = 0
    nm = _NEED_MOVE_RE.search(pre)
    tm = _TAKE_RE.match(post)
    if nm and level_after and _REACH_RE.match(post):
        sign, lvl = (-1 if nm.group("down") else 1), level_after
    elif tm and level_after:
        down = tm.group("noun").lower() in ("decline", "drop", "fall", "slide", "loss", "pullback",
                                             "correction")  # fmt: skip
        sign, lvl = (-1 if down else 1), level_after
    else:
        im = re.match(
            r"\s*(?:of\s+)?(?:(?P<up>upside|gain|return|rise)|(?P<down>downside))\b"
            r"(?!\s*(?:potential\s+)?(?:to|toward|towards)\b)",
            post,
            re.I,
        )
        prev = [
            m
            for m in nums
            if sent.start <= m.start
            and m.end <= n.start
            and m.unit in ("plain", "points", "usd")
            and (m.value >= 100 or "," in m.text)
        ]
        if (
            im
            and prev
            and _IMPLIES_RE.match(text[prev[-1].end : n.start])
            and _TARGET_WORD_RE.search(text[max(sent.start, prev[-1].start - 40) : prev[-1].start])
        ):
            sign, lvl = (-1 if im.group("down") else 1), prev[-1]
    if lvl is None:
        return None
    hm = _LEVEL_HEDGE_RE.search(text[max(sent.start, lvl.start - 20) : lvl.start])
    # a level stated loosely ("near 6,211") loosens the percentage it implies
    return sign, lvl, "about" if hm else ""


def _restates(c: Claim, lvl: _Num) -> bool:
    """Whether claim ``c`` is only the level that an arithmetic claim uses (a forecast level or an
    'other' figure), which the arithmetic claim replaces."""
    if not (c.start <= lvl.start < c.end):
        return False
    if c.measure == "other":
        return c.stated_value == lvl.text
    return c.measure in ("close", "toward") and c.forecast and c.level == lvl.value


def _ref_kind(between: str) -> str:
    b = between.lower()
    if "record" in b or "all-time" in b:
        return "record"
    if "52-week high" in b:
        return "52w_high"
    return "level"


def _level_after(post: str, nums: list[_Num], n: _Num) -> _Num | None:
    for m in nums:
        near = m.start > n.start and m.unit in ("plain", "points", "usd") and m.start - n.end <= 70
        if near and (m.value >= 100 or "," in m.text or "." in m.text):
            return m
    return None


def _date_after(ctx: _Ctx, pos: int, clause_end: int) -> DateSpan | None:
    for d in ctx.dates:
        if pos <= d.start < clause_end + 1 and d.granularity == "day" and d.start - pos <= 30:
            return d
    return None


def _date_claim(ctx: _Ctx, sent: Sentence, ds: DateSpan, n: _Num, subj: Subject | None) -> Claim:
    """'... close of 5996.66 on Monday, Jan 20, 2025': the date (and weekday) the close is said to be from."""
    a = ds.start
    m = re.search(r"(?:\b(?:on|hit|set|reached|from)\s+)$", ctx.text[max(0, a - 8) : a])
    if m:
        a = a - (len(ctx.text[max(0, a - 8) : a]) - m.start())
    q, qa, qb = _quote(ctx.text, a, ds.end)
    return Claim(
        quote=q,
        start=qa,
        end=qb,
        kind="date_fact",
        measure="close_on_date",
        subject=subj,
        date=ds.date,
        stated_value=ds.date.isoformat() if ds.date else ds.text,
        unit="date",
        level=n.value,
        stated_weekday=ds.weekday,
        date_text=ds.text,
    )


def _level_date(ctx: _Ctx, clause: str, sentence: str, cdate: dt.date | None) -> dt.date | None:
    m = re.search(
        r"\b(?:closed\s+out|ended|finished|end\s+of)\s+((?:19|20)\d\d)\b",
        clause + " " + sentence,
        re.I,
    )
    if m:
        return dt.date(
            int(m.group(1)), 12, 31
        )  # the last session on or before it, found by the checker
    return cdate


def _period_end(
    ctx: _Ctx,
    cdate: dt.date | None,
    period: str | None,
    pinfo: dict[str, Any],
    dspan: DateSpan | None,
) -> dt.date | None:
    if period == "year" and pinfo.get("year"):
        end = dt.date(pinfo["year"], 12, 31)
        if ctx.article_date and end > ctx.article_date:
            return ctx.article_date
        return end
    if period == "last_week" and ctx.article_date is not None:
        # the Friday before the article's week; the checker measures that week's move
        return ctx.article_date - dt.timedelta(days=ctx.article_date.weekday() + 3)
    if period in ("base", "since") and ctx.article_date is not None:
        return ctx.article_date
    if period == "drawdown" and dspan is not None:
        return dspan.date
    if period == "month" and cdate and ctx.article_date and cdate > ctx.article_date:
        # the article's own month, named before it ended: the month to the article's date
        return ctx.article_date
    return cdate


def _ref_month(ctx: _Ctx, sentence: str) -> dt.date | None:
    """The CPI month a claim is about: a month named in the sentence, else None (the checker picks
    the latest month released by the article's date)."""
    m = re.search(
        r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\b(?:\s+((?:19|20)\d\d))?",
        sentence,
    )
    if not m or ctx.article_date is None:
        return None
    mon = _MONTHS[m.group(1).lower()]
    year = (
        int(m.group(2))
        if m.group(2)
        else (ctx.article_date.year if mon < ctx.article_date.month else ctx.article_date.year - 1)
    )
    return dt.date(year, mon, 1)


def _streak_since_extra(m: re.Match[str], rest: str) -> dict[str, Any]:
    nm = re.search(
        rf"\b(?P<n>{_CNT_ALT})\s+(?:straight|consecutive)\s+(?:trading\s+)?(?:days|sessions)",
        rest,
        re.I,
    )
    return {
        "sign": 1 if m.group("dir").lower() == "winning" else -1,
        "n_then": _count(nm.group("n")) if nm else None,
    }


# the "... since DATE" claims: (pattern, measure, the claim's extra from the match and the rest
# of the sentence after it)
_SINCE_DATE_CLAIMS: tuple[
    tuple[re.Pattern[str], str, Callable[[re.Match[str], str], dict[str, Any]]], ...
] = (
    (
        re.compile(
            r"\b(?P<what>highest|lowest)\s+(?:close|closing\s+(?:value|level)|level|finish)\s+since\b",
            re.I,
        ),
        "high_since",
        lambda m, rest: {"hl": m.group("what").lower()},
    ),
    (
        re.compile(
            rf"\b(?P<what>largest|biggest)\s+(?P<n>{_CNT_ALT})-day\s+(?:point\s+and\s+percentage\s+|percentage\s+|point\s+)?(?P<dir>gain|rise|advance|drop|decline|loss|fall)\s+since\b",
            re.I,
        ),
        "gain_since",
        lambda m, rest: {
            "n": _count(m.group("n")),
            "sign": -1 if m.group("dir").lower() in ("drop", "decline", "loss", "fall") else 1,
        },
    ),
    (
        re.compile(r"\blongest\s+(?P<dir>winning|losing)\s+streak\s+since\b", re.I),
        "streak_since",
        _streak_since_extra,
    ),
)


def _pattern_claims(ctx: _Ctx, sent: Sentence, found: list[Claim]) -> list[Claim]:
    """Claims carried by words rather than a leading number: ranks, streaks, 'since' claims."""
    text = ctx.text
    stext = text[sent.start : sent.end]
    out: list[Claim] = []
    subj_default = ctx.subject_at(sent.start, sent.end, sent.start) or (
        ctx.last_index if ctx.last_index else None
    )
    has = {(c.measure, c.start) for c in found}

    def add(m: re.Match[str], **kw: Any) -> None:
        a, b = sent.start + m.start(), sent.start + m.end()
        ca, _ = _clause_of(sent, a)
        _, cb = _clause_of(sent, max(a, b - 1))
        q, qa, qb = _quote(text, ca, cb)
        if (kw["measure"], qa) in has:
            return
        out.append(Claim(quote=q, start=qa, end=qb, **kw))

    idx = subj_default if subj_default is not None and subj_default.kind == "index" else None

    def add_dated(
        m: re.Match[str], ds: DateSpan, measure: str, stated: str, extra: dict[str, Any]
    ) -> None:
        # a claim about the index on a stated date; the quote runs on to take the date in
        add(
            m,
            kind="date_fact",
            measure=measure,
            subject=idx,
            date=ds.date,
            stated_value=stated,
            unit="date",
            stated_weekday=ds.weekday,
            date_text=ds.text,
            extra=extra,
        )
        _extend_to(out, text, ds)

    # "Fourth highest close in history", "the fourth highest this year"
    for m in re.finditer(
        rf"\b(?P<o>{_ORD_ALT})[- ](?P<hl>highest|lowest)\s+(?:close|closing\s+(?:value|level)|finish|level)?\s*(?P<w>in\s+history|ever|on\s+record|this\s+year|of\s+the\s+year|in\s+(?:19|20)\d\d)?",
        stext,
        re.I,
    ):
        if idx is None:
            continue
        w = (m.group("w") or "in history").lower()
        window = "year" if ("year" in w or re.search(r"\d{4}", w)) else "all"
        add(
            m,
            kind="level",
            measure="rank",
            subject=idx,
            date=ctx.article_date,
            stated_value=f"{m.group('o')} {m.group('hl')}",
            unit="rank",
            extra={
                "rank": _ORDINAL[m.group("o").lower()],
                "hl": m.group("hl").lower(),
                "window": window,
            },
        )
    # "Up for four consecutive trading days", "third consecutive year of double-digit gains"
    for m in re.finditer(
        rf"\b(?P<d>up|down|higher|lower|gain(?:ed)?|rose|fell|advanced|declined)\s+(?:for\s+)?(?:the\s+)?(?P<n>{_CNT_ALT}|{_ORD_ALT})\s+(?:consecutive|straight|successive)\s+(?:trading\s+)?(?P<u>days|sessions|day|session)\b",
        stext,
        re.I,
    ):
        if idx is None or re.search(r"\bsince\b", stext[: m.start()], re.I):
            continue
        dirn = -1 if m.group("d").lower() in ("down", "lower", "fell", "declined") else 1
        add(
            m,
            kind="pct_change",
            measure="streak",
            subject=idx,
            date=ctx.article_date,
            stated_value=f"{m.group('n')} days",
            unit="days",
            direction=dirn,
            extra={"n": _count(m.group("n"))},
        )
    for m in re.finditer(
        rf"\b(?P<n>{_ORD_ALT}|{_CNT_ALT})\s+(?:consecutive|straight|successive)\s+year\s+of\s+(?P<t>double-digit|positive|negative)?\s*(?:gains?|returns?|losses|declines)",
        stext,
        re.I,
    ):
        if idx is None:
            continue
        ys = ctx.dates_in(sent.start, sent.end)
        add(
            m,
            kind="pct_change",
            measure="annual_streak",
            subject=idx,
            date=ctx.article_date,
            stated_value=f"{m.group('n')} consecutive years",
            unit="years",
            extra={
                "n": _count(m.group("n")),
                "threshold": 10.0 if (m.group("t") or "").lower() == "double-digit" else 0.0,
                "sign": -1 if re.search(r"loss|declin|negative", m.group(0), re.I) else 1,
                "dates": len(ys),
            },
        )
    # "Highest closing value since Tuesday, Jan. 13, 2026"; "Largest four-day ... gain since ...";
    # "Longest winning streak since ...": one pattern a measure, all in the table's order
    for since_re, measure, extra_of in _SINCE_DATE_CLAIMS:
        for m in since_re.finditer(stext):
            ds = _date_after(ctx, sent.start + m.end(), sent.end)
            if idx is None or ds is None:
                continue
            add_dated(m, ds, measure, f"since {ds.date}", extra_of(m, stext[m.end() :]))
    # "the slowest headline pace since early 2021", "lowest close since 2022"
    for m in re.finditer(
        r"\b(?P<w>slowest|lowest|weakest|smallest|fastest|highest|strongest|biggest)\b[^.;,]{0,40}?\bsince\s+(?:(?P<q>early|late|mid)[- ]?)?(?:(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December)\s+)?(?P<y>(?:19|20)\d\d)\b",
        stext,
        re.I,
    ):
        a = sent.start + m.start()
        subj = ctx.subject_at(*_clause_of(sent, a), sent.start) or subj_default
        if subj is None or subj.kind not in ("inflation", "index", "yield"):
            continue
        if any(c.measure == "high_since" and c.start <= a < c.end for c in out):
            continue
        if re.search(r"\bheadline\b", m.group(0), re.I):
            subj = SUBJECT_BY_KEY["cpi"]
        elif re.search(r"\bcore\b", m.group(0), re.I):
            subj = SUBJECT_BY_KEY["core_cpi"]
        low = m.group("w").lower() in ("slowest", "lowest", "weakest", "smallest")
        y = int(m.group("y"))
        q = (m.group("q") or "").lower()
        if m.group("mon"):
            mon = _MONTHS[m.group("mon").lower()]
            since_end = dt.date(y, mon, 28)
        else:
            since_end = {"early": dt.date(y, 4, 30), "mid": dt.date(y, 8, 31)}.get(
                q, dt.date(y, 12, 31)
            )
        add(
            m,
            kind="rate" if subj.kind != "index" else "level",
            measure="rate_since" if subj.kind != "index" else "extreme_since",
            subject=subj,
            date=_ref_month(ctx, stext) if subj.kind == "inflation" else ctx.article_date,
            stated_value=m.group(0),
            unit="",
            extra={"low": low, "since_end": since_end.isoformat()},
        )
    # "hitting its annual closing low on April 8"
    for m in re.finditer(
        r"\b(?P<w>annual|52-week|all-time|record|(?P<y>(?:19|20)\d\d)|year's)\s+(?:closing\s+)?(?P<hl>low|high)\s+(?:on|of)\s+",
        stext,
        re.I,
    ):
        ds = _date_after(ctx, sent.start + m.end(), sent.end)
        if idx is None or ds is None or ds.start != sent.start + m.end():
            continue
        w = m.group("w").lower()
        window = (
            "52w"
            if w == "52-week"
            else ("year" if (m.group("y") or w in ("annual", "year's")) else "all")
        )
        add_dated(
            m,
            ds,
            "extreme_date",
            ds.date.isoformat() if ds.date else ds.text,
            {
                "extreme": "min" if m.group("hl").lower() == "low" else "max",
                "window": window,
                "year": int(m.group("y")) if m.group("y") else None,
            },
        )
    # "the Fed's third straight quarter-point reduction": a policy move
    for m in re.finditer(
        r"\b(?:quarter|half|three-quarter)[- ]point\s+(?:rate\s+)?(?:cut|reduction|hike|increase)s?\b",
        stext,
        re.I,
    ):
        add(
            m,
            kind="rate",
            measure="fed_move",
            subject=SUBJECT_BY_KEY["fedfunds"],
            date=None,
            stated_value=m.group(0),
            unit="",
            forecast=bool(FORECAST_RE.search(stext)),
        )
    # a record close claimed without a stated level: "the S&P 500 hit a record high on Monday"
    for m in RECORD_RE.finditer(stext):
        a = sent.start + m.start()
        if idx is None or any(
            c.start <= a < c.end + 40
            for c in found
            if c.measure in ("record", "close", "extreme", "distance", "change")
        ):
            continue
        if FORECAST_RE.search(stext) or re.search(
            r"\bfrom\s+(?:its|a|the)\s+record|\bbelow\b|\boff\b", stext, re.I
        ):
            continue
        ds = [
            d
            for d in ctx.dates_in(sent.start, sent.end)
            if d.granularity in ("day", "weekday", "relative")
        ]
        add(
            m,
            kind="level",
            measure="record",
            subject=idx,
            date=ds[0].date if ds else ctx.article_date,
            stated_value="record close",
            unit="points",
        )
    return out


def _extend_to(out: list[Claim], text: str, ds: DateSpan) -> None:
    c = out[-1] if out else None
    if c is not None and ds.end > c.end:
        q, qa, qb = _quote(text, c.start, ds.end)
        c.quote, c.start, c.end = q, qa, qb
