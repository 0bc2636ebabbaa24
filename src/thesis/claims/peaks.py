"""A level an index peaked at (or hit) on a day the clause names (issue 8, round 27).

"The S&P 500 peaked at 6,144 on February 19", "the VIX hit 19.48 on Thursday", "the Nasdaq
touched 20,000 on Dec. 11", "the VIX topped out at 83.56 on Monday", "peaked on March 18 at
85.47": a peak verb, the level right after it ("out" and "at" between them at most), then the
day, right after the level ("on" between them at most); or the verb, "on", the day, "at" and the
level. The claim is the close of that
day, read loosely: a peak may be the session's high rather than its close (the store holds
closes only), so a close that fits supports it and one that does not leaves it unverifiable; it is
never contradicted. Without a day named right after the level the rule reads nothing (the level
of "peaked at 6,144 in February" is a month's, not a day's, and no slot would be bound by the
clause's own words).

The phrasing is a short fixed pattern (a verb, an optional "at", a level, an optional "on", a
day), so token lists find it; a parse would add nothing. The rule runs after every other level
rule and reads only figures they left.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from thesis.claims.binding import Bind, bind_subject, make_claim
from thesis.claims.document import Sent
from thesis.claims.frames import Claim

if TYPE_CHECKING:
    from thesis.claims.binding import Ctx
    from thesis.text.dates import DateMention
    from thesis.text.numbers import Quantity
    from thesis.text.tokens import Token

__all__ = ["PEAK_VERBS", "rule_peak_on_day"]

#: the verbs of a level reached during a period ("peaked at", "hit", "touched", "topped")
PEAK_VERBS = frozenset({"peaked", "hit", "touched", "topped", "reached", "bottomed", "troughed"})
#: subjects whose level is a close in the store (not a yield: ``rule_yield`` reads those)
_KINDS = ("index", "stock", "etf", "volatility")
_LOOSE = "a level it peaked at or hit may be the session's high or low, not its close"


def _one_day(d: DateMention) -> bool:
    return d.kind in ("day", "weekday") and d.day is not None and d.first == d.last


def _day_before(s: Sent, q: Quantity) -> tuple[DateMention, Token] | None:
    """ "peaked on March 18 at 85.47": the day and the verb before "at" and the level."""
    before = s.before(q.start, 1)
    if not before or before[-1].lower != "at":
        return None
    day = next((d for d in s.dates if d.end == before[-1].start - 1 and _one_day(d)), None)
    if day is None:
        return None
    lead = s.before(day.start, 3)
    if lead and lead[-1].lower == "on":
        lead = lead[:-1]
    if lead and lead[-1].lower == "out":
        lead = lead[:-1]
    if not lead or lead[-1].lower not in PEAK_VERBS:
        return None
    return day, lead[-1]


def rule_peak_on_day(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """Claims of a level a subject peaked at (hit, touched, bottomed at) on a named day: the
    close of that day, supported when it fits, never contradicted (see the module)."""
    out: list[Claim] = []
    for q in s.quantities:
        if q.start in used or q.is_range or q.words or q.sign or q.scale != 1.0:
            continue
        if q.unit not in ("plain", "points", "usd") or q.value < 1:
            continue
        before = s.before(q.start, 3)
        if before and before[-1].lower == "at":
            before = before[:-1]
        if before and before[-1].lower == "out":
            before = before[:-1]  # "topped out at 83.56", "bottomed out at 2,237.40"
        day: DateMention | None = None
        if before and before[-1].lower not in PEAK_VERBS:
            got = _day_before(s, q)  # "peaked on March 18 at 85.47"
            if got is None:
                continue
            day, verb = got
        elif before:
            verb = before[-1]
            after = s.after(q.end, 2)
            if after and after[0].lower == "on":
                after = after[1:]
            if not after:
                continue
            day = next((d for d in s.dates if d.start == after[0].start and _one_day(d)), None)
        if day is None:
            continue
        subj = bind_subject(ctx, s, q.start)
        if subj.value is None or subj.value.kind not in _KINDS:
            continue
        if (q.unit == "usd") != (subj.value.kind in ("stock", "etf")):
            continue  # "$6,975" is a price of a share, a bare 6,144 an index's level
        used.add(q.start)
        out.append(
            make_claim(
                ctx,
                s,
                kind="level",
                measure="close",
                subject=subj,
                parts=[(verb.start, max(q.end, day.end))],
                rule="peak_on_day",
                value=q.value,
                unit="points",
                decimals=q.decimals,
                date=Bind(day, day.text, "explicit", _LOOSE),
                hedge=s.hedge(q),
                level=q.value,
                extra={"peak_side": _SIDES.get(verb.lower, "")},
            )
        )
    return out


#: the verbs that name the session's high or low ("peaked at", "bottomed out at"): read on the
#: day's high or low as well as its close, where the store holds them (``judge.readings``)
_SIDES = {"peaked": "high", "topped": "high", "bottomed": "low", "troughed": "low"}
