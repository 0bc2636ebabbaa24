"""A Fed decision: the move of the policy rate and the target range it set (issue 8, round 77).

"The Fed cut rates by 25 basis points", "a 75 basis point hike", "raised rates by half a
percentage point", "a rate hike of three quarters of a point", "to a target range of 4.25% to
4.50%", "held interest rates steady at 5.25% to 5.50%", "has raised rates by 525 basis points
since March 2022".

The rule (:func:`rule_fed`) reads a sentence that names the Fed (or follows one that does) and no
other central bank. A move is a size of a percentage point with a verb of the decision before it
("cut ... by 25 basis points", "raised rates by half a point") or a noun of one after or before it
("a 50-basis-point hike", "a rate cut of a quarter point"); fractions written in words ("half a
percentage point", "three quarters of a point", "a quarter-point") are read here, where "a point"
can only mean a percentage point. A plural noun ("four 75 basis point hikes") counts decisions and
is not one move. A range is a percent range 25 bp wide (the target's width since December 2008)
or one the words call a range; "from" before it makes it the range before the decision, "to" the
range after it, neither either of them (a story of a decision day often names the range the rate
had been raised to before it); a decision verb of the other direction than the decision's names
another decision's range. "since March 2022" after a move makes it the sum of the moves since
then. "Its first rate cut since December 2024", "cut rates for the first time since 2008"
(:func:`rule_fed_first_since`) name the last decision before this one that moved the rate the
same way.

The path. The effective federal funds rate moves the day after a decision and stays near one level,
a few basis points inside the target range, until the next. Where the store holds the daily rate,
the levels before and after a decision are its three-day means on either side. Where the daily
file ends (2023-03-22 in the bundled data) the monthly averages give them: each month's average is
the day-weighted mean of the levels in force between the decisions in and around it, a linear
system in those levels, solved here by least squares over the months around the decision (it is
exactly determined in practice; the solved levels of 2023-2025 are within 1 bp of the published
ones). A level that less than :data:`MIN_COVER` days of the store's data cover is not solved. Up to
2016 the store's target file is a second source (from 2017 it dates each change one meeting late:
not read). The data that settle a decision are published after it (the next days' rate, the
month's average): the judge reads them through :meth:`~thesis.claims.market.Market.later`, as it
does a macro figure published after the article's date.

The judge (:func:`judge_fed`) finds the decisions in the window the words give: the stated day (or
the day before it: a decision announced in Washington's afternoon is the next day's news
elsewhere), a stated month, quarter or year, else the week up to the article's date (and, for
support only, the seven weeks before it). A move is supported when a decision in the window moved
the rate by the stated size, within :data:`MOVE_SLACK` bp; it is contradicted only when the window
is a day or the week of the article's date, holds one decision, and every source there is puts it
at least :data:`MOVE_FAR` bp from the stated size. A range is supported when the level after the
decision (before it, for "from"; on the day when no decision is near) lies inside it, and
contradicted when that level lies :data:`RANGE_FAR` outside it on such a window. The first move
since a date (:func:`judge_fed_first_since`) is supported when the last move of its direction
before it (12 bp or more) falls in the stated period, contradicted on such a window when it falls
after it or when none did from the period's start.

The phrasings are a few words around a size, so token lists and one regular expression find them;
the least squares is a few unknowns, solved in plain Python (``thesis check`` does not import
numpy).
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from thesis.claims.binding import Bind, bind_date, make_claim
from thesis.claims.frames import Claim
from thesis.claims.subjects import subject_by_key
from thesis.text.numbers import NUMBER_WORDS, ORDINALS

if TYPE_CHECKING:
    from thesis.claims.binding import Ctx
    from thesis.claims.document import Sent
    from thesis.claims.judge import Outcome
    from thesis.claims.market import Market, Series
    from thesis.text.dates import DateMention
    from thesis.text.tokens import Token

__all__ = [
    "HOLD_VERBS",
    "MIN_COVER",
    "MOVE_FAR",
    "MOVE_SLACK",
    "RANGE_FAR",
    "Levels",
    "decision_levels",
    "judge_fed",
    "judge_fed_count",
    "judge_fed_first_since",
    "rule_fed",
    "rule_fed_count",
    "rule_fed_first_since",
]

_DAY = dt.timedelta(days=1)
#: a move within this many bp of the stated size is the stated move (the effective rate drifts a
#: few bp inside its range between decisions)
MOVE_SLACK = 6.0
#: a move this many bp from the stated size or more contradicts it
MOVE_FAR = 20.0
#: a level this far (percentage points) outside a stated range contradicts it
RANGE_FAR = 0.05
#: a range holds a level this far (percentage points) outside its bounds (a day's drift)
RANGE_SLACK = 0.02
#: a level between two decisions is solved only if the store's data cover this many of its days
MIN_COVER = 5
#: a single decision is at most this large (bp): a larger figure is a sum of several
ONE_DECISION_MAX = 100.0
#: the store's FOMC decision file runs one meeting behind the real decisions from 2017 on
TARGET_RELIABLE_UNTIL = dt.date(2016, 12, 31)
#: with no date in the words: the window a move may be contradicted in (the article's week) and
#: the one it may be supported in (about one meeting cycle back)
_STRICT_DAYS, _LOOSE_DAYS = 7, 50

#: words that tie a sentence to the Fed
_FED_WORDS = frozenset(
    {"fed", "fed's", "feds", "fomc", "fomc's", "powell", "powell's", "policymakers", "yellen",
     "bernanke"}
)  # fmt: skip
_FED_PHRASES = re.compile(
    r"\b(federal reserve|federal funds|fed funds|central bank|open market committee)", re.I
)
#: another central bank: the sentence (or the one before it) is not about the Fed's rate
_OTHER_BANK = re.compile(
    r"\b(bank of (england|japan|canada|korea|china|mexico|israel)|european central bank|"
    r"reserve bank of (australia|india|new zealand)|people's bank|swiss national|riksbank|"
    r"norges|bundesbank|banxico|ecb|boj|boe|rba|rbnz|rbi|pboc|snb|bcb)\b",
    re.I,
)
#: verbs of a decision, by direction
_DOWN_VERBS = frozenset(
    {"cut", "cuts", "cutting", "lowered", "lowers", "lower", "lowering", "reduced", "reduces",
     "reduce", "reducing", "trimmed", "trims", "trim", "trimming", "slashed", "slashes", "slash",
     "slashing", "eased", "eases", "ease", "easing"}
)  # fmt: skip
_UP_VERBS = frozenset(
    {"raised", "raises", "raise", "raising", "hiked", "hikes", "hike", "hiking", "increased",
     "increases", "increase", "increasing", "lifted", "lifts", "lift", "lifting", "boosted",
     "boosts", "boost", "tightened", "tightens", "tighten", "jacked"}
)  # fmt: skip
#: nouns of one decision, by direction (0: either)
_MOVE_NOUNS = {
    "cut": -1, "reduction": -1, "easing": -1, "trim": -1,
    "hike": 1, "increase": 1, "rise": 1, "raise": 1, "bump": 1, "tightening": 1,
    "move": 0, "change": 0, "adjustment": 0,
}  # fmt: skip
#: words that may stand between a size and its noun ("a 25 basis point rate cut", "a quarter
#: point interest-rate hike")
_NOUN_GAP = frozenset({"-", "rate", "interest", "interest-rate", "policy", "fed", "funds"})
#: words between "by" and the size ("by another 25 basis points")
_BY_GAP = frozenset({"another", "a", "an", "further", "additional", "other", "just", "only"})
#: a fraction of a point in words: "half a percentage point", "three quarters of a point",
#: "a quarter-point", "three-quarter-point"
_FRACTION = re.compile(
    r"\b(?:(?P<three>three)[- ]quarters?|(?:an? |one )?(?P<frac>half|quarter))"
    r"(?:[- ]of)?(?:[- ]an?)?[- ](?:percentage[- ])?points?\b",
    re.I,
)
_FRACTION_VALUE = {"half": 50.0, "quarter": 25.0}
#: words in a move's clause that make it a sum of several (not judged unless "since" dates it);
#: a count of decisions ("its third consecutive cut") leaves the size one decision's
_CUMULATIVE = frozenset({"total", "cumulative", "cumulatively", "altogether", "combined", "sum"})


@dataclass(frozen=True)
class _Size:
    """A size of a move in the words: offsets, basis points, text."""

    start: int
    end: int
    bp: float
    text: str
    #: a percent or a point, not a percentage point: read as one only with a decision verb, or a
    #: rate word by its noun ("a 0.25% rate cut"), not "a 0.3% increase" in a sentence on the Fed
    loose: bool = False


def _fed_sentence(s: Sent) -> bool:
    """Whether ``s`` (or the sentence before it) names the Fed and neither names another bank."""
    prev = s.doc.sentences[s.index - 1] if s.index > 0 else None
    prev_text = s.doc.text[prev.start : prev.end] if prev is not None else ""
    if _OTHER_BANK.search(s.text) or (prev_text and _OTHER_BANK.search(prev_text)):
        return False
    return _names_fed(s.text) or (bool(prev_text) and _names_fed(prev_text))


def _names_fed(text: str) -> bool:
    if _FED_PHRASES.search(text):
        return True
    words = {w.strip(".,;:()'\"").lower().replace("\u2019", "'") for w in text.split()}
    return not words.isdisjoint(_FED_WORDS)


def _sizes(s: Sent, used: set[int]) -> list[_Size]:
    """The sizes of a move the sentence states: basis points, percentage points, a percent or a
    point of at most one (in a Fed sentence a percentage point), and fractions in words."""
    out: list[_Size] = []
    for q in s.quantities:
        if q.start in used or q.is_range:
            continue
        if q.unit == "bp":
            bp = q.value
        elif q.unit == "pp" or (q.unit in ("pct", "points") and 0 < q.value <= 1.0):
            bp = q.value * 100
        else:
            continue
        out.append(_Size(q.start, q.end, bp, q.text, q.unit in ("pct", "points") and not q.words))
    for mt in _FRACTION.finditer(s.doc.text, s.start, s.end):
        a, b = mt.span()
        if any(x.start < b and a < x.end for x in out):
            continue
        bp = 75.0 if mt.group("three") else _FRACTION_VALUE[mt.group("frac").lower()]
        out.append(_Size(a, b, bp, mt.group(0)))
    return sorted(out, key=lambda x: x.start)


#: the most words between a decision verb and "by" ("raised its key short-term interest rate by"):
#: its object is the policy rate or nothing; a word of another series there ("lifted the 2-year
#: yield by") makes the figure that series' move
_OBJECT_WORDS = 8
#: words around a decision that make it a preference, an expectation or a possibility ("the sole
#: dissenter who preferred a 50 basis point reduction", "played down the likelihood of a
#: 75-basis-point increase", "a 25-basis point hike was priced into the June meeting")
_NOT_A_DECISION = frozenset(
    {"preferred", "prefer", "prefers", "preferring", "favored", "favoured", "favor", "favour",
     "favors", "favoring", "favouring", "wanting", "seeking", "sought",
     "pushed", "push", "pushing", "wanted", "want", "wants", "called", "calling", "argued",
     "arguing", "advocated", "advocating", "dissented", "dissent", "dissenter", "dissenters",
     "expect", "expects", "expected", "expecting", "expectation", "expectations", "bets", "bet",
     "betting", "odds", "chance", "chances", "probability", "likelihood", "priced", "pricing",
     "forecast", "forecasts", "predict", "predicted", "predicts", "anticipate", "anticipated",
     "anticipating", "hope", "hoped", "hoping", "likely", "unlikely", "could", "would", "might",
     "may", "should", "will", "possible", "possibility", "potential", "speculation", "debate",
     "debated", "considering", "consider", "considered", "signaled", "signalled", "signals",
     "intention", "intends", "intend", "plans", "plan", "planned", "penciled", "pencilled",
     "projected", "projects", "sees", "wager", "wagers", "ruled", "mulling", "weighing",
     "contemplating", "scenario", "if", "unless", "whether", "next", "upcoming", "split",
     "pressure", "urged", "urging", "demanded", "table"}
)  # fmt: skip
#: words before an expectation word that make it a past decision's description ("as expected",
#: "a widely expected quarter-point cut")
_AS_EXPECTED = frozenset({"as", "than", "widely", "had", "was", "been"})
#: words near a size that make it another series' move ("a 10 basis point rise in the 10-year
#: yield", "the two-year yield's 12 basis point jump")
_OTHER_SERIES = frozenset(
    {"yield", "yields", "treasury", "treasuries", "bond", "bonds", "mortgage", "note", "notes",
     "inflation", "cpi", "prices", "spread", "curve", "libor", "sofr", "dollar", "stocks"}
)  # fmt: skip


def _base(w: str) -> str:
    """A move noun's singular ("hikes" → "hike"); any other word as it is."""
    return w[:-1] if w.endswith("s") and w[:-1] in _MOVE_NOUNS else w


def _verb_before(s: Sent, size: _Size) -> tuple[int, int] | None:
    """(direction, offset) of a decision verb with "by" before the size ("cut rates by 25 basis
    points", "raised its benchmark rate by another half point"), its object the policy rate or
    none, or ``None``."""
    before = s.before(size.start, 12)
    while before and before[-1].lower in _BY_GAP:
        before.pop()
    if not before or before[-1].lower != "by":
        return None
    obj: list[str] = []
    for k, t in enumerate(reversed(before[:-1])):
        w = t.lower
        if w in _DOWN_VERBS or w in _UP_VERBS:
            if not _RATE_WORDS.isdisjoint(obj) or _fed_before(s, t.start):
                return (-1 if w in _DOWN_VERBS else 1), t.start
            return None  # "the consumer price index increased by 0.4%": no rate, no Fed
        if k >= _OBJECT_WORDS or w in _OTHER_SERIES or w in (";", "and", "but", "while", "which"):
            return None
        obj.append(w)
    return None


#: the words of a decision verb's object that name the policy rate ("raised rates by")
_RATE_WORDS = frozenset({"rate", "rates", "funds", "range", "interest-rate"})
#: the words before a decision verb that make the Fed its subject ("the Fed cut by 25 basis
#: points", "policymakers lowered by half a point")
_FED_SUBJECTS = frozenset(
    {"fed", "fed's", "federal", "reserve", "fomc", "committee", "policymakers", "officials",
     "bank", "it", "powell", "they"}
)  # fmt: skip


def _fed_before(s: Sent, pos: int) -> bool:
    """Whether one of the four words before ``pos`` names the Fed as the verb's subject."""
    return not _FED_SUBJECTS.isdisjoint(w.replace("\u2019", "'") for w in s.words_before(pos, 4))


def _noun_after(s: Sent, size: _Size) -> tuple[int, bool, int] | None:
    """(direction, plural, end offset) of a decision noun right after the size ("a
    50-basis-point hike", "a quarter-point rate cut"), or ``None``."""
    for t in s.after(size.end, 5):
        w = t.lower
        if w in _NOUN_GAP:
            continue
        base = _base(w)
        if base in _MOVE_NOUNS:
            return _MOVE_NOUNS[base], base != w, t.end
        return None
    return None


def _noun_before(s: Sent, size: _Size) -> tuple[int, bool, int] | None:
    """ "a rate hike of 75 basis points", "a cut of half a point": (direction, plural, start
    offset) of the noun before "of", or ``None``."""
    before = s.before(size.start, 4)
    if len(before) < 2 or before[-1].lower != "of":
        return None
    t = before[-2]
    base = _base(t.lower)
    if base not in _MOVE_NOUNS:
        return None
    return _MOVE_NOUNS[base], base != t.lower, t.start


#: "push" is a wish only with "for" after it ("pushed for a cut")
_PUSH = frozenset({"pushed", "push", "pushing", "pushes"})


def _not_a_decision(s: Sent, a: int, b: int) -> bool:
    """Whether the clause of the decision words ``a``..``b`` makes them a preference, an
    expectation or a possibility (:data:`_NOT_A_DECISION`), not a decision taken."""
    cl = s.clause_of(a)
    toks = [t for t in s.tokens if cl.start <= t.start < max(cl.end, b)]
    for i, t in enumerate(toks):
        if t.text == "May":
            continue  # the month
        if t.lower in _PUSH and (i + 1 >= len(toks) or toks[i + 1].lower != "for"):
            continue  # "pushing the target rate to 3.25%": the decision's result ("pushed for": a wish)
        if t.lower in _NOT_A_DECISION and not (i and toks[i - 1].lower in _AS_EXPECTED):
            return True
    return False


def _other_series(s: Sent, a: int, b: int) -> bool:
    """Whether the words around a move (four before, four after) name another series."""
    near = s.words_before(a, 4) + s.words_after(b, 5)
    return not _OTHER_SERIES.isdisjoint(near)


def _since(s: Sent, end: int) -> DateMention | None:
    """ "by 525 basis points since March 2022": a date right after the move's words (``end``)
    with "since" before it (not "to the highest level since 2008" further on)."""
    nxt = s.after(end, 1)
    if not nxt or nxt[0].lower != "since":
        return None
    return next((d for d in s.dates if d.start == nxt[0].end + 1 and d.first is not None), None)


def _table_row(s: Sent, a: int, b: int) -> bool:
    """Whether the figure at ``a``..``b`` stands in a row of figures with nothing but spaces or
    bars between (a table's row, whose columns :mod:`thesis.claims.tables` reads by header)."""
    text = s.doc.text
    for q in s.quantities:
        gap = text[b : q.start] if q.start >= b else text[q.end : a] if q.end <= a else "x"
        if gap.strip(" \t|") == "" and q.start != a:
            return True
    return False


#: "June 14-15": the second day of a written range of days
_DAY_RANGE_END = re.compile(r"\s*[-–—]\s*(\d{1,2})\b")


def _window(
    ctx: Ctx, s: Sent, pos: int, *, sentence: bool = False
) -> tuple[Bind, dt.date, dt.date, str]:
    """The date binding of a decision at ``pos`` and the window of days its decision may fall
    in: ``strict`` (a day, or the article's week: a contradiction may stand), ``span`` (a month,
    a quarter, a year: support only) or ``recent`` (no date: support only past the week)."""
    b = bind_date(ctx, s, pos, spans_ok=True)
    v = b.value
    if b.how == "explicit" and v is not None and getattr(v, "first", None) is not None:
        first, last = v.first, v.last or v.first
        if (
            getattr(v, "kind", "") == "span"
            and (last - first).days == 1
            and any(c in getattr(v, "text", "") for c in "-–")
        ):
            first = last  # "the June 14-15, 2022 FOMC meeting": it decides on its last day
        mt = _DAY_RANGE_END.match(s.doc.text, getattr(v, "end", 0))
        if first == last and mt is not None and int(mt.group(1)) > first.day:
            # "the June 14-15, 2022 FOMC meeting": a two-day meeting decides on its last day
            with contextlib.suppress(ValueError):  # "June 30-31": no such day, the first read
                first = last = first.replace(day=int(mt.group(1)))
        if first == last:
            # a weekday or a day without its year may be the next day's news of the decision;
            # a date written out in full ("on May 5, 2022") is the decision's own
            full = (
                getattr(v, "kind", "") in ("day", "span")
                and getattr(v, "explicit_year", False)
                and s.start <= getattr(v, "start", -1) < s.end  # its own sentence's, no dateline
            )
            return b, first if full else first - _DAY, last, "strict"
        return b, first, last, "span"
    cl = s.clause_of(pos)
    # with ``sentence``, a time named earlier in the sentence dates it too ("The Fed first cut in
    # September, its first cut since December 2024")
    lo, hi = (s.start, cl.end) if sentence else (cl.start, cl.end)
    for d in s.dates:
        if d.first is None or d.last is None or not (lo <= d.start < hi):
            continue
        if s.words_before(d.start, 1) in (["since"], ["from"], ["until"], ["before"]):
            continue
        if d.kind in ("month", "quarter", "half", "year", "span"):
            return Bind(d, d.text, "explicit"), d.first, d.last, "span"
    as_of = ctx.doc.ref or dt.date.today()
    return b, as_of - dt.timedelta(days=_LOOSE_DAYS), as_of, "recent"


#: the Fed's (or the banks') other rates, which the federal funds rate's data do not settle
_OTHER_POLICY_RATE = re.compile(
    r"\b(?:discount|prime|primary[- ]credit|repo|reverse[- ]repo|mortgage|lending)\s+rates?\b"
    r"|\binterest\s+on\s+(?:excess\s+)?reserves\b|\bIO(?:E?R|RB)\b",
    re.I,
)


def rule_fed(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """A Fed decision's move or target range (see the module docstring)."""
    if not _fed_sentence(s):
        return []
    out: list[Claim] = []
    for size in _sizes(s, used):
        verb = _verb_before(s, size)
        if verb is not None:
            d, plural, qa, qb = verb[0], False, verb[1], size.end
        else:
            after, before = _noun_after(s, size), _noun_before(s, size)
            if after is not None:
                d, plural, qa, qb = after[0], after[1], size.start, after[2]
            elif before is not None:
                d, plural, qa, qb = before[0], before[1], before[2], size.end
            else:
                continue
            if _other_series(s, qa, qb):
                continue  # "a 10 basis point rise in the 10-year yield"
            if size.loose and "rate" not in s.doc.text[qa:qb].lower():
                continue
        if plural:
            continue  # "four 75 basis point hikes": a count of decisions
        if _OTHER_POLICY_RATE.search(s.doc.text, min(qa, size.start), max(qb, size.end)):
            continue  # "lowered the discount rate by a half-point": not the federal funds rate
        if _not_a_decision(s, qa, qb):
            continue  # "the sole dissenter who preferred a 50 basis point reduction"
        since = _since(s, qb)
        cl = s.clause_of(size.start)
        words = {t.lower for t in s.tokens if cl.start <= t.start < cl.end}
        if since is None and (size.bp > ONE_DECISION_MAX or not words.isdisjoint(_CUMULATIVE)):
            continue  # a sum of several moves with no start to measure it from
        b, first, last, how = _window(ctx, s, size.start)
        extra = {"first": first.isoformat(), "last": last.isoformat(), "window": how}
        if since is not None and since.first is not None:
            qb = max(qb, since.end)
            extra.update(first=since.first.isoformat(), window="since",
                         last=(ctx.doc.ref or since.first).isoformat())  # fmt: skip
        used.add(size.start)
        out.append(make_claim(
            ctx, s, kind="rate", measure="fed_move",
            subject=Bind(subject_by_key("fedfunds"), "the Fed", "named"),
            parts=[(qa, qb)], rule="fed", value=size.bp * d if d else size.bp,
            unit="bp", date=b, direction=d or 0, extra=extra, needs=("subject",), at=size.start,
        ))  # fmt: skip
    if not out:
        out += _holds(ctx, s, used)
    for q in s.quantities:
        if q.start in used or q.unit != "pct" or not q.is_range or q.high is None:
            continue
        lo, hi = q.value, q.high
        if not 0 <= lo < hi <= 25 or _table_row(s, q.start, q.end):
            continue
        near = s.words_before(q.start, 12) + s.words_after(q.end, 3)
        if abs(hi - lo - 0.25) > 1e-6 and "range" not in near:
            continue
        if abs(hi - lo - 0.25) > 1e-6 and not _INFLATION.isdisjoint(t.lower for t in s.tokens):
            continue  # "the CPI readings get closer to the Fed's 2.0% to 2.5% targeted range"
        if _not_a_decision(s, q.start, q.end):
            continue  # "dissented, preferring a half-point cut to between 3.75% and 4%"
        side = (
            "before"
            if s.words_before(q.start, 2)[-1:] in (["from"], ["between"])
            and any(
                (r.start > q.end and r.is_range)
                # "to a range of 4.75% to 5.00% from 5.25% to 5.50%": the range it left
                or (
                    r.is_range
                    and r.end < q.start
                    and [t.lower for t in s.doc.tokens_in(r.end, q.start)] == ["from"]
                )
                for r in s.quantities
            )
            else "after"
        )
        if side == "after" and not {"to", "into"}.isdisjoint(s.words_before(q.start, 4)):
            side = "to"  # "bringing the rate to a range of 4.5% - 4.75%": the range after only
        b, first, last, how = _window(ctx, s, q.start)
        used.add(q.start)
        c = make_claim(
            ctx, s, kind="rate", measure="fed_range",
            subject=Bind(subject_by_key("fedfunds"), "target range", "named"),
            parts=[(q.start, q.end)], rule="fed", value=q.text, unit="pct", date=b,
            level=lo, needs=("subject",), at=q.start,
            extra={"high": hi, "side": side, "verb_dir": _verb_dir(s, q.start),
                   "first": first.isoformat(), "last": last.isoformat(), "window": how},
        )  # fmt: skip
        _fed_target_is_no_expectation(s, c)
        out.append(c)
    return out


#: the object of a hold verb that is the policy rate ("kept interest rates unchanged", "left its
#: benchmark rate steady", "held borrowing costs on hold") and the state after it
_HELD_RATE = re.compile(
    r"\s+(?:(?:its|the|their|U\.S\.)\s+)?(?:(?:key|benchmark|policy|short-term|overnight|federal|"
    r"funds|target)\s+)*(?:interest[- ]rates?|rates?|borrowing\s+costs)\s+(?:at\s+their\s+"
    r"current\s+level\s+|at\s+current\s+levels\s+)?(unchanged|steady|on hold|on pause)\b",
    re.I,
)
#: words that make a hold a count or a run of decisions (:func:`rule_fed_count`'s)
_HOLD_RUN = frozenset({"consecutive", "straight", "successive", "row", "times", "meetings"})


def _holds(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """A decision that left the rate where it was: "The Federal Reserve kept interest rates
    unchanged on Wednesday", "decided to keep interest rates steady", "left rates on hold": a
    move of 0 bp on the decision day the words bind (judged as any move: supported when the
    effective rate did not step, contradicted when the one decision in a strict window moved it
    by :data:`MOVE_FAR` or more). A run of holds ("for the third straight time") is a count, not
    read here; the words must name the Fed (:func:`_fed_sentence`) and a policy rate."""
    text = s.doc.text
    for t in s.tokens:
        if t.lower not in HOLD_VERBS or t.lower.startswith(("stood", "stand")):
            continue
        mt = _HELD_RATE.match(text, t.end)
        if mt is None or mt.end() > s.end or t.start in used:
            continue
        if not _HOLD_RUN.isdisjoint(x.lower for x in s.tokens):
            return []
        if _OTHER_POLICY_RATE.search(text, t.start, mt.end()) or _not_a_decision(
            s, t.start, mt.end()
        ):
            return []
        b, first, last, how = _window(ctx, s, t.start)
        used.add(t.start)
        return [make_claim(
            ctx, s, kind="rate", measure="fed_move",
            subject=Bind(subject_by_key("fedfunds"), "the Fed", "named"),
            parts=[(t.start, mt.end())], rule="fed_hold", value=0.0, unit="bp", date=b,
            direction=0, extra={"first": first.isoformat(), "last": last.isoformat(), "window": how},
            needs=("subject",), at=t.start,
        )]  # fmt: skip
    return []


#: the Fed's own words for its policy rate ("the target range", "the federal funds target rate"),
#: which name no expectation
_FED_TARGET = re.compile(r"\btarget (range|rate|interest rate)\b", re.I)


#: words of inflation: a range wider than the target's in their sentence is the Fed's goal for
#: prices, not its rate
_INFLATION = frozenset({"inflation", "cpi", "pce", "prices", "price"})


def _verb_dir(s: Sent, pos: int) -> int:
    """The direction of the nearest decision verb before ``pos`` in its sentence (1 up, -1 down,
    0 none): "cut rates ..., bringing the range to" is a cut's range."""
    for t in reversed([t for t in s.tokens if t.start < pos]):
        if t.lower in _DOWN_VERBS:
            return -1
        if t.lower in _UP_VERBS:
            return 1
    return 0


def _fed_target_is_no_expectation(s: Sent, c: Claim) -> None:
    """Drop the strict binding's "target" expectation from ``c`` when the word is the Fed's
    "target range" or "target rate": the range it set, not a goal."""
    why = c.loose.get("role", "")
    if "'target'" in why.lower() and _FED_TARGET.search(s.text):
        del c.loose["role"]


#: "its first rate cut since December 2024", "the first interest rate hike since 2018": the noun
#: (group 1) and the words up to the date
_FIRST_SINCE = re.compile(
    r"\bfirst\s+(?:(?:interest|benchmark|policy)[- ]?)?(?:rate\s+)?"
    r"(cut|hike|increase|reduction|raise|rise)\s+since\s+",
    re.I,
)
#: "cut rates for the first time since 2008": the words up to the date, after a decision verb
_FOR_THE_FIRST_TIME = re.compile(r"\bfor\s+the\s+first\s+time\s+since\s+", re.I)
#: "Today's rate cut was the first since December 2024": the decision's noun as the subject
_NOUN_THE_FIRST_SINCE = re.compile(
    r"\b(cut|hike|increase|reduction|raise)\s+(?:was|is|marks|marked|marking|became)\s+"
    r"(?:the|its)\s+first\s+since\s+",
    re.I,
)
#: the span since the last move that way: "its first interest rate increase in more than three
#: years", "the first rate reduction delivered by the Fed in four years", "raised rates for the
#: first time in nearly a decade" (group 1 the noun, if any; 2 the hedge; 3 the count; 4 the unit)
_SPAN = (
    r"in\s+(more\s+than|over|nearly|almost|about|roughly|around|some|just\s+over)?\s*"
    r"(a|an|\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen)\s+"
    r"(years?|months?|decades?)\b"
)
_FIRST_IN = re.compile(
    r"\bfirst\s+(?:(?:interest|benchmark|policy)[- ]?)?(?:rate\s+)?"
    r"(cut|hike|increase|reduction|raise|rise)\s+(?:(?:delivered|made|announced)\s+by\s+the\s+"
    r"(?:Fed|Federal\s+Reserve|central\s+bank)\s+)?" + _SPAN,
    re.I,
)
_FOR_THE_FIRST_TIME_IN = re.compile(r"\bfor\s+the\s+first\s+time\s+" + _SPAN, re.I)
#: (least, most) of the span, in years, a hedge allows ("in four years": the last move 3.5 to
#: 5 years before; "in more than three years": over 3; "in nearly a decade": 8 to 10)
_SPAN_HEDGES = {
    "": (-0.5, 1.0), "more than": (0.0, 5.0), "over": (0.0, 5.0), "just over": (0.0, 0.5),
    "nearly": (-1.0, 0.0), "almost": (-1.0, 0.0), "about": (-1.0, 1.0), "roughly": (-1.0, 1.0),
    "around": (-1.0, 1.0), "some": (-1.0, 1.0),
}  # fmt: skip
_SPAN_UNITS = {"year": 1.0, "month": 1 / 12, "decade": 10.0}


def _span_since(mt: re.Match[str], first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """The dates the last move the same way must fall between, for the span matched by ``mt``
    (its last three groups: hedge, count, unit) of a decision in ``first``..``last``; a hedge's
    slack is counted in months for a span of months, in years otherwise."""
    k = mt.lastindex or 0
    hedge, count, unit = (mt.group(i) or "" for i in (k - 2, k - 1, k))
    n = 1 if count.lower() in ("a", "an") else (_cardinal(count.lower()) or 0)
    unit = unit.lower().rstrip("s")
    size = n * _SPAN_UNITS[unit]
    lo, hi = _SPAN_HEDGES[" ".join(hedge.lower().split())]
    slack = _SPAN_UNITS["month"] if unit == "month" else 1.0
    least, most = max(size + lo * slack, 0.0), size + hi * slack
    return last - dt.timedelta(days=most * 365.25), first - dt.timedelta(days=least * 365.25)


def rule_fed_first_since(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """A Fed decision that is the first of its direction since a date: "its first rate cut since
    December 2024", "cut rates for the first time since 2008". The claim is the stated date: the
    last decision before it that moved the rate the same way fell in that month (year, day)."""
    if not _fed_sentence(s):
        return []
    out: list[Claim] = []
    text = s.doc.text
    found: list[tuple[int, int, int]] = []  # (start of the words, end of the phrase, direction)
    spans: list[tuple[int, re.Match[str], int]] = []  # (start of the words, the span, direction)
    for mt in _FIRST_SINCE.finditer(text, s.start, s.end):
        noun = _base(mt.group(1).lower())
        found.append((mt.start(), mt.end(), _MOVE_NOUNS.get(noun, 0)))
    for mt in _NOUN_THE_FIRST_SINCE.finditer(text, s.start, s.end):
        found.append((mt.start(), mt.end(), _MOVE_NOUNS.get(_base(mt.group(1).lower()), 0)))
    for mt in _FIRST_IN.finditer(text, s.start, s.end):
        spans.append((mt.start(), mt, _MOVE_NOUNS.get(_base(mt.group(1).lower()), 0)))
    for mt in _FOR_THE_FIRST_TIME_IN.finditer(text, s.start, s.end):
        verb = _decision_verb_before(s, text, mt.start())
        if verb is not None:
            spans.append((verb.start, mt, -1 if verb.lower in _DOWN_VERBS else 1))
    for mt in _FOR_THE_FIRST_TIME.finditer(text, s.start, s.end):
        verb = _decision_verb_before(s, text, mt.start())
        if verb is not None:
            found.append((verb.start, mt.end(), -1 if verb.lower in _DOWN_VERBS else 1))
    for a, mt, d in spans:
        if d == 0 or _not_a_decision(s, a, mt.end()) or _other_series(s, a, mt.end()):
            continue
        bind, first, last, how = _window(ctx, s, a, sentence=True)
        sp_first, sp_last = _span_since(mt, first, last)
        k = mt.lastindex or 0
        span_words = text[mt.start(k - 2 if mt.group(k - 2) else k - 1) : mt.end()]
        out.append(make_claim(
            ctx, s, kind="date_fact", measure="fed_first_since",
            subject=Bind(subject_by_key("fedfunds"), "the Fed", "named"),
            parts=[(a, mt.end())], rule="fed_first_since", value=f"in {span_words}", unit="date",
            date=bind, direction=d, needs=("subject",), at=a,
            extra={"first": first.isoformat(), "last": last.isoformat(), "window": how,
                   "since_first": sp_first.isoformat(), "since_last": sp_last.isoformat(),
                   "span": True},
        ))  # fmt: skip
    for a, b, d in found:
        since = next((x for x in s.dates if x.start == b and x.first is not None), None)
        if since is None or d == 0 or _not_a_decision(s, a, b) or _other_series(s, a, b):
            continue
        s_first = since.first
        assert s_first is not None  # found with a first day
        bind, first, last, how = _window(ctx, s, a, sentence=True)
        c = make_claim(
            ctx, s, kind="date_fact", measure="fed_first_since",
            subject=Bind(subject_by_key("fedfunds"), "the Fed", "named"),
            parts=[(a, since.end)], rule="fed_first_since", value=since.text, unit="date",
            date=bind, direction=d, needs=("subject",), at=a,
            extra={"first": first.isoformat(), "last": last.isoformat(), "window": how,
                   "since_first": s_first.isoformat(),
                   "since_last": (since.last or s_first).isoformat()},
        )  # fmt: skip
        out.append(c)
    return out


def _decision_verb_before(s: Sent, text: str, pos: int) -> Token | None:
    """The decision verb of "for the first time ..." at ``pos`` ("cut rates for the first time
    since 2008"), within eight words before it, whose object is a rate or whose subject is the
    Fed (not "Treasury yields increased for the first time since 2018"), else ``None``."""
    verb = next(
        (t for t in reversed(s.before(pos, 8)) if t.lower in _DOWN_VERBS | _UP_VERBS),
        None,
    )
    if verb is None:
        return None
    obj = {w.lower() for w in text[verb.end : pos].split()}
    if _RATE_WORDS.isdisjoint(obj) and not _fed_before(s, verb.start):
        return None
    return verb


#: "four times", "twice": how many decisions
_TIMES = {"once": 1, "twice": 2}
#: the nouns of a run of decisions ("the third consecutive cut", "a second straight hike")
_RUN_WORDS = frozenset({"consecutive", "straight", "successive"})
#: nouns of the meetings a count runs over: the decision's verb gives the direction ("held rates
#: steady for a fifth straight meeting", "cut rates at three meetings in a row")
_MEETING_NOUNS = frozenset({"meeting", "meetings", "time", "times"})
#: nouns of a decision that left the rate where it was ("its third consecutive pause")
_HOLD_NOUNS = frozenset({"pause", "pauses", "hold", "holds", "skip", "skips"})
#: verbs of a decision that left the rate where it was, with a word of that state after them
#: (:data:`_HOLD_STATE`) or the rate as their object ("kept its benchmark rate in a range")
HOLD_VERBS = frozenset(
    {"held", "holds", "hold", "holding", "kept", "keeps", "keep", "keeping", "left", "leaves",
     "leave", "leaving", "maintained", "maintains", "maintain", "maintaining", "paused", "pauses",
     "pause", "pausing", "stood", "stands", "standing"}
)  # fmt: skip
_HOLD_STATE = re.compile(
    r"\b(unchanged|steady|on hold|in place|pat|paused|on pause|where (they|it) (was|were))\b", re.I
)


def _count_before_times(toks: list[Token], i: int) -> int | None:
    """The count of "N times" whose "times" is ``toks[i]``, or ``None``."""
    if i == 0:
        return None
    return _cardinal(toks[i - 1].lower)


def _ordinal_at(toks: list[Token], i: int) -> tuple[int, int] | None:
    """(value, index of the next token) of an ordinal at ``toks[i]`` ("fifth", "11th"), or
    ``None``."""
    w = toks[i].lower
    if w in ORDINALS:
        return ORDINALS[w], i + 1
    if (
        w.isdigit()
        and i + 1 < len(toks)
        and toks[i + 1].lower in ("st", "nd", "rd", "th")
        and toks[i + 1].start == toks[i].end
    ):
        return int(w), i + 2
    return None


def _cardinal(w: str) -> int | None:
    if w.isdigit():
        return int(w)
    return NUMBER_WORDS.get(w)


def _decision_direction(s: Sent, toks: list[Token], i: int) -> tuple[int, Token] | None:
    """The direction of the decisions counted at ``toks[i]`` (1 a hike, -1 a cut, 0 a hold) and
    its verb: the nearest decision verb in the ten words before, or ``None``."""
    for k in range(i - 1, max(0, i - 10) - 1, -1):
        v, w = toks[k], toks[k].lower
        if w in ("and", "while", "as", "but", ";", "after", "before"):
            return None  # "cut rates and the S&P 500 rose for ten straight days": another verb's
        if w in ("hold", "pause") and k and toks[k - 1].lower == "on":
            continue  # "kept rates on hold": the state, its verb before it
        if w in _DOWN_VERBS:
            return -1, v
        if w in _UP_VERBS:
            return 1, v
        if w in HOLD_VERBS:
            state = _HOLD_STATE.search(s.doc.text, v.end, min(s.end, v.end + 80))
            if w in ("stood", "stands", "standing") and (state is None or state.group(1) != "pat"):
                return None
            nxt = {x.lower for x in s.after(v.end, 5)}
            if state is not None or not nxt.isdisjoint(_RATE_WORDS):
                return 0, v
            return None
    return None


@dataclass(frozen=True)
class _Counted:
    """What a count of decisions counts: its direction (``None``: the verb's), the size of each
    move (bp) when stated, where its words end, and whether its noun is plural."""

    direction: int | None
    size: float | None
    end: int
    plural: bool
    meetings: bool


def _counted(s: Sent, toks: list[Token], j: int) -> _Counted | None:
    """The noun a count counts, from ``toks[j]`` on: "cut", "75 bp hike", "half-point rate
    increases", "meeting", "pause"; or ``None``."""
    size = None
    k = j
    if k < len(toks):
        z = next((z for z in _sizes(s, set()) if z.start == toks[k].start and not z.loose), None)
        if z is not None:
            size = z.bp
            k = next((m for m in range(k, len(toks)) if toks[m].start >= z.end), len(toks))
    while k < len(toks) and toks[k].lower in _NOUN_GAP:
        k += 1
    if k >= len(toks):
        return None
    w = toks[k].lower
    base = _base(w)
    if _MOVE_NOUNS.get(base):
        return _Counted(_MOVE_NOUNS[base], size, toks[k].end, base != w, False)
    if size is not None:
        return None
    if w in _HOLD_NOUNS:
        return _Counted(0, None, toks[k].end, w.endswith("s"), False)
    if w in _MEETING_NOUNS:
        return _Counted(None, None, toks[k].end, w.endswith("s"), True)
    return None


def rule_fed_count(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """How many decisions moved the rate one way (or left it where it was) in a period or in a
    row: "raised interest rates four times in 2018", "cut rates three times this year", "the third
    consecutive cut", "its fourth straight 75 basis point hike", "held rates steady for a fifth
    straight meeting", "the sixth rate increase this year". The count is of decisions of that
    direction (and size, when stated) in the stated period up to the article's date, or of the run
    of them that ends at the decision in the words' window; an ordinal with a period ("the sixth
    increase this year") counts those up to the decision in the window."""
    if not _fed_sentence(s):
        return []
    toks = s.tokens
    out: list[Claim] = []
    for i, t in enumerate(toks):
        n: int | None = None
        run = ordinal = False
        d: int | None = 0
        size = None
        if t.lower in _TIMES or (t.lower in ("times", "meetings") and _count_before_times(toks, i)):
            n = _TIMES.get(t.lower) or _count_before_times(toks, i)
            dv = _decision_direction(s, toks, i - (t.lower not in _TIMES))
            if dv is None:
                continue
            d, a, b = dv[0], dv[1].start, t.end
            nxt = [x.lower for x in toks[i + 1 : i + 4]]
            run = nxt[:2] == ["in", "a"] and nxt[2:3] == ["row"]
            if run:
                b = toks[i + 3].end
            elif t.lower == "meetings" or d == 0:
                continue  # "held rates steady at two meetings this year": not read
        elif (o := _ordinal_at(toks, i)) is not None or _cardinal(t.lower):
            k = o[1] if o is not None else i + 1
            if k + 1 < len(toks) and toks[k].lower in _RUN_WORDS:
                # "the third consecutive cut", "a fifth straight meeting", "three straight hikes"
                what = _counted(s, toks, k + 1)
                if what is None or what.plural != (o is None):
                    continue
                n, run, size = o[0] if o is not None else _cardinal(t.lower), True, what.size
                d, a = what.direction, t.start
                if d is None:
                    # "held rates steady for a fifth straight meeting": the verb's
                    dv = _decision_direction(s, toks, i)
                    if dv is None:
                        continue
                    d, a = dv[0], dv[1].start
            elif o is not None and k < len(toks):
                # "the sixth rate increase this year", "its 11th hike since March 2022"
                # "cut rates for the third time this year": the verb's direction
                what = _counted(s, toks, k)
                if what is None or what.plural:
                    continue
                n, ordinal, size, d, a = o[0], True, what.size, what.direction, t.start
                if what.meetings:
                    dv = _decision_direction(s, toks, i)
                    if dv is None:
                        continue
                    d, a = dv[0], dv[1].start
            else:
                continue
            b = what.end
        else:
            continue
        if d is None or not n or n > 20 or _not_a_decision(s, a, b) or _other_series(s, a, b):
            continue
        period = None if run else _count_period(s, b)
        if not run and period is None:
            continue  # "raised rates four times": no period to count in
        if ordinal and n == 1 and period is not None and period[3] is not None:
            continue  # "its first cut since December": the first-since rule's
        bind, first, last, how = _window(ctx, s, a)
        extra = {"first": first.isoformat(), "last": last.isoformat(), "window": how,
                 "n": n, "run": run, "ordinal": ordinal, "size": size}  # fmt: skip
        if period is not None:
            extra.update(p_first=period[0].isoformat(), p_last=period[1].isoformat())
            if period[3] is not None:
                extra.update(p_after=period[3].isoformat())
            b = max(b, period[2])
        out.append(make_claim(
            ctx, s, kind="other", measure="fed_count",
            subject=Bind(subject_by_key("fedfunds"), "the Fed", "named"),
            parts=[(a, b)], rule="fed_count", value=n, unit="count", date=bind, direction=d,
            needs=("subject",), at=a, extra=extra,
        ))  # fmt: skip
    return out


def _count_period(s: Sent, end: int) -> tuple[dt.date, dt.date, int, dt.date | None] | None:
    """The period a count of decisions is of, right after its words: "in 2018", "this year",
    "so far this year", "since December" (first day, last day, end offset, and for "since" the
    first day after the named time: "twice since July" may count July's decision or not), or
    ``None``."""
    for d in s.dates:
        if d.start < end or d.start > end + 20 or d.first is None or d.last is None:
            continue
        gap = s.doc.text[end : d.start].lower().split()
        if gap in (["in"], ["this"], [], ["so", "far"], ["so", "far", "in"], ["during"], ["of"]):
            return d.first, d.last, d.end, None
        if gap == ["since"]:
            ref = s.doc.ref or d.last
            return d.first, ref, d.end, d.last + _DAY
    the_year = _OF_THE_YEAR.match(s.doc.text, end, s.end)
    if the_year is not None and s.doc.ref is not None:
        # "the fourth rate hike of the year": the article's year, to its date
        return dt.date(s.doc.ref.year, 1, 1), s.doc.ref, the_year.end(), None
    return None


#: "the fourth rate hike of the year", "its third cut for the year"
_OF_THE_YEAR = re.compile(r"\s+(?:of|for|in)\s+the\s+year\b", re.I)


# ---------------------------------------------------------------------------------- the path
@dataclass(frozen=True)
class Levels:
    """The effective rate in force before and after a decision, and where it was read."""

    day: dt.date
    before: float
    after: float
    source: str
    evidence: str

    @property
    def move(self) -> float:
        return (self.after - self.before) * 100


def _mean(xs: list[float]) -> float:
    return sum(xs) / len(xs)


def _daily_levels(
    m: Market, day: dt.date, prev: dt.date | None, nxt: dt.date | None
) -> Levels | None:
    """The three-day means of the daily effective rate before and after ``day``."""
    eff = m.later(day + dt.timedelta(days=12)).series("fedfunds_daily")
    if (
        eff is None
        or eff.first > day - dt.timedelta(days=3)
        or eff.last < day + dt.timedelta(days=4)
    ):
        return None
    lo = max(day - dt.timedelta(days=8), (prev + _DAY) if prev else day - dt.timedelta(days=8))
    hi = min(day + dt.timedelta(days=8), nxt if nxt else day + dt.timedelta(days=8))
    pre = eff.between(lo, day).values[-3:]
    post = eff.between(day + _DAY, hi).values[:3]
    if not pre or not post:
        return None
    a, b = _mean(pre), _mean(post)
    ev = (f"daily effective fed funds rate {a:.2f}% before the decision of {day}, {b:.2f}% after "
          f"({(b - a) * 100:+.0f} bp)")  # fmt: skip
    return Levels(day, a, b, "daily", ev)


def _target_levels(m: Market, day: dt.date) -> Levels | None:
    """The store's target file around a decision on ``day`` (read up to 2016 only)."""
    if day > TARGET_RELIABLE_UNTIL:
        return None
    tgt = m.series("fed_target")
    if tgt is None or day > tgt.last + dt.timedelta(days=2):
        return None
    after = [(d, v) for d, v in tgt.between(day - _DAY, day).items()]
    if not after:
        return None
    got = after[-1]
    prior = tgt.before(got[0])
    if not len(prior):
        return None
    pd_, pv = prior.last, prior.values[-1]
    ev = f"fed_target {pd_} {pv:.2f}% → {got[0]} {got[1]:.2f}% ({(got[1] - pv) * 100:+.0f} bp)"
    return Levels(day, pv, got[1], "target", ev)


def _month_rows(s: Series, a: dt.date, b: dt.date) -> list[tuple[dt.date, dt.date, float]]:
    """(first day, last day, average) of the monthly rows from the month of ``a`` to that of ``b``."""
    rows = []
    for d, v in s.between(a.replace(day=1), b).items():
        last = d.replace(day=calendar.monthrange(d.year, d.month)[1])
        rows.append((d, last, v))
    return rows


def _solve(n: list[list[float]], r: list[float]) -> list[float] | None:
    """``n x = r`` by Gaussian elimination with partial pivoting; ``None`` when singular."""
    k = len(r)
    a = [[*row, r[i]] for i, row in enumerate(n)]
    scale = max((abs(x) for row in n for x in row), default=1.0) or 1.0
    for c in range(k):
        p = max(range(c, k), key=lambda i: abs(a[i][c]))
        if abs(a[p][c]) < 1e-9 * scale:
            return None
        a[c], a[p] = a[p], a[c]
        for i in range(c + 1, k):
            f = a[i][c] / a[c][c]
            if f:
                for j in range(c, k + 1):
                    a[i][j] -= f * a[c][j]
    x = [0.0] * k
    for c in range(k - 1, -1, -1):
        x[c] = (a[c][k] - sum(a[c][j] * x[j] for j in range(c + 1, k))) / a[c][c]
    return x


def _monthly_levels(m: Market, day: dt.date, decisions: list[dt.date]) -> Levels | None:
    """The levels before and after ``day`` solved from the monthly averages around it (and any
    daily rates there): see the module docstring."""
    later = m.later(day + dt.timedelta(days=80))
    mon = later.series("fedfunds")
    if mon is None:
        return None
    rows = _month_rows(mon, day - dt.timedelta(days=120), day + dt.timedelta(days=100))
    if not rows or rows[-1][1] <= day:
        return None
    a, b = rows[0][0], rows[-1][1]
    cuts = [d for d in decisions if a <= d < b]
    if day not in cuts:
        return None
    k = len(cuts) + 1

    def interval(t: dt.date) -> int:  # the level in force on t: set by the last decision before t
        return sum(1 for d in cuts if d < t)

    eqs: list[tuple[list[float], float]] = []
    cover = [0.0] * k
    for first, last, avg in rows:
        w = [0.0] * k
        n = (last - first).days + 1
        t = first
        while t <= last:
            w[interval(t)] += 1 / n
            cover[interval(t)] += 1
            t += _DAY
        eqs.append((w, avg))
    eff = later.series("fedfunds_daily")
    if eff is not None:
        for t, v in eff.between(a, b).items():
            w = [0.0] * k
            w[interval(t)] = 1.0
            cover[interval(t)] += 1
            eqs.append((w, v))
    i = cuts.index(day)
    if min(cover[i], cover[i + 1]) < MIN_COVER:
        return None
    normal = [[sum(w[p] * w[q] for w, _ in eqs) for q in range(k)] for p in range(k)]
    rhs = [sum(w[p] * y for w, y in eqs) for p in range(k)]
    x = _solve(normal, rhs)
    if x is None:
        return None
    before, after = x[i], x[i + 1]
    ev = (f"effective fed funds rate {before:.2f}% before the decision of {day}, {after:.2f}% "
          f"after ({(after - before) * 100:+.0f} bp), solved from the monthly averages "
          f"{rows[0][0]:%Y-%m} to {rows[-1][0]:%Y-%m} and the FOMC calendar")  # fmt: skip
    return Levels(day, before, after, "monthly", ev)


def decision_levels(m: Market, day: dt.date, decisions: list[dt.date]) -> list[Levels]:
    """Every source's levels around the decision on ``day`` (``decisions``: the FOMC calendar,
    sorted): the daily effective rate, else the monthly averages; the target file up to 2016."""
    i = decisions.index(day) if day in decisions else -1
    prev = decisions[i - 1] if i > 0 else None
    nxt = decisions[i + 1] if 0 <= i < len(decisions) - 1 else None
    rate = _daily_levels(m, day, prev, nxt) or (
        _monthly_levels(m, day, decisions) if i >= 0 else None
    )
    return [x for x in (_target_levels(m, day), rate) if x is not None]


def _level_on(m: Market, day: dt.date, decisions: list[dt.date]) -> tuple[float, str] | None:
    """The effective rate in force on ``day`` (a day with no decision near): the daily rate's mean
    over the three days up to it, else the level after the last decision before it."""
    eff = m.series("fedfunds_daily")
    if eff is not None and eff.first <= day <= eff.last + dt.timedelta(days=3):
        vals = eff.between(day - dt.timedelta(days=4), day).values[-3:]
        if vals:
            x = _mean(vals)
            return x, f"daily effective fed funds rate {x:.2f}% on {day}"
    prior = [d for d in decisions if d < day]
    if not prior:
        return None
    got = decision_levels(m, prior[-1], decisions)
    rate = [x for x in got if x.source != "target"]
    if not rate:
        return None
    how = "the daily effective rate" if rate[0].source == "daily" else "the monthly averages"
    return rate[0].after, (
        f"{rate[0].after:.2f}% in force on {day} (after the decision of {prior[-1]}, from {how})"
    )


# ---------------------------------------------------------------------------------- the judge
def _calendar(m: Market, last: dt.date) -> list[dt.date]:
    return m.later(last + dt.timedelta(days=80)).event_dates("fomc_meeting")


def judge_fed(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    """A Fed decision's move or range (see the module docstring)."""
    from thesis.claims.judge import Outcome

    x = c.extra
    first = dt.date.fromisoformat(x["first"]) if "first" in x else day - _DAY
    last = dt.date.fromisoformat(x["last"]) if "last" in x else day
    how = x.get("window", "strict")
    decisions = _calendar(m, last)
    settle = "the Fed's decisions (the FOMC calendar and the effective rate, `thesis data update fedfunds`)"
    if not decisions:
        return Outcome(None, "no FOMC calendar in the store", settle=settle)
    if how == "since":
        return _judge_since(c, first, last, m, decisions, settle)
    inside = [d for d in decisions if first <= d <= last]
    strict = how == "strict" or (
        how == "recent" and bool(inside) and inside[-1] >= last - dt.timedelta(days=_STRICT_DAYS)
    )
    if how == "recent" and strict:
        inside = [d for d in inside if d >= last - dt.timedelta(days=_STRICT_DAYS)][-1:]
    if c.measure == "fed_range":
        return _judge_range(
            c, inside, first, last, m, decisions, strict and len(inside) <= 1, settle
        )
    if not inside:
        return Outcome(None, f"no FOMC decision from {first} to {last}", settle=settle)
    stated = float(c.stated_value or 0)
    seen: list[str] = []
    far_all = True
    for d in reversed(inside):
        got = decision_levels(m, d, decisions)
        for lv in got:
            seen.append(lv.evidence)
            diff = abs(lv.move - stated) if c.direction else abs(abs(lv.move) - abs(stated))
            if diff <= MOVE_SLACK:
                return Outcome(True, lv.evidence, _MOVE_TOL, lv.move)
            far_all = far_all and diff >= MOVE_FAR
    if not seen:
        return Outcome(None, f"the store holds no effective rate around the decision{'s' if len(inside) > 1 else ''} "
                             f"of {', '.join(map(str, inside))}", settle=settle)  # fmt: skip
    ev = "; ".join(seen)
    if strict and len(inside) == 1 and far_all:
        return Outcome(False, ev, _MOVE_TOL, None)
    why = "" if strict else " (the words name no day of the decision: not contradicted)"
    return Outcome(None, ev + why, _MOVE_TOL, None, settle=settle)


_MOVE_TOL = (f"±{MOVE_SLACK:g} bp of the move (the effective rate drifts a few bp); contradicted "
             f"from {MOVE_FAR:g} bp off")  # fmt: skip


def _judge_range(
    c: Claim, inside: list[dt.date], first: dt.date, last: dt.date, m: Market,
    decisions: list[dt.date], strict: bool, settle: str,
) -> Outcome:  # fmt: skip
    from thesis.claims.judge import Outcome

    lo, hi = float(c.level or 0), float(c.extra.get("high") or 0)
    side = c.extra.get("side", "after")
    levels: list[tuple[float, str]] = []
    if inside:
        # the range after the decision, or (no "from" or "to" before it) the one it left: an
        # article of a decision day often names the range the rate had been raised to before it
        got = decision_levels(m, inside[-1], decisions)
        wd = int(c.extra.get("verb_dir") or 0)
        if wd and any(abs(lv.move) >= _A_MOVE and (lv.move > 0) != (wd > 0) for lv in got):
            # "The last increase came in December, to put rates at the current 2.25% to 2.5%
            # range" on the day of a cut: an earlier decision's range, the one this one left
            # (support only)
            side, strict = "before", False
        for lv in got:
            levels.append((lv.before if side == "before" else lv.after, lv.evidence))
            if side == "after":
                levels.append((lv.before, lv.evidence))
    else:
        on_day = _level_on(m, last, decisions)
        if on_day is not None:
            levels.append(on_day)
        if c.extra.get("verb_dir"):
            strict = False  # "raising the rate to a new range of ..." with no decision in reach
    if not levels:
        return Outcome(
            None, f"the store holds no effective rate from {first} to {last}", settle=settle
        )
    when = {"before": "before", "to": "after"}.get(side, "before or after")
    tol = (f"the rate {when} the decision inside the range (±{RANGE_SLACK:g} pp); contradicted "
           f"{RANGE_FAR:g} pp outside")  # fmt: skip
    ev = "; ".join(dict.fromkeys(e for _, e in levels))
    if any(lo - RANGE_SLACK <= v <= hi + RANGE_SLACK for v, _ in levels):
        return Outcome(True, ev, tol, levels[0][0])
    if strict and all(v < lo - RANGE_FAR or v > hi + RANGE_FAR for v, _ in levels):
        return Outcome(False, ev, tol, levels[0][0])
    return Outcome(None, ev, tol, levels[0][0], settle=settle)


def _judge_since(
    c: Claim, first: dt.date, last: dt.date, m: Market, decisions: list[dt.date], settle: str
) -> Outcome:
    """ "has raised rates by 525 basis points since March 2022": the level in force on the
    article's date minus the level before the first decision since the stated date."""
    from thesis.claims.judge import Outcome

    inside = [d for d in decisions if first <= d <= last]
    if not inside:
        return Outcome(None, f"no FOMC decision from {first} to {last}", settle=settle)
    start = [x for x in decision_levels(m, inside[0], decisions) if x.source != "target"]
    end = _level_on(m, last, decisions)
    if not start or end is None:
        return Outcome(
            None, f"the store holds no effective rate from {first} to {last}", settle=settle
        )
    move = (end[0] - start[0].before) * 100
    ev = (f"effective fed funds rate {start[0].before:.2f}% before the decision of {inside[0]}, "
          f"{end[1]}: {move:+.0f} bp since")  # fmt: skip
    stated = float(c.stated_value or 0)
    diff = abs(move - stated) if c.direction else abs(abs(move) - abs(stated))
    tol = f"±{MOVE_SLACK * 2:g} bp of the sum of the moves since the date"
    if diff <= MOVE_SLACK * 2:
        return Outcome(True, ev, tol, move)
    if diff >= 2 * MOVE_FAR:
        return Outcome(False, ev, tol, move)
    return Outcome(None, ev, tol, move, settle=settle)


#: a decision's move this large (bp) or more counts as a move of its direction
_A_MOVE = 12.0


def _move_of(m: Market, d: dt.date, decisions: list[dt.date]) -> float | None:
    """A decision's move in bp: the target file's up to 2016, else the effective rate's (read
    only when the target file gives none: a scan back to 2008 reads no daily rate)."""
    tgt = _target_levels(m, d)
    if tgt is not None:
        return tgt.move
    got = decision_levels(m, d, decisions)
    return got[0].move if got else None


def judge_fed_first_since(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    """ "its first rate cut since December 2024": the decision in the words' window that moved the
    rate the stated way, then the last one before it that did: supported when it falls in the
    stated period; contradicted (on a day or the article's week) when it falls after it, or when
    none did from the start of that period on."""
    from thesis.claims.judge import Outcome

    x = c.extra
    first, last = dt.date.fromisoformat(x["first"]), dt.date.fromisoformat(x["last"])
    s_first, s_last = (
        dt.date.fromisoformat(x["since_first"]),
        dt.date.fromisoformat(x["since_last"]),
    )
    sign = c.direction
    decisions = _calendar(m, last)
    settle = "the Fed's decisions (the FOMC calendar and the effective rate)"
    if not decisions or s_first < decisions[0]:
        return Outcome(
            None, f"the store's FOMC calendar does not reach back to {s_first}", settle=settle
        )
    now = None
    for d in reversed([d for d in decisions if first <= d <= last]):
        mv = _move_of(m, d, decisions)
        if mv is not None and mv * sign >= _A_MOVE:
            now = d
            break
    word = "cut" if sign < 0 else "hike"
    strict = x.get("window") == "strict" or (
        x.get("window") == "recent"
        and now is not None
        and now >= last - dt.timedelta(days=_STRICT_DAYS)
    )
    if now is None:
        return Outcome(None, f"no {word} in the store's data from {first} to {last}", settle=settle)
    for d in reversed([d for d in decisions if s_first <= d < now]):
        mv = _move_of(m, d, decisions)
        if mv is None:
            return Outcome(
                None, f"the store holds no effective rate around the decision of {d}", settle=settle
            )
        if mv * sign < _A_MOVE:
            continue
        ev = f"the {word} of {now}; the one before it: {d} ({mv:+.0f} bp)"
        if d <= s_last:
            return Outcome(True, ev, "the previous move that way in the stated period")
        if strict and abs(mv) >= MOVE_FAR:
            return Outcome(
                False,
                ev
                + (
                    f", more recent than {c.stated_value} allows"
                    if x.get("span")
                    else f", after {c.stated_value}"
                ),
                "the previous move that way in the stated period",
            )
        return Outcome(None, ev, "the previous move that way in the stated period", settle=settle)
    ev = f"the {word} of {now}; no {word} from {s_first} to it"
    if strict and not x.get("span"):
        # (a span's "its first cut in two years" is true of a longer one too: never contradicted
        # by an older last move, only by a newer one)
        return Outcome(False, ev, "the previous move that way in the stated period")
    return Outcome(None, ev, "the previous move that way in the stated period", settle=settle)


def _fits(mv: float, sign: int, size: float | None) -> bool:
    """Whether a decision's move (bp) is one of the kind counted: a hold (``sign`` 0, under
    :data:`_A_MOVE`), or a move of that direction, of ``size`` (±:data:`MOVE_SLACK`) when stated."""
    if sign == 0:
        return abs(mv) < _A_MOVE
    if mv * sign < _A_MOVE:
        return False
    return size is None or abs(abs(mv) - size) <= MOVE_SLACK


def judge_fed_count(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    """How many decisions moved the rate the stated way (or left it where it was): in the stated
    period up to the article's date, in the run that ends at the decision of the words' window, or
    up to that decision for an ordinal ("the sixth increase this year"). Supported when the count
    is the stated one; contradicted when it differs and every decision counted has its levels (a
    run's or an ordinal's only when the words fix the decision's day)."""
    from thesis.claims.judge import Outcome

    x = c.extra
    n, sign = int(x.get("n") or 0), c.direction
    size = x.get("size")
    word = "holds" if sign == 0 else "cuts" if sign < 0 else "hikes"
    if size is not None and sign:
        word = f"{size:g} bp {word}"
    first, last = dt.date.fromisoformat(x["first"]), dt.date.fromisoformat(x["last"])
    decisions = _calendar(m, last)
    settle = "the Fed's decisions (the FOMC calendar and the effective rate)"
    if not decisions:
        return Outcome(None, "no FOMC calendar in the store", settle=settle)
    tol = (
        "the count of decisions that left the rate within 12 bp"
        if sign == 0
        else "the count of decisions that moved the rate that way (12 bp or more"
        + (f", {size:g} ±{MOVE_SLACK:g} bp" if size is not None else "")
        + ")"
    )
    no_rate = "the store holds no effective rate around the decision of {}"
    strict = x.get("window") == "strict"
    inside = [d for d in decisions if first <= d <= last]
    if x.get("run"):
        run: list[dt.date] = []
        # read back from the window's last decision, one decision at a time (each read may
        # solve the monthly path: a run stops at its first other decision)
        for d in reversed([d for d in decisions if d <= (inside[-1] if inside else last)]):
            mv = _move_of(m, d, decisions)
            if mv is None:
                return Outcome(None, no_rate.format(d), settle=settle)
            if not _fits(mv, sign, size):
                if run or inside:
                    break
                continue  # the words' window ends after the last decision of the run
            run.append(d)
        ev = f"{len(run)} {word} in a row up to {run[0] if run else last}"
        if len(run) == n:
            return Outcome(True, ev, tol, len(run))
        return Outcome(None if not strict else False, ev, tol, len(run), settle=settle)
    p_first, p_last = dt.date.fromisoformat(x["p_first"]), dt.date.fromisoformat(x["p_last"])
    p_last = min(p_last, m.as_of)
    if x.get("ordinal"):
        # the decision the words speak of: the window's last one of the kind counted
        now = None
        for d in reversed(inside):
            mv = _move_of(m, d, decisions)
            if mv is None:
                return Outcome(None, no_rate.format(d), settle=settle)
            if _fits(mv, sign, size):
                now = d
                break
        if now is None:
            return Outcome(None, f"none of the {word} from {first} to {last}", tol, settle=settle)
        p_last = min(p_last, now)
    counted = []
    for d in [d for d in decisions if p_first <= d <= p_last]:
        mv = _move_of(m, d, decisions)
        if mv is None:
            return Outcome(None, no_rate.format(d), settle=settle)
        if _fits(mv, sign, size):
            counted.append(d)
    ev = f"{len(counted)} {word} from {p_first} to {p_last}: " + (
        ", ".join(map(str, counted)) or "none"
    )
    if len(counted) == n:
        return Outcome(True, ev, tol, len(counted))
    if "p_after" in x:
        # "twice since July": the decisions after July's month may be the ones meant
        after = [d for d in counted if d >= dt.date.fromisoformat(x["p_after"])]
        if len(after) == n:
            return Outcome(True, ev + f" ({n} after {x['p_after']})", tol, len(after))
    if x.get("ordinal") and not strict:
        return Outcome(None, ev, tol, len(counted), settle=settle)
    return Outcome(False, ev, tol, len(counted))
