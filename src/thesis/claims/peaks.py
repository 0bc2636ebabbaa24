"""A level an index peaked at (or hit) on a day the clause names (issue 8, round 27).

"The S&P 500 peaked at 6,144 on February 19", "the VIX hit 19.48 on Thursday", "the Nasdaq
touched 20,000 on Dec. 11": a peak verb, the level right after it (an "at" between them at most),
then the day, right after the level ("on" between them at most). The claim is the close of that
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

__all__ = ["PEAK_VERBS", "rule_peak_on_day"]

#: the verbs of a level reached during a period ("peaked at", "hit", "touched", "topped")
PEAK_VERBS = frozenset({"peaked", "hit", "touched", "topped", "reached", "bottomed", "troughed"})
#: subjects whose level is a close in the store (not a yield: ``rule_yield`` reads those)
_KINDS = ("index", "stock", "etf", "volatility")
_LOOSE = "a level it peaked at or hit may be the session's high or low, not its close"


def rule_peak_on_day(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """Claims of a level a subject peaked at (hit, touched, bottomed at) on a named day: the
    close of that day, supported when it fits, never contradicted (see the module)."""
    out: list[Claim] = []
    for q in s.quantities:
        if q.start in used or q.is_range or q.words or q.sign or q.scale != 1.0:
            continue
        if q.unit not in ("plain", "points", "usd") or q.value < 1:
            continue
        before = s.before(q.start, 2)
        if before and before[-1].lower == "at":
            before = before[:-1]
        if not before or before[-1].lower not in PEAK_VERBS:
            continue
        after = s.after(q.end, 2)
        if after and after[0].lower == "on":
            after = after[1:]
        if not after:
            continue
        day = next(
            (
                d
                for d in s.dates
                if d.start == after[0].start
                and d.kind in ("day", "weekday")
                and d.day is not None
                and d.first == d.last
            ),
            None,
        )
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
                parts=[(before[-1].start, max(q.end, day.end))],
                rule="peak_on_day",
                value=q.value,
                unit="points",
                decimals=q.decimals,
                date=Bind(day, day.text, "explicit", _LOOSE),
                hedge=s.hedge(q),
                level=q.value,
            )
        )
    return out
