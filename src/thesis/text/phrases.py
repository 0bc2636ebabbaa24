"""Matching fixed phrases on tokens: subjects ("S&P 500", "10-year Treasury yield"), periods
("year-to-date", "over the past <num> weeks"), hedges ("more than"), verbs of movement.

A :class:`PhraseMatcher` is a trie over lower-cased tokens. Matching at one token costs at most the
length of the longest phrase, so scanning a text is linear in its length. Hyphens and dashes
between tokens are ignored on both sides ("year-to-date" = "year to date"), and a few slots match a
class of tokens (``<num>``, ``<ord>``, ``<month>``, ``<weekday>``, ``<year>``).

Why not regular expressions over the raw text: a pattern such as ``[^.;\\d]{0,40}`` re-scanned for
every number of a sentence is what made the old checker quadratic; a trie walk cannot be.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from thesis.text.tokens import Token, tokenize

__all__ = [
    "MONTHS",
    "MONTH_NUMBERS",
    "SLOTS",
    "WEEKDAYS",
    "PhraseMatch",
    "PhraseMatcher",
    "is_dash",
    "slot_of",
]

T = TypeVar("T")

_DASHES = frozenset({"-", "‐", "‑", "–", "—"})

#: calendar words (thesis.text.dates re-exports them): the one list of month and weekday names
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

#: month name or abbreviation (lower case) → month number: the one table for reading dates
MONTH_NUMBERS: dict[str, int] = {
    **{m.lower(): i for i, m in enumerate(MONTHS, 1)},
    **{m[:3].lower(): i for i, m in enumerate(MONTHS, 1)},
    "sept": 9,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = frozenset(MONTH_NUMBERS)
_WEEKDAYS = frozenset(WEEKDAYS)
_NUMBER_WORDS = frozenset(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "a",
        "an",
    ]
)
_ORDINAL_WORDS = frozenset(
    [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "twentieth",
    ]
)
_ORD_SUFFIX = ("st", "nd", "rd", "th")

#: the slot names a phrase may use
SLOTS = ("<num>", "<ord>", "<month>", "<weekday>", "<year>")


def is_dash(tok: Token) -> bool:
    """A hyphen or dash token (ignored between the words of a phrase)."""
    return tok.kind == "punct" and tok.text in _DASHES


def slot_of(tok: Token, nxt: Token | None = None) -> str | None:
    """The slot a token fills, if any (``<num>`` for "12" or "twelve", ``<year>`` for "2025"...)."""
    low = tok.base
    if tok.kind == "number":
        if len(tok.text) == 4 and tok.text.isdigit() and 1800 <= int(tok.text) <= 2100:
            return "<year>"
        return "<num>"
    if tok.kind != "word":
        return None
    if low in _MONTHS:
        return "<month>"
    if low in _WEEKDAYS:
        return "<weekday>"
    if low in _NUMBER_WORDS:
        return "<num>"
    if low in _ORDINAL_WORDS:
        return "<ord>"
    return None


@dataclass(frozen=True, slots=True)
class PhraseMatch(Generic[T]):
    """A phrase found in a token list.

    Attributes
    ----------
    i, j
        Token indices: the phrase is ``tokens[i:j]``.
    start, end
        Character offsets of the phrase in the text.
    value
        What the phrase was registered with.
    slots
        The tokens that filled the slots, in order.
    """

    i: int
    j: int
    start: int
    end: int
    value: T
    slots: tuple[Token, ...] = ()


@functools.lru_cache(maxsize=8192)
def _piece_keys(piece: str) -> tuple[str, ...]:
    """The trie keys of one space-separated piece of a phrase (a slot, a word, "10-year"...).

    Cached: the phrase lists repeat their pieces many times over (the spread's 2,331 names are
    made of a few dozen), and tokenising each again was most of building a matcher."""
    if piece in SLOTS:
        return (piece,)
    if piece.isascii() and (piece.isalpha() or piece.isdigit()):
        return (piece.lower(),)  # one token, the common case (a company's name)
    keys = (t.base if t.kind == "word" else t.lower for t in tokenize(piece))
    return tuple(k for k in keys if k not in _DASHES)


class PhraseMatcher(Generic[T]):
    """A set of phrases, each mapped to a value, matched longest-first on tokens.

    Parameters
    ----------
    phrases
        ``{phrase: value}`` or ``(phrase, value)`` pairs. A phrase is written as text
        ("S&P 500", "year-to-date"); words in angle brackets are slots (``<num>``...). Case is
        ignored.
    """

    def __init__(self, phrases: Mapping[str, T] | Iterable[tuple[str, T]]) -> None:
        items = phrases.items() if isinstance(phrases, Mapping) else phrases
        #: a trie: each node maps a token's key to the next node, and ``None`` to the value of
        #: the phrase that ends there (nested dicts, so the node type is not spelt out)
        self._root: dict[str | None, Any] = {}
        self.max_len = 0
        for phrase, value in items:
            keys = self._keys(phrase)
            node = self._root
            for k in keys:
                node = node.setdefault(k, {})
            node[None] = value
            self.max_len = max(self.max_len, len(keys))
        #: whether a phrase starts with a slot (else a token whose word starts none is rejected
        #: with one dict lookup: the common case, as every token of a text is tried)
        self._slot_first = any(k in SLOTS for k in self._root)
        #: the keys (``Token.base``) a phrase can start with: its first words, and the words of
        #: the word slots it starts with; and whether a number can start one. Scanning loops test
        #: these before calling :meth:`match_at` (see :meth:`can_start`): most tokens start no
        #: phrase, and the call was most of the cost of a scan
        root = self._root
        starts = {k for k in root if k is not None and k not in SLOTS}
        for slot, words in (("<month>", _MONTHS), ("<weekday>", _WEEKDAYS),
                            ("<num>", _NUMBER_WORDS), ("<ord>", _ORDINAL_WORDS)):  # fmt: skip
            if slot in root:
                starts |= words
        self.starts: frozenset[str] = frozenset(starts)
        self.number_starts: bool = any(k in root for k in ("<num>", "<ord>", "<year>"))

    @staticmethod
    def _keys(phrase: str) -> list[str]:
        keys: list[str] = []
        for piece in phrase.split():
            keys.extend(_piece_keys(piece))
        return keys

    def can_start(self, tok: Token) -> bool:
        """Whether a phrase may start at ``tok`` (``False``: :meth:`match_at` finds none there)."""
        return tok.base in self.starts or (self.number_starts and tok.kind == "number")

    def match_at(
        self, tokens: Sequence[Token], i: int, end: int | None = None
    ) -> PhraseMatch[T] | None:
        """The longest phrase starting at token ``i`` (not reaching past token ``end``)."""
        first = tokens[i]
        if first.base not in self.starts and not (self.number_starts and first.kind == "number"):
            return None  # the common case: no phrase starts with this token
        end = len(tokens) if end is None else min(end, len(tokens))
        node = self._root
        best: PhraseMatch[T] | None = None
        slots: list[Token] = []
        j = i
        steps = 0
        while j < end and steps <= self.max_len * 2:
            steps += 1
            tok = tokens[j]
            if is_dash(tok) and j > i:
                j += 1
                continue
            nxt = node.get(tok.base)  # a word's base; any other token's text (see Token.base)
            if nxt is None:
                slot = slot_of(tok)
                if slot is not None and slot in node:
                    nxt = node[slot]
                    slots.append(tok)
                elif slot == "<year>" and "<num>" in node:
                    nxt = node["<num>"]
                    slots.append(tok)
                elif tok.kind == "number" and "<ord>" in node and j + 1 < end:
                    # "50th": a number followed by an ordinal suffix
                    suf = tokens[j + 1]
                    if suf.start == tok.end and suf.lower in _ORD_SUFFIX:
                        nxt = node["<ord>"]
                        slots.append(tok)
                        j += 1
                if nxt is None:
                    break
            node = nxt
            j += 1
            if None in node:
                best = PhraseMatch(
                    i, j, tokens[i].start, tokens[j - 1].end, node[None], tuple(slots)
                )
        return best

    def find(
        self, tokens: Sequence[Token], start: int = 0, end: int | None = None
    ) -> list[PhraseMatch[T]]:
        """Leftmost-longest, non-overlapping matches in ``tokens[start:end]``."""
        end = len(tokens) if end is None else min(end, len(tokens))
        out: list[PhraseMatch[T]] = []
        i = start
        starts, number_starts = self.starts, self.number_starts
        while i < end:
            tok = tokens[i]
            if tok.base not in starts and not (number_starts and tok.kind == "number"):
                i += 1
                continue
            m = self.match_at(tokens, i, end)
            if m is None:
                i += 1
                continue
            out.append(m)
            i = m.j
        return out
