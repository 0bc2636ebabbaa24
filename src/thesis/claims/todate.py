"""A change "through", "by" or "as of the end of" a month: the year's change to that month's end.

"The S&P's more than 20% gain through September was the best first nine-month performance since
1997" states the change from the start of the year to the end of September, not September's own
change: read as the month's change (+2.0%) it was a false contradiction. A month or quarter tied
to a change and preceded by one of these words (the words are listed, not parsed: the phrasing
class is small and closed) is a span from the first day of its year (the change starts at the
last close of the prior year) to its last day. A start the sentence states ("from June through
September", "since the election") is read first by the caller; this reading is only for a month
or quarter that stands alone.
"""

from __future__ import annotations

import datetime as dt

from thesis.claims.document import Sent
from thesis.claims.frames import PeriodSpec
from thesis.text.dates import DateMention

__all__ = ["to_date_span"]

#: words that end a change at a period's end ("through September", "by the end of Q3")
_ENDING = frozenset({"through", "thru", "by", "until", "till"})
#: words that end it only before "the end of" ("to the end of June", "into the end of June")
_ENDING_WITH_END = frozenset({"to", "into"})


def to_date_span(s: Sent, d: DateMention) -> PeriodSpec | None:
    """The span a change ends at the close of month or quarter ``d``, when words before ``d``
    say so ("through September", "by the end of the third quarter", "as of the end of June").

    Parameters
    ----------
    s
        The sentence.
    d
        A month or quarter mention tied to the change.

    Returns
    -------
    PeriodSpec or None
        A ``span`` from January 1 of ``d``'s year to ``d``'s last day, or ``None`` when the
        words before ``d`` do not end a change at it.
    """
    if d.kind not in ("month", "quarter") or d.first is None or d.last is None:
        return None
    toks = s.before(d.start, 6)
    words = [t.lower for t in toks]
    i = len(words)
    if i and words[i - 1] == "the":  # "through the third quarter"
        i -= 1
    end = i >= 2 and words[i - 1] == "of" and words[i - 2] in ("end", "close")
    if end:
        i -= 2
        if i and words[i - 1] == "the":
            i -= 1
    if not i:
        return None
    w = words[i - 1]
    as_of = w == "of" and i >= 2 and words[i - 2] == "as"
    if not (w in _ENDING or as_of or (end and w in _ENDING_WITH_END)):
        return None
    first = dt.date(d.last.year, 1, 1)
    text = s.doc.text[toks[i - 2 if as_of else i - 1].start : d.end]
    return PeriodSpec("span", f"{text} (from the start of the year)", first=first, last=d.last)
