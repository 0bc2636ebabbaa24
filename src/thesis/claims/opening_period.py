"""A calendar period that opens the sentence: the period of the sentence's first move.

"In May 2025 alone, the index advanced by approximately 6.4%", "In the second quarter, the S&P 500
rose 3.9%", "During 2023, the S&P 500 gained 24%": a month, quarter, half-year or year set off by
a comma at the very start of the sentence dates the move the sentence then states, as "For the
week, the index rose 3.7%" does with period words. Only the words a fronted adverbial is made of
may stand before the date (a preposition, a determiner, "just"/"only"), only "alone" or "so far"
after it, and the comma must follow; and the move must be the sentence's first figure after the
comma with no date or period of its own in its clause ("In 2023, the index rose 24%, after a 19%
loss in 2022": the 19% keeps its own year).
"""

from __future__ import annotations

from thesis.claims.document import Sent
from thesis.text.dates import DateMention
from thesis.text.numbers import Quantity

__all__ = ["opening_calendar_period"]

#: prepositions that open a fronted period ("In May", "During the first half", "Over 2024")
_PREPOSITIONS = frozenset({"in", "during", "for", "over", "throughout", "through"})
#: words allowed between the preposition and the date ("in just the fourth quarter")
_FILLERS = frozenset({"the", "this", "that", "just", "only"})
#: words allowed between the date and the comma ("In May alone,", "In 2025 so far,")
_AFTER = (("alone",), ("so", "far"), ("by", "itself"))


#: words that move a clause to another time than the fronted period's
_LATER_WORDS = frozenset({"since", "later", "then", "now", "afterwards", "subsequently", "today"})


def opening_calendar_period(s: Sent, d: DateMention, q: Quantity) -> bool:
    """Whether the calendar date ``d`` opens ``s`` as a fronted period of the move at ``q``.

    Parameters
    ----------
    s
        The sentence.
    d
        A month, quarter, half-year or year mention of the sentence.
    q
        The move's figure (a percent or points), after ``d``.
    """
    if d.end > q.start:
        return False
    before = s.before(d.start, 6)
    if not before or before[0].start != s.start:
        # more than six tokens before the date, or the sentence starts elsewhere: not an opener
        before = [t for t in before if t.start >= s.start]
        if not before or before[0].start != s.start:
            return False
    if before[0].lower not in _PREPOSITIONS or any(t.lower not in _FILLERS for t in before[1:]):
        return False
    rest = s.after(d.end, 4)
    words = [t.lower for t in rest]
    skip = next((len(a) for a in _AFTER if tuple(words[: len(a)]) == a), 0)
    if len(rest) <= skip or rest[skip].text != ",":
        return False
    comma = rest[skip].end
    # the move is the first figure after the comma, in a clause with no date or period of its own,
    # or one in a clause that sets it beside the first ("In the second quarter, the Nasdaq closed
    # 13% higher, while the S&P and Dow climbed 8.8% and 2.5%")
    cl = s.clause_of(q.start)
    if any(comma <= x.start < q.start for x in s.quantities):
        opener = [t.lower for t in s.doc.tokens_in(cl.start, q.start) if t.kind == "word"][:1]
        clause = {t.lower for t in s.doc.tokens_in(cl.start, cl.end)}
        if opener not in (["while"], ["whereas"]) or clause & _LATER_WORDS:
            return False
    starts = [d.start for d in s.dates] + [p.start for p in s.periods]
    return not any(cl.start <= x < cl.end and x >= comma for x in starts)
