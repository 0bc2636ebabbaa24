"""A move measured from a dated low, high or close (issue 8, round 35).

"A 50% gain from its March 23 low", "has risen 50% from the March 23 low", "is up 40% off its
March 23 bottom", "slumped 19.8% from its Sept. 20 record close": the change since that day's
close. The store holds closes only for an index, and a low or high may be the session's
intraday one, which is at or below (a low) or at or above (a high) the close: the gain from an
intraday low is at least the close-based one, the fall from an intraday high at least as deep.
So a close-based figure that fits supports the claim; a stated figure on the far side of the
close-based one (a smaller gain from a low, a shallower fall from a high) contradicts it under
both readings; one on the near side is left unverifiable
(:func:`thesis.claims.judge.judge_change`, ``extra["from_extreme"]``). A close ("the March 23
close", "its Sept. 20 record close", "its February 19 closing high") or a level is read exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

from thesis.claims.binding import Bind
from thesis.claims.document import Sent
from thesis.claims.frames import PeriodSpec
from thesis.text.dates import DateMention
from thesis.text.tokens import Token

__all__ = ["DatedBase", "dated_base", "since_bind"]

#: the word naming what the day's figure was: a low, a high or the close
_HEADS = {
    "low": "low", "lows": "low", "bottom": "low", "trough": "low",
    "high": "high", "highs": "high", "peak": "high", "record": "high", "top": "high",
    "close": "close", "level": "close", "levels": "close", "finish": "close",
}  # fmt: skip
#: words that may stand between the date and its head ("its March 23 intraday low", "its Sept.
#: 20 record close"); "closing" makes a low or high the close itself
_MODS = frozenset({"intraday", "closing", "record", "all-time", "bear-market", "market", "session"})
#: the words between the preposition and the date ("from its", "from the", "off their")
_DETS = frozenset({"its", "the", "their", "a"})


@dataclass(frozen=True)
class DatedBase:
    """The dated figure a move is measured from.

    Attributes
    ----------
    date
        The day named (a ``day`` date mention with a resolved ``first``).
    kind
        ``low``, ``high`` (possibly intraday: one-sided) or ``close`` (read exactly).
    end
        Character offset of the head word's end.
    """

    date: DateMention
    kind: str
    end: int


def dated_base(s: Sent, pos: int) -> DatedBase | None:
    """The dated low, high or close named right after ``pos`` by "from (its|the) <day> <head>"
    (also "off"/"above" for a low: "up 40% off its March 23 low"), or ``None``."""
    after = s.after(pos, 10)
    if not after or after[0].lower not in ("from", "off", "above"):
        return None
    prep = after[0]
    d = next(
        (x for x in s.dates if prep.end < x.start <= prep.end + 8 and x.kind == "day" and x.first),
        None,
    )
    if d is None:
        return _head_then_day(s, prep, after[1:])
    if any(t.lower not in _DETS for t in s.doc.tokens_in(prep.end, d.start)):
        return None
    closing = False
    toks = s.after(d.end, 4)
    for i, t in enumerate(toks):
        w = t.lower
        nxt = toks[i + 1].lower if i + 1 < len(toks) else ""
        if w in _HEADS and nxt not in _HEADS:  # "its Sept. 20 record close": the last is the head
            kind = "close" if closing else _HEADS[w]
            if _HEADS[w] == "close":
                kind = "close"
            if _states_level(s, t.end):
                return None  # "from its February 19 peak of 6,144.15": the distance rule's
            if prep.lower != "from" and kind != "low":
                return None  # "10% off its Feb. 19 high": a distance (the distance rule's)
            return DatedBase(d, kind, t.end)
        if w not in _MODS and w not in _HEADS:
            return None
        closing = closing or w == "closing"
    return None


#: the words between a head and the day it names ("its low point on March 23", "the low of
#: March 23", "its high set on Feb. 19")
_HEAD_DAY_GAP = frozenset({"point", "on", "of", "set", "reached", "hit", "seen"})


def _head_then_day(s: Sent, prep: Token, after: list[Token]) -> DatedBase | None:
    """ "from its low point on March 23", "off the low of March 23": the head, then the day."""
    i = 0
    while i < len(after) and (after[i].lower in _DETS or after[i].lower in _MODS):
        i += 1
    if i >= len(after) or after[i].lower not in _HEADS:
        return None
    head = after[i]
    kind = _HEADS[head.lower]
    if kind == "close" or (prep.lower != "from" and kind != "low"):
        return None  # "from its close on Monday" is the session's move; "off its high" a distance
    if _states_level(s, head.end):
        return None
    j = i + 1
    while j < len(after) and after[j].lower in _HEAD_DAY_GAP:
        j += 1
    gap = {t.lower for t in after[i + 1 : j]}
    if j >= len(after) or not gap & {"on", "of"}:
        return None
    d = next(
        (x for x in s.dates if x.start == after[j].start and x.kind == "day" and x.first), None
    )
    if d is None:
        return None
    return DatedBase(d, kind, d.end)


def _states_level(s: Sent, pos: int) -> bool:
    """Whether the head at ``pos`` is followed by the level it names ("peak of 6,144.15", "low
    at 2,191.86"): a move from a stated level, read by the distance and upside rules."""
    nxt = s.after(pos, 2)
    if len(nxt) < 2 or nxt[0].lower not in ("of", "at"):
        return False
    return any(q.start == nxt[1].start for q in s.quantities)


def since_bind(b: DatedBase) -> Bind:
    """The period "since the close of ``b.date``" a dated base gives its move."""
    return Bind(PeriodSpec("since", b.date.text, anchor=b.date.first), b.date.text, "explicit")
