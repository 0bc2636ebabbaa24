"""A streak without a daily move beyond a threshold (issue 8).

"Both the Dow and the S&P had been absent one-day gains of 1% or more since Dec. 7", "the index
has gone without a 1% daily drop since March", "no single-day decline of 2% since D": the figure is
the threshold of a daily move that has not happened since D, not the change since D (read as the
change, +6.9% against "1%", it was a false contradiction). Such a figure is its own measure,
``move_streak``: supported when no session after D, up to the day, moved beyond the threshold in
the stated direction; contradicted when one clearly did (the evidence names it); not judged in
between (a move that rounds to the threshold). The phrasing is found with short word lists (a
daily-move word near the figure, an absence word before it in its clause, a "since" period):
the class is narrow and a parse would not add to it. The pluperfect ("had been absent") ends
the streak before the session the sentence reports, whose own move usually broke it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from thesis.claims.document import Sent
from thesis.claims.frames import Claim

if TYPE_CHECKING:
    from thesis.claims.judge import Outcome
    from thesis.claims.market import Market

__all__ = ["judge_move_streak", "mark_move_streak"]

#: words that make a figure the size of one session's move
_DAILY = frozenset({"one-day", "single-day", "daily", "one-session", "single-session"})
_DAILY_AFTER = (("in", "a", "day"), ("in", "one", "day"), ("in", "a", "single", "day"),
                ("in", "a", "session"), ("in", "a", "single", "session"), ("in", "one", "session"))  # fmt: skip
#: words that say the move has been absent
_ABSENT = frozenset({"no", "not", "n't", "never", "without", "absent", "lacked", "lacking",
                     "avoided", "free", "hasn't", "haven't", "hadn't", "didn't"})  # fmt: skip
#: a move within this many points of percent above the threshold is not judged (a move that a
#: wire rounds to the threshold: "1% or more" for +0.996%)
_MARGIN = 0.1


def mark_move_streak(s: Sent, c: Claim, at: int) -> None:
    """Make ``c`` a ``move_streak`` claim when its figure at ``at`` is the threshold of a daily
    move absent since a day ("absent one-day gains of 1% or more since Dec. 7").

    Parameters
    ----------
    s
        The claim's sentence.
    c
        A change claim (``measure == "change"``, percent) with a ``since`` period.
    at
        The offset of its figure.
    """
    p = c.period
    if c.measure != "change" or p is None or p.kind not in ("since", "since_open"):
        return
    if p.anchor is None or c.unit != "pct":
        return
    cl = s.clause_of(at)
    # hyphens are tokens of their own: "one - day" is joined back to "one-day"
    before = " ".join(t.lower for t in s.before(at, 10) if t.start >= cl.start)
    before_words = before.replace(" - ", "-").split()
    after = s.words_after(at, 9)
    daily = bool(_DAILY & set(before_words[-4:])) or any(
        tuple(after[i : i + len(ph)]) == ph for ph in _DAILY_AFTER for i in range(0, 6)
    )
    if not daily or not (_ABSENT & set(before_words)):
        return
    c.measure = "move_streak"
    # the absence is the claim, and the figure's "or more" the threshold it is read with
    c.qualifiers[:] = [q for q in c.qualifiers if q not in ("negated", "count")]
    c.extra.pop("count_words", None)
    c.extra["streak_anchor"] = p.anchor
    if "had" in before_words or "hadn't" in before_words:
        # "had been absent ... since Dec. 7": the pluperfect ends the streak before the session
        # the sentence reports (the day's own move is what broke it)
        c.extra["streak_before_day"] = True


def judge_move_streak(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    """Whether no session after the claim's anchor day, up to ``day``, moved by the stated
    threshold or more in its direction (percent change of the daily close)."""
    from thesis.claims.judge import Outcome, _daily, _na
    from thesis.claims.market import iso

    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    anchor = c.extra.get("streak_anchor")
    if not isinstance(anchor, dt.date) or c.stated_value is None:
        return _na("the day the streak starts is not stated")
    w = s.between(anchor, day)
    if c.extra.get("streak_before_day") and len(w) and w.last == day:
        w = w.sl(0, -1)
    if len(w) < 2 or w.first > anchor + dt.timedelta(days=4) or w.last < day - dt.timedelta(days=4):
        return _na(f"no {sid} closes from {anchor} to {day}")
    thr = abs(float(c.stated_value))
    sign = c.direction
    moves = [
        (w.dates[i], (w.values[i] / w.values[i - 1] - 1) * 100) for i in range(1, len(w.values))
    ]
    size = [(t, x * sign if sign else abs(x)) for t, x in moves]
    t_max, x_max = max(size, key=lambda tx: tx[1])
    what = {1: "gain", -1: "drop", 0: "move"}[sign]
    ev = (
        f"{sid} daily moves after {iso(w.first)} up to {iso(w.last)} ({len(moves)} sessions): "
        f"largest {what} {x_max:.2f}% on {iso(t_max)} vs a stated absence of {thr:g}% or more"
    )
    tol = f"no session's {what} of {thr:g}% or more (rounded); clearly beyond: {thr + _MARGIN:g}%"
    if x_max < thr - 0.005:
        return Outcome(True, ev, tol, round(x_max, 4))
    if x_max >= thr + _MARGIN:
        return Outcome(False, ev, tol, round(x_max, 4))
    return Outcome(None, ev + "; it rounds to the threshold: not judged", tol, round(x_max, 4))
