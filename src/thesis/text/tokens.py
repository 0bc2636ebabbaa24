"""Tokens: the first pass over any text, in one linear scan.

Every other reader in :mod:`thesis.text` and :mod:`thesis.claims` matches words on these tokens
(never a regular expression over the raw, unbounded text), so that reading stays linear in the
length of the input whatever it holds: ``'1 ' * 8000``, ``'5%' * 100_000``, ten megabytes of word
soup.

Why our own scanner and not spaCy or NLTK: those load models (hundreds of milliseconds before the
first token) and split "6,812.61", "3.50%-3.75%" and "S&P 500" in ways we would undo; a single
alternation of character classes is all that is needed here.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["SpanSet", "Token", "TokenKind", "tokenize"]

TokenKind = Literal["word", "number", "punct", "newline"]

# each alternative is one run of one character class, with no nested or overlapping quantifiers:
# a number is digits with single inner separators ("6,812.61", "3.50"), a word is letters with
# inner apostrophes ("Fed's", "don't"); anything else is one punctuation character
_TOKEN_RE = re.compile(
    r"(?P<number>\d+(?:[.,]\d+)*)"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)"
    r"|(?P<newline>\n)"
    r"|(?P<space>[^\S\n]+)"
    r"|(?P<punct>.)",
    re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a text.

    Attributes
    ----------
    start, end
        Character offsets: ``text[start:end] == token.text``.
    text
        The token as written.
    kind
        ``word`` (letters, inner apostrophes), ``number`` (digits with inner ``,``/``.``),
        ``punct`` (one character) or ``newline``.
    """

    start: int
    end: int
    text: str
    kind: TokenKind
    #: the text in lower case, curly apostrophes made straight (computed once: every rule reads it)
    lower: str = field(default="", compare=False)
    #: ``lower`` without a possessive ``'s`` ("Fed's" → "fed", "Thursday’s" → "thursday")
    base: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.lower:
            low = self.text.lower().replace("’", "'")
            object.__setattr__(self, "lower", low)
            object.__setattr__(self, "base", low[:-2] if low.endswith("'s") else low)


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens (spaces dropped, offsets kept), in one linear pass.

    Parameters
    ----------
    text
        Any text.

    Returns
    -------
    list of Token
        In order; ``text[t.start:t.end] == t.text`` for each.

    Examples
    --------
    >>> [t.text for t in tokenize("The S&P 500 rose 0.5% to 6,812.61.")]
    ['The', 'S', '&', 'P', '500', 'rose', '0.5', '%', 'to', '6,812.61', '.']
    """
    out: list[Token] = []
    append = out.append
    new = object.__new__
    set_start, set_end, set_text, set_kind, set_lower, set_base = _SETTERS
    for m in _TOKEN_RE.finditer(text):
        kind = m.lastgroup
        if kind == "space":
            continue
        t = m.group()
        low = t.lower().replace("’", "'") if kind == "word" else t
        # a token is built by its slots' own setters, not Token(...): the frozen dataclass's
        # __init__ (six object.__setattr__ calls and __post_init__) was half the cost of
        # tokenising; the values are the ones __post_init__ would compute
        tok = new(Token)
        set_start(tok, m.start())
        set_end(tok, m.end())
        set_text(tok, t)
        set_kind(tok, kind)
        set_lower(tok, low)
        set_base(tok, low[:-2] if low.endswith("'s") else low)
        append(tok)
    return out


#: the slot setters of Token, in field order (see tokenize)
_SETTERS = tuple(
    getattr(Token, f).__set__ for f in ("start", "end", "text", "kind", "lower", "base")
)


class SpanSet:
    """Character spans already claimed by an earlier pass, looked up by bisection.

    Spans added during a pass are committed with :meth:`commit` at its end (the matches of one
    pass never overlap each other), so a lookup costs O(log n) and a whole scan O(n log n);
    overlapping spans are merged.
    """

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self._pending: list[tuple[int, int]] = []

    def overlaps(self, a: int, b: int) -> bool:
        """Whether [a, b) overlaps a committed span."""
        i = bisect_right(self.ends, a)
        return i < len(self.starts) and self.starts[i] < b

    def add(self, a: int, b: int) -> None:
        self._pending.append((a, b))

    def commit(self) -> None:
        if not self._pending:
            return
        spans = sorted([*zip(self.starts, self.ends, strict=True), *self._pending])
        starts: list[int] = []
        ends: list[int] = []
        for a, b in spans:  # merge overlaps so that the ends stay sorted for bisection
            if starts and a < ends[-1]:
                ends[-1] = max(ends[-1], b)
            else:
                starts.append(a)
                ends.append(b)
        self.starts, self.ends, self._pending = starts, ends, []
