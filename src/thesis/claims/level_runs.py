"""A run of closes on one side of a level (issue 8).

"marking its 12th consecutive trading session above 6,900", "closed above 7,000 for the fifth
straight day", "its third straight close below 20", "has finished above 5,000 for 10 sessions in
a row": a count of the sessions in a row, ending at the claim's day, whose close was on the
stated side of a round level. The frame: subject (an index or the VIX), side, level, the count,
whether it is an ordinal (the run is exactly that long on the day) or a cardinal ("for 10
straight sessions": at least that long, and exactly so when nothing says otherwise), and the day
(:func:`binding.bind_date`).

The ``level_run`` measure (:func:`judge_level_run`) counts the run on the store's closes, up to
the day: supported when the count is the stated one; contradicted when it lies outside the
lengths the closes within :data:`thresholds.MARGIN_PCT` of the level allow (a rounded level or a
preliminary close could tip one to either side); a cardinal count shorter than the run is not contradicted
("above 5,000 for ten straight sessions" is true of an eleven-session run). The phrasing is a run
word ("consecutive", "straight", "successive", "in a row") beside a session noun, right before a
side word and a level ("its fifth straight session above 6,000") or right after them ("above
6,000 for the fifth straight session"); token lists find it, as they do for :mod:`thresholds`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from thesis.claims.document import Sent
from thesis.claims.frames import Claim
from thesis.text.numbers import NUMBER_WORDS, ORDINALS

if TYPE_CHECKING:
    from thesis.claims.binding import Ctx
    from thesis.claims.judge import Outcome
    from thesis.claims.market import Market

__all__ = ["RUN_WORDS", "judge_level_run", "rule_level_run"]

#: the words without one of which :func:`rule_level_run` finds nothing (``extract._GATES``)
RUN_WORDS = frozenset({"consecutive", "straight", "successive", "row"})
#: nouns of the sessions a run counts
_SESSIONS = frozenset(
    {"session", "sessions", "day", "days", "close", "closes", "time", "times", "finish",
     "finishes", "week"}  # "week" only to refuse it: a run of weeks is not of sessions
)  # fmt: skip
_SUBJECTS = ("index", "volatility", "market")


def _count(toks: list, k: int) -> tuple[int, bool] | None:
    """(value, ordinal?) of a count at ``toks[k]``: "12th" (two tokens), "fifth", "10", "ten"."""
    w = toks[k].lower
    if w in ORDINALS:
        return ORDINALS[w], True
    if w.isdigit():
        nxt = toks[k + 1].lower if k + 1 < len(toks) else ""
        if nxt in ("st", "nd", "rd", "th") and toks[k + 1].start == toks[k].end:
            return int(w), True
        return int(w), False
    if w in NUMBER_WORDS:
        return int(NUMBER_WORDS[w]), False
    return None


def _run_phrase(toks: list, lo: int, hi: int) -> tuple[int, bool, int, int] | None:
    """A run of sessions between token ``lo`` and ``hi``: (count, ordinal?, first token, last
    token) of "12th consecutive trading session", "ten straight days", "five sessions in a row";
    ``None`` when there is none, or it counts weeks."""
    for k in range(max(0, lo), min(len(toks), hi)):
        got = _count(toks, k)
        if got is None:
            continue
        j = k + (2 if got[1] and toks[k].lower.isdigit() else 1)
        words = [t.lower for t in toks[j : j + 5]]
        if words[:1] and words[0] in ("consecutive", "straight", "successive"):
            rest = words[1:]
            if rest[:1] == ["trading"]:
                rest = rest[1:]
            if rest[:1] and rest[0] in _SESSIONS:
                if rest[0] == "week":
                    return None
                return got[0], got[1], k, j + len(words) - len(rest)
        elif words[:1] and words[0] in _SESSIONS and words[1:4] == ["in", "a", "row"]:
            if words[0] == "week":
                return None
            return got[0], got[1], k, j + 3
    return None


def rule_level_run(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """Closes on one side of a level for a run of sessions (see the module)."""
    from thesis.claims.binding import bind_date, bind_subject, make_claim
    from thesis.claims.rules import _is_level
    from thesis.claims.thresholds import _side_at

    toks = s.tokens
    words = [t.lower for t in toks]
    index = {t.start: k for k, t in enumerate(toks)}
    out: list[Claim] = []
    for q in s.quantities:
        k = index.get(q.start)
        if k is None or q.start in used or not _is_level(q) or q.unit == "usd":
            continue
        side = _side_at(words, k)
        if side is None:
            continue
        j = side[1]
        # the run before the side word ("its 12th consecutive session above 6,900") or after
        # the level ("above 6,900 for the ninth straight session")
        run = _run_phrase(toks, j - 6, j)
        if run is not None and not set(words[run[3] + 1 : j]) <= {"closing", "finishing", "ending"}:
            run = None  # "rose for the third straight session, closing above": another run
        if run is None:
            run = _run_phrase(toks, k + 1, k + 6)
            if run is not None and not set(words[k + 1 : run[2]]) <= {"for", "the", "a", "its"}:
                run = None
        if run is None:
            continue
        n, ordinal, a, b = run
        if not 1 < n <= 300:
            continue
        subj = bind_subject(ctx, s, q.start)
        if subj.value is None or subj.value.kind not in _SUBJECTS:
            continue
        if (subj.value.kind == "volatility") == (q.value >= 100):
            continue  # "VIX above 5,000" or "S&P 500 above 20": another figure
        used.add(q.start)
        first = min(toks[a].start, toks[j].start)
        last = max(toks[b].end, q.end)
        out.append(make_claim(
            ctx, s, kind="other", measure="level_run", subject=subj, parts=[(first, last)],
            rule="level_run", value=float(n), unit="count", date=bind_date(ctx, s, q.start),
            level=q.value, at=q.start,
            extra={"side": side[0], "n": n, "ordinal": ordinal},
        ))  # fmt: skip
    return out


def judge_level_run(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    """The run of closes on the stated side of the level that ends at the day (see the module)."""
    from thesis.claims.judge import Outcome, _daily, _f, _na, iso
    from thesis.claims.thresholds import MARGIN_PCT, _on_side

    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    level = float(c.level or 0)
    below = c.extra.get("side") == "below"
    n, ordinal = int(c.extra.get("n") or 0), bool(c.extra.get("ordinal"))
    w = s.upto(min(day, m.as_of))
    if not len(w) or (day - w.last).days > 4:
        return _na(f"no {sid} close on {iso(day)}", c.subject.settle if c.subject else "")
    vals, dates = w.values, w.dates
    if not 0.5 <= level / vals[-1] <= 2.0:
        return _na(f"{_f(level, 0)} is nowhere near the {sid} close ({_f(vals[-1])})")
    run = _run(vals, lambda x: _on_side(x, level, below))
    if run == len(vals):
        return _na(
            f"{sid} closed {c.extra.get('side')} {_f(level, 0)} on every day the store holds"
        )
    side = c.extra.get("side")
    start = dates[len(vals) - run] if run else None
    ev = (
        f"{run} {sid} closes in a row {side} {_f(level, 0)} up to {iso(dates[-1])}"
        + (f" (from {iso(start)}; the close before: {_f(vals[-run - 1])} on "
           f"{iso(dates[-run - 1])})" if run else f" (that day's close: {_f(vals[-1])})")
    )  # fmt: skip
    tol = f"exact count of closes {side} the level; {MARGIN_PCT:g}% margin"
    if run == n:
        return Outcome(True, ev, tol, run)
    # a close within the margin may fall on either side: the run's length is only known between
    # the run of clear closes and the run through the near ones
    lo = _run(vals, lambda x: _on_side(x, level, below, MARGIN_PCT))
    hi = _run(vals, lambda x: not _on_side(x, level, not below, MARGIN_PCT))
    if lo <= n <= hi:
        return Outcome(None, ev + f"; closes within the margin make it {lo} to {hi}: not judged",
                       tol, run)  # fmt: skip
    if not ordinal and n < lo:
        return Outcome(None, ev + f"; at least {n} holds of a longer run: not judged", tol, run)
    return Outcome(False, ev, tol, run)


def _run(vals: list[float], on: Callable[[float], bool]) -> int:
    """How many of the last values in a row ``on`` holds for."""
    k = 0
    for x in reversed(vals):
        if not on(x):
            break
        k += 1
    return k
