"""Spans and measures a claim's words state beyond what a rule reads (docs/claims.md, round 9).

A rule reads a number with the period words it knows; the sentence may say more. Two classes of
words make a frame *not fully bound* when the rule did not consume them:

* **span words** — a stretch of time wider than the period read: two dates joined ("from 2023
  through the end of 2025", "between March and June 2024"), a counted stretch ("over two years",
  "a three-year rally", "in the last decade", "in recent years"), or a trailing or "since" period
  of the clause that the frame did not take. A change judged over a narrower default period
  (the article's year, the session) is another claim than the one stated: the frame may be
  supported, never contradicted (:func:`unconsumed_span`).
* **another measure** — an average, annualised or compound rate ("an average annual return of
  13.5%", "a CAGR of 9%", "10% a year on average"): the checker computes a change over a
  period, not its average per year, so the claim is not judged (:func:`measure_word`).

:func:`stated_span` binds the first class where it can: two dates joined by "from … through …"
are a period of their own (``PeriodSpec`` kind ``span``), judged from the close before the first
date to the last close of the second.

Written by hand (no library reads these phrasings): each test is a bounded walk over the tokens
of one clause, linear in its length.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from thesis.claims.frames import PeriodSpec
from thesis.text.dates import DateMention
from thesis.text.numbers import Quantity, word_value

if TYPE_CHECKING:
    from thesis.claims.document import Sent
    from thesis.claims.frames import Claim

__all__ = ["measure_word", "stated_span", "unconsumed_span"]

#: period kinds a macro figure's transform reads (never a span of a market change)
_TRANSFORMS = frozenset({"yoy", "mom", "qoq", "annualized", "day"})
#: words that open the first date of a span, and those that join it to the second
#: ("through January to June 30, 2022": a span, as "from January to June 30" is)
_SPAN_OPEN = frozenset({"from", "between", "through"})
_SPAN_JOIN = frozenset({"through", "thru", "to", "until", "till", "and", "-", "–", "—"})
#: plural units that, counted, make a stretch ("over two years", "in recent months")
_UNITS = frozenset({"years", "months", "weeks", "decades", "quarters"})
_COUNT_WORDS = frozenset(
    {"several", "many", "few", "recent", "past", "last", "previous", "prior", "multiple"}
)
#: nouns a compound "three-year"/"multi-year" names a stretch with (not "10-year yield")
_RUN_NOUNS = frozenset(
    {"run", "rally", "rallies", "stretch", "period", "span", "gain", "gains", "return", "returns",
     "advance", "decline", "slide", "surge", "climb", "streak", "winning", "losing", "bull",
     "bear", "rise", "drop", "loss", "losses", "performance", "total", "cumulative", "horizon",
     "window", "growth"}
)  # fmt: skip


def _date_in(s: Sent, a: int, b: int) -> DateMention | None:
    return next((d for d in s.dates if a <= d.start < b and d.first is not None), None)


def stated_span(s: Sent, lo: int, hi: int) -> tuple[PeriodSpec, str, int, int] | None:
    """Two dates joined in ``s[lo:hi]`` ("from 2023 through the end of 2025", "between March and
    June 2024", "from Q1 2023 to Q3 2024"): the span as a :class:`PeriodSpec` of kind ``span``
    (``first``: the first day to measure from, the change starting at the close before it;
    ``last``: the last day), its words and offsets. ``None`` when there is none.

    A first date that is the end of a period ("from the end of 2022") starts after that period;
    a first month without its year takes the second's ("between March and June 2024").
    """
    toks = s.doc.tokens_in(lo, hi)
    for i, t in enumerate(toks):
        if t.lower not in _SPAN_OPEN:
            continue
        d1 = _date_in(s, t.end, t.end + 16)
        if d1 is None or d1.kind not in ("year", "month", "quarter", "day", "half"):
            continue
        # (a comma may close the first date: "between Friday, May 19, and Friday, May 26")
        rest = [x for x in toks[i + 1 :] if x.start >= d1.end and x.text != ","][:2]
        if not rest or rest[0].lower not in _SPAN_JOIN:
            continue
        if t.lower == "between" and rest[0].lower != "and":
            continue
        if t.lower == "through" and rest[0].lower in ("and", "through", "thru"):
            continue  # "through March and April": two months, not a span's ends
        d2 = _date_in(s, rest[0].end, rest[0].end + 20)
        if d2 is None or d2.kind not in ("year", "month", "quarter", "day", "half"):
            continue
        assert d1.first is not None and d1.last is not None and d2.last is not None
        first = d1.first
        if d1.modifier == "end" or (
            d1.kind == "day" and t.lower in ("from", "between") and rest[0].lower in _SPAN_JOIN
        ):
            # "from the end of 2022", "from Dec. 30, 2022, to …": measured from that close
            first = d1.last + dt.timedelta(days=1)
        if not d1.explicit_year and d2.explicit_year and d1.kind == "month":
            y = d2.first.year if d2.first is not None else first.year
            first = first.replace(year=y if first.month <= (d2.first or first).month else y - 1)
        if first > d2.last:
            continue
        text = s.doc.text[t.start : d2.end]
        return PeriodSpec("span", text, first=first, last=d2.last), text, t.start, d2.end
    return None


def _span_words(s: Sent, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """Span words in ``s[lo:hi]`` (see the module docstring), as (start, end, text)."""
    out: list[tuple[int, int, str]] = []
    got = stated_span(s, lo, hi)
    if got is not None:
        out.append((got[2], got[3], got[1]))
    toks = s.doc.tokens_in(lo, hi)
    text = s.doc.text
    for i, t in enumerate(toks):
        w = t.lower
        if w in ("decade", "decades"):
            j = max(0, i - 3)
            out.append((toks[j].start, t.end, text[toks[j].start : t.end]))
        elif w in _UNITS and i > 0:
            p = toks[i - 1]
            cnt = p.kind == "number" or p.lower in _COUNT_WORDS or (word_value(p.lower) or 0) > 1
            if cnt:
                out.append((p.start, t.end, text[p.start : t.end]))
        elif (
            w in ("year", "month", "week", "decade")
            and i >= 2
            and toks[i - 1].text == "-"
            and i + 1 < len(toks)
            and toks[i + 1].lower in _RUN_NOUNS
            and (toks[i - 2].kind == "number" or toks[i - 2].lower in ("multi", "several"))
        ) or w in ("multiyear", "multi-year"):
            out.append((toks[max(0, i - 2)].start, t.end, text[toks[max(0, i - 2)].start : t.end]))
    return out


def unconsumed_span(s: Sent, c: Claim, at: int, owner_of: object) -> str:
    """Span words in the clause of the number at ``at`` that the frame ``c`` did not take as its
    period (nor as its own words, a "since" claim's anchor say): ``""`` when there are none.

    ``owner_of(s, p)`` is :func:`thesis.claims.binding.period_owner`: a trailing or "since"
    period that another number of the sentence owns ("up 1% on Friday after a 20% gain over
    three months": the months are the 20%'s) is not this claim's.
    """
    cl = s.clause_of(at)
    lo, hi = min(cl.start, at), cl.end
    taken = c.period.text if c.period is not None else ""
    bound = " ".join(c.bound.values())
    q = next((x for x in s.quantities if x.start == at), None)

    def consumed(a: int, b: int, words: str) -> bool:
        if c.start <= a and b <= c.end:
            return True
        return bool(words) and (words in taken or words in bound or taken.endswith(words))

    def others(a: int) -> bool:
        # a span that another number of the clause stands right before belongs to it
        prev = [x for x in s.quantities if x.end <= a and x.start >= lo]
        return bool(prev) and q is not None and prev[-1] is not q and prev[-1].start > at

    for p in s.periods:
        if not lo <= p.start < hi or p.kind in _TRANSFORMS:
            continue
        if p.kind == "since" and _superlative_before(s, p.start):
            continue  # "its best week since May": a since-claim of its own
        if c.measure == "macro" and p.kind in ("ago", "trailing") and _transform_window(p):
            continue  # "CPI rose 3% from a year ago": the macro rule's year-over-year
        owner = owner_of(s, p)  # type: ignore[operator]
        if isinstance(owner, Quantity) and q is not None and owner is not q and owner.start != at:
            continue
        if not consumed(p.start, p.end, p.text):
            return p.text
    for a, b, words in _span_words(s, lo, hi):
        if not consumed(a, b, words) and not others(a):
            return words
    return ""


def _transform_window(p: object) -> bool:
    """A year or a month back ("from a year ago", "over the past 12 months", "a month
    earlier"): a macro figure's year-over-year or month-over-month comparison."""
    n, unit = getattr(p, "n", None), getattr(p, "unit", None)
    return (unit == "year" and n == 1) or (unit == "month" and n in (1, 12))


_SUPERLATIVES = frozenset(
    {"highest", "lowest", "largest", "biggest", "best", "worst", "strongest", "weakest",
     "steepest", "sharpest", "longest", "first", "most", "least", "week", "month", "day",
     "session", "gain", "drop", "level", "close", "high", "low"}
)  # fmt: skip


def _superlative_before(s: Sent, pos: int) -> bool:
    return any(w in _SUPERLATIVES for w in s.words_before(pos, 3))


#: words before a number (its noun phrase) that make it an average or a rate per year
_AVG_BEFORE = frozenset(
    {"average", "averaged", "averages", "averaging", "compound", "compounded", "cagr",
     "annualized", "annualised", "per-year", "mean", "median", "typical"}
)  # fmt: skip
#: the same after it ("13% a year", "9% per annum", "12% annually on average")
_AVG_AFTER = (
    ("a", "year"), ("per", "year"), ("per", "annum"), ("each", "year"), ("every", "year"),
    ("annually",), ("annualized",), ("annualised",), ("on", "average"), ("compounded",),
    ("cagr",), ("a", "year", "on", "average"), ("on", "an", "annualized"),
    ("on", "an", "annualised"), ("average", "annual"), ("yearly",),
    # "tacked on another 0.7% average gain": an average of past years' moves
    *(("average", n) for n in ("gain", "gains", "return", "returns", "increase", "rise", "advance",
                               "decline", "loss", "drop", "fall", "move")),
)  # fmt: skip
_NOT_AFTER_YEAR = frozenset({"ago", "earlier", "before", "prior", "later", "high", "low"})


def measure_word(s: Sent, q: Quantity, *, macro: bool) -> str:
    """The word that makes the figure at ``q`` an average or a per-year rate ("an average annual
    return of 13.5%", "a 9% CAGR", "gained 10% a year"), else ``""``.

    For a macro figure "annualized" and "annual" are transforms the macro rule reads (GDP's
    annualized rate, inflation's annual rate), so only the average words count.
    """
    cl = s.clause_of(q.start)
    before = [t for t in s.before(q.start, 6) if t.start >= cl.start]
    names = [(m.start, m.end) for m in s.subjects]
    for i, t in enumerate(reversed(before)):
        if t.kind == "number":
            break
        if t.lower == "average" and (
            any(a <= t.start <= b + 1 for a, b in names)  # "the Dow Jones Industrial Average"
            or (i + 1 < len(before) and before[-i - 2].lower in ("moving", "industrial", "500"))
        ):
            continue
        if t.lower in _AVG_BEFORE and not (macro and t.lower in ("annualized", "annualised")):
            return t.text
    after = [t.lower for t in s.after(q.end, 7) if t.start < cl.end]
    # skip the figure's own unit and noun ("13% annual return a year", "9 percent a year")
    k = 0
    while k < len(after) and k < 3 and after[k] in ("%", "percent", "pct", "points", "gain",
                                                    "gains", "return", "returns", "rise"):  # fmt: skip
        k += 1
    rest = after[k:]
    for ph in _AVG_AFTER:
        if macro and ph not in (("on", "average"), ("average", "annual"), ("compounded",)):
            continue  # "6.3% annually", "an annualized 3.1%": the macro rule's transforms
        if tuple(rest[: len(ph)]) == ph:
            if (
                ph[-1] == "year"
                and rest[len(ph) : len(ph) + 1]
                and rest[len(ph)] in _NOT_AFTER_YEAR
            ):
                continue
            return " ".join(ph)
    return ""
