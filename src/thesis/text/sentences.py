"""Sentences and clauses, with character offsets, in one pass over the tokens.

A sentence ends at ``.``, ``!`` or ``?`` followed by a capital, a digit or a quote (not after an
abbreviation or an initial: "Jan.", "U.S."), at a blank line, and at a line break that does not
continue the sentence (a list item, a heading, a line that starts with a capital after a line
that ended one). A sentence longer than ``max_chars`` is cut (:attr:`Sentence.cut`), so that no
reader downstream ever works on an unbounded span.

:func:`paragraph_sentences` is the writer's view (paragraphs of sentence strings) used by the
LLM guard on generated prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from thesis.text.tokens import SpanSet, Token, tokenize

__all__ = [
    "ABBREVIATIONS",
    "MAX_SENTENCE_CHARS",
    "Clause",
    "Sentence",
    "paragraph_sentences",
    "split_clauses",
    "split_sentences",
]

#: the longest sentence read as one; longer runs are cut into pieces of this size
MAX_SENTENCE_CHARS = 1200

#: words that end with a full stop without ending a sentence (lower case, without the stop)
ABBREVIATIONS = frozenset(
    [
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "inc",
        "corp",
        "co",
        "ltd",
        "mr",
        "ms",
        "mrs",
        "dr",
        "st",
        "vs",
        "e.g",
        "i.e",
        "no",
        "approx",
        "est",
        "etc",
        "jr",
        "sr",
        "gov",
        "sen",
        "rep",
        "prof",
        "gen",
        "pct",
        "fig",
    ]
)
_TERMINAL = frozenset({".", "!", "?", "…"})
_CLOSERS = frozenset({'"', "”", "’", "'", ")", "]", "»"})
_BULLETS = frozenset({"-", "–", "—", "•", "*", "·", "#", "|", ">"})
_CLAUSE_MARKS = frozenset({",", ";", ":", "(", ")", "[", "]", "—", "–"})


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: ``text[start:end]``; ``cut`` when it was longer than the cap and split."""

    start: int
    end: int
    cut: bool = False


@dataclass(frozen=True, slots=True)
class Clause:
    """A clause of a sentence: ``text[start:end]`` (punctuation at its edges excluded)."""

    start: int
    end: int


def _starts_sentence(tok: Token) -> bool:
    c = tok.text[:1]
    return c.isupper() or c.isdigit() or c in "\"“‘'($-–—*#[|" or tok.kind == "newline"


def _line_break_ends(prev: Token | None, nxt: Token | None) -> bool:
    """Whether a single line break between ``prev`` and ``nxt`` ends the sentence."""
    if prev is None or nxt is None or prev.kind == "newline" or nxt.kind == "newline":
        return True
    if nxt.text in _BULLETS:
        return True
    # a wrapped line: the sentence runs on when the line ends mid-phrase and the next starts low
    continues = prev.kind in ("word", "number") or prev.text in (",", "&", "(")
    return not (continues and (nxt.text[:1].islower() or nxt.kind == "number"))


def split_sentences(
    text: str, *, tokens: list[Token] | None = None, max_chars: int = MAX_SENTENCE_CHARS
) -> list[Sentence]:
    """Split ``text`` into sentences (see the module docstring).

    Parameters
    ----------
    text
        Any text.
    tokens
        ``tokenize(text)`` when the caller has it already.
    max_chars
        Sentences longer than this are cut into pieces (marked ``cut``).

    Returns
    -------
    list of Sentence
        In order, without empty ones.

    Examples
    --------
    >>> t = "Off 0.39% from its high hit Monday, Jan. 12, 2026. The U.S. economy grew."
    >>> [t[s.start:s.end] for s in split_sentences(t)]
    ['Off 0.39% from its high hit Monday, Jan. 12, 2026.', 'The U.S. economy grew.']
    """
    tokens = tokenize(text) if tokens is None else tokens
    out: list[Sentence] = []
    n = len(tokens)
    first: int | None = None  # index of the sentence's first token
    last_end = 0

    def close(a: int, b: int) -> None:
        s0, e0 = tokens[a].start, tokens[b].end
        if e0 - s0 <= max_chars:
            out.append(Sentence(s0, e0))
            return
        # too long: pieces of at most max_chars, cut between tokens
        k = a
        while k <= b:
            start = tokens[k].start
            m = k
            while m + 1 <= b and tokens[m + 1].end - start <= max_chars:
                m += 1
            out.append(Sentence(start, tokens[m].end, cut=True))
            k = m + 1

    i = 0
    while i < n:
        t = tokens[i]
        if t.kind == "newline":
            if first is not None:
                prev = tokens[i - 1] if i > 0 else None
                nxt = tokens[i + 1] if i + 1 < n else None
                if _line_break_ends(prev, nxt):
                    close(first, i - 1)
                    first = None
            i += 1
            continue
        if first is None:
            first = i
        if t.text in _TERMINAL:
            j = i + 1
            while j < n and tokens[j].text in _CLOSERS and tokens[j].start == tokens[j - 1].end:
                j += 1
            nxt = tokens[j] if j < n else None
            prev = tokens[i - 1] if i > 0 else None
            # "U.S.", "J. Powell": an abbreviation; "the 1940s." is a decade (the letter is glued
            # to a number), which ends a sentence
            glued = (
                i >= 2
                and prev is not None
                and tokens[i - 2].kind == "number"
                and tokens[i - 2].end == prev.start
            )
            abbrev = (
                t.text == "."
                and prev is not None
                and prev.kind == "word"
                and prev.end == t.start
                and (prev.lower in ABBREVIATIONS or (len(prev.text) == 1 and not glued))
            )
            spaced = nxt is None or nxt.start > tokens[j - 1].end or nxt.kind == "newline"
            if not abbrev and spaced and (nxt is None or _starts_sentence(nxt)):
                close(first, j - 1)
                first = None
                i = j
                continue
        last_end = t.end
        i += 1
    if first is not None and first < n:
        close(first, n - 1)
    del last_end
    return out


def split_clauses(
    text: str,
    sentence: Sentence,
    *,
    tokens: list[Token] | None = None,
    protected: SpanSet | None = None,
) -> list[Clause]:
    """The clauses of ``sentence``: split at commas, semicolons, colons, brackets and dashes,
    except inside ``protected`` spans (dates such as "Monday, Jan. 12, 2026").

    ``tokens`` may be the tokens of the whole text (only those inside the sentence are used).
    """
    if tokens is None:
        seg = text[sentence.start : sentence.end]
        tokens = [
            Token(t.start + sentence.start, t.end + sentence.start, t.text, t.kind)
            for t in tokenize(seg)
        ]
    from bisect import bisect_left

    starts = [t.start for t in tokens] if len(tokens) < 64 else None
    i = (
        bisect_left(starts, sentence.start)
        if starts is not None
        else _first_at(tokens, sentence.start)
    )
    out: list[Clause] = []
    a: int | None = None
    b = 0
    while i < len(tokens) and tokens[i].start < sentence.end:
        t = tokens[i]
        mark = t.text in _CLAUSE_MARKS and not (
            protected is not None and protected.overlaps(t.start, t.end)
        )
        if t.text in ("-",) and i > 0 and i + 1 < len(tokens):
            # a hyphen is a clause mark only with spaces on both sides ("up - down")
            mark = tokens[i - 1].end < t.start and t.end < tokens[i + 1].start
        elif t.text == ":" and mark and i > 0 and i + 1 < len(tokens):
            # a colon between digits is a clock time or a ratio ("at 3:30 p.m.", "3:2"), not a
            # clause mark
            p, n = tokens[i - 1], tokens[i + 1]
            mark = not (
                p.kind == "number" and n.kind == "number" and p.end == t.start == n.start - 1
            )
        if (
            mark
            and t.text == ","
            and (
                (i + 1 < len(tokens) and tokens[i + 1].lower == "respectively")
                or (i > 0 and tokens[i - 1].lower == "respectively")
            )
        ):
            # "fell 0.6% and 0.7%, respectively, on Monday": the pairing word and what follows it
            # belong to the figures' clause
            mark = False
        if mark:
            if a is not None:
                out.append(Clause(a, b))
            a = None
        elif (
            t.text not in _TERMINAL
            or a is None
            or (i + 1 < len(tokens) and tokens[i + 1].start < sentence.end)
        ):
            if a is None:
                a = t.start
            b = t.end
        i += 1
    if a is not None:
        out.append(Clause(a, b))
    return out or [Clause(sentence.start, sentence.end)]


def _first_at(tokens: list[Token], pos: int) -> int:
    lo, hi = 0, len(tokens)
    while lo < hi:
        mid = (lo + hi) // 2
        if tokens[mid].start < pos:
            lo = mid + 1
        else:
            hi = mid
    return lo


# --------------------------------------------------------------------------------------------
# the writer's view: paragraphs of sentences

_ABBREV_SUFFIXES = (
    "e.g.", "i.e.", "etc.", "vs.", "U.S.", "U.K.", "Inc.", "Corp.", "Co.", "Mr.", "Ms.", "Dr.",
    "St.", "approx.", "No.", "Jan.", "Feb.", "Mar.", "Apr.", "Aug.", "Sep.", "Sept.", "Oct.",
    "Nov.", "Dec.", "pct.",
)  # fmt: skip
_LONGEST_ABBREV = max(len(a) for a in _ABBREV_SUFFIXES)
_SPLIT_RE = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(\[*_]?[A-Z0-9$+\-−])")
_PARA_RE = re.compile(r"\n[^\S\n]*\n")


def paragraph_sentences(text: str) -> list[list[str]]:
    """Split prose into paragraphs of sentences (the LLM guard's unit of work).

    Parameters
    ----------
    text
        Prose; paragraphs separated by blank lines. A heading, table or list spanning several
        lines is kept as one unit.

    Returns
    -------
    list of list of str
        One list of sentences per non-empty paragraph.
    """
    paragraphs: list[list[str]] = []
    for para in _PARA_RE.split(text.strip()):
        para = para.strip()
        if not para:
            continue
        if para.lstrip().startswith(("#", "|", "- ", "* ", "1. ")) and "\n" in para:
            paragraphs.append([para])  # a heading, table or list: keep as one unit
            continue
        # lines joined by one space (what re.sub(r"\s*\n\s*", " ", para) gives, in linear time)
        flat = " ".join(line.strip() for line in para.split("\n"))
        out: list[str] = []
        start = 0
        for m in _SPLIT_RE.finditer(flat):
            # only the tail can end with an abbreviation: look at no more than its length
            head = flat[max(start, m.start() - _LONGEST_ABBREV) : m.start() + 1].rstrip()
            if head.endswith(_ABBREV_SUFFIXES):
                continue
            out.append(flat[start : m.end()].strip())
            start = m.end()
        out.append(flat[start:].strip())
        paragraphs.append([s for s in out if s])
    return paragraphs
