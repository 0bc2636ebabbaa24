"""A move measured from an earlier close the words name relative to the article's day.

"down 0.06% from last Friday's close", "by more than 5% since last Friday", "rose 1.7% from its
previous week's close": the base of the move is a close the
clause names itself, so its period is bound by the clause's own words (never assumed).

- "from (its|the)? (previous|prior|last) week's close" is the change over the week, as "for
  the week" is (the same readings: the week before for an article written Monday to Thursday);
- "from (the)? (previous|prior) session's / day's close" is the session's change ("from
  yesterday's close" is not read: the text layer dates the move by "yesterday"), as are "from
  the previous session", "from the prior close" and "from the previous trading day";
- "from last <weekday>'s close" and "since last <weekday>" are the change since that day's
  close, the day counted back from the article's: the last such weekday strictly before it. The
  words are read only where they name one day: a weekday article and a weekday on or after the
  article's in the week ("last Friday" in a Friday article is the Friday a week before; in a
  Monday article the Friday three days before). "last Monday" in a Thursday article may be
  this week's Monday or the one before, and "last Friday" in a weekend article yesterday or the
  Friday before: not read (``None``), so the move stays unread as before.

A month's or a year's "last month's close" is not read: an article written early in a month
often reports the month before, so the month is not bound by the words alone.
"""

from __future__ import annotations

import datetime as dt

from thesis.claims.binding import Bind, Ctx
from thesis.claims.document import Quantity, Sent
from thesis.claims.frames import PeriodSpec
from thesis.text.dates import WEEKDAYS

__all__ = ["prior_close"]

#: the weekdays with a session ("last Friday"), Monday first as ``dt.date.weekday`` counts
_WEEKDAYS = WEEKDAYS[:5]
_PRIOR = frozenset({"previous", "prior", "last"})
_DETS = frozenset({"its", "the", "their"})
#: the head of a close ("last Friday's close", "the previous week's closing level")
_CLOSE_HEADS = frozenset({"close", "closing", "finish"})
#: the noun of the session or period the close ends
_UNITS = {"week": "week", "session": "day", "day": "day"}
#: the session before, named without a possessive ("from the previous session", "from the prior
#: close", "from the previous trading day")
_SESSION_NOUNS = frozenset({"session", "day", "close", "trading"})


def _possessive(w: str) -> str | None:
    """ "week's" → "week" (either apostrophe), else ``None``."""
    for suf in ("'s", "\u2019s"):
        if w.endswith(suf):
            return w[: -len(suf)]
    return None


#: words after "from last Friday" that make it a range's start ("from last Friday to Tuesday")
_RANGE_ENDS = frozenset({"to", "through", "until", "till", "thru", "-", "–"})


def _last_weekday(ref: dt.date, name: str) -> dt.date | None:
    """The day "last <name>" names in an article dated ``ref``, or ``None`` where the words may
    name either of two days (see the module docstring)."""
    a = ref.weekday()
    x = _WEEKDAYS.index(name)
    if a > 4 or x < a:
        return None
    return ref - dt.timedelta(days=7 - (x - a))


def prior_close(ctx: Ctx, s: Sent, q: Quantity) -> tuple[Bind, int] | None:
    """The period of the move at ``q`` and the end offset (characters) of its words when the
    words right after it name the earlier close it is measured from (see the module
    docstring), else ``None``.

    Parameters
    ----------
    ctx
        The rules' context; its reference day must be one day (not a month's window).
    s
        The sentence.
    q
        The move's figure (a percent or points).
    """
    if ctx.window is None or ctx.window[0] != ctx.window[1]:
        return None
    ref = ctx.window[1]
    after = s.after(q.end, 6)
    w = [t.lower for t in after]
    if not w or w[0] not in ("from", "since"):
        return None
    prep, rest = w[0], w[1:]
    if rest[:1] and rest[0] in _DETS:
        rest = rest[1:]
    if len(rest) < 2 or rest[0] not in _PRIOR:
        return None
    noun = _possessive(rest[1])
    if noun is not None and noun in _UNITS and rest[2:3] and rest[2] in _CLOSE_HEADS:
        if prep != "from":
            return None
        head = after[len(w) - len(rest) + 2]
        text = s.doc.text[after[1].start : head.end]
        return Bind(PeriodSpec(_UNITS[noun], text), text, "explicit"), head.end
    if prep == "from" and rest[0] != "last" and rest[1] in _SESSION_NOUNS:
        # "declining 26.83 points from the previous session", "down 0.4% from the prior close"
        k = 2 if rest[1] != "trading" else 3
        if k == 3 and rest[2:3] not in (["day"], ["session"]):
            return None
        head = after[len(w) - len(rest) + k - 1]
        text = s.doc.text[after[1].start : head.end]
        return Bind(PeriodSpec("day", text), text, "explicit"), head.end
    if rest[0] != "last":
        return None
    day_word = noun if noun is not None else rest[1]
    if day_word not in _WEEKDAYS:
        return None
    if noun is not None and not (rest[2:3] and rest[2] in _CLOSE_HEADS):
        return None  # "from last Friday's high": a level, not a close
    if prep == "from" and noun is None and rest[2:3] and rest[2] in _RANGE_ENDS:
        return None  # "from last Friday to Tuesday": a range's start, not a base
    day = _last_weekday(ref, day_word)
    if day is None:
        return None
    i = len(w) - len(rest)
    text = s.doc.text[after[i].start : after[i + 1].end]
    end = after[i + 2].end if noun is not None else after[i + 1].end
    return Bind(PeriodSpec("since", text, anchor=day, last=day), text, "explicit"), end
