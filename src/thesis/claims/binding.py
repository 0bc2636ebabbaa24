"""Binding a frame's slots to the words of its sentence, and building the frame.

Each ``bind_*`` function returns a :class:`Bind`: the value, the words that bound it and *how*:

* subject — ``named`` (a name in the sentence before the number), ``anaphora`` ("the index", "it"
  resolved to a name), ``header`` (a list item under a line that names it), ``market`` ("stocks",
  "Wall Street": the S&P 500 only as a proxy, so *assumed*), ``unknown`` (a name the checker does
  not know) or ``none``;
* date — ``explicit`` (a date, weekday or "today" in the sentence), ``header`` (the list's
  header line), ``article`` (the article's own date, read as a window: that session or the one
  before it, or every session of a month-dated article) or ``none``;
* period — ``explicit`` (period words: "year-to-date", "in November", "this week"...),
  ``convention`` (a move stated with its closing level, "rose 0.5% to 6,812.61", or with a
  closing verb, "closed up 0.5%": the session's move), ``weak`` (loose words such as "this year")
  or ``none``.

:func:`make_claim` turns bindings into the frame's ``bound``, ``missing`` and ``assumed`` slots
and its qualifiers (forecast, intraday, negated), and cuts the quote.

Strict binding (``docs/claims.md``): a binding good enough to support a claim may be too loose to
contradict it. Each :class:`Bind` says why in ``loose`` (a back-reference, a list's header, a
name that is not the nearest to the number, a day from another clause), and
:func:`strict_gaps` adds the frame's own (a unit that does not fit the subject, a measure the words
do not state, a role or expectation word); :func:`make_claim` gathers them in ``Claim.loose``,
and the judge never contradicts a claim that has one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import itertools
import re
from dataclasses import dataclass, field, replace
from typing import Any

from thesis.claims.after_event import sessions_after, since_reaching
from thesis.claims.closes import PeriodClose, period_close
from thesis.claims.document import (
    Doc,
    Sent,
    container_prep,
    parenthesised_pair,
    resolve_anaphora,
    restating_gap,
)
from thesis.claims.frames import (
    CLOSING_VERB_WORDS,
    MOVE_TO_CLOSE,
    MOVE_WITH_CLOSE_WORDS,
    OR_ITS_LAST_SESSION,
    Claim,
    PeriodSpec,
)
from thesis.claims.guards import apply_guards
from thesis.claims.opening_period import opening_calendar_period
from thesis.claims.price_measures import generic_price_measure
from thesis.claims.spans import measure_word, stated_span, unconsumed_span
from thesis.claims.spreads import spread_day_gap
from thesis.claims.streaks import mark_move_streak
from thesis.claims.subjects import Subject, SubjectMention
from thesis.claims.todate import to_date_span
from thesis.claims.vocab import (
    APPROXIMATE_WORDS,
    CLOSE_WORDS,
    DEFINITIONS,
    DEGREE_ADVERBS,
    DOWN_NOUNS,
    DOWN_WORDS,
    EARLIER_PERIODS,
    EXPECTATION_WORDS,
    FORECAST_PHRASES,
    FORECAST_WORDS,
    FOREIGN_NOUNS,
    INTRADAY_PHRASES,
    INTRADAY_WORDS,
    LIVE_PHRASES,
    MOMENT_BEFORE,
    MOMENT_PHRASES,
    MOMENT_WORDS,
    MOOD_OPENERS,
    MOOD_PHRASES,
    MOOD_WORDS,
    NEGATIONS,
    OTHER_ASSETS,
    PAST_WORDS,
    RELATIVE_DAY_PHRASES,
    ROLE_AFTER,
    ROLE_WORDS,
    UP_NOUNS,
    UP_WORDS,
)
from thesis.claims.week_end import WEEK_END_WORDS, week_end_opening
from thesis.claims.weekdays import far_weekday_reading, month_weekday_days, named_week_day
from thesis.text.dates import WEEKDAYS, DateMention, month_end, window_label, window_unit
from thesis.text.numbers import NUMBER_WORDS, Quantity, ordinal_value, token_count
from thesis.text.sentences import Sentence
from thesis.text.tokens import Token

__all__ = [
    "Bind",
    "Ctx",
    "bind_date",
    "bind_period",
    "bind_subject",
    "list_subjects",
    "make_claim",
    "mood",
    "partner_of",
    "period_close_of",
    "period_owner",
    "qualifiers",
    "session_moment",
    "since_anchor",
    "starts_since",
    "strict_gaps",
    "subject_gap",
]

_DAYLIKE = ("day", "weekday", "relative")


@dataclass
class Ctx:
    """What every rule shares: the document, its sentences and the article's date window."""

    doc: Doc
    sents: list[Sent]
    window: tuple[dt.date, dt.date] | None
    stated: list[Claim] = field(default_factory=list)  # closes the article states, in order
    lead: DateMention | None = None  # the session the article's opening sentences report
    live: bool = False  # an article written during the session ("was last up", "on pace for")

    @property
    def ref(self) -> dt.date | None:
        return self.window[1] if self.window else None

    @functools.cached_property
    def sole_series(self) -> str | None:
        """The key of the only series the whole article names, or ``None`` when it names none,
        several, a name the checker does not know, or another market's index (FTSE, Nikkei...):
        a back-reference can then point nowhere else (:func:`bind_subject`)."""
        keys = {
            m.subject.key
            for x in self.sents
            for m in x.subjects
            if m.subject is not None and not m.anaphora and m.subject.kind != "market"
        }
        if len(keys) != 1 or any(m.unknown for x in self.sents for m in x.subjects):
            return None
        return None if _OTHER_INDEXES.search(self.doc.text) else next(iter(keys))


@dataclass(frozen=True)
class Bind:
    """A slot's value, the words that bound it and how (see the module docstring).

    ``loose`` says why the binding, good enough to support a claim, is too loose to contradict
    it (the strict binding of ``docs/claims.md``: a back-reference, a name that is not the
    nearest, a date from another clause...); ``alt`` holds other days the words may mean (a day
    named in another clause of the sentence), read as well as the binding's own; ``name_at`` is
    the offset of a name that a list pairs with the figure in order ("respectively"), which the
    claim's quote runs from however far back it stands.
    """

    value: Any
    words: str
    how: str
    loose: str = ""
    alt: tuple[dt.date, ...] = ()
    name_at: int | None = None

    @property
    def ok(self) -> bool:
        return self.how not in ("none", "unknown", "weak", "market")


NONE = Bind(None, "", "none")


def _one_series_named(ctx: Ctx, s: Sent, m: SubjectMention, back: int = 4) -> Subject | None:
    """The one series named before the back-reference ``m`` in its sentence and the four before
    (the resolver's window), or ``None`` when the window names another series too ("The S&P 500
    and the VIX moved. The index ..."), or a name the checker does not know or another market's
    index (other back-references name nothing new)."""
    lo = ctx.sents[max(0, s.index - back)].start
    if _OTHER_INDEXES.search(ctx.doc.text, lo, m.start):
        return None  # another market's index ("the FTSE 100"), which the checker does not know
    named: set[Subject] = set()
    for x in ctx.doc.subjects_in(lo, m.start):
        if x.unknown:
            return None
        if x.subject is not None and not x.anaphora and x.subject.kind != "market":
            named.add(x.subject)
    return next(iter(named)) if len(named) == 1 else None


#: a move followed by "to end/close/finish the <period>" ("rose 0.6 per cent to end the week")
_TO_CLOSE_OUT = re.compile(
    r"\s*(?:%|percent|per\s+cent|points?)?\s*,?\s+to\s+(?:end|close|finish|wrap|cap|round|settle)\b",
    re.I,
)


#: the session named right after a move's figure ("rose 4.3% to finish the day", "up 0.5% on
#: the session", "0.2% lower for the day"): its period, over any stretch the sentence names
_FOR_THE_DAY = re.compile(
    r"\s*(?:%|percent|per\s+cent|points?)?\s*(?:higher|lower|up|down)?\s*,?\s+"
    r"((?:to\s+(?:end|close|finish)|on|for)\s+the\s+(?:day|session|trading\s+day))\b",
    re.I,
)


def bind_subject(ctx: Ctx, s: Sent, pos: int, *, after_ok: bool = False) -> Bind:
    """The subject of a number at ``pos``: the nearest subject named before it in the sentence
    (a back-reference resolved), else the list header's, else none.

    With ``after_ok``, a name after ``pos`` in the same clause also binds ("Up 0.5%, the S&P 500").
    A binding that only supports (a back-reference, a list's header, a name that is not the
    nearest to the number, see :func:`subject_gap`) carries the reason in ``loose``.
    """
    before = [m for m in s.subjects if m.start < pos and not _in_closed_aside(s, m.start, pos)]
    before = _without_compared_object(s, before, pos)
    before = [m for m in before if not _likened(s, m, pos)]
    paired = _respectively(s, pos)
    if paired is not None:
        return paired
    for m in reversed(before):
        member = _member_of(s, m, pos)
        if member is not None:
            return member  # "Financials were the top sector in the S&P 500, surging 1.6%"
        if m.unknown:
            return Bind(None, m.text, "unknown")
        if m.anaphora == "pronoun" and _gap_between(s, m.start):
            # "the gap between it and the 10-year yield is close to its largest since July":
            # "its" is the gap's, a spread the words name only by its two ends
            return Bind(None, "the gap between two series", "unknown")
        if m.anaphora == "pronoun":
            # "The S&P 500 notched its largest gain": "its" points to the name of its own clause
            cl = s.clause_of(pos)
            x = next((x for x in reversed(before) if x.start < m.start), None)
            if (
                x is not None
                and x.subject is not None
                and _foreign_between(s, m.end, pos, x.subject.kind in ("stock", "etf"))
            ):
                # "Meta reported that its profits surged by 69%": the noun after "its" is the
                # figure's subject, not the name "its" points to
                return Bind(None, ctx.doc.text[m.start : pos].strip()[:40], "unknown")
            if x is not None and x.subject is not None and _new_subject_between(s, x.end, m.start):
                # "indexes closed higher as volatility fell to its lowest level": "its" is the
                # noun's that leads the clause "as" opens, not the name before it
                return Bind(None, ctx.doc.text[x.end : pos].strip()[:40], "unknown")
            if x is not None and x.subject is not None and not x.anaphora and x.start >= cl.start:
                return Bind(x.subject, f"'{m.text}' → {x.text}", "named", subject_gap(s, x, pos))
            if (
                x is not None
                and x.subject is not None
                and not x.anaphora
                and m.text.lower() == "its"
                and x.start >= s.clause_of(m.start).start
                and all(
                    y.subject == x.subject and not y.anaphora for y in before if y.start < m.start
                )
            ):
                # "The S&P 500 reversed its previous momentum, closing down 0.39%": "its" in the
                # clause of the sentence's only series before it, the number in a clause that
                # goes on from it: "its" can point nowhere else
                return Bind(x.subject, f"'{m.text}' → {x.text}", "named", subject_gap(s, x, pos))
            if x is not None and _appositive_its(s, m, before):
                # "The VIX jumped to 52.33, its highest close since March 2020": an apposition
                # to its main clause, whose subject is the sentence's only series
                return Bind(x.subject, f"'{m.text}' → {x.text}", "named", subject_gap(s, x, pos))
        if m.anaphora:
            subj, how = resolve_anaphora(ctx.doc, ctx.sents, s, m)
            if subj is not None:
                if m.anaphora in ("index", "benchmark") and ctx.sole_series == subj.key:
                    # "The index returned 26.9% in 2024" in an article whose only series is the
                    # S&P 500: the back-reference can point nowhere else
                    return Bind(subj, f"{how}; the only series the article names", "named")
                if (
                    m.anaphora in ("index", "benchmark")
                    or (m.anaphora == "pronoun" and m.start == s.start and m.text == "It")
                ) and _one_series_named(ctx, s, m, 4 if m.anaphora != "pronoun" else 1) == subj:
                    # "The S&P 500 touched 7,000 ... The index ended Friday at 6,953": the one
                    # series the sentences before name: the back-reference can point nowhere else
                    return Bind(subj, f"{how}; the one series named before it", "named")
                return Bind(subj, how, "anaphora", f"its subject is a back-reference ({how})")
            continue
        if m.subject is not None:
            if m.subject.kind == "market" and "of" in s.words_before(m.start, 2):
                continue  # "the Zorblax index of moon stocks": the index is the subject
            if (
                m.subject.kind == "market"
                and s.words_before(m.start, 1)[-1:]
                and (s.words_before(m.start, 1)[-1] in _OTHER_MARKETS)
            ):
                # "In currency markets, the U.S. dollar closed lower": another market than stocks
                return Bind(None, f"{s.words_before(m.start, 1)[-1]} {m.text}", "unknown")
            generic = generic_price_measure(ctx.sents, s, m)
            if generic is not None:
                # "The PCE price index rose 0.4%. Consumer prices were 4.4% higher": the generic
                # word goes on about the measure named before it, never about CPI
                if generic[0] is None or generic[0].subject is None:
                    return Bind(None, generic[1], "unknown")
                return Bind(generic[0].subject, f"'{m.text}' → {generic[1]}", "named",
                            f"a generic inflation word after {generic[1]!r}: its subject is that")  # fmt: skip
            if _foreign_between(
                s,
                m.end,
                pos,
                m.subject.kind in ("stock", "etf"),
                m.subject.kind == "inflation",
                market=m.subject.kind in _MARKET_KINDS,
            ):
                return Bind(None, ctx.doc.text[m.end : pos].strip()[:40], "unknown")
            how = "market" if m.subject.kind == "market" else "named"
            return Bind(m.subject, m.text, how, subject_gap(s, m, pos) or _proxy(m.subject))
    if after_ok:
        cl = s.clause_of(pos)
        own: str | None = None  # found once, only when a name after the clause is met
        for m in s.subjects:
            if not pos <= m.start < max(cl.end, pos + 80):
                continue
            if _COMPARED.intersection(t.lower for t in s.doc.tokens_in(pos, m.start)):
                # "gold has climbed almost 100% compared to about 67% for the S&P 500": the name
                # after a comparison is the other side's
                break
            borrowable = (m.subject is not None and not m.anaphora) or m.anaphora in (
                "index",
                "benchmark",
            )
            if borrowable and m.start >= cl.end:
                own = own if own is not None else _own_subject(s, cl, pos)
                if own:
                    # "While the US dollar index was up by 0.2%, … the 10-year": the clause
                    # names its own subject, so a name in another clause is not the number's
                    return Bind(None, own, "unknown")
            if not _fronted(s, cl, m) and _coordinated(s, pos, m.start):
                break  # "…surging 9.9 bp to 4.49% and the two-year rate …": the next clause's
            other = "" if m.start < cl.end or _fronted(s, cl, m) else (
                f"its subject ({m.text!r}) is named in another clause")  # fmt: skip
            if m.subject is not None and not m.anaphora:
                # "stocks" after the number is the market's proxy, assumed as before it
                how = "market" if m.subject.kind == "market" else "named"
                return Bind(m.subject, m.text, how,
                            other or subject_gap(s, m, pos) or _proxy(m.subject))  # fmt: skip
            if m.anaphora in ("index", "benchmark"):
                subj, how = resolve_anaphora(ctx.doc, ctx.sents, s, m)
                if subj is not None:
                    return Bind(subj, how, "anaphora", f"its subject is a back-reference ({how})")
    if s.header is not None and (s.bullet or not s.subjects):
        hm = s.header.first_subject()
        if hm is not None and hm.subject is not None:
            return Bind(hm.subject, f"{hm.text} (the list's header)", "header",
                        "its subject comes from the list's header, not from its own words")  # fmt: skip
    carried = _carried_subject(ctx, s, pos)
    return carried if carried is not None else NONE


#: words that make the name before a member noun that member ("Financials were the top sector
#: in ...", "Nvidia, a component of ..."); anything else leaves the member unnamed
_MEMBER_LINKS = frozenset(
    {"was", "were", "is", "are", "became", "becomes", "remained", "remains", "as", "ranked",
     "stood", "has", "have", "been", "a", "an", "the", "one", "of", "its", "top", "best", "worst",
     "biggest", "largest", "leading", "top-performing", "best-performing", "worst-performing",
     "strongest", "weakest", "only", "second", "third", "second-best", "second-worst",
     "third-best", "among", "by", "far"}
)  # fmt: skip


def _member_of(s: Sent, m: SubjectMention, pos: int) -> Bind | None:
    """The binding of a number whose nearest name ``m`` is an index named as the group its
    clause's subject belongs to ("Financials were the top sector in the S&P 500 during the
    session, surging 1.6%", "Nvidia, a component of the S&P 500, rose 3.5%", "the biggest
    decliner on the Dow"): the member's name when the words make it the member (a link verb, an
    apposition, nothing between), else the member unnamed (``unknown``); ``None`` when ``m`` is
    not such a group. The index is never the subject: a figure about a sector or a stock is not
    the index's."""
    got = container_prep(s, m)
    if got is None:
        return None
    prep, noun, prev = got
    adjacent = prev is not None and not s.doc.text[prev.end : prep.start].strip(" ,")
    member = prev is not None and (
        adjacent
        or all(
            t.kind != "word"
            or t.lower in _MEMBER_LINKS
            or t is noun
            or t.lower.endswith("est")
            or t.lower in ("performing", "weighted", "valuable", "most", "least")
            for t in s.doc.tokens_in(prev.end, prep.start)
        )
    )
    if not member or prev is None or prev.anaphora:
        words = s.doc.text[(prev.end if prev else s.start) : prep.start].strip(" ,")
        return Bind(None, words[-40:] or noun.text, "unknown")
    if prev.subject is None or prev.subject.kind in ("index", "market"):
        return Bind(None, prev.text, "unknown")  # "the Zorblax fund, a member of the S&P 500"
    return Bind(prev.subject, prev.text, "named",
                subject_gap(s, prev, pos, container=m) or _proxy(prev.subject))  # fmt: skip


#: indexes of other markets the checker holds no series for: an article that names one may mean
#: it by "the index"
_OTHER_INDEXES = re.compile(
    r"\b(?:FTSE|DAX|CAC|Nikkei|Hang Seng|Stoxx|STOXX|TSX|ASX|Sensex|Nifty|KOSPI|Kospi|IBEX|"
    r"MSCI|Bovespa|Shanghai Composite|CSI 300|Topix|TOPIX|Russell|Wilshire|Euro Stoxx)\b"
)


def _appositive_its(s: Sent, m: SubjectMention, before: list[SubjectMention]) -> bool:
    """Whether "its" opens an apposition (right after a comma, or after a participle that does:
    ", marking its 12th straight session") in a sentence whose names before it are all of one
    series, none unknown: it can only point to that series."""
    head = s.doc.text[s.start : m.start].rstrip()
    if not head.endswith(","):
        last = head.rsplit(None, 1)
        if len(last) < 2 or not last[1].lower().endswith("ing") or not last[0].endswith(","):
            return False
    if m.text.lower() not in ("its", "it's"):
        return False
    names = [x for x in before if x.start < m.start]
    if not names or any(x.unknown or x.anaphora or x.subject is None for x in names):
        return False
    # "Wall Street's fear gauge": the market's possessive names no series of its own
    keys = {x.subject.key for x in names if x.subject is not None and x.subject.kind != "market"}
    return len(keys) == 1 and names[-1].subject is not None and names[-1].subject.key in keys


#: words a clause may hold before its number and still name no subject of its own ("This
#: two-year rally of 53%", "Following gains of 26.3% in 2023"): function words, moves, periods
_SUBJECTLESS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "of", "in",
     "on", "for", "by", "to", "at", "from", "with", "and", "or", "but", "then", "also", "still",
     "further", "another", "more", "than", "about", "roughly", "nearly", "almost", "some", "over",
     "around", "just", "was", "were", "is", "are", "has", "had", "have", "been", "be", "after",
     "following", "before", "since", "year", "years", "month", "months", "week", "weeks", "day",
     "days", "session", "sessions", "two-year", "three-year", "one-year", "full-year", "annual",
     "yearly", "return", "returns", "performance", "change", "move", "ended",
     "closed", "finished", "today", "so", "far", "which", "overall", "combined", "cumulative"}
)  # fmt: skip


def _carried_subject(ctx: Ctx, s: Sent, pos: int) -> Bind | None:
    """The subject of a sentence that names none, carried from the sentence before it in its
    paragraph when that one names a subject ("The S&P 500 soared 23.31% in 2024. This two-year
    rally of 53% marked ..."). Only when the words before the number are function words, moves
    and periods (a noun there is a subject the checker does not know: "Energy rose 1.4%", "The
    precious metal climbed 27%"). Carried subjects are loose: they may support a claim, never
    contradict it."""
    if s.subjects or s.index == 0 or s.bullet or s.header is not None or s.item_rest:
        return None
    cl = s.clause_of(pos)
    for t in s.doc.tokens_in(s.start, pos):
        if t.kind != "word" or s.doc.date_spans.overlaps(t.start, t.end):
            continue
        w = t.lower
        if not (w in _SUBJECTLESS or w in UP_WORDS or w in DOWN_WORDS or w in UP_NOUNS
                or w in DOWN_NOUNS or w in CLOSE_WORDS):  # fmt: skip
            return None
    _ = cl
    prev = ctx.sents[s.index - 1]
    if "\n" in s.doc.text[prev.end : s.start]:
        return None  # another paragraph
    named = [m for m in prev.subjects if m.subject is not None and not m.anaphora]
    keys = {m.subject.key for m in named if m.subject is not None}
    if len(keys) != 1 or named[0].subject is None or named[0].subject.kind == "market":
        return None  # none, or several: which one the sentence goes on about is not said
    m = named[0]
    return Bind(m.subject, f"{m.text} (carried from the sentence before)", "named",
                f"its subject is carried from the sentence before ({m.text!r})")  # fmt: skip


def _proxy(subj: Subject) -> str:
    """Why a subject read on a proxy series may be supported and never contradicted."""
    if subj.kind == "sector":
        return f"{subj.name}: an ETF stands in for the sector index"
    if subj.key == "three_named":
        return "its subject is a group ('all three indexes'): the S&P 500 may be one of them"
    return ""


#: words that open an aside: a name after them in an earlier clause is an example, not the subject
_ASIDE_WORDS = ("including", "like", "which", "who", "whose", "among")


def fronted_subject(s: Sent, pos: int) -> Bind:
    """The subject a sentence-opening clause at ``pos`` takes from the main clause right after
    it: "After closing at a record high on Friday, the S&P 500 fell 1%" (the record is the S&P
    500's). Only a series named outright, first in the next clause; else :data:`NONE`."""
    cl = s.clause_of(pos)
    m = next((x for x in s.subjects if x.start >= cl.end), None)
    if m is None or m.subject is None or m.anaphora or m.unknown or not _fronted(s, cl, m):
        return NONE
    return Bind(m.subject, m.text, "market" if m.subject.kind == "market" else "named")


def _fronted(s: Sent, cl: Any, m: SubjectMention) -> bool:
    """Whether the number's clause opens the sentence and ``m`` is the first name of the clause
    right after it: "After ending May at 2.74%, the 10-year yield has rocketed higher", "Up 0.5%,
    the S&P 500 ..." (the opening clause's subject is the main clause's)."""
    if s.clauses[0] is not cl or len(s.clauses) < 2:
        return False
    nxt = s.clauses[1]
    first = next((x for x in s.subjects if x.start >= cl.end), None)
    if first is not m or not nxt.start <= m.start < nxt.end:
        return False
    # "Mortgage rates fell to 6.6%, but the 2-year yield …": a clause with a subject of its own,
    # joined by a coordinator, is not fronted; an opener is a preposition, a participle, a figure
    head = s.doc.tokens_in(nxt.start, m.start)
    if any(t.lower in _COORDINATORS for t in head):
        return False
    lead = s.doc.tokens_in(cl.start, cl.end)
    w = lead[0] if lead else None
    return w is not None and (
        w.kind != "word"
        or w.lower in _FRONT_OPENERS
        or w.lower.endswith(("ing", "ed"))
        or not w.text[:1].isupper()
    )


#: a clause's finite verbs that close the noun phrase of its own subject ("the US dollar index
#: was up 0.2%"); the change and closing verbs count in their finite forms only (a participle,
#: "ending May at 2.74%", opens a fronted clause with no subject of its own)
_FINITE_LINKS = frozenset(
    {"was", "is", "were", "are", "has", "had", "have", "stood", "stands", "remained", "remains",
     "traded", "trades", "sat", "sits", "settled", "hovered"}
)  # fmt: skip
#: words between an opener and a verb that are no subject of their own ("While it was up 0.5%,
#: the S&P 500 …": the pronoun points ahead to the main clause's name)
_NO_OWN_SUBJECT = frozenset(
    {"it", "it's", "its", "they", "this", "that", "also", "still", "just", "only", "already",
     "the", "a", "an", "'s", "s", "so", "far", "then", "now"}
)  # fmt: skip


def _finite_verb(w: str) -> bool:
    """Whether ``w`` is a finite verb that can follow a clause's own subject."""
    if w in _FINITE_LINKS:
        return True
    if w in UP_WORDS or w in DOWN_WORDS or w in CLOSE_WORDS:
        return not w.endswith("ing") and w not in ("up", "down", "higher", "lower", "rise", "fall")
    return False


def _own_subject(s: Sent, cl: Any, pos: int) -> str:
    """The words of the subject the number's clause names before it: a noun phrase after the
    clause's opener ("While", "As", "and") closed by a finite verb ("While the US dollar index was
    up by 0.2% …", "As the dollar rose 0.3% …"); "" when the clause names none ("Up 0.5%, …",
    "After ending May at 2.74%, …", "While it was up 0.5%, …"). Such a clause's number is its own
    subject's, never that of a name in another clause of the sentence. Bounded by the clause's
    tokens before the number."""
    toks = [t for t in s.doc.tokens_in(cl.start, pos) if t.kind == "word"]
    i = 0
    while i < len(toks) and (toks[i].lower in _FRONT_OPENERS or toks[i].lower in _COORDINATORS):
        i += 1
    for j in range(i, len(toks)):
        if _finite_verb(toks[j].lower):
            noun = [t for t in toks[i:j] if t.lower not in _NO_OWN_SUBJECT]
            if not noun or any(
                m.anaphora and toks[i].start <= m.start < toks[j].start for m in s.subjects
            ):
                return ""  # no words, or a back-reference ("the broad-based index"): not other
            return s.doc.text[toks[i].start : toks[j - 1].end]
    return ""


#: words that open a clause fronted before the main one ("After ending May at 2.74%, …")
_FRONT_OPENERS = frozenset(
    {"after", "before", "up", "down", "since", "following", "despite", "with", "at", "from",
     "on", "in", "as", "while", "when", "having", "once", "by", "until", "through", "off",
     "higher", "lower", "trading", "for", "over", "to", "ahead", "amid", "against"}
)  # fmt: skip


#: words that open a coordinate clause: a name after one is that clause's subject
_COORDINATORS = frozenset({"and", "while", "whereas", "but", "with", "as", ";", "although"})


def _coordinated(s: Sent, pos: int, name: int) -> bool:
    """Whether a coordinating word stands between the number at ``pos`` and a name after it
    ("rose 3 bp to 4.49% and the two-year rate ...": the name opens the next clause, so a number
    binds the series of its own clause, not the one after it)."""
    return any(t.lower in _COORDINATORS for t in s.doc.tokens_in(pos, name))


def subject_gap(
    s: Sent, m: SubjectMention, pos: int, container: SubjectMention | None = None
) -> str:
    """Why the name ``m`` binds the number at ``pos`` only loosely (``""`` when it binds
    strictly): another name between them or closer to the number in its clause, another asset
    word between them ("the S&P 500 ... while oil fell 2%"), or a name that is one of a list
    ("Facebook, Apple and Google, settled up 1.3%").

    >>> # "ETSY Inc. (ETSY) tumbled 8.44% ... as the worst performing S&P 500 stock": ETSY is nearer
    """
    key = m.subject.key if m.subject is not None else None
    before = m.start < pos
    lo, hi = (m.end, pos) if before else (pos, m.start)
    same = lambda x: x.subject is not None and x.subject.key == key  # noqa: E731
    for x in s.subjects:
        if x is m or x is container or same(x) or x.anaphora in ("pronoun", "index", "benchmark"):
            continue
        if before and _in_closed_aside(s, x.start, pos):
            continue  # "The VIX, which measures the market's expectations ..., closed at 23.57"
        if lo <= x.start < hi:
            return (
                f"another name ({x.text!r}) stands between its subject ({m.text!r}) and the number"
            )
    cl = s.clause_of(pos)
    for x in s.subjects:
        if x is m or x is container or same(x) or x.anaphora or not cl.start <= x.start < cl.end:
            continue
        if before and x.start > pos and _coordinated(s, pos, x.start):
            continue  # "… to 4.49% and the two-year rate …": the next clause's subject
        if abs(x.start - pos) < (pos - m.end if before else m.start - pos):
            return f"another name ({x.text!r}) is nearer the number than its subject ({m.text!r})"
    for t in s.doc.tokens_in(lo, hi):
        if t.kind == "word" and t.base in OTHER_ASSETS:
            return f"another asset ({t.text!r}) is named between its subject and the number"
    if before:
        prep = [w for w in s.words_before(m.start, 2) if w != "the"][-1:]
        first = next((x for x in s.subjects if x.start < m.start and not x.anaphora
                      and (x.subject is not None or x.unknown) and not same(x)), None)  # fmt: skip
        if prep and prep[0] in _OBJECT_PREPOSITIONS and first is not None:
            # "Amazon.com gave a 11% boost to the S&P 500 ..., thanks to an 8% gain": the name
            # after a preposition is an object; the sentence's subject named before may be meant
            return f"its subject ({m.text!r}) is the object of {prep[0]!r} after {first.text!r}"
    mc = s.clause_of(m.start)
    if before and mc.end <= pos:
        lead = [t.lower for t in s.doc.tokens_in(mc.start, m.start)]
        aside = next((w for w in _ASIDE_WORDS if w in lead), None)
        if aside is not None or " ".join(lead[-2:]) == "such as":
            return f"its subject ({m.text!r}) is named inside an aside ({aside or 'such as'!r} ...)"
    for x in s.subjects:
        if x is m or same(x) or x.anaphora or not (x.subject is not None or x.unknown):
            continue
        if x.end <= m.start and x.text.endswith(("'s", "’s")):
            continue  # "Wall Street's fear gauge": a possessive modifies the name, no list
        a, b = (x.end, m.start) if x.start < m.start else (m.end, x.start)
        gap = [w for w in s.doc.text[a:b].replace(",", " , ").split() if w not in ("the", "&")]
        if 0 <= b - a <= 12 and [w for w in gap if w != ","] in ([], ["and"], ["or"]):
            return f"its subject ({m.text!r}) is one of a list of names"
    return ""


_LIST_GLUE = frozenset({",", "and", "or", "&", "the", "both"})
#: prepositions that make the name after them an object, not the sentence's subject
_OBJECT_PREPOSITIONS = frozenset(
    {"to", "than", "against", "versus", "vs", "vs.", "toward", "towards", "into"}
)


def list_subjects(s: Sent, subj: Bind) -> list[Bind]:
    """The names of a list the bound subject is one of ("The S&P 500 and Nasdaq closed at
    records", "the Dow, the S&P 500 and the Nasdaq"), each as its own binding in the order they
    are written; ``[subj]`` when the subject is not one of a list. A statement about a list of
    names is a statement about each of them (each stays loose: one of a list)."""
    if subj.how != "named" or "one of a list" not in subj.loose or subj.value is None:
        return [subj]
    names = [m for m in s.subjects if (m.subject is not None or m.unknown) and not m.anaphora]
    k = next((i for i in range(len(names) - 1, -1, -1) if names[i].subject is subj.value), None)
    if k is None:
        return [subj]

    def glued(x: SubjectMention, y: SubjectMention) -> bool:
        gap = s.doc.text[x.end : y.start].replace(",", " , ").split()
        return 0 <= y.start - x.end <= 12 and all(w.lower() in _LIST_GLUE for w in gap)

    a = b = k
    while a > 0 and glued(names[a - 1], names[a]):
        a -= 1
    while b + 1 < len(names) and glued(names[b], names[b + 1]):
        b += 1
    out: list[Bind] = []
    seen: set[str] = set()
    for m in names[a : b + 1]:
        if m.subject is None or m.subject.key in seen:
            continue
        seen.add(m.subject.key)
        out.append(
            Bind(m.subject, m.text, "named", f"its subject ({m.text!r}) is one of a list of names")
        )
    return out or [subj]


def _respectively(s: Sent, pos: int) -> Bind | None:
    """ "Alphabet and Microsoft added 2.1% and 3.9%, respectively": the figures go to the names in
    order. Only when the names and the figures are both lists of the same length."""
    toks = s.doc.tokens_in(pos, min(s.end, pos + 120))
    if not any(t.lower == "respectively" for t in toks):
        return _paired_lists(s, pos)
    k = next(i for i, t in enumerate(toks) if t.lower == "respectively")
    figures = [q for q in s.quantities if q.start <= toks[k].start and q.end > s.start]
    run: list[Quantity] = []
    for q in reversed(figures):  # the run of figures right before "respectively"
        gap = s.doc.text[q.end : (run[0].start if run else toks[k].start)].replace(",", " ").split()
        if (run and gap not in ([], ["and"], ["or"])) or (not run and len(gap) > 1):
            break
        run.insert(0, q)
    mine = next((i for i, q in enumerate(run) if q.start <= pos < q.end or q.start == pos), None)
    if mine is None or len(run) < 2:
        return None
    names: list[SubjectMention] = []
    for m in s.subjects:
        if m.end > run[0].start or (m.subject is None and not m.unknown):
            continue
        if names and m.subject is not None and names[-1].subject == m.subject:
            continue  # "Nvidia (NVDA)": a name and its ticker are one
        names.append(m)
    names = names[-len(run) :]
    if len(names) != len(run):
        # "The 5 year and 10 year U.S. Treasury Notes are now yielding 1.07% and 1.56%,
        # respectively" with the 5-year named in words the checker does not know: the figures
        # pair with names it cannot all see, so the nearest name is not the figure's
        head = s.doc.text[s.start : run[0].start].strip()
        return Bind(None, f"one of the names before {head[-60:]!r} (respectively)", "unknown")
    m = names[mine]
    if m.subject is None:
        return Bind(None, m.text, "unknown")
    return Bind(m.subject, f"{m.text} (respectively)", "named", _proxy(m.subject), name_at=m.start)


def _paired_lists(s: Sent, pos: int) -> Bind | None:
    """ "the S&P and Dow climbed 8.8% and 2.5%": a list of names right before one verb and a list
    of as many figures right after it pair in order, as with "respectively". Only for lists
    joined by commas and "and" alone, the verb (and "by") between them."""
    cl = s.clause_of(pos)
    figs = [q for q in s.quantities if cl.start <= q.start < cl.end]
    run: list[Quantity] = []
    for q in figs:
        if run and s.doc.text[run[-1].end : q.start].replace(",", " ").split() not in (["and"], []):
            if any(x.start <= pos < x.end or x.start == pos for x in run):
                break
            run = []
        run.append(q)
    if len(run) < 2 or not any(x.start <= pos < x.end or x.start == pos for x in run):
        return None
    names: list[SubjectMention] = []
    for m in s.subjects:
        if m.start < cl.start or m.end > run[0].start:
            continue
        if names and m.subject is not None and names[-1].subject == m.subject:
            continue
        names.append(m)
    names = names[-len(run) :]
    if len(names) != len(run) or any(m.anaphora or m.subject is None for m in names):
        return None
    for x, y in itertools.pairwise(names):
        gap = [
            w for w in s.doc.text[x.end : y.start].replace(",", " ").split() if w.lower() != "the"
        ]
        if [w.lower() for w in gap] not in (["and"], []) and not re.fullmatch(
            r"\s*\([A-Z.]+\)\s*(?:,|and)?\s*", s.doc.text[x.end : y.start]
        ):
            return None
    verb = s.doc.text[names[-1].end : run[0].start].split()
    if not 1 <= len(verb) <= 2 or (len(verb) == 2 and verb[1].lower() != "by"):
        return None
    mine = next(i for i, x in enumerate(run) if x.start <= pos < x.end or x.start == pos)
    m = names[mine]
    return Bind(m.subject, f"{m.text} (in order)", "named", _proxy(m.subject) if m.subject else "",
                name_at=m.start)  # fmt: skip


#: words right before "rate" that make it inflation's own rate ("an annual inflation rate of 3%",
#: "peaked at an annualized rate of 9.1%", "the year-over-year rate slowed to 8.3%")
_OWN_RATE_LEADS = ("annual", "annualized", "annualised", "year-over-year", "yearly", "inflation")


def _own_rate(s: Sent, t: Token) -> bool:
    """Whether ``t`` is "rate" led by a word that makes it an inflation figure's own rate."""
    if t.lower != "rate":
        return False
    lead = s.doc.text[max(s.start, t.start - 16) : t.start].rstrip().lower()
    return lead.endswith(_OWN_RATE_LEADS) and not lead.endswith(("tax", "interest", "mortgage"))


#: words before "markets" or "market" that name another market than stocks ("currency markets")
_OTHER_MARKETS = frozenset(
    {"currency", "currencies", "forex", "fx", "bond", "bonds", "treasury", "debt", "credit",
     "money", "commodity", "commodities", "oil", "energy", "metals", "gold", "crypto",
     "cryptocurrency", "housing", "labor", "labour", "job", "jobs", "futures", "options",
     "derivatives", "mortgage"}
)  # fmt: skip


#: words that turn to a clause with a subject of its own ("..., while average hourly earnings")
_SUBJECT_TURNS = frozenset({"while", "whereas"})


#: the kinds of a market's series, and the nouns of the economy that, between such a name and a
#: number, make the number the economy's ("Stocks got a lift from data that showed U.S.
#: manufacturing expanded at the fastest pace since late 2018")
_MARKET_KINDS = frozenset({"index", "stock", "etf", "market", "volatility", "sector"})
_ECONOMY_NOUNS = frozenset(
    {"manufacturing", "factory", "factories", "economy", "output", "payrolls", "employment",
     "unemployment", "jobless", "gdp", "retail"}
)  # fmt: skip


#: words that open a clause of its own, whose first noun is that clause's subject
_CLAUSE_OPENERS = frozenset(
    {"as", "while", "when", "after", "and", "but", "since", "because", "though", "although",
     "whereas"}
)  # fmt: skip


def _new_subject_between(s: Sent, a: int, b: int) -> bool:
    """Whether the words from ``a`` to ``b`` open a clause whose subject is a noun of something
    else ("as volatility fell to", "while oil rose to"): a pronoun after them points to it."""
    toks = [t for t in s.doc.tokens_in(a, b) if t.kind == "word"]
    return any(
        t.lower in FOREIGN_NOUNS and i and toks[i - 1].lower in _CLAUSE_OPENERS
        for i, t in enumerate(toks)
    )


#: verbs whose object is the name a subject is compared with ("outperformed the S&P 500")
_COMPARE_VERBS = frozenset(
    {"outperformed", "outperforming", "outperforms", "outpaced", "outpacing", "outpaces",
     "beat", "beating", "beats", "trailed", "trailing", "trails", "lagged", "lagging", "lags",
     "underperformed", "underperforming", "underperforms", "overtook", "eclipsed"}
)  # fmt: skip


def _without_compared_object(s: Sent, before: list[Any], pos: int) -> list[Any]:
    """``before`` (the names before a figure at ``pos``) without the nearest one when it is the
    object of a comparison and the figure follows it after a comma ("The Nasdaq 100 has
    outperformed the S&P 500, gaining over 100% from the 2022 lows": the gain is the Nasdaq's,
    the clause's subject, not the name it beat)."""
    if len(before) < 2:
        return before
    m = before[-1]
    prev = [w for w in s.words_before(m.start, 3) if w not in ("the", "its", "their", "a")]
    if not prev or prev[-1] not in _COMPARE_VERBS:
        return before
    gap = [t.lower for t in s.doc.tokens_in(m.end, pos)]
    if "," not in gap or gap[gap.index(",") + 1 : gap.index(",") + 2] in (["which"], ["that"]):
        return before  # "..., which gained 20%": a relative clause is the object's
    return before[:-1]


def _records_over(before: list[str]) -> bool:
    """Whether the words before a period are a record's and a preposition ("record close of",
    "record high for", "all-time highs in"): the span its records are counted or set over."""
    return before[-1:] in (["of"], ["for"], ["in"], ["this"]) and bool(
        {"record", "records", "high", "highs"} & set(before[:-1])
    )


def _gap_between(s: Sent, pos: int) -> bool:
    """Whether the clause of ``pos`` opens with a gap between two things ("the gap between it
    and the 10-year yield is ..."): a pronoun after it is the gap's."""
    cl = s.clause_of(pos)
    words = [t.lower for t in s.doc.tokens_in(cl.start, pos) if t.kind == "word"]
    return any(
        w == "between" and k > 0 and words[k - 1] in ("gap", "spread", "difference")
        for k, w in enumerate(words)
    )


def _lead_says_closed(ctx: Ctx) -> bool:
    """Whether the sentence that names the session the article reports says it closed ("U.S.
    stocks closed lower on Friday"): the story was written after the close."""
    lead = ctx.lead
    if lead is None:
        return False
    for x in ctx.sents:
        if x.start <= lead.start < x.end:
            return any(
                t.lower in _CLOSED_WORDS or t.lower in ("close", "closing") for t in x.tokens
            )
    return False


def _likened(s: Sent, m: Any, pos: int) -> bool:
    """Whether the name ``m`` is the standard a figure at ``pos`` is likened to, after a comma
    ("Like the Dow, Friday was the third day in a row of gains for the S&P 500", "Unlike
    bonds, ..."): not the figure's subject (a relative clause after it, "which fell 2%", is)."""
    prev = [w for w in s.words_before(m.start, 3) if w not in ("the", "its", "their", "a")]
    if not prev or prev[-1] not in ("like", "unlike"):
        return False
    gap = [t.lower for t in s.doc.tokens_in(m.end, pos)]
    return "," in gap and gap[gap.index(",") + 1 : gap.index(",") + 2] not in (["which"], ["that"])


def _foreign_between(
    s: Sent,
    a: int,
    b: int,
    own_stock: bool = False,
    own_rate: bool = False,
    *,
    market: bool = False,
) -> bool:
    """Whether the words between a subject's name and a number name something else: a noun right
    after the name ("the S&P 500's earnings rose 14%", "S&P 500 futures fell 1%") or in the
    number's own clause ("..., while bonds fell 1%"). An aside between commas ("The S&P 500, an
    index of the 500 largest companies, surpassed 4,000") does not count. With ``own_rate`` (an
    inflation subject), "rate" led by "annual", "annualized", "year-over-year" or "inflation" is
    the subject's own rate, not another's. With ``market`` (a market's series), a noun of the
    economy there ("manufacturing", "payrolls") makes the number the economy's."""
    words = [t for t in s.doc.tokens_in(a, b) if t.kind == "word"]
    if own_rate:
        words = [t for t in words if not _own_rate(s, t)]
    if own_stock and words and words[0].lower in ("stock", "shares", "share", "stocks"):
        words = words[1:]  # "NVIDIA stock", "Apple shares": the company's own price
    head = [t for t in words[:3] if t.end <= (words[0].end if words else a) + 30]
    cl = s.clause_of(b)
    last_q = max((x.end for x in s.quantities if a <= x.start and x.end <= b), default=a)
    tail = [t for t in words if t.start >= max(cl.start, last_q)][-14:]
    if own_stock and tail and tail[0].lower in ("stock", "shares", "share"):
        tail = tail[1:]
    if head and head[0].lower in ("an", "a", "which", "the", "that", "who"):
        head = []  # an aside starts here
    if _sub_index(head):
        return True
    if market and any(t.lower in _ECONOMY_NOUNS for t in (*head, *tail)):
        return True
    # "The unemployment rate ticked down to 3.5%, while average hourly earnings climbed 15 cents,
    # or 0.5%": the clause a turn opens names its own subject
    turns = [i for i, t in enumerate(words) if t.lower in _SUBJECT_TURNS]
    own = ("shares", "share", "stock", "stocks") if own_stock else ()
    if turns and any(
        t.base in FOREIGN_NOUNS and t.lower not in own for t in words[turns[-1] + 1 : turns[-1] + 5]
    ):
        return True
    return any(t.base in FOREIGN_NOUNS and not _adjective_multiple(s, t) for t in (*head, *tail))


#: nouns of an index after a name ("the S&P 500's tech index"), and the words before them that
#: leave the index the name's own ("the S&P 500 benchmark index")
_INDEX_NOUNS = frozenset({"index", "indexes", "indices", "subindex", "sub-index", "gauge"})
_OWN_INDEX_WORDS = frozenset(
    {"benchmark", "broad", "broader", "broad-based", "composite", "main", "price", "stock", "equity"}
)  # fmt: skip


def _sub_index(head: list[Token]) -> bool:
    """Whether the words right after a name make another index of it: "the S&P 500's tech index",
    "the S&P 500 energy index" (a sector's, a part of the name's), unlike "the S&P 500 index" or
    "the S&P 500 benchmark index"."""
    k = next((i for i, t in enumerate(head) if t.lower in _INDEX_NOUNS), None)
    return bool(k) and all(t.lower not in _OWN_INDEX_WORDS for t in head[:k])


#: words before "multiple" that make it a valuation ("its forward multiple", "the P/E multiple")
_MULTIPLE_OWNERS = frozenset(
    {"forward", "trailing", "earnings", "valuation", "p/e", "price-to-earnings", "its", "the",
     "their", "pe", "sales", "ebitda"}
)  # fmt: skip


def _adjective_multiple(s: Sent, t: Token) -> bool:
    """Whether "multiple" is the adjective ("breached multiple psychological barriers", "over
    multiple sessions"), not a valuation's multiple: no owner word or possessive right before it."""
    if t.lower not in ("multiple", "multiples"):
        return False
    prev = s.doc.tokens_in(max(s.start, t.start - 40), t.start)
    w = prev[-1].lower if prev else ""
    return not (w in _MULTIPLE_OWNERS or w.endswith("'s") or w == "'s" or w == "s")


def _event_weekday(s: Sent, pos: int) -> str:
    """ "crossed 6,000 for the first time the Monday after election day", "the Friday before
    Thanksgiving": a weekday named by the event it follows or precedes (with "the" before it, not
    "on Monday after a report showed ..."), which the calendar of the article's date does not
    place. The words, or "" when the clause of ``pos`` names no such day."""
    cl = s.clause_of(pos)
    for d in s.dates:
        if d.kind != "weekday" or not (cl.start <= d.start < cl.end or d.start < pos):
            continue  # its clause's, or one before it ("The following Monday, the index fell")
        before, after = s.words_before(d.start, 1), s.words_after(d.end, 1)
        if before == ["the"] and after and after[0] in ("after", "before", "following"):
            return f"the {d.text} {after[0]} ..."
        # "the following Monday", "that Friday", "Monday of the next week": a weekday counted
        # from a time the text told of before, not from the article's date
        two = [w.lower() for w in s.words_before(d.start, 2)]
        that = two[-1:] == ["that"] and (
            two[:1] == ["on"] or s.doc.text[s.start : d.start].lower().strip() == "that"
        )  # "on that Friday", "That Friday, ..." (not "said that Friday's rally ...")
        if that or (two[:1] == ["the"] and two[1:] in (["following"], ["next"])):
            return f"{' '.join(s.words_before(d.start, 2 if two[:1] == ['the'] else 1))} {d.text}"
        nxt = [w.lower() for w in s.words_after(d.end, 3)]
        if nxt[:2] == ["of", "the"] and nxt[2:3] in (["next"], ["following"], ["previous"]):
            return f"{d.text} of the {nxt[2]} week"
    return ""


#: "four weeks ago", "a month ago", "two days ago": group 1 the count, group 2 the unit
_AGO = re.compile(r"\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
                  r"(day|week|month)s?\s+ago\b", re.I)  # fmt: skip
#: how far either way a day "N units ago" may lie from the exact count back (days)
_AGO_SLACK = {"day": 1, "week": 3, "month": 5}


def _ago_window(ctx: Ctx, s: Sent, pos: int) -> Bind | None:
    """ "Just four weeks ago, the VIX was at a three-year low": the days around the article's date
    less the stated time (a window the words place only roughly: support only, see make_claim),
    when the phrase stands before ``pos`` in its sentence with no date between."""
    if ctx.ref is None:
        return None
    text = s.doc.text
    found = None
    for mt in _AGO.finditer(text, s.start, pos):
        found = mt
    cl = s.clause_of(pos)
    if found is None or any(
        found.end() <= d.start < pos or cl.start <= d.start < cl.end for d in s.dates
    ):
        return None  # a date between, or one in the claim's own clause, is the claim's
    w = found.group(1).lower()
    n = 1 if w in ("a", "an", "one") else int(w) if w.isdigit() else NUMBER_WORDS.get(w, 0)
    unit = found.group(2).lower()
    if not n:
        return None
    back = {"day": n, "week": 7 * n, "month": round(30.4 * n)}[unit]
    mid = ctx.ref - dt.timedelta(days=back)
    slack = dt.timedelta(days=_AGO_SLACK[unit])
    return Bind((mid - slack, mid + slack), f"{found.group(0)} (around {mid})", "ago")


def bind_date(
    ctx: Ctx,
    s: Sent,
    pos: int,
    *,
    end: int | None = None,
    before_only: bool = False,
    spans_ok: bool = False,
) -> Bind:
    """The day a claim at ``pos`` is about: a day, weekday or relative day in its clause (or up to
    ``end``), else the nearest one before it in the sentence, else one after it in the sentence,
    else the list header's, else the article's date. The value is a :class:`DateMention` or, for
    the article's date, the date window. A date that starts a period ("since April 2", "from
    the close of ... on Nov. 5") or names a reference level's day ("hit Monday, Jan. 12") is not
    the claim's date."""
    when = _when_day(s, pos)
    if when is not None:  # "since Feb. 9, when the VIX hit a high of 41.06": that day's figure
        return Bind(when, when.text, "explicit")
    if spans_ok:
        # "since July 2023, when the central bank last hiked interest rates by 25 basis points":
        # a month (quarter, year) before "when" is the time of the clause's event
        w = _when_of(s, pos)
        d = _before_when(s, w) if w is not None else None
        if d is not None and d.kind in ("month", "quarter", "year") and d.first is not None:
            return Bind(d, d.text, "explicit")
    ago = _ago_window(ctx, s, pos)
    if ago is not None:  # "Just four weeks ago, the VIX was at a three-year low"
        return ago
    rel = _relative_when(s, pos) or _event_weekday(s, pos)
    if rel:  # "compared to the previous market day, when the VIX closed at 23.43"
        return Bind(None, f"a day named only relative to another ({rel!r})", "none")
    when_other = _when_other_date(s, pos)
    if when_other:  # "since March 2020, ..., when the gauge rose as high as 85.47"
        return Bind(None, f"a when-clause about {when_other!r}, which names no day", "none")
    last_day = _last_session_of(s)
    if last_day is not None:
        return Bind(last_day, last_day.text, "explicit")
    pc = period_close_of(ctx, s, pos)
    # a day named before the close verb is another verb's ("hit a high of 4,793 on December 28
    # and closed the year at 4,769.83")
    if pc is not None and pc.day.start <= pos and not _own_day(s, pos, after=pc.day.start):
        # "closed out the week at L": the period's last session (and, on its last day or the
        # weekend after, the previous period's as well)
        if not pc.named and (_narrative(s, ctx) or _other_period(ctx, s)):
            # "On August 5th ... Four days later, ... The S&P 500 surged 1.88% to finish the
            # week down 0.46%" in a review of the month: the week is the story's, not the one
            # before the article's date
            why = f"{pc.day.text}, though the paragraph tells of other days"
            return Bind(pc.day, why, "weak", "", pc.alt)
        return Bind(pc.day, pc.day.text, "explicit", "", pc.alt)
    cl = s.clause_of(pos)
    stop = cl.end if end is None else end
    days = [
        d
        for d in s.dates
        if d.kind in _DAYLIKE
        and d.first is not None
        and not _anchor_date(s, d)
        and not _cited_day(s, d)
    ]
    said = _attributed_day(s, days)
    if before_only:
        days = [d for d in days if d.start < pos]
    if spans_ok:
        spans = [
            d for d in s.dates if d.kind == "span" and d.first is not None and d.last is not None
        ]
        if spans and not days:
            d = spans[0]
            return Bind((d.first, d.last), d.text, "span")
    inside = [d for d in days if cl.start <= d.start < stop and not _turn_between(s, pos, d)]
    if inside:
        d = min(inside, key=lambda d: abs(d.start - pos))
        return _today_in_window(ctx, d) or Bind(d, d.text, "explicit")
    if said is not None:  # "..., according to data released on September 2, 2025"
        return Bind(said, said.text, "explicit")
    before = [d for d in days if d.start < pos]
    # a date after the number, unless another figure comes between ("plummeted 19% in a matter of
    # weeks, hitting its annual closing low on April 8")
    after = [
        d for d in days if d.start >= pos and not any(pos < x.start < d.start for x in s.quantities)
    ]
    other = before[-1] if before else (after[0] if after else None)
    if other is not None:
        if _carries(s, other, pos):  # "On Tuesday, the S&P 500 rose 1%": the sentence's day
            return _today_in_window(ctx, other) or Bind(other, other.text, "explicit")
        # a day named in another clause ("the last time it reached that level was January 26,
        # although it ended the day at 2,862.96"): the claim's own clause names none, so it is
        # read on the article's session as well as on that day
        own = _default_date(ctx, s)
        if own.value is None or own.how == "none":
            return Bind(other, other.text, "explicit",
                        f"its date ({other.text!r}) is named in another clause")  # fmt: skip
        words = f"{own.words}, or {other.text} (named in another clause)"
        alt = (other.first,) if other.first is not None else ()
        return _with_span(s, pos, Bind(own.value, words, own.how, own.loose, alt))
    return _with_span(s, pos, _default_date(ctx, s))


def _cited_day(s: Sent, d: DateMention) -> bool:
    """Whether ``d`` closes a citation in parentheses ("... to close at 27.62 (Sarah Min, CNBC,
    December 19, 2024)"): the day the source was published, not the day of the figures."""
    toks = s.doc.tokens_in(s.start, d.start)
    k = next((i for i in range(len(toks) - 1, -1, -1) if toks[i].text in "()"), None)
    after = s.doc.tokens_in(d.end, s.end)[:1]
    if k is None or toks[k].text != "(" or not after or after[0].text != ")":
        return False
    inside = toks[k + 1 :]
    names = [t for t in inside if t.kind == "word"]
    return (
        bool(names)
        and any(t.text == "," for t in inside)
        and all(t.text[:1].isupper() for t in names)
        and all(t.kind == "word" or t.text in (",", ".", "&", "'", "’", "-") for t in inside)
    )


def _today_in_window(ctx: Ctx, d: DateMention) -> Bind | None:
    """ "today" ("tonight") in an article dated only by its month or year: any day of that
    window, as a claim about "now" is (never its last day alone: "closed at another record high
    today" in an article dated "2025"); ``None`` for any other mention or a day-dated article."""
    if ctx.window is None or ctx.window[0] == ctx.window[1]:
        return None
    if d.kind != "relative" or d.text.lower() not in ("today", "tonight"):
        return None
    label = window_label(*ctx.window)
    return Bind(ctx.window, f"{d.text} (the article's date: {label}, a window)", "article")


def _attributed_day(s: Sent, days: list[DateMention]) -> DateMention | None:
    """The day an attribution phrase of the sentence names for its figures (the class "a figure's
    day named by its attribution"): "according to data released on September 2, 2025", "data
    published on Friday", "as of Sept. 2", "data from May 3 show". The phrase says which day the
    figures are of, as "on DATE" in the figure's clause does, so an article dated only by its month
    never searches its window for a day that fits. ``None`` unless exactly one day of the sentence
    is so named (one day, not a span) and the sentence names no other day."""
    said = []
    for d in days:
        if d.first is None or d.first != d.last:
            continue
        prev = s.words_before(d.start, 6)
        nxt = s.words_after(d.end, 2)
        if (
            prev[-2:] == ["as", "of"]
            or (prev[-1:] == ["on"] and prev[-2:-1] and prev[-2] in _RELEASE_WORDS
                and any(w in _DATA_WORDS or w == "according" for w in prev[:-2]))
            or (prev[-2:-1] and prev[-2] in _DATA_WORDS and prev[-1] in ("from", "for")
                and nxt[:1] and nxt[0] in _SHOW_WORDS)
        ):  # fmt: skip
            said.append(d)
    if len(said) != 1 or len({d.first for d in days}) != 1:
        return None
    return said[0]


#: words of a release and of data in an attribution phrase ("according to data released on")
_RELEASE_WORDS = frozenset({"released", "published", "issued", "reported", "out", "posted"})
_DATA_WORDS = frozenset({"data", "figures", "numbers", "statistics", "readings", "quotes"})
_SHOW_WORDS = frozenset({"show", "showed", "shows", "indicate", "indicated", "indicates"})


def _when_day(s: Sent, pos: int) -> DateMention | None:
    """The day a "when" clause right after it is about, for a figure in that clause (the class
    "a when-clause after a date"): "its highest level since Feb. 9, when the VIX hit a high of
    41.06", "from its low on March 23, when it closed at 2,237". The clause tells what happened
    on that day, so its figures are of that day, never of the article's (``None`` when the
    figure's clause is no such clause, or the day before "when" is not one day)."""
    when = _when_of(s, pos)
    if when is None:
        return None
    d = _before_when(s, when)
    if d is None or d.kind not in ("day", "weekday", "relative") or d.first is None:
        return None
    return d if d.first == d.last else None


def _when_of(s: Sent, pos: int) -> Token | None:
    """The "when" that opens the clause holding ``pos`` (no word that ends its clause between
    them: :data:`_WHEN_BREAKS`), else ``None``."""
    cl = s.clause_of(pos)
    toks = s.doc.tokens_in(max(s.start, cl.start - 2), pos)
    w = next((i for i, t in enumerate(toks) if t.lower == "when"), None)
    if w is None or any(t.lower in _WHEN_BREAKS for t in toks[w + 1 :]):
        return None
    return toks[w]


def _before_when(s: Sent, when: Token) -> DateMention | None:
    """The date a "when" clause is about: the one right before "when", a comma between at most, or
    an aside without a figure ("since March 2020, at the onset of the COVID-19 pandemic, when")."""
    end = when.start
    for d in reversed(s.dates):
        if d.end > end:
            continue
        gap = s.doc.tokens_in(d.end, end)
        if not gap or [t.text for t in gap] == [","]:
            return d
        aside = gap[0].text == "," and gap[-1].text == "," and len(gap) <= 14
        if aside and not any(d.end <= q.start < end for q in s.quantities):
            return d
        return None
    return None


def _when_other_date(s: Sent, pos: int) -> str:
    """The words of a date that is no single day ("March 2020", "2008") before a "when" clause
    holding ``pos`` ("its highest since March 2020, ..., when the gauge rose as high as 85.47"):
    the figure is of that time, not of the article's day, and no day names it; else ""."""
    when = _when_of(s, pos)
    if when is None:
        return ""
    d = _before_when(s, when)
    if d is None or (d.kind in ("day", "weekday", "relative") and d.first == d.last):
        return ""
    if any(q.start == pos and q.unit == "pct" for q in s.quantities):
        return ""  # "in October 2016, when it returned -1.8%": a move that month is its period's
    end = s.clause_of(pos).end
    if any(when.end <= x.start < end for x in s.dates) or any(
        when.end <= p.start < end for p in s.periods
    ):
        return ""  # "in 2019, when the S&P 500 advanced 13.1% in the first quarter": its own period
    return d.text


#: words of a day named relative to another before "when" ("the previous market day, when")
_RELATIVE_WHEN_FIRST = frozenset({"previous", "prior", "preceding", "next", "following"})
_RELATIVE_WHEN_NOUNS = frozenset({"day", "session"})


def _relative_when(s: Sent, pos: int) -> str:
    """The words of a relative day that a "when" clause holding ``pos`` is about ("compared to
    the previous market day, when the VIX closed at 23.43"): the figure is that day's, which no
    date names, so it has none; else ""."""
    when = _when_of(s, pos)
    if when is None:
        return ""
    before = [t.lower for t in s.doc.tokens_in(s.start, when.start) if t.kind == "word"][-4:]
    if not before or before[-1] not in _RELATIVE_WHEN_NOUNS:
        return ""
    k = next((i for i, x in enumerate(before) if x in _RELATIVE_WHEN_FIRST), None)
    return " ".join(before[k:]) if k is not None else ""


#: words after "when" that end its clause before the figure: the figure belongs to another one
_WHEN_BREAKS = frozenset({"when", ";", "but", "and", "while", "after", "before", "since", "."})


def _turn_between(s: Sent, pos: int, d: DateMention) -> bool:
    """Whether a word that turns to another event ("as investors weighed ... on Wednesday",
    "after", "while") stands between the number at ``pos`` and a day named after it in its
    clause: that day is the other event's."""
    if d.start <= pos:
        return False
    if any(t.lower in _DAY_TURNS for t in s.doc.tokens_in(pos, d.start)):
        return True
    # "surged to a high of 65.73, up from its previous close of 23.73 on Friday": a base stated
    # between the figure and the day is what the day dates
    base = base_day(s, d)
    return base is not None and pos < base


#: nouns of a base level a day may date ("up from its previous close of 23.73 on Friday")
_BASE_NOUNS = frozenset({"close", "closing", "level", "finish", "reading", "settle"})


def base_day(s: Sent, d: DateMention) -> int | None:
    """The offset of the base level that day ``d`` dates, when ``d`` follows it ("up from its
    previous close of 23.73 on Friday"): a figure after "from" and a noun of a level, with only
    "on" between it and the day; else ``None``."""
    for q in s.quantities:
        if q.end > d.start or s.doc.text[q.end : d.start].strip().lower() not in ("on", ""):
            continue
        w = s.words_before(q.start, 5)
        if "from" in w and _BASE_NOUNS.intersection(w):
            return q.start
    return None


def _with_span(s: Sent, pos: int, own: Bind) -> Bind:
    """A claim dated by default when its sentence names another time ("after reaching its highest
    level in more than a year last week"): the days of that time are read as well, and the claim
    is not contradicted."""
    span = _other_span(s, pos)
    if span is None or own.value is None or span.first is None or span.last is None:
        return own
    n = min((span.last - span.first).days, 31)
    alt = own.alt + tuple(span.last - dt.timedelta(days=k) for k in range(n + 1))
    loose = own.loose or f"the sentence names another time ({span.text!r})"
    return Bind(own.value, f"{own.words}, or {span.text}", own.how, loose, alt)


def _other_span(s: Sent, pos: int) -> DateMention | None:
    """A span of days the sentence names ("last week", "this month") that dates no period of its
    own, when the claim at ``pos`` has no day: the claim may be of that time."""
    for d in s.dates:
        if d.kind != "span" or d.first is None or d.last is None or _anchor_date(s, d):
            continue
        if (d.last - d.first).days > 31:
            continue
        if _own_to_date(s, d, pos) or (_owns_a_period(s, pos) and _owned_to_date(s, d)):
            continue
        return d
    return None


def _owns_a_period(s: Sent, pos: int) -> bool:
    """Whether the figure at ``pos`` owns period words of its own ("8.2% this quarter")."""
    for p in s.periods:
        owner = period_owner(s, p)
        if owner is not None and owner.start <= pos < owner.end:
            return True
    return False


def _owned_to_date(s: Sent, d: DateMention) -> bool:
    """Whether the span ``d`` is the words of a figure's to-date period: for a figure with a
    period of its own, another figure's ("has risen 2.6% this month and 8.2% this quarter": "this
    month" is the 2.6%'s period, no time the 8.2% may be read at; a level the move reached, "fell
    17 basis points this year to 4.25%", is read at that period's end)."""
    return any(
        p.kind in _TO_DATE
        and p.start <= d.start
        and d.end <= p.end
        and period_owner(s, p) is not None
        for p in s.periods
    )


def _month_weekday(ctx: Ctx, s: Sent, date: Bind) -> tuple[dt.date, ...] | None:
    """The days a bare weekday may mean in an article dated to a month: the weekday of the week
    the sentence or the one before it (same paragraph) names ("the week of November 8"), else
    each such weekday of the month (:func:`thesis.claims.weekdays.month_weekday_days`)."""
    d = date.value
    if not isinstance(d, DateMention) or d.kind != "weekday" or ctx.window is None:
        return None
    if ctx.window[0] == ctx.window[1]:
        return None
    # the weekday's own sentence (a day carried from the sentence before is that one's) and the
    # sentence before it in its paragraph
    own = next((x for x in ctx.sents[max(0, s.index - 1) : s.index + 1]
                if x.start <= d.start < x.end), s)  # fmt: skip
    sents = [own]
    if own.index > 0:
        prev = ctx.sents[own.index - 1]
        if "\n" not in s.doc.text[prev.end : own.start]:
            sents.insert(0, prev)
    pairs = [(x, m) for x in sents for m in x.dates if m.start < d.start]
    days = [m for _, m in pairs]
    words = [x.words_before(m.start, 3) for x, m in pairs]
    return month_weekday_days(d, ctx.window, named_week_day(words, days))


#: the to-date periods that end on the claim's own day: "so far this month", "this week"
_TO_DATE = ("mtd", "qtd", "ytd", "week")


def _own_to_date(s: Sent, d: DateMention, pos: int) -> bool:
    """Whether the span ``d`` is the words of the claim's own to-date period ("is down 11.4% so
    far this month", "this week's 2% gain"): a period that runs up to the claim's day, so it
    names no other time; the claim at ``pos`` owns it."""
    for p in s.periods:
        if p.kind not in _TO_DATE or not (p.start <= d.start and d.end <= p.end):
            continue
        owner = period_owner(s, p)
        if owner is not None and owner.start <= pos < owner.end:
            return True
    return False


def period_close_of(ctx: Ctx, s: Sent, pos: int) -> PeriodClose | None:
    """The period close ("closed out the week at", "ended the month up", "closed at L for the
    week") the clause of ``pos`` states, or the clause it hangs on as an apposition ("which closed
    out the week at 6,966.28, a new record high"); see :mod:`thesis.claims.closes`."""
    cl = s.clause_of(pos)
    toks = ctx.doc.tokens_in(cl.start, cl.end)
    own = period_close(toks, s.dates, s.periods, ctx.window, pos)
    if own is not None:
        return own
    k = s.clauses.index(cl) if cl in s.clauses else 0
    if k > 0:
        prev = s.clauses[k - 1]
        pc = period_close(
            ctx.doc.tokens_in(prev.start, prev.end), s.dates, s.periods, ctx.window, pos
        )
        if pc is not None and _carries(s, pc.day, pos):
            return pc
    return None


def _own_day(s: Sent, pos: int, *, after: int = 0) -> bool:
    """Whether the clause of ``pos`` names a day of its own (not one that starts a period), at
    or after offset ``after``."""
    cl = s.clause_of(pos)
    return any(
        max(cl.start, after) <= d.start < cl.end
        and d.kind in _DAYLIKE
        and d.first is not None
        and not _anchor_date(s, d)
        for d in s.dates
    )


#: words before "the previous session" that make it the base of a comparison ("declining 26.83
#: points from the previous session"), not the day a figure is of
_BASE_WORDS = frozenset({"from", "than", "versus", "vs", "vs.", "against", "over"})


def _relative_day_named(words: list[str]) -> bool:
    """Whether the sentence dates something by a day named only relative to another ("the next
    day", "the previous session"): not a relative day that is the base of a comparison ("down
    26.83 points from the previous session", "higher than the prior day")."""
    if not _has_phrase(words, RELATIVE_DAY_PHRASES):
        return False
    for i in range(len(words)):
        for ph in RELATIVE_DAY_PHRASES:
            if tuple(words[i : i + len(ph)]) == ph and not (i and words[i - 1] in _BASE_WORDS):
                return True
    return False


def _default_date(ctx: Ctx, s: Sent) -> Bind:
    """The day of a claim whose clause names none: the list header's, else none when the sentence
    names a day only relative to another ("the next day"), else the article's date (weak when the
    paragraph tells of other days), or the session the article's opening reports."""
    if s.header is not None and s.bullet and s.under_header and s.header.own_line:
        # the day the header's own claim is dated by ("Today", "On October 6"), never a day that
        # starts a period or names a reference level ("since July 6", "hit Monday")
        hd = [
            d
            for d in s.header.dates
            if d.kind in _DAYLIKE and d.first is not None and not _anchor_date(s.header, d)
        ]
        if hd:
            several = len({d.first for d in hd}) > 1
            loose = f"its list's header names several days ({', '.join(d.text for d in hd)})"
            return Bind(
                hd[0], f"{hd[0].text} (the list's header)", "header", loose if several else ""
            )
    if s.period_header is not None:  # "On Tuesday:" above the line: a stated table header
        hd = [d for d in s.period_header.dates if d.kind in _DAYLIKE and d.first is not None]
        if hd:
            # "On Tuesday:" above the figures of a story dated Monday: the weekday or the date
            # may be wrong, so the article's date is read as well (as for the opening's day)
            far = far_weekday_reading(hd[0], ctx.ref)
            return Bind(hd[0], f"{hd[0].text} (the table's header)", "explicit",
                        far[0] if far else "", far[1] if far else ())  # fmt: skip
    words = [t.lower for t in s.tokens]
    if _relative_day_named(words):
        return Bind(None, "a day named only relative to another sentence", "none")
    carried = _carried_day(ctx, s)
    if carried is not None:
        return carried
    opening = _PERIOD_START_OPENING.match(ctx.doc.text, s.start)
    if opening is not None and ctx.window is not None:
        # "Entering the month, the S&P 500 was already down 12.7%": the figures are of the
        # period's start, not of the article's day; which day that is the words do not fix
        return Bind(
            ctx.window,
            f"the start of a period ({opening.group(0).strip()!r}), not the article's date",
            "weak",
        )
    if (_narrative(s, ctx) or _other_period(ctx, s)) and ctx.window is not None:
        # the sentences before it in the paragraph tell of other days: the article's date is a guess
        return Bind(
            ctx.window,
            f"the article's date ({ctx.window[1]}), though the paragraph tells of other days",
            "weak",
        )
    if ctx.lead is not None:
        far = far_weekday_reading(ctx.lead, ctx.ref)  # "Wednesday" in a story dated Tuesday
        return Bind(
            ctx.lead,
            f"{ctx.lead.text} (the session the article's opening reports)",
            "explicit",
            far[0] if far else "",
            far[1] if far else (),
        )
    if ctx.window is not None:
        a, b = ctx.window
        said = (
            f"the article's date ({b})"
            if a == b
            else f"the article's {window_unit(a, b)} ({window_label(a, b)})"
        )
        return Bind(ctx.window, said, "article")
    return NONE


#: whether a day carried from the sentence before may contradict (measured on dev, round 8: see
#: docs/claims.md, "Round 8"); False keeps it support-only
CARRIED_DAY_STRICT = False


def _carried_day(ctx: Ctx, s: Sent) -> Bind | None:
    """The day of a sentence that names none, carried from the sentence before it in its
    paragraph when that one names exactly one day ("The S&P 500 fell 1.2% on Tuesday. The Nasdaq
    lost 1.8%."): the same session, the nearer reading than the article's date. Not when the
    sentence names another time of its own (a month, a year, "last week"), is a list item, or
    the day before only starts a period ("since April 2") or names a reference level's day. The
    carried day is loose unless :data:`CARRIED_DAY_STRICT` (the sentence before may tell of
    another event's day)."""
    if s.index == 0 or s.bullet or s.header is not None or s.item_rest or s.period_header:
        return None
    if any(d.first is not None and not starts_since(s, d) for d in s.dates):
        return None  # a time of its own (another clause's day, a month, "last week")
    prev = ctx.sents[s.index - 1]
    if "\n" in s.doc.text[prev.end : s.start]:
        return None  # another paragraph
    days = [
        d
        for d in prev.dates
        if d.first is not None and not starts_since(prev, d) and not _anchor_date(prev, d)
    ]
    if any(_another_event(prev, d) for d in days):
        return None  # "After closing at a record on Friday, ...": that day is another event's
    if not days or any(d.kind not in _DAYLIKE or d.first != d.last for d in days):
        return None  # none, or a span, month or year (a period, not a session)
    first = days[0].first
    if len({d.first for d in days}) != 1 or (
        ctx.ref is not None and first is not None and first > ctx.ref
    ):
        return None  # several days (which one goes on is not said), or a day to come
    d = days[0]
    if (ctx.lead is not None and d.first == ctx.lead.first) or (
        ctx.window is not None and ctx.window == (d.first, d.first)
    ):
        return None  # the session the article reports: its own binding holds
    loose = (
        "" if CARRIED_DAY_STRICT else f"its day is carried from the sentence before ({d.text!r})"
    )
    return Bind(d, f"{d.text} (carried from the sentence before)", "explicit", loose)


def _another_event(s: Sent, d: DateMention) -> bool:
    """Whether the day ``d`` dates another event than its sentence's main one: its clause opens
    with a subordinating word ("After closing at a record on Friday, ..."), or a word that turns
    to another event stands before it in its clause ("rose as investors awaited Friday's
    report")."""
    cl = s.clause_of(d.start)
    toks = [t.lower for t in s.doc.tokens_in(cl.start, d.start) if t.kind == "word"]
    return bool(toks) and (toks[0] in _SUBORDINATORS or any(w in _CLAUSE_TURNS for w in toks))


#: words a clause that only dates the sentence may hold besides the date ("On Tuesday,", "Late
#: Friday,", "For the session on Jan. 5,")
_TIME_FILLER = frozenset(
    [
        "on",
        "in",
        "for",
        "during",
        "last",
        "this",
        "the",
        "and",
        "by",
        "as",
        "of",
        "late",
        "early",
        "trading",
        "session",
        "day",
        "week",
        "month",
        "at",
        "close",
        "end",
        "final",
        "mid",
        "so",
        "far",
    ]
)


_APPOSITIVE_OPENERS = frozenset(
    {"a", "an", "its", "their", "up", "down", "or", "marking", "leaving", "bringing", "with"}
)  # "closed higher on Tuesday, with the S&P 500 recording a record": the same session
_SUBORDINATORS = frozenset(
    {"after", "before", "although", "though", "while", "when", "since", "as", "despite",
     "following", "ahead", "until", "once", "because", "whereas", "if", "unless"}
)  # fmt: skip


def _carries(s: Sent, d: DateMention, pos: int) -> bool:
    """Whether the day ``d``, named in another clause than the number at ``pos``, is the number's
    day too: a clause that only dates the sentence ("On Tuesday, the S&P 500 rose 1%"), or a main
    clause the number's clause hangs on as an apposition ("closed at 6,650.12 on Friday, a rise of
    1.9%"). A day in a subordinate clause ("After closing at a record on Friday, the index dropped
    2.14%") or in another clause with its own verb ("..., although it ended the day at 2,862.96")
    is another event's."""
    if _time_only(s, d):
        return True
    dc, nc = s.clause_of(d.start), s.clause_of(pos)
    if dc.start >= nc.start:
        return False
    first_d = next((t.lower for t in s.doc.tokens_in(dc.start, dc.end) if t.kind == "word"), "")
    first_n = next((t for t in s.doc.tokens_in(nc.start, nc.end) if t.kind != "punct"), None)
    opener = first_n is not None and (
        first_n.kind == "number" or first_n.lower in _APPOSITIVE_OPENERS
    )
    between = [c for c in s.clauses if dc.end <= c.start < nc.start]
    return opener and first_d not in _SUBORDINATORS and not between


def _time_only(s: Sent, d: DateMention) -> bool:
    """Whether the clause holding ``d`` holds only the date (and filler words): then the date is
    the whole sentence's, not one event's."""
    cl = s.clause_of(d.start)
    for t in s.doc.tokens_in(cl.start, cl.end):
        if t.kind not in ("word", "number") or d.start <= t.start < d.end:
            continue
        if s.doc.date_spans.overlaps(t.start, t.end):
            continue
        if t.lower not in _TIME_FILLER:
            return False
    return True


_ANCHOR_WORDS = frozenset(
    {
        "since",
        "from",
        "hit",
        "set",
        "reached",
        "touched",
        "of",
        "after",
        "before",
        "until",
        "through",
    }
)


def _last_session_of(s: Sent) -> DateMention | None:
    """ "On the final trading day of 2024", "the last session of November": that period's last day."""
    for d in s.dates:
        if d.kind in ("year", "month") and d.last is not None:
            prev = s.words_before(d.start, 5)
            if prev[-2:] in (["day", "of"], ["session", "of"]) and any(
                w in ("final", "last") for w in prev
            ):
                return DateMention(
                    d.start, d.end, f"the last session of {d.text}", "day", d.last, d.last
                )
    return None


def since_anchor(s: Sent, d: DateMention) -> bool:
    """Whether a date is the start of a "since" span ("since April", "since November 2008"): the
    month or year a superlative reaches back to, never the period of a figure."""
    if d.text.endswith(("'s", "’s")) or s.doc.text[d.end : d.end + 2] in ("'s", "’s"):
        return False  # "since December 2021's 7% annual jump": the month dates the figure after it
    if any(p.kind == "since" and p.start <= d.start < p.end for p in s.periods):
        return True
    return s.words_before(d.start, 1) == ["since"]


#: nouns after a dated "its"/"the" that name a reference level ("its April 30 closing high")
_REFERENCE_NOUNS = frozenset(
    {"close", "closing", "high", "highs", "low", "lows", "record", "peak", "trough", "level",
     "bottom", "top"}
)  # fmt: skip


#: the heads of a dated base named before its day ("from its low point on March 23")
_BASE_HEADS = frozenset({"low", "high", "peak", "bottom", "trough", "top"})


def _anchor_date(s: Sent, d: DateMention) -> bool:
    """Whether a date names the start of a period or the day of a reference level."""
    if any(p.kind == "since" and p.start <= d.start < p.end for p in s.periods):
        return True
    prev = s.words_before(d.start, 2)
    if prev[-2:] == ["as", "of"]:
        return False  # "As of November 26, 2025": the claim's own date
    nxt = s.words_after(d.end, 1)
    if prev[-2:-1] and prev[-2] in _DATA_WORDS and nxt and nxt[0] in _SHOW_WORDS:
        return False  # "data from May 3 show": the data's day
    if prev[-1:] in (["through"], ["until"], ["till"], ["thru"]) and _ends_window(s, d):
        return False  # "over the last four trading days through Monday": the end
    if prev[-1:] in (["its"], ["their"], ["the"]) and nxt[:1] and nxt[0] in _REFERENCE_NOUNS:
        return _reference_day(s, d)
    if (
        prev[-1:] == ["between"]
        and nxt[:1] == ["and"]
        and any(x.start > d.end and x.first is not None for x in s.dates)
    ):
        return True  # "a four-day losing streak between December 26th and December 31st": the
        # span's start; its end is the figure's day
    far = s.words_before(d.start, 6)
    if (
        far[-1:] in (["on"], ["of"])
        and any(w in _BASE_HEADS for w in far[-4:-1])
        and ("from" in far or "off" in far)
    ):
        return True  # "an increase of 52% from its low point on March 23": the base's day
    if far[-1:] == ["on"] and _relative_reference(far[:-1]):
        return True  # "19% below the all-time high it closed at on February 19": the high's day
    if _record_set_on(s.words_before(d.start, 10)):
        return True  # "the previous record close of 3,386.15 set on Feb. 19": the record's day
    if _from_level_day(s.before(d.start, 6)):
        return True  # "fell to 1.48% from 1.54% late Monday": the starting level's day
    # "since April 2", "hit Monday", "from the 30 September close"
    return bool(prev) and (
        prev[-1] in _ANCHOR_WORDS or prev[-2:-1] in (["since"], ["from"], ["off"], ["above"])
    )


#: the time of day between a starting level and its day ("from 1.54% late Monday")
_FROM_LEVEL_TIMES = frozenset({"late", "early"})


def _from_level_day(toks: list[Token]) -> bool:
    """Whether the day after ``toks`` (the tokens right before it) dates the level a move started
    from: "from" and a figure (with its unit), then "late" or "early" before the day ("tumbled
    to 1.48% from 1.54% late Monday", the AP's way: the level moved to is the day the story
    speaks of). A bare "on Friday" after the base ("rose 9% to 25.5 from 23.39 on Friday") is
    the move's day as often as the base's, and stays the move's."""
    i = len(toks) - 1
    if i < 0 or toks[i].lower not in _FROM_LEVEL_TIMES:
        return False
    i -= 1
    while i >= 0 and toks[i].lower in ("%", "percent", "cent", "per", "pct"):
        i -= 1
    return i >= 1 and toks[i].kind == "number" and toks[i - 1].lower == "from"


def _record_set_on(before: list[str]) -> bool:
    """Whether the words before a date end with a record (or high, low, peak) named and the verb
    that set it ("the previous record close of 3,386.15 set on", "a high reached on")."""
    if len(before) < 2 or before[-1] != "on" or before[-2] not in _REFERENCE_VERBS:
        return False  # (the verbs of a reference level's day, as "the record it set")
    return bool({"record", "high", "low", "peak", "top", "bottom"} & set(before[:-2]))


#: verbs of a relative clause that dates a reference level ("the record it set", "the high it
#: closed at", "the low that it hit")
_REFERENCE_VERBS = frozenset(
    {
        "closed",
        "set",
        "hit",
        "reached",
        "touched",
        "notched",
        "recorded",
        "marked",
        "made",
        "struck",
    }
)


def _relative_reference(words: list[str]) -> bool:
    """Whether ``words`` end with a reference noun and a relative clause of its own ("the
    all-time high it closed at", "the record that it set"): a date after them is that level's."""
    for k in range(len(words) - 1, 0, -1):
        if words[k] in _REFERENCE_VERBS:
            rest = words[:k]
            if rest[-1:] in (["it"], ["they"]) and rest[-2:-1] in (["that"], ["which"]):
                rest = rest[:-2]
            elif rest[-1:] in (["it"], ["they"], ["that"], ["which"]):
                rest = rest[:-1]
            else:
                return False
            return bool(rest) and rest[-1] in _REFERENCE_NOUNS
    return False


def _reference_day(s: Sent, d: DateMention) -> bool:
    """Whether ``d`` dates a reference level ("eclipsing its April 30 closing high", "from its
    December 2025 low"), not when the level follows ("its Sept. 6 close of 3,908": that day is
    the figure's own)."""
    prev, nxt = s.words_before(d.start, 1), s.words_after(d.end, 1)
    if prev not in (["its"], ["their"], ["the"]) or not nxt or nxt[0] not in _REFERENCE_NOUNS:
        return False
    return not any(w in ("of", "at", "near", "around") for w in s.words_after(d.end, 4))


def _ends_window(s: Sent, d: DateMention) -> bool:
    """Whether a day after "through"/"until" ends a counted window right before it ("climbed 5.2%
    over the last four trading days through Monday", "in the five sessions until Friday"): the
    day is the period's end, so the claim's date, and the count runs back from it."""
    return any(
        p.kind in ("trailing", "ago") and p.end <= d.start and d.start - p.end <= 12
        for p in s.periods
    )


def _other_period(ctx: Ctx, s: Sent) -> bool:
    """Whether the sentence names a month, quarter or year before the article's ("October started
    with a bang, as the S&P 500 sold off 36 points"): its figures may be of that time."""
    if ctx.window is None:
        return False
    day = ctx.window[1]
    return any(
        d.kind in ("month", "quarter", "year")
        and d.first is not None
        and d.last is not None
        and d.last
        < ctx.window[0]  # a past month or year: a story of then (a later one is a forecast)
        and day is not None
        and not starts_since(s, d)
        and not _reference_day(s, d)  # "up 34% from its December 2025 low": a reference's
        for d in s.dates
    )


def starts_since(s: Sent, d: DateMention) -> bool:
    """Whether a date only starts a "since" stretch ("its highest close since March 2020", "the
    first time since the end of 2021"): the figure is of now, measured back to it, not of then."""
    if any(p.kind == "since" and p.start <= d.start < p.end for p in s.periods):
        return True
    return "since" in s.words_before(d.start, 3)


def _narrative(s: Sent, ctx: Ctx) -> bool:
    """Whether the two sentences before ``s`` in its paragraph name other days ("October started
    with a bang, ... from the 30 September close. Then, the next day, ..."): a dateless figure in
    ``s`` then belongs to that story, not to the article's date."""
    doc = s.doc
    before = doc.paragraph_before(s.start)
    if _story_reaches_now(doc, before, ctx):
        return False
    for x in before:
        if _days_later(doc.tokens_in(x.start, x.end)):
            return True  # "Four days later, the Chinese government backpedaled": a story's day
        for d in doc.dates_in(x.start, x.end):
            if _from_level_day(doc.tokens_in(x.start, d.start)[-6:]):
                continue  # "from 2.78% late Tuesday": a starting level's day, not a story's
            short = d.first is not None and d.last is not None and (d.last - d.first).days < 40
            past = d.last is not None and ctx.window is not None and d.last < ctx.window[0]
            if ctx.lead is not None and d.first == ctx.lead.first:
                past = False
            if d.kind in ("day", "month", "weekday") and short and past:
                return True
    return False


def _story_reaches_now(doc: Doc, before: list[Sentence], ctx: Ctx) -> bool:
    """Whether the story the sentences before tell runs up to the article's own session: its
    latest named day is the last weekday on or before the article's date ("tumbled to 4,982.77 on
    April 8 ... before rallying to 5,525 by April 25. This partial recovery still leaves the
    index 7.2% below its February peak", on Saturday April 26): a figure after it is of now."""
    if ctx.window is None:
        return False
    days = [d.last for x in before for d in doc.dates_in(x.start, x.end)
            if d.kind in ("day", "weekday") and d.last is not None and d.first == d.last]  # fmt: skip
    if not days:
        return False
    latest, now = max(days), ctx.window[0]
    if latest > now or (now - latest).days > 4:
        return False
    between = (latest + dt.timedelta(days=k) for k in range(1, (now - latest).days))
    return (
        latest.weekday() < 5
        and all(d.weekday() >= 5 for d in between)
        and (now.weekday() >= 5 or now == latest)
    )


def _days_later(toks: list[Token]) -> bool:
    """Whether a sentence's tokens date its story by a count of days after another ("Four days
    later", "two sessions later", "a week later"): it tells of a day of its own."""
    for i in range(1, len(toks) - 1):
        if toks[i + 1].lower != "later" or toks[i].lower.rstrip("s") not in (
            "day",
            "session",
            "week",
        ):
            continue
        if toks[i - 1].lower in ("a", "an") or token_count(toks[i - 1]):
            return True
    return False


def date_of(bind: Bind) -> tuple[dt.date | None, tuple[dt.date, dt.date] | None]:
    """(reference date, window) of a date binding."""
    v = bind.value
    if isinstance(v, DateMention):
        return v.first, None
    if isinstance(v, tuple):
        return v[1], v
    return None, None


def _distributive(before: list[str]) -> bool:
    """Whether the words before a period make a figure hold for each of its parts ("in each of
    the past two years", "in both of the last two sessions", "in every one of the past 5 years")."""
    return before[-2:] in (["each", "of"], ["both", "of"]) or before[-3:] == ["every", "one", "of"]


#: words after a move that turn to an event of their own (whose time words are not the move's)
_OTHER_EVENT_TURNS = frozenset({"after", "following", "before"})


#: a period named by reference to another sentence's ("over the same time period", "in that span")
_SAME_PERIOD = re.compile(
    r"\b(?:over|in|during|for)\s+(?:the\s+same|that|this\s+same)\s+(?:time\s+)?"
    r"(?:period|span|stretch|timeframe|time\s*frame|window)\b",
    re.I,
)


#: a change "year-over-year" ("month-over-month") of a daily series: over the trailing window
_OVER_A_PERIOD = {"yoy": (1, "year"), "mom": (1, "month")}
#: the words of such a change (not "from last year": "a 24.2% gain from the previous year" is
#: the last calendar year's gain)
_OVER_WORDS = re.compile(r"(?:year|month)[- ]over[- ](?:year|month)|y/y|m/m|yoy|mom")
#: nouns of a move between its figure and a period ("a 20.79% increase year-over-year")
_MOVE_NOUNS_ALL = UP_NOUNS | DOWN_NOUNS | {"change", "move", "percent"}


#: nouns of a move over several sessions ("a pullback that took it 20% lower") and the verbs by
#: which such a move carries the index that far
_EPISODES = frozenset(
    {"pullback", "correction", "sell-off", "selloff", "slide", "slump", "rout", "drawdown",
     "downturn", "decline", "retreat", "rally", "rebound", "recovery", "run-up", "advance", "surge"}
)  # fmt: skip
_CARRY_VERBS = frozenset(
    {"took", "takes", "sent", "sends", "pushed", "pushes", "dragged", "drags", "drove", "drives",
     "knocked", "knocks", "left", "leaves", "brought", "brings", "lifted", "lifts", "carried",
     "carries"}
)  # fmt: skip


def _episode_move(before: list[str]) -> str | None:
    """The episode noun whose relative clause carries the figure ("a pullback that took it",
    "the rally, which lifted the index"), from the words right before the figure, or ``None``."""
    for k in range(len(before) - 1, 0, -1):
        if before[k] in _CARRY_VERBS:
            j = k - 1
            if before[j] in ("that", "which"):
                j -= 1
            if j >= 0 and before[j] == ",":
                j -= 1
            return before[j] if j >= 0 and before[j] in _EPISODES else None
    return None


def bind_period(ctx: Ctx, s: Sent, q: Quantity, *, level_follows: bool, verb: str = "") -> Bind:
    """The period of a change at ``q`` (a :class:`PeriodSpec`)."""
    # "in the four trading days following April 2", "since reaching a peak of 6,144 on Feb. 19":
    # a stretch from an event, never one session (unknown when the event is not a date)
    ev = sessions_after(s, q) or since_reaching(s, q)
    if ev is not None:
        if ev.spec is None:
            return Bind(None, ev.text, "unknown")
        return Bind(ev.spec, ev.text, "explicit")
    episode = _episode_move(s.words_before(q.start, 8))
    if episode is not None:
        # "a pullback that took it nearly 20% lower ... on April 8": the episode's whole move,
        # from a start the words do not date, not the session it ended on
        return Bind(None, f"the {episode}'s move (its start not dated)", "unknown")
    same = _SAME_PERIOD.search(ctx.doc.text, q.end, s.end)
    if same is not None:
        # "a 6.9% gain in the S&P 500 ... over the same time period": the period of another
        # sentence, which the words do not name (never searched for one that fits)
        return Bind(None, same.group(0), "unknown")
    day = _FOR_THE_DAY.match(ctx.doc.text, q.end, min(s.end, q.end + 40))
    if day is not None:
        # "Over the past six days, Nvidia has been winning, rising 4.3% to finish the day at
        # $130": words right after the figure that name the session are its period, whatever
        # stretch the sentence opened with
        return Bind(PeriodSpec("day", day.group(1)), day.group(1), "explicit")
    cl = s.clause_of(q.start)
    # period words in the clause (or just after the number, across a comma), that no other number
    # owns: "a gain of 0.1% for the month after a 5% drawdown" gives the month to the 0.1%
    lvl = _move_level(s, q) if level_follows else None
    mine = (None, q, _partner(s, q), lvl, coordinated_move(s, q))
    near = [p for p in s.periods if cl.start <= p.start < cl.end or q.end <= p.start <= q.end + 60]
    # "the VIX stood at 19.81, ... a 20.79% increase year-over-year": on a daily series, the
    # change from a year (a month) before
    over = next(
        (
            p
            for p in near
            if p.kind in _OVER_A_PERIOD
            and _OVER_WORDS.fullmatch(p.text.strip().lower()) is not None
            and q.end <= p.start <= q.end + 30
            and all(
                t.kind != "word" or t.lower in _PERIOD_PREPOSITIONS or t.lower in _MOVE_NOUNS_ALL
                for t in s.doc.tokens_in(q.end, p.start)
            )
        ),
        None,
    )
    if over is not None:
        n, unit = _OVER_A_PERIOD[over.kind]
        # support-only: "year-over-year" is the words of a company's or the economy's figures
        # ("its data center segment rose 427% year-over-year"), and a price's a year before is
        # a convention the words do not fix (the same day, the last session before it)
        why = f"{over.text!r} on a daily series: read over the trailing {unit}, a convention"
        return Bind(PeriodSpec("trailing", over.text, n=n, unit=unit), over.text, "explicit", why)
    # a day inside two dates the clause joins ("rose 1.4 percent between Friday, May 19, and
    # Friday, May 26") is an end of that span, not the period of its own
    # (the second date may stand past the clause's comma: the span opens in the clause)
    joined = stated_span(s, cl.start, s.end)
    if joined is not None and (joined[2] >= cl.end or not _own_span(s, q, joined[2], joined[3])):
        joined = None
    if joined is not None:
        near = [p for p in near if not joined[2] <= p.start < joined[3]]
    near = [
        p
        for p in near
        if p.kind not in ("yoy", "mom", "qoq", "annualized")
        and (owner := period_owner(s, p)) in mine
        # "slipped 0.65% to close at 3,588.84 after rebounding ... earlier in the session": a
        # session phrase after the level adds nothing to the move's own convention (the day)
        and not (
            lvl is not None
            and owner == lvl
            and owner != q
            and (p.kind == "day" or _words_between(s, lvl.end, p.start))
        )
    ]
    # a period after the number across a comma is its own only when it opens that clause or
    # stands right after it ("rose 2.4%, this week"; not "climbed 2.4%, clawing back its losses
    # from last week": the losses' week)
    near = [
        p
        for p in near
        if p.start <= q.end
        # a comma between them, not one inside a figure ("to 2,900 during the past month")
        or not any(t.text == "," for t in ctx.doc.tokens_in(q.end, p.start))
        or p.start - q.end <= 12
        or s.clause_of(p.start).start == p.start
    ]
    # "rose by 0.15% after a minor pullback at the end of last week": period words after a word
    # that turns to another event are that event's
    near = [
        p
        for p in near
        if p.start <= q.end
        or not any(t.lower in _OTHER_EVENT_TURNS for t in ctx.doc.tokens_in(q.end, p.start))
    ]
    near = [
        p
        for p in near
        if not (p.kind == "since" and p.start > q.end and "," in ctx.doc.text[q.end : p.start])
        and not (
            p.kind == "since" and any(w in _SUPERLATIVE_WORDS for w in s.words_before(p.start, 3))
        )
        # "its biggest gain in two weeks", "the most in 12 weeks", "for the first time in four
        # years": the span a superlative ranks over, not the period of a change
        and not (p.kind == "trailing" and _ranked_over(s.words_before(p.start, 4)))
        # "rose 1.1% to an all-time high for the second time this week": the span a count of
        # times is over, not the period of the change
        and s.words_before(p.start, 1)[-1:] not in (["time"], ["times"])
        # "its 70th record close of 2021 on Wednesday, inching up 0.1%": the year the records
        # are counted over, not the period of the move
        and not _records_over(s.words_before(p.start, 3))
    ]
    if not near:  # "For the week, the index rose 3.7%": period words that open the sentence
        near = [
            p
            for p in s.periods
            if p.end <= q.start and p.start - s.start <= 12 and period_owner(s, p) in mine
        ]
    if not near:
        # "At week's end the S&P 500 Index increased 3.0%": a clause that opens with the end of
        # the week states the week's change (thesis.claims.week_end)
        wk = week_end_opening(s, q)
        if wk is not None:
            return Bind(wk[0], wk[1], "explicit")
    if near:
        p = min(near, key=lambda p: abs(p.start - q.end))
        if _distributive(s.words_before(p.start, 3)):
            # "gained over 20% in each of the past two years": a figure for every year, not the
            # change over both; no period slot this checker reads
            return Bind(None, f"{' '.join(s.words_before(p.start, 3))} {p.text}", "unknown")
        spec = _spec_from_period(ctx, s, p, q)
        if spec is not None:
            strong = p.strong and spec.kind not in ("since_low", "since_high")
            return Bind(spec, p.text, "explicit" if strong else "weak")
    pc = period_close_of(ctx, s, q.start)
    if pc is not None and any(
        p.start == pc.day.start and period_owner(s, p) not in mine for p in s.periods
    ):
        # "finished 0.03% lower on Friday but marked a 0.6% gain for the week": the week is the
        # 0.6%'s (the figure it follows), not a week the first figure closed out
        pc = None
    if pc is not None:
        # "ended the week up 1.6%", "closed out the year with a 16% gain": the period's change
        first, last = (pc.first, pc.last) if pc.unit != "week" else (None, None)
        spec = PeriodSpec(pc.unit, f"the {pc.unit} it closed out", first, last)
        if _TO_CLOSE_OUT.match(ctx.doc.text, q.end, min(s.end, q.end + 40)):
            # "rose 0.6% to end the week at 2,651.50": the move that closed the week may be the
            # last session's as well as the week's (both are read)
            spec = dataclasses.replace(spec, text=f"{spec.text}{OR_ITS_LAST_SESSION}")
        loose = (
            f"the article's date is in the last days of a {pc.unit} that had not ended: the "
            f"{pc.unit} to date may be meant"
            if pc.unsure
            else ""
        )
        return Bind(spec, f"the close of the {pc.unit} ({pc.day.text})", "explicit", loose)
    # two dates joined in the clause ("a 78% rise from 2023 through the end of 2025"): the span,
    # never one of its years
    span = stated_span(s, cl.start, cl.end) or joined
    if span is not None and _own_span(s, q, span[2], span[3]):
        part = next(
            (
                d
                for d in s.dates
                if d.kind in ("month", "quarter", "half")
                and not d.explicit_year
                and not span[2] <= d.start < span[3]
                and _tied(s, d, q, cl)
            ),
            None,
        )
        if part is not None:
            # "between 2019 and 2021 the S&P 500 rose 13.1% in the first quarter": a quarter of
            # one of the span's years, which one not said
            return Bind(None, f"{part.text} of a year of {span[1]!r}", "unknown")
        return Bind(span[0], span[1], "explicit")
    # a calendar month, quarter or year tied to the number ("in November", "in 2024", "November's"),
    # the nearest (after it first: "gains in 2023 wiped out the 19% loss in 2022")
    tied = [
        d
        for d0 in s.dates
        if d0.kind in _CALENDAR_KINDS
        and not since_anchor(s, d0)  # "rose 0.9% last month, the sharpest gain since April"
        and not _records_over(s.words_before(d0.start, 3))  # "record close of 2021"
        and (d := _in_sentence_year(s, d0)) is not None
        and d.first is not None
        and (_tied(s, d, q, cl) or opening_calendar_period(s, d, q))
    ]
    if tied:
        d = min(tied, key=lambda d: (d.start < q.start, abs(d.start - q.end)))
        to_date = to_date_span(s, d)  # "gain through September": the year's change to its end
        if to_date is not None:
            return Bind(to_date, to_date.text, "explicit")
        # a half-year is a span of six calendar months: from the close before its first day
        kind = {"month": "month", "year": "year", "quarter": "quarter", "half": "span"}[d.kind]
        return Bind(PeriodSpec(kind, d.text, d.first, d.last), d.text, "explicit")
    # a day named in the clause, or anywhere in the sentence ("closed at 6,650.12 on Friday, a rise
    # of 1.9%"): the session's move
    days = [
        d
        for d in s.dates
        if d.kind in _DAYLIKE and d.first is not None and cl.start <= d.start < cl.end
    ]
    if days and s.words_before(days[0].start, 2)[-2:] == ["as", "of"]:
        # "the index is already up over 11% as of October 10, 2025": the day a figure to date is
        # read on, not its period (the period words are missing: assumed, searched for support)
        return Bind(PeriodSpec("day", "the session (assumed)"), "no period words", "weak")
    if days:
        longer = _longer_unit_before(s, q, days[0])
        if longer:
            # "rose 1.6% in the fortnight ending Feb. 23": the day ends a longer period the
            # words name but no rule reads; never that day's session
            words = " ".join(ctx.doc.text[q.end : days[0].end].split())
            return Bind(None, words.lstrip("%, ").strip(), "unknown")
        return Bind(PeriodSpec("day", days[0].text), days[0].text, "explicit")
    table = _header_period(ctx, s)
    if table is not None:
        return table
    days = [
        d for d in s.dates if d.kind in _DAYLIKE and d.first is not None and not _anchor_date(s, d)
    ]
    # "closed sharply lower, down 0.9%": adverbs of degree do not count in the four words
    last4 = [t for t in s.before(q.start, 8) if t.lower not in _CLOSE_ADVERBS][-4:]
    closing = (
        verb.lower() in CLOSE_WORDS
        or any(t.lower in _CLOSED_WORDS for t in last4)
        or joined_close(s, q) is not None
    )
    if days and not (level_follows or closing):
        # a day named elsewhere in the sentence: the session's move, though only a day that opens
        # the sentence ("On Tuesday, ...") is the clause's own words
        loose = "" if _carries(s, days[0], q.start) else (
            f"its period comes from a day named in another clause ({days[0].text!r})")  # fmt: skip
        if (
            not loose
            and days[0].end <= q.start
            and any(t.lower in _OTHER_EVENT_TURNS for t in ctx.doc.tokens_in(days[0].end, q.start))
        ):
            # "Thursday's rally comes after a dismal begin to September, with the S&P 500
            # dropping greater than 4%": the move is the earlier event's, not the day's
            loose = f"its day ({days[0].text!r}) is that of another event than the move's"
        return Bind(PeriodSpec("day", days[0].text), days[0].text, "explicit", loose)
    weekly = _week_story(ctx, s)
    if level_follows:
        return Bind(
            PeriodSpec("day", MOVE_TO_CLOSE),
            MOVE_WITH_CLOSE_WORDS,
            "convention",
            weekly,
        )
    if closing:
        return Bind(PeriodSpec("day", "the session"), CLOSING_VERB_WORDS, "convention", weekly)
    compared = _compared_period(ctx, s, q)
    if compared is not None:
        return compared
    whole = _WHOLE_PERIOD.search(ctx.doc.text, cl.start, cl.end)
    if whole:
        # "The S&P barely moved down 1% the entire year" in a story of 2017: a period the words
        # name, whose year they do not (never the session's move)
        return Bind(None, whole.group(0), "unknown")
    return Bind(PeriodSpec("day", "the session (assumed)"), "no period words", "weak")


#: a sentence that opens at a period's start ("Entering the month, ...", "Heading into 2020,",
#: "At the start of the year,"): its dateless figures are of that moment
_PERIOD_START_OPENING = re.compile(
    r"\s*(?:entering|heading\s+into|coming\s+into|going\s+into|at\s+the\s+(?:start|beginning)\s+of)"
    r"\s+(?:the\s+|this\s+)?(?:month|year|quarter|week|\d{4}|january|february|march|april|may|june|july|"
    r"august|september|october|november|december)\b",
    re.I,
)

#: words that make a paragraph a review of the week ("widened sharply on the week")
_WEEK_STORY = re.compile(
    r"\b(?:on|for|over|during|throughout|this|last|the\s+past)\s+(?:the\s+)?week\b|\bweekly\b",
    re.I,
)


def _week_story(ctx: Ctx, s: Sent) -> str:
    """The reason a move with no period words of its own may be the week's: its sentence or the
    two before it in its paragraph speak of the week ("High yield spreads widened sharply on the
    week ... The yield on the ten-year climbed 20 basis points to 0.96 percent"); else ""."""
    doc = s.doc
    for a, b in [(x.start, x.end) for x in doc.paragraph_before(s.start)] + [(s.start, s.end)]:
        if _WEEK_STORY.search(doc.text, a, b):
            return "its paragraph speaks of the week: the move may be the week's, not the session's"
    return ""


#: a whole period the words name without saying which ("the entire year", "all month")
_WHOLE_PERIOD = re.compile(
    r"\b(?:the\s+(?:entire|whole|full)\s+(?:year|month|quarter|week)|all\s+(?:year|month|week)"
    r"(?:\s+long)?)\b",
    re.I,
)


#: words that set a figure beside another as its comparison ("compared to the S&P 500's 1.4%")
_COMPARISON_LEADS = (("compared", "to"), ("compared", "with"), ("vs",), ("vs.",), ("versus",))


def _compared_period(ctx: Ctx, s: Sent, q: Quantity) -> Bind | None:
    """The period of the figure a comparison sets ``q`` beside ("the Russell 2000's 4.1 percent
    decline in 2024 compared to the S&P 500's 1.4 percent gain", "up 8% YTD vs. the S&P's
    2.2%"): the two figures are of one period, the first one's, when ``q`` names none."""
    toks = s.before(q.start, 14)
    words = [t.lower for t in toks]
    lead = None
    for k in range(len(words) - 1, -1, -1):
        for ph in _COMPARISON_LEADS:
            if tuple(words[k : k + len(ph)]) == ph:
                lead = k + len(ph)
                break
        if lead is not None:
            break
    if lead is None:
        return None
    # only a name (and its possessive) between the comparison word and the figure
    rest = [
        t.lower
        for t in toks[lead:]
        if not any(m.start <= t.start < m.end for m in s.subjects)
        and t.lower not in ("the", "'s", "’s", "s", "'", "’", "of")
    ]
    if len(rest) > 2:
        return None
    other = next((x for x in reversed(s.quantities) if x.end <= q.start and x is not q), None)
    if other is None or other.unit != q.unit:
        return None
    got = bind_period(ctx, s, other, level_follows=False)
    if got.value is None or got.how not in ("explicit", "weak") or got.words == "no period words":
        return None
    return Bind(got.value, f"{got.words} (the figure it is compared with)", got.how, got.loose)


def _own_span(s: Sent, q: Quantity, a: int, b: int) -> bool:
    """Whether the span at ``a:b`` is the number's: no other figure stands between them."""
    lo, hi = (q.end, a) if a >= q.end else (b, q.start)
    return not any(lo <= x.start < hi for x in s.quantities if x is not q)


#: "the worst since April", "its best week since May": a since-claim of its own, not a period
def _header_period(ctx: Ctx, s: Sent) -> Bind | None:
    """The period of the header line a line of figures hangs from ("For the year:" above "The
    S&P 500 is down 461.42 points, or 9.7%."): a stated table header binds like the line's own
    words; a day ("On Tuesday:") makes the session's move."""
    h = s.period_header
    if h is None:
        return None
    for p in h.periods:
        spec = _spec_from_period(ctx, h, p)
        if spec is not None:
            return Bind(spec, f"{p.text} (the table's header)", "explicit")
    d = next((d for d in h.dates if d.kind in _DAYLIKE and d.first is not None), None)
    if d is not None:
        return Bind(PeriodSpec("day", d.text), f"{d.text} (the table's header)", "explicit")
    return None


#: words of a move shorter than a month in a superlative's noun ("one-day loss", "weekly gain")
_SHORT_MOVE_WORDS = frozenset(
    {"day", "days", "session", "sessions", "one-day", "single-day", "single-session", "daily",
     "intraday", "week", "one-week", "weekly"}
)  # fmt: skip


def _ranks_shorter_moves(s: Sent, of_at: int) -> bool:
    """Whether the words before "of <period>" at ``of_at`` rank moves shorter than the period
    ("the worst one-day loss of 2019", "its biggest weekly gain of the year"): the period is the
    ranking's scope, not the span of a figure beside it."""
    words = [t.lower for t in s.before(of_at, 6)]
    if words[-1:] != ["of"]:
        return False
    words = words[:-1]
    return bool(_RANKED_OVER.intersection(words)) and bool(_SHORT_MOVE_WORDS.intersection(words))


#: words that make a trailing span the one a superlative ranks over ("its best day in two weeks")
_RANKED_OVER = frozenset(
    {"highest", "lowest", "largest", "biggest", "longest", "best", "worst", "slowest", "fastest",
     "weakest", "strongest", "smallest", "steepest", "sharpest", "most", "least", "first", "top",
     "deepest", "heaviest", "greatest", "record"}
)  # fmt: skip


def _ranked_over(words: list[str]) -> bool:
    """Whether the words before a trailing span rank something over it: a superlative ("its
    biggest gain in two weeks") or an ordinal count ("its fifth loss in the last six days")."""
    return bool(_RANKED_OVER.intersection(words)) or any(ordinal_value(w) for w in words)


_SUPERLATIVE_WORDS = frozenset(
    [
        "highest",
        "lowest",
        "largest",
        "biggest",
        "longest",
        "best",
        "worst",
        "slowest",
        "fastest",
        "weakest",
        "strongest",
        "smallest",
        "steepest",
        "sharpest",
        "week",
        "month",
        "day",
        "session",
        "gain",
        "drop",
    ]
)


def _words_between(s: Sent, a: int, b: int) -> bool:
    """Whether a word stands between offsets ``a`` and ``b``: a period phrase owned by a move's
    level is the move's only right after it ("to 3.2% during the past month"), not after another
    noun ("to 3,193.93 for its eighth gain in the last 10 days": the gains' ten days). The
    preposition that opens the phrase ("during", "over") is the phrase's own."""
    return any(
        t.kind == "word" and t.lower not in _PERIOD_PREPOSITIONS for t in s.doc.tokens_in(a, b)
    )


#: prepositions that open a period phrase the text layer reads without them ("during the past
#: month", "over the past year")
_PERIOD_PREPOSITIONS = frozenset(
    {"during", "in", "over", "for", "on", "across", "through", "throughout", "within"}
)


def _move_level(s: Sent, q: Quantity) -> Quantity | None:
    """The level a move at ``q`` is stated with ("risen by 30 bp to 3.2%", "rose 3% to 2,900"):
    the next figure after "to" or "at", with at most two words between. A period phrase right
    after that level ("to 3.2% during the past month", "to 2,900 for the week") is the move's
    period as well: the move ends at the level."""
    nxt = s.next_quantity(q)
    if nxt is None:
        return None
    gap = s.doc.text[q.end : nxt.start].lower().split()
    return nxt if gap and len(gap) <= 3 and gap[-1] in ("to", "at") else None


def joined_close(s: Sent, q: Quantity) -> Quantity | None:
    """The close a move at ``q`` is joined to by "and" in one clause with one subject (the class
    "a move and its close joined by and"): "rose by 0.1% and closed at 2,730.13 points", "fell 12
    points and ended at 4,100", "was up 0.4% and finished the day at 5,010": one session's move
    and close, as "rose 0.1% to close at 2,730.13" is. Only the words of :data:`_JOINED_CLOSE`
    may stand between the two figures (a unit word first), so no other subject or event comes
    between; ``None`` otherwise."""
    nxt = s.next_quantity(q)
    if nxt is None:
        return None
    if s.clause_of(nxt.start).start != s.clause_of(q.start).start:
        return None
    gap = s.doc.text[q.end : nxt.start].lower().split()
    if gap[:1] in (["points"], ["point"], ["percent"], ["per"], ["pts"], ["bp"], ["basis"]):
        gap = gap[2:] if gap[:2] in (["per", "cent"], ["basis", "points"]) else gap[1:]
    if len(gap) < 3 or gap[0] != "and" or gap[1] not in _JOINED_CLOSE or gap[-1] != "at":
        return None
    return nxt if gap[2:-1] in ([], ["the", "day"], ["the", "session"]) else None


#: the closing verbs of "rose 0.1% and closed at 2,730.13"
_JOINED_CLOSE = frozenset({"closed", "ended", "finished", "settled", "close", "end", "finish"})


#: the words joining a points change to the percent of the same move ("up 31.84 points for a
#: 1.4% gain", "down 40 points and 1.2%"), after the unit word
_COORDINATING = (["for", "a"], ["for", "an"], ["and"], ["and", "a"], ["or", "a"], ["in", "a"])


def coordinated_move(s: Sent, q: Quantity) -> Quantity | None:
    """The percent of the same move coordinated right after a points change at ``q`` ("up 31.84
    points for a 1.4% gain for the week", "was up 31.84 points and 1.4% this week"): a period
    phrase that governs the percent ("for the week", "on the week", "this week") binds the
    points as well, since one verb states both figures. Only a points figure followed by a
    percent, joined by the words of ``_COORDINATING``; ``None`` otherwise."""
    if q.unit != "points":
        return None
    nxt = s.next_quantity(q)
    if nxt is None:
        return None
    if nxt.unit != "pct":
        return None
    gap = s.doc.text[q.end : nxt.start].lower().replace(",", " ").split()
    if gap[:1] in (["points"], ["point"], ["pts"]):
        gap = gap[1:]
    return nxt if gap in _COORDINATING else None


def partner_of(s: Sent, q: Quantity) -> Quantity | None:
    """The other figure of a pair ("34.62 points or 0.50%"), see :func:`_partner`."""
    return _partner(s, q)


def _partner(s: Sent, q: Quantity) -> Quantity | None:
    """The other figure of a pair ("34.62 points or 0.50%", "516 points, or 1.3%"): both share
    one period and one date."""
    i = s.quantities.index(q)
    for j in (i - 1, i + 1):
        if 0 <= j < len(s.quantities):
            a, b = sorted((q, s.quantities[j]), key=lambda x: x.start)
            gap = s.doc.text[a.end : b.start].replace(",", " ").split()
            if gap in (["or"], ["points", "or"], ["point", "or"], ["pts", "or"]):
                return s.quantities[j]
            if {a.unit, b.unit} == {"pct", "points"} and restating_gap(gap):
                return s.quantities[j]
            if parenthesised_pair(s.doc.text, a, b):
                return s.quantities[j]  # "up 105.23 points (2.11%)": the same move restated
    return None


def period_owner(s: Sent, p: Any) -> Quantity | None:
    """The number a period phrase belongs to: the one it directly follows ("0.1% for the month"),
    else the one right after it ("year-to-date it is up 1.53%"). A period that names the noun of
    a performance followed by "of" ("a healthy one-year return of 14.37 percent") is that
    figure's."""
    prev = [x for x in s.quantities if x.end <= p.start]
    nxt = [x for x in s.quantities if x.start >= p.end]
    if nxt and s.words_after(p.end, 1) == ["of"] and nxt[0].start - p.end <= 16:
        return nxt[0]
    if (
        prev
        and p.start - prev[-1].end <= 25
        and not any(t.text in (",", ";") for t in s.doc.tokens_in(prev[-1].end, p.start))
    ):
        return prev[-1]
    return nxt[0] if nxt else (prev[-1] if prev else None)


#: the calendar periods a change can be tied to (a half-year is judged as a span)
_CALENDAR_KINDS = ("month", "year", "quarter", "half")
#: words between a preposition and a quarter or a half ("in the second quarter")
_PERIOD_DETERMINERS = frozenset({"the", "this", "that", "its"})
# a comma (or semicolon) and a coordinating conjunction: a new clause with a verb of its own
_CLAUSE_TURN = re.compile(r"[,;]\s*(?:but|and|yet|while|whereas|though|although)\b", re.I)


def _in_sentence_year(s: Sent, d: DateMention) -> DateMention | None:
    """``d`` in the year its sentence writes before it: a month, quarter or half without a year
    after one other year is of that year ("was in 2019, when the S&P 500 advanced 13.53% in the
    first quarter": the first quarter of 2019; "In 2023, ..., the S&P 500 rose 3.5% in March"),
    not the latest such period before the article's date; ``None`` when two other years come
    before it (which one is not said). A year after it is a comparison's ("rose 3% in March,
    against 5% in March 2023"), and a mention with its own year, or in a sentence without
    another, is ``d`` itself."""
    if d.explicit_year or d.first is None or d.last is None or d.kind == "year":
        return d
    years = {
        o.first.year
        for o in s.dates
        if o.end <= d.start and o.explicit_year and o.first is not None and not starts_since(s, o)
    }
    if not years or years == {d.first.year}:
        return d
    if len(years) > 1:
        return None
    y = years.pop()
    # the same months of that year (a narrowing such as "early March" kept; 29 February to 28)
    first = d.first.replace(year=y, day=min(d.first.day, month_end(y, d.first.month).day))
    last = d.last.replace(year=y, day=min(d.last.day, month_end(y, d.last.month).day))
    return replace(d, first=first, last=last, explicit_year=True)


def _tied(s: Sent, d: DateMention, q: Quantity, cl: Any) -> bool:
    """Whether a month/year mention sets the period of ``q``: "in November", "for 2024",
    "November's gain of", "its 2025 gain", "closed out 2025"."""
    if not (
        cl.start <= d.start < cl.end
        or q.end <= d.start <= q.end + 40
        or q.start - 40 <= d.end <= q.start
    ):
        return False
    lo, hi = (q.end, d.start) if d.start >= q.end else (d.end, q.start)
    qs = [x for x in s.quantities if not _at_one_point(s, x)]
    if any(lo <= x.start < hi for x in qs):
        return False  # "a +20% advance after it added 24% in 2023": 2023 is the 24%'s year
    if _CLAUSE_TURN.search(s.doc.text[lo:hi]):
        # "ended Tuesday's session down 0.36%, but closed out 2024 with gains of 23.31%": a
        # year (month, quarter) across a comma and a conjunction is the next clause's, not the
        # figure's
        return False
    owner = [x for x in qs if x.end <= d.start and d.start - x.end <= 12]
    if owner and owner[-1] is not q and "," not in s.doc.text[owner[-1].end : d.start]:
        return False  # "soared 23.31% in 2024, building on the 24.2% gain": 2024 is the 23.31%'s
    prev = s.before(d.start, 3)
    if prev and prev[-1].lower in _PERIOD_DETERMINERS and d.kind in ("quarter", "half"):
        prev = prev[:-1]  # "in the second quarter", "during the first half of 2024"
    prev = prev[-2:]
    pw = prev[-1].lower if prev else ""
    if [t.lower for t in prev] in (["day", "of"], ["session", "of"], ["week", "of"]):
        return False  # "on the final trading day of 2024": a day, not the year
    if pw == "of" and _ranks_shorter_moves(s, d.start):
        return False  # "the worst one-day loss of 2019: closing down 2.98%": 2019 is the rank's
    nxt = s.after(d.end, 2)
    nw = nxt[0].lower if nxt else ""
    if pw in (
        "in",
        "for",
        "during",
        "through",
        "over",
        "out",
        "of",
        "throughout",
        "ends",
        "ended",
        "ending",
        "finished",
        "closed",
        # "Closing September with a 4.93% decrease", "capping 2025 with a 16% gain"
        "closing",
        "closes",
        "finishing",
        "finishes",
        "wrapped",
        "wrapping",
        "capped",
        "capping",
        "concluded",
        "concluding",
    ):
        return True
    return d.text.endswith(("'s", "’s")) or nw in (
        "'s",
        "’s",
        "gain",
        "gains",
        "loss",
        "losses",
        "return",
        "advance",
        "decline",
        "rally",
        "performance",
        # "with September seeing a 30% increase in the VIX": the period as the subject of a verb
        # of witnessing the move
        "saw",
        "seeing",
        "sees",
        "brought",
        "witnessed",
    )


def _at_one_point(s: Sent, x: Quantity) -> bool:
    """Whether a figure is only the words "at one point" ("fell as much as 19% at one point in
    April"): a moment, not a figure that owns the period after it."""
    return s.doc.text[x.start : x.end].lower() == "one point" and s.words_before(x.start, 1) == [
        "at"
    ]


#: a "since" anchor that is the same day a year back ("since the same time last year")
_SAME_TIME = re.compile(r"\b(?:same|this) (?:time|point|day|date) (?:last|a) year\b", re.I)


def _figure_between(s: Sent, p: Any, d: DateMention, q: Quantity | None) -> bool:
    """Whether a figure other than ``q`` (nor a date) stands between the period words ``p`` and
    the date ``d``: "gained 24% for the year after losing 20% in 2022" names 2022 for the 20%."""
    a, b = (p.end, d.start) if p.end <= d.start else (d.end, p.start)
    return any(
        a <= x.start < b
        and (q is None or x.start != q.start)
        and not any(y.start <= x.start < y.end for y in s.dates)
        for x in s.quantities
    )


def _spec_from_period(ctx: Ctx, s: Sent, p: Any, q: Quantity | None = None) -> PeriodSpec | None:
    kind = p.kind
    if kind == "since" and _SAME_TIME.search(p.anchor or ""):
        # "since the same time last year": a year back from the day, not from the year's start
        return PeriodSpec("ago", p.text, n=1, unit="year")
    if kind == "since":
        anchor = next(
            (d for d in s.dates if d.start >= p.start and d.start <= p.end and d.first), None
        )
        if anchor is None:
            return PeriodSpec("since", p.text)  # "since the election": no date to start from
        words = p.anchor.lower().split()
        ext = next((w for w in words if w in _EXTREME_LOW or w in _EXTREME_HIGH), None)
        if ext is not None and anchor.kind in ("month", "year", "quarter", "half", "span"):
            # "since the April low": from the lowest close of April (an intraday low differs);
            # "since reaching its peak last month": the highest close of last month, never its
            # first day; "since troughing in late December": its lowest close then
            kind = "since_low" if ext in _EXTREME_LOW else "since_high"
            return PeriodSpec(kind, p.text, first=anchor.first, last=anchor.last)
        if anchor.modifier == "end" and anchor.last is not None:
            # "since the end of 2022": from the period's last close, not the start of its end
            return PeriodSpec("since", p.text, anchor=anchor.last, last=anchor.last)
        return PeriodSpec("since", p.text, anchor=anchor.first, last=anchor.last)
    if kind in ("month", "year"):
        # "for the month", "for the year": the month or year the sentence names, else the one of
        # the reference date
        named = next(
            (
                d
                for d in s.dates
                if d.kind == kind
                and d.first is not None
                and d.last is not None
                and not since_anchor(s, d)  # "its worst month since November 2008"
                and not _figure_between(s, p, d, q)
            ),
            None,
        )
        if named is not None:
            return PeriodSpec(kind, p.text, named.first, named.last)
        return PeriodSpec(kind, p.text)
    return PeriodSpec(kind, p.text, n=p.n, unit=p.unit)


#: words after "since" that name the extreme a move is measured from
_EXTREME_LOW = frozenset(
    {"low", "lows", "bottom", "trough", "troughing", "troughed", "bottoming", "bottomed"}
)
_EXTREME_HIGH = frozenset({"high", "highs", "peak", "peaking", "peaked", "topping", "topped"})


#: words of a total return ("on a total return basis", "including dividends")
_TOTAL_RETURN = re.compile(
    r"\btotal[- ]returns?\b|\bincluding dividends\b|\bdividends? reinvested\b|\bwith dividends\b",
    re.I,
)


#: adverbs of degree between a closing verb and its direction ("closed sharply lower, down 0.9%")
_CLOSE_ADVERBS = DEGREE_ADVERBS | {
    "firmly", "solidly", "steeply", "decidedly", "notably", "much", "deeply"
}  # fmt: skip

#: past-tense words of a close ("closed at", "ended the day", "settled at")
_CLOSED_WORDS = frozenset({"closed", "ended", "settled", "finished"})


#: words that turn to the other side of a comparison
_COMPARED = frozenset({"compared", "versus", "vs", "vs.", "than", "against", "whereas", "while"})


#: words of a period longer than a session
_LONGER_UNITS = frozenset(
    {"week", "weeks", "month", "months", "quarter", "quarters", "year", "years", "sessions",
     "days", "fortnight", "stretch", "period", "span", "run", "streak", "interval", "window",
     # "its 22.03% plunge through the interval that ended Nov. 20, 2008": a day that ends a span
     "through", "thru", "ended", "ending"}
)  # fmt: skip


def _longer_unit_before(s: Sent, q: Quantity, d: DateMention) -> str:
    """The word of a longer period between a move's figure and the day named after it ("up 3%
    over the fortnight through Friday"), or ""."""
    if d.start < q.end:
        return ""
    return next((t.lower for t in s.doc.tokens_in(q.end, d.start) if t.lower in _LONGER_UNITS), "")


def qualifiers(
    ctx: Ctx,
    s: Sent,
    a: int,
    b: int,
    *,
    forecast_ok: bool = False,
    hypothetical_ok: bool = False,
    at: int | None = None,
) -> list[str]:
    """Qualifiers of the words from ``a`` to ``b`` (the claim's number at ``at``) and their
    clause: ``forecast`` (an
    expectation, a hypothesis), ``conditional`` (the hypothetical or conditional mood, see
    :func:`mood`; it holds even with ``forecast_ok``, unless ``hypothetical_ok``: the article's
    own arithmetic to a target is a hypothetical by nature), ``intraday`` (a session high, "as
    much as", a time of day), ``negated`` ("did not close above"), ``definition``."""
    cl = s.clause_of(a)
    lo = min(cl.start, a)
    # up to the end of the claim's words and a few words after, but not into the next figure
    nxt = min((x.start for x in s.quantities if x.start >= b), default=cl.end)
    # nor past a word that turns to another event ("fell 1.6% after rising as much as 4%"); a
    # moment the words after it name ("before paring gains") is read by session_moment
    turn = next(
        (t.start for t in ctx.doc.tokens_in(b, cl.end)[:10] if t.lower in _EVENT_TURNS), cl.end
    )
    hi = max(b, min(cl.end, nxt, turn, b + 40))
    toks = ctx.doc.tokens_in(lo, hi)
    if len(toks) > 60:  # a very long clause: only the words near the claim
        toks = ctx.doc.tokens_in(max(lo, a - 200), hi)
    words = [t.lower for t in toks]
    out: list[str] = []
    asides = s.closed_asides(a if at is None else max(a, at))
    ftoks = [t for t in toks if not any(x <= t.start < y for x, y in asides)]
    ftoks = _narrative_would_dropped(_expectation_after_dropped(_past_fact_clause(ftoks, a), b))
    ftoks = _attributive_expectations_dropped(_cause_nouns_dropped(ftoks, a))
    if not forecast_ok and (
        _has_word(_outcomes_dropped(ftoks), FORECAST_WORDS)
        or _forecast_phrase([t.lower for t in ftoks])
        or _later_date(ctx, s, lo, min(cl.end, nxt))
        or _SCENARIO_LABEL.search(ctx.doc.text, ctx.doc.text.rfind("\n", 0, a) + 1, a)
    ):
        out.append("forecast")
    if (
        not hypothetical_ok
        and "forecast" not in out
        and (mood(s, a, b) or _participle_of_forecast(ctx, s, cl))
    ):
        out.append("conditional")
    early = [t.lower for t in ctx.doc.tokens_in(max(s.start, a - 240), a)][-40:]
    # "hit a fresh all-time intraday high of 6,937.32 before ending the day at a record close":
    # the words before a turn to the claim's event ("before", "then") are the other event's
    itoks = _from_last_turn(toks, a, [x.start for x in s.quantities])
    iwords = [t.lower for t in itoks]
    if (
        _has_word(itoks, INTRADAY_WORDS)
        or _has_phrase(iwords, INTRADAY_PHRASES)
        or _has_phrase(early + words, LIVE_PHRASES)
        or _time_of_day(ctx, s, max(hi, min(cl.end, turn, b + 40)))
        or _verb_clause_time(ctx, s, cl.end, b)
        or _as_of_clock_after(ctx, s, b)
        or _fronted_moment(ctx, s, a)
        or _parallel_moment(ctx, s, cl)
    ):
        out.append("intraday")
    defs = DEFINITIONS.intersection(words + early[-12:])
    if defs - _THRESHOLD_NAMES or (defs and _THRESHOLD_FIGURE.search(ctx.doc.text, a, b)):
        # "a bear market, a drop of 20% from a record": the threshold that names it; the day's
        # own figures in a sentence about one ("entered a bear market as the S&P 500 sank
        # 3.9%") are facts like any other
        out.append("definition")
    near = [t for t in ctx.doc.tokens_in(max(lo, a - 80), b) if t.kind == "word"]
    # "a high not seen since 2011" affirms a superlative: not a negation
    near = [
        t
        for k, t in enumerate(near)
        if not (t.lower == "not" and near[k + 1 : k + 2] and near[k + 1].lower == "seen")
        # "Look no further than Nvidia, which has soared 198%", "none other than": idioms that
        # point to a thing, not negations of a figure
        and not (
            t.lower in ("no", "none")
            and [x.lower for x in near[k + 1 : k + 3]] in (["further", "than"], ["other", "than"])
        )
    ]
    if any(t.lower in NEGATIONS or t.lower.endswith("n't") for t in near):
        out.append("negated")
    return out


#: words that name a market by its threshold ("a bear market", "a correction"): a definition
#: only where the claim's figure is such a threshold (:data:`_THRESHOLD_FIGURE`)
_THRESHOLD_NAMES = frozenset({"bear", "correction"})
_THRESHOLD_FIGURE = re.compile(r"(?<![\d.])(?:10|20)(?:\.0+)?\s*(?:%|per\s*cent|percent)", re.I)

#: a line's label that makes what follows it a scenario ("Bearish Scenario: ... push VIX below
#: 15", "Bull case: the S&P 500 reaches 7,500")
_SCENARIO_LABEL = re.compile(r"\b(?:scenarios?|(?:bull|bear|base)(?:ish)?\s+case)\s*:", re.I)

#: words before a date that make it the end of a time to come ("before 28 February 1998", "by
#: March 2027"), not an event's date the claim's clause mentions ("ahead of the May 2026 meeting")
_BY_WORDS = frozenset({"before", "by", "until", "till", "through", "thru"})


def _later_date(ctx: Ctx, s: Sent, lo: int, hi: int) -> bool:
    """Whether the claim's clause (``lo`` to ``hi``) runs to a date, its year written, that begins
    after the article's last day ("reaching 49.76 before 28 February 1998 unlikely" in an article
    of December 1997, "to 8,000 by March 2027"): the figure is of a time to come, a forecast,
    whatever its verb says. A later date a claim's own day binds to is judged on its own (the
    store's data end before it)."""
    if ctx.window is None:
        return False
    last = ctx.window[1]
    return any(
        lo <= d.start < hi
        and d.explicit_year
        and d.first is not None
        and d.first > last
        and bool(_BY_WORDS & set(s.words_before(d.start, 1)))
        for d in s.dates
    )


def _in_closed_aside(s: Sent, x: int, pos: int) -> bool:
    """Whether offset ``x`` lies in a relative clause between commas that closes before ``pos``
    (:meth:`Sent.closed_asides`): a name there describes the subject of the main clause, it is not
    the subject of a figure after the aside."""
    if "," not in s.doc.text[x:pos]:
        return False
    return any(a <= x < b for a, b in s.closed_asides(pos))


#: words that open a clause of an earlier event ("after the index rose by more than 20% last
#: year"); past tense verbs after them make the clause a fact whatever the sentence speculates
_PAST_OPENERS = frozenset({"after", "since", "because", "following", "when", "as"})
_PAST_IRREGULAR = frozenset(
    {"rose", "fell", "hit", "set", "grew", "sank", "jumped", "slid", "surged", "gained", "lost",
     "dropped", "climbed", "tumbled", "soared", "plunged", "was", "were", "had"}
)  # fmt: skip


def _past_fact_clause(toks: list[Token], a: int) -> list[Token]:
    """The words from a subordinating word before the claim at ``a`` when the clause it opens
    tells of the past ("many investors have likely took their profits after the index rose by
    more than 20% last year": "likely" is the speculation of the main clause); else ``toks``."""
    before = [t for t in toks if t.end <= a]
    k = next((i for i in range(len(before) - 1, -1, -1) if before[i].lower in _PAST_OPENERS), None)
    if k is None:
        return toks
    verbs = [t.lower for t in toks if before[k].end <= t.start and t.kind == "word"][:6]
    if not any(w in _PAST_IRREGULAR or (w.endswith("ed") and len(w) > 4) for w in verbs):
        return toks
    return [t for t in toks if t.start >= before[k].start]


#: words that open another clause after an outcome ("ticked down to 4.1% despite expectations
#: for it to hold steady", "closed at a record 6,711 as traders expected ...")
_OUTCOME_TURNS = frozenset(
    {"despite", "as", "amid", "though", "although", "while", "whereas", "but", "even", "—", "–",
     ";",
     # its cause: "sank 3% ... after crude surged on the possibility that Washington could bar
     # imports", "fell 2% on fears the Fed will hike"
     "after", "following", "on", "because"}
)  # fmt: skip


def _from_last_turn(toks: list[Token], a: int, figures: list[int]) -> list[Token]:
    """``toks`` from the last word before ``a`` that turns to another event ("before", "then"),
    when a figure of the sentence (at one of ``figures``) comes before it: that figure's event is
    another; else ``toks``."""
    k = next(
        (
            i
            for i in range(len(toks) - 1, 0, -1)
            if toks[i].end <= a and toks[i].lower in _TURNS_TO_CLAIM
        ),
        None,
    )
    if k is None or not any(toks[0].start <= f < toks[k].start for f in figures):
        return toks
    return toks[k:]


#: words that turn from an earlier event to the claim's ("... before ending the day at a record")
_TURNS_TO_CLAIM = frozenset({"before", "then"})


#: adverbs after "would" that make it the future of a past narrative ("It would eventually settle
#: up 4.4%", "the index would later close at a record"): what then happened, no hypothesis
_NARRATIVE_ADVERBS = frozenset({"eventually", "later", "ultimately", "subsequently", "finally"})


def _narrative_would_dropped(toks: list[Token]) -> list[Token]:
    """``toks`` without a "would" that an adverb of a past narrative follows ("would eventually
    settle"), unless the clause states a condition ("if", "unless")."""
    words = [t.lower for t in toks]
    if "would" not in words or "if" in words or "unless" in words:
        return toks
    drop = {
        k
        for k, w in enumerate(words[:-1])
        if w == "would"
        and (words[k + 1] in _NARRATIVE_ADVERBS or words[k + 1 : k + 3] == ["go", "on"])
    }
    return [t for k, t in enumerate(toks) if k not in drop] if drop else toks


def _expectation_after_dropped(toks: list[Token], b: int) -> list[Token]:
    """``toks`` up to a word after the claim's end ``b`` that opens another clause, when the
    claim's own words state a past outcome (a past-tense verb, no expectation word before ``b``):
    "the unemployment rate ticked down to 4.1% despite expectations for it to hold steady" tells
    what happened; the expectation is the other clause's. Else ``toks``."""
    own = [t.lower for t in toks if t.end <= b and t.kind == "word"]
    if any(w in FORECAST_WORDS for w in own) or _forecast_phrase(own):
        return toks
    if not any(w in _PAST_IRREGULAR or (w.endswith("ed") and len(w) > 4) for w in own):
        return toks
    cut = next(
        (
            t.start
            for i, t in enumerate(toks)
            if t.start >= b and (t.lower in _OUTCOME_TURNS or _a_dash(toks, i))
        ),
        None,
    )
    return toks if cut is None else [t for t in toks if t.start < cut]


def _a_dash(toks: list[Token], i: int) -> bool:
    """Whether the hyphen at ``i`` is a dash between clauses: doubled ("4.1%--economists") or
    spaced ("4.1% - economists"), not a word's hyphen."""
    if toks[i].text != "-":
        return False
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is not None and nxt.text == "-" and nxt.start == toks[i].end:
        return True
    prev = toks[i - 1] if i else None
    return (
        prev is not None
        and nxt is not None
        and prev.end < toks[i].start
        and nxt.start > toks[i].end
    )


#: words before an expectation word that make it the forecast an outcome is compared with
#: ("a worse-than-expected report", "inflation surprised expectations", "beat estimates")
#: the expectation participles "as" makes an outcome's ("as expected", "as widely anticipated")
_AS_PARTICIPLES = frozenset({"expected", "anticipated", "forecast", "predicted", "projected"})
_COMPARED_TO_FORECAST = frozenset(
    {"than", "surprised", "surprising", "beat", "beats", "beating", "missed", "misses", "missing",
     "topped", "exceeded", "exceeding", "defied", "defying", "surpassed", "surpassing", "above",
     "below", "confounded", "outpaced"}
)  # fmt: skip


#: past verbs of a cause that moved a market ("expectations about Fed policy have sent the
#: two-year yield to its highest level since 2008")
_CAUSE_VERBS = frozenset(
    {"sent", "pushed", "drove", "driven", "lifted", "sparked", "fueled", "fuelled", "boosted",
     "dragged", "knocked", "propelled", "spurred", "triggered", "prompted", "caused", "weighed"}
)  # fmt: skip
#: expectation words that are nouns (a cause can be one), not modals or verbs of a forecast
_EXPECTATION_NOUNS = frozenset(
    {"expectation", "expectations", "hope", "hopes", "odds", "chance", "chances", "consensus",
     "outlook", "projection", "projections", "prediction", "forecasts", "estimates", "guidance",
     "probability"}
)  # fmt: skip


def _cause_nouns_dropped(toks: list[Token], a: int) -> list[Token]:
    """``toks`` without the expectation nouns before a past verb of a cause that precedes the
    claim at ``a`` ("Surging prices and expectations about Fed policy have sent the two-year
    yield to its highest level since 2008": the expectations moved it; the move is a fact).
    A modal ("will have sent") is kept, and keeps the clause a forecast."""
    k = next(
        (
            i
            for i in range(len(toks) - 1, -1, -1)
            if toks[i].end <= a and toks[i].lower in _CAUSE_VERBS
        ),
        None,
    )
    if k is None:
        return toks
    return [t for i, t in enumerate(toks) if not (i < k and t.lower in _EXPECTATION_NOUNS)]


#: adverbs of degree that make an expectation word an adjective of a noun ("the highly
#: anticipated 3 percent mark", "a widely expected cut")
_DEGREE_ADVERBS = frozenset({"highly", "widely", "much", "long", "largely", "broadly", "eagerly"})


def _attributive_expectations_dropped(toks: list[Token]) -> list[Token]:
    """``toks`` without an expectation word that qualifies a noun after a past verb ("yields hit
    the highly anticipated 3 percent mark": the mark was hit; "delivered a widely expected cut");
    "is widely expected to rise" and a clause with no past verb before it keep theirs."""
    out: list[Token] = []
    past = False
    for i, t in enumerate(toks):
        w = t.lower
        attributive = (
            past
            and w in FORECAST_WORDS
            and i > 0
            and toks[i - 1].lower in _DEGREE_ADVERBS
            and (i + 1 >= len(toks) or toks[i + 1].lower != "to")
        )
        if not attributive:
            out.append(t)
        if t.kind == "word" and (w in _PAST_IRREGULAR or (w.endswith("ed") and len(w) > 4)):
            past = past or w not in FORECAST_WORDS
    return out


def _outcomes_dropped(toks: list[Token]) -> list[Token]:
    """``toks`` without the expectation words that an outcome is compared with ("a
    worse-than-expected CPI report", "surprised expectations by decelerating to 8.3%"): the words
    around them state what happened, not a forecast."""
    out: list[Token] = []
    prev: list[str] = []
    for i, t in enumerate(toks):
        if t.kind == "word":
            compared = (
                (
                    t.lower in FORECAST_WORDS
                    and bool(prev[-2:])
                    and bool(_COMPARED_TO_FORECAST & set(prev[-2:]))
                    # "a cooler-than-expected 2.6%": the figure is the outcome; "than the predicted
                    # 0.4%" and "the 3.0% forecast" name the forecast
                    and (prev[-1] == "than" or not _names_a_figure(toks, i))
                )
                or (
                    # "As expected, the Federal Reserve left interest rates unchanged", "as widely
                    # anticipated": the outcome matched the expectation; it happened
                    t.lower in _AS_PARTICIPLES
                    and (prev[-1:] == ["as"] or prev[-2:] in (["as", "widely"], ["as", "largely"]))
                )
            )
            if not compared:
                out.append(t)
            prev.append(t.lower)
        else:
            out.append(t)
    return out


def _names_a_figure(toks: list[Token], i: int) -> bool:
    """Whether the expectation word at ``i`` names a figure as the forecast ("than the
    predicted 0.4% growth", "above the 3.0% forecast"): a number right after it, or a number (and
    its unit) right before it."""
    nxt = toks[i + 1 : i + 2]
    before = [x for x in toks[max(0, i - 2) : i] if x.text not in ("%",)]
    return bool(nxt and nxt[0].kind == "number") or bool(before and before[-1].kind == "number")


#: what "by the end of" may be followed by in a fact: a session that ended ("down by 4.3% by the
#: end of trading on Tuesday"), not a period ahead ("by the end of the year")
_SESSION_ENDS = frozenset({"trading", "session", "day", "day's"})


def _forecast_phrase(words: list[str]) -> bool:
    """Whether a phrase of a forecast occurs in ``words`` ("on pace for", "by the end of 2026"),
    not "by the end of trading" or "by the end of the session" (a session's end, a fact)."""
    if not _has_phrase(words, FORECAST_PHRASES):
        return False
    for i in range(len(words)):
        for ph in FORECAST_PHRASES:
            if tuple(words[i : i + len(ph)]) != ph:
                continue
            nxt = [w for w in words[i + len(ph) : i + len(ph) + 3] if w not in ("the", "its")]
            if ph == ("by", "the", "end", "of") and nxt[:1] and nxt[0] in _SESSION_ENDS:
                continue
            return True
    return False


def _trading_after(ctx: Ctx, cl_end: int) -> bool:
    """Whether the clause after the claim's says where the series is trading ("tumbled about 2
    percent on Friday, trading around 3,800"): the move is the session's so far, intraday."""
    words = [t.lower for t in ctx.doc.tokens_in(cl_end, cl_end + 40) if t.kind == "word"][:2]
    return words[:1] == ["trading"] and words[1:2] in (["around"], ["near"], ["at"])


def _verb_clause_time(ctx: Ctx, s: Sent, cl_end: int, b: int) -> bool:
    """A time of day that qualifies the session in the clause the claim's last word is in, when
    the claim opens in an earlier clause (an appositive name: "the S&P 500, fell 1.2% in Monday
    afternoon trading", "the index, the S&P 500, fell 1.2% by midday Monday"): the move is
    intraday. Only the words of a moment of the session (INTRADAY_WORDS, INTRADAY_PHRASES, a
    clock time), word-bounded, up to the next figure or a word of another event; "in Monday's
    session", "by the close" are none."""
    vcl = s.clause_of(max(s.start, b - 1))
    if vcl.end <= cl_end:
        return False  # the claim's words end in its first clause: read above
    nxt = min((x.start for x in s.quantities if x.start >= b), default=vcl.end)
    toks = ctx.doc.tokens_in(b, vcl.end)
    turn = next((t.start for t in toks[:10] if t.lower in _EVENT_TURNS), vcl.end)
    hi = max(b, min(vcl.end, nxt, turn, b + 40))
    after = ctx.doc.tokens_in(b, hi)
    return (
        _has_word(after, INTRADAY_WORDS)
        or _has_phrase([t.lower for t in after], INTRADAY_PHRASES)
        or _time_of_day(ctx, s, hi)
    )


def mood(s: Sent, a: int, b: int) -> str:
    """The word that puts the claim from ``a`` to ``b`` in the hypothetical or conditional mood
    (``""`` when none): a modal or conditional word in its clause before it or right after it up
    to a word that turns to another clause ("which would mean the S&P 500 falling 20%", "the
    index needs to rise 23%", "a 20% drop would put it in a bear market"), or a fronted clause
    that states a condition for the main clause ("If the selling goes on, the S&P 500 drops
    10%", "Should the index slide 8%, ...", "For the index to reach 7,000, it must gain 12%")."""
    cl = s.clause_of(a)
    own = _clause_tokens(s, a)
    if own and own[0].lower == "or" and own[0].start > s.start + 1:
        # "would need to close above 3,248.87 ..., or a 1.8% rise from Tuesday's close": a
        # figure restating the clause before the comma shares its mood
        prev = s.doc.tokens_in(s.start, own[0].start)
        if prev and prev[-1].text == ",":
            before = mood(s, prev[-1].start, prev[-1].start)
            if before:
                return before
    toks = own + s.doc.tokens_in(a, b)
    after = s.doc.tokens_in(b, cl.end)[:8]
    for t in after:
        if t.lower in _CLAUSE_TURNS:
            break
        toks.append(t)
    toks = _narrative_would_dropped(toks)
    words = [t.lower for t in toks]
    if _has_word(toks, MOOD_WORDS):
        return next(t.text for t in toks if t.lower in MOOD_WORDS and t.text != "May")
    if _has_phrase(words, MOOD_PHRASES):
        return "a condition"
    # a fronted conditional clause before the claim's own
    k = s.clauses.index(cl) if cl in s.clauses else 0
    for c in s.clauses[: k + 1]:
        first = [t for t in s.doc.tokens_in(c.start, c.end) if t.kind == "word"][:6]
        w0 = first[0].lower if first else ""
        if w0 in MOOD_OPENERS and not (
            w0 in ("should", "were") and first[0].text not in ("Should", "Were")
        ):  # "(AAPL) were among the day's big winners": no inversion in lower case
            return first[0].text
        if w0 == "in" and [t.lower for t in first[1:2]] == ["case"]:
            return "in case"
        if w0 == "for" and "to" in [t.lower for t in first[1:6]]:
            return "for … to"  # "For the index to reach 7,000, ..."
    return ""


def _clause_tokens(s: Sent, a: int) -> list[Token]:
    """The tokens of the clause of ``a`` up to ``a``, back to a comma, a semicolon, a colon or a
    dash: a bracket inside it ("the S&P 500 index (SPX) falling 20%") does not end it."""
    out: list[Token] = []
    for t in reversed(s.doc.tokens_in(max(s.start, a - 300), a)):
        if t.text in (",", ";", ":", "—", "–"):
            break
        out.append(t)
    out.reverse()
    return out


def session_moment(s: Sent, a: int, b: int) -> tuple[str, str]:
    """Whether the words place the claim from ``a`` to ``b`` at a moment of the session other
    than its close: ``("moment", word)`` for "earlier" ("had surged more than 4% earlier on
    Tuesday"; not "earlier this year", "a year earlier"), "at one point", "at the session's
    high", "was up 2% before giving up the gains"; ``("approximate", word)`` for a level the words
    say was traded near, or hovered around ("the 10-year rate trading near its highest level in
    16 years"); ``("", "")`` otherwise. Neither can be contradicted by a close."""
    cl = s.clause_of(a)
    toks = _clause_tokens(s, a) + s.doc.tokens_in(a, b) + s.doc.tokens_in(b, cl.end)[:8]
    words = [t.lower for t in toks]
    for i, w in enumerate(words):
        if w in MOMENT_WORDS:
            if w == "earlier":
                nxt = words[i + 1] if i + 1 < len(words) else ""
                prev = words[i - 1] if i > 0 else ""
                if nxt in EARLIER_PERIODS or prev in EARLIER_PERIODS or prev == "than":
                    continue  # "earlier this year", "a year earlier", "than a month earlier"
                if i > 0 and toks[i - 1].kind == "number":
                    continue  # "4.2% earlier": a level of another time (a role, see strict_gaps)
            return "moment", toks[i].text
        after_b = toks[i].start >= b and i + 1 < len(words)
        if w == "before" and after_b and words[i + 1] in MOMENT_BEFORE:
            return "moment", f"before {toks[i + 1].text}"
    if _has_phrase(words, MOMENT_PHRASES):
        ph = next(ph for ph in MOMENT_PHRASES if " ".join(ph) in " ".join(words))
        return "moment", " ".join(ph)
    head = [t for t in toks if t.end <= a][-5:]
    for t in head:
        if t.lower in APPROXIMATE_WORDS:
            return "approximate", t.text
    return "", ""


def _has_word(toks: list[Token], words: frozenset[str]) -> bool:
    for t in toks:
        if t.kind != "word":
            continue
        w = t.lower
        if w in words and not (w == "may" and t.text == "May"):
            return True
    return False


_FIRST: dict[int, dict[str, list[tuple[str, ...]]]] = {}


def _has_phrase(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    """Whether one of ``phrases`` (word tuples) occurs in ``words``: one pass, phrases looked up by
    their first word."""
    first = _FIRST.get(id(phrases))
    if first is None:
        first = {}
        for ph in phrases:
            first.setdefault(ph[0], []).append(ph)
        _FIRST[id(phrases)] = first
    for i, w in enumerate(words):
        for ph in first.get(w, ()):
            if tuple(words[i : i + len(ph)]) == ph:
                return True
    return False


def _later_clause_opener(ctx: Ctx, s: Sent, cl: Any) -> Token | None:
    """The first word of clause ``cl`` when it is not the sentence's first clause, else None."""
    if cl.start <= s.start:
        return None
    return next((t for t in ctx.doc.tokens_in(cl.start, cl.end) if t.kind == "word"), None)


def _participle_of_forecast(ctx: Ctx, s: Sent, cl: Any) -> bool:
    """Whether the claim's clause opens with a present participle that goes on from a clause of
    a forecast before it ("We hope it means stocks will play some catch-up, propelling the index
    to a new bull market more than 20% above the October lows"): the participle's figure is of
    that forecast."""
    first = _later_clause_opener(ctx, s, cl)
    if first is not None and first.lower in ("each", "both", "all"):
        # "are on pace to finish the month higher, each posting their eighth winning month"
        first = next((t for t in ctx.doc.tokens_in(first.end, cl.end) if t.kind == "word"), None)
    if first is None or not first.lower.endswith("ing") or first.text[:1].isupper():
        return False
    if first.lower == "having":
        return False  # "on track for a three-peat, having already surged 24% in 2023": the past
    before = [t for t in ctx.doc.tokens_in(s.start, cl.start) if t.kind == "word"]
    return any(t.lower in _MODALS_OF_FORECAST for t in before) or _has_phrase(
        [t.lower for t in before], FORECAST_PHRASES
    )


#: the words of a clause that make a participle after it a forecast's (modals and verbs of a
#: hope: not "May 2025", nor "worse-than-expected")
_MODALS_OF_FORECAST = frozenset(
    {"will", "would", "could", "might", "should", "hope", "hopes", "expect", "expects"}
)  # fmt: skip


def _parallel_moment(ctx: Ctx, s: Sent, cl: Any) -> bool:
    """Whether the claim's clause is joined ("while", "and", "whereas") to a clause before it in
    the sentence that places its figure at a moment of the session ("Two-year yields climbed as
    much as 16 basis points to about 3.21%, while 10-year yields rose nearly 10 basis points to
    3.07%"): the parallel figure is of that moment too."""
    first = _later_clause_opener(ctx, s, cl)
    if first is None or first.lower not in ("while", "and", "whereas"):
        return False
    words = [t.lower for t in ctx.doc.tokens_in(s.start, cl.start)]
    return _has_phrase(words, INTRADAY_PHRASES)


def _fronted_moment(ctx: Ctx, s: Sent, a: int) -> bool:
    """Whether the words right before the claim at ``a`` (eight at most, no figure among them)
    name a moment of the session ("-- at their session highs, the S&P was up 0.4%")."""
    toks = ctx.doc.tokens_in(max(s.start, a - 80), a)[-8:]
    if any(t.kind == "number" for t in toks):
        return False
    return _has_phrase([t.lower for t in toks], INTRADAY_PHRASES)


def _as_of_clock_after(ctx: Ctx, s: Sent, end: int) -> bool:
    """Whether the words after ``end`` open with "as of" and a time of day ("fell 7 points, or
    0.3 percent, to 2,545, as of 11:20 a.m. Eastern time"): the figures before it are of that
    moment of the session."""
    toks = [t for t in ctx.doc.tokens_in(end, min(s.end, end + 40)) if t.text != ","]
    if [t.lower for t in toks[:2]] != ["as", "of"]:
        return False
    return _time_of_day(ctx, s, toks[min(len(toks) - 1, 6)].end) if len(toks) > 2 else False


def _time_of_day(ctx: Ctx, s: Sent, b: int) -> bool:
    """A time of day in the sentence before ``b`` ("At 2:30 p.m.", "As of 11:07 a.m. ET")."""
    toks = ctx.doc.tokens_in(max(s.start, b - 300), b)[-80:]
    for i in range(len(toks) - 1):
        # "within 10 minutes of the announcement", "two hours before the close"
        if toks[i].kind == "number" and toks[i + 1].lower in _MINUTES:
            return True
    for i in range(len(toks) - 2):
        t = toks[i]
        if (
            t.kind == "number"
            and toks[i + 1].text == ":"
            and toks[i + 2].kind == "number"
            and len(t.text) <= 2
            and t.end == toks[i + 1].start
            and toks[i + 1].end == toks[i + 2].start
        ):
            if not _at_or_after_the_close(toks, i, i + 3):
                return True  # "2:30", not "S&P 500: 5,117.09" (a name's figure after a colon)
            continue
        minutes = i > 0 and toks[i - 1].text == ":"  # "00" in "4:00 p.m.": read with its hour
        if (
            t.kind == "number"
            and len(t.text) <= 2
            and not minutes
            and _pm_at(toks, i + 1)
            and not _at_or_after_the_close(toks, i, i + 1)
        ):
            return True
    return False


def _pm_at(toks: list[Token], j: int) -> str | None:
    """ "am" or "pm" when the tokens at ``j`` write one ("p.m.", "PM"), else ``None``."""
    if j < len(toks) and toks[j].lower in ("am", "pm"):
        return toks[j].lower
    if j + 1 < len(toks) and toks[j].lower in ("a", "p") and toks[j + 1].text == ".":
        return toks[j].lower + "m"
    return None


def _at_or_after_the_close(toks: list[Token], i: int, j: int) -> bool:
    """Whether the clock time whose hour is ``toks[i]`` (its am/pm at ``j``) is 4 p.m. or later
    the same evening ("At 4:00 p.m. ET the S&P 500 was down 2% to close at 4,987.76"): the
    session had closed, so the time does not make a figure intraday."""
    try:
        hour = int(toks[i].text)
    except ValueError:
        return False
    if _pm_at(toks, j) == "pm":
        return 4 <= hour <= 11
    zone = toks[j].lower if j < len(toks) else ""
    # a 24-hour time with its zone: "16:00 ET", "21:00 GMT" (4 p.m. in New York)
    return (zone in ("et", "est", "edt") and hour >= 16) or (zone in ("gmt", "utc") and hour >= 20)


_MINUTES = frozenset({"minute", "minutes", "mins", "hour", "hours"})

#: measures whose figure an average or a rate per year would make another measure ("an average
#: annual return of 13.5%"); a distance, an upside or a moving average has its own words
_RATE_MEASURES = frozenset(
    {"change", "points_change", "yield_change", "yield", "close", "macro", "direction"}
)
_SESSION_MEASURES = frozenset(
    {"close", "change", "points_change", "yield", "yield_change", "direction", "record",
     "threshold"}
)  # fmt: skip


def _undated_after_clause(s: Sent, pos: int) -> bool:
    """Whether the words at ``pos`` stand in a clause that "after" or "following" opens (an
    earlier event than the sentence's own) and that names no time of its own."""
    cl = s.clause_of(pos)
    toks = s.doc.tokens_in(cl.start, pos + 1)
    for k in range(len(toks) - 1, -1, -1):
        w = toks[k].lower
        if w in ("after", "following"):
            nxt = s.doc.tokens_in(toks[k].end, cl.end)[:1]
            if nxt and nxt[0].lower in ("hours", "-", "which", "that"):
                return False
            return not any(
                toks[k].end <= d.start < cl.end and d.first is not None and not _anchor_date(s, d)
                for d in s.dates
            )
    return False


def market_proxy(subj: Bind) -> Bind:
    """``subj`` as it stands for the market ("stocks closed lower", "Wall Street fell"): the S&P
    500, with words that say so; any other subject as it is."""
    if subj.value is None or subj.value.kind != "market":
        return subj
    return Bind(subj.value, f"{subj.words} (the S&P 500 as the market's proxy)", "named")


def make_claim(
    ctx: Ctx,
    s: Sent,
    *,
    kind: str,
    measure: str,
    subject: Bind,
    parts: list[tuple[int, int]],
    rule: str,
    value: float | str | None = None,
    unit: str = "",
    decimals: int = 0,
    date: Bind | None = None,
    period: Bind | None = None,
    hedge: tuple[str, str] = ("", "="),
    direction: int = 0,
    level: float | None = None,
    base: float | None = None,
    extra: dict[str, Any] | None = None,
    needs: tuple[str, ...] = ("subject", "date"),
    forecast_ok: bool = False,
    hypothetical_ok: bool = False,
    lead: bool = True,
    at: int | None = None,
) -> Claim:
    """A frame from its bindings: ``bound``/``missing``/``assumed``/``loose`` slots, qualifiers,
    quote.

    ``needs`` lists the slots the measure cannot be judged without (besides the value); ``at`` is
    the offset of the claim's number (default: the first figure of ``parts``).
    """
    a = min(p[0] for p in parts)
    b = max(p[1] for p in parts)
    if at is None:
        at = next((q.start for q in s.quantities if a <= q.start < b), a)
    subj: Subject | None = subject.value
    # the quote runs from the subject's name when it is near, to the last word used
    if lead and subject.how in ("named", "anaphora", "market", "unknown"):
        before = [m for m in s.subjects if m.start < a]
        if subject.name_at is not None:
            # a name a list pairs with the figure in order may stand further back
            m = next((m for m in before if m.start == subject.name_at), None)
            near = 120
        else:
            m = next((m for m in reversed(before) if m.text == subject.words), None) or (
                before[-1] if before else None
            )
            near = 30
        if m is not None and a - m.end <= near:
            a = m.start
    if hedge[0] and hedge[1] != "intraday":  # "about 10% below": the hedge is part of the words
        k = ctx.doc.text.rfind(hedge[0], max(s.start, a - len(hedge[0]) - 12), a)
        if k >= 0:
            a = k
    a, b = _with_time_words(s, a, b, date, period)
    quote, qa, qb = _quote(ctx.doc.text, a, b)
    c = Claim(
        quote=quote,
        start=qa,
        end=qb,
        kind=kind,
        measure=measure,
        subject=subj,
        stated_value=value,
        unit=unit,
        decimals=decimals,
        direction=direction,
        comparator=hedge[1] if hedge[1] != "intraday" else "=",
        hedge=hedge[0],
        level=level,
        base=base,
        rule=rule,
        extra={**(extra or {}), "sentence": s.start},
    )
    if subj is not None and "one of a list" in subject.loose and measure != "record":
        # (a record is one claim per name of its list already: rules.rule_record)
        # "The S&P 500 and Nasdaq Composite have each risen 5.5%": the other names of the list,
        # read when the store holds no data for the bound one (judge.judge, support only)
        others = [b.value for b in list_subjects(s, subject) if b.value is not None]
        if len(others) > 1:
            c.extra["list_members"] = [x for x in others if x.key != subj.key]
    slots: list[tuple[str, Bind | None]] = [
        ("subject", subject),
        ("date", date),
        ("period", period),
    ]
    for name, bind in slots:
        if bind is None:
            if name in needs:
                c.missing.append(name)
            continue
        if bind.how in ("none", "unknown"):
            if name in needs:
                c.missing.append(name)
                if bind.how == "unknown":
                    c.extra[f"unknown_{name}"] = bind.words
            continue
        c.bound[name] = bind.words
        if bind.how in ("weak", "market"):
            c.assumed.append(name)
    if date is not None:
        c.date, c.window = date_of(date)
        if date.how in ("span", "ago"):
            c.extra["window_days"] = True
        if date.how == "ago" and "date" not in c.assumed:
            c.assumed.append("date")  # "four weeks ago": a day the words place only roughly
        if isinstance(date.value, DateMention) and date.value.weekday is not None:
            c.extra["stated_weekday"] = date.value.weekday
        if (
            isinstance(date.value, DateMention)
            and date.how == "explicit"
            and date.value.kind == "day"
            and date.value.explicit_year
            and date.value.day is not None
            and s.start <= date.value.start < s.end  # its own sentence's words
            and re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b", date.value.text)  # a day written out
            and s.words_before(date.value.start, 2)[-2:] != ["as", "of"]
        ):
            # "On January 6, 2024": a full date, checked against the calendar (judge)
            c.extra["stated_day"] = (date.value.start, date.value.end, date.value.text)
        month_days = _month_weekday(ctx, s, date)
        if month_days:
            # "on Friday" in an article dated to a month: each such Friday (or the named week's)
            c.date, c.window = month_days[0], (month_days[0], month_days[0])
            c.extra["alt_days"] = list(month_days[1:])
            c.extra["month_weekday"] = True
        if date.how == "article":
            c.extra["article_date"] = True
        elif (
            ctx.lead is not None
            and date.value is ctx.lead
            and date.value.start < s.start
            and not _lead_says_closed(ctx)
        ):
            # dated only by the session the opening reports, which does not say it closed
            # ("Stocks fell on Monday ..."; not "U.S. stocks closed lower on Friday")
            c.extra["lead_date"] = True
    if period is not None and isinstance(period.value, PeriodSpec):
        c.period = period.value
        pv = period.value
        if (
            pv.kind == "span"
            and pv.first is not None
            and pv.last is not None
            and c.date is not None
            and pv.first - dt.timedelta(days=1) <= c.date < pv.last
            and date is not None
            and date.how == "explicit"
        ):
            # "rose 1.4 percent between Friday, May 19, and Friday, May 26": the day bound is
            # the span's first end; the change runs to its last
            c.date, c.window = pv.last, None
            c.extra.pop("stated_day", None)
        calendar = (
            period.value.kind in ("month", "year", "quarter", "span")
            and period.value.last is not None
        )
        if calendar and "date" in c.assumed:
            c.assumed.remove("date")  # "rose 0.9% in November": the month is the date
        if period.value.kind == "swing" and date is not None and date.how == "article":
            c.assumed.append("date")  # a move "in a matter of weeks" is a story, not "now"
        if (
            period.value.kind in ("ytd", "mtd", "qtd", "week", "trailing")
            and date is not None
            and ctx.lead is not None
            and date.value is ctx.lead
        ):
            # "gained 13.9% year to date", "losing 12% in only four sessions" dated only by the
            # session the opening reports: the figure may be as of the close before it (see
            # judge.readings)
            c.extra["lead_to_date"] = True
    if (
        date is not None
        and (date.how == "article" or (ctx.lead is not None and date.value is ctx.lead))
        and _past_perfect(s, at)
        and "date" not in c.assumed
        and (c.period is None or c.period.kind == "day")  # not "had returned 25% for the year"
    ):
        # "the S&P 500 had been off 19% from an earlier record": a state before the time the
        # article reports, on a day its words do not name (support only)
        c.assumed.append("date")
        c.bound["date"] = f"{c.bound.get('date', '')}, though a past perfect tells of a time before"
    if _running_period_now(ctx, c, date):
        # the article's date, read as a guess but kept by the words of a period still running on
        # it ("rallying 8% in the fourth quarter so far"): the sessions of its window, as for the
        # article's date
        c.extra["article_date"] = True
    c.qualifiers = qualifiers(
        ctx, s, a, b, forecast_ok=forecast_ok, hypothetical_ok=hypothetical_ok, at=at
    )
    if not forecast_ok and "forecast" not in c.qualifiers and _future_time(ctx, s, c, at):
        c.qualifiers.append("forecast")  # "declining further in 2019 to 3.6%" in 2018
    if (
        measure in ("change", "points_change")
        and "intraday" not in c.qualifiers
        and _trading_after(ctx, s.clause_of(b - 1).end)
    ):
        c.qualifiers.append("intraday")  # "tumbled about 2 percent on Friday, trading around 3,800"
    q_at = next((q for q in s.quantities if q.start == at), None)
    avg = (
        measure_word(s, q_at, macro=measure == "macro")
        if q_at is not None and measure in _RATE_MEASURES
        else ""
    )
    if avg:
        # "an average annual return of 13.5%": a rate per year, another measure than the change
        c.qualifiers.append("average")
        c.extra["average_word"] = avg
    live_day = (
        date is not None
        and (
            date.how == "article"
            or (ctx.lead is not None and date.value is ctx.lead)
            # "on Thursday" in a live article written on Thursday: that session is still open
            or (
                isinstance(date.value, DateMention)
                and ctx.window is not None
                and date.value.first == ctx.window[1]
            )
        )
        and c.date is not None
        and c.date.weekday() < 5  # a weekend's "today" has no open session
    )
    if ctx.live and live_day and measure in _SESSION_MEASURES and "intraday" not in c.qualifiers:
        if _CLOSED_WORDS.intersection(t.lower for t in ctx.doc.tokens_in(c.start, c.end)):
            # "The S&P ended the day 0.2% higher" in a story updated during the session: a close
            # its words state, which the data may support; it may be the session's before (the
            # story's date is the open one), so it never contradicts
            c.extra["live_close"] = True
        else:
            c.qualifiers.append("intraday")  # a live article: its figures for the day are intraday
        c.extra["live"] = True
    if hedge[1] == "intraday" and "intraday" not in c.qualifiers:
        c.qualifiers.append("intraday")
    c.loose = {n: b.loose for n, b in slots if b is not None and b.loose}
    if date is not None and _undated_after_clause(s, max(a, at or a)):
        # "this comes after the VIX reached its lowest point since January 2020", "After nine
        # consecutive quarters of positive returns, ...": an earlier event, its day not stated
        c.loose.setdefault(
            "date",
            "its clause tells of an earlier event ('after ...'), whose day it does not state",
        )
    if c.extra.get("live_close"):
        c.loose.setdefault(
            "date",
            "a story written during the session: the close its words state may be the session's before",
        )
    if (
        date is not None
        and "names another time" in date.loose
        and c.period is not None
        and c.period.kind not in ("day",)
        and c.period.text
        and c.period.text in date.words
    ):
        c.loose.pop("date", None)  # "rose 2% last week": the span is the claim's own period
    c.loose.update(strict_gaps(ctx, s, c, at, forecast_ok=forecast_ok))
    wrong = _wrong_weekday(date) if measure not in ("weekday", "fed_meeting") else ""
    if wrong:  # a measure of the day itself judges the weekday
        c.loose.setdefault("date", wrong)
    if (
        subj is not None
        and subj.kind in ("index", "stock", "etf")
        and "total return" not in subj.name
        and _TOTAL_RETURN.search(ctx.doc.text, s.start, s.end)
    ):
        # "on a total return basis, the index gained eight consecutive months": dividends in,
        # which the series' closes leave out; the price reading may not contradict it
        c.loose.setdefault(
            "measure",
            "its sentence speaks of a total return (with dividends), which closes leave out",
        )
    if measure in _SESSION_MEASURES or measure == "since":
        kind_, word = session_moment(s, at, b)
        if kind_ == "moment":
            # the close is not what the words speak of: it may support, never contradict, and
            # the day's range is a literal reading too
            c.extra["moment"] = word
            c.loose["measure"] = (
                f"the words place it at a moment of the session ({word!r}), not at the close"
            )
        elif kind_ == "approximate":
            c.loose["measure"] = f"the words make it an approximate level of the moment ({word!r})"
    apply_guards(ctx, s, c, a, b, at)  # off-session moves, counts, guessed years
    stated = date is not None and (
        date.how in ("header", "span")
        or (
            date.how == "explicit"
            and isinstance(date.value, DateMention)
            and s.start <= date.value.start < s.end  # its own sentence's day, not the opening's
        )
    )
    mark_move_streak(s, c, at)  # "absent one-day gains of 1% or more since D": a streak
    spread_gap = spread_day_gap(subj.key if subj is not None else None, stated)
    if spread_gap:
        c.loose.setdefault("date", spread_gap)
    if date is not None and date.alt:
        c.extra["alt_days"] = [*c.extra.get("alt_days", []), *date.alt]
        if isinstance(date.value, DateMention) and far_weekday_reading(date.value, ctx.ref):
            c.extra["weekday_doubt"] = True  # the other days are read without the weekday
    last_week = _last_week_reading(ctx, c, date)
    if last_week is not None:
        c.extra["alt_days"] = [*c.extra.get("alt_days", []), last_week]
    return c


#: period words that may mean the week to date or the last complete week
_WEEK_WORDS = frozenset({"for the week", "on the week", "over the week"}) | WEEK_END_WORDS


def _last_week_reading(ctx: Ctx, c: Claim, date: Bind | None) -> dt.date | None:
    """For a week's change ("rose 1.6% for the week") dated only by an article written from
    Monday to Thursday: the previous week's Friday, a reading as literal as the week to date
    (a Monday article's "for the week" is the week before)."""
    p = c.period
    words = p.text.lower() if p is not None else ""
    if p is None or p.kind != "week" or date is None:
        return None
    if words not in _WEEK_WORDS and not words.startswith("weekly "):
        return None
    by_article = date.how == "article" or (ctx.lead is not None and date.value is ctx.lead)
    if not by_article or c.date is None or c.date.weekday() >= 4:
        return None
    return c.date - dt.timedelta(days=c.date.weekday() + 3)


# ---------------------------------------------------------------------- strict binding (contradicted)
#: measures whose rule reads its own window of time (a count of records "this year", a streak of
#: weeks, "the highest since 2008", "a three-year high"): their span words are their own
_OWN_WINDOW = frozenset(
    {"other", "since", "streak", "record_count", "annual_streak", "rank", "record", "extreme",
     "span_extreme", "first_cross", "macro_record", "session_extreme", "count_of", "sector_count",
     "record_streak",
     "moving_average", "fundamental", "fed_move", "fed_range"}
)  # fmt: skip
_LEVEL_MEASURES = frozenset({"close", "close_on_date", "extreme", "first_cross", "toward"})
_LEVEL_KINDS = frozenset({"index", "volatility", "market"})


def _future_time(ctx: Ctx, s: Sent, c: Claim, at: int) -> bool:
    """Whether the claim is about a time after the article's date: its period starts after it,
    or (a macro figure, whose rule binds no year) its clause names a month, quarter, half or year
    that does ("declining further in 2019 to 3.6%" in a story of March 2018). A market level's
    clause may name a later year for another reason ("its ascent toward the 6,900 level in
    2026", already above it)."""
    ref = ctx.doc.ref
    if ref is None:
        return False
    if c.period is not None and c.period.first is not None and c.period.first > ref:
        return True
    if c.measure != "macro":
        return False
    cl = s.clause_of(at)
    return any(
        d.kind in ("month", "quarter", "half", "year")
        and d.first is not None
        and d.first > ref
        and cl.start <= d.start < cl.end
        for d in s.dates
    )


def _running_period_now(ctx: Ctx, c: Claim, date: Bind | None) -> bool:
    """Whether ``c``'s date is the article's, bound only as a guess, and its period (stated, not
    assumed) still runs on that date: a to-date period or a calendar one not yet over."""
    if date is None or date.how != "weak" or date.value is not ctx.window or ctx.window is None:
        return False
    p = c.period
    if "date" in c.assumed or p is None or "period" in c.assumed:
        return False
    return p.kind in ("ytd", "mtd", "qtd", "week") or (
        p.last is not None and p.last >= ctx.window[1]
    )


def _wrong_weekday(date: Bind | None) -> str:
    """Why a day written with a weekday that is not its own ("on Friday, June 5, 2024", a
    Wednesday) leaves the figure's day unsure: the weekday or the date is wrong. The date itself
    is :func:`thesis.claims.weekday_dates.rule_weekday_date`'s to judge; "" for any other day."""
    v = date.value if date is not None else None
    if not isinstance(v, DateMention) or v.kind != "day" or v.weekday is None or v.day is None:
        return ""
    if v.day.weekday() == v.weekday:
        return ""
    return f"{v.text!r} names a weekday that is not {v.day}'s ({WEEKDAYS[v.day.weekday()].title()})"


def strict_gaps(
    ctx: Ctx, s: Sent, c: Claim, at: int, *, forecast_ok: bool = False
) -> dict[str, str]:
    """Why ``c`` may not be contradicted although its slots are bound (the strict binding of
    ``docs/claims.md``, besides the subject's and the date's own, see :func:`bind_subject` and
    :func:`bind_date`):

    * the unit does not fit the subject: a dollar amount or a percent is not an index level;
    * the measure is not stated: a record the words do not call a close ("hit an all-time high"
      may be intraday), a gain over a stretch the words do not count ("the biggest advance over
      such a stretch");
    * a role word makes the number another quantity than the level now: "fell from 4.57%" (a
      starting value), "a peak of", "was ... a year ago", and expectations anywhere in the clause
      ("the 0.4% increase and 5.4% annual gain expected respectively by economists").
    """
    gaps: dict[str, str] = {}
    subj = c.subject
    if subj is not None and c.measure in _LEVEL_MEASURES and subj.kind in _LEVEL_KINDS:
        if c.unit == "usd":
            gaps["unit"] = f"a dollar amount is not a level of {subj.name}"
        elif c.unit == "pct":
            gaps["unit"] = f"a percentage is not a level of {subj.name}"
    macro = subj is not None and subj.kind in ("inflation", "labor", "gdp")
    words = {w.strip(".,;:'’\"").lower() for w in c.quote.split()}
    if macro and subj is not None and words & _MARKET_MEASURES:
        # "6-month hits highest close since 2007" after "CPI gains 6.4%": a close is no CPI figure
        w = next(iter(sorted(words & _MARKET_MEASURES)))
        gaps["unit"] = f"{subj.name} has no {w!r}: the words speak of a market series"
    if c.measure == "record" and not _says_close(s, at):
        gaps["measure"] = (
            "the words do not say a record close (an intraday record is another reading)"
        )
    if (
        c.measure == "since"
        and c.extra.get("what") in ("gain", "drop")
        and not c.extra.get("n_stated")
    ):
        gaps["measure"] = "the words do not count the stretch the gain is measured over"
    w = "" if forecast_ok else _expectation(s, at)
    if w:
        gaps["role"] = f"its words speak of an expectation or a target ({w!r})"
    span = unconsumed_span(s, c, at, period_owner) if c.measure not in _OWN_WINDOW else ""
    if span:
        # "a 78% rise from 2023 through 2025" is not 2025's change; words of a wider
        # stretch the frame did not take leave it supported at most, never contradicted
        read = f" ({c.period.text})" if c.period is not None and c.period.text else ""
        gaps["period"] = f"its clause names a span ({span!r}) that the period read{read} is not"
    if c.measure in ("close", "yield", "macro"):
        role = _role_word(ctx, s, c, at)
        if role:
            gaps["role"] = role
    if c.measure in ("change", "points_change"):
        opening = _from_an_open(s, at)
        if opening:
            gaps["period"] = f"its base is an opening price ({opening!r}), not a close"
    if c.measure in _EXTREME_MEASURES:
        perfect = _past_perfect(s, at)
        if perfect:
            gaps["date"] = f"the past perfect ({perfect!r}) puts it before the sentence's day"
    return gaps


def _from_an_open(s: Sent, at: int) -> str:
    """The words of a base that is an opening price after the figure at ``at`` ("a 942 point
    gain, from the January 2nd open to the December 31st close"), else ""."""
    toks = [t for t in s.doc.tokens_in(at, s.end) if t.kind == "word"][:12]
    for i, t in enumerate(toks):
        if t.lower != "from":
            continue
        for u in toks[i + 1 : i + 6]:
            if u.lower in ("open", "opening"):
                return s.doc.text[t.start : u.end]
            if u.lower in ("to", "close", "closing"):
                break
    return ""


#: measures of an extreme reached at some moment ("a 16-year high", "a record close")
_EXTREME_MEASURES = frozenset(
    {"since", "record", "extreme", "span_extreme", "rank", "first_cross", "macro_record"}
)
_PERFECT_ADVERBS = frozenset({"previously", "earlier", "recently", "already", "just", "once"})


def _past_perfect(s: Sent, at: int) -> str:
    """The words of a past perfect in the clause before ``at`` ("which had previously reached a
    16-year high"): the extreme was reached before the time the sentence tells of; else ""."""
    cl = s.clause_of(at)
    toks = [t for t in s.doc.tokens_in(max(s.start, cl.start), at) if t.kind == "word"]
    for i, t in enumerate(toks):
        if t.lower != "had":
            continue
        j = i + 1
        while j < len(toks) and toks[j].lower in _PERFECT_ADVERBS:
            j += 1
        if j < len(toks) and (toks[j].lower.endswith("ed") or toks[j].lower in _IRREGULAR_PERFECT):
            return " ".join(x.text for x in toks[i : j + 1])
    return ""


_IRREGULAR_PERFECT = frozenset({"hit", "set", "risen", "fallen", "seen", "been", "struck", "sunk"})


#: words after a figure that turn to another event of the story (its qualifiers are not the figure's)
_EVENT_TURNS = frozenset({"after", "before", "while", "but", "though", "although", "whereas"})
_CLAUSE_TURNS = frozenset(
    {"that", "which", "who", "after", "before", "while", "when", "because", "as", "but", "since"}
)
#: words after a figure that turn to another event, whose day a later date names ("jumped 6.5% to
#: 17.17 due in part to the court's ruling on Friday", "thanks to", "following")
_DAY_TURNS = _CLAUSE_TURNS | {"due", "thanks", "following"}


def _expectation(s: Sent, at: int) -> str:
    """An expectation word in the clause of ``at``: before it, or after it up to a word that turns
    to another clause ("...increase in payrolls that beat expectations" is not the figure's)."""
    cl = s.clause_of(at)
    for t in s.doc.tokens_in(cl.start, at):
        if t.lower in EXPECTATION_WORDS:
            return t.text
    for t in s.doc.tokens_in(at, cl.end):
        if t.lower in _CLAUSE_TURNS:
            break
        if t.lower in EXPECTATION_WORDS:
            return t.text
    return ""


#: words of a market series' measures, which a macro figure has none of
_MARKET_MEASURES = frozenset(
    {"close", "closing", "closed", "session", "sessions", "intraday", "points", "trading"}
)


def _says_close(s: Sent, at: int) -> bool:
    """Whether the clause of ``at`` (or the words just before it) says the figure is a close."""
    cl = s.clause_of(at)
    lo = min(cl.start, at)
    words = {t.lower for t in s.doc.tokens_in(max(s.start, lo - 1), max(cl.end, at + 1))}
    return bool(words & _CLOSE_SAYING)


_CLOSE_SAYING = frozenset(
    {"close", "closed", "closes", "closing", "ended", "ends", "finished", "finish", "finishes",
     "settled", "settles", "end"}
)  # fmt: skip


def _role_word(ctx: Ctx, s: Sent, c: Claim, at: int) -> str:
    """A role word around a level that makes it another quantity than the level now, unless the
    clause names the level's own day (``""`` when none)."""
    if c.extra.get("record_extreme"):
        return ""  # "hit an all-time high of 4.34%": the high is what the claim is about
    cl = s.clause_of(at)
    own_day = any(
        d.kind in (*_DAYLIKE, "month", "year", "quarter")
        and (
            cl.start <= d.start < cl.end
            # "As of September 2, 2025, the VIX stood at 19.81": a fronted "as of" dates it
            or (d.start < at and s.words_before(d.start, 2) == ["as", "of"])
        )
        for d in s.dates
    )
    lead = s.words_before(at, 10)
    if lead[-1:] == ["of"] and "high" in lead[-3:] and set(lead) & _CLOSE_SAYING:
        return ""  # "closed at an all-time high of 4,500.83": the close itself, a record
    in_period = lambda t: any(p.start <= t.start < p.end for p in s.periods)  # noqa: E731
    prev = [t for t in s.before(at, 4) if t.start >= cl.start and t.kind == "word"]
    prev = [t for t in prev if t.lower not in _HEDGE_SKIP and not in_period(t)]
    role = prev[-1].lower if prev and prev[-1].lower in ROLE_WORDS else ""
    if (
        role
        and not (c.measure == "macro" and c.extra.get("from"))
        and (role not in ("high", "low") or not own_day)
    ):
        return f"a role word ({prev[-1].text!r}) makes it another quantity than the level now"
    if not own_day and prev and prev[-1].lower in PAST_WORDS:
        return f"'{prev[-1].text}' with no day of its own: a level of another time"
    nxt = [t.lower for t in s.after(at, 6) if t.start < cl.end and not in_period(t)]
    nxt = nxt[1:] if nxt and nxt[0] in ("%", "percent", "points", "point") else nxt
    if c.measure != "macro" and any(tuple(nxt[: len(ph)]) == ph for ph in ROLE_AFTER):
        return "the words after it date it to another time"
    return ""


_HEDGE_SKIP = frozenset({"about", "around", "roughly", "nearly", "almost", "some", "approximately",
                          "just", "a", "an", "the", "at", "of", "its", "their"})  # fmt: skip


def _with_time_words(
    s: Sent, a: int, b: int, date: Bind | None, period: Bind | None
) -> tuple[int, int]:
    """Take into the quote the date or period words right around it: "... on Thursday",
    "Last week the benchmark fell ..."."""
    spans: list[tuple[int, int]] = []
    if date is not None and isinstance(date.value, DateMention):
        spans.append((date.value.start, date.value.end))
    if period is not None and isinstance(period.value, PeriodSpec) and period.value.text:
        spans += [(p.start, p.end) for p in s.periods if p.text == period.value.text]
    text = s.doc.text
    for x, y in spans:
        if b <= x <= b + 5 and y <= s.end and "\n" not in text[b:x]:
            b = y
        elif a - 30 <= y <= a and x >= s.start and "," not in text[y:a] and "\n" not in text[y:a]:
            a = x
    return a, b


def _quote(text: str, a: int, b: int) -> tuple[str, int, int]:
    while a < b and text[a] in " \t\"“”'’,;:([-–—•*":
        a += 1
    while b > a and text[b - 1] in " \t\"“”',;:)]":
        b -= 1
    return text[a:b], a, b
