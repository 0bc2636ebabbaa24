"""Dates and periods in text, resolved against the date the text was written.

* :func:`find_dates` — date mentions: full dates ("November 26, 2025", "Nov. 26", "26 November
  2025", "2025-11-26", "Monday, Jan. 12, 2026"), months ("November", "November 2025"), quarters
  ("Q3 2025", "the third quarter"), years ("in 2024"), weekdays ("on Monday", "Thursday's")
  and relative days and spans ("today", "yesterday", "last week", "this month", "year-end"), each
  with the first and last calendar day it covers.
* :func:`find_periods` — the windows a change is measured over: "year-to-date", "month-to-date",
  "this week", "last week", "over the past twelve months", "over the last four trading days",
  "from 52 weeks ago", "year over year", "month over month", "since the April low",
  "since Wednesday, Dec. 24, 2025".
* :func:`parse_article_date` — the date an article gives itself in a header: an ISO day, a month
  ("2025-12") or a written date, with any note after it.

Calendar arithmetic is the standard library's (``datetime``, ``calendar``); pandas' offsets do the
"n months ago" of the judge. The written forms are matched on tokens with
:class:`~thesis.text.phrases.PhraseMatcher` and the few patterns below, which have no nested
quantifiers. Why not dateparser or python-dateutil's parser: both guess on free text (dateparser
reads "may" and "second" as dates, dateutil's fuzzy parse takes any number for a day) and neither
gives the span of a date inside a sentence, nor resolves "Thursday's" or "last week" against the
article's date; dateparser also costs 0.1 s to import.
"""

from __future__ import annotations

import calendar
import contextlib
import dataclasses
import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from thesis.text.phrases import MONTH_NUMBERS, MONTHS, WEEKDAYS, PhraseMatcher, is_dash
from thesis.text.tokens import SpanSet, Token, tokenize

if TYPE_CHECKING:
    from thesis.text.numbers import NumberSpan

__all__ = [
    "CLOCK_RE",
    "DATE_SPAN_RE",
    "MONTHS",
    "MONTH_NUMBERS",
    "QUARTER_RE",
    "TENOR_RE",
    "WEEKDAYS",
    "YEAR_RANGE_RE",
    "ArticleDate",
    "DateMention",
    "Period",
    "find_dates",
    "find_periods",
    "month_end",
    "month_number",
    "most_recent_weekday",
    "parse_article_date",
    "window_label",
    "window_unit",
]


_MON = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DAY = r"(?P<{n}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{n}>(?:1[89]|20)\d\d)"

#: a written date: ISO, "11/30/23", "26 November 2025", "November 26, 2025", "Nov 26",
#: "November 2025"
#: (the leading lookahead names the characters a date can start with, a digit or a month's
#: capital: it changes no match, but rejects most positions of a text in one test instead of
#: trying the alternatives there)
DATE_SPAN_RE = re.compile(
    r"(?=[\dJFMASOND])(?:"
    + "|".join(
        (
            r"(?P<iso>\b(?P<iy>(?:1[89]|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b)",
            # 1/3/22, 11/30/2023: a US numeric date, month first, its year written
            r"(?P<num>(?<![\d/.,])(?P<nm>1[0-2]|0?[1-9])/(?P<nd>3[01]|[12]\d|0?[1-9])/"
            r"(?P<ny>(?:19|20)\d\d|\d\d)(?![\d/]|[.,]\d))",
            # 26 November 2025 / 26 Nov / 26th of November
            r"(?P<dmy>\b" + _DAY.format(n="d1") + r"(?:\sof)?\s(?P<m1>" + _MON + r")"
            r"(?:,?\s" + _YEAR.format(n="y1") + r")?\b)",
            # November 26, 2025 / Nov 26 / November 2025 / January of 2022
            # (and "January 11,2022": a year right after the comma, not a thousands group)
            r"(?P<mdy>\b(?P<m2>"
            + _MON
            + r")\s(?:"
            + _DAY.format(n="d2")
            + r"(?![\d.]\d|,(?!(?:1[89]|20)\d\d(?![\d,.]\d))\d)"
            r"(?:(?:,?\s|,)"
            + _YEAR.format(n="y2")
            + r")?|(?:of\s)?"
            + _YEAR.format(n="y3")
            + r")\b)",
        )
    )
    + ")",
)
#: "Q4 2025", "H1", "Q3'25"
QUARTER_RE = re.compile(
    r"\b(?P<q>[QH][1-4])(?:\s?(?:'|’)?(?P<qy>(?:19|20)?\d\d))?\b", re.IGNORECASE
)
#: "2007–09": two years, the second written short
YEAR_RANGE_RE = re.compile(
    r"(?=[12])(?<![\d\-–])(?P<y1>(?:1[89]|20)\d\d)[–-](?P<y2>\d\d)(?![\d\-–])"
)
#: a clock time: "3:30", "11:07", "09:45" (hours to 23, two-digit minutes; not "3:2", "1:30:00"
#: is read up to its minutes). Bounded quantifiers only.
CLOCK_RE = re.compile(r"(?<![\w.,:$])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:%])")
#: "12-month", "29 months", "four-day" is read by find_periods
TENOR_RE = re.compile(
    r"(?<![\w.,$])(?P<n>\d{1,3})[-\s](?P<u>year|month|week|day|session|trading[-\s]day|quarter)s?\b",
    re.IGNORECASE,
)


def month_number(name: str) -> int:
    """``"Nov."``, ``"november"``, ``"Sept"`` → 11, 11, 9 (``KeyError`` for other words)."""
    key = name.rstrip(".").lower()
    return MONTH_NUMBERS.get(key) or MONTH_NUMBERS[key[:3]]


def month_end(year: int, month: int) -> dt.date:
    """The last calendar day of a month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


#: the words of a future tense before a weekday ("will be closed on Monday", "is set to report
#: on Thursday", "are scheduled for Friday"); "will" must be within :data:`_FUTURE_SPAN` words
_FUTURE_WORDS = frozenset({"will", "'ll", "’ll", "shall", "scheduled", "slated", "set", "due"})
_FUTURE_SPAN = 6


def _future_before(tokens: list[Token], i: int) -> bool:
    """Whether a future tense governs the weekday at ``tokens[i]``: a future word among the six
    words before it, with no sentence end, "after", "since" or a past verb's "was"/"were" between."""
    for k in range(i - 1, max(-1, i - 1 - _FUTURE_SPAN), -1):
        w = tokens[k].lower
        if tokens[k].text in (".", "!", "?", ";") or w in ("after", "since", "was", "were", "had"):
            return False
        if w in _FUTURE_WORDS:
            return w not in ("set", "due") or (
                k + 1 < len(tokens) and tokens[k + 1].lower in ("to", "for", "on")
            )
    return False


def most_recent_weekday(ref: dt.date, weekday: int) -> dt.date:
    """The last ``weekday`` (0 = Monday) on or before ``ref``."""
    return ref - dt.timedelta(days=(ref.weekday() - weekday) % 7)


DateKind = Literal["day", "month", "quarter", "half", "year", "weekday", "relative", "span"]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date or span of days named in text.

    Attributes
    ----------
    start, end
        Character offsets.
    text
        As written ("Wednesday, Dec. 24, 2025", "November", "Q3 2025", "last week").
    kind
        ``day``, ``month``, ``quarter``, ``half``, ``year``, ``weekday`` (a weekday resolved to the
        last such day on or before the reference date), ``relative`` (today, yesterday) or
        ``span`` (this week, last month, year-end...).
    first, last
        The calendar days covered (equal for a day); ``None`` when the text names an impossible
        date ("February 30") or there is no reference date to resolve against.
    weekday
        The weekday the text states (0 = Monday), so that it can be checked against the calendar.
    explicit_year
        Whether the year is written.
    modifier
        ``early``, ``mid``, ``late``, ``end``, ``start`` when the text narrows the span
        ("mid-March", "end of 2026"); the span is narrowed accordingly.
    """

    start: int
    end: int
    text: str
    kind: DateKind
    first: dt.date | None
    last: dt.date | None
    weekday: int | None = None
    explicit_year: bool = False
    modifier: str = ""

    @property
    def day(self) -> dt.date | None:
        """The day named, when the mention is one day."""
        return self.first if self.first is not None and self.first == self.last else None


def _resolve_month_day(
    year: int | None, month: int, day: int, ref: dt.date | None
) -> dt.date | None:
    if year is not None:
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    if ref is None:
        return None
    # no year: the most recent such day on or before the reference date, with a week's grace for
    # days just ahead ("the meeting on Dec. 10" written on Dec. 8)
    for y in (ref.year + 1, ref.year, ref.year - 1):
        try:
            d = dt.date(y, month, day)
        except ValueError:
            continue
        if d <= ref + dt.timedelta(days=7):
            return d
    return None


def _resolve_month(year: int | None, month: int, ref: dt.date | None) -> int | None:
    """The year of a month named without one: the latest such month that began by ``ref``."""
    if year is not None:
        return year
    if ref is None:
        return None
    return ref.year if month <= ref.month else ref.year - 1


_MODIFIERS = {"early": "early", "mid": "mid", "late": "late", "end": "end", "start": "start",
              "beginning": "start"}  # fmt: skip


def _narrow(first: dt.date, last: dt.date, modifier: str) -> tuple[dt.date, dt.date]:
    """The part of [first, last] that "early", "mid", "late", "end" or "start" names (thirds)."""
    if not modifier:
        return first, last
    n = (last - first).days + 1
    third = max(1, n // 3)
    if modifier in ("early", "start"):
        return first, first + dt.timedelta(days=third - 1)
    if modifier == "mid":
        return first + dt.timedelta(days=third), last - dt.timedelta(days=third)
    return last - dt.timedelta(days=third - 1), last


_RELATIVE = PhraseMatcher(
    {
        "today": "today",
        "tonight": "today",
        "yesterday": "yesterday",
        "this week": "this_week",
        "last week": "last_week",
        "previous week": "last_week",
        "prior week": "last_week",
        "this month": "this_month",
        "last month": "last_month",
        "this year": "this_year",
        "last year": "last_year",
        "next year": "next_year",
        "year-end": "year_end",
        "year end": "year_end",
        "end of the year": "year_end",
        "end of this year": "year_end",
        "end of the month": "month_end",
    }
)
_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def _relative(kind: str, ref: dt.date) -> tuple[DateKind, dt.date, dt.date]:
    if kind == "today":
        return "relative", ref, ref
    if kind == "yesterday":
        d = ref - dt.timedelta(days=1)
        return "relative", d, d
    monday = ref - dt.timedelta(days=ref.weekday())
    if kind == "this_week":
        return "span", monday, ref
    if kind == "last_week":
        return "span", monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)
    if kind == "this_month":
        return "span", ref.replace(day=1), ref
    if kind == "last_month":
        last = ref.replace(day=1) - dt.timedelta(days=1)
        return "span", last.replace(day=1), last
    if kind == "this_year":
        return "span", dt.date(ref.year, 1, 1), ref
    if kind == "last_year":
        return "span", dt.date(ref.year - 1, 1, 1), dt.date(ref.year - 1, 12, 31)
    if kind == "next_year":
        return "span", dt.date(ref.year + 1, 1, 1), dt.date(ref.year + 1, 12, 31)
    # "year-end", "the end of the month": a deadline more often than a day a figure is about
    if kind == "month_end":
        end = month_end(ref.year, ref.month)
        return "span", end, end
    end = dt.date(ref.year, 12, 31)  # year_end
    return "span", end, end


def _prev_word(tokens: list[Token], i: int) -> Token | None:
    j = i - 1
    while j >= 0 and is_dash(tokens[j]):
        j -= 1
    return tokens[j] if j >= 0 and tokens[j].kind == "word" else None


#: a day range's other day, written after "April 3" ("April 3-4", "April 3–4") or before "4
#: April" ("3–4 April")
_RANGE_AFTER = re.compile(
    r"[-–]\s?(\d{1,2})\b(?![.,:%]\d|%|\s*(?:percent|points?|bps?)\b)(?:,?\s(\d{4})\b)?"
)
_RANGE_BEFORE = re.compile(r"(?<![\d.,$])\b(\d{1,2})\s?[-–]\s?$")


def _day_range(text: str, a: int, b: int, d: int) -> tuple[int, int, int, int, int | None] | None:
    """The day range around the date written at ``a:b`` (day ``d``): its start, end, first and
    last day, and the year written after it ("June 14-15, 2022"), or ``None`` when no other day
    is joined to it by a dash."""
    after = _RANGE_AFTER.match(text, b)
    if after is not None and text[a : a + 1].isalpha():  # "April 3-4"
        d2 = int(after.group(1))
        if d < d2 <= 31:
            year = int(after.group(2)) if after.group(2) else None
            return a, after.end(), d, d2, year
    if text[a : a + 1].isdigit():  # "3–4 April"
        before = _RANGE_BEFORE.search(text, max(0, a - 6), a)
        if before is not None:
            d1 = int(before.group(1))
            if 1 <= d1 < d:
                return before.start(), b, d1, d, None
    return None


def find_dates(
    text: str,
    ref: dt.date | None,
    *,
    tokens: list[Token] | None = None,
    spans: list[NumberSpan] | None = None,
) -> list[DateMention]:
    """Date mentions in ``text``, resolved against ``ref`` (the date the text was written).

    Parameters
    ----------
    text
        Any text.
    ref
        The reference date for yearless dates, weekdays and relative words; ``None`` leaves
        those unresolved (``first``/``last`` ``None``) and drops weekdays and relative words.
    tokens, spans
        ``tokenize(text)`` and :func:`~thesis.text.numbers.find_numbers` of the text when the
        caller has them already.

    Returns
    -------
    list of DateMention
        Non-overlapping, in order.

    Examples
    --------
    >>> [(d.text, d.first) for d in find_dates("On Monday, Nov. 24", dt.date(2025, 11, 26))]
    [('Monday, Nov. 24', datetime.date(2025, 11, 24))]
    """
    from thesis.text.numbers import find_numbers

    tokens = tokenize(text) if tokens is None else tokens
    out: list[DateMention] = []
    taken = SpanSet()
    starts = [t.start for t in tokens]

    def tok_index(pos: int) -> int:
        return bisect_left(starts, pos)

    for s in find_numbers(text) if spans is None else spans:
        if s.kind == "date" and s.date is not None:
            y, m, d = s.date
            if m is None:
                continue
            a = s.start
            wd = None
            i = tok_index(s.start)
            # "Monday, Jan. 12, 2026": take the weekday in
            j = i - 1
            if j >= 0 and tokens[j].text == ",":
                j -= 1
            if j >= 0 and tokens[j].base in WEEKDAYS:
                wd, a = WEEKDAYS.index(tokens[j].base), tokens[j].start
            if d is not None:
                day = _resolve_month_day(y, m, d, ref)
                rng = _day_range(text, a, s.end, d) if wd is None else None
                if rng is not None and day is not None:
                    # "3–4 April", "April 3-4, 2025": the sessions of both days, not the one
                    # written next to the month
                    a, end, d1, d2, year = rng
                    if year is not None and y is None:
                        day = _resolve_month_day(year, m, d, ref)
                    if day is not None:
                        with contextlib.suppress(ValueError):  # "June 30-31": no such day
                            out.append(DateMention(a, end, text[a:end], "span", day.replace(day=d1),
                                                   day.replace(day=d2), None, y is not None or year is not None))  # fmt: skip
                            taken.add(a, end)
                            continue
                out.append(
                    DateMention(a, s.end, text[a : s.end], "day", day, day, wd, y is not None)
                )
            else:
                yy = _resolve_month(y, m, ref)
                first = dt.date(yy, m, 1) if yy else None
                last = month_end(yy, m) if yy else None
                out.append(
                    DateMention(
                        a, s.end, text[a : s.end], "month", first, last, None, y is not None
                    )
                )
            taken.add(a, s.end)
        elif s.kind == "quarter" and s.value is not None:
            q = int(s.value)
            y = s.date[0] if s.date else None
            yy = y if y is not None else (ref.year if ref else None)
            half = (s.unit or "Q").upper() == "H"
            if yy is None:
                first = last = None
            elif half:
                first, last = dt.date(yy, 6 * q - 5, 1), month_end(yy, 6 * q)
            else:
                first, last = dt.date(yy, 3 * q - 2, 1), month_end(yy, 3 * q)
            kind: DateKind = "half" if half else "quarter"
            out.append(DateMention(s.start, s.end, s.text, kind, first, last, None, y is not None))
            taken.add(s.start, s.end)
        elif s.kind == "year" and s.value is not None:
            y = int(s.value)
            i = tok_index(s.start)
            prev = _prev_word(tokens, i)
            mod = _MODIFIERS.get(prev.lower, "") if prev is not None else ""
            if prev is not None and prev.lower == "of" and i >= 2:
                p2 = _prev_word(tokens, i - 1)
                mod = _MODIFIERS.get(p2.lower, "") if p2 is not None else ""
            end, last_year = s.end, y
            if (
                y % 10 == 0
                and text[s.end : s.end + 1] == "s"
                and not text[s.end + 1 : s.end + 2].isalnum()
            ):
                # "the early 1980s": a decade, its years narrowed by the modifier
                end, last_year = s.end + 1, y + 9
            first, last = _narrow(dt.date(y, 1, 1), dt.date(last_year, 12, 31), mod)
            out.append(
                DateMention(s.start, end, text[s.start : end], "year", first, last, None, True, mod)
            )
            taken.add(s.start, end)

    taken.commit()

    def free(a: int, b: int) -> bool:
        return not taken.overlaps(a, b)

    n = len(tokens)
    for i, t in enumerate(tokens):
        if t.kind != "word" or not free(t.start, t.end):
            continue
        low = t.base
        if low in MONTH_NUMBERS and (len(low) > 3 or low == "may") and t.text[0].isupper():
            # a month alone: "in November", "November's gain", "mid-March"
            if low == "may" and not (
                t.lower.endswith("'s")
                or _prev_is(
                    tokens,
                    i,
                    {
                        "in",
                        "of",
                        "since",
                        "through",
                        "until",
                        "by",
                        "during",
                        "early",
                        "mid",
                        "late",
                        "end",
                        "ending",
                        "ended",
                        "ends",
                        "closing",
                        "closed",
                        "finished",
                        "into",
                        "from",
                        "for",
                        "last",
                        "this",
                        "between",
                    },
                )
            ):
                continue
            m = MONTH_NUMBERS[low]
            prev = _prev_word(tokens, i)
            mod = _MODIFIERS.get(prev.lower, "") if prev is not None else ""
            yy = _resolve_month(None, m, ref)
            if yy is None:
                out.append(DateMention(t.start, t.end, t.text, "month", None, None))
                continue
            first, last = _narrow(dt.date(yy, m, 1), month_end(yy, m), mod)
            out.append(DateMention(t.start, t.end, t.text, "month", first, last, None, False, mod))
            continue
        if ref is None:
            continue
        if low == "the" and _prev_is(tokens, i, _DAY_OF_MONTH_PREPS):
            got = _day_of_month(text, tokens, i, ref)
            if got is not None:
                out.append(got)
                taken.add(got.start, got.end)
                continue
        if low in WEEKDAYS:
            wd = WEEKDAYS.index(low)
            prev = _prev_word(tokens, i)
            if prev is not None and prev.lower == "next":
                when = ref + dt.timedelta(days=(wd - ref.weekday()) % 7 or 7)
            elif prev is not None and prev.lower == "last":
                # "last Monday" in a story of a Monday is a week before it, never the day itself
                when = most_recent_weekday(ref - dt.timedelta(days=1), wd)
            elif _future_before(tokens, i):
                # "U.S. markets will be closed on Monday for Labor Day": a future tense names the
                # weekday ahead (the article's own day for its own weekday)
                when = ref + dt.timedelta(days=(wd - ref.weekday()) % 7)
            else:
                when = most_recent_weekday(ref, wd)
            out.append(DateMention(t.start, t.end, t.text, "weekday", when, when, wd))
            continue
        got = _first_months(text, tokens, i, ref) if low == "first" else None
        if got is not None:
            out.append(got)
            taken.add(got.start, got.end)
            continue
        unit = tokens[i + 1].base if i + 1 < n else ""
        if (unit == "quarter" and low in _QUARTER_WORDS) or (
            unit == "half" and low in ("first", "second")
        ):
            # "the third quarter (of 2025)", "the first half of 2024", "the second half of the
            # year": a quarter or a half-year; without a year, the latest one begun by ``ref``
            q = _QUARTER_WORDS[low]
            months = 3 if unit == "quarter" else 6
            j = i + 2
            y = None
            end_tok = tokens[i + 1]
            if j < n and tokens[j].lower == "of":
                j += 1
            if j < n and tokens[j].kind == "number" and len(tokens[j].text) == 4:
                y = int(tokens[j].text)
                end_tok = tokens[j]
            elif (
                j + 1 < n
                and tokens[j - 1].lower == "of"
                and tokens[j].lower in ("the", "this")
                and tokens[j + 1].lower == "year"
            ):
                y = ref.year  # "the second half of this year": the article's year
                end_tok = tokens[j + 1]
            first_month = months * (q - 1) + 1
            yy = y if y is not None else (ref.year if first_month <= ref.month else ref.year - 1)
            first, last = dt.date(yy, first_month, 1), month_end(yy, months * q)
            out.append(
                DateMention(
                    t.start,
                    end_tok.end,
                    text[t.start : end_tok.end],
                    "quarter" if unit == "quarter" else "half",
                    first,
                    last,
                    None,
                    y is not None,
                )
            )
            taken.add(t.start, end_tok.end)
    taken.commit()
    for pm in _RELATIVE.find(tokens):
        if not free(pm.start, pm.end):
            continue
        kind, first, last = (
            _relative(pm.value, ref) if ref is not None else ("relative", None, None)
        )
        if ref is None:
            continue
        out.append(DateMention(pm.start, pm.end, text[pm.start : pm.end], kind, first, last))
    if ref is not None:
        for mt in _HOLIDAY.finditer(text):
            day = _holiday(mt, ref)
            if day is None or not free(mt.start(), mt.end(1)):
                continue
            if mt.group(2) is not None:  # "Christmas Eve 2018": its year is the holiday's
                out = [d for d in out if not (d.kind == "year" and d.start == mt.start(2))]
            out.append(DateMention(mt.start(), mt.end(), mt.group(0), "day", day, day, None,
                                   mt.group(2) is not None))  # fmt: skip
    out.sort(key=lambda d: d.start)
    # drop overlaps (keep the earlier, longer mention)
    res: list[DateMention] = []
    for mention in out:
        if res and mention.start < res[-1].end:
            continue
        res.append(mention)
    return [_at_the_end_of(text, d) for d in _of_a_year(text, res)]


#: the trading days named by a holiday ("On Christmas Eve, the S&P was down 14.8% on the month",
#: "a shortened Black Friday session"), with a year or not; not "Black Friday sales" or
#: "Christmas Eve week"
_HOLIDAY = re.compile(
    r"\b(Christmas Eve|New Year(?:'|’)?s Eve|Black Friday)\b(?:,?\s+(\d{4})\b)?"
    r"(?!\s+(?:week|weekend|sales?|shopping|deals?|spending)\b)"
)


#: how long after Black Friday an article may name it without its year
_HOLIDAY_DAYS = 60


def _holiday(mt: re.Match[str], ref: dt.date) -> dt.date | None:
    """The day of a holiday match: of the year written, else the latest on or before ``ref``."""
    name = mt.group(1).lower()

    def of(y: int) -> dt.date:
        if name.startswith("christmas"):
            return dt.date(y, 12, 24)
        if name.startswith("new"):
            return dt.date(y, 12, 31)
        nov1 = dt.date(y, 11, 1)  # Black Friday: the day after the fourth Thursday of November
        return nov1 + dt.timedelta(days=(3 - nov1.weekday()) % 7 + 21 + 1)

    if mt.group(2) is not None:
        return of(int(mt.group(2)))
    if mt.string[max(0, mt.start() - 1) : mt.start()] in ('"', "“", "'", "‘"):
        return None  # 'stocks experienced a "Black Friday"': a name for a bad day, no holiday
    d = of(ref.year)
    d = d if d <= ref else of(ref.year - 1)
    # "Black Friday" without its year is the latest one when the article is written in the
    # weeks after it; months later, the words name a bad Friday (a crash's nickname)
    if name.startswith("black") and (ref - d).days > _HOLIDAY_DAYS:
        return None
    return d


#: the counts of a year's first months that name one of its periods: a quarter, a half
_FIRST_MONTHS = {"three": 3, "3": 3, "six": 6, "6": 6}


def _first_months(text: str, tokens: list[Token], i: int, ref: dt.date) -> DateMention | None:
    """ "the first three months of this year", "the first six months of 2024": the year's first
    quarter or half, of the year named, or of the article's year for "this year" and "the year"
    (other counts of months are left to the period words)."""
    n = len(tokens)
    if i + 3 >= n or tokens[i + 2].lower not in ("months", "month") or tokens[i + 3].lower != "of":
        return None
    k = _FIRST_MONTHS.get(tokens[i + 1].lower.lstrip("0"))
    if k is None:
        return None
    j = i + 4
    if j < n and tokens[j].kind == "number" and len(tokens[j].text) == 4:
        y, end = int(tokens[j].text), tokens[j]
    elif j + 1 < n and tokens[j].lower in ("the", "this", "last") and tokens[j + 1].lower == "year":
        y, end = ref.year - (tokens[j].lower == "last"), tokens[j + 1]
    else:
        return None
    kind: DateKind = "quarter" if k == 3 else "half"
    first, last = dt.date(y, 1, 1), month_end(y, k)
    return DateMention(tokens[i].start, end.end, text[tokens[i].start : end.end], kind, first, last,
                       None, tokens[j].kind == "number")  # fmt: skip


#: "the end of (the)" right before a period: its last days ("since the end of the third quarter",
#: "lower than the end of September")
_END_OF = re.compile(r"\b(?:the\s+)?(?:end|close)\s+of\s+(?:the\s+)?$", re.I)


def _at_the_end_of(text: str, d: DateMention) -> DateMention:
    """A month, quarter, half, year or span after "the end of" names its end, as "end 2022" and
    "the end of 2022" do (:func:`_narrow`); any other mention is returned as it is."""
    if d.modifier or d.kind not in ("month", "quarter", "half", "year", "span"):
        return d
    if (
        d.first is None
        or d.last is None
        or not _END_OF.search(text[max(0, d.start - 20) : d.start])
    ):
        return d
    first, last = _narrow(d.first, d.last, "end")
    return dataclasses.replace(d, first=first, last=last, modifier="end")


#: the years a yearless month or day may be placed in by "of ...": "December 18 of last year"
_OF_YEAR_SPANS = frozenset({"last year", "this year", "next year", "the previous year",
                            "the prior year", "the same year", "that year"})  # fmt: skip


def _of_a_year(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """A month or a day written without its year and placed in one by "of" ("December 18 of last
    year", "in March of this year", "June of 2024"): one mention, in that year. Else as it is."""
    out: list[DateMention] = []
    i = 0
    while i < len(mentions):
        a = mentions[i]
        b = mentions[i + 1] if i + 1 < len(mentions) else None
        if (
            b is not None
            and a.kind in ("day", "month")
            and not a.explicit_year
            and a.first is not None
            and b.first is not None
            and text[a.end : b.start].lower() == " of "
            and (b.kind == "year" or (b.kind == "span" and b.text.lower() in _OF_YEAR_SPANS))
        ):
            y = b.first.year
            first: dt.date | None
            last: dt.date | None
            try:
                first = a.first.replace(year=y)
                last = (a.last or a.first).replace(year=y)
            except ValueError:  # February 29 of a year without it
                first = last = None
            out.append(dataclasses.replace(a, end=b.end, text=text[a.start : b.end], first=first,
                                           last=last, explicit_year=True))  # fmt: skip
            i += 2
            continue
        out.append(a)
        i += 1
    return out


#: words before "the 22nd" that make it a day ("on the 22nd (local time)", "until the 9th of
#: last month"); "its 3rd straight gain", "the 10th day", "the 21st century" are no day
_DAY_OF_MONTH_PREPS = frozenset(
    {"on", "until", "through", "since", "from", "by", "before", "after"}
)
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})


def _day_of_month(text: str, tokens: list[Token], i: int, ref: dt.date) -> DateMention | None:
    """ "the 22nd" at token ``i`` ("the") as a day of the reference date's month, or of the month
    before when that day is after the reference date ("on the 22nd (local time)" in an article of
    the 23rd: the 22nd; in an article of the 3rd: the month before's), or of "last month"/"this
    month" when the words follow ("until the 9th of last month"). ``None`` when no day of the
    month follows, or a word follows that makes the ordinal a count ("the 10th day")."""
    n = len(tokens)
    if i + 2 >= n or tokens[i + 1].kind != "number" or tokens[i + 2].lower not in _ORDINAL_SUFFIXES:
        return None
    if tokens[i + 2].start != tokens[i + 1].end or not tokens[i + 1].text.isdigit():
        return None  # "the 22 nd", "the 1,000th"
    day = int(tokens[i + 1].text)
    if not 1 <= day <= 31:
        return None
    end_tok = tokens[i + 2]
    nxt = [t.lower for t in tokens[i + 3 : i + 6]]
    if nxt[:3] in (["of", "last", "month"], ["of", "this", "month"]):
        end_tok = tokens[i + 5]
        y, m = _month_before(ref) if nxt[1] == "last" else (ref.year, ref.month)
    elif nxt and (tokens[i + 3].kind == "word" or nxt[0] == "-"):
        return None  # "on the 10th day", "on the 3rd-quarter call": a count or another date
    else:
        y, m = _month_before(ref) if day > ref.day else (ref.year, ref.month)
    if day > month_end(y, m).day:
        return None
    when = dt.date(y, m, day)
    a = tokens[i].start
    return DateMention(a, end_tok.end, text[a : end_tok.end], "day", when, when)


def _month_before(ref: dt.date) -> tuple[int, int]:
    """(year, month) of the month before ``ref``'s."""
    return (ref.year, ref.month - 1) if ref.month > 1 else (ref.year - 1, 12)


def _prev_is(tokens: list[Token], i: int, words: set[str] | frozenset[str]) -> bool:
    p = _prev_word(tokens, i)
    return p is not None and p.lower in words


# --------------------------------------------------------------------------------------------
# periods

PeriodKind = Literal[
    "day", "week", "last_week", "mtd", "qtd", "ytd", "month", "year", "trailing", "ago", "yoy",
    "mom", "qoq", "annualized", "since", "swing",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Period:
    """A window a change is measured over.

    Attributes
    ----------
    start, end
        Character offsets.
    text
        As written ("year-to-date", "over the last four trading days", "since the April low").
    kind
        ``day`` (one session), ``week`` (this week), ``last_week``, ``mtd``, ``qtd``, ``ytd``,
        ``month`` / ``year`` (a calendar month or year, named by a date mention nearby),
        ``trailing`` (the last ``n`` ``unit``), ``ago`` (from ``n`` ``unit`` ago to now),
        ``yoy`` / ``mom`` / ``qoq`` (a macro figure against the same period a year, month or
        quarter before), ``annualized``, ``since`` (from ``anchor`` to now) or ``swing`` (a
        peak-to-trough or trough-to-peak move "in a matter of weeks").
    n, unit
        For ``trailing`` and ``ago``: how many of which unit (``day``, ``session``, ``week``,
        ``month``, ``year``); ``session`` means trading days.
    anchor
        For ``since``: the words after "since" ("Wednesday, Dec. 24, 2025", "the April low").
    strong
        False for loose phrasings ("this year" in a sentence about a forecast, "weekly"), which
        a reader may take either way.
    """

    start: int
    end: int
    text: str
    kind: PeriodKind
    n: int | None = None
    unit: str | None = None
    anchor: str = ""
    strong: bool = True


_P = {
    # year, quarter, month and week to date
    "year-to-date": ("ytd", True), "ytd": ("ytd", True), "so far this year": ("ytd", True),
    "so far in <year>": ("ytd", True), "since the start of the year": ("ytd", True),
    "since the beginning of the year": ("ytd", True), "this year": ("ytd", False),
    "for the year so far": ("ytd", True), "this year so far": ("ytd", True),
    "thus far this year": ("ytd", True), "this year thus far": ("ytd", True),
    "thus far in <year>": ("ytd", True),
    "quarter-to-date": ("qtd", True), "qtd": ("qtd", True), "so far this quarter": ("qtd", True),
    # "a 7% gain for the quarter", "up 3.2% in the quarter": the quarter to the reference date
    # ("in the quarter" may be one that ended, as in an earnings story: loose)
    "this quarter": ("qtd", False), "for the quarter": ("qtd", True), "on the quarter": ("qtd", True),
    "in the quarter": ("qtd", False),
    "month-to-date": ("mtd", True), "mtd": ("mtd", True), "so far this month": ("mtd", True),
    "this month": ("mtd", False),
    "week-to-date": ("week", True), "this week": ("week", True), "for the week": ("week", True),
    "on the week": ("week", True), "over the week": ("week", True), "so far this week": ("week", True),
    "during the week": ("week", True),
    # "in the week ended Feb. 23", "during the trading week ending on Friday": the week that
    # ends on the day named after it (which binds the claim's date)
    **{f"{prep} the {w} {verb}": ("week", True)
       for prep in ("in", "for", "during", "over") for w in ("week", "trading week")
       for verb in ("ended", "ending")},
    **{f"{prep} the month {verb}": ("month", True)
       for prep in ("in", "for", "during", "over") for verb in ("ended", "ending")},
    # a week's change named by its adjective: "notched a 5% weekly gain", "a weekly loss of 2%"
    **{f"weekly {noun}": ("week", True) for noun in (
        "gain", "gains", "loss", "losses", "advance", "decline", "drop", "rise", "increase",
        "fall", "rally", "climb", "jump", "slide", "retreat", "decrease", "change", "move",
        "performance", "return", "surge", "slump", "selloff", "sell-off", "rebound", "dip",
        "percentage gain", "percentage loss", "percentage decline", "percent gain",
        "percent loss", "percent decline",
    )},
    # a month's, a quarter's or a year's change named by its adjective: "capped a monthly gain of
    # 7.12%", "a 10% quarterly gain", "an annual gain of 40% in 2023" (the month or year the
    # sentence names, else the reference date's; an average one is a qualifier's)
    **{f"{adj} {noun}": (kind, True) for adj, kind in (
        ("monthly", "month"), ("quarterly", "qtd"), ("annual", "year"), ("yearly", "year"),
        ("weekly", "week"),
    ) for noun in (
        "gain", "gains", "loss", "losses", "advance", "decline", "drop", "rise", "increase",
        "fall", "rally", "climb", "jump", "slide", "retreat", "decrease", "performance", "surge",
        "slump", "rebound", "percentage gain", "percentage loss", "percent gain", "percent loss",
    )},
    "last week": ("last_week", True), "the previous week": ("last_week", True),
    "the prior week": ("last_week", True),
    # one session
    "today": ("day", True), "on the day": ("day", True), "for the day": ("day", True),
    "on the session": ("day", True), "for the session": ("day", True),
    "in today's session": ("day", True), "in the session": ("day", True),
    "in today's trading": ("day", True), "on the trading day": ("day", True),
    # a calendar month or year named nearby
    "for the month": ("month", True), "on the month": ("month", True), "during the month": ("month", True),
    "in the month": ("month", True), "over the month": ("month", True), "in the week": ("week", True),
    "for the year": ("year", True), "on the year": ("year", True),
    # macro comparisons
    "year over year": ("yoy", True), "year-on-year": ("yoy", True), "from a year earlier": ("yoy", True),
    "from a year ago": ("yoy", True), "on an annual basis": ("yoy", True), "annually": ("yoy", False),
    "y/y": ("yoy", True), "yoy": ("yoy", True), "from the same month last year": ("yoy", True),
    "over last year": ("yoy", True), "from last year": ("yoy", True), "over the previous year": ("yoy", True),
    "from the previous year": ("yoy", True), "from the prior year": ("yoy", True),
    # "a 3.1% rise compared to the previous year", "up 8.3% compared with a year earlier"
    **{f"{cmp} {prep} {base}": ("yoy", True)
       for cmp in ("compared", "as compared") for prep in ("to", "with")
       for base in ("the previous year", "the prior year", "last year", "a year earlier",
                    "a year ago", "the same month last year", "the same month a year earlier")},
    "in the 12 months through": ("yoy", True), "over the past 12 months": ("yoy", False),
    "in the twelve months through": ("yoy", True), "12-month": ("yoy", False),
    "month over month": ("mom", True), "month-on-month": ("mom", True), "m/m": ("mom", True),
    "mom": ("mom", True), "from the previous month": ("mom", True), "from the prior month": ("mom", True),
    "on a monthly basis": ("mom", True),
    "quarter over quarter": ("qoq", True), "quarter-on-quarter": ("qoq", True), "q/q": ("qoq", True),
    "in a matter of weeks": ("swing", True), "in a matter of days": ("swing", True),
    "in a matter of months": ("swing", True), "in just weeks": ("swing", True),
    "in a few weeks": ("swing", True), "within weeks": ("swing", True), "in weeks": ("swing", True),
    "in a few days": ("swing", True), "over several weeks": ("swing", True),
    "annualized": ("annualized", True), "annualised": ("annualized", True),
    "annual rate": ("annualized", True), "seasonally adjusted annual rate": ("annualized", True),
}  # fmt: skip
_TRAILING = [
    ("over the last <num> <u>", "trailing"), ("over the past <num> <u>", "trailing"),
    ("in the last <num> <u>", "trailing"), ("in the past <num> <u>", "trailing"),
    ("past <num> <u>", "trailing"), ("last <num> <u>", "trailing"),
    ("the last <num> <u>", "trailing"), ("the past <num> <u>", "trailing"),
    ("over the last <u>", "trailing1"), ("over the past <u>", "trailing1"),
    ("in the past <u>", "trailing1"), ("in the last <u>", "trailing1"), ("the past <u>", "trailing1"),
    ("over the course of a <u>", "trailing1"), ("over the course of the past <u>", "trailing1"),
    ("over the course of the last <u>", "trailing1"),
    ("from <num> <u> ago", "ago"), ("<num> <u> ago", "ago"), ("from a <u> ago", "ago1"),
    ("from a <u> earlier", "ago1"), ("a <u> ago", "ago1"), ("a <u> earlier", "ago1"),
    ("from <num> <u> earlier", "ago"), ("the latest <num> <u> stretch", "trailing"),
    ("than <num> <u> earlier", "ago"), ("than <num> <u> ago", "ago"), ("than a <u> earlier", "ago1"),
    ("than a <u> ago", "ago1"),
    ("the past <num> <u> stretch", "trailing"), ("the last <num> <u> stretch", "trailing"),
    # "surged 2.6% in five days", "fell 10.5% over two trading sessions" (after a superlative,
    # "its biggest gain in two weeks", no period of a change: see claims.binding)
    # ("span": strong for sessions, days and weeks; a span of months or years may be any such
    # span of the past, "rose 50% over three years", and is read for support only)
    ("in <num> <u>", "span"), ("over <num> <u>", "span"), ("within <num> <u>", "span"),
    ("in just <num> <u>", "span"), ("over just <num> <u>", "span"),
    ("in only <num> <u>", "span"), ("in the span of <num> <u>", "span"),
    ("the latest <num> <u> period", "trailing"), ("in the <num> <u> period", "trailing"),
    ("over the <num> <u> period", "trailing"), ("for the <num> <u> period", "trailing"),
    # "in the five days through Friday", "over the four sessions to Jan. 9"
    ("in the <num> <u> through", "trailing"), ("over the <num> <u> through", "trailing"),
    ("in the <num> <u> to", "trailing"), ("over the <num> <u> to", "trailing"),
    ("in the <num> <u> ended", "trailing"), ("in the <num> <u> ending", "trailing"),
    ("for the <num> <u> through", "trailing"), ("over the <num> <u> ended", "trailing"),
]  # fmt: skip
_UNITS = {
    "day": "day", "days": "day", "session": "session", "sessions": "session",
    "trading day": "session", "trading days": "session", "trading session": "session",
    "trading sessions": "session", "week": "week", "weeks": "week", "month": "month",
    "months": "month", "year": "year", "years": "year",
}  # fmt: skip


def _period_phrases() -> PhraseMatcher[tuple[str, ...]]:
    items: list[tuple[str, tuple[str, ...]]] = [
        (p, (k, "strong" if strong else "weak")) for p, (k, strong) in _P.items()
    ]
    for pattern, kind in _TRAILING:
        for uw, u in _UNITS.items():
            items.append((pattern.replace("<u>", uw), (kind, u)))
    # "a three-month return of 4%", "its one-year return": a trailing window named by the noun
    # of a performance (months and weeks; of years only one, as a longer one may be annualised)
    for noun in _RETURN_NOUNS:
        for uw in ("week", "month"):
            items.append((f"<num> {uw} {noun}", ("trailing", uw)))
        for one in ("one", "1"):
            items.append((f"{one} year {noun}", ("trailing1", "year")))
    return PhraseMatcher(items)


#: nouns of a performance that a counted window before them makes a trailing one
_RETURN_NOUNS = ("return", "returns", "gain", "gains", "performance", "loss", "decline")


_PERIODS = _period_phrases()
_SINCE = PhraseMatcher({"since": "since", "from the start of": "since_start",
                        "since the start of": "since_start", "since the beginning of": "since_start",
                        "from the beginning of": "since_start",
                        # "69.2 bps lower than the end of the third quarter": the change since then
                        "than the end of": "since", "than at the end of": "since",
                        "from the end of": "since", "compared with the end of": "since",
                        "compared to the end of": "since", "versus the end of": "since",
                        # "down 0.11% from Thursday", "up 0.4% from yesterday": the change since
                        # that session's close
                        **{f"from {w}": "since_day" for w in ("yesterday", "monday", "tuesday",
                                                           "wednesday", "thursday", "friday")}})  # fmt: skip


def _count(tok: Token) -> int | None:
    from thesis.text.numbers import word_value

    if tok.kind == "number":
        try:
            return int(float(tok.text.replace(",", "")))
        except ValueError:
            return None
    if tok.lower in ("a", "an"):
        return 1
    return word_value(tok.lower)


def find_periods(
    text: str, *, tokens: list[Token] | None = None, dates: list[DateMention] | None = None
) -> list[Period]:
    """The windows of change named in ``text`` (see :class:`Period`), in order.

    ``dates`` (from :func:`find_dates`) lets a "since" anchor take a whole date that contains
    commas ("since Wednesday, Dec. 24, 2025").

    Examples
    --------
    >>> [(p.kind, p.n, p.unit) for p in find_periods("up 2.26% over the last four trading days")]
    [('trailing', 4, 'session')]
    """
    tokens = tokenize(text) if tokens is None else tokens
    out: list[Period] = []
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        if not (_PERIODS.can_start(tok) or _SINCE.can_start(tok)):
            i += 1  # the common case, found without two calls
            continue
        m = _PERIODS.match_at(tokens, i)
        if m is not None:
            kind, extra = m.value
            words = text[m.start : m.end]
            if kind in ("trailing", "ago", "span"):
                cnt = _count(m.slots[0]) if m.slots else None
                if extra == "day" and words.lower().endswith(("period", "stretch")):
                    extra = "session"  # "in the five-day period": trading days, a market's week
                strong = kind != "span" or extra in ("session", "day", "week")
                kind = "trailing" if kind == "span" else kind
                out.append(Period(m.start, m.end, words, kind, cnt, extra, strong=strong))  # type: ignore[arg-type]
            elif kind in ("trailing1", "ago1"):
                out.append(Period(m.start, m.end, words, kind[:-1], 1, extra))  # type: ignore[arg-type]
            else:
                out.append(Period(m.start, m.end, words, kind, strong=extra == "strong"))  # type: ignore[arg-type]
            i = m.j
            continue
        s = _SINCE.match_at(tokens, i)
        if s is not None:
            # the anchor: up to the end of the clause (a comma, a full stop) or eight tokens; for
            # "from Thursday" the day itself
            j = s.j - 1 if s.value == "since_day" else s.j
            k = j
            if j < n and dates:
                d = next((d for d in dates if d.start == tokens[j].start), None)
                while d is not None and k < n and tokens[k].start < d.end:
                    k += 1
            while (
                k < n
                and k < j + 8
                and tokens[k].text not in (",", ".", ";", ":", "(", ")", "\n", "—")
            ):
                k += 1
            if k > j:
                anchor = text[tokens[j].start : tokens[k - 1].end]
                if s.value == "since_start":
                    anchor = "start of " + anchor
                out.append(
                    Period(
                        s.start,
                        tokens[k - 1].end,
                        text[s.start : tokens[k - 1].end],
                        "since",
                        anchor=anchor,
                    )
                )
                i = k
                continue
        i += 1
    return out


# --------------------------------------------------------------------------------------------
# the article's own date


@dataclass(frozen=True, slots=True)
class ArticleDate:
    """The date an article gives itself: one day, or a month (a year) when only that is known.

    ``first`` and ``last`` are equal for a day; a month gives its first and last calendar day (a
    window: a claim about "now" holds if it fits a day in it).
    """

    first: dt.date
    last: dt.date

    @property
    def is_window(self) -> bool:
        return self.first != self.last

    @property
    def unit(self) -> str:
        """``day``, ``month`` or ``year``: what the article's date names."""
        return window_unit(self.first, self.last)


def window_unit(first: dt.date, last: dt.date) -> str:
    """What a window of days from ``first`` to ``last`` is as an article's date: ``day`` (one
    day), ``year`` (more than a month) or ``month``."""
    if first == last:
        return "day"
    return "year" if (last - first).days > 31 else "month"


def window_label(first: dt.date, last: dt.date) -> str:
    """An article's date window as written: "2025-12-09", "2025-12" or "2025"."""
    unit = window_unit(first, last)
    return (
        first.isoformat()
        if unit == "day"
        else f"{first:%Y}"
        if unit == "year"
        else f"{first:%Y-%m}"
    )


_ISO_DAY_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ISO_MONTH_RE = re.compile(r"(\d{4})-(\d{2})(?![\d-])")
#: a year alone, first in the header and not the start of a fuller date or a number
_YEAR_RE = re.compile(r"(\d{4})(?![\d\-/.,:])")


def parse_article_date(value: str) -> ArticleDate | None:
    """Read a header date: ``2025-11-26``, ``2025-12`` (a month), ``2025`` (a year),
    ``November 26, 2025``, ``December 2025``, each possibly followed by a note ("2026-01-01 (from
    URL)").

    Only the first 80 characters are read. Returns ``None`` when no date is there.

    Examples
    --------
    >>> parse_article_date("2025-12 (inferred: written after the close)")
    ArticleDate(first=datetime.date(2025, 12, 1), last=datetime.date(2025, 12, 31))
    """
    head = value.strip()[:80]
    # a month first written as the date ("2025-12 (mixes days from 2025-12-09 to ...)") is the
    # date; a day in its note is not
    month_first = _ISO_MONTH_RE.match(head) is not None and _ISO_DAY_RE.match(head) is None
    m = _ISO_DAY_RE.match(head) or (None if month_first else _ISO_DAY_RE.search(head[:40]))
    if m:
        try:
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
        return ArticleDate(d, d)
    m = _ISO_MONTH_RE.match(head)
    if m and 1 <= int(m[2]) <= 12:
        y, mo = int(m[1]), int(m[2])
        return ArticleDate(dt.date(y, mo, 1), month_end(y, mo))
    m = _YEAR_RE.match(head)
    if m and 1900 <= int(m[1]) <= 2100:
        # a year alone ("2025 (year from the URL only)"): a window of its days, like a month's
        y = int(m[1])
        return ArticleDate(dt.date(y, 1, 1), dt.date(y, 12, 31))
    for mention in find_dates(head, None):
        if mention.kind == "day" and mention.first is not None:
            return ArticleDate(mention.first, mention.first)
        if (
            mention.kind == "month"
            and mention.first is not None
            and mention.explicit_year
            and mention.last is not None
        ):
            return ArticleDate(mention.first, mention.last)
    return None
