"""A session's opening level (issue 8, round 76).

"The VIX opened at 18.29, slightly above the previous close", "Microsoft opened higher at
$412.10", "Open: 40.80": the first print of a session, which the store holds for the series whose
files carry opens (the VIX, the ETFs and the stocks; not the S&P 500's FRED closes). Until this
round such a figure was read as nothing, or as an intraday figure closes cannot settle.

The rule reads an opening verb ("opened", "opens") followed by "at" and the level, with at most
a direction or the session's noun between ("opened higher at", "opened the session at"), an
opening noun with its level ("an open of", "opening level of"), or a table's "Open:" label. A
date between the verb and "at" ("opened 2025 at 5,900") is a period's first level, another
measure, and is not read. The judge reads the store's open on the claim's day: supported within
the level band of a close (:func:`thesis.claims.tolerance.level_band`, to the stated figure's
precision), contradicted beyond it. Where the store holds no opens, or only copies of the close
(the VIX before 1992), the claim is not judged. Share and fund prices are stored adjusted for
later splits and dividends, so their opens can be confirmed, never refuted.

The phrasing is a verb or a label right before a level, so token lists find it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from thesis.claims.binding import bind_date, bind_subject, make_claim
from thesis.claims.frames import Claim
from thesis.claims.market import on
from thesis.claims.tolerance import level_band

if TYPE_CHECKING:
    from thesis.claims.binding import Ctx
    from thesis.claims.document import Sent
    from thesis.claims.judge import Outcome
    from thesis.claims.market import Market
    from thesis.text.numbers import Quantity

__all__ = ["OPEN_WORDS", "judge_session_open", "rule_session_open"]

#: the words that name a session's open (the rule runs only on sentences that hold one)
OPEN_WORDS = frozenset({"opened", "opens", "open", "opening"})
#: the words that may stand between an opening verb and "at" ("opened higher at")
_GAP = frozenset(
    {
        "higher",
        "lower",
        "up",
        "down",
        "slightly",
        "sharply",
        "marginally",
        "flat",
        "the",
        "session",
        "day",
        "trading",
        "trade",
        "today",
        "its",
    }
)
#: the words between "at" (or "of", ":") and the level
_HEDGE_GAP = frozenset(
    {"about", "around", "roughly", "approximately", "near", "nearly", "just", "$"}
)
#: subject kinds whose open the store may hold
_KINDS = ("volatility", "index", "stock", "etf")


def rule_session_open(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """Claims of a session's opening level (see the module)."""
    out: list[Claim] = []
    toks = s.tokens
    for i, t in enumerate(toks):
        low = t.lower
        if low not in OPEN_WORDS:
            continue
        j = i + 1
        if low in ("opened", "opens"):
            while j < len(toks) and toks[j].lower in _GAP:
                j += 1
            if j >= len(toks) or toks[j].lower != "at":
                continue
        elif j < len(toks) and toks[j].lower in ("level", "price", "print"):
            j += 1  # "an opening level of"
        if j >= len(toks) or (low in ("open", "opening") and toks[j].text not in (":", "of")):
            continue
        q = _level_after(s, j)
        if q is None or q.start in used:
            continue
        subj = bind_subject(ctx, s, t.start)
        if subj.value is None or subj.value.kind not in _KINDS:
            continue
        if (q.unit == "usd") != (subj.value.kind in ("stock", "etf")):
            continue  # "$412.10" is a share's price, a bare 18.29 an index's level
        used.add(q.start)
        c = make_claim(
            ctx,
            s,
            kind="level",
            measure="session_open",
            subject=subj,
            parts=[(t.start, q.end)],
            rule="session_open",
            value=q.value,
            unit="usd" if q.unit == "usd" else "points",
            decimals=q.decimals,
            date=bind_date(ctx, s, q.start),
            hedge=s.hedge(q),
            level=q.value,
        )
        # an open is known once the session opened: the opening word is no intraday figure
        c.qualifiers = [x for x in c.qualifiers if x != "intraday"]
        out.append(c)
    return out


def _level_after(s: Sent, j: int) -> Quantity | None:
    """The level right after token ``j`` ("at", "of", ":"), a hedge or a dollar sign between."""
    for t in s.tokens[j + 1 : j + 4]:
        if t.kind == "number":
            q = next((q for q in s.quantities if q.start <= t.start < q.end), None)
            if q is None or q.is_range or q.words or q.sign or q.scale != 1.0:
                return None
            if q.unit not in ("plain", "points", "usd") or q.value < 1:
                return None
            return q
        if t.lower not in _HEDGE_GAP:
            return None
    return None


def judge_session_open(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    """The store's open of the claim's series on its day (see the module)."""
    from thesis.claims.judge import Outcome, _adjusted_prices, _f, _na, _no_session

    subj = c.subject
    assert subj is not None
    got = m.daily(subj)
    if got is None:
        return _na(f"no daily data for {subj.name} in the store up to {m.as_of}", subj.settle)
    sid = got[0]
    opens = m.opens(sid)
    if opens is None:
        return _na(f"the store holds no opens for {sid} (closes only)", subj.settle)
    if _no_session(m, day):
        return _na(f"no {sid} session on {day}")
    value = on(opens, day)
    if value is None:
        return _na(f"no {sid} open on {day} in the store")
    rng = m.session_range(sid)
    lo = on(rng[0], day) if rng is not None else None
    hi = on(rng[1], day) if rng is not None else None
    if lo is not None and lo == hi:
        return _na(f"the store's {sid} open on {day} is a copy of its close (no session range)")
    stated = float(c.stated_value or 0)
    band = level_band(
        stated, c.comparator, c.hedge, rounded_to=10.0**-c.decimals, unit=10.0**-c.decimals
    )
    diff = (value / stated - 1) * 100
    ev = f"{sid} {day} open = {_f(value)}; stated {_f(stated)} ({diff:+.3f}%)"
    ok = band.verdict(diff)
    if _adjusted_prices(c) and ok is not True:
        return Outcome(None, ev + "; stored prices may be adjusted: not judged", band.text, value)
    return Outcome(ok, ev, band.text, value)
