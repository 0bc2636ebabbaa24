"""Claim frames: what a sentence claims, slot by slot, and the verdict on it.

A :class:`Claim` is a frame with named slots — the *subject* (a series), the *measure* (a level,
a change, a distance to a level, a record, a rank, a yield or rate, a count), the *period* (start
and end), the *reference date*, the *stated value*, the *comparator* and the *hedge* — and, for
each slot, the words that bound it (:attr:`Claim.bound`). A slot the sentence does not fill with
its own words is *missing* (the claim is not judged) or *assumed* (filled by a default reading:
the article's date for a "now" claim, the session for a move stated with its closing level);
an assumed slot can let a claim be supported but never contradicted. See ``docs/claims.md``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from thesis.claims.subjects import Subject

__all__ = [
    "CONTRADICTED",
    "KINDS",
    "SUPPORTED",
    "UNVERIFIABLE",
    "CheckedClaim",
    "Claim",
    "PeriodSpec",
    "Verdict",
]

Verdict = Literal["supported", "contradicted", "unverifiable"]
#: the three verdicts, each typed as its own literal (so a :class:`CheckedClaim` built with one
#: is checked against :data:`Verdict`)
SUPPORTED: Final = "supported"
CONTRADICTED: Final = "contradicted"
UNVERIFIABLE: Final = "unverifiable"

#: the label taxonomy (``../shared/articles``): what kind of claim, for the report and the scorer
KINDS = ("level", "pct_change", "distance_to_level", "target_upside", "rate", "date_fact", "other")


@dataclass(frozen=True, slots=True)
class PeriodSpec:
    """The period a change is measured over.

    ``kind`` is one of :class:`thesis.text.dates.Period`'s kinds (``day``, ``week``, ``ytd``,
    ``trailing``, ``since``...) or ``base`` (from a level the article states). ``first`` is the
    first day of a calendar period (a named month or year), ``anchor`` the date a "since"
    period starts from; ``n``/``unit`` count a trailing window.
    """

    kind: str
    text: str = ""
    first: dt.date | None = None
    last: dt.date | None = None
    anchor: dt.date | None = None
    n: int | None = None
    unit: str | None = None


#: the period text of a move stated with the close it ran to ("rose 0.1% to close at 2,730.13")
MOVE_TO_CLOSE = "the move to the stated close"
#: the words of a period bound to the session by convention only: a move stated with its close,
#: a closing verb (``binding.bind_period``; ``judge._too_big_for_a_session`` reads them)
MOVE_WITH_CLOSE_WORDS = "a move stated with its close"
CLOSING_VERB_WORDS = "a closing verb"
#: the end of the text of a period a move closed out "to end the week": its last session's move
#: is as literal a reading (:func:`thesis.claims.judge.readings`)
OR_ITS_LAST_SESSION = ", or its last session"


@dataclass
class Claim:
    """One claim of an article, as a frame with named slots.

    Attributes
    ----------
    quote
        The words of the claim, an exact substring of the article text.
    start, end
        Character offsets of ``quote`` in the article text.
    kind
        The label taxonomy: ``level``, ``pct_change``, ``distance_to_level``, ``target_upside``,
        ``rate``, ``date_fact`` or ``other``.
    measure
        What precisely is claimed: ``close``, ``change``, ``points_change``, ``distance``,
        ``upside``, ``record``, ``rank``, ``streak``, ``extreme``, ``session_extreme`` (a session's
        high or low), ``since``, ``first_cross``,
        ``close_on_date``, ``yield``, ``yield_change``, ``macro``, ``fed_move``, ``direction``,
        ``other``.
    subject
        The series it is about, or ``None`` when no words bind one.
    stated_value
        The number stated, in ``unit`` (pct, pp, bp, points, usd...), or a short text.
    date
        The reference date: the day (or the last day of the period) the claim is about.
    window
        When the reference date is only known to a window (an article dated to a month, or a
        "now" claim read on the article's date or the session before it): the first and last
        candidate days; the claim holds if it fits one of them.
    period
        For changes: the period (see :class:`PeriodSpec`).
    level
        The reference level of a distance, an upside or a crossing (6,900 in "1.3% below the
        6,900 threshold").
    base
        A level the article itself states as the starting point of the arithmetic.
    comparator, hedge
        ``=``, ``>=``, ``<=`` or ``~`` and the word that set it ("more than", "nearly", "about").
    bound
        Slot → the words that bound it ("subject": "S&P 500", "date": "on Thursday").
    missing
        Slots no words bind: the claim is not judged, and the evidence names them.
    assumed
        Slots filled by a default reading only: the claim can be supported, never contradicted.
    qualifiers
        ``forecast``, ``conditional``, ``intraday``, ``negated``, ``range``, ``approximate``.
    loose
        Slot (``subject``, ``date``, ``period``, ``unit``, ``measure``, ``role``) → why the
        frame's words bind it too loosely for a contradiction (the strict binding of
        ``docs/claims.md``: a subject that is a back-reference or not the nearest name, a unit
        that does not fit the subject, a measure the words do not state, a role word, a date
        from another clause): such a claim can be supported, never contradicted.
    rule
        The rule class (phrasing) that built the frame.
    """

    quote: str
    start: int
    end: int
    kind: str
    measure: str
    subject: Subject | None
    stated_value: float | str | None = None
    unit: str = ""
    decimals: int = 0
    date: dt.date | None = None
    window: tuple[dt.date, dt.date] | None = None
    period: PeriodSpec | None = None
    level: float | None = None
    base: float | None = None
    direction: int = 0
    comparator: str = "="
    hedge: str = ""
    bound: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    assumed: list[str] = field(default_factory=list)
    qualifiers: list[str] = field(default_factory=list)
    loose: dict[str, str] = field(default_factory=dict)
    rule: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    id: str = ""

    @property
    def slots(self) -> dict[str, Any]:
        """The frame's slots as a plain dict (for the report and the LLM extractor's checks)."""
        p = self.period
        return {
            "subject": self.subject.key if self.subject else None,
            "measure": self.measure,
            "period": None
            if p is None
            else {
                "kind": p.kind,
                "text": p.text,
                "first": _iso(p.first),
                "last": _iso(p.last),
                "anchor": _iso(p.anchor),
                "n": p.n,
                "unit": p.unit,
            },
            "reference_date": _iso(self.date),
            "window": [_iso(self.window[0]), _iso(self.window[1])] if self.window else None,
            "stated_value": self.stated_value,
            "unit": self.unit,
            "comparator": self.comparator,
            "hedge": self.hedge,
            "level": self.level,
            "base": self.base,
        }


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d is not None else None


@dataclass
class CheckedClaim:
    """A claim with its verdict, the evidence, the tolerance used and what would settle it."""

    claim: Claim
    verdict: Verdict
    evidence: str
    tolerance: str
    computed: float | str | None = None
    settle: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The report's shape: id, quote, kind, subject, date, stated_value, verdict, evidence,
        tolerance, start/end offsets, and the frame (measure, unit, slots, bound, missing...)."""
        c = self.claim
        sv = c.stated_value
        if (
            isinstance(sv, float)
            and sv.is_integer()
            and c.unit not in ("pct", "bp", "pp", "points")
        ):
            sv = int(sv)
        return {
            "id": c.id,
            "quote": c.quote,
            "kind": c.kind,
            "measure": c.measure,
            "subject": c.subject.name if c.subject else None,
            "series": c.subject.series[0] if c.subject and c.subject.series else None,
            "date": c.date.isoformat() if c.date else None,
            "stated_value": sv,
            "unit": c.unit,
            "verdict": self.verdict,
            "evidence": self.evidence
            + (f" What would settle it: {self.settle}." if self.settle else ""),
            "tolerance": self.tolerance,
            "computed_value": self.computed,
            "start": c.start,
            "end": c.end,
            "slots": c.slots,
            "bound": dict(c.bound),
            "missing": list(c.missing),
            "assumed": list(c.assumed),
            "qualifiers": list(c.qualifiers),
            "rule": c.rule,
        }
