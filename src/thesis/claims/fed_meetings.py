"""The day of a Fed meeting: "ahead of their Sept. 20-21 meeting", "the November 7 FOMC meeting",
"The central bank begins a two-day policy meeting on Tuesday", "its next rate-setting meeting on
Wednesday, 10 December 2025".

The store holds the FOMC's decision days (``fomc_meeting`` events, 2000 to the published schedule,
scheduled meetings and intermeeting actions). A meeting stated on a day is that decision day, or
the first day of its two-day meeting (the day before); a range of days ("Sept. 20-21") ends on it.

A day the words write out (a month and a day) is judged both ways: supported on a meeting day,
contradicted when no meeting falls within a day of it, in a year the calendar covers. A day
written without its year is the one nearest the article's date (a story about "the November 7
meeting" is often written before it). A weekday ("begins on Tuesday", "a decision set
for Wednesday") may be the one before the article's date or the one after: it is supported when
either is a meeting day and never contradicted. The words must tie the meeting to the Fed (FOMC,
"the Fed", "Federal Reserve", "central bank", "policymakers"); a sentence that names another
central bank or an event that is not a policy meeting (minutes, a symposium, testimony) binds no
meeting day.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import TYPE_CHECKING

from thesis.claims.binding import Bind, make_claim
from thesis.claims.frames import Claim
from thesis.claims.subjects import subject_by_key
from thesis.text.dates import WEEKDAYS

if TYPE_CHECKING:
    from thesis.claims.binding import Ctx
    from thesis.claims.document import Sent
    from thesis.claims.judge import Outcome
    from thesis.claims.market import Market
    from thesis.text.dates import DateMention
    from thesis.text.tokens import Token

__all__ = ["MEETING_WORDS", "judge_fed_meeting", "meeting_days", "rule_fed_meeting"]

#: the words that name a policy meeting or its decision (tokens, lowercased)
MEETING_WORDS = frozenset({"meeting", "meetings", "decision", "announcement"})
#: words that tie a meeting to the Fed
_FED_WORDS = frozenset(
    {"fed", "fed's", "federal", "fomc", "central", "policymakers", "rate-setting", "powell"}
)
#: words that make the meeting another body's or another kind of event
_OTHER_EVENTS = frozenset(
    {"minutes", "jackson", "symposium", "testimony", "speech", "ecb", "boj", "boe", "opec",
     "shareholder", "shareholders", "earnings", "board", "summit", "g7", "g20"}
)  # fmt: skip
#: "the Bank of England", "the Bank of Japan": another central bank
_BANK_OF = re.compile(r"\bbank of (england|japan|canada|korea|china)\b|\beuropean central\b", re.I)
#: "Sept. 20-21": the second day of a written range
_RANGE_END = re.compile(r"\s*[-–—]\s*(\d{1,2})\b")
_WEEKDAY_KINDS = ("weekday",)
_DAY_KINDS = ("day",)
#: the words that may stand between a day and its meeting word ("the Sept. 20-21 FOMC meeting",
#: "meeting, scheduled for September 16–17", "Wednesday's Federal Reserve decision", "the Fed's
#: two-day policy meeting on Tuesday"); any other word leaves the day to something else
_BETWEEN = frozenset(
    {"the", "fed", "fed's", "federal", "reserve", "reserve's", "fomc", "open", "market",
     "committee", "committee's", "(", ")", "policy", "rate-setting", "rate", "interest",
     "two-day", "monetary", "on", "for", "scheduled", "set", "due", "of", "its", "their", "next",
     "latest", "upcoming", "key", "'s", "central", "bank's", "bank", "that", "which", "ends",
     "ending", "begins", "starts", "concludes", "to", "be", "announced", ",", "is", "meeting",
     "policymakers'", "final", "a", "this", "week's"}
)  # fmt: skip
#: at most this many words between a day and its meeting word
_NEAR = 7


def rule_fed_meeting(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """A Fed meeting on a day the words name (see the module docstring)."""
    words = {t.lower.replace("\u2019", "'") for t in s.tokens}
    if words.isdisjoint(MEETING_WORDS) or words.isdisjoint(_FED_WORDS):
        return []
    if not words.isdisjoint(_OTHER_EVENTS) or _BANK_OF.search(s.text):
        return []
    meets = [t for t in s.tokens if t.lower in MEETING_WORDS]
    out: list[Claim] = []
    for d in s.dates:
        range_end = None
        if _two_days(d):
            # "the Sept. 19-20 meeting": a day range the text layer reads as a span; the meeting
            # is dated by its first day, its decision by its last
            assert d.first is not None and d.last is not None
            range_end = d.last.day
            d = dataclasses.replace(d, kind="day", last=d.first)
        if d.kind not in _DAY_KINDS + _WEEKDAY_KINDS or d.first is None:
            continue
        near = [t for t in meets if _joined(s, d, t)]
        if not near:
            continue
        t = min(near, key=lambda t: abs(t.start - d.start))
        end = d.end
        second = range_end
        if d.kind in _DAY_KINDS and second is None:
            mt = _RANGE_END.match(ctx.doc.text, d.end, s.end)
            if mt is not None:
                second, end = int(mt.group(1)), mt.end()
        a, b = min(d.start, t.start), max(end, t.end)
        extra = {"weekday": d.kind in _WEEKDAY_KINDS, "explicit_year": d.explicit_year,
                 "range_end": second}  # fmt: skip
        out.append(make_claim(
            ctx, s, kind="date_fact", measure="fed_meeting",
            subject=Bind(subject_by_key("fedfunds"), t.text, "named"), parts=[(a, b)],
            rule="fed_meeting", value=d.first.isoformat(), unit="date",
            date=Bind(d, d.text, "explicit"), extra=extra, needs=("date",),
            forecast_ok=True, hypothetical_ok=True, lead=False,
        ))  # fmt: skip
    return out


def _two_days(d: DateMention) -> bool:
    """Whether ``d`` is a range of two days written with a dash ("Sept. 19-20", "16–17 Sept.")."""
    return (
        d.kind == "span"
        and d.first is not None
        and d.last is not None
        and (d.last - d.first).days == 1
        and any(c in d.text for c in "-–")
    )


def _joined(s: Sent, d: DateMention, t: Token) -> bool:
    """Whether the day ``d`` and the meeting word ``t`` are one phrase: at most :data:`_NEAR`
    words between them, each one of :data:`_BETWEEN` (a range's second day aside)."""
    a, b = (d.end, t.start) if d.end <= t.start else (t.end, d.start)
    gap = [x for x in s.tokens if a <= x.start and x.end <= b]
    if len(gap) > _NEAR:
        return False
    return all(x.lower.replace("\u2019", "'") in _BETWEEN or x.text.isdigit() or x.text in "-–—"
               for x in gap)  # fmt: skip


def meeting_days(day: dt.date, weekday: bool, explicit_year: bool, as_of: dt.date) -> list[dt.date]:
    """The days a stated meeting day may be: the day itself; for a weekday, the same weekday a week
    later too (the text layer reads a weekday as the last one on or before the article's date);
    for a day without its year, that day in the year that puts it nearest the article's date
    (within half a year: "the November 7 meeting" in October is the coming one), then the other
    of the last one on or before the article's date and the next one after it ("following the May
    1st Fed decision" in a December review is the past May's)."""
    if weekday:
        return [day, day + dt.timedelta(days=7)]
    if explicit_year or (day.month, day.day) == (2, 29):
        return [day]
    years = [day.replace(year=y) for y in (as_of.year - 1, as_of.year, as_of.year + 1)]
    past = max((x for x in years if x <= as_of), default=None)
    ahead = min((x for x in years if x > as_of), default=None)
    nearest = min(years, key=lambda x: abs((x - as_of).days))
    return [nearest, *(x for x in (past, ahead) if x is not None and x != nearest)]


#: a decision this many days from a future meeting day the words state is that meeting, misdated
_MOVED_DAYS = 10


def judge_fed_meeting(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    """Supported when a decision day is the stated day or the day after it (a range: its last
    day); contradicted for a written-out day with no decision within a day of it, in a year the
    calendar covers; else not judged."""
    from thesis.claims.judge import Outcome

    decisions = m.event_dates("fomc_meeting")
    stated = dt.date.fromisoformat(str(c.stated_value))
    if not decisions:
        return Outcome(None, "no FOMC calendar in the store", settle="`thesis data import`")
    extra = c.extra
    days = meeting_days(
        stated, bool(extra.get("weekday")), bool(extra.get("explicit_year")), m.as_of
    )
    wd = extra.get("stated_weekday")
    if wd is not None and not extra.get("weekday") and days[0].weekday() != wd:
        # "a two-day meeting on Tuesday, 10 December 2025": the day and its weekday disagree
        return Outcome(
            False, f"{days[0]} was a {WEEKDAYS[days[0].weekday()].title()}, not a "
            f"{WEEKDAYS[wd].title()}", "the calendar",
        )  # fmt: skip
    ends = [d.replace(day=extra["range_end"]) if extra.get("range_end") else d for d in days]
    hits = [
        x
        for d, e in zip(days, ends, strict=True)
        for x in decisions
        if (x == e if extra.get("range_end") else x in (d, d + dt.timedelta(days=1)))
    ]
    shown = ", ".join(str(x) for x in ends)
    if hits:
        how = "its last day" if extra.get("range_end") else (
            "that day" if hits[0] in days else "the next day (a two-day meeting's second)")  # fmt: skip
        return Outcome(True, f"FOMC decision on {hits[0]}: {how} (stated {shown})", "the day")
    near = [x for x in decisions if any(abs((x - d).days) <= 1 for d in ends)]
    if extra.get("weekday") or near:
        return Outcome(None, f"no FOMC decision on {shown} or the day after")
    if ends[0] > m.as_of and not any(abs((x - ends[0]).days) <= _MOVED_DAYS for x in decisions):
        # a meeting ahead of the article's date with no decision near it: the schedule then may
        # have changed since (the March 17-18, 2020 meeting gave way to the March 15 action); a
        # decision a few days off ("the November 11 meeting", held on November 6-7) is the
        # meeting, misdated
        return Outcome(None, f"no FOMC decision on {shown}, after the article's date, nor within "
                       f"{_MOVED_DAYS} days of it: the schedule may have changed since")  # fmt: skip
    if not all(decisions[0] <= d <= decisions[-1] for d in ends):
        return Outcome(None, f"{shown} is outside the FOMC calendar the store holds")
    around = [x for x in decisions if abs((x - ends[0]).days) <= 45]
    ev = f"no FOMC meeting on {shown} or within a day of it; decisions nearby: " + (
        ", ".join(str(x) for x in around) or "none")  # fmt: skip
    return Outcome(False, ev, "the day, or the day before a decision")
