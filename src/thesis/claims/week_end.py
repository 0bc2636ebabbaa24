"""A move in a clause that opens with the end of the week: the week's change.

"At week's end the S&P 500 Index increased 3.0% to close at 2,874.56", "By the end of the week,
the index was up 1.2%": words that open the sentence (or the move's clause) with the end of the
week date every move the sentence then states to that week's close, measured over the week (as
"for the week" is, with its readings: an article written Monday to Thursday may mean the week
before). "For the week ended April 17" is a period phrase of the text layer already.

The words are read only where they open the sentence or the move's own clause, and a later
clause with a date or period of its own ("..., after falling 2% on Monday") keeps its own: a
phrase in the middle of a clause ("the Fed meets at the end of the week") names no move's week.
"""

from __future__ import annotations

from thesis.claims.document import Sent
from thesis.claims.frames import PeriodSpec
from thesis.text.numbers import Quantity

__all__ = ["WEEK_END_WORDS", "week_end_opening"]

#: the words that name the end of the week (tokens, lowercased; "week's" is one token)
_OPENERS: tuple[tuple[str, ...], ...] = (
    ("at", "the", "end", "of", "the", "week"),
    ("by", "the", "end", "of", "the", "week"),
    ("at", "the", "week's", "end"),
    ("by", "the", "week's", "end"),
    ("at", "week's", "end"),
    ("by", "week's", "end"),
    ("at", "week", "end"),
)
#: conjunctions that may open the clause before the words
_JOINERS = frozenset({"but", "and", "yet", "so", "then"})
#: the openers as text, lowercased (the period's text; see ``binding._WEEK_WORDS``)
WEEK_END_WORDS = frozenset(" ".join(o).replace("\u2019", "'") for o in _OPENERS)


def _opener_at(s: Sent, pos: int) -> tuple[int, int] | None:
    """The span (characters) of end-of-week words that start at the first token from ``pos``."""
    toks = s.after(pos, 7)
    if toks and toks[0].lower in _JOINERS:
        toks = toks[1:]  # "..., but at week's end the index had risen 3.0%"
    words = [t.lower.replace("\u2019", "'") for t in toks]
    for o in _OPENERS:
        if tuple(words[: len(o)]) == o:
            return toks[0].start, toks[len(o) - 1].end
    return None


def week_end_opening(s: Sent, q: Quantity) -> tuple[PeriodSpec, str] | None:
    """The week's period and its words when the sentence, or the clause of the move at ``q``,
    opens with the end of the week (see the module docstring), else ``None``.

    Parameters
    ----------
    s
        The sentence.
    q
        The move's figure (a percent or points).
    """
    cl = s.clause_of(q.start)
    span = _opener_at(s, cl.start)
    if span is None or span[1] > q.start:
        span = _opener_at(s, s.start)
        if span is None or span[1] > q.start:
            return None
        # the opener is the sentence's: a later clause with its own date or period keeps it
        if any(cl.start <= d.start < cl.end for d in s.dates) or any(
            cl.start <= p.start < cl.end for p in s.periods
        ):
            return None
    text = s.doc.text[span[0] : span[1]]
    return PeriodSpec("week", text), text
