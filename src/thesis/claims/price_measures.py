"""A generic inflation word after another price measure: "The PCE price index rose 0.4% in
April. Year-over-year consumer prices were 4.4% higher" — the generic subject ("consumer
prices", "inflation", "the inflation rate") goes on about the measure named before it in its
sentence or in an earlier sentence of its paragraph (PCE, core PCE, core CPI, producer prices,
import prices, wages), not about the CPI it would name alone. Bound to that measure when the
store names it as a subject, else left unbound (the store has no such series): never to CPI.

Hand-written: a look back over one paragraph's already-found subject mentions and a short
word-bounded pattern for the price measures the store does not hold; no library reads which
measure a generic word refers to."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from thesis.claims.subjects import SubjectMention

if TYPE_CHECKING:
    from thesis.claims.document import Sent

#: names of the CPI subject that say only "prices" or "inflation", not which index
GENERIC_INFLATION = frozenset(
    {"consumer prices", "inflation", "annual inflation", "inflation rate", "the inflation rate",
     "headline inflation"}
)  # fmt: skip
#: price measures the store holds no series of (word-bounded; "PPI" in capitals only)
_OTHER_MEASURES = re.compile(
    r"\b(?:PPI|(?i:producer[- ]price(?:s| index)?|wholesale[- ](?:price(?:s| index)?|inflation)|"
    r"import[- ]price(?:s| index)?|export[- ]price(?:s|"
    r" index)?|wages?|wage growth|average hourly earnings|employment cost index|"
    # PCE as its words and its misnamings: "the personal consumption expenditures price index"
    # when the store has no subject by that name, "Core Personal Expenditure Price index", "the
    # PCE deflator"
    r"(?:personal |consumption )+expenditures?(?: price)?(?: index)?|[\w-]+ deflator))\b"
)
#: words that turn a sentence to another matter ("Consumer prices, meanwhile, rose 0.4%")
_TURNS = frozenset({"meanwhile", "separately", "contrast", "elsewhere"})
_CPI_KEYS = frozenset({"cpi", "core_cpi"})
#: how many sentences back in the paragraph a named measure still carries
_BACK = 3


def generic_price_measure(
    sents: list[Sent], s: Sent, m: SubjectMention
) -> tuple[SubjectMention | None, str] | None:
    """The price measure a generic inflation mention ``m`` of sentence ``s`` goes on about:
    ``(mention, text)`` with the measure's mention when the store names it (PCE, core PCE, core
    CPI) or ``(None, words)`` for one it does not hold (producer prices, import prices, wages);
    ``None`` when ``m`` is not generic, when CPI itself is the nearest measure named before it,
    or when none is named before it in its sentence or paragraph."""
    if m.subject is None or m.subject.key != "cpi" or m.text.lower() not in GENERIC_INFLATION:
        return None
    if any(t.lower in _TURNS for t in s.doc.tokens_in(s.start, s.end)):
        return None
    k = s.index
    lo, hi = s.start, m.start
    sent = s
    for _ in range(_BACK + 1):
        found = _last_measure(sent, lo, hi)
        if found is not None:
            # CPI or core CPI named last: the generic word is the CPI's ("Core CPI rose 0.3%.
            # Consumer prices were 3.2% higher"), as it would be alone
            cpi = found[0] is not None and found[0].subject is not None
            return None if cpi and found[0].subject.key in _CPI_KEYS else found  # type: ignore[union-attr]
        if k == 0 or sent.bullet or sent.header is not None:
            return None
        prev = sents[k - 1]
        if "\n" in s.doc.text[prev.end : sent.start]:
            return None  # another paragraph
        k, sent = k - 1, prev
        lo, hi = prev.start, prev.end
    return None


def _last_measure(s: Sent, lo: int, hi: int) -> tuple[SubjectMention | None, str] | None:
    """The last price measure named from ``lo`` to ``hi`` in ``s``: a mention of an inflation
    subject that is not a generic word, or words of a measure the store does not hold."""
    best: tuple[int, SubjectMention | None, str] | None = None
    for x in s.subjects:
        if not (lo <= x.start and x.end <= hi) or x.subject is None or x.anaphora:
            continue
        if x.subject.kind != "inflation" or x.text.lower() in GENERIC_INFLATION:
            continue
        if best is None or x.start > best[0]:
            best = (x.start, x, x.text)
    for mt in _OTHER_MEASURES.finditer(s.doc.text, lo, hi):
        if best is None or mt.start() > best[0]:
            best = (mt.start(), None, mt.group(0))
    return None if best is None else (best[1], best[2])


def other_measure_between(s: Sent, lo: int, hi: int) -> str:
    """The words of a price measure the store holds no series of ("wholesale prices", "PPI")
    between offsets ``lo`` and ``hi`` of sentence ``s``, or ""."""
    mt = _OTHER_MEASURES.search(s.doc.text, lo, hi)
    return mt.group(0) if mt else ""
