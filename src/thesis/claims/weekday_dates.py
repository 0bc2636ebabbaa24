"""A weekday written with its date: "on Tuesday, 6 January 2025", "Friday, Dec. 19".

The calendar settles it with no data: the date either falls on that weekday or it does not, and
when it does not the article is wrong about one of the two (a year typed for the one before, a
weekday carried from a draft). A weekday that agrees with its date is a claim too, supported: the
pair is a statement about the calendar like any other, and hand-judged labels count it (round 82;
until then only a disagreeing pair was reported). A date written with its year is judged
as written. A date written without one takes the year nearest the article's date, which is sure
only near it: judged when the article is dated to a day and the date lies within
:data:`NEAR_DAYS` of it (a "Friday, Dec. 20" in a story from years later may be another
December's).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from thesis.claims.frames import CONTRADICTED, SUPPORTED, CheckedClaim, Claim
from thesis.text.dates import WEEKDAYS, DateMention

if TYPE_CHECKING:
    from thesis.claims.binding import Ctx
    from thesis.claims.document import Sent

__all__ = ["NEAR_DAYS", "judge_weekday_date", "rule_weekday_date"]

#: how far from a day-dated article a date without its year may lie and still be judged
NEAR_DAYS = 45


def rule_weekday_date(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """One claim for each date of the sentence written with a weekday ("Tuesday, 6 January 2025",
    a Monday: contradicted; "Thursday, April 3, 2025": supported); ``used`` is left alone (the
    date may also date another claim's figure)."""
    out: list[Claim] = []
    one_day = ctx.window is not None and ctx.window[0] == ctx.window[1]
    for d in s.dates:
        if d.kind == "day" and d.weekday is None:
            d = _bracketed(s, d)  # "Wednesday (July 30)"
        if d.kind != "day" or d.weekday is None or d.day is None:
            continue
        if not d.explicit_year and not (
            one_day and ctx.ref is not None and abs((d.day - ctx.ref).days) <= NEAR_DAYS
        ):
            continue
        year = "" if d.explicit_year else f" (the year nearest the article's date: {d.day.year})"
        out.append(Claim(
            quote=d.text, start=d.start, end=d.end, kind="date_fact", measure="weekday",
            subject=None, stated_value=WEEKDAYS[d.weekday].title(), date=d.day,
            bound={"date": d.text + year}, rule="weekday_date", extra={"weekday": d.weekday},
        ))  # fmt: skip
    return out


def _bracketed(s: Sent, d: DateMention) -> DateMention:
    """``d`` with the weekday written right before it when the date is in brackets after it
    ("put to rest Wednesday (July 30)"), spanning both; else ``d`` as it is."""
    text = s.doc.text
    if text[d.end : d.end + 1] != ")":
        return d
    wd = next(
        (
            w
            for w in s.dates
            if w.kind == "weekday" and w.end <= d.start and text[w.end : d.start].strip() == "("
        ),
        None,
    )
    if wd is None:
        return d
    return dataclasses.replace(
        d, start=wd.start, end=d.end + 1, text=text[wd.start : d.end + 1], weekday=wd.weekday
    )


def judge_weekday_date(c: Claim) -> CheckedClaim:
    """Supported when the date falls on the weekday written with it, else contradicted."""
    day: dt.date = c.date  # type: ignore[assignment]
    stated = int(c.extra["weekday"])
    actual = WEEKDAYS[day.weekday()].title()
    if day.weekday() == stated:
        return CheckedClaim(
            c, SUPPORTED, f"{day.isoformat()} is a {actual}", "exact (the calendar)"
        )
    return CheckedClaim(
        c, CONTRADICTED,
        f"{day.isoformat()} is a {actual}, not a {WEEKDAYS[stated].title()}: the weekday or the date "
        "is wrong",
        "exact (the calendar)",
    )  # fmt: skip
