"""Extracting claim frames from an article: sentences → rules → frames.

:func:`extract_claims` reads the text once (:class:`~thesis.claims.document.Doc`), walks its
sentences, runs every rule of :mod:`thesis.claims.rules` on each and returns the frames in text
order with ids ``c01``, ``c02``... Work is bounded: at most :data:`MAX_CHARS` characters are read,
a sentence longer than :data:`~thesis.text.sentences.MAX_SENTENCE_CHARS` is cut, and at most
:data:`MAX_CLAIMS` claims are kept; each cut adds a warning to the result.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from thesis.claims import rules as _rules
from thesis.claims.averages import AVERAGE_WORDS
from thesis.claims.binding import Ctx
from thesis.claims.document import Doc, Sent
from thesis.claims.fed_decisions import HOLD_VERBS
from thesis.claims.frames import Claim
from thesis.claims.level_runs import RUN_WORDS
from thesis.claims.opens import OPEN_WORDS
from thesis.claims.peaks import PEAK_VERBS
from thesis.claims.regimes import REGIME_WORDS
from thesis.claims.rules import RULES, Rule
from thesis.claims.subjects import SubjectFinder, builtin_finder
from thesis.claims.thresholds import THRESHOLD_WORDS
from thesis.claims.twofigures import mark_two_figures
from thesis.claims.vocab import CLOSE_WORDS, DOWN_WORDS, UP_WORDS
from thesis.text.dates import DateMention
from thesis.text.numbers import ORDINALS

__all__ = ["MAX_CHARS", "MAX_CLAIMS", "MAX_FIGURES", "Extraction", "extract", "extract_claims"]

#: characters of an article read (a long article is checked on its first MAX_CHARS characters)
MAX_CHARS = 100_000
#: claims kept per article
MAX_CLAIMS = 400
#: figures read per sentence (more is a table or a run of numbers, not a sentence)
MAX_FIGURES = 60


@dataclass
class Extraction:
    """The frames found and the warnings about what was cut."""

    claims: list[Claim]
    warnings: list[str] = field(default_factory=list)
    doc: Doc | None = None
    ctx: Ctx | None = None


def extract(
    text: str,
    article_date: dt.date | None,
    *,
    window: tuple[dt.date, dt.date] | None = None,
    finder: SubjectFinder | None = None,
    where: str = "the article",
) -> Extraction:
    """Find the claims in ``text`` (see the module docstring).

    Parameters
    ----------
    text
        The article body.
    article_date
        Its date (resolves "on Monday", "today", dates without a year); may be ``None``.
    window
        The article's date as a window (first, last day) when it is known only to a month; the
        default is ``(article_date, article_date)``.
    finder
        Subject finder (with the store's companies); default: the built-in subjects only.
    where
        The article's name, for warnings.
    """
    warnings: list[str] = []
    if len(text) > MAX_CHARS:
        warnings.append(
            f"{where}: {len(text):,} characters; only the first {MAX_CHARS:,} were read "
            "(a longer text is not one article: split it, or check the part you need)"
        )
        text = text[:MAX_CHARS]
    if window is None and article_date is not None:
        window = (article_date, article_date)
    ref = window[1] if window else article_date
    raw = text
    # a hyphen written as U+2010 or the non-breaking U+2011 ("52‑week high") is read as "-", and an
    # apostrophe written as an acute accent or a closing double quote ("CBOE´s", "Poor”s") as
    # one; the text keeps its length, so every offset holds and the quotes are cut from the raw
    # text
    text = text.translate(_HYPHENS)
    if "”" in text:
        text = _QUOTE_APOSTROPHE.sub("’", text)
    hyphens = text != raw
    doc = Doc(text, ref, finder or builtin_finder())
    sents = _sentences(doc)
    cut = sum(1 for s in doc.sentences if s.cut)
    if cut:
        warnings.append(
            f"{where}: {cut} sentence piece(s) longer than the cap were read in pieces; claims "
            "that span a cut are not read"
        )
    ctx = Ctx(doc, sents, window, lead=_lead_day(sents, window), live=_live(doc))
    claims: list[Claim] = []
    crowded = 0
    gated = [(rule, _GATES.get(rule)) for rule in RULES]
    for s in sents:
        used: set[int] = set()
        found: list[Claim] = []
        if len(s.quantities) > MAX_FIGURES:
            # a table or a run of figures, not prose: its first figures only
            crowded += 1
            s.quantities = s.quantities[:MAX_FIGURES]
        words = frozenset(t.lower for t in s.tokens)
        for rule, gate in gated:
            if gate is not None and not gate(words):
                continue  # none of its trigger words: it would find nothing (see _GATES)
            found.extend(rule(ctx, s, used))
        found.sort(key=lambda c: (c.start, c.end))
        mark_two_figures(s, found)
        for c in found:
            if c.measure == "close" and isinstance(c.stated_value, float):
                ctx.stated.append(c)
        claims.extend(found)
        if len(claims) > MAX_CLAIMS:
            warnings.append(
                f"{where}: more than {MAX_CLAIMS} claims; only the first {MAX_CLAIMS} were checked"
            )
            claims = claims[:MAX_CLAIMS]
            break
    if crowded:
        warnings.append(
            f"{where}: {crowded} sentence(s) held more than {MAX_FIGURES} figures; only their first "
            f"{MAX_FIGURES} were read"
        )
    claims = _dedupe(claims)
    chrome = _lines_before_headline(text)
    for c in claims:
        if any(a <= c.start < b for a, b in chrome):
            c.loose.setdefault("date", _CHROME_WHY)
    for i, c in enumerate(claims, 1):
        c.id = f"c{i:02d}"
        if hyphens:
            c.quote = raw[c.start : c.end]
    return Extraction(claims, warnings, doc, ctx)


_CHROME_WHY = (
    "a title line above the article's own headline (a page's menu, another post's title): "
    "the day it speaks of is not known to be the article's"
)


def _lines_before_headline(text: str) -> list[tuple[int, int]]:
    """The spans of the title lines that open ``text`` above its last one ("VIX Posted Lowest
    Close since 2020" / "Stocks Retreat as VIX Hits 30" / the body): a stored page's first
    title-like lines are its menu or another post's titles; the one right above the body is the
    article's headline. Empty when fewer than two title lines open the text."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True)[:12]:
        start, pos = pos, pos + len(line)
        words = line.split()
        if not words:
            continue
        if not _title_like(line.strip(), words):
            break
        spans.append((start, pos))
    return spans[:-1] if len(spans) >= 2 else []


def _title_like(line: str, words: list[str]) -> bool:
    """Whether a line reads as a title: short, no sentence end, its long words capitalised."""
    if len(line) > 140 or line.endswith((".", ":", ";", ",")) or len(words) < 3:
        return False
    long = [w for w in words if len(w) >= 4 and w[:1].isalpha()]
    return bool(long) and sum(w[:1].isupper() for w in long) >= 0.75 * len(long)


#: hyphens other than "-" that mean it (U+2010 hyphen, U+2011 non-breaking hyphen), and the acute
#: accent written for an apostrophe
_HYPHENS = {0x2010: "-", 0x2011: "-", 0x00B4: "’"}
#: a closing double quote between a word and its "s" ("Standard & Poor”s 500"): an apostrophe
_QUOTE_APOSTROPHE = re.compile(r"(?<=[A-Za-z])”(?=s\b)")


#: the rules that find nothing in a sentence without one of their trigger words, and the test on
#: the sentence's set of lower-cased words that says whether to run them. Each of these rules
#: scans the sentence's tokens for such a word and returns nothing when none is there, so the test
#: changes no result; it saves the scans (about a tenth of a check). A rule whose trigger words
#: change must change its test here too: ``tests/claims/test_extract_gates.py`` runs each gated
#: rule on every sentence of the claim corpora and fails when a gate would skip a claim.
#: the words a Fed decision's size or range is written with (``fed_decisions._sizes``: a
#: quantity in bp, pp, percent or points, or a fraction of a point in words)
_FED_SIZE_WORDS = frozenset(
    {"bp", "bps", "basis", "base", "percentage", "pct", "pp", "percent", "per-cent", "cent", "%",
     "point", "points", "half", "quarter", "quarters"}
)  # fmt: skip

_GATES: dict[Rule, Callable[[frozenset[str]], bool]] = {
    _rules.rule_fed: lambda w: not w.isdisjoint(_FED_SIZE_WORDS) or not w.isdisjoint(HOLD_VERBS),
    _rules.rule_fed_first_since: lambda w: "first" in w and ("since" in w or "in" in w),
    _rules.rule_fed_count: lambda w: (
        not w.isdisjoint(("times", "once", "twice", "consecutive", "straight", "successive", "row"))
        or not w.isdisjoint(ORDINALS)
        or not w.isdisjoint(("st", "nd", "rd", "th"))
    ),
    _rules.rule_average: lambda w: not w.isdisjoint(AVERAGE_WORDS),
    _rules.rule_session_open: lambda w: not w.isdisjoint(OPEN_WORDS),
    _rules.rule_table_cell: lambda w: "|" in w,
    _rules.rule_record: lambda w: not w.isdisjoint(("record", "all", "new", "fresh")),
    _rules.rule_record_streak: lambda w: (
        not w.isdisjoint(("record", "records", "all-time", "closing"))
    ),
    _rules.rule_record_count: lambda w: (
        "peak" in w
        or "highs" in w
        or any(x.startswith("record") for x in w)
        or ("times" in w and not w.isdisjoint(("all-time", "high")))  # "an all-time high 57 times"
    ),
    _rules.rule_record_level: lambda w: "record" in w or ("all" in w and "time" in w),
    _rules.rule_macro_record: lambda w: "all" in w or any(x.startswith("record") for x in w),
    _rules.rule_rank: lambda w: "highest" in w or "lowest" in w,
    _rules.rule_first: lambda w: "first" in w,
    _rules.rule_session_extreme: lambda w: "high" in w or "low" in w,
    _rules.rule_dated_level: lambda w: not w.isdisjoint(_rules.DATED_LEVEL_WORDS),
    _rules.rule_count_of: lambda w: (
        "of" in w and not w.isdisjoint(("up", "higher", "down", "lower"))
    ),
    _rules.rule_peak_on_day: lambda w: not w.isdisjoint(PEAK_VERBS),
    _rules.rule_near_record: lambda w: not w.isdisjoint(("record", "all-time", "all")),
    _rules.rule_threshold: lambda w: not w.isdisjoint(THRESHOLD_WORDS),
    _rules.rule_level_run: lambda w: not w.isdisjoint(RUN_WORDS),
    _rules.rule_regime: lambda w: not w.isdisjoint(REGIME_WORDS),
    _rules.rule_closure: lambda w: "closed" in w,
    _rules.rule_ordinal_tally: lambda w: (
        "the" in w and not w.isdisjoint(("last", "past", "previous", "prior"))
    ),
}


def extract_claims(text: str, article_date: dt.date | None, **kw: object) -> list[Claim]:
    """The claims in ``text`` (an article body), in order of appearance.

    Parameters
    ----------
    text
        The article body.
    article_date
        Its publication date (resolves "on Monday", "today", dates without a year); may be None.
    **kw
        See :func:`extract` (``window``, ``finder``, ``where``).

    Returns
    -------
    list of Claim
        Each with a quote that is an exact substring of ``text``.
    """
    return extract(text, article_date, **kw).claims  # type: ignore[arg-type]


def _sentences(doc: Doc) -> list[Sent]:
    """The sentences, each list item linked to the line it hangs from.

    A list's header is a line of its own: a sentence that starts a line and is neither a list
    item nor the rest of one. A sentence that goes on on a list item's line ("- The Dow fell
    1.2%. It closed below its 50-day average for the first time since July 6.") belongs to that
    item: it is never a header, and the items after it keep the list's own header.
    """
    out: list[Sent] = []
    header: Sent | None = None
    period: Sent | None = None
    in_item = False  # the sentence before belongs to a list item (the item or its rest)
    adjacent = False  # only list items stand between the header and this sentence
    sents = [Sent(doc, i, st.start, st.end) for i, st in enumerate(doc.sentences)]
    for s in sents:
        s.own_line = _starts_line(doc.text, s.start)
    # a recap of several days, each under a line that only names it ("August 18, 2025 (Monday)"):
    # those lines head the lines below them, as "On Tuesday:" does (one such line alone is the
    # article's own date line)
    heads = [
        s.own_line and s.is_dated_line() and not _axis_label(sents, i) for i, s in enumerate(sents)
    ]
    dated = sum(heads) >= 2
    for i, s in enumerate(sents):
        if s.own_line and (s.is_period_header() or (dated and heads[i])):
            period = s  # "For the week:": the lines below share its period, up to the next one
        elif period is not None and i - period.index <= 8:
            s.period_header = period
        if s.bullet:
            s.header, s.under_header = header, adjacent
            in_item = True
        elif in_item and not s.own_line:
            s.header = header  # the rest of a list item's line: part of the item
            s.item_rest = True
        elif s.first_subject() is not None or (s.own_line and (s.subjects or s.dates)):
            # the line a list hangs from: the last one that names a subject (or, on a line of
            # its own, the market or a day: "On April 10, stocks sank ...")
            header, adjacent = s, True
            in_item = False
        else:
            in_item = adjacent = False
            if header is not None and i - header.index > 5:
                header = None
        out.append(s)
    return out


def _axis_label(sents: list[Sent], i: int) -> bool:
    """Whether the dated line ``sents[i]`` is one of a chart's axis labels or a bare list of days
    ("June 28" over "July 1" over "July 2" over "5,440"): the line after it is another dated line
    or only figures, so it heads no line of text."""
    nxt = sents[i + 1] if i + 1 < len(sents) else None
    if nxt is None or not nxt.own_line:
        return False
    if nxt.is_dated_line():
        return True
    return bool(nxt.tokens) and all(t.kind == "number" or not t.text.isalnum() for t in nxt.tokens)


def _starts_line(text: str, pos: int) -> bool:
    """Whether only blanks stand between the line's start and ``pos``."""
    k = text.rfind("\n", 0, pos)
    return not text[k + 1 : pos].strip()


def _live(doc: Doc) -> bool:
    """Whether the article was written during the session ("was last up", "on pace for", "live
    updates"): then its figures for the day are intraday, not closes."""
    from thesis.claims.vocab import LIVE_PHRASES

    words = [t.lower for t in doc.tokens[:3000]]
    if _closing_report(doc):
        return False
    return (
        _live_marker(words, LIVE_PHRASES)
        or _close_conditional(words)
        or ((_trading_lead(doc) or _session_clock(doc.text)) and _CLOSE_VERBS.isdisjoint(words))
    )


#: a time of the session written with its half of the day ("At 12:00 p.m. ET", "at 11:30 am")
_SESSION_CLOCK = re.compile(
    r"(?:^|(?<=[.!?]\s))(?:At|As of|By)\s+(?P<h>1[0-2]|0?[1-9])(?::(?P<m>[0-5]\d))?\s*"
    r"(?P<ap>[ap]\.?m\.?)\s*(?:E[SD]?T\b)?\s*,"
    # a wire's time stamp opening a line: "03:52 PM EDT, 09/02/2025 (MT Newswires) --"
    r"|^(?P<h2>1[0-2]|0?[1-9]):(?P<m2>[0-5]\d)\s*(?P<ap2>[ap]\.?m\.?)\s*E[SD]?T\b\s*,",
    re.IGNORECASE | re.MULTILINE,
)


def _session_clock(text: str) -> bool:
    """Whether a sentence of the story opens with a time while the session is open ("At 12:00
    p.m. ET, the Dow showed a rise of 267.48 points"): 9:30 a.m. to 4 p.m., the time stamp of a
    market update (an event's time inside a sentence, "the press conference began at 2:30 p.m.",
    is not one). With no closing verb anywhere in it (checked by the caller), the story was filed
    during the session."""
    for m in _SESSION_CLOCK.finditer(text[:20000]):
        hh, mm, ap = (m.group("h"), m.group("m"), m.group("ap")) if m.group("h") else (
            m.group("h2"), m.group("m2"), m.group("ap2"))  # fmt: skip
        h = int(hh) % 12 + (12 if ap.lower().startswith("p") else 0)
        minutes = h * 60 + int(mm or 0)
        if 9 * 60 + 30 <= minutes < 16 * 60:
            return True
    return False


#: words after "traded"/"trading" in a lead that report the session in progress ("U.S. stocks
#: traded higher on Tuesday")
_TRADING_SIDES = frozenset(
    {"higher", "lower", "mixed", "up", "down", "flat", "sharply", "slightly"}
)


#: verbs of the session's start in a lead ("U.S. market indexes began down")
_OPENING_VERBS = frozenset({"began", "opened", "started"})
#: times of the open session a lead may name ("a decline on Friday morning")
_SESSION_TIMES = frozenset({"morning", "midday", "mid-morning", "early-afternoon"})
_WEEKDAY_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "today"})


def _trading_lead(doc: Doc) -> bool:
    """Whether the story's lead (its first sentences) reports the session as trading ("U.S.
    stocks traded higher on Tuesday", "Stocks are trading lower"), opening ("U.S. market indexes
    began down") or at a time of day it was open ("a decline on Friday morning"): with no closing
    verb anywhere in the story (checked by the caller), it was written while the session was
    open."""
    for sent in doc.sentences[:4]:
        ws = [t.lower for t in doc.tokens_in(sent.start, sent.end)]
        for k, w in enumerate(ws[:-1]):
            if w in ("traded", "trading", "trades") and ws[k + 1] in _TRADING_SIDES:
                return True
            if w in _OPENING_VERBS and ws[k + 1] in _TRADING_SIDES:
                return True
            if w in _SESSION_TIMES and k and ws[k - 1] in _WEEKDAY_WORDS:
                return True
            # "rose 0.7% to 34,544.01 after midday on Tuesday", "in afternoon trading"
            if (
                w in _SESSION_TIMES | {"noon", "afternoon", "mid-afternoon"}
                and k
                and (
                    ws[k - 1] in ("after", "at", "by", "around", "before", "near")
                    or (ws[k - 1] == "in" and ws[k + 1] == "trading")
                )
            ):
                return True
            # "US equity indexes declined ahead of the close on Tuesday"
            if w == "ahead" and ws[k + 1 : k + 4] == ["of", "the", "close"]:
                return True
    return False


#: words that name a period longer than the session: "on track for its best year", "on pace for
#: a 17% gain in 2025" speak of an unfinished year (or month, week), not of an open session
_LONG_PERIODS = frozenset(
    {"year", "years", "month", "months", "week", "weeks", "quarter", "quarters", "annual",
     "yearly", "monthly", "weekly", "quarterly", "decade", "half", "year's", "month's", "week's",
     # "on track for losses of 3% or more in August": a month named
     "january", "february", "march", "april", "june", "july", "august", "september", "october",
     "november", "december"}
)  # fmt: skip
#: words that place "was last up" outside the regular session (the session itself is over)
_AFTER_SESSION = frozenset({"after", "extended", "premarket", "pre", "overnight", "futures"})
#: a closing verb in a headline or a lead: the story reports the session's close
_CLOSE_VERBS = frozenset(
    {"closes", "closed", "ends", "ended", "finishes", "finished", "settles", "settled"}
)
#: words before a closing verb that make it an earlier session's close
_EARLIER = frozenset({"after", "since", "when", "yesterday", "previous", "prior", "last", "before"})
#: what "close" must be followed by to be the verb ("stocks close higher"), not "close to"
_CLOSE_AFTER = frozenset(
    {"higher", "lower", "up", "down", "sharply", "mixed", "flat", "at", "in", "with", "near"}
)


def _live_marker(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    """A live phrase that is about the session. Not one that is about a longer period
    ("on track to finish the year up 17%", "on pace for its best year since 1997": the year is
    unfinished, the day's session may be over), nor "was last up" in a sentence about trading
    outside the session ("in after-hours trading ..., Microsoft was last up 2%": the session has
    closed). Hand-written: each match needs the words around it, which a phrase list cannot hold."""
    first: dict[str, list[tuple[str, ...]]] = {}
    for ph in phrases:
        first.setdefault(ph[0], []).append(ph)
    for i, w in enumerate(words):
        for ph in first.get(w, ()):
            if tuple(words[i : i + len(ph)]) != ph:
                continue
            if ph[:2] in (("on", "track"), ("on", "pace")):
                after = _clause_words(words, i + len(ph), 12, forward=True)
                if _longer_period(after):
                    continue
            if len(ph) == 2 and ph[1] == "last":
                before = _clause_words(words, i, 40, forward=False)
                if any(x in _AFTER_SESSION for x in before):
                    continue
            return True
    return False


#: words that make "on track for ..." a figure of the session ("its biggest one-day jump")
_SESSION_WORDS = frozenset({"day", "one-day", "daily", "session", "single-day", "close"})


def _longer_period(after: list[str]) -> bool:
    """Whether the words after "on track for" make a longer period their object ("its best
    year", "a 17% gain in 2025", "to finish the year"), not a scope of the session's figure ("its
    biggest jump of the month", "its biggest one-day gain", "to close at a record")."""
    if any(x in _SESSION_WORDS or x == "one" for x in after):
        return False
    for k, x in enumerate(after):
        if x in _LONG_PERIODS or (x.isdigit() and len(x) == 4):
            scope = after[max(0, k - 2) : k]
            if "of" in scope:
                continue  # "the biggest jump of the month": the month scopes a day's move
            return True
    return False


def _clause_words(words: list[str], i: int, n: int, *, forward: bool) -> list[str]:
    """Up to ``n`` words from ``i`` onwards (or before ``i``), stopping at a sentence end (and, going
    forward, at a clause break)."""
    stops = {".", ";", ":", ",", "!", "?"} if forward else {".", "!", "?"}
    out: list[str] = []
    rng = range(i, min(len(words), i + n)) if forward else range(i - 1, max(-1, i - n - 1), -1)
    for k in rng:
        if words[k] in stops:
            break
        out.append(words[k])
    return out


def _closing_report(doc: Doc) -> bool:
    """Whether the article's headline or lead (its first two sentences) reports the
    session's close: "US stocks close sharply higher", "S&P 500 closes at all-time high", "US
    stocks ended sharply higher on Wednesday". A live blog whose headline reports the close was
    updated after it ("Stock market news live updates: S&P 500 closes at all-time high"), and a
    closing report's "in midday trading" is a moment of a finished session: its figures for the
    day are closes. A verb of the future or a condition ("could close", "if stocks close") does
    not count."""
    for sent in doc.sentences[:2]:
        if any(
            d.first is not None
            and d.kind in ("day", "weekday", "relative")
            and (doc.ref is None or d.first != doc.ref)
            for d in doc.dates_in(sent.start, sent.end)
        ):
            # "... after the S&P 500 closed at a record on Friday": another day's close (a month
            # named in the lead, "retreat from its June peak", dates no close)
            continue
        ws = [t.lower for t in doc.tokens_in(sent.start, sent.end)]
        for k, w in enumerate(ws):
            prev = ws[k - 1] if k else ""
            if any(x in _EARLIER for x in ws[:k]):
                break  # "Stocks rise after the S&P 500 closed at a record": an earlier close
            if prev in ("to", "could", "would", "may", "might", "will", "if", "should", "not"):
                continue
            nxt = ws[k + 1] if k + 1 < len(ws) else ""
            if w in _CLOSE_VERBS and nxt != "to":
                return True
            if w == "close" and nxt in _CLOSE_AFTER and prev not in ("the", "a", "its", "at"):
                return True
    return False


def _close_conditional(words: list[str]) -> bool:
    """ "If a correction is confirmed at the closing bell, ...", "if the index ends at
    these levels by the close": an "if" whose condition (the next 12 words, up to a comma) is the
    coming close. The story is written while the session is open, so its figures for the day are
    not closes. Hand-written: a phrase list cannot hold the words between "if" and the close."""
    from thesis.claims.binding import _has_phrase
    from thesis.claims.vocab import LIVE_CONDITION_ENDS

    for i, w in enumerate(words):
        if w != "if":
            continue
        cond = []
        for x in words[i + 1 : i + 13]:
            if x in (",", ";", ".", ":"):
                break
            cond.append(x)
        if _has_phrase(cond, LIVE_CONDITION_ENDS):
            return True
    return False


def _lead_day(sents: list[Sent], window: tuple[dt.date, dt.date] | None):  # type: ignore[no-untyped-def]
    """The session a day-dated article reports, when its opening sentences name it ("Stocks fell
    on Tuesday...", "...is up 0.50% today"): a weekday, "today" or a date in the week up to the
    article's date. Claims with no date of their own are read on that day."""
    if window is None or window[0] != window[1]:
        return None
    day = window[1]
    sents = [s for s in sents[:4] if not _caption(s)][:3]
    named = {
        d.first
        for s in sents[:3]
        for d in s.dates
        if d.kind in ("weekday", "relative", "day")
        and d.first == d.last
        and not _subordinate(s, d)
        and not _byline(s, d)
        and not _date_line(s, d, day)
    }
    if len(named) > 1:
        return None  # the opening names two days ("fared Monday" ... "fell on Tuesday"): no lead
    from thesis.claims.binding import _anchor_date, base_day

    for s in sents[:3]:
        for d in s.dates:
            if _subordinate(s, d) or _byline(s, d) or _date_line(s, d, day):
                continue  # "After closing at a record on Friday, ...": another event's day
            if _anchor_date(s, d) or base_day(s, d) is not None:
                # "jumped to 38.57 from Friday's close of 23.39", "up from its previous close of
                # 23.73 on Friday": the day of a base, not the session reported (still a day the
                # opening names, above: with another, the opening names no one session)
                continue
            single = (
                d.kind in ("weekday", "relative", "day")
                and d.first is not None
                and d.first == d.last
            )
            recent = single and d.first is not None and day - dt.timedelta(days=6) <= d.first <= day
            if recent and d.first is not None and d.first.weekday() >= 5:
                continue  # "30/01/2021, Saturday" under a wrap's headline: no session to report
            if recent and (d.kind != "day" or d.weekday is not None or d.first == day):
                return d
    return None


def _date_line(s: Sent, d: DateMention, day: dt.date) -> bool:
    """Whether ``d`` is the article's own date in a sentence that reports no move or close: a
    title ("Stock Market News for June 28, 2016"), a dateline ("[August 27, 2025] By") or a page's
    date line ("| October 08, 2021"). It dates the page, which may be published the morning after
    the session it reports or while it trades, so it pins no session: the article's date keeps its
    two candidate sessions. A sentence that reports the session on its date ("On Dec 30, 2021 the
    S&P 500 closed at ...") still does."""
    if d.kind != "day" or d.first != day or d.weekday is not None:
        return False
    words = {t.lower for t in s.doc.tokens_in(s.start, s.end) if t.kind == "word"}
    return not words & _SESSION_REPORT_WORDS


#: words of a sentence that reports a session's move or close
_SESSION_REPORT_WORDS = UP_WORDS | DOWN_WORDS | CLOSE_WORDS


#: a photo's credit line ("Getty Images", "Spencer Platt/Getty Images", "AP Photo/Seth Wenig")
_CREDIT = re.compile(
    r"^\s*(?:(?:Photo|Image|Picture)(?:\s+by)?:?\s*)?[\w .'/-]{0,40}?"
    r"\b(?:Getty Images|Reuters|AP Photo|AFP|Bloomberg|Shutterstock|iStock|EPA|Xinhua)\b[\w .'/-]{0,30}$",
    re.I,
)


def _caption(s: Sent) -> bool:
    """Whether ``s`` is a photo's caption: the last sentence of its line, followed by a line that
    is a picture credit ("Traders work on the floor of the New York Stock Exchange on Thursday." /
    "Getty Images"): its day is the picture's, not the session the story reports."""
    text = s.doc.text
    nl = text.find("\n", s.end)
    if nl < 0 or text[s.end : nl].strip():
        return False
    nxt = text.find("\n", nl + 1)
    line = text[nl + 1 : nxt if nxt >= 0 else len(text)]
    return bool(line.strip()) and bool(_CREDIT.match(line.strip()))


#: words of a byline or a time stamp before its date ("Written by A. Saleh June 16, 2023")
_BYLINE_WORDS = frozenset({"written", "published", "updated", "posted", "edited", "modified"})
#: a periodical's masthead before a date: its volume or issue number
_MASTHEAD = re.compile(r"\b(?:vol(?:ume)?|issue|no)\.?\s*\d+\b", re.I)
_CLOCK_AFTER = re.compile(r"^\s*(?:[|·•,-]\s*)?\d{1,2}:\d{2}")
#: a page's reading-time stamp after its date ("December 31, 2025·4 min read")
_READ_AFTER = re.compile(r"^\s*[|·•,-]?\s*\d{1,3}\s*-?\s*min(?:ute)?s?\.?\s+read\b", re.I)


def _byline(s: Sent, d: DateMention) -> bool:
    """Whether ``d`` is a byline's or a time stamp's date ("Written by Athik Saleh June 16, 2023 |
    01:54 pm", "Published 10:32 AM ET"): when the page was written, not a session it reports."""
    if _BYLINE_WORDS.intersection(s.words_before(d.start, 6)):
        return True
    line = s.doc.text[s.doc.text.rfind("\n", 0, d.start) + 1 : d.start]
    if _MASTHEAD.search(line):
        return True  # "VOL. 43 | NO. 34 | Friday, August 23, 2019": the date
    after = s.doc.text[d.end : d.end + 24]
    return bool(_CLOCK_AFTER.match(after) or _READ_AFTER.match(after))


def _subordinate(s: Sent, d: DateMention) -> bool:
    """Whether ``d`` dates another event than the session the article reports: its clause opens
    with a subordinating word ("After closing at a record on Friday, ..."), or it is a day's
    possessive before an event ("erasing much of Monday's rally")."""
    from thesis.claims.binding import _SUBORDINATORS

    cl = s.clause_of(d.start)
    first = next((t.lower for t in s.doc.tokens_in(cl.start, cl.end) if t.kind == "word"), "")
    if first in _SUBORDINATORS:
        return True
    nxt = s.words_after(d.end, 1)
    return d.text.endswith(("'s", "’s")) and bool(nxt) and nxt[0] in _EVENT_NOUNS


#: nouns of a market event a day's possessive may date ("Monday's rally", "Friday's selloff")
_EVENT_NOUNS = frozenset(
    {"rally", "gain", "gains", "loss", "losses", "selloff", "sell-off", "slide", "drop",
     "decline", "surge", "advance", "rebound", "bounce", "rout", "plunge", "jump", "tumble",
     "record", "records", "high", "low", "move", "swoon", "slump", "meeting", "decision", "report"}
)  # fmt: skip


def _dedupe(claims: list[Claim]) -> list[Claim]:
    """Drop a claim that repeats another's measure on the same words (or the same sentence
    written twice)."""
    seen: set[tuple[str, str, str]] = set()
    out: list[Claim] = []
    for c in claims:
        # the same words twice (a page that repeats its title) are one claim
        key = (c.measure, " ".join(c.quote.split()), str(c.stated_value))
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out
