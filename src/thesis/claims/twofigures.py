"""Two figures for one period in one clause: neither is that period's for certain.

"After a volatile week, the S&P 500 closes 1.73% higher and 0.77% in the black on Friday": both
figures were bound to Friday's session, yet a subject moves by one figure over one period. When
one clause states two *different* figures of the same subject, measure and unit, bound to the
same day and the same period, the words measure one of them over some other period (here the
week) that they do not name. Neither may then be contradicted on that reading: each is marked
loose in its period slot (``Claim.loose``), so a reading that fits still supports it. Written by
hand (a pass over the frames of one sentence) because it is a relation between frames, which no
parser gives.
"""

from __future__ import annotations

import itertools

from thesis.claims.document import Sent
from thesis.claims.frames import Claim

__all__ = ["mark_two_figures"]

#: measures of one figure per subject and period (a move, a level, a rate)
_MEASURES = frozenset(
    {"change", "points_change", "yield_change", "close", "yield", "macro", "close_on_date"}
)


def _key(c: Claim) -> tuple[object, ...] | None:
    if (
        c.subject is None
        or c.measure not in _MEASURES
        or not isinstance(c.stated_value, int | float)
        or c.comparator in (">=", "<=")
        or "intraday" in c.qualifiers
    ):
        return None
    p = c.period
    per = None if p is None else (p.kind, p.text, p.first, p.last, p.anchor, p.n, p.unit)
    tr = (str(c.extra.get("transform")), c.extra.get("previous"))
    return (c.subject.key, c.measure, c.unit, c.date, c.window, per, tr)


def _figure_at(s: Sent, c: Claim) -> int | None:
    """The offset of the claim's own figure: the last in its words whose magnitude is the stated
    value's (the words of the second of two figures run from the first)."""
    assert isinstance(c.stated_value, int | float)
    v = abs(float(c.stated_value))
    got = [q.start for q in s.quantities if c.start <= q.start < c.end and abs(q.value) == v]
    return got[-1] if got else None


def mark_two_figures(s: Sent, found: list[Claim]) -> None:
    """Mark loose (period) every pair of ``found`` (the frames of sentence ``s``) that states two
    different figures of one subject, measure, day and period in one clause."""
    if len(found) < 2:
        return
    keyed = [(c, k) for c in found if (k := _key(c)) is not None]
    for (a, ka), (b, kb) in itertools.combinations(keyed, 2):
        if ka != kb or a.stated_value == b.stated_value:
            continue
        at_a, at_b = _figure_at(s, a), _figure_at(s, b)
        if at_a is None or at_b is None or at_a == at_b:
            continue
        if s.clause_of(at_a) != s.clause_of(at_b):
            continue
        for c, other in ((a, b), (b, a)):
            c.loose.setdefault(
                "period",
                f"its clause states another figure ({other.stated_value:g}) for the same subject, "
                "measure, day and period: the two cannot both be that period's",
            )
