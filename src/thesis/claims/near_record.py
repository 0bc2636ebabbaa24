"""A close stated near or just below its record, without a number (issue 8).

"The S&P 500 is currently just below its all-time high", "finishing just shy of an all-time
peak", "U.S. stocks finished barely changed but still near all-time highs", "the index sits near
record levels": the claim is about the close of the day against the highest earlier close, and it
states no figure. Two readings, by the word before the record:

- *below* ("below", "beneath", "under", "shy of", "short of"): the close is under the running
  maximum of earlier closes. ``record`` measure with ``missed`` (as "ends shy of record high" is
  read by ``rules.rule_record``): supported when the close is below it and within
  :data:`NEAR_PCT`; contradicted when the close is itself a record (the words say it is not);
  a close further below is not judged ("below" alone sets no distance, "just" a vague one).
- *near* ("near", "close to", "within reach of", "hovering around"): within :data:`NEAR_PCT` of
  the highest earlier close, a record itself included. Supported then; never contradicted ("near"
  sets no bound the words make exact).

``rules.rule_record`` leaves these alone (it skips a record word after "near", "below", "shy"
unless a miss is stated, and "all-time" before "peak"); this rule reads only those. The phrasing
is a short fixed pattern (a position word, an optional article, a record word, a record noun), so
token lists find it; a parse would add nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from thesis.claims.document import Sent
from thesis.claims.frames import Claim

if TYPE_CHECKING:
    from thesis.claims.binding import Ctx

__all__ = ["NEAR_PCT", "near_record_at", "rule_near_record"]

#: how far below the highest earlier close "near"/"just below" a record may be (percent): a tenth
#: of the way to a bear market, half the way to a correction.
NEAR_PCT = 5.0

_BELOW = frozenset({"below", "beneath", "under"})
_SHY = frozenset({"shy", "short"})  # "shy of", "short of"
_NEAR = frozenset({"near", "around", "nearing", "approaching"})
_FILLER = frozenset({"its", "an", "a", "the", "their", "all", "of", "just", "fresh", "new"})
#: words before the position word that say the distance (a number, "well below", "far from")
_FAR = frozenset(
    {
        "%",
        "percent",
        "pct",
        "points",
        "far",
        "well",
        "way",
        "deep",
        "deeply",
        "sharply",
        "significantly",
        "substantially",
        "further",
        "farther",
        "not",
        "no",
        "never",
    }
)
_RECORD = frozenset({"record", "all-time", "record-high"})
_NOUNS = frozenset({"high", "highs", "peak", "peaks", "levels", "level", "close", "closing"})


def near_record_at(words: list[str], i: int) -> str | None:
    """``"below"``, ``"near"`` or None: how the words before the record word at ``i`` place the
    close ("just below its all-time high": ``"below"``), given lower-cased compound words."""
    if i + 1 >= len(words) or words[i + 1] not in _NOUNS:
        return None
    if i + 2 < len(words) and words[i + 2] in ("of", "at"):
        return None  # "below its record close of 6,977.27": a level, the distance rule's
    k = i - 1
    while k >= 0 and words[k] in _FILLER and i - k <= 4:
        k -= 1
    if k < 0 or i - k > 4 or (k > 0 and words[k - 1] in _FAR):
        return None
    w = words[k]
    if w in _BELOW:
        return "below"
    if w in _SHY and words[k + 1] == "of" and words[i + 1] in ("peak", "peaks"):
        return "below"  # "shy of record high" is rule_record's (a missed record); "peak" is not
    if w in _NEAR or (w == "to" and k > 0 and words[k - 1] == "close"):
        return "near"
    return None


def rule_near_record(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """A close near or just below its record ("just below its all-time high", "near all-time
    highs"): the ``record`` measure, ``near`` in ``extra`` ("below" or "near"); see the module."""
    from thesis.claims.binding import bind_date, bind_subject, make_claim
    from thesis.claims.rules import _compounds

    toks = _compounds(s.tokens)
    words = [t.lower for t in toks]
    for i, w in enumerate(words):
        if w not in _RECORD:
            continue
        how = near_record_at(words, i)
        if how is None:
            continue
        # the first word of the position phrase ("just below", "shy of", "near")
        k = i - 1
        while k > 0 and words[k] in _FILLER:
            k -= 1
        if k > 0 and words[k - 1] in ("just", "still", "close"):
            k -= 1
        if k > 0 and any(q.start <= toks[k - 1].start < q.end for q in s.quantities):
            continue  # "5% below its record high": a distance, the distance rule's
        subj = bind_subject(ctx, s, toks[k].start)
        if subj.value is None or subj.value.kind not in ("index", "stock", "etf", "market"):
            continue
        c = make_claim(
            ctx, s, kind="distance_to_level", measure="record", subject=subj,
            parts=[(toks[k].start, toks[i + 1].end)], rule="near_record",
            value=f"{how} a record close", unit="", date=bind_date(ctx, s, toks[k].start),
            lead=False, extra={"near": how, "missed": how == "below"},
        )  # fmt: skip
        return [c]
    return []
