"""Guards against false alarms: words that make a bound frame something a close cannot settle.

Each guard reads the words around one claim after :func:`thesis.claims.binding.make_claim` has
built its frame, and either adds a qualifier (the claim is then unverifiable, with the reason
in :data:`thesis.claims.judge._WHY_QUAL`), marks a slot loose (supported at most, never
contradicted), or re-dates a month the sentence itself dates:

* :func:`off_session` — a move or level "after hours", "in extended trading", "premarket": not
  the session's close-to-close move (qualifier ``extended``);
* :func:`counted` — a count of occurrences ("closed at 10 or lower just nine times", "on 15
  days", "New Record Highs 37 Times", "record highs: 37") or a threshold ("at 10 or lower"): not
  a level or a record on the article's day (qualifier ``count``);
* :func:`bare_month_anchor` — "its highest level since January" with no year, where the article
  names that month with another year elsewhere or the month is the article's own: the anchor's
  year is a guess (the ``date`` slot is loose);
* :func:`touched_extreme` — "the 10-year yield touched its highest level since January 2020":
  "touched", "hit", "reached" with a superlative is a level of the moment (often intraday), not
  a close; closes can support it, never contradict it (the ``measure`` slot is loose);
* :func:`macro_name_modifiers` — the closed world for macro series: a macro figure is
  contradicted only when the noun phrase that names it is one of the series' names with known
  modifiers ("the nation's unemployment rate", "headline CPI"); any other word in that phrase
  ("the real unemployment rate", "two or more jobs", "jobless claims") names something the
  store may not hold (the ``subject`` slot is loose);
* :func:`fronted_year` — "Early 2023 saw inflation rise since bottoming out at 2.3% in April": a
  month without a year in a sentence that opens on a year is that year's month.

The word lists are small and closed on purpose (the phrasing classes of docs/claims.md, round
13); a regular expression over the text would not see the tokens' clause boundaries.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from thesis.claims.price_measures import other_measure_between
from thesis.claims.vocab import DOWN_WORDS, UP_WORDS
from thesis.text.numbers import NUMBER_WORDS

if TYPE_CHECKING:
    from thesis.claims.binding import Ctx
    from thesis.claims.document import Sent, Token
    from thesis.claims.frames import Claim

__all__ = [
    "apply_guards",
    "bare_month_anchor",
    "counted",
    "fronted_year",
    "macro_name_modifiers",
    "off_session",
    "touched_extreme",
]

#: one word that puts a figure outside the regular session
_OFF_SESSION_WORDS = frozenset(
    {
        "afterhours", "after-hours", "after-market", "aftermarket", "postmarket", "post-market",
        "premarket", "pre-market", "extended-hours", "pre-open", "preopen",
    }
)  # fmt: skip
#: phrases that do ("in extended trading", "after hours", "the post-market session")
_OFF_SESSION_PHRASES = (
    ("after", "hours"), ("after", "-", "hours"), ("extended", "trading"), ("extended", "trade"),
    ("extended", "hours"), ("extended", "session"), ("extended", "-", "hours"),
    ("post", "-", "market"), ("pre", "-", "market"), ("after", "-", "market"),
    ("late", "-", "night", "trading"),
)  # fmt: skip
_TURNS = frozenset({";", "while", "whereas", "but", "ahead", "before", "after", "when", "as"})
#: measures read on the session's closes
_CLOSE_MEASURES = frozenset(
    {
        "close", "change", "points_change", "yield", "yield_change", "direction", "record",
        "since", "first_cross", "extreme", "close_on_date", "session_extreme", "distance",
        "threshold",
    }
)  # fmt: skip
#: measures of a level on a day (a count of occurrences or a threshold is not one)
_LEVEL_MEASURES = frozenset(
    {"close", "record", "yield", "close_on_date", "session_extreme", "first_cross", "since",
     "extreme", "threshold"}
)  # fmt: skip
#: nouns that count occurrences after a number ("nine times", "on 15 days")
_ALWAYS_COUNT = frozenset({"times", "occasions", "instances"})
_DAY_COUNT = frozenset({"days", "sessions", "trading"})
#: plural nouns of records ("37 record highs", "Record Highs 37 Times", "record closes: 37")
_RECORD_PLURALS = frozenset({"highs", "closes", "records", "peaks", "lows"})
_THRESHOLD = frozenset({"lower", "less", "below", "higher", "more", "above", "greater", "worse"})


def _words(toks: list[Token]) -> list[str]:
    return [t.lower for t in toks]


def _has(words: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1))


def off_session(ctx: Ctx, s: Sent, a: int, b: int) -> str:
    """The words that place the figure from ``a`` to ``b`` outside the regular session ("soared
    25% afterhours", "in after-hours trading", "In premarket trading Thursday, ... were up 2%"),
    or ``""``. Read in the claim's clause, a few words after it, and the sentence's words before
    it back to the previous figure."""
    cl = s.clause_of(max(a, b - 1))  # the figure's clause: "Nvidia (NVDA) stock soared 25%"
    before = ctx.doc.tokens_in(s.start, a)
    # back to the previous figure or a turn to another event ("ahead of its results after hours")
    nxt_w = [t.lower for t in before[1:]] + [""]
    cut = max(
        (
            k
            for k, t in enumerate(before)
            if t.kind == "number"
            or (t.lower in _TURNS and nxt_w[k] not in ("-", "hours", "market"))
        ),
        default=-1,
    )
    before = before[cut + 1 :]
    nxt = min((q.start for q in s.quantities if q.start >= b), default=s.end)
    after = ctx.doc.tokens_in(a, max(b, min(nxt, cl.end)))[:40]
    words = _words(before + after)
    for t in before + after:
        if t.lower in _OFF_SESSION_WORDS:
            return t.text
    for ph in _OFF_SESSION_PHRASES:
        if _has(words, ph):
            return " ".join(ph).replace(" - ", "-")
    return ""


def _count_token(t: Token) -> bool:
    if t.kind == "number":
        return t.text.replace(",", "").isdigit()
    return t.lower in NUMBER_WORDS


#: the unit words a move's figure may carry before "or more" ("15% or more", "100 points or more")
_MOVE_UNITS = frozenset({"%", "percent", "per", "cent", "points", "point", "bp", "basis"})
_SIGNS = frozenset({"+", "-", "−"})


#: the measures of a run of periods ("three straight years of gains", "five sessions in a row")
_STREAK_MEASURES = frozenset({"annual_streak", "streak", "move_streak", "record_streak"})
#: words that count occurrences on their own ("only twice")
_TIMES_WORDS = frozenset({"twice", "thrice"})


def occurrences_counted(s: Sent, a: int) -> str:
    """The words in the clause of a claim (from its start ``a``) that count how often it
    happened ("only twice", "three times", "on four occasions"), or ``""``."""
    cl = s.clause_of(a)  # its own clause: "..., a feat that has happened five times" is another's
    toks = [t for t in s.tokens if a <= t.start and t.end <= cl.end]
    for k, t in enumerate(toks):
        if t.lower in _TIMES_WORDS:
            return t.text
        if _count_token(t) and k + 1 < len(toks) and toks[k + 1].lower in _ALWAYS_COUNT:
            return f"{t.text} {toks[k + 1].text}"
    return ""


def move_threshold(s: Sent, at: int) -> str:
    """The words that make the move's figure at ``at`` a threshold ("15% or more", "2 percent or
    greater", "100 points or worse"), or ``""``: a change of at least so much, counted or
    conditioned on, is never the change of one period."""
    toks = s.after(at, 7)
    if toks and toks[0].text in _SIGNS:
        toks = toks[1:]  # "gained +10% or more": the sign is the figure's
    k = 1
    while k < len(toks) and toks[k].lower in _MOVE_UNITS:
        k += 1
    if 1 < k < len(toks) and toks[k].text == "+" and toks[k].start == toks[k - 1].end:
        return f"{toks[0].text}{toks[1].text}+"  # "20%+ returns": 20% or more
    if k + 1 < len(toks) and toks[k].lower == "or" and toks[k + 1].lower in _THRESHOLD:
        return f"{toks[0].text}{'' if toks[1].text == '%' else ' ' + toks[1].text} or {toks[k + 1].text}"
    return ""


def counted(ctx: Ctx, s: Sent, a: int, b: int, at: int) -> str:
    """The words that make the figure at ``at`` (claim from ``a`` to ``b``) a count of
    occurrences or a threshold rather than a level on a day, or ``""``: "closed at 10 or lower
    just nine times", "closed below 10 on 15 days", "New Record Highs 37 Times", "37 record
    highs", "record closes in 2017: 37", "at 10 or lower". A count over a period ("fell 5% in
    three sessions", "the highest close in 20 sessions") is not one: days and sessions count
    only after "on"."""
    cl = s.clause_of(at)
    toks = ctx.doc.tokens_in(min(cl.start, a), max(cl.end, b))
    w = _words(toks)
    k0 = next((k for k, t in enumerate(toks) if t.start >= at), len(toks))
    # a threshold right after the figure: "at 10 or lower", "2,500 or more"
    if k0 + 2 < len(toks) and w[k0 + 1] == "or" and w[k0 + 2] in _THRESHOLD:
        return f"{toks[k0].text} or {toks[k0 + 2].text}"
    for k, t in enumerate(toks):
        # the count is near the claim's words, not another figure of a long clause
        if not _count_token(t) or k + 1 >= len(toks) or not a - 40 <= t.start <= b + 40:
            continue
        nxt = w[k + 1]
        if nxt in _ALWAYS_COUNT:
            return f"{t.text} {toks[k + 1].text}"
        if nxt in _DAY_COUNT and k > 0 and w[k - 1] == "on":
            return f"on {t.text} {toks[k + 1].text}"
        if nxt in _DAY_COUNT and k > 1 and w[k - 1] in ("only", "just") and w[k - 2] == "on":
            # "has closed above 50 on only 75 trading days"
            return f"on {toks[k - 1].text} {t.text} {toks[k + 1].text}"
        if nxt in _DAY_COUNT and "when" in w[k + 2 : max(k + 2, k0)] and toks[k].start < a:
            # "the only two days in history when the VIX got below 9": the days the clause
            # counts, not a day it dates
            return f"{t.text} {toks[k + 1].text} ... when"
        # "37 record highs", "37 new record closes", "37 all-time highs"
        rest = [x for x in w[k + 1 : k + 5] if x not in ("new", "all-time", "all", "-", "time")]
        if rest[:2] and rest[0] == "record" and rest[1:2] and rest[1] in _RECORD_PLURALS:
            return f"{t.text} record {rest[1]}"
        # "Record Highs 37", "record closes: 37", "record highs in 2017: 37"
        back = w[max(0, k - 5) : k]
        if (
            "record" in back
            and any(x in _RECORD_PLURALS for x in back[back.index("record") :])
            and t.kind == "number"
            and len(t.text.replace(",", "")) <= 3
        ):
            return f"record {next(x for x in back if x in _RECORD_PLURALS)} {t.text}"
    return ""


def bare_month_anchor(ctx: Ctx, s: Sent, c: Claim, b: int) -> str:
    """Why a "since MONTH" anchor written without a year ("its highest level since January")
    is a guess, or ``""``: the article names that month with another year elsewhere ("since
    January 2019" two paragraphs up), or the month is the article's own (this month's start or a
    year before)."""
    first = c.extra.get("anchor_first")
    if not isinstance(first, dt.date):
        return ""
    d = next((d for d in s.dates if d.end == b and d.first == first), None)
    if d is None or d.kind != "month" or d.explicit_year:
        return ""
    ref = ctx.ref
    if ref is not None and (ref.year, ref.month) == (first.year, first.month):
        return f"{d.text!r} without a year is the article's own month or the one a year before"
    month = first.month
    for o in ctx.doc.dates:
        if (
            o is not d
            and o.explicit_year
            and o.kind in ("month", "day")
            and o.first is not None
            and o.first.month == month
            and o.first.year != first.year
        ):
            return (
                f"{d.text!r} without a year: the article also names {o.text!r}; "
                f"read as {first:%B %Y}, a guess"
            )
    return ""


def fronted_year(ctx: Ctx, s: Sent, c: Claim) -> None:
    """Re-date a month the claim's period names without a year ("in April") to the year the
    sentence opens on ("Early 2023 saw inflation trends rise since bottoming out at an
    annualized 2.3% in April": April 2023, not the latest April). Only a year in the sentence's
    first three words ("In 2023,", "Early 2023 saw", "During 2023") and no other year in it."""
    p = c.period
    if p is None or p.first is None or p.last is None or not p.text:
        return
    months = [d for d in s.dates if d.kind == "month" and not d.explicit_year and d.text == p.text]
    if len(months) != 1 or months[0].first != p.first:
        return
    years = [d for d in s.dates if d.explicit_year and d is not months[0]]
    if len(years) != 1 or years[0].kind != "year" or years[0].first is None:
        return
    head = ctx.doc.tokens_in(s.start, years[0].start)
    if len([t for t in head if t.kind == "word"]) > 2 or years[0].start > months[0].start:
        return
    y = years[0].first.year
    if y == p.first.year:
        return
    try:
        first, last = p.first.replace(year=y), p.last.replace(year=y)
    except ValueError:  # February 29 in another year: leave the reading as it was
        return
    c.period = dataclasses.replace(p, first=first, last=last)
    c.bound["period"] = f"{c.bound.get('period', p.text)}; {p.text} of {years[0].text!r}"


#: verbs that reach a level at some moment rather than close there ("touched its highest since")
_TOUCH_VERBS = frozenset(
    {"touch", "touched", "touches", "touching", "hit", "hits", "hitting", "reach", "reached",
     "reaches", "reaching", "tagged", "tapped", "struck", "strikes", "striking", "scaled",
     "breached"}
)  # fmt: skip
#: words only a close states ("closed at its highest since"): a touch verb then does not loosen
_CLOSE_WORDS = frozenset(
    {"close", "closed", "closes", "closing", "finished", "finish", "finishes", "ended", "ends",
     "settled", "settles", "settle"}
)  # fmt: skip
_SUPERLATIVES = frozenset({"highest", "lowest", "high", "low", "peak", "best", "worst", "strongest",
                           "weakest", "largest", "smallest", "record"})  # fmt: skip
_TOUCH_SKIP = frozenset({"its", "their", "the", "a", "an", "new", "fresh", "to", "at", "on"})


def touched_extreme(ctx: Ctx, s: Sent, a: int, b: int) -> str:
    """The verb that makes a "since" superlative a level reached at some moment rather than a
    close ("touched its highest level since January 2020", "hit its highest since 2008",
    "reached its lowest level in a year"), or ``""``. Read in the claim's clause: the verb
    right before the superlative (determiners and "new" skipped); a close word anywhere in the
    clause ("closed at its highest since") keeps the close reading."""
    cl = s.clause_of(max(a, b - 1))
    toks = ctx.doc.tokens_in(min(cl.start, a), max(cl.end, b))
    words = [t.lower for t in toks]
    if any(w in _CLOSE_WORDS for w in words):
        return ""
    k = next(
        (k for k, t in enumerate(toks) if t.start >= a - 1 and words[k] in _SUPERLATIVES), None
    )
    if k is None:
        return ""
    j = k - 1
    while j >= 0 and words[j] in _TOUCH_SKIP:
        j -= 1
    if j >= 0 and words[j] in _TOUCH_VERBS:
        return toks[j].text
    return ""


#: the macro series whose names form a closed world (docs/claims.md, round 16)
_MACRO_KINDS = frozenset({"labor", "inflation", "gdp", "policy_rate"})
#: words that may stand in the noun phrase before a macro series' name without naming another
#: series: determiners, the country, the release and its timing, "headline", "overall"... Built
#: from the names of the correct contradicted and supported macro labels of the eight labelled
#: sets (docs/claims.md, round 16); any other word ("real", "broad", "youth", "more") makes the
#: figure support-only
_MACRO_KNOWN = frozenset(
    {
        # determiners and possessives of the nation or the release
        "the", "a", "an", "this", "that", "these", "those", "its", "their", "our", "his", "her",
        "u.s.", "us", "u.s", "america's", "american", "nation's", "country's", "economy's",
        "national", "domestic", "federal", "fed", "fed's", "government's", "department's",
        "bureau's", "bls", "labor", "reserve's",
        # the figure's kind and timing
        "headline", "monthly", "annual", "annualized", "yearly", "quarterly", "overall", "total",
        "official", "nonfarm", "non-farm", "seasonally", "adjusted", "seasonally-adjusted",
        "year-over-year", "year-on-year", "month-over-month", "all-items", "consumer", "price",
        "key", "benchmark", "effective", "target", "latest", "new", "current", "recent",
        "preliminary", "advance", "initial", "first", "second", "third", "final", "revised",
        "closely", "closely-watched", "watched", "widely", "widely-watched", "last", "next",
        "month's", "year's", "quarter's", "week's", "today's", "yesterday's",
        "first-quarter", "second-quarter", "third-quarter", "fourth-quarter", "q1", "q2", "q3",
        "q4",
        # a description of the same series' level ("stubbornly high inflation")
        "high", "low", "higher", "lower",
    }
)  # fmt: skip
#: possessives of a month or a weekday ("September's jobs report", "Friday's payrolls")
_TIME_OWNERS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
     "saturday", "sunday"}
)  # fmt: skip
#: words that end the noun phrase before a name: prepositions, conjunctions, verbs of reporting
_NP_BOUNDARY = frozenset(
    {
        "of", "in", "for", "on", "at", "to", "from", "by", "with", "as", "than", "into", "over",
        "and", "or", "but", "while", "whereas", "if", "that", "which", "where", "when", "after",
        "before", "since", "because", "so", "then", "also", "still", "even", "only", "just",
        "is", "was", "were", "are", "be", "been", "being", "has", "have", "had", "will", "would",
        "could", "should", "may", "might", "can", "said", "says", "say", "show", "shows",
        "showed", "see", "sees", "saw", "expect", "expects", "put", "puts", "keep", "keeps",
        "kept", "left", "leave", "leaves", "hold", "holds", "held", "cut", "cuts", "raise",
        "raises", "lift", "lifts", "push", "pushes", "pushed", "bring", "brings", "brought",
        "add", "adds", "added", "lose", "loses", "lost", "shed", "sheds", "create", "creates",
        "what", "how", "why", "there", "here", "not", "no", "all", "both", "each",
    }
)  # fmt: skip
#: head nouns after a macro name that make it another measure ("jobless claims", "inflation
#: expectations", "the GDP deflator", "the inflation target")
_OTHER_HEADS = frozenset(
    {
        "claims", "claim", "benefits", "insurance", "expectations", "expectation", "target",
        "targets", "goal", "deflator", "openings", "participation", "swaps", "swap", "futures",
        "breakevens", "breakeven", "premium", "gap", "duration", "per", "nowcast", "tracker",
        "hedge", "hedges", "fears", "worries", "concerns",
    }
)  # fmt: skip
_DETERMINERS = frozenset({"the", "a", "an", "this", "these", "those", "its", "their", "our"})
_OPEN_CLOSE = frozenset('.,;:()[]"“”‘’—–!?')


def _units_before(toks: list[Token], k: int, n: int) -> list[str]:
    """Up to ``n`` written words before token ``k``, each the run of tokens with no space
    between them ("U.S.", "U-6", "non-farm", "nation's"), lower-cased, nearest first."""
    out: list[str] = []
    j = k - 1
    while j >= 0 and len(out) < n:
        end = j
        while j > 0 and toks[j - 1].end == toks[j].start:
            j -= 1
        out.append("".join(t.text for t in toks[j : end + 1]).lower())
        j -= 1
    return out


#: parts of a price index or a jobs report a figure may be about ("rents in this CPI report")
_COMPONENTS = frozenset(
    {"rent", "rents", "shelter", "food", "energy", "gasoline", "gas", "airfares", "fares",
     "apparel", "services", "goods", "medical", "vehicles", "cars", "housing", "electricity",
     "insurance", "tuition", "wages", "eggs", "fuel", "utilities", "lodging"}
)  # fmt: skip


#: nouns after a component that make it the figure's subject ("food prices were up 11.2%")
_COMPONENT_HEADS = frozenset({"prices", "price", "costs", "cost", "index", "inflation"})


def _component_between(words: list[str]) -> str:
    """A component of a price index named between the index's name and the figure ("inflation
    components, food prices were up 11.2%"): "components", or a component noun before a price
    noun; else ""."""
    for i, w in enumerate(words):
        if w in ("component", "components"):
            return w
        if w in _COMPONENTS and words[i + 1 : i + 2] and words[i + 1] in _COMPONENT_HEADS:
            return f"{w} {words[i + 1]}"
    return ""


def macro_name_modifiers(ctx: Ctx, s: Sent, c: Claim, at: int) -> str:
    """Why the noun phrase that names the claim's macro series is not one of its names with
    known modifiers, or ``""``: "the real unemployment rate" ("real"), "two or more jobs"
    ("more"), "jobless claims", "inflation expectations" (another head noun). Read on the
    mention of the series nearest before the figure at ``at`` in the sentence (else the first
    after it); the words before the name back to a determiner, a preposition, a verb, a figure
    or punctuation must all be known (:data:`_MACRO_KNOWN`)."""
    subj = c.subject
    if subj is None:
        return ""
    ms = [m for m in s.subjects if m.subject is not None and m.subject.key == subj.key]
    if not ms:
        return ""
    before = [m for m in ms if m.start <= at]
    m = before[-1] if before else ms[0]
    lead = s.words_before(m.start, 6)
    if "in" in lead:
        part = next(
            (w for w in lead[: len(lead) - 1 - lead[::-1].index("in")] if w in _COMPONENTS), None
        )
        if part is not None:
            # "the rise in rents in this CPI report": a component the report includes
            return f"{part!r} is a component of {subj.name}, not the index"
    # a relative clause between commas describes the name ("The core CPI, which excludes food and
    # energy prices, exhibited a 3.1% rise"): its nouns are no component the figure is of
    asides = s.closed_asides(at)
    between = [
        t.lower
        for t in s.doc.tokens_in(m.end, at)
        if t.kind == "word" and not any(a <= t.start < b for a, b in asides)
    ]
    part = _component_between(between)
    if part:
        # "In terms of inflation components, food prices were up 11.2%": a component's figure
        return f"{part!r} is a component of {subj.name}, not the index"
    other = other_measure_between(s, m.end, at) if subj.kind == "inflation" else ""
    if other:
        # "the latest report on inflation showed that wholesale prices jumped a record 9.6%":
        # another price measure named between the name and the figure is the figure's
        return f"{other!r} is another price measure than {subj.name}"
    toks = s.tokens
    k = next((i for i, t in enumerate(toks) if t.start >= m.start), None)
    e = next((i for i, t in enumerate(toks) if t.start >= m.end), len(toks))
    if k is None:
        return ""
    if e < len(toks) and toks[e].start > toks[e - 1].end and toks[e].lower in _OTHER_HEADS:
        return f"{m.text!r} {toks[e].text!r} is another measure than {subj.name}"
    own = {a.lower() for a in subj.aliases}
    for w in _units_before(toks, k, 4):
        bare = w.replace("’", "'").strip("\"'“”‘")
        if bare in _DETERMINERS:
            return ""  # the phrase starts here, every word after it known
        if bare in _MACRO_KNOWN or bare in own:
            continue  # a known word, or another of the series' names ("annual CPI inflation")
        if (
            not bare
            or (w[-1:] in _OPEN_CLOSE and w != "u.s.")
            or bare in _NP_BOUNDARY
            or bare[:1].isdigit()
            or bare in NUMBER_WORDS
            or bare.endswith(("ed", "ing", "ly"))
            or bare in ("million", "thousand", "billion", "percent")
        ):
            return ""  # a verb, a preposition, a figure or punctuation ends the phrase
        if bare in _TIME_OWNERS or (bare.endswith("'s") and bare[:-2] in _TIME_OWNERS):
            continue
        return f"{w!r} before {m.text!r} names something other than {subj.name}"
    return ""


#: words one of which a sentence must hold for :func:`off_session` / :func:`counted` to look
_OFF_TRIGGERS = frozenset({"after", "extended", "post", "pre", "late", *_OFF_SESSION_WORDS})
_COUNT_TRIGGERS = frozenset({"or", "record", *_ALWAYS_COUNT, *_DAY_COUNT})


def _triggers(s: Sent) -> tuple[bool, bool]:
    """Whether the sentence holds a word :func:`off_session` or :func:`counted` starts from,
    read once per sentence (most sentences hold neither: the guards then cost a lookup)."""
    got = s.__dict__.get("_guard_triggers")
    if got is None:
        low = {t.lower for t in s.tokens}
        got = (not low.isdisjoint(_OFF_TRIGGERS), not low.isdisjoint(_COUNT_TRIGGERS))
        s.__dict__["_guard_triggers"] = got
    return got


#: nouns of occasions a percentage may be a share of ("71% of the time", "86% of cases")
_OCCASIONS = frozenset(
    {"time", "times", "cases", "instances", "occasions", "years", "months", "weeks", "days",
     "sessions", "periods", "occurrences", "trading", "those", "them"}
)  # fmt: skip


def share_of_occasions(s: Sent, at: int) -> str:
    """The words that make the percentage at ``at`` a share of occasions ("71% of the time",
    "in 86% of cases", "40% of all trading days"), or ""."""
    q = next((q for q in s.quantities if q.start == at), None)
    if q is None or q.unit != "pct":
        return ""
    after = s.words_after(q.end, 4)
    if after[:1] != ["of"]:
        return ""
    nouns = [w for w in after[1:] if w not in ("the", "all", "its", "these")]
    return f"{q.text} of {' '.join(after[1:])}" if nouns[:1] and nouns[0] in _OCCASIONS else ""


#: words after a size that make it a move either way ("moved 1% in either direction")
_EITHER = (("in", "either", "direction"), ("either", "way"), ("in", "either", "way"))


def either_way(s: Sent, at: int) -> str:
    """The words that make the figure at ``at`` a size of a move either way ("rose or fell by at
    least 1% on twice as many days", "up or down 2%", "moved 1% in either direction"): the
    threshold of a count of days, not one move; "" otherwise."""
    prev = [t.lower for t in s.before(at, 7)]
    for i in range(1, len(prev) - 1):
        if prev[i] != "or":
            continue
        x, y = prev[i - 1], prev[i + 1]
        if (x in UP_WORDS and y in DOWN_WORDS) or (x in DOWN_WORDS and y in UP_WORDS):
            return f"{x} or {y}"
    q = next((q for q in s.quantities if q.start == at), None)
    after = tuple(s.words_after(q.end, 3)) if q is not None else ()
    return next((" ".join(e) for e in _EITHER if after[: len(e)] == e), "")


def apply_guards(ctx: Ctx, s: Sent, c: Claim, a: int, b: int, at: int) -> None:
    """Apply every guard of the module to the frame ``c`` (words ``a``..``b``, number at
    ``at``)."""
    off, count = _triggers(s)
    if off and c.measure in _CLOSE_MEASURES:
        word = off_session(ctx, s, a, b)
        if word and "extended" not in c.qualifiers:
            c.qualifiers.append("extended")
            c.extra["off_session"] = word
    if count and c.measure in _LEVEL_MEASURES:
        word = counted(ctx, s, a, b, at)
        if word and "count" not in c.qualifiers:
            c.qualifiers.append("count")
            c.extra["count_words"] = word
    if count and c.measure in ("change", "points_change"):
        # "has gained 15% or more in the first half 13 other times": a threshold, not a move
        word = move_threshold(s, at)
        if word and "count" not in c.qualifiers:
            c.qualifiers.append("count")
            c.extra["count_words"] = word
    if c.measure in ("change", "points_change", "yield_change") and "count" not in c.qualifiers:
        word = either_way(s, at)
        if word:
            c.qualifiers.append("count")
            c.extra["count_words"] = word
    if c.measure in ("change", "points_change", "other") and "count" not in c.qualifiers:
        # "has posted an annual gain 71% of the time", "in 86% of cases": a share of occasions
        word = share_of_occasions(s, at)
        if word:
            c.qualifiers.append("count")
            c.extra["count_words"] = word
    if c.measure in _STREAK_MEASURES and "count" not in c.qualifiers:
        # "has achieved three straight years of 20%+ returns only twice": how often such a
        # streak happened, not the streak that ends now
        word = occurrences_counted(s, a)
        if word:
            c.qualifiers.append("count")
            c.extra["count_words"] = word
    if c.measure in ("since", "first_cross"):
        why = bare_month_anchor(ctx, s, c, b)
        if why:
            c.loose["date"] = why
    if c.period is not None and c.period.text and s.dates:
        fronted_year(ctx, s, c)
    if (
        c.measure in ("since", "record", "extreme")
        and "measure" not in c.loose
        and (c.subject is None or c.subject.kind not in _MACRO_KINDS)  # a month has no intraday
    ):
        verb = touched_extreme(ctx, s, a, b)
        if verb:
            c.loose["measure"] = (
                f"{verb!r} with a superlative is a level reached at some moment (often "
                "intraday), not a close"
            )
    if c.subject is not None and c.subject.kind in _MACRO_KINDS and "subject" not in c.loose:
        why = macro_name_modifiers(ctx, s, c, at)
        if why:
            c.loose["subject"] = why
