"""The close of a week, a month, a quarter or a year: which session "closed out the week" means.

"The S&P 500 closed out the week at 6,966.28", "ended the month up 2.3%", "finished the quarter
at", "closed at 4,766.18 for the year": the figure is the close of the LAST session of the period
the words name, and a change is over that period. Which period:

* the one the sentence names: "the first full trading week of January 2026", "the week of Jan.
  5", "the week ended Friday, Jan. 9", "last week", "this week", "the month of November";
* else the last one that had ended by the article's date (an article of Monday 2026-01-12 speaks
  of the week to Friday 2026-01-09); on the period's own last day (a Friday, the month's last
  weekday) or the weekend after it, that period, and the one before it as well (an article
  written before the close speaks of the previous one).

:func:`period_close` returns the day as a :class:`~thesis.text.dates.DateMention` (the calendar
end of the period: the judges read the session on or before it, so a holiday Friday gives the
Thursday), the period's unit and the other candidate days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from thesis.text.dates import DateMention, month_end
from thesis.text.numbers import ordinal_value
from thesis.text.tokens import Token

__all__ = ["PeriodClose", "period_close", "week_end"]

#: verbs that close a period ("closed out the week", "ended the month", "wrapped up the quarter")
_VERBS = frozenset(
    {"closed", "close", "closes", "closing", "ended", "end", "ends", "ending", "finished",
     "finish", "finishes", "finishing", "wrapped", "wrap", "wraps", "wrapping", "capped", "cap",
     "caps", "capping", "rounded", "round", "rounds", "rounding", "settled", "settles"}
)  # fmt: skip
_PARTICLES = frozenset({"out", "up", "off"})
_UNITS = frozenset({"week", "month", "quarter", "year"})
_BEFORE_UNIT = frozenset(
    {"the", "its", "their", "a", "trading", "full", "holiday-shortened", "shortened", "calendar",
     "past", "latest", "holiday", "last", "this", "previous", "prior", "-"}
)  # fmt: skip
#: period phrases after a close verb that make the figure the period's close ("closed at L for the
#: week", "ended up 1.6% on the week")
_FOR_UNIT = {
    "for the week": "week", "on the week": "week", "for the month": "month",
    "on the month": "month", "for the quarter": "quarter", "for the year": "year",
    "on the year": "year",
}  # fmt: skip


@dataclass(frozen=True)
class PeriodClose:
    """The day a period's close is read on (``day.first``), the period (``unit``, ``first`` and
    ``last`` calendar days) and other candidate days (``alt``)."""

    day: DateMention
    unit: str
    first: dt.date
    last: dt.date
    alt: tuple[dt.date, ...] = ()
    named: bool = False
    #: the period was not named and the article's date is in the last days of the period it falls
    #: in: the writer may mean that period, to date ("capped a year of gains" on Dec. 24), rather
    #: than the last one that ended
    unsure: bool = False


def week_end(d: dt.date) -> dt.date:
    """The Friday of ``d``'s week (Monday to Sunday)."""
    return d + dt.timedelta(days=4 - d.weekday())


def _period_of(d: dt.date, unit: str) -> tuple[dt.date, dt.date]:
    """The calendar period (first, last day; a week from Monday to Friday) holding ``d``."""
    if unit == "week":
        return d - dt.timedelta(days=d.weekday()), week_end(d)
    if unit == "month":
        return d.replace(day=1), month_end(d.year, d.month)
    if unit == "quarter":
        q0 = 3 * ((d.month - 1) // 3) + 1
        return dt.date(d.year, q0, 1), month_end(d.year, q0 + 2)
    return dt.date(d.year, 1, 1), dt.date(d.year, 12, 31)


def _previous(first: dt.date, unit: str) -> tuple[dt.date, dt.date]:
    return _period_of(first - dt.timedelta(days=1 if unit != "week" else 3), unit)


def _last_weekday(d: dt.date) -> dt.date:
    while d.weekday() >= 5:
        d -= dt.timedelta(days=1)
    return d


#: the last days of a period in which an article may call it closed before it has ended
_FINAL_DAYS = {"week": 0, "month": 4, "quarter": 10, "year": 14}


def _in_final_days(ref: dt.date, unit: str) -> bool:
    """Whether ``ref`` falls in the last days of its own period, before its last weekday."""
    last = _period_of(ref, unit)[1]
    return ref < _last_weekday(last) and (last - ref).days <= _FINAL_DAYS[unit]


def _latest_ended(
    window: tuple[dt.date, dt.date], unit: str
) -> tuple[tuple[dt.date, dt.date], tuple[dt.date, ...]]:
    """The last period that had ended by the article's date and, when that date is the period's
    last weekday or a day of the weekend after it, the one before as well; for an article dated
    only to a month, every period that ended in that month (and the one before it)."""
    a, ref = window
    first, last = _period_of(ref, unit)
    if ref >= _last_weekday(last):
        cur = (first, last)
    else:
        cur = _previous(first, unit)
    alt: list[dt.date] = []
    p = _previous(cur[0], unit)
    alt.append(_last_weekday(p[1]))
    if a == ref == _last_weekday(last):
        # an article dated the period's last session may be written before its close ("Closing
        # the year with a 25% increase, the S&P 500 is on course for ..." at Friday's open): the
        # period to the session before is a reading, as a day's figure may be the session before's
        alt.append(ref - dt.timedelta(days=3 if ref.weekday() == 0 else 1))
    if ref < _last_weekday(last) and a == ref:
        # a day-dated article before the period's end: the period before it; in the period's last
        # days, the period to date as well ("capped the year at L" on Dec. 24)
        alt = [ref] if _in_final_days(ref, unit) else []
    while a != ref and p[1] >= a:
        p = _previous(p[0], unit)
        alt.append(_last_weekday(p[1]))
    return cur, tuple(alt)


def _named_week(
    toks: list[Token], k: int, dates: list[DateMention]
) -> tuple[dt.date, dt.date] | None:
    """The week the words around token ``k`` ("week") name: "the first full trading week of January
    2026", "the week of Jan. 5", "the week ended Jan. 9"."""
    nxt = [t.lower for t in toks[k + 1 : k + 3]]
    after = next((d for d in dates if d.start >= toks[k].end and d.start - toks[k].end <= 12), None)
    if after is not None and after.first is not None:
        if nxt[:1] in (["ended"], ["ending"], ["through"]):
            return _period_of(after.first, "week")[0], after.first
        if nxt[:1] == ["of"] and after.kind in ("day", "weekday"):
            return _period_of(after.first, "week")
        if nxt[:1] == ["of"] and after.kind == "month" and after.last is not None:
            prev = [t.lower for t in toks[max(0, k - 4) : k]]
            n = next((ordinal_value(w) or 0 for w in prev if ordinal_value(w)), 0)
            if "last" in prev:
                n = -1
            if n == 0:
                return None
            return _week_of_month(after.first, after.last, n, full="full" in prev)
    return None


def _week_of_month(
    first: dt.date, last: dt.date, n: int, *, full: bool
) -> tuple[dt.date, dt.date] | None:
    """The ``n``-th week (Monday to Friday) of a month (``-1``: the last); a full week has all
    five weekdays in the month."""
    weeks = []
    monday = first - dt.timedelta(days=first.weekday())
    while monday <= last:
        friday = monday + dt.timedelta(days=4)
        inside = monday >= first and friday <= last
        touches = friday >= first and monday <= last
        if inside or (touches and not full):
            weeks.append((monday, friday))
        monday += dt.timedelta(days=7)
    if not weeks or n > len(weeks):
        return None
    return weeks[n - 1] if n > 0 else weeks[-1]


def _named(
    toks: list[Token], k: int, unit: str, dates: list[DateMention], ref: dt.date
) -> tuple[dt.date, dt.date] | None:
    """The period the words name around token ``k`` (the unit's word), or ``None``."""
    if unit == "week":
        got = _named_week(toks, k, dates)
        if got is not None:
            return got
    prev = [t.lower for t in toks[max(0, k - 3) : k]]
    if "last" in prev or "previous" in prev or "prior" in prev:
        cur = _period_of(ref, unit)
        return _previous(cur[0], unit)
    if "this" in prev:
        return _period_of(ref, unit)
    # "the month of November", "the year 2025", "the quarter ended September"
    for d in dates:
        if d.first is None or d.last is None or not 0 <= d.start - toks[k].end <= 12:
            continue
        if (unit, d.kind) in (("month", "month"), ("year", "year"), ("quarter", "quarter")):
            return d.first, d.last
    if prev[-1:] == ["the"]:
        # "in 2018, when the S&P 500 enjoyed a strong start ..., only to close the year down by
        # 6.2%": "the year" is the one year the sentence named before it
        named = [
            d for d in dates if d.kind == unit and d.end <= toks[k].start and d.last is not None
        ]
        if len(named) == 1 and named[0].first is not None and named[0].last is not None:
            return named[0].first, named[0].last
    return None


#: words before a close word that make it a noun ("At the end of the month", "its close")
_NOUN_MARKS = frozenset({"the", "a", "an", "its", "their", "this", "that", "month's", "year's"})


def _a_verb(toks: list[Token], i: int) -> bool:
    """Whether the close word at token ``i`` is a verb, not a noun ("At the end of the month the
    S&P 500 ... is still up 11.7% for the year": no close of the year is stated)."""
    nxt = toks[i + 1].lower if i + 1 < len(toks) else ""
    return not (i and toks[i - 1].lower in _NOUN_MARKS and nxt == "of")


#: words that turn a clause to another event: a close verb after them is that event's
_TURNS = frozenset({"but", "yet", "though", "although", "while", "whereas", "before", "then"})


def period_close(
    toks: list[Token],
    dates: list[DateMention],
    periods: list,
    window: tuple[dt.date, dt.date] | None,
    pos: int,
) -> PeriodClose | None:
    """The period close the words before ``pos`` state ("closed out the week at", "ended the month
    up"), or that a period phrase after a close verb states ("closed at L for the week"); ``toks``
    are the clause's tokens (a close verb must be in it); ``window`` the article's date (first,
    last day). ``None`` when the words state none."""
    if window is None:
        return None
    ref = window[1]
    hit: tuple[str, int, int, int] | None = None  # unit, token index of the unit word, start, end
    for i, t in enumerate(toks):
        if t.lower not in _VERBS:
            continue
        if "than" in (x.lower for x in toks[max(0, i - 3) : i]):
            continue  # "1.6% higher than it ended the previous week": the comparison's base
        if t.start > pos and any(x.lower in _TURNS for x in toks[:i] if x.start > pos):
            # "fell up to 19% in April ... but ended the year with a 16% advance": a close verb
            # past a turn to another event closes out no period for the figure before it
            continue
        j = i + 1
        if j < len(toks) and toks[j].lower in _PARTICLES:
            j += 1
        while j < len(toks) and j < i + 6 and toks[j].lower in _BEFORE_UNIT:
            j += 1
        # "the first full trading week": an ordinal before the unit
        while (
            j < len(toks)
            and j < i + 7
            and (ordinal_value(toks[j].lower) or toks[j].lower in _BEFORE_UNIT)
        ):
            j += 1
        if j < len(toks) and toks[j].lower in _UNITS and toks[j].start < pos + 80:
            hit = (toks[j].lower, j, t.start, toks[j].end)
            break
    if hit is None and any(t.lower in _VERBS and _a_verb(toks, i) for i, t in enumerate(toks)):
        for p in periods:
            unit = _FOR_UNIT.get(p.text.lower())
            if unit is not None and toks and toks[0].start <= p.start <= toks[-1].end:
                k = next((n for n, t in enumerate(toks) if t.start >= p.end - len(unit)), None)
                if k is not None:
                    hit = (unit, k, p.start, p.end)
                    break
    if hit is None:
        return None
    unit, k, a, b = hit
    named = _named(toks, k, unit, dates, ref)
    alt: tuple[dt.date, ...] = ()
    if named is None:
        (first, last), alt = _latest_ended(window, unit)
    else:
        first, last = named
    text = f"the last session of the {unit} to {last:%a %Y-%m-%d}"
    day = DateMention(a, b, text, "day", last, last)
    # the period to date is a candidate (``_latest_ended`` adds the article's own day) only when
    # the article's date is in its period's last days
    return PeriodClose(day, unit, first, last, alt, named is not None, ref in alt)
