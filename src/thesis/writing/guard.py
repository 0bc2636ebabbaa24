"""The guard: no number reaches generated text unless it is a fact, and no promise, advice,
instruction, link, markup or control character reaches it at all.

:func:`find_numbers` (from :mod:`thesis.text.numbers`, the text layer the claim checker shares)
finds every number in a piece of text (levels, percents, basis points, dollar amounts, dates,
years, ordinals, quarters, tenors) and marks names that merely contain digits ("S&P 500",
"Russell 2000", "10-year Treasury") so they are not mistaken for claims; sentences are split by
:func:`thesis.text.sentences.paragraph_sentences`.

:func:`check_sentence` matches each number against a :class:`~thesis.facts.FactSheet`. A number
matches a fact when, read at the precision it is written with, it equals the fact's value in a
compatible unit: "6,813" matches 6,812.61 points, "1.3%" matches 1.28 pct, "42%" and "0.42" match a
probability of 0.4213, "0.25%" matches 25 bp. A number without an explicit sign may drop the sign of
a negative fact ("fell 2.5%"); one with a sign must agree with it. Dates, years, ordinals and quarters
match when they are parts of a date present in the facts: a fact's ``as_of``, a date-unit fact, a
date in a fact id (``fed.cycle.2001-01-03.*``) or a lineage window. Levels named in a thesis (6,900;
7,269) match only when they are facts themselves (``{S}.threshold.{L}``, ``{S}.target.{L}``).

:func:`check_sentence` also reads words (:mod:`thesis.text.words`): numbers written in words
("ten thousand", "a third of", "nine in ten", "double") must match a fact like digits do; promises
of certainty ("guaranteed", "near certain", "will reach") pass only when a fact is a probability of
exactly 1 (of 0 for "impossible"); advice never passes; nor do instructions aimed at the model or
the reader, URLs, HTML or Markdown control sequences and control characters. Every rejection has a
reason class (:data:`REASON_CLASSES`): ``number``, ``certainty``, ``advice``, ``injection``,
``url``, ``markup`` or ``control``.

:func:`guard_draft` runs the guard over a draft. A sentence rejected for a number, certainty or
advice is sent back for a redraft; one rejected as hostile (injection, URL, markup, control) is not
(a model that writes those is not asked again). After ``max_attempts`` redrafts a sentence that
states numbers is replaced by the deterministic writer's sentence about the same facts; one that
states none is replaced by the deterministic sentence it copies (a good sentence with something
hostile glued to it), else dropped. Every sentence's provenance, with the classes it was rejected for, is
recorded for the run manifest.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any, ClassVar, Literal

from thesis import ids as id_parts
from thesis.errors import WritingError
from thesis.facts import Fact, FactSheet
from thesis.text.numbers import NAME_PATTERNS, NumberSpan, find_numbers
from thesis.text.sentences import paragraph_sentences as split_sentences
from thesis.text.tokens import tokenize
from thesis.text.words import WordFlag, WordNumber, find_flags, find_word_numbers
from thesis.writing.format import fmt, parse_date, round_half_up

__all__ = [
    "CLASS_LABELS",
    "HOSTILE_CLASSES",
    "NAME_PATTERNS",
    "REASON_CLASSES",
    "Flagged",
    "GuardResult",
    "GuardedDraft",
    "NumberMatch",
    "NumberSpan",
    "Provenance",
    "Unmatched",
    "check_sentence",
    "find_numbers",
    "guard_draft",
    "rejection_counts",
    "split_sentences",
]

SourceKind = Literal["llm", "llm-redrafted", "deterministic", "dropped"]

#: why a sentence is rejected, most severe first
REASON_CLASSES: tuple[str, ...] = (
    "control",
    "injection",
    "markup",
    "url",
    "advice",
    "certainty",
    "number",
)
#: how a report names each class
CLASS_LABELS: dict[str, str] = {
    "control": "control character",
    "injection": "injection",
    "markup": "markup",
    "url": "URL",
    "advice": "advice",
    "certainty": "certainty",
    "number": "number not a fact",
}
#: classes a redraft cannot be trusted to fix: the sentence is replaced or dropped at once
HOSTILE_CLASSES: frozenset[str] = frozenset({"control", "injection", "markup", "url"})


# --------------------------------------------------------------------------------------------
# matching numbers to facts


@dataclass(frozen=True, slots=True)
class NumberMatch:
    """A number and the facts it matches."""

    span: NumberSpan
    fact_ids: tuple[str, ...]
    how: str  # "value", "date", "year", "ordinal", "quarter", "tenor", "extra", "words"


@dataclass(frozen=True, slots=True)
class Unmatched:
    """A number that matches no fact, and why."""

    span: NumberSpan
    reason: str


@dataclass(frozen=True, slots=True)
class Flagged:
    """Words the guard rejects (certainty, advice, injection, URL, markup, control), and why."""

    flag: WordFlag
    reason: str

    @property
    def cls(self) -> str:
        return self.flag.cls


@dataclass(frozen=True, slots=True)
class GuardResult:
    """The guard's verdict on one sentence.

    Attributes
    ----------
    sentence
        The text checked.
    matched
        Numbers that match facts (with the fact ids).
    unmatched
        Numbers that match none (with the reason, fit to send back to a model).
    names
        Names containing digits, not checked ("S&P 500").
    flagged
        Words rejected for certainty, advice, injection, a URL, markup or a control character.
    """

    sentence: str
    matched: tuple[NumberMatch, ...] = ()
    unmatched: tuple[Unmatched, ...] = ()
    names: tuple[NumberSpan, ...] = ()
    flagged: tuple[Flagged, ...] = ()

    @property
    def ok(self) -> bool:
        """True when every number matched a fact and no word was flagged."""
        return not self.unmatched and not self.flagged

    @property
    def classes(self) -> tuple[str, ...]:
        """The reason classes of the rejection, most severe first (empty when ``ok``)."""
        found = {f.cls for f in self.flagged} | ({"number"} if self.unmatched else set())
        return tuple(c for c in REASON_CLASSES if c in found)

    @property
    def hostile(self) -> bool:
        """Rejected for injection, a URL, markup or a control character."""
        return any(f.cls in HOSTILE_CLASSES for f in self.flagged)

    @property
    def states_numbers(self) -> bool:
        """Whether the sentence states any number (matched or not), in digits or words."""
        return bool(self.matched or self.unmatched)

    @property
    def fact_ids(self) -> tuple[str, ...]:
        """The fact ids the sentence uses, in order, without repeats."""
        seen: dict[str, None] = {}
        for m in self.matched:
            for fid in m.fact_ids:
                seen.setdefault(fid, None)
        return tuple(seen)

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why it was rejected: unmatched numbers first, then flagged words, fit for a model."""
        return tuple(u.reason for u in self.unmatched) + tuple(f.reason for f in self.flagged)


# Which fact units a number written with a given unit may express, and the factor from the fact's
# value to the written number.
_COMPATIBLE: dict[str | None, dict[str, Decimal]] = {
    "pct": {
        "pct": Decimal(1),
        "pp": Decimal(1),
        "probability": Decimal(100),
        "bp": Decimal("0.01"),
    },
    "pp": {"pp": Decimal(1), "pct": Decimal(1), "bp": Decimal("0.01")},
    "bp": {"bp": Decimal(1), "pp": Decimal(100), "pct": Decimal(100)},
    "usd": {"usd": Decimal(1)},
    "x": {"ratio": Decimal(1)},
    None: {
        "points": Decimal(1),
        "ratio": Decimal(1),
        "usd": Decimal(1),
        "count": Decimal(1),
        "days": Decimal(1),
        "months": Decimal(1),
        "years": Decimal(1),
        "probability": Decimal(1),
    },
}
# The unit a written number most naturally expresses: a match in it beats one in a compatible unit.
_NATIVE: dict[str | None, frozenset[str]] = {
    "pct": frozenset({"pct", "probability"}),
    "pp": frozenset({"pp"}),
    "bp": frozenset({"bp"}),
    "usd": frozenset({"usd"}),
    "x": frozenset({"ratio"}),
}
_UNIT_WORDS = {
    "pct": "a percent",
    "pp": "percentage points",
    "bp": "basis points",
    "usd": "dollars",
    "x": "a multiple",
    None: "a plain number",
}


def _dec(v: Any) -> Decimal:
    return Decimal(repr(float(v))) if isinstance(v, float) else Decimal(v)


class _Index:
    """Facts prepared for matching: numeric values by unit, and the dates the sheet mentions.

    Read-only once built. :meth:`of` returns the index of a list of facts built recently for the
    same fact objects in the same order (a writer checks each section's sentences against the same
    scoped facts in the writer, the guard and the renderer).
    """

    _recent: ClassVar[list[tuple[tuple[int, ...], list[Fact], _Index]]] = []

    @classmethod
    def of(cls, facts: FactSheet | Iterable[Fact]) -> _Index:
        """The index of ``facts``, reused when the same fact objects were indexed lately."""
        kept = list(facts)
        key = tuple(map(id, kept))
        for k, _, idx in cls._recent:
            if k == key:  # the same objects (``kept`` holds them, so an id is never reused)
                return idx
        idx = cls(kept)
        cls._recent.insert(0, (key, kept, idx))
        del cls._recent[8:]
        return idx

    def __init__(self, facts: FactSheet | Iterable[Fact]) -> None:
        self.facts: list[Fact] = list(facts)
        self.numeric: list[tuple[Fact, Decimal]] = [
            (f, _dec(f.value)) for f in self.facts if f.is_numeric
        ]
        # dates that are facts (date-unit values, dates in ids) come before dates that are only the
        # as_of or a data window of a fact, so that a sentence's fact ids stay meaningful
        primary: dict[dt.date, set[str]] = {}
        secondary: dict[dt.date, set[str]] = {}

        # a sheet repeats a few dates (as_of, data windows) thousands of times: each is read once
        read: dict[str, dt.date | None] = {}

        def note(book: dict[dt.date, set[str]], value: Any, fid: str) -> None:
            if isinstance(value, str):
                if value not in read:
                    try:
                        read[value] = parse_date(value)
                    except WritingError:
                        read[value] = None
                day = read[value]
                if day is not None:
                    book.setdefault(day, set()).add(fid)
                return
            with contextlib.suppress(WritingError):
                book.setdefault(parse_date(value), set()).add(fid)

        for f in self.facts:
            if f.unit == "date" and f.value is not None:
                note(primary, f.value, f.id)
            for iso in id_parts.dates_in(f.id):
                note(primary, iso, f.id)
            note(secondary, f.as_of, f.id)
            for s in f.lineage:
                if s.start:
                    note(secondary, s.start, f.id)
                if s.end:
                    note(secondary, s.end, f.id)
        self.primary, self.secondary = primary, secondary
        self.dates = {
            d: primary.get(d, set()) | secondary.get(d, set()) for d in {*primary, *secondary}
        }
        # integers a sentence may cite as ordinals or tenors: counts, session counts, horizons
        ints: dict[int, set[str]] = {}
        for f, v in self.numeric:
            if f.unit in ("count", "days", "months", "years") and v == v.to_integral_value():
                ints.setdefault(int(v), set()).add(f.id)
        for f in self.facts:
            for tok in id_parts.tenors_in(f.id):
                ints.setdefault(tok, set()).add(f.id)
        # interval and quantile levels named in ids ("coverage80", "horizon_q95"): a text may say
        # "the 80% band" or "the 95th percentile"
        self.band_pcts: dict[int, set[str]] = {}
        for f in self.facts:
            for tok in id_parts.bands_in(f.id):
                self.band_pcts.setdefault(tok, set()).add(f.id)
                ints.setdefault(tok, set()).add(f.id)
        self.ints = ints
        # a promise of certainty needs a probability of exactly 1 (of 0 for "impossible")
        self.certain = sorted(f.id for f, v in self.numeric if f.unit == "probability" and v == 1)
        self.impossible = sorted(
            f.id for f, v in self.numeric if f.unit == "probability" and v == 0
        )

    def dates_matching(self, y: int | None, m: int | None, d: int | None) -> set[str]:
        """Ids of facts with a date of year ``y``, month ``m``, day ``d`` (``None``: any)."""

        def hits(book: dict[dt.date, set[str]]) -> set[str]:
            out: set[str] = set()
            for day, ids in book.items():
                if (
                    (y is None or day.year == y)
                    and (m is None or day.month == m)
                    and (d is None or day.day == d)
                ):
                    out |= ids
            return out

        # as_of / window dates: name one fact as the witness, not the whole sheet
        return hits(self.primary) or set(sorted(hits(self.secondary))[:1])


#: scale words a number may carry, as multipliers of the fact's value
_SCALES = {
    "thousand": Decimal(10) ** 3,
    "k": Decimal(10) ** 3,
    "million": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
    "tn": Decimal(10) ** 12,
}


def _within(written: Decimal, decimals: int, target: Decimal) -> bool:
    """``written`` is ``target`` read at ``decimals`` places (either way at an exact tie)."""
    if round_half_up(target, decimals) == written:
        return True
    half = Decimal(5).scaleb(-decimals - 1)
    return abs(written - target) <= half


def _match_number(span: NumberSpan, idx: _Index) -> tuple[list[str], str]:
    """Fact ids the number matches, or ``([], reason)``."""
    assert span.value is not None
    # "$520 billion": the written number is in billions, read at its own precision
    mult = _SCALES.get(span.scale.lower()) if span.scale else Decimal(1)
    if mult is None:
        return [], f"{span.text!r} is scaled ({span.scale}); no fact is stated in {span.scale}s"
    compat = _COMPATIBLE.get(span.unit, {})
    native = _NATIVE.get(span.unit)
    # tiers: 0 same unit and sign, 1 same unit without the sign, 2 other unit, 3 other unit unsigned
    tiers: dict[int, list[str]] = {}
    nearest: tuple[Decimal, Fact, Decimal] | None = None
    for f, v in idx.numeric:
        factor = compat.get(f.unit)
        if factor is None:
            continue
        target = v * factor / mult
        if span.unit is None and f.unit == "probability" and span.decimals == 0:
            continue  # "0" or "1" alone is not a probability
        if span.bound:
            limit = span.value
            if span.bound == "<":
                ok = 0 < target < limit
            else:
                ok = limit < target and (f.unit != "probability" or target < 100)
            if ok:
                tiers.setdefault(0 if native is None or f.unit in native else 2, []).append(f.id)
            continue
        other = 0 if native is None or f.unit in native else 2
        if _within(span.value, span.decimals, target):
            tiers.setdefault(other, []).append(f.id)
            continue
        if not span.signed and _within(span.value, span.decimals, abs(target)):
            tiers.setdefault(other + 1, []).append(f.id)
            continue
        cmp = span.value if span.signed else abs(span.value)
        diff = abs(abs(target) - cmp) if not span.signed else abs(target - cmp)
        rel = diff / max(abs(target), Decimal("1e-12"))
        if nearest is None or rel < nearest[0]:
            nearest = (rel, f, target)
    if tiers:
        return tiers[min(tiers)], ""
    if span.unit == "pct" and not span.signed and not span.bound and span.decimals == 0:
        band = idx.band_pcts.get(int(span.value))
        if band:
            return sorted(band), ""
    what = _UNIT_WORDS.get(span.unit, "a number")
    if not compat:
        return [], f"{span.text!r} matches no fact (no fact is expressed as {what})"
    reason = f"{span.text!r} ({what}) matches no fact"
    if nearest is not None and nearest[0] < Decimal("0.5"):
        f = nearest[1]
        reason += f"; the nearest is {f.id} = {fmt(f)}"
    else:
        reason += "; use only the numbers given in the facts"
    return [], reason


def _match_span(
    span: NumberSpan, idx: _Index, extra: tuple[set[str], list[Decimal]]
) -> tuple[list[str], str, str]:
    """(fact ids, how, reason); empty ids means unmatched with ``reason``."""
    texts, values = extra
    if span.text.strip() in texts or (
        span.value is not None and span.kind != "date" and any(span.value == x for x in values)
    ):
        return ["<extra>"], "extra", ""
    if span.kind == "date":
        y, m, d = span.date or (None, None, None)
        ids = idx.dates_matching(y, m, d)
        if ids:
            return sorted(ids), "date", ""
        return [], "", f"the date {span.text!r} is not a date in the facts"
    if span.kind == "quarter":
        y = span.date[0] if span.date else None
        q = int(span.value or 0)
        months = range(3 * q - 2, 3 * q + 1) if span.unit == "Q" else range(6 * q - 5, 6 * q + 1)
        ids = set().union(*(idx.dates_matching(y, mo, None) for mo in months))
        if ids:
            return sorted(ids), "quarter", ""
        return [], "", f"{span.text!r} is not a period of any date in the facts"
    if span.kind == "year":
        ids = idx.dates_matching(int(span.value or 0), None, None)
        if ids:
            return sorted(ids), "year", ""
        hits, _ = _match_number(span, idx)
        if hits:
            return hits, "value", ""
        return [], "", f"the year {span.text!r} is not the year of any date in the facts"
    if span.kind == "time":
        return [], "", f"the time of day {span.text!r} is in no fact"
    if span.kind in ("ordinal", "tenor"):
        n = int(span.value or 0)
        ids = set(idx.ints.get(n, set()))
        if span.kind == "ordinal":
            ids |= {fid for day, fids in idx.dates.items() if day.day == n for fid in fids}
        if ids:
            return sorted(ids), span.kind, ""
        return (
            [],
            "",
            f"the {span.kind} {span.text!r} matches no count, horizon or date in the facts",
        )
    if span.value is None:  # "2,5479.42": digits grouped wrongly, no value to match
        return [], "", f"{span.text!r} is not a well-formed number (its digits are grouped wrongly)"
    hits, reason = _match_number(span, idx)
    return hits, "value", reason


_WORD_UNITS: dict[str, str | None] = {
    "pct": "pct",
    "pp": "pp",
    "bp": "bp",
    "usd": "usd",
    "x": "x",
    "points": None,
    "plain": None,
}
_WORD_WHAT = {
    "cardinal": "a number in words",
    "fraction": "a fraction in words",
    "odds": "odds in words",
    "multiple": "a multiple in words",
}
# a fraction or odds in words ("a third", "nine in ten") is read to the nearest percentage point
# either way: "a third" is 32.3 % to 34.3 %; a multiple ("double") to a tenth either way
_SHARE_TOLERANCE_PP = Decimal(1)
_MULTIPLE_TOLERANCE = Decimal("0.05")


def _norm_words(text: str) -> str:
    """'Nine-in-ten' → 'nine in ten': words compared without case, hyphens or extra spaces."""
    return " ".join(text.lower().replace("-", " ").replace("‐", " ").split())


def _word_span(w: WordNumber) -> NumberSpan:
    """A :class:`NumberSpan` standing for a number in words (so the HTML can mark it)."""
    value = Decimal(repr(w.value))
    unit = (
        _WORD_UNITS.get(w.unit) if w.kind == "cardinal" else "x" if w.kind == "multiple" else "pct"
    )
    if w.kind in ("fraction", "odds"):
        value = (value * 100).quantize(Decimal("0.1"))
    return NumberSpan(w.start, w.end, w.text, "number", value, w.decimals, unit)


def _match_words(w: WordNumber, idx: _Index, texts: set[str]) -> tuple[list[str], str]:
    """Fact ids a number written in words matches, or ``([], reason)``."""
    if _norm_words(w.text) in texts:
        return ["<extra>"], ""
    value = Decimal(repr(w.value))
    hits: list[str] = []
    if w.kind == "cardinal":
        span = _word_span(w)
        hits, _ = _match_number(span, idx)
        if not hits and w.unit == "plain" and value == value.to_integral_value():
            hits = sorted(idx.ints.get(int(value), set()))  # counts, horizons, tenors
        shown = f"{w.value:,.{w.decimals}f}"
    elif w.kind in ("fraction", "odds"):
        pct = value * 100
        for f, v in idx.numeric:
            target = (
                abs(v) if f.unit in ("pct", "pp") else v * 100 if f.unit == "probability" else None
            )
            if target is not None and abs(target - pct) <= _SHARE_TOLERANCE_PP:
                hits.append(f.id)
        for band, ids in idx.band_pcts.items():
            if abs(Decimal(band) - pct) <= _SHARE_TOLERANCE_PP:
                hits.extend(sorted(ids))
        shown = f"{w.value * 100:.0f}%"
    else:  # a multiple: a ratio fact, or a percent change of (factor - 1)
        change = abs(value - 1) * 100
        for f, v in idx.numeric:
            as_ratio = f.unit == "ratio" and abs(v - value) <= _MULTIPLE_TOLERANCE
            as_change = f.unit == "pct" and abs(abs(v) - change) <= _SHARE_TOLERANCE_PP
            if as_ratio or as_change:
                hits.append(f.id)
        shown = f"×{w.value:g}"
    if hits:
        return hits, ""
    what = _WORD_WHAT[w.kind]
    return [], f"{w.text!r} ({what}, {shown}) matches no fact; write only the numbers in the facts"


_FLAG_FIX = {
    "certainty": "say how likely it is, with the probabilities in the facts",
    "advice": "describe the market, do not advise the reader",
    "injection": "write only about the market, to no one in particular",
    "url": "no links or addresses",
    "markup": "plain sentences only: no HTML, no Markdown",
    "control": "plain characters only",
}


def _flag_reason(f: WordFlag) -> str:
    shown = f.text if len(f.text) <= 40 else f.text[:37] + "..."
    return f"{shown!r} is {f.what} ({f.cls}); {_FLAG_FIX[f.cls]}"


def _extra(extra_allowed: Iterable[str | float | int]) -> tuple[set[str], list[Decimal]]:
    texts: set[str] = set()
    values: list[Decimal] = []
    for x in extra_allowed:
        if isinstance(x, str):
            texts.add(x.strip())
        elif isinstance(x, int | float) and not isinstance(x, bool):
            values.append(_dec(x))
    return texts, values


def check_sentence(
    sentence: str,
    facts: FactSheet | Iterable[Fact],
    extra_allowed: Iterable[str | float | int] = (),
    *,
    _index: _Index | None = None,
) -> GuardResult:
    """Check that every number in ``sentence`` is a fact.

    Parameters
    ----------
    sentence
        The text to check (one sentence, or a few).
    facts
        The facts the text may use.
    extra_allowed
        Further spans allowed verbatim (strings, e.g. "2026" from the thesis file, or "nine in
        ten" from the deterministic outline; numbers in words are compared without case or
        hyphens) or numerically (numbers, compared exactly).

    Returns
    -------
    GuardResult
        Which numbers (in digits or words) matched which fact ids, which did not, and which words
        were flagged, each with a reason fit to send back to a model.
    """
    idx = _index or _Index.of(facts)
    extra = _extra(extra_allowed)
    matched: list[NumberMatch] = []
    unmatched: list[Unmatched] = []
    names: list[NumberSpan] = []
    spans = find_numbers(sentence)
    for span in spans:
        if span.kind == "name":
            names.append(span)
            continue
        ids, how, reason = _match_span(span, idx, extra)
        if ids:
            matched.append(NumberMatch(span, tuple(i for i in ids if i != "<extra>"), how))
        else:
            unmatched.append(Unmatched(span, reason))
    tokens = tokenize(sentence)
    texts = {_norm_words(t) for t in extra[0]}
    for w in find_word_numbers(sentence, tokens=tokens, spans=spans):
        ids, reason = _match_words(w, idx, texts)
        if ids:
            matched.append(
                NumberMatch(_word_span(w), tuple(i for i in ids if i != "<extra>"), "words")
            )
        else:
            unmatched.append(Unmatched(_word_span(w), reason))
    flagged: list[Flagged] = []
    for f in find_flags(sentence, tokens=tokens):
        if f.cls == "certainty" and (idx.impossible if f.sense == "impossible" else idx.certain):
            continue  # a probability of exactly 1 (or 0) supports it
        flagged.append(Flagged(f, _flag_reason(f)))
    matched.sort(key=lambda m: m.span.start)
    unmatched.sort(key=lambda u: u.span.start)
    return GuardResult(sentence, tuple(matched), tuple(unmatched), tuple(names), tuple(flagged))


# --------------------------------------------------------------------------------------------
# guarding a draft


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where one sentence of the final text came from.

    Attributes
    ----------
    section
        Section name.
    index
        Position of the sentence in the section (0-based, over the final text).
    text
        The final sentence.
    source
        ``llm`` (the model's first draft passed), ``llm-redrafted`` (passed after redraft
        requests), ``deterministic`` (the deterministic writer's sentence replaced it) or
        ``dropped`` (rejected, and nothing replaced it: it stated no fact, or no deterministic
        sentence was left).
    attempts
        Redraft requests made for this sentence.
    reasons
        Why it was redrafted or replaced (the guard's reasons, or the LLM failure).
    fact_ids
        Facts the final sentence uses.
    original
        The model's first draft of the sentence, when it differs from ``text``.
    classes
        The reason classes the model's first draft was rejected for, most severe first (see
        :data:`REASON_CLASSES`); empty when it passed, or when the model was never asked.
    """

    section: str
    index: int
    text: str
    source: SourceKind
    attempts: int = 0
    reasons: tuple[str, ...] = ()
    fact_ids: tuple[str, ...] = ()
    original: str = ""
    classes: tuple[str, ...] = ()

    @property
    def rejected(self) -> bool:
        """Whether the model's first draft of this sentence was rejected by the guard."""
        return bool(self.classes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "index": self.index,
            "text": self.text,
            "source": self.source,
            "attempts": self.attempts,
            "reasons": list(self.reasons),
            "fact_ids": list(self.fact_ids),
            "original": self.original,
            "classes": list(self.classes),
        }


def rejection_counts(provenance: Iterable[Provenance]) -> dict[str, dict[str, int]]:
    """Rejected sentences per section and reason class.

    Each rejected sentence is counted once, under its most severe class (so the counts of a
    section add up to its rejected sentences); :attr:`Provenance.classes` keeps all of them.

    Returns
    -------
    dict
        Section → {class → count}, classes in :data:`REASON_CLASSES` order; sections without a
        rejection are left out.
    """
    out: dict[str, dict[str, int]] = {}
    for p in provenance:
        if p.classes:
            book = out.setdefault(p.section, {})
            book[p.classes[0]] = book.get(p.classes[0], 0) + 1
    return {sec: {c: book[c] for c in REASON_CLASSES if c in book} for sec, book in out.items()}


@dataclass(frozen=True)
class GuardedDraft:
    """The guarded text per section, and the provenance of every sentence."""

    sections: dict[str, str]
    provenance: tuple[Provenance, ...] = ()
    section_reasons: dict[str, str] = field(default_factory=dict)

    @cached_property
    def counts(self) -> dict[str, int]:
        """Sentences by source."""
        out: dict[str, int] = {}
        for p in self.provenance:
            out[p.source] = out.get(p.source, 0) + 1
        return out

    @cached_property
    def rejected(self) -> dict[str, dict[str, int]]:
        """Rejected sentences per section and reason class (see :func:`rejection_counts`)."""
        return rejection_counts(self.provenance)

    def to_manifest(self) -> dict[str, Any]:
        """A JSON-ready record for the run manifest."""
        return {
            "counts": self.counts,
            "rejected": self.rejected,
            "section_reasons": dict(self.section_reasons),
            "sentences": [p.to_dict() for p in self.provenance],
        }


Redraft = Callable[[str, str, Sequence[str], int], str | None]
Fallback = Mapping[str, Sequence[str]] | Callable[[str, int, str], str | None]


def _pick_fallback(
    fallback: Fallback,
    section: str,
    index: int,
    sentence: str,
    wanted: set[str],
    used: set[tuple[str, int]],
    idx: _Index,
    near: Set[str] = frozenset(),
) -> str | None:
    if callable(fallback):
        return fallback(section, index, sentence)
    pool = list(fallback.get(section, ()))
    free = [(i, s) for i, s in enumerate(pool) if (section, i) not in used]
    if not free:
        return None

    # prefer the deterministic sentence this one copies (a good sentence with something hostile
    # glued to it), then the one about the same facts, then the one about the facts its wrong
    # numbers were near, then the one at the same position
    words = _word_set(sentence)

    def score(item: tuple[int, str]) -> tuple[float, int, int, int]:
        i, s = item
        ids = set(check_sentence(s, (), _index=idx).fact_ids) if wanted or near else set()
        sim = _similarity(words, _word_set(s))
        return (sim, len(ids & wanted), len(ids & near), -abs(i - index))

    i, s = max(free, key=score)
    used.add((section, i))
    return s


#: a rejected sentence is taken for a copy of a deterministic one (a good sentence with something
#: hostile glued to it, or one half of it) when they share at least this many words of four letters
#: or more, and these are at least this share of the shorter one's
SIMILAR_WORDS = 3
SIMILAR_SHARE = 0.6


def _word_set(text: str) -> set[str]:
    return {t.lower for t in tokenize(text) if t.kind == "word" and len(t.text) >= 4}


def _similarity(a: set[str], b: set[str]) -> float:
    shared = len(a & b)
    if shared < SIMILAR_WORDS:
        return 0.0
    share = shared / min(len(a), len(b))
    return share if share >= SIMILAR_SHARE else 0.0


def _pick_similar(
    fallback: Mapping[str, Sequence[str]],
    section: str,
    sentence: str,
    used: set[tuple[str, int]],
) -> str | None:
    """The unused deterministic sentence of ``section`` that ``sentence`` is a copy of (see
    :data:`SIMILAR_SHARE`), or ``None``."""
    words = _word_set(sentence)
    best: tuple[float, int, str] | None = None
    for i, s in enumerate(fallback.get(section, ())):
        if (section, i) in used:
            continue
        sim = _similarity(words, _word_set(s))
        if sim and (best is None or sim > best[0]):
            best = (sim, i, s)
    if best is None:
        return None
    used.add((section, best[1]))
    return best[2]


def _outline_words(fallback: Fallback, section: str) -> tuple[str, ...]:
    """Numbers in words that the deterministic writer's own sentences of a section use."""
    if callable(fallback):
        return ()
    return tuple(w.text for s in fallback.get(section, ()) for w in find_word_numbers(s))


def guard_draft(
    sections: Mapping[str, str],
    facts: FactSheet | Iterable[Fact],
    *,
    fallback: Fallback,
    redraft: Redraft | None,
    max_attempts: int = 3,
    extra_allowed: Iterable[str | float | int] = (),
    max_redrafts: int | None = None,
) -> GuardedDraft:
    """Guard a draft: keep sentences the guard passes, redraft, replace or drop the others.

    Parameters
    ----------
    sections
        Section name → draft prose.
    facts
        The facts the text may use.
    fallback
        The deterministic writer's sentences per section (a rejected sentence that states numbers
        is replaced by the one about the same facts, else the one at the same position; numbers
        in words these sentences use are allowed in the section's draft), or a callable
        ``(section, index, sentence) -> str | None``.
    redraft
        ``(section, sentence, reasons, attempt) -> str | None``: asks for a corrected sentence
        (``attempt`` counts from 1). ``None`` or an exception ends the redrafting of that sentence.
        Pass ``None`` to replace failing sentences at once. Sentences rejected as hostile
        (:data:`HOSTILE_CLASSES`) are never sent back.
    max_attempts
        Redraft requests per failing sentence before it is replaced.
    extra_allowed
        See :func:`check_sentence`.
    max_redrafts
        Redraft requests in all (``None``: no limit beyond ``max_attempts`` per sentence), so that
        a reply of a thousand bad sentences cannot cost three thousand requests.

    Returns
    -------
    GuardedDraft
        Final text per section (paragraphs kept) and one :class:`Provenance` per sentence.
    """
    if max_attempts < 0:
        raise WritingError(
            f"max_attempts must be ≥ 0, got {max_attempts}",
            where="guard_draft",
            fix="pass the number of redraft requests allowed per sentence (e.g. 3)",
        )
    facts = list(facts)
    idx = _Index.of(facts)
    base_extras = tuple(extra_allowed)
    used: set[tuple[str, int]] = set()
    out_sections: dict[str, str] = {}
    provenance: list[Provenance] = []
    budget = [max_redrafts if max_redrafts is not None else -1]

    def may_redraft() -> bool:
        if budget[0] == 0:
            return False
        budget[0] -= 1
        return True

    for section, text in sections.items():
        extras = base_extras + _outline_words(fallback, section)
        out_paras: list[str] = []
        n = 0
        for para in split_sentences(text):
            kept: list[str] = []
            for sentence in para:
                result = check_sentence(sentence, facts, extras, _index=idx)
                if result.ok:
                    kept.append(sentence)
                    provenance.append(
                        Provenance(section, n, sentence, "llm", 0, (), result.fact_ids)
                    )
                    n += 1
                    continue
                classes = result.classes
                reasons: list[str] = list(result.reasons)
                current, attempts, final = sentence, 0, None
                hostile = result.hostile
                while (
                    redraft is not None
                    and not hostile
                    and attempts < max_attempts
                    and may_redraft()
                ):
                    attempts += 1
                    try:
                        new = redraft(
                            section,
                            current,
                            list(check_sentence(current, facts, extras, _index=idx).reasons),
                            attempts,
                        )
                    except Exception as exc:  # the run never fails because the LLM did
                        reasons.append(f"redraft request failed: {type(exc).__name__}: {exc}")
                        break
                    if not new or not new.strip():
                        reasons.append("redraft request returned nothing")
                        break
                    current = " ".join(new.split())
                    res = check_sentence(current, facts, extras, _index=idx)
                    if res.ok:
                        final = res
                        break
                    reasons.extend(res.reasons)
                    hostile = res.hostile
                if final is not None:
                    kept.append(current)
                    provenance.append(
                        Provenance(
                            section,
                            n,
                            current,
                            "llm-redrafted",
                            attempts,
                            tuple(reasons),
                            final.fact_ids,
                            sentence,
                            classes,
                        )
                    )
                    n += 1
                    continue
                if result.states_numbers or callable(fallback):
                    wanted = set(result.fact_ids)
                    near = set()
                    for u in result.unmatched:
                        m = re.search(r"the nearest is (\S+) =", u.reason)
                        if m:
                            near.add(m.group(1))
                    det = _pick_fallback(fallback, section, n, sentence, wanted, used, idx, near)
                    why = "no deterministic sentence left to replace it"
                else:
                    # no number: replaced only by the deterministic sentence it is a copy of (a
                    # good sentence with something hostile glued to it); any other would repeat
                    det = _pick_similar(fallback, section, sentence, used)
                    why = "it stated no number and copies no deterministic sentence: dropped"
                if det is None:
                    provenance.append(
                        Provenance(
                            section,
                            n,
                            "",
                            "dropped",
                            attempts,
                            (*reasons, why),
                            (),
                            sentence,
                            classes,
                        )
                    )
                    continue
                det_res = check_sentence(det, facts, extras, _index=idx)
                if not det_res.ok:
                    reasons.extend(
                        f"deterministic sentence also fails the guard: {r}" for r in det_res.reasons
                    )
                kept.append(det)
                provenance.append(
                    Provenance(
                        section,
                        n,
                        det,
                        "deterministic",
                        attempts,
                        tuple(reasons),
                        det_res.fact_ids,
                        sentence,
                        classes,
                    )
                )
                n += 1
            if kept:
                out_paras.append(" ".join(kept))
        out_sections[section] = "\n\n".join(out_paras)
    return GuardedDraft(out_sections, tuple(provenance))
