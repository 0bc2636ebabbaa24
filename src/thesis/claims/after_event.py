"""Changes measured from an event the sentence names (docs/claims.md, round 28).

Two phrasings put a change on a stretch that starts at an event, not on one session:

* **sessions after a day** — "In the four trading days following Liberation Day, the S&P 500
  fell 12.1%", "fell 12.1% in the four sessions after April 2": the change over the N sessions
  after the day, from its close to the N-th close after it (:func:`sessions_after`). An event
  that is not a date ("Liberation Day") leaves the period unknown: never one session.
* **since reaching a level on a day** — "fell nearly 10% to about 5,578 since reaching a peak of
  6,144 on Feb. 19", "has lost 8% since hitting a record on February 19": the change since that
  day, or, when the sentence states the level left and the level reached, the article's own
  arithmetic between them (:func:`since_reaching`). Without a day named, the phrase is left to
  the other period words.

Written by hand (no library reads these phrasings): each test is a bounded walk over the tokens
of one sentence, linear in its length.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from thesis.claims.frames import PeriodSpec
from thesis.text.numbers import Quantity, word_value

if TYPE_CHECKING:
    from thesis.claims.document import Sent
    from thesis.text.dates import DateMention
    from thesis.text.tokens import Token

__all__ = ["EventPeriod", "sessions_after", "since_reaching"]

_SESSION_UNITS = frozenset({"days", "sessions", "day", "session"})
_AFTER = frozenset({"following", "after"})
#: verbs of reaching a level right after "since" ("since reaching a peak", "since hitting 6,144")
_REACH = frozenset(
    {"reaching", "hitting", "touching", "setting", "notching", "peaking", "topping", "bottoming",
     "marking", "posting", "striking", "recording"}
)  # fmt: skip
_LEVEL_LEADS = frozenset({"of", "at", "near", "around", "about"})


@dataclass(frozen=True)
class EventPeriod:
    """The period an event phrase gives a change at a figure.

    ``spec`` is ``None`` when the event is not a date the checker can place (the period is then
    unknown, never one session); ``base`` is the level the sentence says the change started from
    ("since reaching a peak of 6,144"), when it states one; ``text`` the phrase's words.
    """

    spec: PeriodSpec | None
    text: str
    base: Quantity | None = None


def _count(t: Token) -> int | None:
    if t.kind == "number":
        try:
            v = float(t.text.replace(",", ""))
        except ValueError:
            return None
        return int(v) if v.is_integer() and 0 < v <= 60 else None
    v2 = word_value(t.lower)
    return int(v2) if v2 is not None and 0 < v2 <= 60 and float(v2).is_integer() else None


def _day_after(s: Sent, a: int, b: int) -> DateMention | None:
    """A day named in ``s`` starting in ``[a, b)`` that resolves to a date."""
    return next(
        (d for d in s.dates if a <= d.start < b and d.kind in ("day", "weekday") and d.first),
        None,
    )


def _owns(s: Sent, q: Quantity, a: int, b: int) -> bool:
    """Whether the phrase at ``a:b`` is the figure's: no other change stands between them."""
    lo, hi = (q.end, a) if a >= q.end else (b, q.start)
    return not any(
        lo <= x.start < hi and x.unit in ("pct", "points") for x in s.quantities if x is not q
    )


def sessions_after(s: Sent, q: Quantity) -> EventPeriod | None:
    """ "the N (trading) days/sessions following/after D" in ``s``, owned by the change at ``q``:
    the span from D's close to the N-th close after it (a ``span`` :class:`PeriodSpec` with
    ``first`` the day after D and ``n`` sessions), or an unknown period when D is not a date."""
    toks = s.doc.tokens_in(s.start, s.end)
    for i in range(1, len(toks) - 2):
        if toks[i].lower not in _SESSION_UNITS:
            continue
        j = i - 1
        if toks[j].lower == "trading":
            j -= 1
        if j < 0 or (n := _count(toks[j])) is None:
            continue
        if j < 1 or toks[j - 1].lower not in ("the", "first", "next"):
            continue
        if i + 1 >= len(toks) or toks[i + 1].lower not in _AFTER:
            continue
        a, b = toks[j - 1].start, toks[i + 1].end
        if not _owns(s, q, a, b):
            continue
        d = _day_after(s, b, b + 4)
        if d is None or d.first is None:
            nxt = [t for t in toks[i + 2 : i + 6] if t.start < s.end]
            end = nxt[-1].end if nxt else b
            return EventPeriod(None, s.doc.text[a:end])
        text = s.doc.text[a : d.end]
        spec = PeriodSpec("span", text, first=d.first + dt.timedelta(days=1), n=n, unit="session")
        return EventPeriod(spec, text)
    return None


def since_reaching(s: Sent, q: Quantity) -> EventPeriod | None:
    """ "since reaching (a peak of L) on D" after the change at ``q``: the change since D (a
    ``since`` :class:`PeriodSpec` anchored on D), with L as its stated base when written;
    ``None`` when no day is named (other period words decide)."""
    toks = s.doc.tokens_in(q.end, s.end)
    for i, t in enumerate(toks[:-1]):
        if t.lower != "since":
            continue
        if toks[i + 1].lower not in _REACH:
            return None
        a = t.start
        if not _owns(s, q, a, toks[i + 1].end):
            return None
        rest = toks[i + 2 : i + 12]
        base = None
        for k, x in enumerate(rest):
            if x.lower in _LEVEL_LEADS and k + 1 < len(rest):
                base = next(
                    (
                        y
                        for y in s.quantities
                        if y.start == rest[k + 1].start and y.unit in ("plain", "points", "usd")
                    ),
                    None,
                )
                if base is not None:
                    break
        hi = rest[-1].end if rest else toks[i + 1].end
        d = _day_after(s, toks[i + 1].end, hi)
        if d is None or d.first is None:
            # "since setting a record high in late September": a period the since-words of the
            # text layer read (or none); not this phrase's
            return None
        text = s.doc.text[a : d.end]
        return EventPeriod(PeriodSpec("since", text, anchor=d.first), text, base)
    return None
