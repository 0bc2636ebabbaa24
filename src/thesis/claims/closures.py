"""A market closed on a day: "U.S. markets were closed Monday for the Independence Day holiday",
"the New York Stock Exchange and Nasdaq will be closed on Wednesday", "the U.S. bond market was
closed Monday in observance of Memorial Day" (issue 8, round 80).

The stock market's calendar is the store's S&P 500 closes (a weekday with none, between days
with closes, was a holiday), the bond market's the H.15 10-year yield's (no value on a
bond-market holiday such as Columbus Day, when stocks trade). A day after the store's data (a
story announcing the next holiday) is read on the New York Stock Exchange's published calendar
(``exchange_calendars``, loaded only then); the bond market's future holidays are not read.

The day is the sentence's date, or its weekday: the one on or before the article's date for a
past tense ("were closed Monday"), on or after it for a present or future one ("will be closed
Monday", "are closed Thursday"). A weekday's day is that inference, so it only supports; a
written date ("Wednesday, December 25") may contradict. Closing early ("closed early", "a
shortened session") is not a closure.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from thesis.claims.frames import CONTRADICTED, SUPPORTED, UNVERIFIABLE, CheckedClaim, Claim
from thesis.claims.market import on

if TYPE_CHECKING:
    from thesis.claims.binding import Ctx
    from thesis.claims.document import Sent
    from thesis.claims.market import Market

__all__ = ["judge_closure", "rule_closure"]

#: a market's name, then (within a few words) a verb of state and "closed": group 1 the name,
#: group 2 the verb
_CLOSED = re.compile(
    r"\b((?:U\.S\.\s+|US\s+|American\s+|financial\s+|stock\s+|equity\s+|bond\s+|treasury\s+)*"
    r"(?:markets?|stock\s+exchanges?|exchanges?|NYSE|New\s+York\s+Stock\s+Exchange|Nasdaq|"
    r"Wall\s+Street|treasuries))\b[^.;:]{0,60}?\b(was|were|is|are|will\s+be|will\s+remain|"
    r"remain|remains|remained|stay|stays|stayed|will\s+stay)\s+closed\b(?!\s+(?:early|at|up|"
    r"down|higher|lower|the|out|with|in\s+the\s+(?:red|green)))",
    re.I,
)
_PAST = frozenset({"was", "were", "remained", "stayed"})
_BOND = re.compile(r"\b(bond|treasury|treasuries)\b", re.I)
#: the store's series whose calendar is each market's
_CALENDAR = {"stock": "sp500", "bond": "ust10y"}


def rule_closure(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """A market stated closed on a day (see the module docstring)."""
    text = s.doc.text
    for mt in _CLOSED.finditer(text, s.start, s.end):
        market = "bond" if _BOND.search(mt.group(1)) else "stock"
        past = mt.group(2).lower() in _PAST
        cl = s.clause_of(mt.start(2))
        dates = [d for d in s.dates if cl.start <= d.start < cl.end and d.first is not None]
        dates = [d for d in dates if d.kind in ("day", "weekday", "relative") and d.first == d.last]
        if len(dates) != 1:
            continue  # no day, or several (a range of holidays): not read
        d = dates[0]
        assert d.first is not None
        day, written = d.first, d.kind == "day"
        if not written and ctx.ref is not None and d.kind == "weekday" and not past:
            while day < ctx.ref:  # "will be closed Monday": the next Monday
                day += dt.timedelta(days=7)
        if written and not d.explicit_year and ctx.ref is not None:
            day = _year_of(day, d.weekday, ctx.ref, past)
        end = max(mt.end(), d.end)
        return [
            Claim(
                quote=text[mt.start() : end],
                start=mt.start(),
                end=end,
                kind="date_fact",
                measure="closure",
                subject=None,
                stated_value="closed",
                date=day,
                bound={"subject": f"the {market} market", "date": d.text},
                assumed=[] if written else ["date"],
                rule="closure",
                extra={"market": market, "written": written},
            )
        ]
    return []


def _year_of(day: dt.date, weekday: int | None, ref: dt.date, past: bool) -> dt.date:
    """A date written without its year ("remain closed on Wednesday, December 25" in a story of
    December 1): of the years around the article's, the nearest on the tense's side of it (on or
    after it for "will be closed"), on the weekday written with it when one is."""
    options = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            options.append(day.replace(year=y))
        except ValueError:  # February 29
            continue
    side = [o for o in options if (o <= ref if past else o >= ref)] or options
    fits = [o for o in side if weekday is None or o.weekday() == weekday] or side
    return min(fits, key=lambda o: abs((o - ref).days))


def judge_closure(c: Claim, m: Market) -> CheckedClaim:
    """Whether the market had no session on the claim's day (see the module docstring)."""
    day, market = c.date, str(c.extra.get("market"))
    assert day is not None
    name = f"the {market} market"
    if day.weekday() >= 5:
        return CheckedClaim(c, SUPPORTED, f"{day} is a {day:%A}: {name} does not trade",
                            "the calendar")  # fmt: skip
    s = m.series(_CALENDAR[market])
    if s is not None and s.dates and s.dates[0] < day < s.dates[-1]:
        traded = on(s, day) is not None
        how = f"{_CALENDAR[market]} has {'a' if traded else 'no'} value on {day:%A} {day}"
        return _verdict(c, not traded, how, name)
    if market == "stock" and (s is None or not s.dates or day > s.dates[-1]):
        from thesis.data.calendars import is_session
        from thesis.errors import DataError

        listed: bool | None
        try:
            listed = is_session(day)
        except (ValueError, DataError):  # before or after the calendar (DateOutOfBounds)
            listed = None
        if listed is not None:
            traded = listed
            how = f"the NYSE's calendar (exchange_calendars XNYS) {'lists' if traded else 'has no'} session on {day:%A} {day}"
            return _verdict(c, not traded, how, name)
    return CheckedClaim(c, UNVERIFIABLE, f"no calendar of {name} for {day} in the store", "the calendar",
                        settle="the market's daily data for that day")  # fmt: skip


def _verdict(c: Claim, closed: bool, how: str, name: str) -> CheckedClaim:
    if closed:
        return CheckedClaim(c, SUPPORTED, f"{how}: {name} was closed", "the calendar")
    if c.assumed:
        ev = (f"{how}: {name} traded that day; not contradicted: the day is a weekday read from "
              "the tense, not a written date")  # fmt: skip
        return CheckedClaim(c, UNVERIFIABLE, ev, "the calendar", settle="a written date")
    return CheckedClaim(c, CONTRADICTED, f"{how}: {name} traded that day", "the calendar")
