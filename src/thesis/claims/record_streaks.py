"""Consecutive record closes (issue 8).

"Equities celebrated with three consecutive record-high closes", "markets hit new records for
three straight days", "the gains marked two closing highs in a row for the S&P 500": the count is
of the sessions in a row, ending at the day, each of which closed above every earlier close. It
is its own measure, ``record_streak``: supported when that run is exactly the stated count,
contradicted when it is shorter (a longer run is not judged: a writer may count from an event).
Words that do not say a close ("new records", "all-time highs") leave an intraday record possible:
the ``measure`` slot is then loose (supported by closes, never contradicted).

The phrasing is found with short word lists around a streak word (a count, a record word and a
close or unit noun beside it): the class is narrow and a parse would not add to it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from thesis.claims.document import Sent
from thesis.claims.frames import Claim
from thesis.text.numbers import token_count as _count
from thesis.text.tokens import Token

if TYPE_CHECKING:
    from thesis.claims.binding import Ctx
    from thesis.claims.judge import Outcome
    from thesis.claims.market import Market

__all__ = ["judge_record_streak", "record_streak_at", "rule_record_streak"]

_STREAK = frozenset({"consecutive", "straight", "successive"})
#: words that name a record ("record-high" is three tokens: "record", "-", "high")
_RECORD = frozenset({"record", "records", "all-time"})
#: nouns that make the record a close
_CLOSE_NOUNS = frozenset({"close", "closes", "closing", "finish", "finishes"})
#: verbs that make the records of a streak closes ("closed at records for three straight days")
_CLOSE_VERBS = frozenset({"closed", "ended", "finished", "settled"})
#: nouns a counted record may take ("three consecutive record-high closes")
_RECORD_NOUNS = frozenset({"high", "highs", "close", "closes", "closing", "finish", "finishes",
                           "records", "record", "-", "all-time"})  # fmt: skip
_SESSION_UNITS = frozenset({"day", "days", "session", "sessions"})
_TRADING = frozenset({"trading"})


#: words that may stand between a count and its streak word ("three more consecutive")
_COUNT_FILLERS = frozenset(
    {"more", "straight", "consecutive", "successive", "-", "further", "st", "nd", "rd", "th"}
)


def record_streak_at(toks: list[Token], i: int) -> tuple[int, int, int, bool] | None:
    """The consecutive-records phrase around the streak word at ``i`` ("consecutive",
    "straight", "successive" or the "row" of "in a row").

    Returns
    -------
    tuple or None
        ``(count, first token, last token, says a close)``, or None when the words around ``i``
        are not a count of record sessions in a row.
    """
    w = toks[i].lower
    row = w == "row" and i >= 2 and toks[i - 1].lower == "a" and toks[i - 2].lower == "in"
    if w not in _STREAK and not row:
        return None
    if row:
        # "two closing highs in a row", "three record closes in a row"
        j = i - 3
        nouns: list[Token] = []
        while j >= 0 and toks[j].lower in _RECORD_NOUNS and len(nouns) < 4:
            nouns.append(toks[j])
            j -= 1
        words = {t.lower for t in nouns}
        named = bool(words & _RECORD) or ("closing" in words and bool(words & {"high", "highs"}))
        if (
            j < 0
            or not nouns
            or not named
            or toks[i - 3].lower not in ("highs", "closes", "records")
        ):
            return None
        n = _count(toks[j])
        if not n or n < 2:
            return None
        return n, j, i, bool(words & _CLOSE_NOUNS)
    # the count right before the streak word, or two before it across a filler ("three more
    # consecutive"); not a name's digits ("the S&P 500 notched consecutive record closes")
    n_at = i - 1 if i >= 1 and _count(toks[i - 1]) else None
    if n_at is None and i >= 2 and toks[i - 1].lower in _COUNT_FILLERS and _count(toks[i - 2]):
        n_at = i - 2
    if n_at is None or toks[n_at].lower in ("a", "an"):
        return None
    n = _count(toks[n_at]) or 0
    if n < 2:
        return None
    after = toks[i + 1 : i + 6]
    # "three consecutive record-high closes", "its third straight record close"
    k = 0
    while k < len(after) and after[k].lower in _RECORD_NOUNS:
        k += 1
    head = {t.lower for t in after[:k]}
    if head & _RECORD and head & (_CLOSE_NOUNS | {"highs", "high", "records"}):
        return n, n_at, i + k, bool(head & _CLOSE_NOUNS)
    # "new records for three straight days", "record closes for a third consecutive session"
    unit = next((t for t in after[:2] if t.lower in _SESSION_UNITS), None)
    if unit is None or after[0].lower not in (_SESSION_UNITS | _TRADING):
        return None
    lead = [t.lower for t in toks[max(0, n_at - 6) : n_at]]
    if not lead or lead[-1] not in ("for", "the", "a") or not (set(lead) & _RECORD):
        return None
    if lead[-1] in ("the", "a") and (len(lead) < 2 or lead[-2] != "for"):
        return None
    first = max(0, n_at - 6) + next(i for i, x in enumerate(lead) if x in _RECORD)
    last = i + 1 + after.index(unit)
    # "closed at records for the third straight day": the closing verb says the records are closes
    return n, first, last, bool(set(lead) & (_CLOSE_NOUNS | _CLOSE_VERBS))


def rule_record_streak(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """ "Three consecutive record-high closes", "new records for three straight days", "two
    closing highs in a row": a count of record closes in a row, ending at the sentence's day."""
    from thesis.claims.binding import bind_date, bind_subject, make_claim

    toks = s.tokens
    for i in range(len(toks)):
        got = record_streak_at(toks, i)
        if got is None:
            continue
        n, a, b, closes = got
        subj = bind_subject(ctx, s, toks[i].start, after_ok=True)
        if subj.value is None or subj.value.kind not in ("index", "market"):
            continue
        c = make_claim(
            ctx, s, kind="level", measure="record_streak", subject=subj,
            parts=[(toks[a].start, toks[b].end)], rule="record_streak", value=f"{n} record closes",
            unit="sessions", date=bind_date(ctx, s, toks[i].start), extra={"n": n},
        )  # fmt: skip
        if not closes:
            c.loose.setdefault(
                "measure",
                "the words do not say the records are closes (an intraday record is another reading)",
            )
        used.update(q.start for q in s.quantities if toks[a].start <= q.start < toks[b].end)
        return [c]
    return []


def judge_record_streak(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    """How many sessions in a row, ending at ``day``, closed above every earlier close."""
    from thesis.claims.judge import Outcome, _daily, _na, _older_history, _stale
    from thesis.claims.market import iso

    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    n = int(c.extra.get("n") or 0)
    w = s.upto(day)
    if len(w) < 250 + n or _stale(s, day) or w.last < day - dt.timedelta(days=4):
        return _na(f"{sid} history up to {day} is too short to count record closes")
    old = _older_history(sid, s, m)
    floor = max(old.values) if old is not None and len(old) else float("-inf")
    vals = w.values
    # the running maximum before each of the last n + 1 sessions (one pass over the history)
    start = len(vals) - (n + 1)
    best = max(max(vals[:start]), floor)
    flags: list[bool] = []
    for v in vals[start:]:
        flags.append(v > best)
        best = max(best, v)
    k = 0
    for f in reversed(flags):
        if not f:
            break
        k += 1
    tail = ", ".join(f"{iso(t)} {x:,.2f}" for t, x in w.sl(-(n + 1)).items())
    more = "+" if k == n + 1 else ""
    ev = f"{sid} record closes in a row up to {iso(w.last)}: {k}{more} ({tail})"
    tol = "exact count of record closes in a row (a longer run is not judged)"
    if k == n:
        return Outcome(True, ev, tol, k)
    return Outcome(False if k < n else None, ev, tol, k)
