"""A move stated between two levels the sentence gives, "from A to B" (issue 8, round 33).

"In 2022, the index saw a slight increase from 3,917.49 to 3,912.38", "the S&P 500 rose 2% from
4,000 to 4,080": the article's own arithmetic between two levels it states. The direction (and
the percent, when one is stated) must agree with B / A − 1, whatever the subject and whatever
the day: the check reads no series, so it needs no subject and no date (a subject or day the
words leave open cannot change B / A − 1). It is judged as an upside from a stated base
(:func:`thesis.claims.judge.judge_upside`); a direction alone as a bound on it (``> 0`` for a
rise, ``< 0`` for a fall). "To B from A" is :func:`thesis.claims.rules._to_from_levels`'s.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterator

from thesis.claims.binding import Bind, Ctx, bind_date, bind_subject, make_claim
from thesis.claims.document import Sent
from thesis.claims.frames import Claim
from thesis.claims.vocab import DOWN_NOUNS, DOWN_WORDS, UP_NOUNS, UP_WORDS
from thesis.text.numbers import Quantity, find_quantities
from thesis.text.tokens import Token

__all__ = [
    "from_to_levels",
    "rule_from_to_direction",
    "rule_from_to_noun_move",
    "rule_two_closes_and_change",
]

#: words that may stand between a move word and its "from" ("rose sharply from", "the rise was
#: from"); anything else (another figure, a verb of its own) breaks the link
_BETWEEN = frozenset(
    {"was", "were", "has", "had", "been", "slightly", "sharply", "modestly", "steadily", "only",
     "just", "all", "the", "way", "back", "up", "down", "its"}
)  # fmt: skip


def _level(q: Quantity | None) -> bool:
    return (
        q is not None
        and q.unit in ("plain", "points", "usd")
        and not q.is_range
        and q.scale == 1.0
        and q.value >= 1
    )


def _gap(s: Sent, a: int, b: int) -> list[str]:
    return [t.lower for t in s.tokens if a <= t.start < b]


def _pair_at(s: Sent, a: Quantity) -> tuple[float, float, list[int], int] | None:
    """The two levels "A to B" starting at ``a``: ``(A, B, their offsets, end)``. A rise is one
    quantity to the text layer (a range "4,000 to 4,080", low end first as written); a fall is
    two ("3,917.49 to 3,912.38")."""
    if a.is_range:
        if a.high is None or a.scale != 1.0 or a.unit not in ("plain", "points", "usd"):
            return None
        if a.value < 1 or " to " not in f" {a.text.lower()} ":
            return None  # "4,000-4,080": a range of where it stood, not a move
        return a.value, a.high, [a.start], a.end
    b = s.next_quantity(a)
    if not _level(a) or b is None or not _level(b) or b.unit != a.unit:
        return None
    if _gap(s, a.end, b.start) != ["to"]:
        return None
    return a.value, b.value, [a.start, b.start], b.end


#: marks that may open an appended clause restating the move ("up about 74% — having risen from")
_SEPARATORS = frozenset({",", "—", "–", "-", "(", ";"})

#: words that make the level after "from" not the level itself ("from about 3,800", "from over
#: 17"), or the words after "from" not the level's name ("from a year earlier to 4,000")
_NOT_NAME = frozenset(
    {"about", "around", "roughly", "approximately", "nearly", "almost", "some", "over", "under",
     "below", "above", "near", "than", "to", "and", "or", "but", "by", "as", "while", "when"}
)  # fmt: skip


def level_name_ok(words: list[str]) -> bool:
    """Whether the words between "from" and its level only name that level ("from a more modest
    17.60", "from a low of 3,800", "from its 2021 close of", none): at most four words, no mark
    and no hedge (the level must be the one stated, exactly)."""
    return len(words) <= 4 and all(w.isalpha() and w not in _NOT_NAME for w in words)


def _restated_move(gap: list[str], d: int) -> bool:
    """ "— having risen from", ", after climbing sharply from": a mark, then a move word of the
    percent's own direction ``d`` (0: any), adverbs of :data:`_BETWEEN` only, then "from"."""
    if len(gap) < 3 or gap[0] not in _SEPARATORS or gap[-1] != "from":
        return False
    rest = gap[1:-1]
    if rest and rest[0] in ("having", "after", "since"):
        rest = rest[1:]
    if not rest:
        return False
    w = rest[0]
    way = 1 if w in UP_WORDS or w in UP_NOUNS else -1 if w in DOWN_WORDS or w in DOWN_NOUNS else 0
    return way != 0 and (d == 0 or way == d) and all(x in _BETWEEN for x in rest[1:])


def from_to_levels(s: Sent, q: Quantity, d: int = 0) -> tuple[float, float, list[int], int] | None:
    """ "rose 2% from 4,000 to 4,080", "up about 74% — having risen from a more modest 17.60 to
    29.90": the level the move left and the level it reached, after the percent and "from"
    (directly, or through a clause restating a move of direction ``d``, 0: any), with only the
    level's name between "from" and it (:func:`level_name_ok`; :func:`_pair_at`); ``None``
    otherwise."""
    a = s.next_quantity(q)
    if a is None:
        return None
    gap = _gap(s, q.end, a.start)
    if "from" not in gap:
        return None
    k = len(gap) - 1 - gap[::-1].index("from")
    lead, name = gap[: k + 1], gap[k + 1 :]
    if lead not in (["from"], [",", "from"]) and not _restated_move(lead, d):
        return None
    if not level_name_ok(name):
        return None
    return _pair_at(s, a)


def _move_word(s: Sent, at: int) -> tuple[int, int] | None:
    """The direction (+1/−1) and offset of the move word that governs "from" at ``at``: up to
    four words back, through :data:`_BETWEEN` only."""
    toks = [t for t in s.before(at, 5) if t.kind == "word" or t.text in (",",)]
    for t in reversed(toks):
        w = t.lower
        if w in UP_WORDS or w in UP_NOUNS:
            return 1, t.start
        if w in DOWN_WORDS or w in DOWN_NOUNS:
            return -1, t.start
        if w not in _BETWEEN:
            return None
    return None


def _bare_move(s: Sent, at: int) -> tuple[int, int] | None:
    """The move word governing the levels at ``at`` (:func:`_move_word`), when no figure stands
    between them: "rose 2% from A to B" states a percent, the move rule's."""
    got = _move_word(s, at)
    if got is None or any(got[1] < q.start < at for q in s.quantities):
        return None
    return got


def _from_pairs(
    s: Sent, used: set[int]
) -> Iterator[tuple[Token, Quantity, tuple[float, float, list[int], int]]]:
    """Each "from A to B" of the sentence: the word "from", A's figure and the pair
    (:func:`_pair_at`), with only the level's name between "from" and A ("fell from a high of
    4,100 to 4,020") and A not read yet."""
    for t in s.tokens:
        if t.lower != "from":
            continue
        a = next((q for q in s.quantities if q.start > t.start), None)
        if a is None or a.start in used or not level_name_ok(_gap(s, t.end, a.start)):
            continue
        pair = _pair_at(s, a)
        if pair is not None:
            yield t, a, pair


def rule_from_to_direction(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """ "saw a slight increase from 3,917.49 to 3,912.38", "fell from 4,100 to 4,020": a direction
    stated between two levels with no percent, judged on the levels alone (B / A − 1 above zero for
    a rise, below for a fall)."""
    out: list[Claim] = []
    for t, a, pair in _from_pairs(s, used):
        if any(p in used for p in pair[2]):
            continue
        got = _bare_move(s, t.start)
        if got is None:
            continue
        d, w0 = got
        base, level, offsets, end = pair
        if _quoted_against(s, end):
            continue
        used.update(offsets)
        out.append(_direction_claim(ctx, s, d, (w0, end), level, base, a.start))
        close = _close_it_moved_to(ctx, s, a, w0)
        if close is not None:
            out.append(close)
    return out


def rule_to_from_direction(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """ "rose to 3,912.38 from 3,917.49": a direction stated between two levels in the "to B from
    A" order, judged on the levels alone as "from A to B" is (the levels are claims of their
    own)."""
    out: list[Claim] = []
    for t in s.tokens:
        if t.lower != "to":
            continue
        # the levels may be claims of other rules ("rose to 3,912.38" is the move rule's close):
        # the direction between them is a claim of its own
        b = next((q for q in s.quantities if q.start > t.start), None)
        if b is None or _gap(s, t.end, b.start):
            continue
        nxt = s.next_quantity(b)
        if nxt is None or nxt.unit != b.unit or b.is_range or nxt.is_range:
            continue
        words = _gap(s, b.end, nxt.start)
        if not words or words[0] != "from" or not level_name_ok(words[1:]):
            continue
        if not (_level(b) and _level(nxt)):
            continue  # levels of an index or a price (a rate's "to 2.6% from 1.7%" is read by the
            # rate rules, level by level)
        got = _bare_move(s, t.start)
        if got is None or _quoted_against(s, nxt.end):
            continue
        d, w0 = got
        out.append(_direction_claim(ctx, s, d, (w0, nxt.end), b.value, nxt.value, b.start))
    return out


#: what may stand between "from A to B" and the noun of its move ("to 3,386.15 on February 19,
#: 2020 – a 401% increase"): marks, articles and hedges (a date is skipped as a whole)
_APPOSITION = frozenset(
    {",", "–", "—", "-", "(", "a", "an", "about", "nearly", "almost", "roughly", "some", "over",
     "more", "than", "approximately", "around", "or"}
)  # fmt: skip


def rule_from_to_noun_move(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """ "took the S&P 500 Index from 676.53 to 3,386.15 on February 19, 2020 – a 401% increase":
    a move's noun in apposition to two levels the sentence gives is their own arithmetic (B / A
    − 1), whatever the day (a session's move it is not)."""
    out: list[Claim] = []
    for t, _a, pair in _from_pairs(s, used):
        base, level, _offsets, end = pair
        q = next((x for x in s.quantities if x.start >= end), None)
        if q is None or q.start in used or q.unit != "pct" or q.is_range:
            continue
        between = [
            x for x in s.tokens
            if end <= x.start < q.start and not any(d.start <= x.start < d.end for d in s.dates)
            and x.lower != "on"
        ]  # fmt: skip
        if not between or any(x.lower not in _APPOSITION for x in between):
            continue
        noun = s.words_after(q.end, 1)
        d = 1 if noun and noun[0] in UP_NOUNS else -1 if noun and noun[0] in DOWN_NOUNS else 0
        if d == 0:
            continue
        used.add(q.start)  # (the levels stay for the rules that read them as closes)
        out.append(make_claim(
            ctx, s, kind="pct_change", measure="upside", subject=Bind(None, "", "none"),
            parts=[(t.start, q.end + len(noun[0]) + 1)], rule="from_to", value=q.value * d,
            unit="pct", decimals=q.decimals, date=None, hedge=s.hedge(q), direction=d,
            level=level, base=base, needs=(), at=q.start, extra={"base_stated": True},
        ))  # fmt: skip
    return out


def _quoted_against(s: Sent, end: int) -> bool:
    """Whether the two levels ending at ``end`` are a price quoted against something ("The dollar
    fell to $1.2738 from $1.2514 against the pound": the pound's price in dollars rose as the
    dollar fell), so the direction of the levels need not be the subject's."""
    return s.words_after(end, 1)[:1] in (["against"], ["versus"], ["vs"], ["per"])


def _direction_claim(
    ctx: Ctx, s: Sent, d: int, part: tuple[int, int], level: float, base: float, at: int
) -> Claim:
    """The direction ``d`` stated between the levels ``base`` and ``level``: B / A − 1 above zero
    for a rise, below for a fall, the same whoever moved (no subject needed)."""
    return make_claim(
        ctx, s, kind="pct_change", measure="upside", subject=Bind(None, "", "none"), parts=[part],
        rule="from_to", value=0.0, unit="pct", decimals=0, date=None,
        hedge=("", ">" if d > 0 else "<"), direction=d, level=level, base=base, needs=(), at=at,
        extra={"base_stated": True, "direction_only": True},
    )  # fmt: skip


#: the kinds of series whose "from A to B" on a session ends at B's close
_SESSION_KINDS = frozenset({"index", "volatility"})


def _close_it_moved_to(ctx: Ctx, s: Sent, a: Quantity, w0: int) -> Claim | None:
    """ "The VIX fell from 26.42 to 23.81 on Friday": B is the session's close, a level claim of
    its own (the move's direction is the article's arithmetic). Read only for an index or the VIX
    the sentence names, in a sentence that names no period (no "in 2022", "this week": then B
    ends that period, a close the period words date)."""
    if s.periods or any(d.kind in _PERIOD_DATES for d in s.dates):
        return None
    subj = bind_subject(ctx, s, w0)
    if subj.value is None or subj.value.kind not in _SESSION_KINDS or subj.how != "named":
        return None
    b = _high_end(a) if a.is_range else s.next_quantity(a)
    if b is None:
        return None
    c = make_claim(
        ctx, s, kind="level", measure="close", subject=subj, parts=[(w0, b.end)],
        rule="from_to_close", value=b.value, unit="points", decimals=b.decimals,
        date=bind_date(ctx, s, b.start), level=b.value, at=b.start,
    )  # fmt: skip
    c.loose.setdefault("measure", "'from A to B' may end at B during the session, not at its close")
    return c


_PERIOD_DATES = frozenset({"month", "quarter", "half", "year", "span"})


def _high_end(a: Quantity) -> Quantity:
    """The upper end of a range "16 to 21" as a quantity of its own."""
    k = a.text.lower().rfind(" to ")
    text = a.text[k + 4 :].strip()
    read = find_quantities(text, words=False)
    decimals = read[0].decimals if read else a.decimals
    return dataclasses.replace(
        a, start=a.start + k + 4, text=text, value=float(a.high or 0), high=None, decimals=decimals
    )


#: what may stand between the second close and the change stated after it ("6,032.38 🟢 (+4.68%)")
_TO_CHANGE = re.compile(r"^[\s(\[:,;|\u2190-\u21ff\u2600-\u27bf\U0001f300-\U0001faff]*$")
#: what may stand between two closes ("close at 5,705.45 - Nov. 29 close at 6,032.38")
_BETWEEN_CLOSES = re.compile(r"^\s*(?:[-–—→>|/]|to)\s", re.I)


def rule_two_closes_and_change(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """ "Oct. 31 close at 5,705.45 - Nov. 29 close at 6,032.38 🟢 (+4.68%)": a signed change
    written after two closes the line joins, judged on the line's own arithmetic (B / A − 1),
    which reads no series (the closes themselves are claims of their own)."""
    out: list[Claim] = []
    levels = [q for q in s.quantities if _level(q) and q.value >= 10]
    for a, b in itertools.pairwise(levels):
        if not {"close", "closed", "closing"} & set(_gap(s, max(s.start, a.start - 20), a.start)):
            continue
        if not _BETWEEN_CLOSES.match(ctx.doc.text[a.end : b.start]):
            continue
        if "close" not in ctx.doc.text[a.end : b.start].lower():
            continue
        pct = next((q for q in s.quantities if q.start > b.end and q.unit == "pct"), None)
        if pct is None or not pct.sign or pct.start in used or pct.is_range:
            continue
        if not _TO_CHANGE.match(ctx.doc.text[b.end : pct.start]):
            continue
        used.add(pct.start)
        d = 1 if pct.value > 0 else -1
        out.append(make_claim(
            ctx, s, kind="pct_change", measure="upside", subject=Bind(None, "", "none"),
            parts=[(a.start, pct.end)], rule="two_closes", value=pct.value, unit="pct",
            decimals=pct.decimals, date=None, hedge=("", "="), direction=d, level=b.value,
            base=a.value, needs=(), at=pct.start, extra={"base_stated": True},
        ))  # fmt: skip
    return out
