"""An article read once into the pieces the claim rules work on.

:class:`Doc` tokenises the text and finds, once each, its quantities, dates, periods, subject
mentions and sentences (all from :mod:`thesis.text`). :class:`Sent` is one sentence with its
share of each, found by bisection, and the small helpers every rule uses: the words just before
or after a position (bounded windows, so that a rule's cost never grows with the sentence), the
clause of a position, the date, period, hedge and direction words around a number, and the
subject the sentence binds to it.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from thesis.claims.subjects import MARKET, Subject, SubjectFinder, SubjectMention, subject_by_key
from thesis.claims.vocab import DOWN_NOUNS, DOWN_WORDS, FOREIGN_NOUNS, HEDGES, UP_NOUNS, UP_WORDS
from thesis.text.dates import WEEKDAYS, DateMention, Period, find_dates, find_periods
from thesis.text.numbers import Quantity, find_numbers, find_quantities
from thesis.text.sentences import Clause, Sentence, split_clauses, split_sentences
from thesis.text.tokens import SpanSet, Token, tokenize

__all__ = ["Doc", "Sent"]

T = TypeVar("T")

_BULLET_MARKS = frozenset({"-", "–", "—", "•", "*", "·", ">"})


def _starts(items: Sequence[object]) -> list[int]:
    return [it.start for it in items]  # type: ignore[attr-defined]


#: moves a figure may be a share of ("recouped 50% of its losses", "erased a third of the gain")
_MOVE_WHOLES = frozenset(
    {"loss", "losses", "gain", "gains", "decline", "declines", "drop", "drops", "fall", "rally",
     "rallies", "advance", "advances", "slide", "selloff", "sell-off", "plunge", "rout",
     "rebound", "surge", "run-up", "climb", "losing", "ground"}
)  # fmt: skip


def _share_of_a_move(after: list[str]) -> bool:
    """Whether the words after a figure make it a share of a move ("50% of its losses", "30% of
    the decline", "half of those gains"), not a move of its own."""
    if after[:1] in (["%"], ["percent"]):
        after = after[1:]
    if after[:1] != ["of"]:
        return False
    rest = after[1:]
    if rest[:1] in (["its"], ["the"], ["their"], ["those"], ["that"], ["this"], ["these"]):
        rest = rest[1:]
    return rest[:1] != [] and rest[0] in _MOVE_WHOLES


#: verbs that make "up" a share of a whole ("made up 25% of the index"), not a rise
_SHARE_VERBS = frozenset({"make", "makes", "made", "making", "take", "takes", "took", "taking"})


@dataclass
class Doc:
    """An article body read once (see the module docstring).

    Parameters
    ----------
    text
        The article body.
    ref
        The article's date (the last day of its window when dated only to a month); resolves
        "on Monday", "today", dates without a year. ``None`` leaves those unresolved.
    finder
        The subject finder (with the store's companies when a store is at hand).
    max_chars
        Read at most this many characters (a stated cut, see :mod:`thesis.claims.extract`).
    """

    text: str
    ref: dt.date | None
    finder: SubjectFinder = field(default_factory=SubjectFinder)

    def __post_init__(self) -> None:
        text = self.text
        self.tokens: list[Token] = _phrasal_moves(tokenize(text))
        self.tok_starts = _starts(self.tokens)
        spans = find_numbers(text)
        self.quantities: list[Quantity] = find_quantities(text, tokens=self.tokens, spans=spans)
        self.dates: list[DateMention] = find_dates(text, self.ref, tokens=self.tokens, spans=spans)
        self.periods: list[Period] = find_periods(text, tokens=self.tokens, dates=self.dates)
        self.subjects: list[SubjectMention] = _without_ticker_asides(
            text, self.finder.find(self.tokens)
        )
        self.sentences: list[Sentence] = split_sentences(text, tokens=self.tokens)
        self._sent_ends = [x.end for x in self.sentences]
        self._q_starts = _starts(self.quantities)
        self._d_starts = _starts(self.dates)
        self._p_starts = _starts(self.periods)
        self._s_starts = _starts(self.subjects)
        self.date_spans = SpanSet()
        for d in self.dates:
            self.date_spans.add(d.start, d.end)
        self.date_spans.commit()
        self.named_before: dict[str, int] = {}  # subject key → offset of its first mention
        for m in self.subjects:
            if m.subject is not None and not m.anaphora and not m.described:
                self.named_before.setdefault(m.subject.key, m.start)

    # generic slicing by offsets
    @staticmethod
    def _slice(items: list[T], starts: list[int], a: int, b: int) -> list[T]:
        return items[bisect_left(starts, a) : bisect_left(starts, b)]

    def paragraph_before(self, pos: int, n: int = 2) -> list[Sentence]:
        """The ``n`` sentences (at most) that end before ``pos`` in its paragraph (no line break
        between them and ``pos``), in order; found by bisection, not a scan."""
        k = bisect_right(self._sent_ends, pos)
        return [x for x in self.sentences[max(0, k - n) : k] if "\n" not in self.text[x.end : pos]]

    def tokens_in(self, a: int, b: int) -> list[Token]:
        return self._slice(self.tokens, self.tok_starts, a, b)

    def quantities_in(self, a: int, b: int) -> list[Quantity]:
        return self._slice(self.quantities, self._q_starts, a, b)

    def dates_in(self, a: int, b: int) -> list[DateMention]:
        return self._slice(self.dates, self._d_starts, a, b)

    def periods_in(self, a: int, b: int) -> list[Period]:
        return self._slice(self.periods, self._p_starts, a, b)

    def subjects_in(self, a: int, b: int) -> list[SubjectMention]:
        return self._slice(self.subjects, self._s_starts, a, b)

    def tok_index(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return bisect_left(self.tok_starts, pos)


#: the marks a line that only names a day may hold besides it ("August 18, 2025 (Monday)")
_DATED_LINE_MARKS = frozenset({"(", ")", ",", "-", "–", ":"})
#: words that open a relative clause between commas (:meth:`Sent.closed_asides`)
_RELATIVE_OPENERS = frozenset({"which", "who", "whose"})


@dataclass
class Sent:
    """One sentence of a :class:`Doc` and what it holds.

    ``header`` is the sentence a list item hangs from (the line before a run of ``--`` items),
    whose subject and date the items share.
    """

    doc: Doc
    index: int
    start: int
    end: int
    header: Sent | None = None
    #: a line that only names a period or a day ("For the week:", "On Tuesday:") that the lines
    #: of figures below it share, as a table's header does
    period_header: Sent | None = None
    #: the sentence starts a line of its own (a list's header must)
    own_line: bool = True
    #: the sentence goes on on a list item's line (its second sentence, say): part of the item
    item_rest: bool = False
    #: a list item that only list items separate from its header line (the header's day is its)
    under_header: bool = False

    def __post_init__(self) -> None:
        d = self.doc
        self.tokens = d.tokens_in(self.start, self.end)
        self.quantities = d.quantities_in(self.start, self.end)
        self.dates = d.dates_in(self.start, self.end)
        self.periods = d.periods_in(self.start, self.end)
        self.subjects = d.subjects_in(self.start, self.end)
        self.clauses: list[Clause] = split_clauses(
            d.text, Sentence(self.start, self.end), tokens=self.tokens, protected=d.date_spans
        )
        first = self.tokens[0] if self.tokens else None
        self.bullet = first is not None and first.text in _BULLET_MARKS
        self._i0 = d.tok_index(self.start)

    @property
    def text(self) -> str:
        return self.doc.text[self.start : self.end]

    # ------------------------------------------------------------------ windows
    def before(self, pos: int, n: int = 6) -> list[Token]:
        """Up to ``n`` tokens before ``pos`` in this sentence (nearest last)."""
        k = self.doc.tok_index(pos)
        return self.doc.tokens[max(self._i0, k - n) : k]

    def after(self, pos: int, n: int = 8) -> list[Token]:
        """Up to ``n`` tokens from ``pos`` on, in this sentence."""
        k = self.doc.tok_index(pos)
        out = self.doc.tokens[k : k + n]
        return [t for t in out if t.start < self.end]

    def words_before(self, pos: int, n: int = 6) -> list[str]:
        return [t.lower for t in self.before(pos, n)]

    def words_after(self, pos: int, n: int = 8) -> list[str]:
        return [t.lower for t in self.after(pos, n)]

    def closed_asides(self, pos: int) -> list[tuple[int, int]]:
        """The spans of the relative clauses between commas (", which measures ... based on S&P
        500 index options,") that close before ``pos``, from the word after the opening comma to
        the closing comma: they describe the subject of the main clause."""
        toks = self.doc.tokens_in(self.start, pos)
        out: list[tuple[int, int]] = []
        opened = None
        for i, t in enumerate(toks):
            if t.text == "," and i + 1 < len(toks) and toks[i + 1].lower in _RELATIVE_OPENERS:
                opened = t.end
            elif t.text == "," and opened is not None:
                nxt = self.doc.tokens_in(t.end, t.end + 24)[:2]
                if (
                    [x.lower for x in nxt[:1]] == ["or"]
                    and len(nxt) > 1
                    and nxt[1].kind == "number"
                ):
                    continue  # ", which sent the Russell 2000 down 19.96 points, or 1.4%,": the
                    # figure restated after the comma is the aside's own
                out.append((opened, t.start))
                opened = None
        return out

    def clause_of(self, pos: int) -> Clause:
        for c in self.clauses:
            if c.start <= pos < c.end:
                return c
        # between clauses (on a comma): the next one
        for c in self.clauses:
            if pos < c.start:
                return c
        return self.clauses[-1]

    def next_quantity(self, q: Quantity) -> Quantity | None:
        i = self.quantities.index(q)
        return self.quantities[i + 1] if i + 1 < len(self.quantities) else None

    def prev_quantity(self, q: Quantity) -> Quantity | None:
        i = self.quantities.index(q)
        return self.quantities[i - 1] if i > 0 else None

    # ------------------------------------------------------------------ words around a number
    def hedge(self, q: Quantity) -> tuple[str, str]:
        """The hedge right before ``q`` and the comparator it sets (``~``, ``<~``, ``>=``...)."""
        if q.bound:
            return q.bound, ">=" if q.bound == ">" else "<="
        words = self.words_before(q.start, 4)
        for k in range(min(4, len(words)), 0, -1):
            key = tuple(words[-k:])
            if key in HEDGES:
                return HEDGES[key]
        if _extreme_up_to(words):
            return "up to", "intraday"
        # "a minimum year-to-date (YTD) return of 20%", "a maximum drawdown of 10%": a bound the
        # noun phrase before "of" sets
        wide = self.words_before(q.start, 14)
        if wide[-1:] == ["of"]:
            if "minimum" in wide:
                return "minimum", ">="
            if "maximum" in wide:
                return "maximum", "<="
        # "well above the 3.5% rate", "over the 4% mark": a comparison with a figure named by
        # its article
        if len(words) >= 2 and words[-1] in ("the", "its", "their", "a"):
            got = HEDGES.get((words[-2],))
            if got is not None and got[1] in (">=", "<="):
                return got
        return "", "="

    def direction(self, q: Quantity, n: int = 5) -> tuple[int, str]:
        """The direction of a move stated around ``q``: a verb before it ("rose 0.5%"), a word
        after it ("5.91 higher", "a 2% drop"), or the move it pairs with ("47 points, or 1.2
        percent"). 0 when no word says, or when the figure is a share of a move ("recouped 50%
        of its losses")."""
        if _share_of_a_move([t.lower for t in self.after(q.end, 4)]):
            return 0, ""
        prev = self.before(q.start, n)
        if _extreme_up_to([t.lower for t in prev]):
            prev = prev[:-2]  # "fell up to 19%": the hedge's "up" is no direction
        for k in range(len(prev) - 1, -1, -1):
            t = prev[k]
            if t.kind == "number":
                break
            w = t.lower
            if w == "up" and k > 0 and prev[k - 1].lower in _SHARE_VERBS:
                # "made up about 25% of the index's value", "takes up 7% of the budget": a share
                # of a whole, not a move
                return 0, ""
            if w in UP_WORDS:
                return 1, t.text
            if w in DOWN_WORDS:
                return -1, t.text
        nxt = self.after(q.end, 2)
        for t in nxt[:2]:
            w = t.lower
            if w in ("higher", "up") or w in UP_NOUNS:
                return 1, t.text
            if w in ("lower", "down") or w in DOWN_NOUNS:
                return -1, t.text
            if (
                t.kind != "word"
                or w in FOREIGN_NOUNS
                or any(m.start == t.start for m in self.subjects)
            ):
                break  # "a 3.1% GDP growth surprise": the growth of something else
        p = self.prev_quantity(q)
        gap = self.doc.text[p.end : q.start].replace(",", " ").split() if p is not None else []
        if p is not None and (
            gap in (["or"], ["and"], ["points", "or"])
            or ({p.unit, q.unit} == {"pct", "points"} and restating_gap(gap))
            or parenthesised_pair(self.doc.text, p, q)
            # "advanced 1.3%, 1.1% and 0.9%, respectively": a list the first figure's verb leads
            or (gap in ([], ["and"]) and p.unit == q.unit and self._respectively_after(q))
        ):
            # "lost 516 points, or 1.3%", "added 2.1% and 3.9%": the second figure of a pair
            return self.direction(p, n)
        if p is not None and self._coordinated_period_figure(p, q):
            return self.direction(p, n)
        verb = self.verb_apart_from_by(q)
        if verb is not None:
            return (1 if verb.lower in UP_WORDS else -1), verb.text
        return 0, ""

    def _respectively_after(self, q: Quantity) -> bool:
        """Whether "respectively" closes the list of figures ``q`` belongs to (within the next
        eight words of the sentence)."""
        return "respectively" in [t.lower for t in self.after(q.end, 8)]

    def verb_apart_from_by(self, q: Quantity) -> Token | None:
        """A verb and its "by X%" apart: "has risen on a virtually uninterrupted path by more
        than 16%". Between the verb and "by" an adverbial of two to six plain words that opens
        with a preposition or an adverb in -ly (no figure, no punctuation, no name, no second
        direction word, no clause turn); between "by" and the figure only a hedge. None when
        the words do not read so (the direction window reads a verb nearer than that)."""
        prev = self.before(q.start, 12)
        k = len(prev) - 1
        while k >= 0 and prev[k].lower in _BY_HEDGE:
            k -= 1
        if k < 0 or prev[k].lower != "by":
            return None
        gap = prev[:k]
        for j in range(len(gap) - 1, -1, -1):
            t = gap[j]
            if t.lower in UP_WORDS or t.lower in DOWN_WORDS:
                mid = gap[j + 1 :]
                if not 2 <= len(mid) <= 6 or t.lower in ("up", "down", "higher", "lower"):
                    return None
                first = mid[0].lower
                if first not in _ADVERBIAL_OPENERS and not first.endswith("ly"):
                    return None
                if any(
                    m.kind != "word"
                    or m.lower in _CLAUSE_TURNS
                    or any(sm.start <= m.start < sm.end for sm in self.subjects)
                    for m in mid
                ):
                    return None
                return t
            if t.kind != "word" or t.lower in _CLAUSE_TURNS:
                return None
        return None

    def _coordinated_period_figure(self, p: Quantity, q: Quantity) -> bool:
        """Whether ``q`` is the second of two percentages joined by "and", each with its own
        period words right after it ("rose 0.6% for the day and nearly 17.4% year-to-date",
        "rising 24% in 2023 and an impressive 28% so far in 2024"): one verb states both moves.
        Between the first figure's period and the second figure only "and" and up to three
        plain words (a hedge, an article, an adjective); no direction word, figure or name."""
        if p.unit != "pct" or q.unit != "pct":
            return False
        first = [x for x in self.periods if 0 <= x.start - p.end <= 2 and x.end <= q.start]
        own = any(0 <= x.start - q.end <= 2 for x in self.periods)
        own = own or any(0 <= d.start - q.end <= 4 and d.kind == "year" for d in self.dates)
        if not own:
            return False
        # the first figure's period: a period phrase, or a year ("24% in 2023")
        ends = [x.end for x in first] + [
            d.end for d in self.dates if d.kind == "year" and 0 <= d.start - p.end <= 4
        ]
        if not ends:
            return False
        gap = self.doc.tokens_in(max(ends), q.start)
        words = [t.lower for t in gap]
        if not words or words[0] != "and" or len(words) > 4:
            return False
        return all(
            t.kind == "word" and t.lower not in UP_WORDS and t.lower not in DOWN_WORDS
            for t in gap[1:]
        ) and not any(max(ends) <= m.start < q.start for m in self.subjects)

    def is_dated_line(self) -> bool:
        """Whether the sentence only names a day, its weekday in brackets at most ("August 18,
        2025 (Monday)"): in a recap with several such lines, each heads the lines below it."""
        if not self.tokens or len(self.tokens) > 8 or not any(d.kind == "day" for d in self.dates):
            return False
        spans = [(d.start, d.end) for d in self.dates]
        return all(
            any(a <= t.start < b for a, b in spans)
            or t.text in _DATED_LINE_MARKS
            or t.base in WEEKDAYS
            for t in self.tokens
        )

    def is_period_header(self) -> bool:
        """Whether the sentence is a header line that only names a period or a day and ends with
        a colon ("For the year:", "On Tuesday:", "Year to date:")."""
        if not self.tokens or self.tokens[-1].text != ":" or len(self.tokens) > 8:
            return False
        if not (self.periods or self.dates):
            return False
        spans = [(p.start, p.end) for p in self.periods] + [(d.start, d.end) for d in self.dates]
        for t in self.tokens[:-1]:
            inside = any(a <= t.start < b for a, b in spans)
            if not inside and t.lower not in ("on", "for", "the", "so", "far", "in"):
                return False
        return True

    def first_subject(self) -> SubjectMention | None:
        for m in self.subjects:
            if m.subject is not None and not m.anaphora and m.subject.kind != "market":
                return m
        return None


def _extreme_up_to(words: Sequence[str]) -> bool:
    """Whether the words before a figure end in "up to" right after a move's verb or "by"/"of"
    ("fell up to 19% in April", "a drop of up to 5%"): the move at its extreme, as "as much as"
    says. "the 10-year up to 4.5%" (no move word before "up") is a move to a level."""
    return (
        len(words) >= 3
        and words[-2:] == ["up", "to"]
        and (words[-3] in UP_WORDS or words[-3] in DOWN_WORDS or words[-3] in ("by", "of"))
        and words[-3] not in ("up", "down")
    )


#: the hedge words between "by" and its figure ("by more than 16%", "by about 2%")
_BY_HEDGE = frozenset(
    {"more", "than", "less", "about", "nearly", "almost", "over", "roughly", "around",
     "approximately", "some", "just", "under", "close", "to", "a", "little", "at", "least"}
)  # fmt: skip
#: words that open an adverbial between a verb and its "by X%" ("on a ... path by")
_ADVERBIAL_OPENERS = frozenset(
    {"on", "in", "at", "over", "through", "across", "along", "during", "since", "with",
     "without", "for", "so", "far", "this", "last"}
)  # fmt: skip
#: words that turn a clause: a verb after them is another clause's
_CLAUSE_TURNS = frozenset(
    {"and", "but", "or", "which", "that", "while", "whereas", "as", "when", "after", "before",
     "although", "though", "because", "if", "than", "then", "its", "their", "it", "they"}
)  # fmt: skip


#: words before an index's name that make it the group a member belongs to ("the top sector in
#: the S&P 500", "among S&P 500 stocks", "a component of the Nasdaq 100", "on the Dow")
_CONTAINER_PREPS = frozenset({"in", "among", "of", "on", "across", "within"})
#: words between such a preposition and the index's name ("in the broader S&P 500")
_CONTAINER_FILLER = frozenset({"the", "all", "broader", "broad", "wider", "benchmark", "entire"})
#: nouns that name a member of a group: "the top sector in", "a component of", "the biggest
#: decliner on"
_MEMBER_NOUNS = frozenset(
    {"sector", "sectors", "stock", "stocks", "share", "shares", "component", "components",
     "constituent", "constituents", "member", "members", "name", "names", "company",
     "companies", "performer", "performers", "gainer", "gainers", "loser", "losers", "decliner",
     "decliners", "advancer", "advancers", "laggard", "laggards", "leader", "leaders", "winner",
     "winners", "mover", "movers", "group", "groups", "industry", "industries", "heavyweight",
     "heavyweights", "firm", "firms", "stalwart", "stalwarts", "weight", "weights"}
)  # fmt: skip


def container_prep(s: Sent, m: SubjectMention) -> tuple[Token, Token, SubjectMention | None] | None:
    """When ``m`` names an index as the group something belongs to ("the top sector in the S&P
    500", "the top gainer among S&P 500 stocks", "a component of the Nasdaq 100"): the
    preposition, the word before it (a member noun, or the member's own name) and the nearest
    name before the preposition (the member, if the words make it one); else ``None``. "The
    rally in the S&P 500" is the index's own: no member noun."""
    if m.subject is None or m.anaphora or m.subject.kind not in ("index", "market"):
        return None
    start = m.start
    if m.subject.kind == "market":
        # "S&P 500 stocks": the index's name and "stocks" are two names, one group
        head = next((x for x in reversed(s.subjects) if x.end <= m.start), None)
        if (
            head is not None
            and head.subject is not None
            and not s.doc.text[head.end : m.start].strip()
        ):
            start = head.start
    toks = s.before(start, 6)  # the preposition is at most a few words before the name
    k = len(toks) - 1
    while k >= 0 and toks[k].lower in _CONTAINER_FILLER:
        k -= 1
    if k < 1 or toks[k].lower not in _CONTAINER_PREPS:
        return None
    prep, noun = toks[k], toks[k - 1]
    if noun.text == ")":
        # "147 of the individual stocks (i.e., 29% of the stocks) in the S&P 500": the member noun
        # is the word before the parenthesis
        back = s.before(noun.start, 30)
        opens = [i for i, t in enumerate(back) if t.text == "("]
        if opens and opens[-1] > 0:
            noun = back[opens[-1] - 1]
    prev = next((x for x in reversed(s.subjects) if x.end <= prep.start), None)
    adjacent = prev is not None and not s.doc.text[prev.end : prep.start].strip(" ,")
    if noun.lower not in _MEMBER_NOUNS and not adjacent:
        return None
    return prep, noun, prev


#: verbs whose "up" makes a fall ("Apple gave up 1.2%", "giving up $8.76")
_GIVE = frozenset({"give", "gives", "gave", "giving", "given"})


def _phrasal_moves(tokens: list[Token]) -> list[Token]:
    """``tokens`` with the "up" of "gave up" read as "down": a phrasal verb of a fall whose
    particle alone would read as a rise (every rule scans the words for a direction)."""
    out = tokens
    for i in range(1, len(tokens)):
        t = tokens[i]
        if t.lower == "up" and tokens[i - 1].lower in _GIVE:
            if out is tokens:
                out = list(tokens)
            out[i] = Token(t.start, t.end, t.text, t.kind, lower="down", base="down")
    return out


def resolve_anaphora(
    doc: Doc, sents: list[Sent], s: Sent, m: SubjectMention
) -> tuple[Subject | None, str]:
    """The subject a back-reference points to, and how: ("the index" → the last index named; "the
    benchmark" → the S&P 500 when the article has named it; "it" → the subject of the sentence
    before)."""
    if m.anaphora == "benchmark":
        if "sp500" in doc.named_before and doc.named_before["sp500"] < m.start:
            return subject_by_key("sp500"), f"'{m.text}' (the S&P 500 named earlier)"
        m2 = _last_named(doc, m.start, kinds=("index",))
        return (m2.subject, f"'{m.text}' → {m2.text}") if m2 else (None, "")
    if m.anaphora == "index":
        # the VIX is an index too ("the Cboe Volatility Index ... the index")
        m2 = _last_named(doc, m.start, kinds=_INDEX_KINDS, within=_window_start(sents, s, 4))
        if (
            m2 is None
            and len([k for k in doc.named_before if subject_by_key_safe(k, "index")]) == 1
        ):
            key = next(k for k in doc.named_before if subject_by_key_safe(k, "index"))
            if doc.named_before[key] < m.start:
                return subject_by_key(key), f"'{m.text}' (the only index the article names)"
        return (m2.subject, f"'{m.text}' → {m2.text}") if m2 else (None, "")
    if m.anaphora == "yield":
        # "The 10-year yield rose to 4.2%. ... The yield remained at 4.21%": the yield named
        # last, within the sentence and the four before, else the article's only yield
        m2 = _last_named(doc, m.start, kinds=("yield",), within=_window_start(sents, s, 4))
        if m2 is None:
            keys = [k for k in doc.named_before if subject_by_key_safe(k, "yield")]
            if len(keys) == 1 and doc.named_before[keys[0]] < m.start:
                return subject_by_key(keys[0]), f"'{m.text}' (the only yield the article names)"
        return (m2.subject, f"'{m.text}' → {m2.text}") if m2 else (None, "")
    if m.anaphora == "stock":
        # "the stock", "the shares": the company named last, within the sentence and the three
        # before it
        m2 = _last_named(doc, m.start, kinds=("stock",), within=_window_start(sents, s, 3))
        return (m2.subject, f"'{m.text}' → {m2.text}") if m2 else (None, "")
    if m.anaphora == "pronoun":
        # the nearest name before it in this sentence, else the first name of the sentence before
        inside = [
            x
            for x in s.subjects
            if x.start < m.start
            and x.subject is not None
            and not x.anaphora
            and x.subject.kind != "market"
            and container_prep(s, x) is None  # "the largest company in the S&P 500, and it"
        ]
        if inside:
            return inside[-1].subject, f"'{m.text}' → {inside[-1].text}"
        prev = _previous_with_subject(sents, s)
        if prev is not None:
            return prev[0], f"'{m.text}' → {prev[1]}"
    return None, ""


_INDEX_KINDS = ("index", "volatility")


def subject_by_key_safe(key: str, kind: str) -> bool:
    try:
        return subject_by_key(key).kind == kind
    except KeyError:
        return False


def _window_start(sents: list[Sent], s: Sent, k: int) -> int:
    i = max(0, s.index - k)
    return sents[i].start if sents else 0


def _last_named(
    doc: Doc, pos: int, kinds: tuple[str, ...], within: int = 0
) -> SubjectMention | None:
    i = bisect_left(doc._s_starts, pos) - 1
    while i >= 0 and doc.subjects[i].start >= within:
        m = doc.subjects[i]
        if m.subject is not None and not m.anaphora and not m.described and m.subject.kind in kinds:
            return m
        i -= 1
    return None


def _previous_with_subject(
    sents: list[Sent], s: Sent, depth: int = 0
) -> tuple[Subject, str] | None:
    if s.bullet and s.header is not None:
        m = s.header.first_subject()
        if m is not None and m.subject is not None:
            return m.subject, f"{m.text} (the list's header)"
    if s.index > 0:
        prev = sents[s.index - 1]
        m = prev.first_subject()
        if m is not None and m.subject is not None:
            return m.subject, m.text
        # "The index traded between ... It rose ...": the back-reference before, resolved
        a = next((x for x in prev.subjects if x.anaphora in ("index", "benchmark")), None)
        if a is not None:
            subj, how = resolve_anaphora(prev.doc, sents, prev, a)
            if subj is not None:
                return subj, how
        # "The S&P 500 rose 0.5%. It is up 3.2% in the quarter. It is up 6% for the month.": a
        # sentence whose subject is "it" again speaks of what the "it" before it did (a chain of
        # up to three sentences)
        first = prev.subjects[0] if prev.subjects else None
        if first is not None and first.anaphora == "pronoun" and depth < 2:
            return _previous_with_subject(sents, prev, depth + 1)
        if prev.bullet and prev.header is not None:
            m = prev.header.first_subject()
            if m is not None and m.subject is not None:
                return m.subject, f"{m.text} (the list's header)"
    return None


def previous_with_subject(sents: list[Sent], s: Sent) -> tuple[Subject, str] | None:
    """The subject of the sentence before ``s`` (its first name, or its resolved back-reference),
    and how it was found; ``None`` when it names none."""
    return _previous_with_subject(sents, s)


def market_subject() -> Subject:
    return MARKET


#: words that restate a move in other units ("0.4%, translating to 24.49 points", "1.2%, equal
#: to 80 points", "0.1%, translating to a loss of 63.31 points")
_RESTATING = (
    ("translating", "to"), ("translates", "to"), ("translated", "to"), ("equal", "to"),
    ("equivalent", "to"), ("amounting", "to"), ("or", "about"), ("or", "roughly"),
)  # fmt: skip
_RESTATING_NOUNS = frozenset(
    {"gain", "loss", "rise", "drop", "decline", "fall", "increase", "decrease", "advance",
     "jump", "slide", "move", "change"}
)  # fmt: skip


#: a parenthesis that pairs a move's points with its percentage (or back): "up 105.23 points
#: (2.11%)", "rose 2.11% (105.23 points) to 5,087.03"
_PAREN_PAIR = re.compile(r"\s*(?:(?:points|point|pts)\s*)?\(\s*$", re.I)
_PAREN_CLOSE = re.compile(r"\s*(?:(?:points|point|pts)\b\s*)?\)", re.I)


def parenthesised_pair(text: str, a: Quantity, b: Quantity) -> bool:
    """Whether the figure ``b`` restates the move ``a`` in other units inside a parenthesis right
    after it, the pair of a points change and a percentage of one move: "up 105.23 points
    (2.11%)", "Gained +53.82 points (+0.83%)", "rose 2.11% (105.23 points)". Nothing but the
    points word and the opening parenthesis between the two, the closing one right after ``b``
    (a parenthesis that holds more, "(2.11%, its best day since May)", pairs nothing)."""
    if {a.unit, b.unit} != {"pct", "points"} or a.end > b.start:
        return False
    return bool(_PAREN_PAIR.fullmatch(text[a.end : b.start])) and bool(
        _PAREN_CLOSE.match(text, b.end)
    )


def restating_gap(gap: list[str]) -> bool:
    """Whether the words between a percentage and a points figure (or back) restate one move:
    "translating to", "equal to", "translating to a loss of" (with "points" before them when
    the points come first)."""
    w = [x.lower() for x in gap]
    if w[:1] in (["points"], ["point"], ["pts"]):
        w = w[1:]
    if len(w) < 2 or tuple(w[:2]) not in _RESTATING:
        return False
    rest = w[2:]
    return not rest or (
        len(rest) == 3
        and rest[0] in ("a", "an")
        and rest[1] in _RESTATING_NOUNS
        and rest[2] == "of"
    )


def _without_ticker_asides(text: str, found: list[SubjectMention]) -> list[SubjectMention]:
    """``found`` without a fund's ticker in brackets right after an index's name ("The S&P 500
    index (SPY) notched its 53rd record"): the writer's symbol for the index, not a subject of
    its own (a claim bound to it would be read on the fund's prices)."""
    out: list[SubjectMention] = []
    for m in found:
        prev = out[-1] if out else None
        aside = (
            prev is not None
            and m.subject is not None
            and m.subject.kind == "etf"
            and prev.subject is not None
            and prev.subject.kind == "index"
            and not prev.anaphora
            and text[prev.end : m.start].strip() == "("
            and text[m.end : m.end + 1] == ")"
        )
        if not aside:
            out.append(m)
    return out
