"""An index on one side of a round level, on a day or in a period (issue 8).

"reaching a historic close above 5,200", "closing under the 4,000-mark", "The S&P 500 surpassed
6,750", "a correction briefly sent the index back below 6,000", "the Dow surpassed 40,000 in 2024":
a level after a side word ("above", "below", "under", or a verb of crossing: "surpassed",
"topped", "exceeded", "crossed", "breached"), about an index or the VIX. The frame: subject, side,
the level, the day (``binding.bind_date``) or a month, quarter or year named in the clause, and
whether closing words ("closed", "finished", "ended", "settled", "a close") make it a close.

The ``threshold`` measure (:func:`judge_threshold`):

- *on a day*: the close on the day on that side supports it. The close on the other side
  contradicts it only when the words say it was a close (beyond :data:`MARGIN_PCT`, a round level
  being often rounded); without closing words the session's high or low may have crossed (the
  store holds none for an index; a fund's range read as a proxy only blocks), so only a close
  more than :data:`FAR_PCT` on the other side contradicts it, and only when the range, where there
  is one, did not reach the level either.
- *in a period*: a close on that side in the period supports it; none contradicts it on the same
  terms (closing words, or every close more than :data:`FAR_PCT` away).
- *a return* ("back below 6,000", "reclaiming levels above 6,000"): supported only when a close
  on the other side lies in the :data:`RETURN_SESSIONS` before (else not judged: "reclaiming"
  a side the index never left is a story the data do not tell).

Not read here: "for the first time" and "since" crossings (``rules.rule_first``), distances ("5%
above", "18 points below": a number before the side word), records ("a record close above
48,000"), a share's or a fund's price (stored prices are adjusted for later splits), and "over"
without closing words ("over 1,000 points" is a size). Forecasts, conditionals and negations are
the qualifiers' (``binding.qualifiers``). The phrasing is a side word, an optional article or
"the key", and a number: token lists find it; a parse would add nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from thesis.claims.document import Sent
from thesis.claims.frames import Claim
from thesis.text.dates import DateMention
from thesis.text.numbers import Quantity

if TYPE_CHECKING:
    from thesis.claims.binding import Bind, Ctx
    from thesis.claims.judge import Outcome
    from thesis.claims.market import Market

__all__ = ["FAR_PCT", "MARGIN_PCT", "THRESHOLD_WORDS", "judge_threshold", "rule_threshold"]

#: a close this near the level (percent of it) is on neither side: a round level is often rounded
MARGIN_PCT = 0.05
#: without closing words, how far on the other side the close must be to contradict (percent): an
#: index's session rarely ranges further from its close
FAR_PCT = 1.5
#: the same for a yield, in percentage points: a close within a basis point of the level is on
#: neither side (yields are published to the hundredth), and a session's range rarely runs more
#: than 15 bp from its close
YIELD_MARGIN_PP, YIELD_FAR_PP = 0.01, 0.15

_ABOVE = frozenset(
    {
        "above",
        "surpassed",
        "surpassing",
        "surpasses",
        "surpass",
        "topped",
        "topping",
        "tops",
        "exceeded",
        "exceeding",
        "exceeds",
        "crossed",
        "crossing",
        "crosses",
        "breached",
        "breaching",
        "eclipsed",
        "eclipsing",
    }
)
_BELOW = frozenset({"below", "under", "beneath"})
#: "closed over 5,000" is a side; "over 1,000 points" alone is a size
_OVER = "over"
#: the words without one of which :func:`rule_threshold` finds nothing (``extract._GATES``)
THRESHOLD_WORDS = _ABOVE | _BELOW | {_OVER}
_CLOSE_WORDS = frozenset(
    {"closed", "closes", "closing", "close", "finished", "finishing", "ended", "ending", "settled"}
)
_FILLER = frozenset({"the", "a", "key", "psychological", "psychologically", "important", "back"})
#: words near the level that make it another claim's (a record, a first crossing, a span's start)
_OTHER_CLAIM = frozenset(
    {"record", "first", "since", "all-time", "highest", "lowest", "streak", "streaks", "straight",
     "consecutive"}
)  # fmt: skip
#: words that make the side a return to it ("back below 6,000", "reclaiming levels above 6,000"):
#: the close was on the other side within :data:`RETURN_SESSIONS` before
_RETURN = frozenset(
    {"back", "reclaim", "reclaims", "reclaimed", "reclaiming", "regain", "regains", "regained",
     "regaining", "recapture", "recaptured", "recapturing", "returned", "returning"}
)  # fmt: skip
#: how recent a close on the other side must be for a return to the side to hold (three months)
RETURN_SESSIONS = 63
_SUBJECTS = ("index", "volatility", "market")
_PERIOD_KINDS = ("month", "quarter", "half", "year")


def _side_at(words: list[str], k: int) -> tuple[str, int] | None:
    """The side ("above"/"below") the words before the number at token ``k`` state, and where the
    side word is; ``None`` when no side word is right before it (past fillers)."""
    j = k - 1
    while j >= 0 and words[j] in _FILLER and k - j <= 3:
        j -= 1
    if j < 0:
        return None
    w = words[j]
    if w in _ABOVE:
        return "above", j
    if w in _BELOW:
        return "below", j
    if w == _OVER and j > 0 and words[j - 1] in _CLOSE_WORDS:
        return "above", j
    return None


def rule_threshold(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """An index above or below a level on a day or in a period: the ``threshold`` measure, its
    side, level, closing words and period in ``extra`` (see the module)."""
    from thesis.claims.binding import Bind, bind_date, bind_subject, make_claim
    from thesis.claims.rules import _is_level

    toks = s.tokens
    words = [t.lower for t in toks]
    index = {t.start: k for k, t in enumerate(toks)}
    out: list[Claim] = []
    for q in s.quantities:
        k = index.get(q.start)
        if k is None or q.start in used or not _is_level(q) or q.unit == "usd":
            continue
        if q.decimals > (1 if q.value < 100 else 0):
            continue  # "a close below 3,837.25": a computed level (a bear market's), not a mark
        side = _side_at(words, k)
        if side is None:
            continue
        j = side[1]
        lo = toks[max(0, j - 2)].start
        if any(x is not q and lo < x.end <= toks[j].start for x in s.quantities):
            continue  # "18 points below", "5% above": a distance
        near = set(words[max(0, j - 5) : min(len(words), k + 8)])
        if near & _OTHER_CLAIM:
            continue
        subj = bind_subject(ctx, s, q.start)
        if subj.value is None or subj.value.kind not in _SUBJECTS:
            continue
        if (subj.value.kind == "volatility") == (q.value >= 100):
            continue  # "VIX above 5,000" or "S&P 500 above 20": another figure
        cl = s.clause_of(q.start)
        closed = bool(_CLOSE_WORDS.intersection(words[max(0, j - 5) : j]))
        period = _period_in(s, cl.start, cl.end)
        back = bool(_RETURN.intersection(words[max(0, j - 3) : j]))
        extra: dict[str, object] = {"side": side[0], "closed": closed, "back": back}
        if period is not None:
            last = _joined_last(s, period)
            extra["within"] = (period.first, last)
            text = s.doc.text[period.start : _joined_end(s, period)]
            date = Bind(period, text, "explicit")
        else:
            date = bind_date(ctx, s, q.start)
        used.add(q.start)
        c = make_claim(
            ctx, s, kind="level", measure="threshold", subject=subj,
            parts=[(toks[j].start, q.end)], rule="threshold", value=q.value, unit="points",
            decimals=q.decimals, date=date, level=q.value, extra=extra, at=q.start,
        )  # fmt: skip
        out.append(c)
    return out


def _period_in(s: Sent, a: int, b: int) -> DateMention | None:
    """A month, quarter, half or year named between offsets ``a`` and ``b``, not a span's start
    ("since 2007")."""
    return next(
        (
            d
            for d in s.dates
            if d.kind in _PERIOD_KINDS
            and d.first is not None
            and d.last is not None
            and a <= d.start < b
            and "since" not in s.words_before(d.start, 2)
        ),
        None,
    )


def _narrowed(first: dt.date, last: dt.date) -> bool:
    """Whether [first, last] is part of a month, quarter or year ("early March"), not all of it:
    where such a part ends is the writer's loose choice."""
    whole_start = first.day == 1
    nxt = last + dt.timedelta(days=1)
    return not (whole_start and nxt.day == 1)


def yield_threshold(ctx: Ctx, s: Sent, q: Quantity, subj: Bind, side: str) -> Claim | None:
    """A yield on one side of a level in a named period ("the two-year topped 5% early in March",
    "the 10-year yield rose above 5% in October"): the ``threshold`` measure on the yield's daily
    closes, or ``None`` when the clause names no such period (a day's level is the yield rule's)."""
    from thesis.claims.binding import Bind, make_claim

    cl = s.clause_of(q.start)
    period = _period_in(s, cl.start, cl.end)
    if period is None or period.first is None:
        return None
    words = [t.lower for t in s.tokens]
    k = next((i for i, t in enumerate(s.tokens) if t.start == q.start), None)
    if k is None:
        return None
    closed = bool(_CLOSE_WORDS.intersection(words[max(0, k - 6) : k]))
    last = _joined_last(s, period) or period.first
    text = s.doc.text[period.start : _joined_end(s, period)]
    return make_claim(
        ctx, s, kind="rate", measure="threshold", subject=subj,
        parts=[(s.tokens[max(0, k - 1)].start, max(q.end, _joined_end(s, period)))],
        rule="threshold", value=q.value,
        unit="pct", decimals=q.decimals, date=Bind(period, text, "explicit"), level=q.value,
        extra={"side": side, "closed": closed, "back": False, "within": (period.first, last),
               "narrowed": _narrowed(period.first, last)},
        at=q.start,
    )  # fmt: skip


#: words that join two periods into one span ("late August and early September")
_JOINS = frozenset({"and", "or", "through", "to", "-", "–", "until"})


def _joined(s: Sent, d: DateMention) -> DateMention | None:
    """The period joined to ``d`` by one word ("late August and early September", "May through
    July"): the span covers both, so a level reached in either is in it."""
    nxt = next((x for x in s.dates if x.start >= d.end), None)
    if nxt is None or nxt.kind not in _PERIOD_KINDS or nxt.last is None:
        return None
    gap = [t.lower for t in s.doc.tokens_in(d.end, nxt.start)]
    if gap[1:] and gap[-1] in ("early", "mid", "late"):
        gap = gap[:-1]  # the modifier the second period's mention holds ("early September")
    return nxt if len(gap) == 1 and gap[0] in _JOINS else None


def _joined_last(s: Sent, d: DateMention) -> dt.date | None:
    j = _joined(s, d)
    return (
        j.last
        if j is not None and j.last is not None and d.last is not None and j.last > d.last
        else d.last
    )


def _joined_end(s: Sent, d: DateMention) -> int:
    j = _joined(s, d)
    return j.end if j is not None else d.end


def _on_side(x: float, level: float, below: bool, margin: float = 0.0) -> bool:
    """Whether ``x`` is on the stated side of ``level``, by more than ``margin`` percent."""
    m = level * margin / 100
    return x < level - m if below else x > level + m


def judge_threshold(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    """A close on the stated side of the level on the day, or in the period (see the module)."""
    from thesis.claims.judge import Outcome, _daily, _f, _na, iso, on

    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    level = float(c.level or 0)
    below = c.extra.get("side") == "below"
    # a yield (percent): margins in percentage points, as a share of the level
    margin_pct = YIELD_MARGIN_PP / level * 100 if c.unit == "pct" and level else MARGIN_PCT
    far_pct = YIELD_FAR_PP / level * 100 if c.unit == "pct" and level else FAR_PCT
    closed = bool(c.extra.get("closed"))
    side = "below" if below else "above"
    within = c.extra.get("within")
    a, b = within if isinstance(within, tuple) else (day, day)
    end = min(b, m.as_of)
    w = s.between(a - dt.timedelta(days=4) if a == b else a, end)
    if not len(w) or (end - w.last).days > 4 or (a != b and (w.first - a).days > 7):
        return _na(
            f"no {sid} closes covering {iso(a)}..{iso(b)}", c.subject.settle if c.subject else ""
        )
    if a == b:  # a day: its close (or the last one before a day with no session)
        w = w.between(w.last, w.last)
    closes = list(w.items())
    if not 0.5 <= level / closes[-1][1] <= 2.0:
        return _na(
            f"{_f(level, 0)} is nowhere near the {sid} close ({_f(closes[-1][1])}): another figure"
        )
    where = iso(closes[0][0]) if a == b else f"{iso(a)}..{iso(end)}"
    hits = [(t, x) for t, x in closes if _on_side(x, level, below)]
    lv = f"{level:g}%" if c.unit == "pct" else _f(level, 0)
    tol = f"a close {side} {lv}; " + (
        f"{YIELD_MARGIN_PP:g}pp margin" if c.unit == "pct" else f"{MARGIN_PCT:g}% margin"
    )
    if hits:
        t, x = (min if below else max)(hits, key=lambda h: h[1])
        ev = f"{sid} close {_f(x)} on {iso(t)}, {side} {lv}"
        if c.extra.get("back"):
            # "back below 6,000": on the other side some time in the three months before
            prior = s.upto(t).values[-RETURN_SESSIONS - 1 : -1]
            if not any(_on_side(v, level, not below) for v in prior):
                why = f"; but no close on the other side in the {RETURN_SESSIONS} sessions before it: not a return, not judged"
                return Outcome(None, ev + why, tol, x)
        return Outcome(True, ev, tol, x)
    t, x = (max if not below else min)(closes, key=lambda h: h[1])
    gap = (x / level - 1) * 100
    ev = (f"{sid} {'close' if a == b else 'closes ' + where + ': the ' + ('highest' if not below else 'lowest')} "
          f"{_f(x)} on {iso(t)}, " + (f"{x - level:+.2f}pp" if c.unit == "pct" else f"{gap:+.2f}%")
          + f" from {lv}")  # fmt: skip
    if not _on_side(x, level, not below, margin_pct):
        return Outcome(None, ev + ": within the margin, not judged", tol, x)
    if c.extra.get("narrowed"):
        return Outcome(
            None,
            ev + "; 'early', 'mid' or 'late' is a loose part of the period: not judged",
            tol,
            x,
        )
    if closed:
        return Outcome(False, ev, tol, x)
    if abs(gap) <= far_pct:
        return Outcome(
            None, ev + "; no closing words: the session's range may have crossed it", tol, x
        )
    rng = m.session_range(sid, proxy=True)
    if rng is not None:
        ext = [on(rng[1 if not below else 0], d) for d, _ in closes]
        if any(e is None or _on_side(e, level, below) for e in ext):
            why = "; no closing words: the session's range (or a fund's, as a proxy) reached it"
            return Outcome(None, ev + why, tol, x)
    far = f"{YIELD_FAR_PP:g}pp" if c.unit == "pct" else f"{FAR_PCT:g}%"
    return Outcome(False, ev + f" (no closing words: more than {far} away)", tol, x)
