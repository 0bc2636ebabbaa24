"""Ordinal tallies of the last few sessions, weeks or months (issue 8).

"Its ninth gain in the last ten sessions", "its sixth winning day in the last seven sessions",
"coming off its fourth positive week in the last five": the ordinal counts the moves in one
direction among the last M units up to the day, the latest of them included. It is the
``count_of`` measure ("up three of the past four weeks"): supported when exactly that many of
the last M closes moved that way, contradicted when another number did. The unit must be bound
by the clause's own words (a unit after the count, or the unit noun of the tally: "positive
week"); "the fifth negative return in the last six" names none, and is left alone.

The phrasing is narrow and fixed (an ordinal, a direction word, a noun, "in the last M"), so
short word lists find it; a parse would add nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from thesis.claims.document import Sent
from thesis.claims.frames import Claim
from thesis.claims.vocab import DOWN_NOUNS, UP_NOUNS
from thesis.text.numbers import ordinal_value, token_count
from thesis.text.tokens import Token

if TYPE_CHECKING:
    from thesis.claims.binding import Ctx

__all__ = ["COUNTED_KINDS", "rule_ordinal_tally", "tally_at"]

#: direction adjectives of a tallied unit ("positive week", "winning day", "losing session")
_ADJ = {"positive": 1, "winning": 1, "up": 1, "higher": 1,
        "negative": -1, "losing": -1, "down": -1, "lower": -1}  # fmt: skip
#: the units a tally counts, by their nouns (singular after an ordinal, plural after the count)
_UNITS = {"week": "week", "weeks": "week", "session": "session", "sessions": "session",
          "day": "session", "days": "session", "month": "month", "months": "month"}  # fmt: skip
#: the unit an adjective before a move noun names ("its ninth weekly gain")
_PER = {"daily": "session", "weekly": "week", "monthly": "month"}
_LAST = frozenset({"last", "past", "previous", "prior"})
_MOVE_NOUNS = {w: 1 for w in UP_NOUNS} | {w: -1 for w in DOWN_NOUNS}


def _count(tok: Token) -> int | None:
    return token_count(tok, ordinals=False)


def tally_at(toks: list[Token], i: int) -> tuple[int, int, str, int, int] | None:
    """The tally whose ordinal is at ``i``: ``(n, of, unit, direction, last token)``, or None
    when the words there are not "<ordinal> [adjective] <noun> in|of the last <M> [unit]"."""
    n = ordinal_value(toks[i].lower)
    if not n or i == 0 or toks[i - 1].lower not in ("its", "the", "their", "a"):
        return None
    j, d, unit = i + 1, 0, None
    w = [t.lower for t in toks[j : j + 9]]
    if len(w) < 6:
        return None
    if w[0] in _ADJ and w[1] in _UNITS:  # "fourth positive week"
        d, unit, k = _ADJ[w[0]], _UNITS[w[1]], 2
    elif w[0] in _PER and w[1] in _MOVE_NOUNS:  # "ninth weekly gain"
        d, unit, k = _MOVE_NOUNS[w[1]], _PER[w[0]], 2
    elif w[0] in _MOVE_NOUNS:  # "ninth gain"
        d, k = _MOVE_NOUNS[w[0]], 1
    else:
        return None
    if w[k] not in ("in", "of", "over") or w[k + 1] != "the" or w[k + 2] not in _LAST:
        return None
    of = _count(toks[j + k + 3]) if j + k + 3 < len(toks) else None
    if not of or not 1 <= n <= of <= 60:
        return None
    e = j + k + 4 + (w[k + 4 : k + 5] == ["trading"])
    after = _UNITS.get(toks[e].lower) if e < len(toks) else None
    if after is not None and unit is not None and after != unit:
        return None  # "its fourth positive week in the last five sessions": no one unit
    unit = after or unit
    if unit is None:
        return None  # "the fifth negative return in the last six": no unit in its words
    return n, of, unit, d, (e if after is not None else j + k + 3)


#: the subjects whose sessions a tally counts: series with a close each session
COUNTED_KINDS = frozenset({"index", "stock", "etf", "yield", "volatility"})


def rule_ordinal_tally(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """ "Its ninth gain in the last ten sessions", "its fourth positive week in the last five":
    how many of the last M sessions (weeks, months) up to the day moved that way."""
    from thesis.claims.binding import bind_date, bind_subject, make_claim

    toks = s.tokens
    for i in range(1, len(toks) - 6):
        got = tally_at(toks, i)
        if got is None:
            continue
        n, of, unit, d, last = got
        subj = bind_subject(ctx, s, toks[i].start, after_ok=True)
        if subj.value is None or subj.value.kind not in COUNTED_KINDS:
            continue
        used.update(q.start for q in s.quantities if toks[i].start <= q.start < toks[last].end)
        return [make_claim(
            ctx, s, kind="other", measure="count_of", subject=subj, parts=[(toks[i].start, toks[last].end)],
            rule="ordinal_tally", value=f"{n} of {of} {unit}s", unit="count",
            date=bind_date(ctx, s, toks[i].start), direction=d,
            extra={"n": n, "of": of, "unit": unit, "latest": True},
        )]  # fmt: skip
    return []
